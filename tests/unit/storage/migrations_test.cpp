// SPDX-License-Identifier: Apache-2.0
#include "core/storage/migrations.h"

#include <gtest/gtest.h>

#include "core/storage/record_codec.h"
#include "core/storage/store.h"
#include "tests/unit/storage/storage_test_util.h"

namespace cxmap::core {
namespace {

using testing::RawDb;
using testing::TempDir;

TEST(Migrations, CreatesTheSchemaInAnEmptyFile) {
  TempDir dir;
  const std::string path = dir.File("new.db");
  {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(raw.Int("PRAGMA application_id"), kApplicationId);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  for (const char* table : {"imports", "response_rows", "units", "answers", "result_fields",
                            "plugins", "scopes", "files", "sentences", "result_lists",
                            "rejected", "skipped"}) {
    EXPECT_EQ(raw.Int(std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                  " AND name = '") + table + "'"),
              1)
        << table;
  }
  for (const char* view : {"results", "facts", "records", "responses", "analyses"}) {
    EXPECT_EQ(raw.Int(std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'view'"
                                  " AND name = '") + view + "'"),
              1)
        << view;
  }
}

TEST(Migrations, ReopenKeepsDataAndVersion) {
  TempDir dir;
  const std::string path = dir.File("re.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
    auto handle = (*store)->BeginImport(testing::MakeRequest("abc"));
    ASSERT_TRUE(handle.ok());
  }
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->imports, 1u);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), LatestSchemaVersion());
}

TEST(Migrations, ConnectionSettingsAreApplied) {
  TempDir dir;
  auto db = SqliteDb::Open(dir.File("s.db"), 1000);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(ConfigureConnection(**db).ok());
  EXPECT_EQ((*db)->QueryInt("PRAGMA foreign_keys", "fk").value(), 1);
  EXPECT_EQ((*db)->QueryInt("PRAGMA synchronous", "sync").value(), 1);  // NORMAL
}

TEST(Migrations, RefusesANewerSchema) {
  TempDir dir;
  const std::string path = dir.File("future.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
  }
  {
    RawDb raw(path);
    ASSERT_TRUE(raw.Exec("PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1)));
  }
  auto store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kNotSupported);
  EXPECT_NE(store.status().message().find("newer cxmap"), std::string::npos)
      << store.status().message();
}

TEST(Migrations, RefusesAnotherApplicationsDatabase) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  {
    RawDb raw(path);
    ASSERT_TRUE(raw.Exec("CREATE TABLE customers (name TEXT)"));
  }
  auto store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kNotSupported);  // a database error (exit 3)
  RawDb raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'records'"), 0);
}

TEST(Migrations, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  const std::string path = dir.File("junk.db");
  {
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::string junk(8192, 'x');
    fwrite(junk.data(), 1, junk.size(), f);
    fclose(f);
  }
  auto store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kCorruption) << store.status().ToString();
}

TEST(Migrations, SchemaRejectsTextInAScoreColumn) {
  // STRICT tables: a '' can never end up in a score column.
  TempDir dir;
  const std::string path = dir.File("strict.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
  }
  RawDb raw(path);
  ASSERT_TRUE(raw.Exec("INSERT INTO imports (path, sha256, size, source_plugin, format,"
                       " started_at) VALUES ('p', 's', 1, 'x', 'csv', 0)"));
  EXPECT_FALSE(raw.Exec("INSERT INTO records (id, source, import_id, external_id, channel,"
                        " sub_channel, language, text, respondent, segment, nps, file, line,"
                        " record_number) VALUES ('r', 's', 1, '', 'survey', '', 'en', '', '',"
                        " '', '', 'f', 1, 1)"));
}

}  // namespace
}  // namespace cxmap::core

namespace cxmap::core {
namespace {

// A database written before responses existed (schema 2): each record
// becomes its own response with its scores, and its speaker comes from the
// call-centre attribute.
TEST(Migrations, Schema2RecordsBecomeResponsesWithTheirScores) {
  testing::TempDir dir;
  const std::string path = dir.File("v2.db");
  {
    auto db = SqliteDb::Open(path, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(ConfigureConnection(**db).ok());
    ASSERT_TRUE(MigrateTo(**db, 2).ok());
  }
  {
    testing::RawDb raw(path);
    ASSERT_TRUE(raw.Exec(
        "INSERT INTO imports (id, path, sha256, size, source_plugin, format, started_at, accepted)"
        " VALUES (1, 'a.csv', 'x', 1, 's', 'csv', 0, 2);"
        "INSERT INTO records (id, source, import_id, external_id, channel, sub_channel, language,"
        " text, respondent, segment, nps, csat, attributes, file, line, record_number) VALUES"
        " ('s:1', 's', 1, '1', 'survey', '', 'vi', 'Giao hàng chậm', '', 'vip', 9, 4, '{}', 'a.csv', 2, 1),"
        " ('s:2', 's', 1, '2', 'call', '', 'th', 'ขอบคุณค่ะ', '', '', NULL, NULL,"
        "  '{\"speaker_role\":\"agent\"}', 'a.csv', 3, 2);"))
        << raw.Text("SELECT 1");
    EXPECT_EQ(raw.Int("PRAGMA user_version"), 2);
  }
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  testing::RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(raw.Int("SELECT count(*) FROM responses"), 2);
  EXPECT_EQ(raw.Text("SELECT nps || ' ' || csat || ' ' || segment FROM responses WHERE key = 's:1'"),
            "9.0 4.0 vip");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM records r JOIN responses p ON p.rowid = r.response"), 2);
  EXPECT_EQ(raw.Text("SELECT speaker_role FROM records WHERE id = 's:2'"), "agent");
  EXPECT_EQ(raw.Text("SELECT speaker_role FROM records WHERE id = 's:1'"), "customer");
  EXPECT_EQ(raw.Int("SELECT responses FROM imports"), 2);
  EXPECT_EQ(raw.Text("PRAGMA foreign_key_check"), "<none>");
}

// A schema-3 database with results in the old one-row-per-value table:
// after migration 4 the `results` view shows exactly the same rows.
TEST(Migrations, Schema3ResultsReadTheSameThroughTheCompactLayout) {
  testing::TempDir dir;
  const std::string path = dir.File("v3.db");
  {
    auto db = SqliteDb::Open(path, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(ConfigureConnection(**db).ok());
    ASSERT_TRUE(MigrateTo(**db, 3).ok());
  }
  // Every column of every row, so the comparison can fail on any of them.
  const char* kRows =
      "SELECT record || '|' || plugin || '|' || field || '|' || sentence || '|' || sentence_text"
      " || '|' || value_type || '|' || quote(value) || '|' || evidence"
      " FROM results ORDER BY record, plugin, field, sentence, quote(value)";
  // Every column of the unit and its response, through the views.
  const char* kUnits =
      "SELECT quote(r.rowid) || quote(r.id) || quote(r.source) || quote(r.import_id) ||"
      " quote(r.external_id) || quote(r.channel) || quote(r.sub_channel) || quote(r.time_ms) ||"
      " quote(r.language) || quote(r.text) || quote(r.respondent) || quote(r.segment) ||"
      " quote(r.nps) || quote(r.csat) || quote(r.ces) || quote(r.rating) || quote(r.attributes) ||"
      " quote(r.file) || quote(r.line) || quote(r.record_number) || quote(r.response) ||"
      " quote(r.speaker_role) || '|' || quote(p.key) || quote(p.source) || quote(p.response_id) ||"
      " quote(p.file) || quote(p.line) FROM records r JOIN responses p ON p.rowid = r.response";
  std::string before, before_units;
  {
    testing::RawDb raw(path);
    ASSERT_TRUE(raw.Exec(
        "INSERT INTO imports (id, path, sha256, size, source_plugin, format, started_at)"
        " VALUES (1, 'a.csv', 'x', 1, 's', 'csv', 0);"
        // Attributes that repeat the response's local id ("1") become a
        // shared set in schema 7; a unit with its own keeps them.
        "INSERT INTO responses (rowid, key, source, import_id, response_id, channel, sub_channel,"
        " language, respondent, segment, attributes, file, line) VALUES"
        " (1, 's:1', 's', 1, '', 'survey', '', 'th', '', '', '{\"respondent_id\":\"1\"}', 'a.csv',"
        "  2);"
        "INSERT INTO records (rowid, id, source, import_id, external_id, channel, sub_channel,"
        " language, text, respondent, segment, attributes, file, line, record_number, response)"
        " VALUES (1, 's:1', 's', 1, '1', 'survey', '', 'th', 'ส่งของช้ามาก ไม่ประทับใจ', '', '',"
        "  '{\"respondent_id\":\"1\",\"turn\":\"1\"}', 'a.csv', 2, 1, 1);"
        "INSERT INTO results (record, plugin, field, sentence, sentence_text, value_type, value,"
        " evidence) VALUES"
        " (1, 'analysis_sentiment', 'label', -1, '', 'string', 'negative', '[\"cue:ช้า\"]'),"
        " (1, 'analysis_sentiment', 'score', -1, '', 'real', -0.8, '[]'),"
        " (1, 'analysis_sentiment', 'label', 0, 'ส่งของช้ามาก', 'string', 'negative',"
        "  '[\"cue:ช้า\"]'),"
        " (1, 'analysis_journey', 'tags', 0, 'ส่งของช้ามาก', 'string', 'a', '[]'),"
        " (1, 'analysis_journey', 'tags', 0, 'ส่งของช้ามาก', 'string', 'b', '[]'),"
        " (1, 'analysis_journey', 'none', -1, '', 'null', NULL, '[]'),"
        // A field stored with two types (a plugin upgrade), and a plugin
        // with its own sentence breaker.
        " (1, 'vendor_x', 'level', -1, '', 'integer', 3, '[]'),"
        " (1, 'vendor_x', 'level', 0, 'ส่งของช้ามาก', 'string', 'negative', '[]'),"
        " (1, 'vendor_y', 'cut', 0, 'ส่งของช้ามาก ไม่ประทับใจ', 'string', 'x', '[]'),"
        // JSON values: an array (a list of its elements since schema 6),
        // an object and an empty array (one text each).
        " (1, 'analysis_journey', 'touchpoints', -1, '', 'json',"
        "  '[{\"id\":\"delivery\",\"confidence\":0.5,\"evidence\":[\"cue:ช้า\"]},{\"id\":\"x\"}]',"
        "  '[\"cue:ช้า\",\"cue:\\\"q\\\"\"]'),"
        " (1, 'analysis_journey', 'counts', -1, '', 'json', '{\"says\":1}', '[]'),"
        " (1, 'analysis_journey', 'empty', -1, '', 'json', '[]', '[]');"));
    auto dump = [&] {
      std::string all;
      for (int i = 0; i < 12; ++i) {
        all += raw.Text(std::string(kRows) + " LIMIT 1 OFFSET " + std::to_string(i)) + "\n";
      }
      return all;
    };
    before = dump();
    before_units = raw.Text(kUnits);
  }
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  testing::RawDb raw(path);
  std::string after;
  for (int i = 0; i < 12; ++i) {
    after += raw.Text(std::string(kRows) + " LIMIT 1 OFFSET " + std::to_string(i)) + "\n";
  }
  EXPECT_EQ(after, before);
  EXPECT_NE(before.find("vendor_x|level|-1||integer|3|[]"), std::string::npos) << before;
  EXPECT_NE(before.find("ส่งของช้ามาก ไม่ประทับใจ|string|'x'"), std::string::npos) << before;
  EXPECT_EQ(raw.Text(kUnits), before_units);
  EXPECT_NE(before_units.find(R"('{"respondent_id":"1","turn":"1"}')"), std::string::npos)
      << before_units;
  EXPECT_EQ(raw.Text("SELECT json FROM attribute_sets ORDER BY id LIMIT 1"),
            std::string("{\"respondent_id\":") + kAttributeSelfId + "}");
  EXPECT_NE(before.find(R"(json|'[{"id":"delivery","confidence":0.5,"evidence":["cue:ช้า"]},{"id":"x"}]'|["cue:ช้า","cue:\"q\""])"),
            std::string::npos) << before;
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results"), 12);
  // analysis_journey is plugin 1 (ids in name order): its array column
  // holds minus a list id.
  const std::string touchpoints =
      "f" + std::to_string(raw.Int("SELECT id FROM result_fields WHERE field = 'touchpoints'"));
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results_1 WHERE " + touchpoints + " < 0"), 1)
      << "the array is a list";
  // One typed table per plugin (ids in name order), one row per unit,
  // sentence and ordinal: the sentiment label and score share a row.
  EXPECT_EQ(raw.Int("SELECT count(*) FROM plugins"), 4);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results_2"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM results_1"), 3) << "two tags at sentence 0, a NULL at -1";
  EXPECT_EQ(raw.Int("SELECT count(*) FROM result_lists"), 3)
      << "identical evidence is stored once; the other evidence and the array are lists";
  EXPECT_EQ(raw.Int("SELECT count(*) FROM result_texts WHERE text LIKE '[{%'"), 0)
      << "the whole array's text is gone";
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sentences"), 1) << "a sentence is stored once";
  EXPECT_EQ(raw.Text("SELECT value_type FROM results WHERE field = 'none'"), "null");
}

}  // namespace
}  // namespace cxmap::core
