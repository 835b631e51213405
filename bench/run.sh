#!/usr/bin/env bash
# Measures mnemo against its peers in one run (see bench/README.md). Not part of CI: it takes
# half an hour, most of it wabt's wasm-interp.
#
# 1. Builds the CLI variants it measures, each in its own folder under build/bench/, so the
#    presets' folders (and other people's builds) are never touched:
#      host     Release, host SIMD (the default configuration)
#      scalar   -DMNEMO_SIMD=scalar (portable v128 lane loops)
#      nohooks  -DMNEMO_VM_DEBUG_HOOKS=OFF (the interpreter without its debugger hooks)
#      wasm     the same CLI compiled by Debian's Emscripten, run by node
#    Each build writes build/bench/VARIANT.status: "ok", or one line saying why it is not measured.
# 2. bench/measure.mjs runs every guest through every engine, checks every checksum against the
#    guests' README and prints the table (also written to build/bench/results.md).
#
# Environment: BENCH_DIR (guests, default ../shared/bench/wasm), BENCH_RUNS (default 3),
# BENCH_GUESTS (space-separated names, to measure a subset while working on the script).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

out=build/bench
mkdir -p "$out"
jobs="$(nproc)"

for tool in cmake ninja node wasm-interp; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

# The first line of a build log that names an error, for the table's notes.
first_error() {
  local line
  line="$(grep -m1 -E 'error:|CMake Error' "$1" || true)"
  [ -n "$line" ] || line="$(tail -n 1 "$1")"
  printf '%s' "$line" | cut -c1-160
}

# build VARIANT CONFIGURE-COMMAND...: configures, then builds the target `mnemo` only.
build() {
  local variant="$1"; shift
  local log="$out/$variant.log" status="$out/$variant.status"
  echo "bench: building $variant (log: $log)" >&2
  if ! "$@" >"$log" 2>&1; then
    echo "does not configure: $(first_error "$log") (see $log)" >"$status"
    return 1
  fi
  # Only nohooks passes MNEMO_VM_DEBUG_HOOKS. Passed to a project that does not declare the option,
  # CMake keeps it as an UNINITIALIZED cache entry; option() turns it into a BOOL. (-U first, so an
  # entry left by an earlier configure cannot hide the option's removal.)
  if [ "$variant" = nohooks ] && grep -q '^MNEMO_VM_DEBUG_HOOKS:UNINITIALIZED=' "$out/$variant/CMakeCache.txt"; then
    echo "not measured: option missing (no MNEMO_VM_DEBUG_HOOKS in the CMake project)" >"$status"
    return 1
  fi
  if ! cmake --build "$out/$variant" -j "$jobs" --target mnemo >>"$log" 2>&1; then
    echo "does not build yet: $(first_error "$log") (see $log)" >"$status"
    return 1
  fi
  echo ok >"$status"
}

# Tests are not measured; leaving them out also spares the configure step GoogleTest.
native=(cmake -S . -G Ninja -DCMAKE_BUILD_TYPE=Release -DMNEMO_BUILD_TESTS=OFF)
build host "${native[@]}" -B "$out/host" || { echo "bench: the host build failed: $(cat "$out/host.status")" >&2; exit 1; }
build scalar "${native[@]}" -B "$out/scalar" -DMNEMO_SIMD=scalar || true
build nohooks "${native[@]}" -B "$out/nohooks" -UMNEMO_VM_DEBUG_HOOKS -DMNEMO_VM_DEBUG_HOOKS=OFF || true
if command -v emcmake >/dev/null; then
  # Debian's Emscripten finds acorn through NODE_PATH (package node-acorn).
  NODE_PATH=/usr/share/nodejs build wasm emcmake cmake -S . -B "$out/wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release || true
else
  echo "not measured: emcmake is missing (Debian package emscripten)" >"$out/wasm.status"
fi

# The SIMD ceiling (bench/simd_ceiling.cpp): the simd guest's kernel on both SIMD paths with no
# interpreter around it; measure.mjs shows its lines beside the SIMD target.
ceiling="$out/simd_ceiling.txt"
case "$(uname -m)" in
  x86_64) arch_flags=(-msse4.1) ;;
  aarch64) arch_flags=() ;;
  *) arch_flags=(unsupported) ;;
esac
if [ "${arch_flags[*]-}" = unsupported ]; then
  echo "not measured: bench/simd_ceiling.cpp measures x86-64 or ARM64 hosts" >"$ceiling"
elif ! c++ -std=c++20 -O2 "${arch_flags[@]}" -I. bench/simd_ceiling.cpp -o "$out/simd_ceiling" >"$out/simd_ceiling.log" 2>&1; then
  echo "not measured: bench/simd_ceiling.cpp does not build (see $out/simd_ceiling.log)" >"$ceiling"
else
  echo "bench: running bench/simd_ceiling" >&2
  "$out/simd_ceiling" >"$ceiling" || echo "not measured: bench/simd_ceiling failed" >>"$ceiling"
fi

exec node bench/measure.mjs
