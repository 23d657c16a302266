// SPDX-License-Identifier: Apache-2.0
#include "workbook.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>

#include "xml_parser.h"

namespace cxmap::csv::xlsx {
namespace {

constexpr uint64_t kMaxSmallPart = uint64_t{64} << 20;     // workbook, rels, styles
constexpr uint64_t kMaxSharedStrings = uint64_t{512} << 20;  // held in memory

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Part path of a relationship target, relative to the folder of `from`.
std::string Resolve(const std::string& from, std::string_view target) {
  if (!target.empty() && target[0] == '/') return std::string(target.substr(1));
  std::string dir = from.substr(0, from.rfind('/') + 1);
  while (target.substr(0, 3) == "../") {
    target.remove_prefix(3);
    if (!dir.empty()) dir.pop_back();
    dir = dir.substr(0, dir.rfind('/') + 1);
  }
  return dir + std::string(target);
}

std::string RelsOf(const std::string& part) {
  size_t slash = part.rfind('/') + 1;
  return part.substr(0, slash) + "_rels/" + part.substr(slash) + ".rels";
}

Status Parse(std::string_view part, std::string_view xml, XmlHandler* handler) {
  XmlParser parser{std::string(part), handler};
  return parser.Feed(xml, true);
}

/// Relationship targets by type suffix ("/worksheet") and by id.
struct Relationships : XmlHandler {
  std::string from;
  std::map<std::string, std::string, std::less<>> by_id;
  std::vector<std::pair<std::string, std::string>> by_type;  // (type, part)
  void Start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = FindAttr(attrs, "Id");
    const char* type = FindAttr(attrs, "Type");
    const char* target = FindAttr(attrs, "Target");
    const char* mode = FindAttr(attrs, "TargetMode");
    if (target == nullptr || (mode != nullptr && std::string_view(mode) == "External")) return;
    std::string part = Resolve(from, target);
    if (id != nullptr) by_id[id] = part;
    if (type != nullptr) by_type.emplace_back(type, part);
  }
  void End(std::string_view) override {}
  void Text(std::string_view) override {}
  std::string OfType(std::string_view suffix) const {
    for (const auto& [type, part] : by_type) {
      if (EndsWith(type, suffix)) return part;
    }
    return "";
  }
};

Result<Relationships> ReadRels(ZipArchive& zip, const std::string& from, const std::string& rels) {
  Relationships r;
  r.from = from;
  if (!zip.Has(rels)) return r;
  auto xml = zip.ReadAll(rels, kMaxSmallPart);
  if (!xml.ok()) return xml.status();
  CXMAP_RETURN_IF_ERROR(Parse(rels, *xml, &r));
  return r;
}

struct WorkbookXml : XmlHandler {
  std::vector<std::pair<std::string, std::string>> sheets;  // (name, relationship id)
  bool date1904 = false;
  void Start(std::string_view name, const char** attrs) override {
    if (name == "workbookPr") {
      const char* v = FindAttr(attrs, "date1904");
      date1904 = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet") {
      const char* n = FindAttr(attrs, "name");
      const char* id = FindAttr(attrs, "id");  // r:id
      if (n != nullptr && id != nullptr) sheets.emplace_back(n, id);
    }
  }
  void End(std::string_view) override {}
  void Text(std::string_view) override {}
};

/// <sst><si>…<t>text</t>…</si>: runs concatenated, phonetic runs (<rPh>) left out.
struct SharedStringsXml : XmlHandler {
  std::vector<std::string>* out;
  std::string current;
  int in_si = 0, in_t = 0, in_rph = 0;
  void Start(std::string_view name, const char**) override {
    if (name == "si") {
      in_si = 1;
      current.clear();
    } else if (name == "t") {
      ++in_t;
    } else if (name == "rPh") {
      ++in_rph;
    }
  }
  void End(std::string_view name) override {
    if (name == "si") {
      out->push_back(DecodeXmlEscapes(current));
      in_si = 0;
    } else if (name == "t") {
      --in_t;
    } else if (name == "rPh") {
      --in_rph;
    }
  }
  void Text(std::string_view text) override {
    if (in_si && in_t > 0 && in_rph == 0) current.append(text);
  }
};

/// Number formats (<numFmts>) and the format of each cell style (<cellXfs>).
struct StylesXml : XmlHandler {
  std::map<int, bool> custom_is_date;
  std::vector<int> xf_formats;
  bool in_cell_xfs = false;
  void Start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      const char* id = FindAttr(attrs, "numFmtId");
      const char* code = FindAttr(attrs, "formatCode");
      if (id != nullptr && code != nullptr) custom_is_date[std::atoi(id)] = IsDateFormatCode(code);
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const char* id = FindAttr(attrs, "numFmtId");
      xf_formats.push_back(id != nullptr ? std::atoi(id) : 0);
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
  void Text(std::string_view) override {}
};

}  // namespace

bool IsBuiltInDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool IsDateFormatCode(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {  // quoted literal text
      size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped character, or the one a padding code refers to
    } else if (c == '[') {
      size_t close = code.find(']', i);
      if (close == std::string_view::npos) return false;
      std::string_view inside = code.substr(i + 1, close - i - 1);
      // Elapsed time ([h], [mm], [ss]) is a time; colours and locales are not.
      if (!inside.empty() && std::string_view("hHmMsS").find(inside[0]) != std::string_view::npos &&
          inside.find_first_not_of(inside[0]) == std::string_view::npos) {
        return true;
      }
      i = close;
    } else if (std::string_view("dDmMyYhHsS").find(c) != std::string_view::npos) {
      return true;
    } else if (c == ';') {
      return false;  // the first section decides
    }
  }
  return false;
}

std::string DecodeXmlEscapes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned code = 0;
      auto [p, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, code, 16);
      if (ec == std::errc() && p == s.data() + i + 6) {
        if (code >= 0xD800 && code <= 0xDFFF) code = 0xFFFD;  // a lone surrogate is not text
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

Result<std::unique_ptr<Workbook>> Workbook::Open(ZipArchive& zip) {
  std::unique_ptr<Workbook> wb(new Workbook());
  auto root = ReadRels(zip, "", "_rels/.rels");
  if (!root.ok()) return root.status();
  std::string part = root->OfType("/officeDocument");
  if (part.empty()) part = "xl/workbook.xml";
  if (!zip.Has(part)) {
    return Status::InvalidArgument(zip.path() + ": a zip archive but not an XLSX workbook (no " +
                                   part + ")");
  }
  CXMAP_RETURN_IF_ERROR(wb->ReadWorkbook(zip, part));
  return wb;
}

Status Workbook::ReadWorkbook(ZipArchive& zip, const std::string& part) {
  auto rels = ReadRels(zip, part, RelsOf(part));
  if (!rels.ok()) return rels.status();
  auto xml = zip.ReadAll(part, kMaxSmallPart);
  if (!xml.ok()) return xml.status();
  WorkbookXml wb;
  CXMAP_RETURN_IF_ERROR(Parse(part, *xml, &wb));
  date1904_ = wb.date1904;
  for (const auto& [name, id] : wb.sheets) {
    auto it = rels->by_id.find(id);
    if (it != rels->by_id.end()) sheets_.push_back({name, it->second});
  }
  if (sheets_.empty()) return Status::InvalidArgument(zip.path() + ": " + part + " lists no worksheet");
  std::string strings = rels->OfType("/sharedStrings");
  if (!strings.empty() && zip.Has(strings)) CXMAP_RETURN_IF_ERROR(ReadSharedStrings(zip, strings));
  std::string styles = rels->OfType("/styles");
  if (!styles.empty() && zip.Has(styles)) CXMAP_RETURN_IF_ERROR(ReadStyles(zip, styles));
  return Status::Ok();
}

Status Workbook::ReadSharedStrings(ZipArchive& zip, const std::string& part) {
  auto entry = zip.OpenEntry(part);
  if (!entry.ok()) return entry.status();
  SharedStringsXml handler;
  handler.out = &shared_strings_;
  XmlParser parser(part, &handler);
  // No bigger than the part's declared size needs (a size that lies only
  // means more reads): a small workbook must not zero-fill 64 KiB.
  std::string buffer(static_cast<size_t>(std::clamp<uint64_t>((*entry)->size() + 1, 4096, 1 << 16)), '\0');
  uint64_t total = 0;
  while (true) {  // streamed: only the strings themselves are kept
    auto n = (*entry)->Read(buffer.data(), buffer.size());
    if (!n.ok()) return n.status();
    total += *n;
    if (total > kMaxSharedStrings) {
      return Status::InvalidArgument(zip.path() + ": " + part + " is larger than 512 MiB");
    }
    CXMAP_RETURN_IF_ERROR(parser.Feed(std::string_view(buffer.data(), *n), *n == 0));
    if (*n == 0) return Status::Ok();
  }
}

Status Workbook::ReadStyles(ZipArchive& zip, const std::string& part) {
  auto xml = zip.ReadAll(part, kMaxSmallPart);
  if (!xml.ok()) return xml.status();
  StylesXml styles;
  CXMAP_RETURN_IF_ERROR(Parse(part, *xml, &styles));
  for (int format : styles.xf_formats) {
    auto custom = styles.custom_is_date.find(format);
    date_styles_.push_back(custom != styles.custom_is_date.end() ? custom->second
                                                                 : IsBuiltInDateFormat(format));
  }
  return Status::Ok();
}

Result<SheetRef> Workbook::Sheet(std::string_view name) const {
  if (name.empty()) return sheets_.front();
  for (const SheetRef& s : sheets_) {
    if (s.name == name) return s;
  }
  auto lower = [](std::string_view v) {
    std::string out(v);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
  };
  for (const SheetRef& s : sheets_) {
    if (lower(s.name) == lower(name)) return s;
  }
  std::string list;
  for (const SheetRef& s : sheets_) list += (list.empty() ? "'" : ", '") + s.name + "'";
  return Status::InvalidArgument("no sheet '" + std::string(name) + "' (sheets: " + list + ")");
}

}  // namespace cxmap::csv::xlsx
