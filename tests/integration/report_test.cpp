// SPDX-License-Identifier: Apache-2.0
// `cxmap report` and the report `cxmap run` writes: self-contained (no
// request of any kind), the same headline figures as `journey --json`,
// text in every language, and hostile feedback inert.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "cli_runner.h"

namespace cxmap::testing {
namespace {
namespace fs = std::filesystem;

// Every element name the page opens: only the template's may appear.
std::set<std::string> TagNames(const std::string& html) {
  std::set<std::string> names;
  static const std::regex kTag("<([A-Za-z][A-Za-z0-9-]*)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kTag); it != std::sregex_iterator();
       ++it) {
    std::string name = (*it)[1];
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    names.insert(name);
  }
  return names;
}

const std::set<std::string> kTemplateTags = {
    "html", "head", "meta",       "title", "style",   "body",     "header", "h1",   "h2",
    "h3",   "p",    "section",    "div",   "table",   "thead",    "tbody",  "tr",   "th",
    "td",   "span", "b",          "svg",   "rect",    "polyline", "circle", "text", "ol",
    "ul",   "li",   "blockquote", "cite",  "article", "code",   "line"};

// The markup the page holds: every tag with its quoted attribute values
// blanked (ctemplate writes a quote inside a value as &quot;, so a value
// cannot end early; what feedback put there is text, not markup).
std::vector<std::string> Tags(const std::string& html) {
  std::vector<std::string> tags;
  static const std::regex kTag("<[A-Za-z][^>]*>");
  static const std::regex kValue("\"[^\"]*\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kTag); it != std::sregex_iterator();
       ++it) {
    tags.push_back(std::regex_replace(it->str(), kValue, "\"\""));
  }
  return tags;
}

void ExpectSelfContained(const std::string& html) {
  EXPECT_NE(html.find("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
            std::string::npos);
  for (const std::string& tag : TagNames(html)) {
    EXPECT_TRUE(kTemplateTags.count(tag))
        << "an element the template does not have: <" << tag << ">";
  }
  static const std::regex kHandler("\\son[a-z]+\\s*=", std::regex::icase);
  for (const std::string& tag : Tags(html)) {
    for (const char* forbidden : {"src=", "href=", "url(", "javascript:", "http:", "https:"}) {
      EXPECT_EQ(tag.find(forbidden), std::string::npos) << tag;
    }
    EXPECT_FALSE(std::regex_search(tag, kHandler)) << "an event handler: " << tag;
  }
  // One style element, the template's, which loads nothing.
  size_t style = html.find("<style>");
  ASSERT_NE(style, std::string::npos);
  EXPECT_EQ(style, html.rfind("<style>"));
  std::string css = html.substr(style, html.find("</style>") - style);
  for (const char* forbidden : {"url(", "@import", "http"}) {
    EXPECT_EQ(css.find(forbidden), std::string::npos) << forbidden;
  }
}

TEST(Report, RunWritesOneForTheSamplesWithTheJourneysHeadline) {
  TempDir dir;
  const std::string db = dir / "feedback.db";
  RunResult run = RunCxmap("--db " + Quote(db) + " run");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string path = dir / "feedback-report.html";
  ASSERT_TRUE(fs::exists(path)) << run.err;
  EXPECT_NE(run.err.find("report: " + path), std::string::npos) << run.err;
  const std::string html = ReadFile(path);
  ExpectSelfContained(html);
  // Text in each language of the samples, unbroken.
  for (const char* text : {"ไม่", "ệ", "客服", "轉運站", "delivery"}) {
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
  // Quotes carry their language, so the browser picks a font for the script.
  for (const char* lang : {"th", "vi", "zh-Hans", "zh-Hant", "en"}) {
    EXPECT_NE(html.find(fmt::format("<blockquote lang=\"{}\">", lang)), std::string::npos) << lang;
  }
  for (const char* section : {"id=\"headline\"", "id=\"journey-map\"", "id=\"emotion-curve\"",
                              "id=\"pain-points\"", "id=\"data-quality\"", "<polyline points=\""}) {
    EXPECT_NE(html.find(section), std::string::npos) << section;
  }

  // The headline is journey's overall figure over every respondent.
  RunResult journey = RunCxmap("-q --db " + Quote(db) + " journey --json");
  ASSERT_EQ(journey.exit_code, 0) << journey.err;
  auto map = nlohmann::json::parse(journey.out);
  const auto& overall = map["overall"];
  ASSERT_TRUE(overall["nps"].is_object());
  std::string nps = fmt::format("<div class=\"label\">NPS</div><div class=\"value\">{:+.0f}</div>",
                                overall["nps"]["value"].get<double>());
  EXPECT_NE(html.find(nps), std::string::npos) << nps;
  std::string responses =
      fmt::format("<div class=\"label\">Responses</div><div class=\"value\">{}</div>",
                  overall["responses"].get<uint64_t>());
  EXPECT_NE(html.find(responses), std::string::npos) << responses;

  // `report -o` writes the same page (but for the time it was made).
  const std::string again = dir / "again.html";
  RunResult report = RunCxmap("-q --db " + Quote(db) + " report -o " + Quote(again));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  auto without_time = [](std::string s) {
    return std::regex_replace(s, std::regex("generated [0-9-]+ [0-9:]+ UTC"), "generated T");
  };
  EXPECT_EQ(without_time(ReadFile(again)), without_time(html));
}

TEST(Report, HostileFeedbackStaysText) {
  TempDir dir;
  const std::string csv =
      dir.Write("hostile.csv",
                "id,date,channel,language,segment,nps,csat,comment\n"
                "h1,2026-03-02,survey,en,\"<b onmouseover=alert(1)>vip\",2,1,"
                "\"The delivery was late <script>alert(1)</script> and the driver was rude\"\n"
                "h2,2026-03-03,survey,en,regular,3,1,"
                "\"\"\"><img src=x onerror=alert(1)> delivery took two weeks, terrible\"\n"
                "h3,2026-03-04,survey,en,regular,1,1,"
                "\"</style><style>*{background:url(//evil.example/x)}</style> checkout failed "
                "twice, awful\"\n"
                "h4,2026-03-05,survey,en,vip,2,2,"
                "\"<a href=javascript:alert(1)>refund</a> never came, support ignored me\"\n"
                "h6,2026-03-07,survey,en,\"vip\"\" title=\"\"x\",1,1,\"the app crashed and the refund failed\"\n"
      "h5,2026-03-06,survey,en,vip,0,1,"
                "\"<svg onload=alert(1)><iframe src=//evil.example> delivery late again\"\n");
  const std::string db = dir / "h.db";
  const std::string html_path = dir / "h.html";
  RunResult run =
      RunCxmap("-q --db " + Quote(db) + " run --report " + Quote(html_path) + " " + Quote(csv));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(html_path);
  ExpectSelfContained(html);
  // The payloads are there, as text; a quote in an attribute value stays
  // inside it (the segment name lands in title="…" of the segment table).
  EXPECT_NE(html.find("&lt;b onmouseover=alert(1)&gt;vip"), std::string::npos);
  EXPECT_NE(html.find("vip&quot; title=&quot;x"), std::string::npos);
  // The payloads are there, as text.
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST(Report, ReadCommandsRefuseAMissingDatabase) {
  TempDir dir;
  const std::string db = dir / "typo.db";
  for (const char* command : {"report", "journey", "query", "empathy", "stakeholders"}) {
    RunResult r = RunCxmap("-q --db " + Quote(db) + " " + command);
    EXPECT_NE(r.exit_code, 0) << command;
    EXPECT_NE(r.err.find("no database at"), std::string::npos) << command << ": " << r.err;
    EXPECT_FALSE(fs::exists(db)) << command << " created the database";
  }
}

}  // namespace
}  // namespace cxmap::testing

namespace cxmap::testing {
namespace {

// A Qualtrics export of 300 respondents whose NPS is made, with noise, of
// the delivery rating (strongly) and the customer-service rating (less);
// the website rating only travels with delivery (the same answer half the
// time). The unit tests show the subtler case where plain correlation
// ranks such a passenger above a true driver. The report must rank
// delivery, then service, then the website, and leave out the NPS question
// itself (kept as an answer too).
TEST(Report, KeyDriversRankTheKnownDriversOfAGeneratedSurvey) {
  TempDir dir;
  std::string text;
  {
    std::ostringstream out;
    out << "StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,UserLanguage,Q1,Q3_"
           "1,Q3_2,Q3_3,Q5_TEXT\n"
        << "Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,User "
           "Language,"
           "How likely are you to recommend FreshCart to a friend?,"
           "Please rate each part of your order - Website or app,Please rate each part of your "
           "order - Delivery,"
           "Please rate each part of your order - Customer service,What is the main reason for "
           "your score?\n"
        << "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{"
           "\"\"ImportId\"\":\"\"status\"\"}\","
           "\"{\"\"ImportId\"\":\"\"progress\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\","
           "\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\","
           "\"{\"\"ImportId\"\":\"\"userLanguage\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\","
           "\"{\"\"ImportId\"\":\"\"QID3_1\"\"}\",\"{\"\"ImportId\"\":\"\"QID3_2\"\"}\","
           "\"{\"\"ImportId\"\":\"\"QID3_3\"\"}\",\"{\"\"ImportId\"\":\"\"QID5_TEXT\"\"}\"\n";
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<int> five(1, 5);
    std::bernoulli_distribution copies(0.5);
    std::normal_distribution<double> noise(0, 1);
    for (int i = 0; i < 300; ++i) {
      // Expected weights: delivery 0.60, service 0.27, website 0.08.
      int d = five(rng), s = five(rng), w = copies(rng) ? d : five(rng);
      int nps = static_cast<int>(
          std::lround(std::clamp(-2.0 + 1.5 * d + 1.0 * s + noise(rng), 0.0, 10.0)));
      out << "2026-02-02 08:01:10,2026-02-02 08:03:40,IP Address,100,True,2026-02-02 08:03:41,R_gen"
          << i << ",EN," << nps << "," << w << "," << d << "," << s << ",order " << i << "\n";
    }
    text = out.str();
  }
  const std::string csv = dir.Write("drivers.csv", text);
  const std::string html_path = dir / "d.html";
  RunResult run = RunCxmap("-q --db " + Quote(dir / "d.db") + " run --report " + Quote(html_path) +
                           " " + Quote(csv));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(html_path);
  size_t section = html.find("id=\"key-drivers\"");
  ASSERT_NE(section, std::string::npos);
  const std::string drivers = html.substr(section, html.find("</section>", section) - section);
  EXPECT_NE(drivers.find("over 300 respondents"), std::string::npos) << drivers;
  size_t delivery = drivers.find("- Delivery</th>");
  size_t service = drivers.find("- Customer service</th>");
  size_t website = drivers.find("- Website or app</th>");
  ASSERT_NE(delivery, std::string::npos) << drivers;
  ASSERT_NE(service, std::string::npos);
  ASSERT_NE(website, std::string::npos);
  EXPECT_LT(delivery, service);
  EXPECT_LT(service, website);
  EXPECT_NE(drivers.find("restating the outcome"), std::string::npos)
      << "the NPS question is not a driver";
}

}  // namespace
}  // namespace cxmap::testing

namespace cxmap::testing {
namespace {

// Terminal output cuts quotes by what a reader counts, not by bytes: a Thai
// quote (three bytes a letter) used to stop after about 30 letters.
TEST(TerminalQuotes, ThaiQuotesAreCutByGraphemeNotByte) {
  TempDir dir;
  std::string csv_text = "id,date,channel,language,segment,nps,csat,comment\n";
  const char* complaints[] = {"ส่งของช้ามาก รอนานเกินไป ไม่พอใจเลย", "พนักงานส่งของพูดจาไม่ดี ของเสียหาย",
                              "สั่งอาหารแล้วได้ช้ามาก อาหารเย็นหมด", "ส่งของผิดที่ ต้องไปรับเองไกลมาก",
                              "ของมาช้ากว่าที่แจ้งสามวัน ไม่มีใครแจ้งเลย"};
  for (int i = 0; i < 10; ++i) {
    std::string text;
    for (int k = 0; k < 4; ++k) text += std::string(complaints[i % 5]) + " ";
    csv_text += "t" + std::to_string(i) + ",2026-03-0" + std::to_string(i % 9 + 1) +
                ",survey,th,vip,2,1,\"" + text + "\"\n";
  }
  const std::string csv = dir.Write("thai.csv", csv_text);
  const std::string db = dir / "t.db";
  ASSERT_EQ(RunCxmap("-q --db " + Quote(db) + " run --no-report " + Quote(csv)).exit_code, 0);
  RunResult journey = RunCxmap("-q --db " + Quote(db) + " journey");
  ASSERT_EQ(journey.exit_code, 0) << journey.err;
  size_t at = journey.out.find("“");
  ASSERT_NE(at, std::string::npos) << journey.out;
  const std::string quote = journey.out.substr(at, journey.out.find('\n', at) - at);
  size_t thai = 0;
  for (size_t i = 0; i + 2 < quote.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(quote[i]),
               b1 = static_cast<unsigned char>(quote[i + 1]);
    thai += b0 == 0xE0 && (b1 == 0xB8 || b1 == 0xB9);  // U+0E00–U+0E7F
  }
  EXPECT_GE(thai, 80u) << quote;
  EXPECT_NE(quote.find("…"), std::string::npos)
      << "the quote is longer than 90 and says it was cut";
}

}  // namespace
}  // namespace cxmap::testing

namespace cxmap::testing {
namespace {

// The empathy map, the stakeholder quadrant and the per-segment curves:
// drawn from the stored analyses, names in every script, each stakeholder
// with scores a dot, and a hostile name inert.
TEST(Report, EmpathyStakeholdersAndSegmentCurves) {
  TempDir dir;
  const std::string people = dir.Write(
      "people.csv",
      "Name,Department,Role,Support (1-5),Influence (1-5),Notes\n"
      "Nguyễn Thị Lan,Vận chuyển,Giám đốc,2,5,\n"
      "สมชาย ใจดี,ฝ่ายขาย,ผู้จัดการ,4.5,3,\n"
      "王小明,客服部,总监,4.5,4,\n"
      "<script>alert(1)</script>,Finance,CFO,3,5,\n");
  const std::string db = dir / "k.db";
  const std::string html_path = dir / "k.html";
  const std::string samples = SAMPLES_DIR;
  RunResult run = RunCxmap("-q --db " + Quote(db) + " run --report " + Quote(html_path) + " " +
                           Quote(samples) + " " + Quote(people));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(html_path);
  ExpectSelfContained(html);
  for (const char* id : {"id=\"empathy\"", "id=\"stakeholders\"", "id=\"segment-curves\""}) {
    EXPECT_NE(html.find(id), std::string::npos) << id;
  }
  for (const char* name : {"Nguyễn Thị Lan", "สมชาย ใจดี", "王小明"}) {
    EXPECT_NE(html.find(name), std::string::npos) << name;
  }
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // One dot per stakeholder, each coloured by its strategy.
  static const std::regex kDot("<circle [^>]*class=\"(collaborate|engage|defend|monitor)\"");
  const auto dots = std::distance(std::sregex_iterator(html.begin(), html.end(), kDot),
                                  std::sregex_iterator());
  EXPECT_EQ(dots, 4);
  // The four quadrants of the empathy map, each with its count.
  for (const char* q : {"quad-says", "quad-thinks", "quad-does", "quad-feels"}) {
    EXPECT_NE(html.find(q), std::string::npos) << q;
  }
}

}  // namespace
}  // namespace cxmap::testing

namespace cxmap::testing {
namespace {

// Thai written with a decomposed SARA AM (U+0E4D U+0E32, as many Thai
// keyboards and exports produce instead of U+0E33) reaches the report
// byte for byte, in a quote marked lang="th", and a long one is cut at a
// cluster boundary, never inside a UTF-8 sequence.
TEST(Report, ThaiWithDecomposedSaraAmStaysWhole) {
  TempDir dir;
  const std::string decomposed = "\xE0\xB8\x97\xE0\xB9\x8D\xE0\xB8\xB2";  // ท + ํ + า
  std::string csv = "id,date,channel,language,segment,nps,csat,comment\n";
  for (int i = 0; i < 6; ++i) {
    std::string text = "ส่งของช้ามาก " + decomposed + "ให้รอนานเกินไป ไม่พอใจเลย";
    if (i == 0) {
      for (int k = 0; k < 40; ++k) text += " พนักงาน" + decomposed + "งานช้า แย่มาก";
    }
    csv += "t" + std::to_string(i) + ",2026-03-0" + std::to_string(i + 1) +
           ",survey,th,vip,1,1,\"" + text + "\"\n";
  }
  const std::string db = dir / "th.db";
  const std::string html_path = dir / "th.html";
  RunResult run = RunCxmap("-q --db " + Quote(db) + " run --report " + Quote(html_path) + " " +
                           Quote(dir.Write("th.csv", csv)));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(html_path);
  EXPECT_NE(html.find(decomposed + "ให้รอนาน"), std::string::npos);
  EXPECT_NE(html.find("<blockquote lang=\"th\">"), std::string::npos);
  // Valid UTF-8 throughout: every lead byte has its continuation bytes.
  for (size_t i = 0; i < html.size();) {
    const auto c = static_cast<unsigned char>(html[i]);
    const size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    ASSERT_NE(n, 0u) << "stray continuation byte at " << i;
    for (size_t k = 1; k < n; ++k) {
      ASSERT_LT(i + k, html.size());
      ASSERT_EQ(static_cast<unsigned char>(html[i + k]) & 0xC0, 0x80) << "cut sequence at " << i;
    }
    i += n;
  }
}

}  // namespace
}  // namespace cxmap::testing
