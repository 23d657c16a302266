# SPDX-License-Identifier: Apache-2.0
# Sourced by check_samples.sh and check_faulty_plugins.sh: builds a CMake
# project OUT OF TREE against the SDK installed from an existing build, as a
# plugin vendor would. Expects ROOT, BUILD_DIR, tmp (a temporary folder) and
# the functions fail and step to be set by the caller.
#   build_out_of_tree SOURCE_DIR LABEL    -> configured and built in $tmp/build
build_out_of_tree() {
  local src=$1 label=$2 gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  step "installing the SDK from $BUILD_DIR into $tmp/prefix"
  cmake --install "$BUILD_DIR" --component sdk --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install --component sdk"; }
  [ -f "$tmp/prefix/lib/cmake/cxmap/cxmapConfig.cmake" ] || fail "the SDK install has no cxmapConfig.cmake"
  step "configuring $label out of tree"
  cmake -S "$src" -B "$tmp/build" "${gen[@]}" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
    >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log" >&2; fail "configure $label"; }
  step "building"
  cmake --build "$tmp/build" --parallel "$(nproc)" >"$tmp/build.log" 2>&1 ||
    { tail -50 "$tmp/build.log" >&2; fail "build $label"; }
  # Only the prefix and the system: nothing may reach into the source tree.
  if grep -q -- "-I$ROOT/\(core\|sdk\|plugins\)" "$tmp/build/build.ninja" 2>/dev/null; then
    fail "$label compiled with an include path into the cxmap source tree"
  fi
}
