#!/usr/bin/env bash
# Builds everything and runs every test:
#   native         unit tests + the spec suites (mnemo wast) + round trips, through ctest
#   sanitize       the unit tests and the spec suites under AddressSanitizer + UBSan (clang), in
#                  two builds: computed-goto dispatch with host SIMD, and the portable paths
#                  (switch dispatch, v128 as scalar lane loops: MNEMO_VM_SWITCH, MNEMO_SIMD=scalar)
#   differential   generated multi-memory modules run by the native build, its JIT, the portable
#                  build above, wasm-interp and V8 (node 26), results, traps and memory hashes
#                  compared (tests/differential/run.sh)
#   fuzz           the libFuzzer fuzzers (tests/fuzz): their committed regressions replayed, then
#                  each fuzzer run for a short budget
#   web            the engine compiled with Emscripten, exercised in node; the examples validated
#   wasm-node      the mnemo CLI compiled with Emscripten (simd128) running the spec suites in node,
#                  directly and through the debugger's path
#   e2e            the playground in headless Chromium, the native debugger under Xvfb (screenshots)
#   arm64          the unit tests and spec suites cross-built for ARM64 (built in the background
#                  from the start), run under qemu-aarch64
# Prints one closing line per stage, `STAGE: N passed, N failed (T s; details)`, where the details
# of the stages that run the spec suites give each suite's assertions as passed/failed/skipped,
# and a total `N passed, N failed`.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh || exit 1

jobs="$(nproc)"
logs="$root/build/logs"
mkdir -p "$logs"
suites_dir="../shared/testsuite"  # as MNEMO_TESTSUITE_DIR (CMakeLists.txt): beside the project
total_pass=0
total_fail=0
lines=()
stage_t0=$SECONDS

# The arm64 tree builds in the background from the start, at the lowest priority, and its tests
# run last. It is the longest build that no other stage waits for, and the stages before it leave
# a core idle for minutes (the serial tails of test runs, the single-process runs in node and
# Chromium), which it takes; when both cores are busy it gets almost nothing. Its status file holds
# the build's exit status and the time it ended.
arm64_status="$logs/arm64-build.status"
rm -f "$arm64_status"
(
  nice -n 19 bash -c 'cmake --preset arm64 && cmake --build --preset arm64 -j "$1"' _ "$jobs"
  echo "$? $(date +%s)" >"$arm64_status"
) >"$logs/arm64.log" 2>&1 &
arm64_build_pid=$!
run_start="$(date +%s)"

begin_stage() {
  echo "== $1"
  stage_t0=$SECONDS
}

# Adds the stage's closing line, with its wall time and optional details, to the totals.
report() {  # stage passed failed [details]
  local details="${4:-}"
  lines+=("$1: $2 passed, $3 failed ($((SECONDS - stage_t0)) s${details:+; $details})")
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + $3))
}

# The spec suites' assertion counts from ctest's LastTest.log: the output of test spec_<suite>
# (tests/CMakeLists.txt, "/" spelled "_") ends with mnemo wast's `N passed, N failed, N skipped`.
# Prints e.g. "spec core 28001/0/17, core/simd 25988/0/0, multi-memory 912/0/0", or nothing.
spec_counts_ctest() {
  local testlog="$1" counts
  [ -f "$testlog" ] || return 0
  counts="$(awk '
    /^[0-9]+\/[0-9]+ Testing: spec_/ { suite = substr($3, 6); gsub("_", "/", suite); next }
    /^<end of output>/ { suite = ""; next }
    suite != "" && /^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$/ { print suite " " $1 "/" $3 "/" $5 }
  ' "$testlog" | sort | paste -sd, | sed 's/,/, /g')"
  [ -z "$counts" ] || echo "spec $counts"
}

# Reads ctest's "N% tests passed, F tests failed out of T" from a log into the totals; the spec
# suites' own counts come from the run's LastTest.log in the build folder.
count_ctest() {
  local stage="$1" log="$2" build_dir="$3"
  local line fail all
  line="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)"
  if [ -z "$line" ]; then
    report "$stage" 0 1 "no test ran; see $log"
    return
  fi
  fail="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
  all="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")"
  report "$stage" $((all - fail)) "$fail" "$(spec_counts_ctest "$build_dir/Testing/Temporary/LastTest.log")"
}

build_failed() {
  report "$1" 0 1 "build failed; see $2"
}

stage_ctest() {  # stage preset [ctest args...]
  local stage="$1" preset="$2"; shift 2
  local log="$logs/$stage.log"
  begin_stage "$stage"
  # BUILD_TARGETS, if set, builds just those targets.
  if ! { cmake --preset "$preset" && cmake --build --preset "$preset" -j "$jobs" ${BUILD_TARGETS:-}; } >"$log" 2>&1; then
    tail -n 40 "$log"
    build_failed "$stage" "$log"
    return
  fi
  run_ctest "$stage" "$preset" "$log" "$@"
}

# Runs a built preset's tests into its stage's log and counts them.
run_ctest() {  # stage preset log [ctest args...]
  local stage="$1" preset="$2" log="$3"; shift 3
  ctest --preset "$preset" -j "$jobs" "$@" 2>&1 | tee -a "$log" | grep -E '^(Test project|[0-9]+% tests|The following|\s+[0-9]+ - )' || true
  count_ctest "$stage" "$log" "build/$preset"  # every preset's binaryDir is build/<preset>
}

stage_ctest native native

# sanitize: the unit tests and the spec suites under ASan + UBSan (clang -O1), in two builds: the
# interpreter's computed-goto dispatch and host SIMD with everything else (preset sanitize, whose
# tree the fuzz stage reuses), and the portable paths with the interpreter alone (sanitize-switch:
# switch dispatch, scalar v128 lane loops, no JIT; the differential stage's second build too).
# Each build runs every test of its test preset, which sets ASAN_OPTIONS / UBSAN_OPTIONS (any
# report fails its test). The details give each build's times and spec suite counts.
begin_stage sanitize
pass=0; fail=0; details=()
for preset in sanitize sanitize-switch; do
  log="$logs/$preset.log"
  dispatch="computed goto"; [ "$preset" = sanitize-switch ] && dispatch="switch + scalar v128"
  t0=$SECONDS
  if ! { cmake --preset "$preset" && cmake --build --preset "$preset" -j "$jobs"; } >"$log" 2>&1; then
    tail -n 40 "$log"
    fail=$((fail + 1))
    details+=("$dispatch: build failed, see $log")
    continue
  fi
  built=$((SECONDS - t0))
  ctest --preset "$preset" -j "$jobs" 2>&1 | tee -a "$log" | grep -E '^(Test project|[0-9]+% tests|The following|\s+[0-9]+ - )' || true
  line="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)"
  if [ -z "$line" ]; then
    fail=$((fail + 1))
    details+=("$dispatch: no test ran, see $log")
    continue
  fi
  f="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
  all="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")"
  pass=$((pass + all - f)); fail=$((fail + f))
  details+=("$dispatch: build $built s, tests $((SECONDS - t0 - built)) s, $(spec_counts_ctest "build/$preset/Testing/Temporary/LastTest.log")")
done
report sanitize "$pass" "$fail" "$(printf '%s\n' "${details[@]}" | paste -sd';' | sed 's/;/; /g')"

# differential: 2,400 generated modules through the native build (its interpreter and its JIT),
# the portable build of the sanitize stage (build/sanitize-switch: their mnemo-diff), wasm-interp
# (the ~2,200 it can link) and V8 (node 26); run.sh prints the closing line.
begin_stage differential
bash tests/differential/run.sh --count 2400 >"$logs/differential.log" 2>&1
line="$(grep -E '^differential: [0-9]+ passed, [0-9]+ failed' "$logs/differential.log" | tail -n 1)"
if [ -z "$line" ]; then
  tail -n 40 "$logs/differential.log"
  build_failed differential "$logs/differential.log"
else
  grep -v '^differential: ' "$logs/differential.log" | head -n 60
  details="$(sed -E 's/^[^(]*\([0-9]+ s; (.*)\)$/\1/' <<<"$line")"
  report differential "$(awk '{print $2}' <<<"$line")" "$(awk '{print $4}' <<<"$line")" "$details"
fi

# fuzz: the libFuzzer fuzzers (build preset fuzz, in the sanitize stage's tree, build/sanitize:
# the same objects, so only the fuzzers themselves are built here; tests/fuzz/run.sh): every committed regression input
# replayed, then each fuzzer run for FUZZ_SECONDS (60) on the seeds the build extracts from the
# spec suites and examples/. A fuzzer passes when its regressions and its run end without a
# crash, a sanitizer report, a timeout or an out-of-memory. The details give each fuzzer's
# executions per second and its coverage at the end (libFuzzer's cov: edges, ft: features).
begin_stage fuzz
log="$logs/fuzz.log"
if { cmake --preset sanitize && cmake --build --preset fuzz -j "$jobs"; } >"$log" 2>&1; then
  bash tests/fuzz/run.sh -t "${FUZZ_SECONDS:-60}" 2>&1 | tee -a "$log" | grep -vE '^result ' || true
  pass="$(grep -cE '^result [a-z_]+ pass ' "$log")"
  fail="$(grep -cE '^result [a-z_]+ fail ' "$log")"
  details="$(grep -E '^result ' "$log" | awk '{
    split($4, r, "="); split($5, e, "="); split($6, c, "="); split($7, f, "=");
    print $2 " " e[2] " exec/s cov " c[2] " ft " f[2] " (" r[2] " regressions)" }' | paste -sd';' | sed 's/;/; /g')"
  if [ $((pass + fail)) -eq 0 ]; then build_failed fuzz "$log"; else report fuzz "$pass" "$fail" "$details"; fi
else
  tail -n 40 "$log"
  build_failed fuzz "$log"
fi
begin_stage web
if bash scripts/build-web.sh >"$logs/web.log" 2>&1; then
  node --no-experimental-fetch --test tests/web/ 2>&1 | tee -a "$logs/web.log" | grep -E '^# (pass|fail)' || true
  pass="$(grep -E '^# pass [0-9]+' "$logs/web.log" | tail -n 1 | awk '{print $3}')"
  fail="$(grep -E '^# fail [0-9]+' "$logs/web.log" | tail -n 1 | awk '{print $3}')"
  if [ -z "$pass" ]; then build_failed web "$logs/web.log"; else report web "$pass" "$fail"; fi
else
  tail -n 40 "$logs/web.log"
  build_failed web "$logs/web.log"
fi

# wasm-node: the CLI compiled with Emscripten into build/web/mnemo.js (the web tree: the engine's
# objects are already built there) runs each spec suite in node, reading it through node's file
# system (NODERAWFS). A suite passes when mnemo wast exits 0 and its total has 0 failed; one more
# test checks that a non-zero exit status reaches the shell through node, which the suites'
# verdicts rely on.
begin_stage wasm-node
log="$logs/wasm-node.log"
if bash scripts/build-web.sh mnemo >"$log" 2>&1; then
  pass=0; fail=0; counts=()
  # "SUITE --debug": the same suite through the debugger's path, which in this build runs the
  # quiet debug loop (MNEMO_VM_QUIET_DEBUG_LOOP, on under Emscripten only) for every session that
  # nothing observes (a second or two a suite).
  runs=(core core/simd multi-memory "core --debug" "core/simd --debug" "multi-memory --debug")
  # One node process per run, $jobs at a time (each is single-threaded); the subshell's job table
  # holds only these, not the arm64 build.
  (
    for i in "${!runs[@]}"; do
      while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
      run="${runs[$i]}"; suite="${run%% *}"
      flags=""; [ "$run" = "$suite" ] || flags="${run#* }"
      # shellcheck disable=SC2086  # $flags: none or one word
      { node --no-experimental-fetch build/web/mnemo.js wast $flags "$suites_dir/$suite" >"$logs/wasm-node-$i.log" 2>&1
        echo $? >"$logs/wasm-node-$i.rc"; } &
    done
    wait
  )
  for i in "${!runs[@]}"; do
    run="${runs[$i]}"
    rc="$(cat "$logs/wasm-node-$i.rc" 2>/dev/null || echo 1)"
    cat "$logs/wasm-node-$i.log" >>"$log"
    total="$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$logs/wasm-node-$i.log" | tail -n 1)"
    echo "$run: ${total:-no total line} (exit status $rc)"
    if [ "$rc" -eq 0 ] && [ -n "$total" ] && [ "$(awk '{print $3}' <<<"$total")" -eq 0 ]; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1))
    fi
    [ -z "$total" ] || counts+=("$run $(awk '{print $1 "/" $3 "/" $5}' <<<"$total")")
    rm -f "$logs/wasm-node-$i.log" "$logs/wasm-node-$i.rc"
  done
  node --no-experimental-fetch build/web/mnemo.js wast "$suites_dir/no-such-folder" >>"$log" 2>&1
  rc=$?
  echo "exit status of a missing path: $rc (expected 2)"
  if [ "$rc" -eq 2 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  details=""
  [ ${#counts[@]} -eq 0 ] || details="spec $(printf '%s\n' "${counts[@]}" | paste -sd, | sed 's/,/, /g')"
  report wasm-node "$pass" "$fail" "$details"
else
  tail -n 40 "$log"
  build_failed wasm-node "$log"
fi

# e2e: the playground in headless Chromium (Playwright, Debian's chromium) and the native
# debugger under Xvfb; screenshots land in build/artifacts/. Node's own fetch stays on here:
# Playwright needs it (only the Emscripten output is run with --no-experimental-fetch).
begin_stage e2e
if [ -f build/web/site/index.html ] && [ -d node_modules/playwright-core ]; then
  node --test tests/e2e/ >"$logs/e2e.log" 2>&1
  grep -E '^# (pass|fail)' "$logs/e2e.log" || true
  pass="$(grep -E '^# pass [0-9]+' "$logs/e2e.log" | tail -n 1 | awk '{print $3}')"
  fail="$(grep -E '^# fail [0-9]+' "$logs/e2e.log" | tail -n 1 | awk '{print $3}')"
  if [ -z "$pass" ]; then build_failed e2e "$logs/e2e.log"; else report e2e "$pass" "$fail"; fi
else
  build_failed e2e "$logs/web.log"
fi

# arm64: the tree built in the background since the start (above); its tests run under qemu.
begin_stage arm64
wait "$arm64_build_pid"
{ read -r rc built_at <"$arm64_status"; } 2>/dev/null || rc=1
if [ "$rc" -ne 0 ]; then
  tail -n 40 "$logs/arm64.log"
  build_failed arm64 "$logs/arm64.log"
else
  waited=$((SECONDS - stage_t0))
  run_ctest arm64 arm64 "$logs/arm64.log"
  lines[-1]="${lines[-1]%)}; built in the background by $((built_at - run_start)) s into the run, waited $waited s)"
fi

echo
printf '%s\n' "${lines[@]}"
echo "total: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
