#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the whole test suite (builds first if needed). CI calls this too.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
scripts/setup.sh --no-run

# Test tooling only: a real browser for the report's rendering and injection
# tests, with fonts for Thai and Chinese, and LibreOffice Calc as a second
# reader of the XLSX export (the tests skip without them).
# CXMAP_TEST_NO_BROWSER=1 leaves them out.
if [ -z "${CXMAP_TEST_NO_BROWSER:-}" ]; then
  missing=()
  for p in chromium fonts-noto-core fonts-noto-cjk libreoffice-calc-nogui; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "test: installing ${missing[*]} (test tooling)"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
      echo "test: could not install ${missing[*]}; the browser and LibreOffice tests will skip" >&2
  fi
fi
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" "$@"
