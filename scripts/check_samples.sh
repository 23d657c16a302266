#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks that the sample plugins build against the INSTALLED SDK and load in
# the real CLI:
#   1. installs the SDK component of an existing build into a temp prefix;
#   2. configures, builds and unit-tests samples/plugins out of tree;
#   3. runs cxmap with --plugin-dir on their modules: plugins list, import of
#      the example JSONL (exit 1: one line is broken on purpose), status
#      --json counts, and classify --jsonl with the PII analysis.
#   scripts/check_samples.sh [BUILD_DIR]      (or BUILD_DIR=..., default build)
# Exits 0 when every check passes, non-zero with a message naming the step.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${1:-${BUILD_DIR:-build}}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
CXMAP="$BUILD_DIR/bin/cxmap"

fail() { echo "check_samples: FAIL: $*" >&2; exit 1; }
step() { echo "check_samples: $*"; }

[ -f "$BUILD_DIR/CMakeCache.txt" ] || fail "no configured build in $BUILD_DIR (build cxmap first)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-samples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=scripts/out_of_tree.sh
. "$ROOT/scripts/out_of_tree.sh"
build_out_of_tree "$ROOT/samples/plugins" samples/plugins
step "unit tests"
ctest --test-dir "$tmp/build" --output-on-failure >"$tmp/ctest.log" 2>&1 ||
  { cat "$tmp/ctest.log" >&2; fail "unit tests of samples/plugins"; }
grep -E "tests passed|tests failed" "$tmp/ctest.log" || true

MODS="$tmp/build/plugins"
for m in source_jsonl_reviews analysis_pii_flags; do
  [ -f "$MODS/$m.so" ] || fail "module $MODS/$m.so was not built"
done

if [ ! -x "$CXMAP" ]; then
  fail "$CXMAP does not exist: the plugins built and passed their tests, but the CLI checks need it"
fi

step "cxmap plugins list"
"$CXMAP" --plugin-dir "$MODS" plugins list >"$tmp/list.txt" 2>&1 ||
  { cat "$tmp/list.txt" >&2; fail "cxmap plugins list exited non-zero"; }
for m in source_jsonl_reviews analysis_pii_flags; do
  grep -q "$m" "$tmp/list.txt" || { cat "$tmp/list.txt" >&2; fail "'$m' missing from plugins list"; }
done

step "cxmap import example.jsonl (expects exit 1: line 10 is broken on purpose)"
rc=0
"$CXMAP" --db "$tmp/s.db" --plugin-dir "$MODS" import \
  "$ROOT/samples/plugins/source_jsonl_reviews/example.jsonl" >"$tmp/import.txt" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { cat "$tmp/import.txt" >&2; fail "import exited $rc, expected 1 (finished with rejects)"; }

step "cxmap status --json"
"$CXMAP" --db "$tmp/s.db" --plugin-dir "$MODS" status --json >"$tmp/status.json" 2>"$tmp/status.err" ||
  { cat "$tmp/status.json" "$tmp/status.err" >&2; fail "status --json exited non-zero"; }
python3 - "$tmp/status.json" <<'PY' || fail "status --json counts (want records=11, rejected=1, imports=1)"
import json, sys
s = json.load(open(sys.argv[1]))
want = {"imports": 1, "records": 11, "rejected": 1}
bad = {k: s.get(k) for k in want if s.get(k) != want[k]}
if bad:
    print("check_samples: status --json:", json.dumps(s), "differs in", bad, file=sys.stderr)
    sys.exit(1)
PY

step "cxmap classify --jsonl with the PII analysis"
echo "call me at 0912 345 678" |
  "$CXMAP" --plugin-dir "$MODS" classify --jsonl >"$tmp/classify.jsonl" 2>"$tmp/classify.err" ||
  { cat "$tmp/classify.jsonl" "$tmp/classify.err" >&2; fail "classify --jsonl exited non-zero"; }
python3 - "$tmp/classify.jsonl" <<'PY' || fail "classify --jsonl did not flag the phone number"
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
if len(lines) != 1:
    sys.exit(f"check_samples: expected 1 JSON line, got {len(lines)}")
obj = json.loads(lines[0])
pii = obj.get("pii_flags")
if pii is None:
    sys.exit("check_samples: no 'pii_flags' key in " + lines[0])
text = json.dumps(pii, ensure_ascii=False)
if "0912 345 678" in text:
    sys.exit("check_samples: the raw phone number leaked into the result: " + text)
if "true" not in text or "phone" not in text:
    sys.exit("check_samples: pii_flags does not report the phone: " + text)
PY

step "cxmap query on the sample plugin's own field"
"$ROOT/samples/plugins/analysis_pii_flags/tests/query_cli_test.sh" "$CXMAP" "$MODS" ||
  fail "query over analysis_pii_flags fields"

echo "check_samples: OK (SDK install, out-of-tree build, unit tests, CLI load/import/status/classify/query)"
