// SPDX-License-Identifier: Apache-2.0
// The report in a real browser (headless Debian Chromium): the samples'
// page renders (a screenshot is kept for people to look at), and hostile
// feedback neither adds an element to the page nor runs. Skipped, saying
// so, where Chromium is not installed (scripts/test.sh installs it).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

std::string Chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (fs::exists(p)) return p;
  }
  return "";
}

// Runs the browser headless on `html`; returns its standard output.
std::string Browse(const std::string& chromium, const std::string& html, const std::string& args,
                   int* exit_code) {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  std::string cmd = "timeout 120 " + Quote(chromium) +
                    " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
                    "--user-data-dir=" +
                    Quote(html + ".profile") + " " + args + " " + Quote("file://" + html) +
                    " 2>/dev/null";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  *exit_code = ::pclose(p);
  return out;
}

TEST(ReportInBrowser, TheSamplesRenderAndAScreenshotIsKept) {
  const std::string chromium = Chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium not installed (scripts/test.sh installs it)";
  TempDir dir;
  RunResult run = RunCxmap("-q --db " + Quote(dir / "s.db") + " run");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = dir / "s-report.html";
  fs::create_directories(REPORT_ARTIFACTS_DIR);
  const std::string png = std::string(REPORT_ARTIFACTS_DIR) + "/samples-report.png";
  fs::remove(png);
  int rc = -1;
  Browse(chromium, html, "--window-size=1400,2600 --screenshot=" + Quote(png), &rc);
  EXPECT_EQ(rc, 0);
  ASSERT_TRUE(fs::exists(png)) << "no screenshot";
  EXPECT_EQ(ReadFile(png).substr(1, 3), "PNG");
  EXPECT_GT(fs::file_size(png), 100000u) << "a blank page compresses far below this";
  // The DOM the browser built holds the text of each language.
  std::string dom = Browse(chromium, html, "--dump-dom", &rc);
  for (const char* text : {"ไม่", "ệ", "客服", "轉運站", "Journey map", "Emotion curve"}) {
    EXPECT_NE(dom.find(text), std::string::npos) << text;
  }
}

TEST(ReportInBrowser, HostileFeedbackAddsNoElementAndRunsNothing) {
  const std::string chromium = Chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium not installed (scripts/test.sh installs it)";
  TempDir dir;
  // Had any of these run, it would have rewritten the page's title or
  // added an element; the DOM after load shows neither.
  const std::string csv =
      dir.Write("hostile.csv",
                "id,date,channel,language,segment,nps,csat,comment\n"
                "h1,2026-03-02,survey,en,\"<img src=x onerror=document.title='PWNED'>\",2,1,"
                "\"delivery late <script>document.title='PWNED'</script> and rude driver\"\n"
                "h2,2026-03-03,survey,en,regular,3,1,"
                "\"\"\"><img src=x onerror=\"\"document.title='PWNED'\"\"> delivery took two "
                "weeks, terrible\"\n"
                "h3,2026-03-04,survey,en,regular,1,1,"
                "\"</style><style>body{display:none}</style> checkout failed twice, awful\"\n"
                "h4,2026-03-05,survey,en,vip,2,2,"
                "\"<a id=evil href=javascript:document.title='PWNED'>refund</a> never came, "
                "support ignored me\"\n"
                "h5,2026-03-06,survey,en,vip,0,1,"
                "\"<svg onload=document.title='PWNED'><iframe src=//example.invalid> delivery late "
                "again\"\n");
  const std::string html = dir / "h.html";
  RunResult run = RunCxmap("-q --db " + Quote(dir / "h.db") + " run --report " + Quote(html) + " " +
                           Quote(csv));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  int rc = -1;
  std::string dom = Browse(chromium, html, "--dump-dom --virtual-time-budget=2000", &rc);
  ASSERT_FALSE(dom.empty()) << "chromium printed no DOM";
  // The CSP alone stops scripts, so this holds while escaping is broken;
  // it fails when the CSP goes too (checked by hand): the second wall.
  // The element checks below are what catches broken escaping.
  EXPECT_EQ(dom.find("PWNED</title>"), std::string::npos) << "a payload ran";
  EXPECT_NE(dom.find("<title>Customer journey"), std::string::npos);
  for (const char* element : {"<img", "<script", "<iframe", "<a ", "<a>", "id=\"evil\""}) {
    EXPECT_EQ(dom.find(element), std::string::npos) << element;
  }
  EXPECT_EQ(dom.find("<style>"), dom.rfind("<style>")) << "a second style element";
  // The payloads are on the page as text.
  EXPECT_NE(dom.find("&lt;script&gt;document.title='PWNED'&lt;/script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace cxmap::testing
