// tests/e2e/time-travel.test.mjs: time travel in the playground. (a) The copy example runs to its
// end; stepping back reaches its cross-memory memory.copy, and both memories hold, byte for byte,
// what they held when the run first passed that step; the ledger's copy row and travelTo reach it
// too, and reverse-continue stops at a watchpoint on the copy. (b) The benchmark's mm_loadstore
// kernel runs 10 million instructions with its history recorded in the page; its history's size
// and the time to reach steps across it are measured (the README's figures). Screenshots go to
// build/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { playgroundForFile, artifacts, root } from './serve.mjs';

let page, consoleErrors;

playgroundForFile((opened) => ({ page, consoleErrors } = opened));

test('the copy example, run to its end, steps back to its memory.copy with both memories as they were', async () => {
  // Forward, one step at a time, to the copy: both memories as the run leaves that step.
  const forward = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    d.loadExample('02-copy-record.wat');
    d.setSpeed({ animate: false });
    d.call('run', '', true);
    for (let i = 0; i < 100 && !/memory\.copy/.test(d.state().lastStep); ++i) d.command('stepInto');
    return {
      step: d.state().steps,
      memories: [0, 1].map(i => Array.from(d.readMemory(i, 0, 65536))),
    };
  });
  assert.ok(forward.step > 0);

  // On to the end, then back.
  await page.evaluate(() => window.mnemo.debugger.command('continue'));
  await page.waitForFunction(() => window.mnemo.debugger.state().stopReason === 'finished', null, { timeout: 10000 });
  const back = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    const end = d.timeline();
    const reasons = [];
    while (d.timeline().current > 0 && !/memory\.copy/.test(d.state().lastStep)) reasons.push(d.stepBack());
    return {
      end,
      reasons,
      state: d.state(),
      timeline: d.timeline(),
      memories: [0, 1].map(i => Array.from(d.readMemory(i, 0, 65536))),
      highlights: d.highlights(),
    };
  });
  assert.equal(back.end.current, back.end.last);
  assert.equal(back.end.first, 0);
  assert.ok(back.reasons.length > 0 && back.reasons.every(r => r === 'step'), back.reasons.join());
  assert.equal(back.timeline.current, forward.step);
  assert.equal(back.state.inCall, true);
  assert.equal(back.state.lastStep,
               'memory.copy: 16 bytes from memory 0 $staging [0x20, 0x30) to memory 1 $archive [0x120, 0x130)');
  for (const i of [0, 1]) {
    const differing = back.memories[i].findIndex((b, a) => b !== forward.memories[i][a]);
    assert.equal(differing, -1, `memory ${i} differs at byte ${differing}`);
  }
  assert.equal(String.fromCharCode(...back.memories[1].slice(0x120, 0x12c)), 'Ada Lovelace');
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
  const file = path.join(artifacts, 'playground-time-travel.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);

  // One step further back the archive slot is empty again; travelTo and the ledger's row come back.
  const more = await page.evaluate(step => {
    const d = window.mnemo.debugger;
    d.stepBack();
    const before = Array.from(d.readMemory(1, 0x120, 16));
    d.travelTo(0);
    const atStart = d.state().steps;
    const row = d.ledger().findIndex(t => t.op === 'copy');
    d.showTransfer(row);
    const viaLedger = { steps: d.state().steps, archive: Array.from(d.readMemory(1, 0x120, 16)) };
    let refused = null;
    try { d.travelTo(d.timeline().last + 5); } catch (e) { refused = e.message; }
    d.addWatchpoint({ memory: 1, address: 0x120, length: 16, on: 'write' });
    d.travelTo(d.timeline().last);
    const reverse = d.reverseContinue();
    return { before, atStart, viaLedger, refused, reverse, reverseAt: d.timeline().current, hit: d.watchHit(), step };
  }, forward.step);
  assert.deepEqual(more.before, new Array(16).fill(0));
  assert.equal(more.atStart, 0);
  assert.equal(more.viaLedger.steps, forward.step);
  assert.deepEqual(more.viaLedger.archive, forward.memories[1].slice(0x120, 0x130));
  assert.match(more.refused, /outside the recorded history/);
  assert.equal(more.reverse, 'watchpoint');
  assert.equal(more.reverseAt, forward.step);
  assert.equal(more.hit.op, 'memory.copy');
  assert.deepEqual(consoleErrors, []);
});

test('10 million instructions of mm_loadstore: history size and the time to reach any step', async () => {
  const wasm = Array.from(fs.readFileSync(path.join(root, '../shared/bench/wasm/mm_loadstore.wasm')));
  const r = await page.evaluate(bytes => {
    const { Module, Instance } = window.mnemo;
    const instance = new Instance(new Module(new Uint8Array(bytes)), {}, { debuggable: true });
    const session = instance.debug('bench0');
    session.recordHistory(256 * 1024 * 1024);
    const steps = 10000000;
    let t0 = performance.now();
    const reason = session.continue(steps);
    const runMs = performance.now() - t0;
    const timeline = session.timeline;
    // Across the whole run: the start, the end, and steps between, in an order that goes back and
    // forth (the worst case is a jump from one end to the other).
    let x = 99;
    const targets = [0, steps, 1, steps - 1, steps / 2];
    for (let i = 0; i < 20; ++i) targets.push((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % (steps + 1));
    const times = [];
    for (const step of targets) {
      t0 = performance.now();
      session.travelTo(step);
      times.push(performance.now() - t0);
      if (session.timeline.current !== step) return { error: `travelTo(${step}) reached ${session.timeline.current}` };
    }
    return { reason, runMs, timeline, times };
  }, wasm);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.reason, 'paused');
  assert.equal(r.timeline.first, 0);
  assert.equal(r.timeline.last, 10000000);
  const mib = r.timeline.bytes / (1 << 20);
  const worst = Math.max(...r.times);
  console.log(`mm_loadstore bench0 in Chromium: 10,000,000 instructions recorded in ${r.runMs.toFixed(0)} ms; ` +
              `history ${mib.toFixed(1)} MiB (${(r.timeline.bytes / 1e7).toFixed(2)} bytes per instruction); ` +
              `travel to ${r.times.length} steps: worst ${worst.toFixed(1)} ms, median ` +
              `${r.times.slice().sort((a, b) => a - b)[r.times.length >> 1].toFixed(1)} ms`);
  assert.ok(r.timeline.bytes <= 256 * (1 << 20), `history ${mib} MiB`);
  assert.ok(worst < 200, `the slowest travel took ${worst} ms`);
  assert.deepEqual(consoleErrors, []);
});
