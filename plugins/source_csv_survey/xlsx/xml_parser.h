// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "cxmap/status.h"

struct XML_ParserStruct;

namespace cxmap::csv::xlsx {

/// Receives the events of XmlParser. Names are local names (namespace
/// prefixes and URIs stripped): OOXML writers differ in prefixes (<c> or
/// <x:c>), never in local names.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  /// `attrs` is expat's NULL-terminated name/value array (names local too).
  virtual void Start(std::string_view name, const char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view text) = 0;
};

/// The value of attribute `local_name` in `attrs`, or nullptr.
const char* FindAttr(const char** attrs, std::string_view local_name);

/// A streaming XML parser (expat) for the parts of an XLSX package, with
/// the guards untrusted files need: any DOCTYPE is refused (so no entity
/// can be declared or expanded: no billion laughs, no external entities),
/// and expat's own amplification limit is set as a second line. Errors
/// name the part, the line and column. Not thread-safe; one per part.
class XmlParser {
 public:
  /// `part` names the package part in messages ("xl/worksheets/sheet1.xml").
  XmlParser(std::string part, XmlHandler* handler);
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  /// Parses the next bytes; `last` at the end of the part. InvalidArgument
  /// on malformed XML, a DOCTYPE, or after Fail() from the handler.
  Status Feed(std::string_view bytes, bool last);
  /// Stops parsing from inside a handler callback with `reason`.
  void Fail(std::string reason);
  /// "part line L, column C" of the current position.
  std::string Where() const;

 private:
  static void OnStart(void* self, const char* name, const char** attrs);
  static void OnEnd(void* self, const char* name);
  static void OnText(void* self, const char* text, int length);
  static void OnDoctype(void* self, const char*, const char*, const char*, int);

  std::string part_;
  XmlHandler* handler_;
  XML_ParserStruct* parser_;
  std::string failure_;
};

}  // namespace cxmap::csv::xlsx
