// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "column_roles.h"
#include "profile.h"

namespace cxmap::csv {

using Rows = std::vector<std::vector<std::string>>;

/// What a platform's header rows say about one column.
struct ColumnPlan {
  std::string name;           ///< column id: attribute key and `question` value ("Q5", "ResponseId")
  std::string question_text;  ///< the question as the respondent read it; may be empty
  /// The role the platform layout gives; nullopt leaves it to the generic
  /// detection (header vocabulary, sample values) of AssignRoles().
  std::optional<Role> role;
  bool pii = false;       ///< IP address, e-mail, names, location: never text, droppable
  std::string time_zone;  ///< IANA zone its times are written in (Qualtrics timeZone)
  bool utc = false;       ///< its times are UTC ("Submit Date (UTC)")
  /// What the export itself says of the question, where it says anything.
  enum class Kind {
    kUnknown,  ///< decided from the question wording and the answers
    kOpen,     ///< a text box (Qualtrics _TEXT, "Open-Ended Response"): text
               ///< unless its answers are numbers or dates (a ZIP code box)
    kClosed,   ///< a choice question (a Qualtrics QID without _TEXT): never text
  };
  Kind kind = Kind::kUnknown;
  /// A question of the survey (not platform metadata or embedded data):
  /// when it ends up neither text nor id, its cells are typed answers.
  bool question = false;
  /// A sub-column of a multiple-answer or matrix question (SurveyMonkey):
  /// the question's id and the option or row label under it.
  std::string group;
  std::string option;
};

/// How a file of one platform is laid out.
struct SurveyLayout {
  Platform platform = Platform::kGeneric;
  size_t header_rows = 1;
  std::vector<ColumnPlan> columns;
  /// Choice labels ("Very satisfied", "10 - Extremely likely") count as
  /// scores: platforms export choice text instead of codes on request.
  bool score_labels = false;
  std::vector<std::pair<std::string, std::string>> details;  ///< for `cxmap inspect`
};

/// Reads the layout of `rows` (the header rows, then a sample of data rows,
/// cells as read) for `platform`. Generic: one header row, names cleaned,
/// roles left to AssignRoles(). Platforms: column ids, question text,
/// metadata roles (id, time, language, respondent), PII flags, and which
/// questions are open-ended (from the export's own markers: Qualtrics
/// `_TEXT` ImportIds, SurveyMonkey "Open-Ended Response"; else from the
/// sample's values) and which are scores (question text + values in
/// range). `has_header` false: columns are column_1, column_2…
/// Errors: NotSupported for an export that holds no responses (the
/// LimeSurvey structure file), with the refusal message. Thread-safe.
Result<SurveyLayout> ReadLayout(Platform platform, const Rows& rows, bool has_header);

/// True for a Qualtrics ImportId descriptor cell: {"ImportId":"QID1"}, or
/// as 2016 "Insights" exports wrote it, {'ImportId': 'QID1'}.
bool IsImportIdCell(std::string_view cell);

// Per-platform readers, each in its own file; `rows` is non-empty.
SurveyLayout QualtricsLayout(const Rows& rows);
SurveyLayout SurveyMonkeyLayout(const Rows& rows);
SurveyLayout SingleHeaderLayout(Platform platform, const Rows& rows);  // Google, MS, Typeform, LimeSurvey

/// One known metadata column of a platform: its folded header, the role it
/// takes and whether it holds personal data.
struct MetaColumn {
  std::string_view folded;
  Role role;
  bool pii = false;
};

/// Applies `table` to the columns whose folded name is listed: role and
/// PII flag; a single-valued role goes to the first such column only.
void ApplyMetaColumns(std::span<const MetaColumn> table, SurveyLayout* layout);
inline void ApplyMetaColumns(std::initializer_list<MetaColumn> table, SurveyLayout* layout) {
  ApplyMetaColumns(std::span<const MetaColumn>(table.begin(), table.size()), layout);
}

/// Decides the columns a platform layout left open (role nullopt and not
/// PII): a score role when the question text names one and the sample's
/// values are in range, text when the values read as free answers, else
/// attribute. `first_data` is the index of the first data row in `rows`.
void DecideQuestionColumns(const Rows& rows, size_t first_data, SurveyLayout* layout);

/// A header cell as a question text: HTML tags dropped (<br> becomes a
/// space), the common entities decoded, whitespace collapsed, NFC.
std::string PlainQuestionText(std::string_view cell);

}  // namespace cxmap::csv
