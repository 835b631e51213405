// bench/travel.mjs: what recording a debug session's history costs, measured on the Emscripten
// build in node (the engine the playground runs, without the page):
//
//   node --no-experimental-fetch bench/travel.mjs [SITE...]
//
// SITE is a build's site folder (default build/web/site); given several, they are measured in
// turns (A B A B ...), so that a build before a change and one after face the same machine load.
// For each: the benchmark's mm_loadstore kernel (bench0) in a debug session of a debuggable
// instance, 10,000,000 instructions with no watchpoint and no recording, then the same with the
// history recorded (a build without time travel skips that); the history's bytes per instruction;
// and the time travelTo takes to reach steps across the whole run. Medians of BENCH_RUNS runs (3).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const STEPS = Number(process.env.BENCH_STEPS || 10_000_000);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const GUEST = path.resolve(process.env.BENCH_DIR || '../shared/bench/wasm', 'mm_loadstore.wasm');
const sites = process.argv.slice(2);
if (sites.length === 0) sites.push('build/web/site');

const median = xs => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

async function load(site) {
  const file = path.resolve(site, 'mnemo.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the site first (scripts/build-web.sh)`);
  const mnemo = await require(file)();
  return { site, mnemo, module: new mnemo.Module(fs.readFileSync(GUEST)) };
}

// One session, STEPS instructions; with `budget`, recorded. Returns instructions per second by the
// wall clock and by the process's CPU time (the figure to compare on a loaded machine: the wall
// clock of two identical runs differs by far more than their CPU time), and the history when
// recorded.
function run({ mnemo, module }, budget) {
  const instance = new mnemo.Instance(module, {}, { debuggable: true });
  const session = instance.debug('bench0');
  if (budget) session.recordHistory(budget);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const reason = session.continue(STEPS);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (reason !== 'paused') throw new Error(`the kernel stopped early: ${reason}`);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { perSecond: STEPS / (ms / 1000), perCpuSecond: STEPS / (cpuMs / 1000), session };
}

// Travels to the ends and to 20 steps between, in an order that jumps back and forth.
function travelTimes(session) {
  let x = 99;
  const targets = [0, STEPS, 1, STEPS - 1, STEPS / 2];
  for (let i = 0; i < 20; ++i) targets.push((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % (STEPS + 1));
  return targets.map(step => {
    const t0 = performance.now();
    session.travelTo(step);
    if (session.timeline.current !== step) throw new Error(`travelTo(${step}) reached ${session.timeline.current}`);
    return performance.now() - t0;
  });
}

const builds = await Promise.all(sites.map(load));
const figures = builds.map(() => ({ off: [], offCpu: [], on: [], bytes: [], worst: [], median: [] }));
for (let r = 0; r < RUNS; ++r) {
  for (const [i, b] of builds.entries()) {
    const off = run(b, 0);
    figures[i].off.push(off.perSecond);
    figures[i].offCpu.push(off.perCpuSecond);
    if (typeof b.mnemo.Session.prototype.recordHistory !== 'function') continue;
    const { perSecond, session } = run(b, 256 * 1024 * 1024);
    figures[i].on.push(perSecond);
    figures[i].bytes.push(session.timeline.bytes);
    const times = travelTimes(session);
    figures[i].worst.push(Math.max(...times));
    figures[i].median.push(median(times));
  }
}

console.log(`mm_loadstore bench0, ${STEPS.toLocaleString('en')} instructions in a debug session, node ${process.version}, ` +
            `load average ${os.loadavg().map(l => l.toFixed(2)).join(' ')}, medians of ${RUNS} runs`);
for (const [i, f] of figures.entries()) {
  const line = [`${builds[i].site}: no recording ${(median(f.off) / 1e6).toFixed(1)} M instructions/s ` +
                `(${(median(f.offCpu) / 1e6).toFixed(1)} M per CPU second)`];
  if (f.on.length) {
    line.push(`recording ${(median(f.on) / 1e6).toFixed(1)} M instructions/s`,
              `history ${(median(f.bytes) / STEPS).toFixed(2)} bytes per instruction (${(median(f.bytes) / (1 << 20)).toFixed(1)} MiB)`,
              `travel: worst ${median(f.worst).toFixed(1)} ms, median ${median(f.median).toFixed(1)} ms`);
  }
  console.log(line.join('; '));
}
if (builds.length > 1)
  for (let i = 1; i < builds.length; ++i)
    console.log(`no recording, ${builds[i].site} / ${builds[0].site}: ${(median(figures[i].off) / median(figures[0].off)).toFixed(3)} ` +
                `(instructions per second; per-run ratios ${figures[i].off.map((v, k) => (v / figures[0].off[k]).toFixed(3)).join(' ')}); ` +
                `by CPU time, time ${builds[i].site} / ${builds[0].site}: ${(median(figures[0].offCpu) / median(figures[i].offCpu)).toFixed(3)} ` +
                `(per run ${figures[i].offCpu.map((v, k) => (figures[0].offCpu[k] / v).toFixed(3)).join(' ')})`);
