#!/usr/bin/env bash
# tests/differential/run.sh: the differential check. Generates modules once (mnemo-diff gen), runs
# each through every engine, brings every output to the canonical lines of
# tests/differential/canonical.h and compares them, module by module:
#   native         build/native/mnemo-diff (host SIMD, computed goto): full modules (memories
#                  imported from "env"), exact float bits, plus native memory hashes that must
#                  equal the ones the module computes in Wasm (the self-check)
#   portable       build/sanitize-switch/mnemo-diff (scalar SIMD, switch dispatch, under ASan and
#                  UBSan, whose reports fail the run): the same, and it must generate the very same
#                  bytes from the same seeds
#   jit            build/native/mnemo-diff --engine=jit (the baseline JIT, where the host has
#                  one: x86-64): the same lines as native, memory hashes included
#   wasm-interp    wabt's interpreter, --run-all-exports, on the standalone variants (imported
#                  memories defined instead: it cannot link them); floats compared as it prints
#                  them ("%f"), their exact bits through the "digest" export
#   v8             node 26 (third_party/node26, scripts/setup.sh) through runner.mjs, full
#                  modules with WebAssembly.Memory imports, exact float bits; skipped when absent
# Modules in tests/differential/regressions/ (each a module once found to differ) run every time.
# Prints the mismatching modules with their differing lines, and a closing line
#   differential: N passed, N failed (T s; details)
# where N counts (module, engine pair) comparisons and build-to-build checks.
#
# usage: tests/differential/run.sh [--count N] [--seed S] [--jobs J] [--no-v8]
#   a longer run: tests/differential/run.sh --count 20000 --seed 1000000
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

count=2000
seed=1
jobs="$(nproc)"
use_v8=1
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --no-v8) use_v8=0; shift ;;
    *) echo "usage: $0 [--count N] [--seed S] [--jobs J] [--no-v8]" >&2; exit 2 ;;
  esac
done

t0=$SECONDS
work="$root/build/differential"
rm -rf "$work"
mkdir -p "$work/out"
passed=0
failed=0

native="build/native/mnemo-diff"
portable="build/sanitize-switch/mnemo-diff"
# As the sanitize test preset (CMakePresets.json): any report ends the process with an error.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
node26="third_party/node26/bin/node"
for exe in "$native" "$portable"; do
  if [ ! -x "$exe" ]; then
    echo "differential: 0 passed, 1 failed ($((SECONDS - t0)) s; $exe is not built)"
    exit 1
  fi
done

# 1. Generate, with both builds: the same seeds must give the same bytes everywhere.
gen_line="$("$native" gen --seed "$seed" --count "$count" --out "$work/modules")" || failed=$((failed + 1))
"$portable" gen --seed "$seed" --count "$count" --out "$work/modules-portable" >/dev/null || failed=$((failed + 1))
if diff -rq "$work/modules" "$work/modules-portable" >"$work/out/gen-diff.txt"; then
  passed=$((passed + 1))
else
  echo "generator: the native and portable builds wrote different bytes:"
  head -n 5 "$work/out/gen-diff.txt"
  failed=$((failed + 1))
fi
rm -rf "$work/modules-portable"
# Regression modules have no imports: the same file is both variants.
for f in tests/differential/regressions/*.wasm; do
  [ -f "$f" ] || continue
  cp "$f" "$work/modules/full/regression-$(basename "$f")"
  cp "$f" "$work/modules/standalone/regression-$(basename "$f")"
done

# Runs `cmd... FILE...` over the modules of $work/modules/$1 (full or standalone) named in list
# $2, in $jobs parallel batches, output in module order into $3.
run_batches() {
  local variant="$1" list="$2" out="$3"; shift 3
  rm -f "$work/out/batch-"*
  split -n "l/$jobs" -d "$list" "$work/out/batch-"
  local pids=() b
  for b in "$work/out/batch-"*; do
    (sed "s|^|$work/modules/$variant/|" "$b" | xargs "$@" >"$b.out" 2>"$b.err") &
    pids+=($!)
  done
  local status=0
  for p in "${pids[@]}"; do wait "$p" || status=1; done
  cat "$work/out/batch-"*.out >"$out"
  cat "$work/out/batch-"*.err >"$out.err"
  rm -f "$work/out/batch-"*
  return $status
}

# Compares two canonical outputs module by module; $3 = 1 drops the lines only mnemo prints
# (native memory hashes). Prints differing modules (the first few in full) and writes the counts,
# "passed failed", to $work/out/counts.txt.
compare() {
  local a="$1" b="$2" only_exports="$3" label="$4"
  awk -v only="$only_exports" -v label="$label" '
    FNR == 1 { file++ }
    /^module / { m = $2; if (!(m in seen)) { seen[m] = 1; order[++n] = m } next }
    only == 1 && /^(mem[0-9]+:|self-check)/ { next }
    { text[file, m] = text[file, m] $0 "\n" }
    END {
      shown = 0
      for (i = 1; i <= n; i++) {
        m = order[i]
        if (text[1, m] == text[2, m]) { ok++; continue }
        bad++
        if (shown++ < 5) printf "%s: %s differs:\n--- first\n%s--- second\n%s", label, m, text[1, m], text[2, m]
      }
      printf "%d %d\n", ok, bad > "/dev/stderr"
    }' "$a" "$b" 2>"$work/out/counts.txt"
}

add_counts() {  # "passed failed"
  passed=$((passed + $1))
  failed=$((failed + $2))
}

all="$work/out/all.txt"  # every module; standalone.txt: those with a standalone variant
(cd "$work/modules/full" && ls -1 | sort -V) >"$all"
(cd "$work/modules/standalone" && ls -1 | sort -V) >"$work/out/standalone.txt"

# 2. mnemo, both builds: exact floats (and native memory hashes, self-checked).
for build in native portable; do
  exe="$native"
  [ "$build" = portable ] && exe="$portable"
  if ! run_batches full "$all" "$work/out/$build.txt" "$exe" run --floats exact; then
    echo "$exe: a self-check failed or a module did not load:"
    grep -h -B1 -E '^(self-check|error)' "$work/out/$build.txt" | head -n 20
    tail -n 20 "$work/out/$build.txt.err"  # a sanitizer's report, if any
    failed=$((failed + 1))
  fi
done
modules="$(grep -c '^module ' "$work/out/native.txt")"
exports="$(grep -vc -E '^(module |mem[0-9]+:|self-check)' "$work/out/native.txt")"
memories="$(grep -c -E '^mem[0-9]+:' "$work/out/native.txt")"
compare "$work/out/native.txt" "$work/out/portable.txt" 0 "native vs portable"
read -r p f <"$work/out/counts.txt"
add_counts "$p" "$f"
pairs="native=portable $p/$((p + f))"

# 2b. The JIT of the native build, against its interpreter: everything, memory hashes included.
if "$native" has-jit; then
  if ! run_batches full "$all" "$work/out/jit.txt" "$native" run --floats exact --engine=jit; then
    echo "$native --engine=jit: a self-check failed or a module did not load:"
    grep -h -B1 -E '^(self-check|error)' "$work/out/jit.txt" | head -n 20
    failed=$((failed + 1))
  fi
  compare "$work/out/native.txt" "$work/out/jit.txt" 0 "interp vs jit"
  read -r p f <"$work/out/counts.txt"
  add_counts "$p" "$f"
  pairs="$pairs, interp=jit $p/$((p + f))"
fi

# 3. wasm-interp on the standalone variants, against native with floats as it prints them.
if command -v wasm-interp >/dev/null; then
  run_batches full "$work/out/standalone.txt" "$work/out/native-fixed.txt" "$native" run --floats fixed
  cat >"$work/out/wasm-interp-one.sh" <<'ONE'
#!/usr/bin/env bash
for f in "$@"; do
  echo "module $(basename "$f")"
  wasm-interp --enable-multi-memory --run-all-exports "$f" 2>&1
done
ONE
  run_batches standalone "$work/out/standalone.txt" "$work/out/wabt-raw.txt" bash "$work/out/wasm-interp-one.sh"
  "$native" normalize-wabt <"$work/out/wabt-raw.txt" >"$work/out/wabt.txt"
  compare "$work/out/native-fixed.txt" "$work/out/wabt.txt" 1 "native vs wasm-interp"
  read -r p f <"$work/out/counts.txt"
  add_counts "$p" "$f"
  pairs="$pairs, native=wasm-interp $p/$((p + f))"
else
  echo "wasm-interp is not installed (scripts/setup.sh installs wabt)"
  failed=$((failed + 1))
fi

# 4. V8 (node 26), when scripts/setup.sh has installed it.
if [ "$use_v8" -eq 1 ] && [ -x "$node26" ]; then
  run_batches full "$all" "$work/out/v8.txt" "$node26" tests/differential/runner.mjs
  # V8 has one message for a null table entry and a type mismatch in call_indirect, one for a
  # NaN and an out-of-range float converted to an integer, one for every table index out of
  # bounds (runner.mjs).
  sed -E -e 's/trap:(indirect-type|uninitialized-element)$/trap:indirect-type-or-null/' \
    -e 's/trap:(int-overflow|invalid-conv)$/trap:int-overflow-or-conv/' \
    -e 's/trap:(undefined-element|table-oob)$/trap:table-index/' "$work/out/native.txt" >"$work/out/native-v8.txt"
  compare "$work/out/native-v8.txt" "$work/out/v8.txt" 1 "native vs v8"
  read -r p f <"$work/out/counts.txt"
  add_counts "$p" "$f"
  pairs="$pairs, native=v8 $p/$((p + f))"
fi

instructions="$(sed -E 's/.* ([0-9]+) instructions.*/\1/' <<<"$gen_line")"
imported="$(sed -E 's/.*\(([0-9]+) imported\).*/\1/' <<<"$gen_line")"
aliased="$(sed -E 's/.* ([0-9]+) aliased.*/\1/' <<<"$gen_line")"
figures="$modules modules, $exports exports, ~$instructions instructions"
figures="$figures, $memories memories ($imported imported, $aliased modules import one twice)"
echo "differential: $passed passed, $failed failed ($((SECONDS - t0)) s; $figures; $pairs)"
[ "$failed" -eq 0 ]
