#!/usr/bin/env bash
# tests/differential/jit_vs_interp.sh: the differential check of one build's JIT against its own
# interpreter, for builds that tests/differential/run.sh does not reach (the ARM64 build, under
# qemu: ctest runs this as test differential_jit). Generates COUNT modules from SEED with the
# build's mnemo-diff, runs every one through both engines with exact float bits and memory
# hashes, and compares the canonical lines module by module. Prints
#   differential jit: N modules, M mismatches (T s)
# and the first mismatching modules' lines; fails on any mismatch, or when a module does not load.
#
# usage: tests/differential/jit_vs_interp.sh COUNT SEED WORK_DIR MNEMO_DIFF_COMMAND...
#   (the command may start with an emulator: qemu-aarch64 -L /usr/aarch64-linux-gnu mnemo-diff)
set -uo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 COUNT SEED WORK_DIR MNEMO_DIFF_COMMAND..." >&2
  exit 2
fi
count="$1" seed="$2" work="$3"
shift 3
t0=$SECONDS
rm -rf "$work"
mkdir -p "$work"
"$@" gen --seed "$seed" --count "$count" --out "$work/modules" >"$work/gen.txt" || { cat "$work/gen.txt"; exit 1; }
(cd "$work/modules/full" && ls -1 | sort -V | sed "s|^|$work/modules/full/|") >"$work/list.txt"
status=0
xargs "$@" run --floats exact <"$work/list.txt" >"$work/interp.txt" 2>"$work/interp.err" || status=1
xargs "$@" run --floats exact --engine=jit <"$work/list.txt" >"$work/jit.txt" 2>"$work/jit.err" || status=1
# One record per module: its lines joined, so that a mismatch names its module.
awk '
  FNR == 1 { file++ }
  /^module / { m = $2; if (file == 1) order[++n] = m; next }
  { text[file, m] = text[file, m] $0 "\n" }
  END {
    for (i = 1; i <= n; i++) {
      m = order[i]
      if (text[1, m] == text[2, m]) continue
      bad++
      if (bad <= 5) printf "%s differs:\n--- interp\n%s--- jit\n%s", m, text[1, m], text[2, m]
    }
    printf "differential jit: %d modules, %d mismatches\n", n, bad + 0
    exit (bad > 0)
  }' "$work/interp.txt" "$work/jit.txt" || status=1
if [ "$status" -ne 0 ]; then
  head -n 20 "$work/interp.err" "$work/jit.err"
fi
echo "($((SECONDS - t0)) s)"
exit "$status"
