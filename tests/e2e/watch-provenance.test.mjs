// tests/e2e/watch-provenance.test.mjs: watchpoints and "who wrote this?" in the playground, on the
// copy example (a data segment puts a record in memory 0, memory.copy copies it to memory 1).
// (a) A write watchpoint on the destination range in memory 1, then restart and continue: the run
// must stop at the memory.copy, with the bytes before (zeros) and after (the record).
// (b) Who wrote a destination byte: the copy, and beyond it the data segment that put the source
// byte into memory 0; the ledger lists both, and marking the copy's row scrolls both views there.
// Screenshots go to build/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { playgroundForFile, artifacts } from './serve.mjs';

let page, consoleErrors;

playgroundForFile((opened) => ({ page, consoleErrors } = opened));

const kDestination = 0x120;  // archive slot 2 in memory 1
const kSource = 0x20;        // the record in memory 0

test('a write watchpoint on the destination in memory 1 stops a restarted run at the copy', async () => {
  const r = await page.evaluate(dst => {
    const d = window.mnemo.debugger;
    d.loadExample('02-copy-record.wat');
    d.setSpeed({ animate: false });
    d.call('run', '', true);
    const id = d.addWatchpoint({ memory: 1, address: dst, length: 16, on: 'write' });
    const refused = [];
    for (const bad of [{ memory: 7, address: 0, length: 4 }, { memory: 1, address: 0, length: 0 },
                       { memory: 1, address: 0, length: 4, on: 'sometimes' }]) {
      try { d.addWatchpoint(bad); refused.push(null); } catch (e) { refused.push(e.message); }
    }
    d.command('restart');
    d.command('continue');
    return { id, refused, watchpoints: d.watchpoints() };
  }, kDestination);
  assert.equal(typeof r.id, 'number');
  assert.deepEqual(r.watchpoints, [{ id: r.id, memory: 1, address: kDestination, length: 16, on: 'write' }]);
  assert.equal(r.refused[0], 'no memory 7: the module has 2 memories');
  assert.match(r.refused[1], /at least one byte/);
  assert.match(r.refused[2], /'read', 'write' or 'any'/);

  // Full speed runs a slice of every frame: wait for the stop.
  await page.waitForFunction(() => window.mnemo.debugger.state().stopReason === 'watchpoint', null, { timeout: 10000 });
  const stop = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    const hit = d.watchHit();
    return { hit, state: d.state(), line: d.source().split('\n')[hit.line - 1] };
  });
  assert.equal(stop.hit.id, r.id);
  assert.equal(stop.hit.op, 'memory.copy');
  assert.match(stop.line, /memory\.copy/);
  assert.equal(stop.hit.memory, 1);
  assert.equal(stop.hit.address, kDestination);
  assert.equal(stop.hit.length, 16);
  assert.deepEqual(stop.hit.oldBytes, new Array(16).fill(0));
  assert.equal(String.fromCharCode(...stop.hit.newBytes.slice(0, 12)), 'Ada Lovelace');
  assert.equal(stop.state.inCall, true);  // stopped after the copy, before the next instruction
  assert.equal(stop.state.running, false);
  assert.match(stop.hit.text, /^watchpoint \d+ \(write, memory 1 \$archive \[0x120, 0x130\)\): memory\.copy at /);

  await page.waitForTimeout(400);  // a few frames: the stop drawn in Controls and the views
  const file = path.join(artifacts, 'watchpoint-stop.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);
  assert.deepEqual(consoleErrors, []);
});

test('who wrote a copied byte: the copy, then the data segment that filled memory 0', async () => {
  const r = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    for (const w of d.watchpoints()) d.removeWatchpoint(w.id);
    d.command('continue');
    return { removed: d.watchpoints().length };
  });
  assert.equal(r.removed, 0);
  await page.waitForFunction(() => !window.mnemo.debugger.state().inCall, null, { timeout: 10000 });
  const answer = await page.evaluate(([dst, src]) => {
    const d = window.mnemo.debugger;
    const chain = d.whoWrote(1, dst + 4, 1);
    const ledger = d.ledger();
    const copyRow = ledger.findIndex(t => t.op === 'copy');
    const shown = d.showTransfer(copyRow);
    return { chain, ledger, copyRow, shown, source: d.source().split('\n'), noRow: d.showTransfer(99) };
  }, [kDestination, kSource]);
  assert.equal(answer.chain.length, 2, JSON.stringify(answer.chain));
  const [copy, segment] = answer.chain;
  assert.equal(copy.kind, 'copy');
  assert.equal(copy.op, 'memory.copy');
  assert.ok(copy.step > 0);
  assert.match(answer.source[copy.line - 1], /memory\.copy/);
  assert.equal(copy.memory, 1);
  assert.equal(copy.address, kDestination + 4);
  assert.deepEqual(copy.from, { memory: 0, address: kSource + 4 });
  assert.equal(segment.kind, 'data segment');
  assert.equal(segment.segment, 0);
  assert.equal(segment.memory, 0);
  assert.equal(segment.address, kSource + 4);
  assert.equal(segment.step, 0);

  // The ledger: the data segment placed at instantiation, then the copy with its step.
  assert.deepEqual(answer.ledger.map(t => t.op), ['segment', 'copy']);
  const row = answer.ledger[answer.copyRow];
  assert.equal(row.step, copy.step);
  assert.deepEqual(row.dst, { memory: 1, address: kDestination, length: 16 });
  assert.deepEqual(row.src, { memory: 0, address: kSource, length: 16 });
  assert.deepEqual(answer.ledger[0].src, { segment: 0 });
  assert.equal(answer.shown, true);
  assert.equal(answer.noRow, false);

  await page.waitForTimeout(400);  // the "Who wrote this?" window and the marked ranges drawn
  const file = path.join(artifacts, 'who-wrote.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);
  assert.deepEqual(consoleErrors, []);
});
