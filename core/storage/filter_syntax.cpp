// SPDX-License-Identifier: Apache-2.0
// The grammar of `--where` filters (Boost.Spirit X3) and its parse into
// the syntax tree of filter_syntax.h.
#include "core/storage/filter_syntax.h"

#include <fmt/format.h>

#include <boost/spirit/home/x3.hpp>
#include <cctype>

// Errors name what was expected through x3::what(); a parser with a
// semantic action would report its C++ type name, so report its subject's.
namespace boost::spirit::x3 {
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};
}  // namespace boost::spirit::x3

namespace cxmap::core::filter {

namespace x3 = boost::spirit::x3;

namespace {

namespace grammar {

using x3::_attr;
using x3::_val;
using x3::char_;
using x3::lexeme;
using x3::lit;

// ASCII classes spelled out: x3::alpha and x3::alnum hand a byte of a
// UTF-8 letter to isalpha() as a negative int (undefined; a Boost
// assertion in debug and fuzz builds).
const auto kWordStart = char_("a-zA-Z_");
const auto kWordChar = char_("a-zA-Z0-9_");
const auto kSpace = char_(" \t\r\n\v\f");  // the skipper, for the same reason

auto Keyword(const char* word) { return lexeme[x3::no_case[lit(word)] >> !kWordChar]; }

auto Binary(Kind kind) {
  return [kind](auto& ctx) {
    Node n;
    n.kind = kind;
    n.children.push_back(std::move(_val(ctx)));
    n.children.push_back(std::move(_attr(ctx)));
    _val(ctx) = std::move(n);
  };
}
const auto kSet = [](auto& ctx) { _val(ctx) = std::move(_attr(ctx)); };
const auto kNegate = [](auto& ctx) {
  Node n;
  n.kind = Kind::kNot;
  n.children.push_back(std::move(_attr(ctx)));
  _val(ctx) = std::move(n);
};
const auto kQuoted = [](auto& ctx) { _val(ctx) = Literal{true, std::move(_attr(ctx))}; };
const auto kBare = [](auto& ctx) { _val(ctx) = Literal{false, std::move(_attr(ctx))}; };

const x3::rule<class QuotedTag, std::string> quoted = "a quoted string";
const x3::rule<class ValueTag, Literal> value = "a value";
const x3::rule<class NameTag, std::string> name = "a field name";
const x3::rule<class OpTag, std::string> op = "an operator (= != < <= > >=, in, contains)";
const x3::rule<class OrTag, Node> or_expr = "a condition";
const x3::rule<class AndTag, Node> and_expr = "a condition";
const x3::rule<class NotTag, Node> not_expr = "a condition";
const x3::rule<class PrimaryTag, Node> primary = "a condition: FIELD OP VALUE, not, or '('";
const x3::rule<class CompareTag, Node> comparison = "FIELD OP VALUE";
const x3::rule<class OpAheadTag> op_ahead = "an operator (= != < <= > >=, in, contains)";

const auto escape = lit('\\') > (char_('"') | char_('\\'));
const auto quoted_def = lexeme[lit('"') > *(escape | ~char_("\"\\")) > lit('"')];
const auto bare = lexeme[+(~char_(" \t\r\n()=!<>,\""))];
const auto value_def = quoted[kQuoted] | bare[kBare];
// A field, or PLUGIN.FIELD (a plugin's result) / answers.QUESTION.
const auto name_def =
    lexeme[kWordStart >> *kWordChar >> -(char_('.') >> kWordStart >> *kWordChar)];
const auto op_def = x3::string("==") | x3::string("!=") | x3::string("<>") | x3::string("<=") |
                    x3::string(">=") | x3::string("=") | x3::string("<") | x3::string(">");

const auto set_op = [](auto& ctx) { _val(ctx).op = std::move(_attr(ctx)); };
const auto push_value = [](auto& ctx) { _val(ctx).values.push_back(std::move(_attr(ctx))); };
const auto set_kind = [](Kind k) { return [k](auto& ctx) { _val(ctx).kind = k; }; };
const auto set_field = [](auto& ctx) { _val(ctx).field = std::move(_attr(ctx)); };
const auto set_attribute = [](auto& ctx) {
  _val(ctx).field = "attribute";
  _val(ctx).attribute_key = std::move(_attr(ctx));
};

const auto set_answer = [](auto& ctx) {
  _val(ctx).field = "answers." + std::move(_attr(ctx));
};

const auto field_ref = (Keyword("attribute") >> lit('(') > quoted[set_attribute] > lit(')')) |
                       (Keyword("answer") >> lit('(') > quoted[set_answer] > lit(')')) |
                       name[set_field];
const auto op_ahead_def = &(op | Keyword("in") | Keyword("contains"));
const auto comparison_def =
    field_ref > op_ahead > ((Keyword("in")[set_kind(Kind::kIn)] > lit('(') > value[push_value] >
                   *(lit(',') > value[push_value]) > lit(')')) |
                  (Keyword("contains")[set_kind(Kind::kContains)] > value[push_value]) |
                  (op[set_op] > value[push_value]));
const auto or_expr_def = and_expr[kSet] >> *(Keyword("or") > and_expr[Binary(Kind::kOr)]);
const auto and_expr_def = not_expr[kSet] >> *(Keyword("and") > not_expr[Binary(Kind::kAnd)]);
const auto not_expr_def = (Keyword("not") > not_expr[kNegate]) | primary[kSet];
const auto primary_def = (lit('(') > or_expr[kSet] > lit(')')) | comparison[kSet];

BOOST_SPIRIT_DEFINE(quoted, value, name, op, op_ahead, or_expr, and_expr, not_expr, primary, comparison)

}  // namespace grammar

std::string Where(std::string_view text, size_t offset) {
  while (offset < text.size() && std::isspace(static_cast<unsigned char>(text[offset]))) ++offset;
  size_t column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  std::string found = offset >= text.size() ? "the end" : "'" + std::string(text.substr(offset, 12)) + "'";
  return fmt::format("column {} (at {})", column, found);
}

}  // namespace

bool IsBlank(std::string_view where) {
  for (char c : where) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

Status Parse(std::string_view where, Node* root) {
  const char* first = where.data();
  const char* last = where.data() + where.size();
  try {
    x3::phrase_parse(first, last, x3::eps > grammar::or_expr > x3::eoi, grammar::kSpace, *root);
  } catch (const x3::expectation_failure<const char*>& e) {
    std::string expected = e.which() == "eoi" ? "'and', 'or' or the end" : e.which();
    return Status::InvalidArgument(fmt::format("--where: at {}: expected {}",
                                               Where(where, static_cast<size_t>(e.where() - where.data())),
                                               expected));
  }
  return Status::Ok();
}

}  // namespace cxmap::core::filter
