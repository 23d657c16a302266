#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages cxmap needs (only those missing), builds it
# and runs the main job on the bundled samples. Idempotent: a second run
# only rebuilds what changed. Works as root or as a user with sudo.
#   scripts/setup.sh [--no-run]
# Environment: BUILD_DIR (default build), CXMAP_CMAKE_ARGS (extra configure
# arguments, e.g. -DCXMAP_SANITIZE=ON, used when the build dir is new).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev            # Boost.DLL and Boost.Spirit (header-only)
  libsqlite3-dev sqlite3  # storage
  libpq-dev               # the PostgreSQL store (libpq)
  libicu-dev              # encodings, normalisation, segmentation
  libthai-dev libthai-data  # Thai word segmentation (core/text)
  darts                   # double-array trie for lexicon and Chinese dictionary keys (core/text)
  libzip-dev libexpat1-dev  # XLSX reading: zip container + sheet XML (source_csv_survey)
  zipcmp zipmerge ziptool # libzip-dev's CMake config refuses to load without them
  libxlsxwriter-dev       # XLSX exports (reports)
  libctemplate-dev        # the HTML report template, escaped by HTML context (core/report)
  libeigen3-dev           # key drivers: eigen-decomposition for relative weights (core/journey)
  python3-jieba           # jieba dict.txt for Chinese segmentation (a trie image made at build time)
  opencc                  # opencc_dict: only to regenerate core/text/han_table.inc
  libgtest-dev libgmock-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev libtomlplusplus-dev
  libsimdjson-dev         # validating plugins' JSON values on the hot path (core/plugin_host)
  libssl-dev              # SHA-256 (libcrypto)
  libfasttext-dev         # cxmap train: supervised models (core/ml/)
  liblinear-dev           # cxmap train --learner nblr: logistic regression (core/ml/linear_trainer)
  python3 time            # bench corpus generator and timing (bench/)
  libbenchmark-dev        # Google Benchmark: bench/micro_bench
  clang libclang-rt-14-dev  # fuzz/: clang and its libFuzzer runtime (only Recommended by clang-14)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 3; }
    SUDO="sudo"
  fi
  echo "setup: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  # shellcheck disable=SC2086 # CXMAP_CMAKE_ARGS is a list of arguments
  cmake -S . -B "$BUILD_DIR" -G Ninja ${CXMAP_CMAKE_ARGS:-} -DCMAKE_BUILD_TYPE=${CXMAP_BUILD_TYPE:-RelWithDebInfo}
fi
cmake --build "$BUILD_DIR" --parallel "$(nproc)"

if [ "${1:-}" != "--no-run" ]; then
  # The main job: import and analyse the bundled samples into cxmap.db.
  "$BUILD_DIR/bin/cxmap" --db cxmap.db run && rc=0 || rc=$?
  [ "$rc" -le 1 ] || exit "$rc"
  "$BUILD_DIR/bin/cxmap" --db cxmap.db status
fi
