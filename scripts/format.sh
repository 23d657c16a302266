#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Formats the C/C++ sources git tracks with clang-format (.clang-format).
#   scripts/format.sh [--check]   --check: fail if anything would change
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.h' '*.cpp' '*.inc' | grep -v '^tests/data/')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run --Werror "${files[@]}"
else
  clang-format -i "${files[@]}"
fi
