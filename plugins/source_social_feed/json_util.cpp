// SPDX-License-Identifier: Apache-2.0
#include "json_util.h"

#include <charconv>
#include <cmath>
#include <iterator>
#include <vector>

#include "time_parse.h"

namespace cxmap::social {
namespace {

// A member name no platform writes: a unit separator control character
// starts it, which JSON keys from exports never contain.
constexpr std::string_view kLineKey = "\x1F" "line";
constexpr size_t kMaxDepth = 256;

/// A byte iterator that counts the line breaks it passes, so the parser
/// callback knows the line of the '{' it has just read.
class LineCountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  LineCountingIterator(const char* p, uint64_t* line) : p_(p), line_(line) {}
  reference operator*() const { return *p_; }
  LineCountingIterator& operator++() {
    if (*p_ == '\n') ++*line_;
    ++p_;
    return *this;
  }
  LineCountingIterator operator++(int) {
    LineCountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const LineCountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const LineCountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  uint64_t* line_;
};

/// "[json.exception.parse_error.101] parse error at line 1, column 45:
/// syntax error ..." -> "syntax error ... (column 45)".
std::string CleanParseMessage(const std::string& what, uint64_t* line_in_text) {
  std::string msg = what;
  size_t at = msg.find(" at line ");
  size_t colon = msg.find(": ", at == std::string::npos ? 0 : at);
  std::string where;
  if (at != std::string::npos && colon != std::string::npos) {
    where = msg.substr(at + 4, colon - at - 4);  // "line 1, column 45"
    uint64_t line = 0;
    std::from_chars(where.data() + 5, where.data() + where.size(), line);
    *line_in_text = line;
    msg = msg.substr(colon + 2);
  } else if (size_t b = msg.find("] "); b != std::string::npos) {
    msg = msg.substr(b + 2);
  }
  size_t comma = where.find(", ");
  if (comma != std::string::npos) msg += " (" + where.substr(comma + 2) + ")";
  return msg;
}

/// Builds the DOM in place from SAX events, so that what was read before
/// an error stays in `root`, and tags each object with its first line.
/// Containers on the stack are never moved while open: only the innermost
/// one grows.
class TaggingDomBuilder : public nlohmann::json_sax<Json> {
 public:
  TaggingDomBuilder(const uint64_t* line, bool tag) : line_(line), tag_(tag) {}

  bool null() override { return Add(nullptr) != nullptr; }
  bool boolean(bool v) override { return Add(v) != nullptr; }
  bool number_integer(number_integer_t v) override { return Add(v) != nullptr; }
  bool number_unsigned(number_unsigned_t v) override { return Add(v) != nullptr; }
  bool number_float(number_float_t v, const string_t&) override { return Add(v) != nullptr; }
  bool string(string_t& v) override { return Add(std::move(v)) != nullptr; }
  bool binary(binary_t&) override { return false; }  // never produced by text JSON
  bool start_object(std::size_t) override { return Open(Json::object()); }
  bool key(string_t& k) override {
    key_ = std::move(k);
    return true;
  }
  bool end_object() override {
    if (tag_) (*stack_.back())[std::string(kLineKey)] = starts_.back();
    return Close();
  }
  bool start_array(std::size_t) override { return Open(Json::array()); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    error_ = e.what();
    error_position_ = position;
    return false;
  }

  Json root;
  const std::string& error() const { return error_; }
  /// Bytes read when the error was found.
  size_t error_position() const { return error_position_; }

 private:
  Json* Add(Json v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    Json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    Json& slot = top[key_];
    slot = std::move(v);
    return &slot;
  }
  bool Open(Json container) {
    if (stack_.size() >= kMaxDepth) {
      error_ = "nested deeper than " + std::to_string(kMaxDepth) + " levels";
      return false;
    }
    stack_.push_back(Add(std::move(container)));
    starts_.push_back(*line_);
    return true;
  }
  bool Close() {
    stack_.pop_back();
    starts_.pop_back();
    return true;
  }

  const uint64_t* line_;
  bool tag_;
  std::vector<Json*> stack_;
  std::vector<uint64_t> starts_;
  std::string key_;
  std::string error_;
  size_t error_position_ = 0;
};

}  // namespace

ParsedJson ParseJson(std::string_view text, uint64_t first_line, bool tag_lines) {
  ParsedJson out;
  uint64_t line = first_line;
  TaggingDomBuilder builder(&line, tag_lines);
  LineCountingIterator begin(text.data(), &line), end(text.data() + text.size(), &line);
  bool ok = false;
  try {
    ok = Json::sax_parse(begin, end, &builder);
  } catch (const std::exception& e) {  // the SAX path reports through parse_error; this is a guard
    out.error = e.what();
  }
  out.value = std::move(builder.root);
  if (ok) {
    out.ok = true;
    return out;
  }
  if (out.error.empty()) out.error = builder.error();
  uint64_t line_in_text = 0;
  out.error = CleanParseMessage(out.error, &line_in_text);
  out.error_line = line_in_text > 0 ? first_line + line_in_text - 1 : line;
  // A cut inside a string reads as "missing closing quote", so the
  // position decides: the parser stopped at the very end of the text.
  out.truncated = out.error.find("unexpected end of input") != std::string::npos ||
                  builder.error_position() >= text.size();
  return out;
}

bool IsComplete(const Json& j) { return !j.is_object() || j.contains(std::string(kLineKey)); }

uint64_t LineOf(const Json& j, uint64_t fallback) {
  const Json* v = Member(j, kLineKey);
  return v != nullptr && v->is_number_unsigned() ? v->get<uint64_t>() : fallback;
}

bool IsLineKey(std::string_view key) { return key == kLineKey; }

const Json* Member(const Json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

const Json* AtPath(const Json& j, std::string_view path) {
  const Json* cur = &j;
  while (cur != nullptr && !path.empty()) {
    size_t dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    size_t index = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
    if (cur->is_array() && ec == std::errc() && end == part.data() + part.size()) {
      cur = index < cur->size() ? &(*cur)[index] : nullptr;
    } else {
      cur = Member(*cur, part);
    }
  }
  return cur;
}

std::string ScalarText(const Json* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_boolean()) return v->get<bool>() ? "true" : "false";
  if (v->is_number_integer()) return v->dump();
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
      return std::to_string(static_cast<int64_t>(d));
    }
    return v->dump();
  }
  return "";
}

std::string MemberText(const Json& j, std::string_view key) { return ScalarText(Member(j, key)); }

std::optional<double> NumberOf(const Json* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (!v->is_string()) return std::nullopt;
  const std::string& s = v->get_ref<const std::string&>();
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return d;
}

std::optional<int64_t> TimeOf(const Json* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_number()) return EpochToMs(v->get<double>());
  if (v->is_string()) return ParseAnyTime(v->get_ref<const std::string&>());
  return std::nullopt;
}

}  // namespace cxmap::social
