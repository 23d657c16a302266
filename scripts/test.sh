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
# The PostgreSQL store's tests need a server: PostgreSQL 15 from Debian
# (test tooling), run as a throw-away cluster on a Unix socket for this run
# only (scripts/pg_cluster.sh). Without it those tests skip and say why.
# CXMAP_TEST_NO_PG=1 leaves it out.
if [ -z "${CXMAP_TEST_NO_PG:-}" ] && [ -z "${CXMAP_TEST_PG:-}" ]; then
  if ! dpkg-query -W -f='${Status}' postgresql-15 2>/dev/null | grep -q "ok installed"; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "test: installing postgresql-15 (test tooling)"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 ||
      echo "test: could not install postgresql-15; the PostgreSQL store tests will skip" >&2
  fi
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-pg-XXXXXX")
  if url=$(scripts/pg_cluster.sh start "$pg_dir"); then
    export CXMAP_TEST_PG="$url"
    trap 'scripts/pg_cluster.sh stop "$pg_dir"' EXIT
  else
    echo "test: no PostgreSQL test cluster; the PostgreSQL store tests will skip" >&2
    scripts/pg_cluster.sh stop "$pg_dir" >/dev/null 2>&1 || rm -rf "$pg_dir"
  fi
fi
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" "$@"
