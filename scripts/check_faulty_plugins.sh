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
GEN=()
command -v ninja >/dev/null && GEN=(-G Ninja)

step "installing the SDK from $BUILD_DIR into $tmp/prefix"
cmake --install "$BUILD_DIR" --component sdk --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; fail "cmake --install --component sdk"; }
step "building tests/faulty_plugins out of tree"
cmake -S "$ROOT/tests/faulty_plugins" -B "$tmp/build" "${GEN[@]}" \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log" >&2; fail "configure tests/faulty_plugins"; }
cmake --build "$tmp/build" --parallel "$(nproc)" >"$tmp/build.log" 2>&1 ||
  { tail -50 "$tmp/build.log" >&2; fail "build tests/faulty_plugins"; }
if grep -q -- "-I$ROOT/\(core\|sdk\|plugins\)" "$tmp/build/build.ninja" 2>/dev/null; then
  fail "tests/faulty_plugins compiled with an include path into the cxmap source tree"
fi
step "containment tests on the out-of-tree modules"
CXMAP_FAULTY_PLUGINS_DIR="$tmp/build" "$TESTS" \
  --gtest_filter='Plugins/ProcessFault.*:Plugins/RefusedResult.*:Containment.*' >"$tmp/tests.log" 2>&1 ||
  { cat "$tmp/tests.log" >&2; fail "containment tests"; }
grep -E "^\[  PASSED  \]" "$tmp/tests.log"
echo "check_faulty_plugins: OK (SDK install, out-of-tree build, containment tests)"
