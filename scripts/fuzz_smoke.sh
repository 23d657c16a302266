#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer harnesses (fuzz/) with clang under ASan+UBSan and runs
# each for a short smoke from its seed corpus in fuzz/corpus/<target>/.
#   scripts/fuzz_smoke.sh [BUILD_DIR] [SECONDS]
# BUILD_DIR defaults to build-fuzz, SECONDS (per target) to 30. Installs
# nothing: it needs clang and its libFuzzer runtime (Debian 12: clang-14 and
# libclang-rt-14-dev, which scripts/setup.sh installs). The seed corpus is
# copied to a temporary folder, so the checkout is not modified. Exits
# non-zero if any target crashes, leaks, trips UBSan or times out, and
# prints where the reproducer was written.
# Environment: FUZZ_TARGETS (a space-separated subset), FUZZ_CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build-fuzz}
SECONDS_EACH=${2:-30}

# target  max_len (the input sizes fuzz/README.md's campaigns used)
TARGETS=(
  span_codec_fuzz:256
  linear_model_fuzz:4096
  journey_expr_fuzz:4096
  record_filter_fuzz:512
  wire_format_fuzz:4096
  stakeholder_list_fuzz:4096
  csv_reader_fuzz:4096
  social_feed_fuzz:8192
  call_center_transcript_fuzz:8192
  call_center_json_fuzz:16384
  xlsx_reader_fuzz:65536
)
if [ -n "${FUZZ_TARGETS:-}" ]; then
  wanted=()
  for t in "${TARGETS[@]}"; do
    for w in $FUZZ_TARGETS; do [ "${t%%:*}" = "$w" ] && wanted+=("$t"); done
  done
  TARGETS=("${wanted[@]}")
fi

# clang with the libFuzzer runtime: link a trivial harness.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
if ! command -v clang++ >/dev/null || ! command -v clang >/dev/null; then
  echo "fuzz_smoke: clang/clang++ not found; install clang-14 and libclang-rt-14-dev (scripts/setup.sh does)" >&2
  exit 3
fi
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' \
  > "$probe/probe.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2> "$probe/err"; then
  cat "$probe/err" >&2
  echo "fuzz_smoke: clang++ cannot link a libFuzzer harness; install libclang-rt-14-dev" \
    "(the compiler-rt runtime with libclang_rt.fuzzer; scripts/setup.sh does)" >&2
  exit 3
fi

start=$SECONDS
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  # Tests and bench are not needed for the harnesses: only fuzz targets are built.
  # shellcheck disable=SC2086 # FUZZ_CMAKE_ARGS is a list of arguments
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCXMAP_BUILD_FUZZ=ON -DCXMAP_BUILD_TESTS=OFF \
    -DCXMAP_BUILD_BENCH=OFF -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ ${FUZZ_CMAKE_ARGS:-}
fi
names=()
for t in "${TARGETS[@]}"; do names+=("${t%%:*}"); done
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target "${names[@]}"
echo "fuzz_smoke: built ${#names[@]} harnesses in $((SECONDS - start)) s"

work=$(mktemp -d)
trap 'rm -rf "$probe" "$work"' EXIT
artifacts="$BUILD_DIR/fuzz-artifacts"
failed=()
for t in "${TARGETS[@]}"; do
  name=${t%%:*}
  max_len=${t#*:}
  seeds="fuzz/corpus/${name%_fuzz}"
  mkdir -p "$work/$name" "$artifacts/$name"
  [ -d "$seeds" ] && cp "$seeds"/* "$work/$name"/
  log="$artifacts/$name/smoke.log"
  echo "== $name: ${SECONDS_EACH} s from $(find "$work/$name" -type f | wc -l) seeds"
  # -timeout: a unit slower than 60 s is a finding (a hang), not a CI stall.
  if "$BUILD_DIR/bin/$name" "$work/$name" -max_total_time="$SECONDS_EACH" -max_len="$max_len" \
       -timeout=60 -rss_limit_mb=2560 -print_final_stats=1 \
       -artifact_prefix="$artifacts/$name/" > "$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" |
      tr -s ' \n' ' ' || true
    echo
  else
    tail -n 40 "$log"
    echo "fuzz_smoke: $name FAILED; reproducer(s):" >&2
    find "$artifacts/$name" -type f ! -name smoke.log -newer "$work" -print >&2 || true
    echo "fuzz_smoke: full log $log; replay with $BUILD_DIR/bin/$name <reproducer>" >&2
    failed+=("$name")
  fi
done
echo "fuzz_smoke: ${#TARGETS[@]} targets in $((SECONDS - start)) s"
if ((${#failed[@]})); then
  echo "fuzz_smoke: failures in ${failed[*]}" >&2
  exit 1
fi
