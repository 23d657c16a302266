// SPDX-License-Identifier: Apache-2.0
// Schema migration 10 (see migrations.cpp for the list): SQL only.
//
// Views for BI tools. Power BI, Tableau and Excel read SQLite through
// ODBC and want flat rows with readable columns; the physical tables are
// packed (ids into dictionaries, one results table per plugin) and the
// `facts` view carries plugin-era names. These four views are the
// documented, stable read surface (docs/data_model.md, "Views for BI
// tools"); `cxmap export --view responses` writes bi_responses plus one
// column per closed question, so the file and the view agree.
//
// Stakeholder lists are not feedback and stay out; a response whose only
// words are the brand's or an agent's is not a customer response (as in
// the KPIs: fact_reads.cpp ReadResponseScores).
#pragma once

namespace cxmap::core {

inline constexpr const char* kMigration10Views = R"sql(
CREATE VIEW bi_responses AS
SELECT p.rowid AS response, p.key AS key, p.source AS source, p.response_id AS response_id,
       p.channel AS channel, p.sub_channel AS sub_channel,
       CASE WHEN p.time_ms IS NULL THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%SZ', p.time_ms / 1000, 'unixepoch') END AS time,
       p.language AS language, p.segment AS segment, p.respondent AS respondent,
       p.nps AS nps,
       CASE WHEN p.nps >= 9 AND p.nps <= 10 THEN 'promoter'
            WHEN p.nps >= 7 AND p.nps < 9 THEN 'passive'
            WHEN p.nps >= 0 AND p.nps < 7 THEN 'detractor' END AS nps_group,
       p.csat AS csat, p.ces AS ces, p.rating AS rating,
       coalesce(u.text_units, 0) AS text_units, u.text AS text,
       CASE WHEN u.text_units IS NULL THEN NULL
            WHEN u.negative > 0 AND u.positive > 0 THEN 'mixed'
            WHEN u.negative > 0 THEN 'negative'
            WHEN u.positive > 0 THEN 'positive'
            WHEN u.labelled > 0 THEN 'neutral' END AS sentiment,
       u.sentiment_score AS sentiment_score,
       coalesce(u.positive, 0) AS positive_units, coalesce(u.negative, 0) AS negative_units,
       u.touchpoints AS touchpoints, u.stages AS stages,
       p.file AS file, p.line AS line
FROM responses p
LEFT JOIN (
  SELECT response, count(*) AS text_units, group_concat(text, char(10)) AS text,
         round(avg(sentiment), 4) AS sentiment_score,
         sum(sentiment_label = 'positive') AS positive,
         sum(sentiment_label = 'negative') AS negative,
         count(sentiment_label) AS labelled,
         group_concat(DISTINCT touchpoint) AS touchpoints,
         group_concat(DISTINCT stage) AS stages
  FROM (SELECT response, record, text, touchpoint, stage, sentiment_label, sentiment
        FROM facts WHERE speaker IN ('customer', 'unknown') ORDER BY response, record)
  GROUP BY response
) u ON u.response = p.rowid
WHERE json_extract(p.attributes, '$.kind') IS NOT 'stakeholder'
  AND (u.response IS NOT NULL
       OR NOT EXISTS (SELECT 1 FROM units x WHERE x.response = p.rowid));

CREATE VIEW bi_text_units AS
SELECT f.record AS unit, f.response AS response, f.id AS unit_id, f.speaker AS speaker,
       f.lang AS language, f.channel AS channel, f.segment AS segment,
       CASE WHEN f.time_ms IS NULL THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%SZ', f.time_ms / 1000, 'unixepoch') END AS time,
       f.text AS text, f.touchpoint AS touchpoint, f.stage AS stage, f.owner AS owner,
       f.sentiment_label AS sentiment, f.sentiment AS sentiment_score
FROM facts f
WHERE json_extract(f.attributes, '$.kind') IS NOT 'stakeholder';

CREATE VIEW bi_answers AS
SELECT a.response AS response, p.key AS key, a.question AS question,
       a.question_text AS question_text, a.ordinal AS ordinal, a.kind AS kind,
       a.value AS value, a.number AS number, a.scale_min AS scale_min, a.scale_max AS scale_max
FROM answers a JOIN responses p ON p.rowid = a.response
WHERE json_extract(p.attributes, '$.kind') IS NOT 'stakeholder';

CREATE VIEW bi_rejects AS
SELECT r.import_id AS import_id, r.file AS file, r.line AS line, r.reason AS reason,
       r.excerpt AS excerpt
FROM rejected r;
)sql";

}  // namespace cxmap::core
