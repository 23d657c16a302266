#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 18's proof with a plugin built as a vendor would build it: installs
# the SDK of an existing build into a temp prefix, builds
# tests/faulty_plugins (a plugin that segfaults, aborts, hangs, fails in
# create(), returns oversized or invalid results, prints to stdout) OUT OF
# TREE against it, and runs the containment tests of the integration suite
# on those modules (CXMAP_FAULTY_PLUGINS_DIR).
#   scripts/check_faulty_plugins.sh [BUILD_DIR]      (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${1:-${BUILD_DIR:-build}}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
fail() { echo "check_faulty_plugins: FAIL: $*" >&2; exit 1; }
step() { echo "check_faulty_plugins: $*"; }

TESTS="$BUILD_DIR/bin/cxmap_integration_tests"
[ -x "$TESTS" ] || fail "$TESTS not found: build the test suite first (scripts/test.sh)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-faulty.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=scripts/out_of_tree.sh
. "$ROOT/scripts/out_of_tree.sh"
build_out_of_tree "$ROOT/tests/faulty_plugins" tests/faulty_plugins
step "containment tests on the out-of-tree modules"
CXMAP_FAULTY_PLUGINS_DIR="$tmp/build" "$TESTS" \
  --gtest_filter='Plugins/ProcessFault.*:Plugins/RefusedResult.*:Containment.*:Plugins/SourceReadFault.*:SourceContainment.*' >"$tmp/tests.log" 2>&1 ||
  { cat "$tmp/tests.log" >&2; fail "containment tests"; }
grep -E "^\[  PASSED  \]" "$tmp/tests.log"
echo "check_faulty_plugins: OK (SDK install, out-of-tree build, containment tests)"
