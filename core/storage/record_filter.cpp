// SPDX-License-Identifier: Apache-2.0
// CompileFilter: a parsed `--where` filter (filter_syntax.h) checked against
// the fields it may name and compiled to an SQLite condition with bound
// values; and ParseIsoTimeMs for --since / --until. The grammar is in
// filter_syntax.cpp, the label resolver in filter_resolve.cpp.
#include "core/storage/record_filter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <optional>
#include <vector>

#include "core/storage/filter_limits.h"
#include "core/storage/filter_syntax.h"
#include "core/util/ascii.h"

namespace cxmap::core {

using filter::Kind;
using filter::Literal;
using filter::Node;

namespace {

// Filters come from the command line and scripts: their length and
// nesting are bounded before parsing, their conditions after
// (filter_limits.h), so the compiled SQL stays well inside SQLite's own
// limits: a chain of and/or terms and an `in` list compile to balanced
// trees, a chain of `not` to one level.

enum class Type { kText, kNumber, kTime, kLanguage, kSentiment, kBool, kAny };

struct FieldInfo {
  std::string_view name;
  std::string_view column;
  Type type;
};

constexpr FieldInfo kFields[] = {
    {"lang", "lang", Type::kLanguage},         {"language", "lang", Type::kLanguage},
    {"channel", "channel", Type::kText},       {"sub_channel", "sub_channel", Type::kText},
    {"segment", "segment", Type::kText},       {"source", "source", Type::kText},
    {"touchpoint", "touchpoint", Type::kText}, {"stage", "stage", Type::kText},
    {"owner", "owner", Type::kText},           {"text", "text", Type::kText},
    {"id", "id", Type::kText},                 {"respondent", "respondent", Type::kText},
    {"sentiment", "sentiment", Type::kSentiment}, {"nps", "nps", Type::kNumber},
    {"csat", "csat", Type::kNumber},           {"ces", "ces", Type::kNumber},
    {"rating", "rating", Type::kNumber},       {"time", "time_ms", Type::kTime},
    {"mapped", "mapped", Type::kBool},         {"attribute", "", Type::kText},
};

std::optional<FieldInfo> FindField(std::string_view name) {
  const std::string lower = AsciiLower(name);
  for (const auto& f : kFields) {
    if (f.name == lower) return f;
  }
  return std::nullopt;
}

std::optional<double> AsNumber(const Literal& v) {
  if (v.quoted || v.text.empty()) return std::nullopt;
  double d = 0;
  auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), d);
  if (ec != std::errc() || end != v.text.data() + v.text.size()) return std::nullopt;
  return d;
}

std::string EscapeLike(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

class Compiler {
 public:
  explicit Compiler(std::string_view text) : text_(text) {}

  Status Compile(const Node& n, std::string* sql) {
    switch (n.kind) {
      case Kind::kAnd:
      case Kind::kOr: {
        // `a or b or c …` parses left-deep; as written, 100 terms nest 100
        // parentheses deep, past SQLite's parser stack. Balanced, 7.
        std::vector<const Node*> terms;
        Flatten(n, n.kind, &terms);
        std::vector<std::string> parts(terms.size());
        for (size_t i = 0; i < terms.size(); ++i) CXMAP_RETURN_IF_ERROR(Compile(*terms[i], &parts[i]));
        *sql = BalancedJoin(parts, 0, parts.size(), n.kind == Kind::kAnd ? "AND" : "OR");
        return Status::Ok();
      }
      case Kind::kNot: {
        // A condition is 1, 0 or NULL; "not" keeps 0 and NULL, so that
        // "not (nps >= 9)" keeps rows without an NPS: IS NOT 1. A chain of
        // them is one level (an even count: IS 1), not one per `not`.
        const Node* inner = &n;
        bool negate = false;
        for (; inner->kind == Kind::kNot; inner = &inner->children[0]) negate = !negate;
        std::string a;
        CXMAP_RETURN_IF_ERROR(Compile(*inner, &a));
        *sql = fmt::format("({} IS {}1)", a, negate ? "NOT " : "");
        return Status::Ok();
      }
      default: return Leaf(n, sql);
    }
  }

  // The terms of a chain of one operator, in order.
  static void Flatten(const Node& n, Kind kind, std::vector<const Node*>* out) {
    if (n.kind != kind) {
      out->push_back(&n);
      return;
    }
    for (const Node& child : n.children) Flatten(child, kind, out);
  }

  std::vector<SqlValue> binds;

 private:
  // PLUGIN.FIELD: the plugin's record-level value; answers.QUESTION: the
  // response's answer (any of them, for a multiple-choice question). Names
  // are bound, never spliced into SQL.
  Status DottedLeaf(const Node& n, std::string* sql) {
    size_t dot = n.field.find('.');
    std::string prefix = n.field.substr(0, dot), name = n.field.substr(dot + 1);
    if (name.empty() || name.find('"') != std::string::npos) {
      return Status::InvalidArgument(fmt::format("--where: '{}' names no field", n.field));
    }
    FieldInfo any{n.field, "", Type::kAny};
    std::string column, open, close;
    std::vector<SqlValue> names;
    bool negated = false;
    if (prefix == "answers") {
      // A number compares with the answer's number (a rating's point), a
      // word with its text ("Very satisfied" also on a rating). `!=` means
      // no answer equals the value: with ticked boxes App and Website,
      // `!= App` is false.
      column = "a.value";  // per value below
      negated = n.kind == Kind::kCompare && (n.op == "!=" || n.op == "<>");
      open = std::string(negated ? "NOT " : "") +
             "EXISTS (SELECT 1 FROM answers a WHERE a.response = facts.response AND a.question = ? AND ";
      close = ")";
      names = {name};
    } else {
      column = "(SELECT x.value FROM results x WHERE x.record = facts.record AND x.plugin = ?"
               " AND x.field = ? AND x.sentence = -1 LIMIT 1)";
      names = {prefix, name};
    }
    auto condition = [&](const Literal& v, std::string* out) -> Status {
      if (prefix == "answers") {
        column = n.kind != Kind::kContains && AsNumber(v) ? "coalesce(a.number, a.value)" : "a.value";
      }
      std::string cmp;
      size_t before = binds.size();
      if (n.kind == Kind::kContains) {
        cmp = fmt::format("(instr(lower({}), lower(?)) > 0)", column);
        binds.emplace_back(v.text);
      } else {
        CXMAP_RETURN_IF_ERROR(
            Compare(n, any, column, n.kind == Kind::kIn || negated ? "=" : n.op, v, &cmp));
      }
      // The names come first in the SQL text, so their binds go first.
      binds.insert(binds.begin() + static_cast<std::ptrdiff_t>(before), names.begin(), names.end());
      *out = open.empty() ? cmp : "(" + open + cmp + close + ")";
      return Status::Ok();
    };
    if (n.kind == Kind::kIn) {
      // One lookup for the whole list, not one per value: each lookup is a
      // subquery over a view, costly to prepare (kFilterMaxLookups).
      const size_t before = binds.size();
      std::string inner;
      if (prefix == "answers") {
        std::vector<std::string> parts(n.values.size());
        for (size_t i = 0; i < n.values.size(); ++i) {
          column = AsNumber(n.values[i]) ? "coalesce(a.number, a.value)" : "a.value";
          CXMAP_RETURN_IF_ERROR(Compare(n, any, column, "=", n.values[i], &parts[i]));
        }
        inner = "(" + open + BalancedJoin(parts, 0, parts.size(), "OR") + close + ")";
      } else {
        std::string marks;
        for (const Literal& v : n.values) {
          marks += marks.empty() ? "?" : ", ?";
          binds.push_back(AnyValue(v));
        }
        inner = "(" + column + " IN (" + marks + "))";
      }
      binds.insert(binds.begin() + static_cast<std::ptrdiff_t>(before), names.begin(), names.end());
      *sql = inner;
      return Status::Ok();
    }
    return condition(n.values[0], sql);
  }

  // A plugin's value or an answer: true/false compare as 1/0, numbers as
  // numbers, anything else as text.
  static SqlValue AnyValue(const Literal& v) {
    if (!v.quoted && (v.text == "true" || v.text == "false")) return int64_t{v.text == "true" ? 1 : 0};
    if (auto d = AsNumber(v)) return *d;
    return v.text;
  }

  Status Leaf(const Node& n, std::string* sql) {
    if (n.field.find('.') != std::string::npos) return DottedLeaf(n, sql);
    auto info = FindField(n.field);
    if (!info) {
      return Status::InvalidArgument(fmt::format(
          "--where: unknown field '{}' (known: lang, channel, sub_channel, segment, source, "
          "touchpoint, stage, owner, sentiment, nps, csat, ces, rating, time, text, id, "
          "respondent, mapped, attribute(\"key\"), PLUGIN.FIELD, answers.QUESTION, "
          "answer(\"question\"))",
          n.field));
    }
    std::string column(info->column);
    if (n.field == "attribute") {
      if (n.attribute_key.empty() || n.attribute_key.find('"') != std::string::npos) {
        return Status::InvalidArgument("--where: attribute(\"key\") needs a key without '\"'");
      }
      column = "json_extract(attributes, ?)";
      attribute_path_ = "$.\"" + n.attribute_key + "\"";
    }
    if (n.kind == Kind::kContains) {
      if (info->type != Type::kText) {
        return Status::InvalidArgument(fmt::format("--where: '{}' is not text; 'contains' needs text", n.field));
      }
      *sql = fmt::format("(instr(lower({}), lower(?)) > 0)", Column(n, column));
      binds.emplace_back(n.values[0].text);
      return Status::Ok();
    }
    if (n.kind == Kind::kIn) {
      // A flat "a OR b OR …" of 1,000 values is 1,000 deep for SQLite.
      std::vector<std::string> parts(n.values.size());
      for (size_t i = 0; i < n.values.size(); ++i) {
        CXMAP_RETURN_IF_ERROR(Compare(n, *info, column, "=", n.values[i], &parts[i]));
      }
      *sql = parts.size() == 1 ? "(" + parts[0] + ")" : BalancedJoin(parts, 0, parts.size(), "OR");
      return Status::Ok();
    }
    return Compare(n, *info, column, n.op, n.values[0], sql);
  }

  // The column expression, binding the JSON path first for attribute().
  std::string Column(const Node& n, const std::string& column) {
    if (n.field == "attribute") binds.emplace_back(attribute_path_);
    return column;
  }

  Status Compare(const Node& n, const FieldInfo& info, const std::string& column, std::string op,
                 const Literal& v, std::string* sql) {
    if (op == "==") op = "=";
    if (op == "<>") op = "!=";
    bool equality = op == "=" || op == "!=";
    // "!=" keeps rows where the field is missing (an unmapped record is
    // "not delivery"): IS NOT instead of != .
    std::string sql_op = op == "!=" ? "IS NOT" : op;
    switch (info.type) {
      case Type::kBool: {
        if (!equality || (v.text != "true" && v.text != "false")) {
          return Status::InvalidArgument(fmt::format("--where: '{}' takes = true or = false", n.field));
        }
        bool want = (v.text == "true") == (op == "=");
        *sql = want ? "(touchpoint IS NOT NULL)" : "(touchpoint IS NULL)";
        return Status::Ok();
      }
      case Type::kLanguage: {
        if (!equality) return Status::InvalidArgument("--where: lang takes = or != (or in)");
        // "zh" also means zh-Hans and zh-Hant.
        *sql = fmt::format("({}(lang = ? OR lang LIKE ? ESCAPE '\\'))", op == "=" ? "" : "NOT ");
        binds.emplace_back(v.text);
        binds.emplace_back(EscapeLike(v.text) + "-%");
        return Status::Ok();
      }
      case Type::kSentiment:
        if (auto d = AsNumber(v)) {
          *sql = fmt::format("(sentiment {} ?)", sql_op);
          binds.emplace_back(*d);
          return Status::Ok();
        }
        if (!equality || (v.text != "positive" && v.text != "neutral" && v.text != "negative")) {
          return Status::InvalidArgument(fmt::format(
              "--where: sentiment compares with a number in [-1, 1] or = positive|neutral|negative, "
              "not '{}'", v.text));
        }
        *sql = fmt::format("(sentiment_label {} ?)", sql_op);
        binds.emplace_back(v.text);
        return Status::Ok();
      case Type::kNumber: {
        auto d = AsNumber(v);
        if (!d) return Status::InvalidArgument(fmt::format("--where: {} expects a number, not '{}'", n.field, v.text));
        *sql = fmt::format("({} {} ?)", column, sql_op);
        binds.emplace_back(*d);
        return Status::Ok();
      }
      case Type::kTime: {
        auto ms = ParseIsoTimeMs(v.text);
        if (!ms.ok()) return Status::InvalidArgument("--where: time: " + ms.status().message());
        *sql = fmt::format("({} {} ?)", column, sql_op);
        binds.emplace_back(*ms);
        return Status::Ok();
      }
      case Type::kAny: {
        *sql = fmt::format("({} {} ?)", column, sql_op);
        binds.push_back(AnyValue(v));
        return Status::Ok();
      }
      case Type::kText: {
        std::string col = Column(n, column);
        *sql = fmt::format("({} {} ?)", col, sql_op);
        binds.emplace_back(v.text);
        return Status::Ok();
      }
    }
    return Status::Internal("unreachable");
  }

  std::string_view text_;
  std::string attribute_path_;
};

// After parsing: what CheckFilterCounts() bounds.
void CountTerms(const Node& n, FilterCounts* c) {
  if (n.kind == Kind::kAnd || n.kind == Kind::kOr || n.kind == Kind::kNot) {
    for (const Node& child : n.children) CountTerms(child, c);
    return;
  }
  c->terms += n.kind == Kind::kIn ? n.values.size() : 1;
  if (n.kind == Kind::kIn) c->longest_in = std::max(c->longest_in, n.values.size());
  if (n.field.find('.') != std::string::npos) ++c->lookups;
}

Status CheckTerms(const Node& root) {
  FilterCounts c;
  CountTerms(root, &c);
  return CheckFilterCounts(c);
}
}  // namespace

Result<SqlFilter> CompileFilter(std::string_view where) {
  SqlFilter out;
  if (filter::IsBlank(where)) return out;
  CXMAP_RETURN_IF_ERROR(CheckFilterText(where));
  Node root;
  CXMAP_RETURN_IF_ERROR(filter::Parse(where, &root));
  CXMAP_RETURN_IF_ERROR(CheckTerms(root));
  Compiler compiler(where);
  CXMAP_RETURN_IF_ERROR(compiler.Compile(root, &out.sql));
  out.binds = std::move(compiler.binds);
  return out;
}

Result<int64_t> ParseIsoTimeMs(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::string t(text);
  if (!t.empty() && (t.back() == 'Z' || t.back() == 'z')) t.pop_back();
  int n = 0;
  int fields = std::sscanf(t.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n);
  if (fields != 3 || (n != static_cast<int>(t.size()) && t[static_cast<size_t>(n)] != 'T' &&
                      t[static_cast<size_t>(n)] != ' ')) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a date (YYYY-MM-DD[THH:MM[:SS]])");
  }
  if (n != static_cast<int>(t.size())) {
    int m = 0;
    std::string rest = t.substr(static_cast<size_t>(n) + 1);
    int got = std::sscanf(rest.c_str(), "%2d:%2d%n:%2d%n", &h, &mi, &m, &s, &m);
    if (got < 2 || m != static_cast<int>(rest.size())) {
      return Status::InvalidArgument("'" + std::string(text) + "' has an unreadable time of day");
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return Status::InvalidArgument("'" + std::string(text) + "' is out of range");
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

}  // namespace cxmap::core
