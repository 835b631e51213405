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
#    and the peer wasm3 (../shared/peers/wasm3), natively with clang and in Wasm with Emscripten:
#      wasm3      build/bench/wasm3/wasm3
#      wasm3node  build/bench/wasm3node/wasm3.js, run by node
#    Each build writes build/bench/VARIANT.status: "ok", or one line saying why it is not measured.
#    Then bench/gen_module.mjs writes the generated modules of the JIT's compile-time target
#    (build/bench/gen/: 1 MiB of code, on one memory and on two).
# 2. bench/measure.mjs runs every guest through every engine, checks every checksum against the
#    guests' README and prints the table (also written to build/bench/results.md).
#
# Environment: BENCH_DIR (guests, default ../shared/bench/wasm), BENCH_RUNS (default 3),
# BENCH_GUESTS (space-separated names, to measure a subset while working on the script),
# BENCH_JOBS (parallel compile jobs of the builds, default: the number of cores).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

out=build/bench
mkdir -p "$out"
jobs="${BENCH_JOBS:-$(nproc)}"

for tool in cmake ninja node wasm-interp wat2wasm; do
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

# ---- wasm3, the peer interpreter (../shared/peers/README.md) --------------------------------------
wasm3_src=../shared/peers/wasm3
wasm3_sources=("$wasm3_src"/source/*.c "$wasm3_src"/app/main.c)

# peer VARIANT OUTPUT COMMAND...: builds OUTPUT with COMMAND unless OUTPUT is newer than wasm3's
# sources and was built by the same command (kept in OUTPUT.cmd); writes VARIANT.status.
peer() {
  local variant="$1" output="$2"; shift 2
  local log="$out/$variant.log" status="$out/$variant.status" cmd="$*" stale=0
  mkdir -p "$(dirname "$output")"
  if [ ! -e "$output" ] || [ "$(cat "$output.cmd" 2>/dev/null)" != "$cmd" ]; then stale=1; fi
  for f in "${wasm3_sources[@]}" "$wasm3_src"/source/*.h; do [ "$f" -nt "$output" ] && stale=1; done
  if [ "$stale" = 0 ]; then echo ok >"$status"; return; fi
  echo "bench: building $variant (log: $log)" >&2
  rm -f "$output.cmd"
  if "$@" >"$log" 2>&1; then
    printf '%s' "$cmd" >"$output.cmd"
    echo ok >"$status"
  else
    echo "does not build: $(first_error "$log") (see $log)" >"$status"
  fi
}

if [ ! -d "$wasm3_src/source" ]; then
  for v in wasm3 wasm3node; do echo "not measured: $wasm3_src is missing" >"$out/$v.status"; done
else
  # Natively, exactly as ../shared/peers/README.md builds it: clang (Debian's, from
  # scripts/setup.sh), which gives wasm3 its guaranteed tail calls (musttail).
  if command -v clang >/dev/null; then
    peer wasm3 "$out/wasm3/wasm3" clang -O3 -march=native -flto -fomit-frame-pointer -Dd_m3HasWASI \
      -I"$wasm3_src/source" "${wasm3_sources[@]}" -lm -o "$out/wasm3/wasm3"
  else
    echo "not measured: clang is missing (scripts/setup.sh installs it)" >"$out/wasm3.status"
  fi
  # In Wasm, like mnemo's own CLI (cli/CMakeLists.txt: NODERAWFS, run by node), in wasm3's best
  # form for node 20: -mtail-call keeps its musttail dispatch (node 20's V8 runs Wasm tail calls
  # by default; without them emcc refuses musttail, and M3_HAS_TAIL_CALL=0 ran 1.1-1.9x slower
  # here), and -mbulk-memory makes its memcpy / memmove memory.copy, as mnemo's core is built
  # (memops 3.4x faster). wasm3 puts its native stack limit 8 MiB below the stack pointer, past
  # the bottom of Emscripten's 5 MiB stack (every call would trap "stack overflow"): its budget
  # is 4 MiB here. No WASI: the guests import nothing.
  if command -v emcc >/dev/null; then
    NODE_PATH=/usr/share/nodejs peer wasm3node "$out/wasm3node/wasm3.js" emcc -O3 -flto -mtail-call -mbulk-memory \
      '-Dd_m3MaxNativeStack=(4*1024*1024)' \
      -I"$wasm3_src/source" "${wasm3_sources[@]}" -o "$out/wasm3node/wasm3.js" \
      -sNODERAWFS=1 -sENVIRONMENT=node -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1 -sWASM_ASYNC_COMPILATION=0
  else
    echo "not measured: emcc is missing (Debian package emscripten)" >"$out/wasm3node.status"
  fi
fi

# ---- the generated modules of the JIT's compile-time target ------------------------------------
# The same modules every time (a fixed seed): 1 MiB of code or more, on one memory (which node 20's
# V8 can compile too) and on two (mnemo only).
gen_status=ok
for spec in big:1 big_mm:2; do
  name="${spec%:*}" memories="${spec#*:}"
  if ! node bench/gen_module.mjs "$out/gen/$name.wasm" --memories "$memories" >"$out/gen.log" 2>&1; then
    gen_status="not measured: bench/gen_module.mjs failed: $(tail -n 1 "$out/gen.log")"
    break
  fi
done
echo "$gen_status" >"$out/gen.status"

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
