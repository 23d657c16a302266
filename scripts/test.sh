#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the whole test suite (builds first if needed). CI calls this too.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
scripts/setup.sh --no-run
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" "$@"
