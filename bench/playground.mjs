// bench/playground.mjs: the playground's full-speed run, measured in the page (headless Chromium,
// the browser build of the debugger with its model, not the engine's session alone):
//
//   node bench/playground.mjs [SITE...]
//
// SITE is a build's site folder (default build/web/site); given several, they are measured in
// turns (A B A B ...), each in its own browser, so that a build before a change and one after face
// the same machine load. The guest is the benchmark's mm_loadstore kernel (its source,
// ../shared/bench/src/mm_loadstore.wat, with BENCH_ITERS iterations: 2,000,000 by default, about 70
// million instructions), loaded into the debugger and called with "animate" off: the model runs a
// 12 ms slice per debugger command, as it does per frame. Timed: the page's main thread's CPU time
// over the call (DevTools' Performance.ThreadTime: the machine's other work hardly moves it), and
// the wall time of the commands alone, not of the state() calls between them; no frame is drawn
// meanwhile (the page's thread is busy running the commands). Then the engine's debug session alone
// in the same page (the JS API, no model), which tells the model's share from the engine's. Measured with no watchpoint, in a build that has the
// "record" setting (web/ui/debugger_model.h) once with recording off and once with it on (then
// with the history's bytes per instruction); a build without it is measured as it is. Medians of
// BENCH_RUNS (5) runs; the ratios between builds also as the median of the per-run ratios (each
// pair ran back to back) and as the ratio of the fastest runs (the machine's other work only ever
// adds time, so the fastest run is the one it disturbed least).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launchChromium } from '../tests/e2e/serve.mjs';

const ITERS = Number(process.env.BENCH_ITERS || 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS || 5);
const source = path.resolve(process.env.BENCH_SRC || '../shared/bench/src', 'mm_loadstore.wat');
const sites = process.argv.slice(2);
if (sites.length === 0) sites.push('build/web/site');
const wat = fs.readFileSync(source, 'utf8').replace(/\(i32\.const ITERS\)/g, `(i32.const ${ITERS})`);

const median = xs => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

async function open(site) {
  const dir = path.resolve(site);
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: build the site first`);
  const server = await serve(dir);
  const browser = await launchChromium();
  const page = browser.context.pages()[0] || await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.mnemo && window.mnemo.debugger, null, { timeout: 60000 });
  const recordable = await page.evaluate(() => typeof window.mnemo.debugger.setRecording === 'function');
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { site, server, browser, page, cdp, recordable };
}

// The page's main thread's CPU time so far, in ms (the DevTools protocol's Performance.ThreadTime,
// in thread ticks): a figure the machine's other work hardly moves, unlike the wall clock, which
// on a loaded 2-core machine runs from 0.3x to 3x between two identical runs.
async function threadMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find(m => m.name === 'ThreadTime').value * 1000;
}

// One call of bench0 to its end at full speed; `recording` is left alone when undefined.
async function run({ page, cdp }, recording) {
  await page.evaluate(([text, record]) => {
    const d = window.mnemo.debugger;
    const loaded = d.load(text, 'mm_loadstore.wat');
    if (!loaded.ok) throw new Error(`the kernel does not load: ${loaded.error}`);
    d.setSpeed({ animate: false });
    if (record !== undefined) d.setRecording(record);
  }, [wat, recording]);
  const cpu0 = await threadMs(cdp);
  const r = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    let ms = 0, slices = 1;
    let t0 = performance.now();
    d.call('bench0', '', false);  // starts the call and runs its first slice
    ms += performance.now() - t0;
    while (d.state().inCall) {
      t0 = performance.now();
      d.command('continue');
      ms += performance.now() - t0;
      ++slices;
    }
    const last = d.output().at(-1).text;
    if (!/^bench0 returned i32:/.test(last)) throw new Error(`the kernel did not return: ${last}`);
    // A recorded call that returned keeps its history (to travel back in): its size.
    const timeline = typeof d.timeline === 'function' ? d.timeline() : null;
    return { ms, slices, steps: d.state().steps, result: last, historyBytes: timeline ? timeline.bytes : 0 };
  });
  r.cpu = await threadMs(cdp) - cpu0;
  return r;
}

// The engine's debug session alone, in the same page (window.mnemo's JS API, no debugger model):
// what the model adds to a run is the difference.
async function runSession({ page, cdp }) {
  await page.evaluate(text => { window.benchModule = new window.mnemo.Module(text); }, wat);
  const cpu0 = await threadMs(cdp);
  const reason = await page.evaluate(() =>
    new window.mnemo.Instance(window.benchModule, {}, { debuggable: true }).debug('bench0').continue());
  if (reason !== 'finished') throw new Error(`the kernel's session stopped: ${reason}`);
  return threadMs(cdp).then(cpu => cpu - cpu0);
}

const builds = [];
for (const site of sites) builds.push(await open(site));
const figures = builds.map(() => ({ off: [], offCpu: [], on: [], onCpu: [], session: [], bytes: [], steps: 0, result: '' }));
try {
  for (let r = 0; r < RUNS; ++r) {
    for (const [i, b] of builds.entries()) {
      const off = await run(b, b.recordable ? false : undefined);
      figures[i].off.push(off.ms);
      figures[i].offCpu.push(off.cpu);
      figures[i].result = off.result;
      if (off.steps) figures[i].steps = off.steps;
      figures[i].session.push(await runSession(b));
      if (b.recordable) {
        const on = await run(b, true);
        figures[i].on.push(on.ms);
        figures[i].onCpu.push(on.cpu);
        figures[i].bytes.push(on.historyBytes);
      }
    }
  }
} finally {
  for (const b of builds) {
    await b.browser.close();
    b.server.close();
  }
}

// Every build runs the same kernel: the instruction count of one that reports it serves all.
const steps = figures.map(f => f.steps).find(s => s > 0);
const rate = ms => (steps ? ` = ${(steps / ms / 1000).toFixed(1)} M instructions/s` : '');
const both = (cpu, wall) => `CPU ${median(cpu).toFixed(0)} ms${rate(median(cpu))} (wall ${median(wall).toFixed(0)} ms)`;
console.log(`playground, mm_loadstore bench0 with ${ITERS.toLocaleString('en')} iterations` +
            `${steps ? ` (${steps.toLocaleString('en')} instructions)` : ''} at full speed in headless Chromium, ` +
            `no watchpoint, load average ${os.loadavg().map(l => l.toFixed(2)).join(' ')}, medians of ${RUNS} runs; ` +
            'CPU: the page\'s main thread');
for (const [i, f] of figures.entries()) {
  const line = [`${builds[i].site}: ${builds[i].recordable ? 'recording off ' : ''}${both(f.offCpu, f.off)}`];
  if (f.on.length) {
    line.push(`recording on ${both(f.onCpu, f.on)}`);
    if (steps) line.push(`history ${(median(f.bytes) / steps).toFixed(2)} bytes per instruction (${(median(f.bytes) / (1 << 20)).toFixed(1)} MiB)`);
  }
  line.push(`the engine's session alone CPU ${median(f.session).toFixed(0)} ms${rate(median(f.session))}`);
  console.log(line.join('; ') + `; ${f.result}`);
}
if (figures.some(f => f.result !== figures[0].result)) console.log('the builds returned different results!');
const ratios = (a, b) => a.map((v, k) => (v / b[k]).toFixed(3)).join(' ');
for (let i = 1; i < builds.length; ++i) {
  console.log(`CPU time, ${builds[i].site} / ${builds[0].site}: ${(median(figures[i].offCpu) / median(figures[0].offCpu)).toFixed(3)} ` +
              `(per-run ratios ${ratios(figures[i].offCpu, figures[0].offCpu)}; their median ` +
              `${median(figures[i].offCpu.map((v, k) => v / figures[0].offCpu[k])).toFixed(3)}; the fastest runs' ` +
              `${(Math.min(...figures[i].offCpu) / Math.min(...figures[0].offCpu)).toFixed(3)})`);
  console.log(`wall time, the same: ${(median(figures[i].off) / median(figures[0].off)).toFixed(3)} ` +
              `(per-run ratios ${ratios(figures[i].off, figures[0].off)})`);
  console.log(`the engine's session alone, CPU time: ${(median(figures[i].session) / median(figures[0].session)).toFixed(3)} ` +
              `(per-run ratios ${ratios(figures[i].session, figures[0].session)}; the fastest runs' ` +
              `${(Math.min(...figures[i].session) / Math.min(...figures[0].session)).toFixed(3)})`);
}
