// SPDX-License-Identifier: Apache-2.0
// Analysis values packed per (unit, plugin) on the PostgreSQL store: every
// value type survives the round trip exactly, and a store of schema 11
// (one row per value) keeps every value through migration 12. The
// migration test needs the test server (CXMAP_TEST_PG); the codec does not.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/storage/open_store.h"
#include "core/storage/pg_db.h"
#include "core/storage/pg_result_pack.h"
#include "core/storage/store_location.h"
#include "storage_test_util.h"
#include "tests/pg_test_server.h"

namespace cxmap::core {
namespace {

// Values of every type, with evidence and spans, in Thai, Chinese and
// Vietnamese, as plugins give them.
std::vector<ResultRow> EveryKindOfValue() {
  std::vector<ResultRow> rows;
  auto add = [&](std::string field, int32_t sentence, int32_t type) -> ResultRow& {
    ResultRow r;
    r.plugin = "analysis_x";
    r.field = std::move(field);
    r.sentence = sentence;
    r.sentence_text = sentence < 0 ? "" : "ส่งของช้ามาก \"ไม่ดี\"";
    r.type = type;
    rows.push_back(std::move(r));
    return rows.back();
  };
  add("score", -1, CXMAP_TYPE_REAL).real = -0.25;
  add("tiny", -1, CXMAP_TYPE_REAL).real = 1e-300;
  add("exact", -1, CXMAP_TYPE_REAL).real = 0.1 + 0.2;
  add("nan", -1, CXMAP_TYPE_REAL).real = std::numeric_limits<double>::quiet_NaN();
  add("inf", -1, CXMAP_TYPE_REAL).real = -std::numeric_limits<double>::infinity();
  add("negative zero", -1, CXMAP_TYPE_REAL).real = -0.0;
  add("whole", -1, CXMAP_TYPE_REAL).real = 3.0;
  add("big", -1, CXMAP_TYPE_INTEGER).integer = 9007199254740993;  // 2^53 + 1
  add("flag", -1, CXMAP_TYPE_BOOL).integer = 1;
  ResultRow& label = add("label", 0, CXMAP_TYPE_STRING);
  label.text = "tiêu cực \"物流慢\"\n";
  label.evidence = {"chậm", "物流"};
  label.spans = {{0, 6, 0}, {10, 16, 1}};
  add("label", 0, CXMAP_TYPE_STRING).text = "second value, same field\tand \x01 sentence\\";
  add("detail", 1, CXMAP_TYPE_JSON).text = R"({"a":[1,2.5,"x"]})";
  add("nothing", 2, CXMAP_TYPE_NULL);
  return rows;
}

void ExpectSameValues(const std::vector<ResultRow>& want, const std::vector<ResultRow>& got) {
  ASSERT_EQ(want.size(), got.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].field);
    EXPECT_EQ(want[i].plugin, got[i].plugin);
    EXPECT_EQ(want[i].field, got[i].field);
    EXPECT_EQ(want[i].sentence, got[i].sentence);
    EXPECT_EQ(want[i].sentence_text, got[i].sentence_text);
    EXPECT_EQ(want[i].type, got[i].type);
    EXPECT_EQ(want[i].integer, got[i].integer);
    if (std::isnan(want[i].real)) {
      EXPECT_TRUE(std::isnan(got[i].real));
    } else {
      EXPECT_EQ(want[i].real, got[i].real);  // exactly, not nearly
      EXPECT_EQ(std::signbit(want[i].real), std::signbit(got[i].real));
    }
    EXPECT_EQ(want[i].text, got[i].text);
    EXPECT_EQ(want[i].evidence, got[i].evidence);
    EXPECT_EQ(want[i].spans, got[i].spans);
  }
}

TEST(PackedValues, EveryTypeRoundTripsExactly) {
  const std::vector<ResultRow> rows = EveryKindOfValue();
  std::vector<const ResultRow*> pointers;
  for (const ResultRow& r : rows) pointers.push_back(&r);
  const std::string packed = PackValues(pointers);
  std::vector<ResultRow> back;
  ASSERT_TRUE(UnpackValues(packed, "analysis_x", &back).ok()) << packed;
  ExpectSameValues(rows, back);
  EXPECT_EQ(PackValues({}), "[]");
  // Each sentence's text is written once: sentences 0 (two values), 1 and 2.
  const std::string thai = "ส่งของช้ามาก";
  size_t times = 0;
  for (size_t at = packed.find(thai); at != std::string::npos; at = packed.find(thai, at + 1)) {
    ++times;
  }
  EXPECT_EQ(times, 3u) << packed;
}

TEST(PackedValues, DamagedTextIsCorruptionNotACrash) {
  std::vector<ResultRow> out;
  for (const char* bad : {"", "{", "{}", "[1]", R"([["f",0,"","nosuchtype",null,[],null]])",
                          R"([["f","zero","","real",1,[],null]])", R"([["f",0,"","real",1]])",
                          R"([["f",3,null,"real",1,[],null]])",
                          R"([["f",-1,"","real","1.5",[],null]])"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(UnpackValues(bad, "p", &out).code(), Code::kCorruption);
  }
}

// A store written by schema 11 (a row per value in `results`, a mark per
// unit and plugin in `analysed`), made by unpacking a current store's
// values back into that layout with SQL, then opened: migration 12 must
// pack the same values again.
TEST(PackedValues, MigrationFromOneRowPerValueKeepsEveryValue) {
  const std::string admin_url = pgtest::ServerUrl();
  if (admin_url.empty()) GTEST_SKIP() << pgtest::kNoServer;
  const std::string name = pgtest::UniqueDatabaseName("cxmap_m");
  auto admin = PgDb::Open(admin_url, "admin");
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE((*admin)->Exec("CREATE DATABASE " + name, "creating").ok());
  auto location = ParseStoreLocation(pgtest::WithDatabase(admin_url, name));
  ASSERT_TRUE(location.ok());
  {
    auto store = OpenStoreAt(*location, StoreAccess::kWrite);
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto h = (*store)->BeginImport(testing::MakeRequest("sha-m"));
    ASSERT_TRUE(h.ok());
    Batch batch = testing::MakeBatch(0, 2);
    batch.plugins = {"analysis_x", "analysis_y"};
    for (ResultRow r : EveryKindOfValue()) {
      r.record_index = 1;
      batch.results.push_back(std::move(r));
    }
    ASSERT_TRUE((*store)->WriteBatch(h->import_id, batch, nullptr).ok());
  }
  auto db = PgDb::Open(location->target, "test");
  ASSERT_TRUE(db.ok());
  const char* kReadPacked =
      "SELECT packed FROM cxmap.analysis WHERE plugin = 'analysis_x' AND packed <> '[]'";
  auto before = (*db)->Query(kReadPacked, "reading");
  ASSERT_TRUE(before.ok() && before->rows() == 1) << before.status().message();
  const std::string packed_before(before->Text(0, 0));

  Status downgraded = (*db)->Exec(R"sql(
SET search_path TO cxmap;
CREATE TABLE analysed (plugin text NOT NULL, unit bigint NOT NULL REFERENCES units(rowid),
                       PRIMARY KEY (unit, plugin));
CREATE TABLE results (
  unit bigint NOT NULL REFERENCES units(rowid), plugin text NOT NULL, field text NOT NULL,
  sentence integer NOT NULL, ordinal integer NOT NULL, sentence_text text NOT NULL,
  value_type text NOT NULL, value_text text, value_number double precision,
  evidence text NOT NULL, spans text, PRIMARY KEY (unit, plugin, field, sentence, ordinal));
INSERT INTO analysed SELECT plugin, unit FROM analysis;
-- json, not jsonb: jsonb's numbers are numeric, which has no -0.
INSERT INTO results
SELECT a.unit, a.plugin, v->>0, (v->>1)::int,
       (row_number() OVER (PARTITION BY a.unit, a.plugin, v->>0, v->>1 ORDER BY o) - 1)::int,
       coalesce(v->>2, first_value(v->>2) OVER (PARTITION BY a.unit, a.plugin, v->>1 ORDER BY o)),
       v->>3,
       CASE v->>3 WHEN 'real' THEN (v->>4)::float8::text ELSE v->>4 END,
       CASE v->>3 WHEN 'real' THEN (v->>4)::float8 WHEN 'integer' THEN (v->>4)::float8
                  WHEN 'bool' THEN (v->>4)::float8 END,
       (v->5)::text, CASE WHEN json_typeof(v->6) = 'null' THEN NULL ELSE (v->6)::text END
FROM analysis a, json_array_elements(a.packed::json) WITH ORDINALITY AS e(v, o);
DROP TABLE analysis, shards, workers;
DROP INDEX units_in_input_order, response_rows_in_input_order;
UPDATE meta SET value = '11' WHERE key = 'schema_version';
)sql",
                                  "rewriting the store as schema 11");
  ASSERT_TRUE(downgraded.ok()) << downgraded.message();
  ASSERT_EQ(*(*db)->QueryInt("SELECT count(*) FROM cxmap.results", PgParams(), "n"),
            static_cast<int64_t>(EveryKindOfValue().size()));

  {
    auto store = OpenStoreAt(*location, StoreAccess::kWrite);  // migrates
    ASSERT_TRUE(store.ok()) << store.status().message();
    EXPECT_EQ(*(*store)->CountUnanalysed({"analysis_x", "analysis_y"}), 0u);
  }
  auto after = (*db)->Query(kReadPacked, "reading");
  ASSERT_TRUE(after.ok() && after->rows() == 1) << after.status().message();
  std::vector<ResultRow> want, got;
  ASSERT_TRUE(UnpackValues(packed_before, "analysis_x", &want).ok());
  ASSERT_TRUE(UnpackValues(after->Text(0, 0), "analysis_x", &got).ok()) << after->Text(0, 0);
  // The migration orders a plugin's values by field and sentence, as the
  // snapshot reads them; compare in that order.
  auto by_field = [](std::vector<ResultRow>& v) {
    std::stable_sort(v.begin(), v.end(), [](const ResultRow& a, const ResultRow& b) {
      return std::tie(a.field, a.sentence) < std::tie(b.field, b.sentence);
    });
  };
  by_field(want);
  by_field(got);
  ExpectSameValues(want, got);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM cxmap.analysis", PgParams(), "n"), 4);
  db->reset();
  (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "dropping");
}

}  // namespace
}  // namespace cxmap::core
