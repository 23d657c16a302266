// SPDX-License-Identifier: Apache-2.0
#include "cue_expression.h"

#include <boost/spirit/home/x3.hpp>
#include <cctype>

// Errors name what was expected through x3::what(); a parser with a
// semantic action would report its C++ type name, so it reports its
// subject's (a named rule or a literal) instead.
namespace boost::spirit::x3 {
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};
}  // namespace boost::spirit::x3

namespace cxmap::journey {

namespace x3 = boost::spirit::x3;

namespace {

// Recursion limits, checked before parsing: the parser and Evaluate()
// recurse once per nesting level and per chained and/or, and cue
// expressions come from user files (and the fuzzer).
constexpr size_t kMaxBytes = 64 * 1024;
constexpr int kMaxNesting = 32;
constexpr int kMaxOperators = 512;

namespace grammar {

using x3::_attr;
using x3::_val;
using x3::char_;
using x3::lexeme;
using x3::lit;

// A keyword is the word not followed by a name character ("anything" is not "any").
// The class is spelled out in ASCII: x3::alnum hands a byte of a UTF-8
// letter ("andé") to isalnum() as a negative int, which is undefined (a
// Boost assertion in debug builds).
auto Keyword(const char* word) { return lexeme[lit(word) >> !char_("a-zA-Z0-9_")]; }
// The skipper, spelled out for the same reason: x3::space hands any byte
// outside a string to isspace() (a Boost assertion in debug builds).
const auto kSpace = char_(" \t\r\n\v\f");

auto Start(ExprKind kind) {
  return [kind](auto& ctx) { _val(ctx) = Expr{}, _val(ctx).kind = kind; };
}
auto Binary(ExprKind kind) {
  return [kind](auto& ctx) {
    Expr e;
    e.kind = kind;
    e.children.push_back(std::move(_val(ctx)));
    e.children.push_back(std::move(_attr(ctx)));
    _val(ctx) = std::move(e);
  };
}
const auto kSet = [](auto& ctx) { _val(ctx) = std::move(_attr(ctx)); };
const auto kNegate = [](auto& ctx) {
  Expr e;
  e.kind = ExprKind::kNot;
  e.children.push_back(std::move(_attr(ctx)));
  _val(ctx) = std::move(e);
};
const auto kPushArg = [](auto& ctx) { _val(ctx).args.push_back(std::move(_attr(ctx))); };
const auto kSetArgs = [](auto& ctx) { _val(ctx).args = std::move(_attr(ctx)); };
const auto kSetNegated = [](auto& ctx) { _val(ctx).negated = _attr(ctx); };

// The rule names are what an error says was expected.
const x3::rule<class QuotedTag, std::string> quoted = "a quoted string";
const x3::rule<class StringsTag, std::vector<std::string>> strings = "a quoted string";
const x3::rule<class CompareTag, bool> compare = "'==' or '!='";
const x3::rule<class OrTag, Expr> or_expr = "a condition";
const x3::rule<class AndTag, Expr> and_expr = "a condition";
const x3::rule<class NotTag, Expr> not_expr = "a condition";
const x3::rule<class PrimaryTag, Expr> primary =
    "a condition: any(...), column(...), attribute(...) ==, channel ==, language ==, not, true or '('";
const x3::rule<class AnyTag, Expr> any_call = "any(...)";
const x3::rule<class ColumnTag, Expr> column_call = "column(...)";
const x3::rule<class AttributeTag, Expr> attribute_test = "attribute(...)";
const x3::rule<class ChannelTag, Expr> channel_test = "channel";
const x3::rule<class LanguageTag, Expr> language_test = "language";

const auto escape = lit('\\') > (char_('"') | char_('\\') | (lit('n') >> x3::attr('\n')) |
                                 (lit('t') >> x3::attr('\t')));
const auto quoted_def = lexeme[lit('"') > *(escape | ~char_("\"\\")) > lit('"')];
const auto strings_def = quoted > *(lit(',') > quoted);
const auto compare_def = (lit("==") >> x3::attr(false)) | (lit("!=") >> x3::attr(true));

const auto or_expr_def = and_expr[kSet] >> *(Keyword("or") > and_expr[Binary(ExprKind::kOr)]);
const auto and_expr_def = not_expr[kSet] >> *(Keyword("and") > not_expr[Binary(ExprKind::kAnd)]);
const auto not_expr_def = (Keyword("not") > not_expr[kNegate]) | primary[kSet];
const auto primary_def = (lit('(') > or_expr[kSet] > lit(')')) | any_call[kSet] |
                         column_call[kSet] | attribute_test[kSet] | channel_test[kSet] |
                         language_test[kSet] | Keyword("true")[Start(ExprKind::kTrue)];
const auto any_call_def =
    Keyword("any")[Start(ExprKind::kAny)] > lit('(') > strings[kSetArgs] > lit(')');
const auto column_call_def =
    Keyword("column")[Start(ExprKind::kColumn)] > lit('(') > quoted[kPushArg] > lit(')');
const auto attribute_test_def = Keyword("attribute")[Start(ExprKind::kAttribute)] > lit('(') >
                                quoted[kPushArg] > lit(')') > compare[kSetNegated] >
                                quoted[kPushArg];
const auto channel_test_def =
    Keyword("channel")[Start(ExprKind::kChannel)] > compare[kSetNegated] > quoted[kPushArg];
const auto language_test_def =
    Keyword("language")[Start(ExprKind::kLanguage)] > compare[kSetNegated] > quoted[kPushArg];

BOOST_SPIRIT_DEFINE(quoted, strings, compare, or_expr, and_expr, not_expr, primary, any_call,
                    column_call, attribute_test, channel_test, language_test)

}  // namespace grammar

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void Locate(std::string_view text, size_t offset, ExprError* error) {
  while (offset < text.size() && IsSpace(text[offset])) ++offset;  // X3 reports before skipping
  error->offset = offset;
  error->line = 1, error->column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++error->line, error->column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++error->column;  // count code points, not continuation bytes
    }
  }
  if (offset >= text.size()) {
    error->found = "end";
    return;
  }
  size_t end = offset;
  for (int chars = 0; end < text.size() && chars < 12 && text[end] != '\n'; ++chars) {
    do ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
  }
  error->found = "'" + std::string(text.substr(offset, end - offset)) + "'";
}

// Checks the recursion limits outside string literals; on failure fills
// `error` at the offending position.
bool WithinLimits(std::string_view text, ExprError* error) {
  if (text.size() > kMaxBytes) {
    Locate(text, kMaxBytes, error);
    error->expected = "at most 65536 bytes";
    return false;
  }
  int depth = 0, operators = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    bool word_start = std::isalpha(static_cast<unsigned char>(c)) &&
                      (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])));
    if (c == '(' && ++depth > kMaxNesting) {
      Locate(text, i, error);
      error->expected = "at most 32 nested parentheses";
      return false;
    }
    if (c == ')') --depth;
    if (word_start && (text.substr(i, 3) == "and" || text.substr(i, 2) == "or" ||
                       text.substr(i, 3) == "not") && ++operators > kMaxOperators) {
      Locate(text, i, error);
      error->expected = "at most 512 and/or/not operators";
      return false;
    }
  }
  return true;
}

std::string Describe(const std::string& which) {
  if (which == "eoi") return "'and', 'or' or the end of the expression";
  if (which == "'\"'") return "'\"' (the end of the string)";
  return which;
}

bool SameText(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Expr> ParseCueExpression(std::string_view text, ExprError* error) {
  if (!WithinLimits(text, error)) return std::nullopt;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  Expr result;
  try {
    x3::phrase_parse(first, last, x3::eps > grammar::or_expr > x3::eoi, grammar::kSpace, result);
  } catch (const x3::expectation_failure<const char*>& e) {
    Locate(text, static_cast<size_t>(e.where() - text.data()), error);
    error->expected = Describe(e.which());
    return std::nullopt;
  }
  return result;
}

bool Evaluate(const Expr& e, const ExprContext& c) {
  switch (e.kind) {
    case ExprKind::kAny:
      return c.lists != nullptr && e.list >= 0 && static_cast<size_t>(e.list) < c.lists->size() &&
             (*c.lists)[static_cast<size_t>(e.list)];
    case ExprKind::kColumn: {
      if (c.record == nullptr) return false;
      auto question = c.record->attribute("question");
      return question && *question == e.args[0];
    }
    case ExprKind::kChannel:
      return c.record != nullptr &&
             SameText(ChannelName(c.record->channel()), e.args[0]) != e.negated;
    case ExprKind::kAttribute: {
      if (c.record == nullptr) return false;
      auto value = c.record->attribute(e.args[0]);
      return (value && SameText(*value, e.args[1])) != e.negated;
    }
    case ExprKind::kLanguage: {
      std::string_view tag = c.language, want = e.args[0];
      bool prefix = tag.size() >= want.size() && SameText(tag.substr(0, want.size()), want) &&
                    (tag.size() == want.size() || tag[want.size()] == '-');
      return prefix != e.negated;
    }
    case ExprKind::kTrue: return true;
    case ExprKind::kNot: return !Evaluate(e.children[0], c);
    case ExprKind::kAnd: return Evaluate(e.children[0], c) && Evaluate(e.children[1], c);
    case ExprKind::kOr: return Evaluate(e.children[0], c) || Evaluate(e.children[1], c);
  }
  return false;
}

}  // namespace cxmap::journey
