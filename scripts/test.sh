#!/usr/bin/env bash
# Builds everything and runs every test:
#   native  unit tests + the spec suites (mnemo wast) + round trips, through ctest
#   asan    decoder and parser fed broken modules under AddressSanitizer + UBSan
#   arm64   the unit tests and spec suites cross-built for ARM64, run under qemu-aarch64
#   web     the engine compiled with Emscripten, exercised in node; the examples validated
#   e2e     the playground in headless Chromium, the native debugger under Xvfb (screenshots)
# Prints one closing line per stage and a total `N passed, N failed`.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh || exit 1

jobs="$(nproc)"
logs="$root/build/logs"
mkdir -p "$logs"
total_pass=0
total_fail=0
lines=()

# Reads ctest's "N% tests passed, F tests failed out of T" from a log into the totals.
count_ctest() {
  local stage="$1" log="$2"
  local line fail all
  line="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)"
  if [ -z "$line" ]; then
    lines+=("$stage: 0 passed, 1 failed (no test ran; see $log)")
    total_fail=$((total_fail + 1))
    return
  fi
  fail="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
  all="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")"
  lines+=("$stage: $((all - fail)) passed, $fail failed")
  total_pass=$((total_pass + all - fail))
  total_fail=$((total_fail + fail))
}

build_failed() {
  lines+=("$1: 0 passed, 1 failed (build failed; see $2)")
  total_fail=$((total_fail + 1))
}

stage_ctest() {  # stage preset [ctest args...]
  local stage="$1" preset="$2"; shift 2
  local log="$logs/$stage.log"
  echo "== $stage"
  if ! { cmake --preset "$preset" && cmake --build --preset "$preset" -j "$jobs" ${BUILD_TARGETS:-}; } >"$log" 2>&1; then
    tail -n 40 "$log"
    build_failed "$stage" "$log"
    return
  fi
  ctest --preset "$preset" -j "$jobs" "$@" 2>&1 | tee -a "$log" | grep -E '^(Test project|[0-9]+% tests|The following|\s+[0-9]+ - )' || true
  count_ctest "$stage" "$log"
}

stage_ctest native native
BUILD_TARGETS="--target fuzz_tests" stage_ctest asan asan -R '^Fuzz'
stage_ctest arm64 arm64

echo "== web"
if bash scripts/build-web.sh >"$logs/web.log" 2>&1; then
  node --no-experimental-fetch --test tests/web/ 2>&1 | tee -a "$logs/web.log" | grep -E '^# (pass|fail)' || true
  pass="$(grep -E '^# pass [0-9]+' "$logs/web.log" | tail -n 1 | awk '{print $3}')"
  fail="$(grep -E '^# fail [0-9]+' "$logs/web.log" | tail -n 1 | awk '{print $3}')"
  if [ -z "$pass" ]; then build_failed web "$logs/web.log"; else
    lines+=("web: $pass passed, $fail failed"); total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail)); fi
else
  tail -n 40 "$logs/web.log"
  build_failed web "$logs/web.log"
fi

# e2e: the playground in headless Chromium (Playwright, Debian's chromium) and the native
# debugger under Xvfb; screenshots land in build/artifacts/. Node's own fetch stays on here:
# Playwright needs it (only the Emscripten output is run with --no-experimental-fetch).
echo "== e2e"
if [ -f build/web/site/index.html ] && [ -d node_modules/playwright-core ]; then
  node --test tests/e2e/ >"$logs/e2e.log" 2>&1
  grep -E '^# (pass|fail)' "$logs/e2e.log" || true
  pass="$(grep -E '^# pass [0-9]+' "$logs/e2e.log" | tail -n 1 | awk '{print $3}')"
  fail="$(grep -E '^# fail [0-9]+' "$logs/e2e.log" | tail -n 1 | awk '{print $3}')"
  if [ -z "$pass" ]; then build_failed e2e "$logs/e2e.log"; else
    lines+=("e2e: $pass passed, $fail failed"); total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail)); fi
else
  build_failed e2e "$logs/web.log"
fi

echo
printf '%s\n' "${lines[@]}"
echo "total: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
