// SPDX-License-Identifier: Apache-2.0
// ResolveFilterValues (record_filter.h): a filter's stage and touchpoint
// labels replaced by the ids stored, and the filter written out again.
#include <fmt/format.h>

#include <cctype>
#include <string>

#include "core/storage/filter_limits.h"
#include "core/storage/filter_syntax.h"
#include "core/storage/record_filter.h"

namespace cxmap::core {

using filter::Kind;
using filter::Literal;
using filter::Node;

namespace {

// Re-emits a parsed filter: precedence or 1 < and 2 < not 3 < primary 4,
// parentheses only where a looser expression sits inside a tighter one,
// so the text stays as shallow as the user wrote it (kFilterMaxDepth).
std::string EmitLiteral(const Literal& v) {
  if (!v.quoted) return v.text;
  std::string out = "\"";
  for (char c : v.text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string EmitField(const Node& n) {
  if (n.field == "attribute") return "attribute(" + EmitLiteral({true, n.attribute_key}) + ")";
  if (n.field.rfind("answers.", 0) == 0) return "answer(" + EmitLiteral({true, n.field.substr(8)}) + ")";
  return n.field;
}

int Precedence(const Node& n) {
  switch (n.kind) {
    case Kind::kOr: return 1;
    case Kind::kAnd: return 2;
    case Kind::kNot: return 3;
    default: return 4;
  }
}

std::string Emit(const Node& n, int context) {
  std::string out;
  switch (n.kind) {
    case Kind::kOr:
    case Kind::kAnd: {
      const char* word = n.kind == Kind::kOr ? " or " : " and ";
      out = Emit(n.children[0], Precedence(n)) + word + Emit(n.children[1], Precedence(n) + 1);
      break;
    }
    case Kind::kNot: out = "not " + Emit(n.children[0], 3); break;
    case Kind::kIn: {
      out = EmitField(n) + " in (";
      for (size_t i = 0; i < n.values.size(); ++i) out += (i ? ", " : "") + EmitLiteral(n.values[i]);
      out += ")";
      break;
    }
    case Kind::kContains: out = EmitField(n) + " contains " + EmitLiteral(n.values[0]); break;
    case Kind::kCompare: out = EmitField(n) + " " + n.op + " " + EmitLiteral(n.values[0]); break;
  }
  return Precedence(n) < context ? "(" + out + ")" : out;
}

// Replaces vocabulary values in place; true when anything changed.
Status Resolve(Node& n, const FilterVocabulary& vocabulary, bool* changed) {
  for (Node& child : n.children) CXMAP_RETURN_IF_ERROR(Resolve(child, vocabulary, changed));
  const bool equality = n.kind == Kind::kIn ||
                        (n.kind == Kind::kCompare &&
                         (n.op == "=" || n.op == "==" || n.op == "!=" || n.op == "<>"));
  if (!equality) return Status::Ok();
  std::string field = n.field;
  for (char& c : field) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = vocabulary.fields.find(field);
  if (it == vocabulary.fields.end() || it->second.by_name.empty()) return Status::Ok();
  for (Literal& v : n.values) {
    std::string key = v.text;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto id = it->second.by_name.find(key);
    if (id == it->second.by_name.end()) {
      return Status::InvalidArgument(fmt::format("--where: no {} '{}'; use one of: {}", field,
                                                 v.text, it->second.valid));
    }
    if (id->second != v.text) {
      v.text = id->second;
      // An id a bare word cannot hold ("after sales") goes in quotes.
      v.quoted = v.quoted || v.text.empty() ||
                 v.text.find_first_of(" \t\r\n()=!<>,\"") != std::string::npos;
      *changed = true;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> ResolveFilterValues(std::string_view where, const FilterVocabulary& vocabulary) {
  // Past a limit: CompileFilter says which.
  if (vocabulary.fields.empty() || !CheckFilterText(where).ok()) return std::string(where);
  if (filter::IsBlank(where)) return std::string(where);
  Node root;
  if (!filter::Parse(where, &root).ok()) return std::string(where);  // CompileFilter says where and why
  bool changed = false;
  CXMAP_RETURN_IF_ERROR(Resolve(root, vocabulary, &changed));
  return changed ? Emit(root, 0) : std::string(where);
}

}  // namespace cxmap::core
