#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A vendor's own plugin field is a first-class filter and output of
# `cxmap query`: runs the two sample plugins (built out of tree against the
# installed SDK) over reviews in four languages, then
#   query --where 'analysis_pii_flags.has_pii = true' --jsonl
# must return exactly the reviews with a phone number or e-mail, each with
# the plugin's results in its "results" object.
#   query_cli_test.sh CXMAP MODULE_DIR
set -euo pipefail
CXMAP=$1
MODS=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-query.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "query_cli_test: FAIL: $*" >&2; exit 1; }

cat >"$tmp/reviews.jsonl" <<'JSONL'
{"id":"q-1","date":"2024-05-02","rating":1,"title":"Giao chậm","body":"Gọi cho tôi số 0912 345 678 để đổi hàng","lang":"vi"}
{"id":"q-2","date":"2024-05-02","rating":5,"title":"tot","body":"giao hang nhanh, dong goi ky","lang":"vi"}
{"id":"q-3","date":"2024-05-03","rating":2,"title":"คืนเงิน","body":"ติดต่อกลับที่ somchai@example.co.th ด้วยค่ะ","lang":"th"}
{"id":"q-4","date":"2024-05-03","rating":4,"title":"好","body":"物流很快，包装也很好","lang":"zh-Hans"}
{"id":"q-5","date":"2024-05-04","rating":3,"title":"客服","body":"請寄信到 wang.li@example.com.tw 告訴我退款進度","lang":"zh-Hant"}
{"id":"q-6","date":"2024-05-04","rating":5,"title":"Great","body":"Fast delivery, friendly driver","lang":"en"}
JSONL

"$CXMAP" --quiet --db "$tmp/q.db" --plugin-dir "$MODS" run "$tmp/reviews.jsonl" >"$tmp/run.txt" 2>&1 ||
  { cat "$tmp/run.txt" >&2; fail "cxmap run exited non-zero"; }
"$CXMAP" --db "$tmp/q.db" --plugin-dir "$MODS" query --jsonl \
  --where 'analysis_pii_flags.has_pii = true' >"$tmp/pii.jsonl" 2>"$tmp/query.err" ||
  { cat "$tmp/query.err" >&2; fail "query on a plugin field exited non-zero"; }
"$CXMAP" --db "$tmp/q.db" --plugin-dir "$MODS" query --count \
  --where 'not (analysis_pii_flags.has_pii = true) and analysis_pii_flags.pii_count = 0' \
  >"$tmp/clean.txt" 2>&1 || { cat "$tmp/clean.txt" >&2; fail "query --count on plugin fields"; }
python3 - "$tmp/pii.jsonl" "$tmp/clean.txt" <<'PY' || fail "query on analysis_pii_flags.has_pii"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
ids = sorted(r["id"].rsplit(":", 1)[-1] for r in rows)
if ids != ["q-1", "q-3", "q-5"]:
    sys.exit(f"query_cli_test: has_pii = true returned {ids}, want q-1, q-3, q-5")
for r in rows:
    pii = r.get("results", {}).get("analysis_pii_flags", {})
    if pii.get("has_pii") is not True or pii.get("pii_count", 0) < 1:
        sys.exit("query_cli_test: the row's results lack the plugin's values: " + json.dumps(r, ensure_ascii=False))
clean = open(sys.argv[2], encoding="utf-8").read().split()
if not clean or clean[0] != "3":
    sys.exit(f"query_cli_test: --count of the clean reviews printed {clean!r}, want 3")
PY
echo "query_cli_test: OK"
