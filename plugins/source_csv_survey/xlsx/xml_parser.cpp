// SPDX-License-Identifier: Apache-2.0
// XML_DTD declares expat's amplification-limit API (built into Debian's
// libexpat since 2.4); it adds no DTD processing here, DOCTYPEs are refused.
#define XML_DTD 1
#include "xml_parser.h"

#include <expat.h>

#include <algorithm>
#include <climits>
#include <cstring>

namespace cxmap::csv::xlsx {
namespace {

constexpr char kNamespaceSeparator = '\x01';
constexpr float kMaxAmplification = 10.0F;

/// "uri\x01local" -> "local"; names without a namespace pass unchanged.
const char* LocalName(const char* name) {
  const char* sep = std::strrchr(name, kNamespaceSeparator);
  return sep != nullptr ? sep + 1 : name;
}

}  // namespace

const char* FindAttr(const char** attrs, std::string_view local_name) {
  for (size_t i = 0; attrs != nullptr && attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == local_name) return attrs[i + 1];
  }
  return nullptr;
}

XmlParser::XmlParser(std::string part, XmlHandler* handler)
    : part_(std::move(part)), handler_(handler), parser_(XML_ParserCreateNS(nullptr, kNamespaceSeparator)) {
  if (parser_ == nullptr) return;
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, &OnStart, &OnEnd);
  XML_SetCharacterDataHandler(parser_, &OnText);
  XML_SetStartDoctypeDeclHandler(parser_, &OnDoctype);
  XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
  XML_SetBillionLaughsAttackProtectionMaximumAmplification(parser_, kMaxAmplification);
}

XmlParser::~XmlParser() {
  if (parser_ != nullptr) XML_ParserFree(parser_);
}

std::string XmlParser::Where() const {
  if (parser_ == nullptr) return part_;
  return part_ + " line " + std::to_string(XML_GetCurrentLineNumber(parser_)) + ", column " +
         std::to_string(XML_GetCurrentColumnNumber(parser_) + 1);
}

void XmlParser::Fail(std::string reason) {
  if (!failure_.empty()) return;
  failure_ = Where() + ": " + reason;
  XML_StopParser(parser_, XML_FALSE);
}

Status XmlParser::Feed(std::string_view bytes, bool last) {
  if (parser_ == nullptr) return Status::Internal("expat: out of memory creating a parser");
  if (!failure_.empty()) return Status::InvalidArgument(failure_);
  // expat takes an int length: feed huge buffers in pieces.
  while (true) {
    size_t n = std::min<size_t>(bytes.size(), INT_MAX / 2);
    bool final_piece = last && n == bytes.size();
    if (XML_Parse(parser_, bytes.data(), static_cast<int>(n), final_piece) == XML_STATUS_ERROR) {
      if (failure_.empty()) {
        failure_ = Where() + ": malformed XML (" + XML_ErrorString(XML_GetErrorCode(parser_)) + ")";
      }
      return Status::InvalidArgument(failure_);
    }
    bytes.remove_prefix(n);
    if (bytes.empty()) return Status::Ok();
  }
}

void XmlParser::OnStart(void* self, const char* name, const char** attrs) {
  auto* p = static_cast<XmlParser*>(self);
  p->handler_->Start(LocalName(name), attrs);
}

void XmlParser::OnEnd(void* self, const char* name) {
  static_cast<XmlParser*>(self)->handler_->End(LocalName(name));
}

void XmlParser::OnText(void* self, const char* text, int length) {
  static_cast<XmlParser*>(self)->handler_->Text(std::string_view(text, static_cast<size_t>(length)));
}

void XmlParser::OnDoctype(void* self, const char*, const char*, const char*, int) {
  static_cast<XmlParser*>(self)->Fail(
      "a DOCTYPE is not allowed in an XLSX part (entity declarations are refused: "
      "entity expansion guard)");
}

}  // namespace cxmap::csv::xlsx
