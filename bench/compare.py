#!/usr/bin/env python3
"""bench/compare.py: interpreter builds side by side with wasm3, by CPU time (bench/README.md).

    python3 bench/compare.py [--rounds N] [--guests "fib sieve"] NAME=MNEMO_CLI ... [wasm3=WASM3_CLI]

A CLI ending in .js is an Emscripten build, run by node (build/web/mnemo.js; wasm3 built as
bench/run.sh builds it, build/bench/wasm3node/wasm3.js): its times include node's start-up, which
the empty guest takes out.

Each round runs every guest once through every engine, engines alternated, and takes the process
CPU time (user + sys, from getrusage of the children) of each run minus a run of empty.wasm by
the same engine just before it (start-up, paired in time with the run it is taken from). On a shared two-core machine wall time says little (a 0.3 s CPU run
took 0.9 s of wall time); CPU time is steadier. Prints medians (or, with --stat min, minimums) per
guest and engine, the ratio of each engine to the first and to wasm3, and the geomean over issue
14's seven compute guests. The two-core VMs have a slow mode that takes whole runs at once (the
same binary, the same guest: 0.71 s in seven runs, 1.14 s in the eighth, with or without address
randomization), and when it lasts a while it moves medians; the minimum is what a run costs
without it.
Every result is checked against the guests' README, so a wrong engine is caught, not timed.
Made for trying one lever of the interpreter at a time; bench/run.sh is the full measurement.
"""
import argparse
import math
import os
import re
import resource
import statistics
import subprocess
import sys

SEVEN = ["fib", "sieve", "matmul", "mandel", "crc32", "nbody", "sm_loadstore"]
DEFAULT = SEVEN + ["memops", "sm_copy", "mm_loadstore_mem0", "mm_loadstore_mem1"]


def expected_results(bench_dir):
    """guest -> expected result, from the guests' README table."""
    out = {}
    with open(os.path.join(bench_dir, "..", "README.md")) as f:
        for line in f:
            m = re.match(r"\| (\w+)(?: / (\w+))? \|[^|]*\| (-?\d+) \|", line)
            if m:
                out[m.group(1)] = m.group(3)
                if m.group(2):
                    out[m.group(2)] = m.group(3)
    return out


def command(engine, path, wasm):
    # A .js CLI is an Emscripten build (NODERAWFS), run by node 20 as bench/run.sh runs it.
    runner = ["node", "--no-experimental-fetch", path] if path.endswith(".js") else [path]
    if engine.startswith("wasm3"):
        return runner + ["--func", "bench", wasm]
    return runner + ["run", wasm, "--invoke", "bench"] + ([] if path.endswith(".js") else ["--engine=interp"])


def cpu_run(cmd):
    """(CPU seconds of the child, its stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        sys.exit(f"compare: {' '.join(cmd)} exited {p.returncode}:\n{p.stdout}")
    return cpu, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--guests", default=" ".join(DEFAULT))
    ap.add_argument("--stat", choices=["median", "min"], default="median")
    ap.add_argument("--bench-dir", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench", "wasm"))
    ap.add_argument("engines", nargs="+", help="NAME=PATH; a NAME starting with wasm3 is run as wasm3")
    a = ap.parse_args()
    engines = [tuple(e.split("=", 1)) for e in a.engines]
    guests = a.guests.split()
    want = expected_results(a.bench_dir)
    times = {(e, g): [] for e, _ in engines for g in guests}
    for r in range(a.rounds):
        for g in guests:
            for e, path in engines:
                if e.startswith("wasm3") and g.startswith("mm_"):
                    continue  # one memory per module
                wasm = os.path.join(a.bench_dir, g + ".wasm")
                base, _ = cpu_run(command(e, path, os.path.join(a.bench_dir, "empty.wasm")))
                cpu, out = cpu_run(command(e, path, wasm))
                got = re.findall(r"-?\d+", out.strip().splitlines()[-1] if out.strip() else "")
                if g in want and want[g] not in got:
                    sys.exit(f"compare: {e} on {g} printed {out.strip()!r}, expected {want[g]}")
                times[(e, g)].append(max(cpu - base, 1e-4) * 1000)
        print(f"round {r + 1}/{a.rounds} done", file=sys.stderr)
    first = engines[0][0]
    peer = next((e for e, _ in engines if e.startswith("wasm3")), None)
    print(f"{a.stat} of {a.rounds} rounds")
    head = "| guest | " + " | ".join(f"{e} ms" for e, _ in engines)
    others = [e for e, _ in engines[1:] if e != peer]
    head += "".join(f" | {e} / {first}" for e in others)
    mine = [e for e, _ in engines if e != peer]
    if peer:
        head += "".join(f" | {e} / {peer}" for e in mine)
    print(head + " |")
    print("|" + " --- |" * (head.count("|")))
    stat = min if a.stat == "min" else statistics.median
    med = {k: stat(v) for k, v in times.items() if v}
    for g in guests:
        row = [f"{med[(e, g)]:.0f}" if (e, g) in med else "n/a" for e, _ in engines]
        row += [f"{med[(e, g)] / med[(first, g)]:.3f}" for e in others]
        if peer:
            row += [f"{med[(e, g)] / med[(peer, g)]:.3f}" if (peer, g) in med else "—" for e in mine]
        print(f"| {g} | " + " | ".join(row) + " |")
    seven = [g for g in SEVEN if g in guests]
    if peer and seven:
        for e in mine:
            gm = math.exp(sum(math.log(med[(e, g)] / med[(peer, g)]) for g in seven) / len(seven))
            print(f"geomean {e} / {peer} over {' '.join(seven)}: {gm:.3f}")
    for e in others:
        gm = math.exp(sum(math.log(med[(e, g)] / med[(first, g)]) for g in guests) / len(guests))
        print(f"geomean {e} / {first} over every guest above: {gm:.3f}")


if __name__ == "__main__":
    main()
