// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the XLSX reader of source_csv_survey: libzip over
// the package, expat over workbook, shared strings, styles and the sheet,
// cell decoding, then platform detection and the whole source (Sniff and
// Open/NextBatch). The first input byte picks the mode:
//   even: the rest is the .xlsx file itself (zip container paths);
//   odd:  the rest is the sheet XML, wrapped in a minimal valid workbook
//         (so the fuzzer reaches the XML paths without learning deflate).
// Besides crashes and sanitizer reports it checks that every cell the
// reader yields is valid UTF-8.
#include <unistd.h>
#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "csv_survey_source.h"
#include "encoding.h"
#include "row_stream.h"

namespace {

using namespace cxmap::csv;

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
constexpr const char* kRootRels =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
constexpr const char* kWorkbook =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
constexpr const char* kWorkbookRels =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
constexpr const char* kStrings =
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>ID</t></si><si><t>Comment</t></si><si><r><t>gi\xE1\xBB\x8F</t></r><r><t>i</t></r></si></sst>";

/// One file per process in $TMPDIR (else /tmp), removed when the fuzzer
/// exits normally (a crash leaves it, beside the reproducer libFuzzer
/// writes). The reader opens a path, so every input is written, closed
/// and opened three times: TMPDIR=/dev/shm keeps that off the disk.
std::string TempPath() {
  static std::string path;
  if (path.empty()) {
    const char* dir = std::getenv("TMPDIR");
    path = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/xlsx_fuzz_" +
           std::to_string(static_cast<long>(::getpid())) + ".xlsx";
    // A folder that cannot take the file would make every input a no-op
    // and the campaign a silent waste: stop at once instead.
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
      std::fclose(f);
    } else {
      std::fprintf(stderr, "xlsx_reader_fuzz: cannot write %s (check TMPDIR)\n", path.c_str());
      std::abort();
    }
    std::atexit([] { std::remove(path.c_str()); });
  }
  return path;
}

/// Writes a workbook whose sheet is `sheet_xml` (stored, not deflated).
bool WriteWrapped(std::string_view sheet_xml) {
  int err = 0;
  zip_t* z = zip_open(TempPath().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) return false;
  auto add = [z](const char* name, std::string_view data) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    if (s == nullptr) return;
    zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
    if (i < 0) {
      zip_source_free(s);
      return;
    }
    zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
  };
  add("[Content_Types].xml", kContentTypes);
  add("_rels/.rels", kRootRels);
  add("xl/workbook.xml", kWorkbook);
  add("xl/_rels/workbook.xml.rels", kWorkbookRels);
  add("xl/sharedStrings.xml", kStrings);
  add("xl/worksheets/sheet1.xml", sheet_xml);
  return zip_close(z) == 0;  // the sources are read here, while sheet_xml lives
}

bool WriteRaw(std::string_view bytes) {
  FILE* f = std::fopen(TempPath().c_str(), "wb");
  if (f == nullptr) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

void CollectNothing(void*, int32_t, cxmap_str) {}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (!((data[0] & 1) ? WriteWrapped(rest) : WriteRaw(rest))) return 0;

  StreamSettings settings;
  settings.max_record_bytes = size_t{1} << 20;
  auto stream = OpenXlsxStream(TempPath(), settings);
  if (stream.ok()) {
    CsvRow row;
    for (int rows = 0; rows < 10000; ++rows) {
      auto more = (*stream)->Next(&row);
      if (!more.ok() || !*more) break;
      for (std::string_view cell : row.fields) {
        if (!IsValidUtf8(cell, false)) std::abort();
      }
    }
  }

  // The whole source: Sniff, then an import into a sink that drops records.
  std::string head(rest.substr(0, 1 << 16));
  (void)CsvSurveySource::Sniff(TempPath(), head);
  cxmap_host host{sizeof(cxmap_host), CXMAP_ABI_MAJOR, CXMAP_ABI_MINOR, nullptr, &CollectNothing,
                  nullptr, nullptr};
  auto source = CsvSurveySource::Create(cxmap::Host(&host), cxmap::OptionValues(nullptr, 0));
  if (source.ok() && (*source)->Open(TempPath()).ok()) {
    cxmap::CountingSink counter;
    for (bool at_end = false; !at_end;) {
      if (!(*source)->NextBatch(counter.sink(), at_end).ok()) break;
    }
  }
  return 0;
}
