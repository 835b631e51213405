// tests/e2e/inspector-map.test.mjs: the typed inspector and the memory maps in the playground.
// The copy example (two memories) is stepped past its memory.copy; the inspector's values for
// the copied record in memory 1 must agree with the bytes readMemory returns; an i32 edited in
// memory 1 must change those bytes (and what the program reads back), and edits must be refused
// while a call runs; the memory map must report memory 0's page read and memory 1's page written.
// Screenshots go to build/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { playgroundForFile, artifacts } from './serve.mjs';

let page, consoleErrors;

playgroundForFile((opened) => ({ page, consoleErrors } = opened));

const kRecord = 0x120;  // archive slot 2 in memory 1, where run copies the record
const kAge = kRecord + 12;

// Steps `run` of the copy example until its memory.copy has executed; stays stopped there.
async function stepPastCopy() {
  return page.evaluate(() => {
    const d = window.mnemo.debugger;
    d.loadExample('02-copy-record.wat');
    d.call('run', '', true);
    const code = d.source().split('\n').map(l => l.split(';;')[0]);  // the example as written, comments cut
    for (let i = 0; i < 200; ++i) {
      const at = d.state().current;
      if (!at) return { error: 'the call ended before memory.copy' };
      const copying = /\bmemory\.copy\b/.test(code[at.line - 1]);
      d.command('stepInto');
      if (copying) return { highlights: d.highlights() };
    }
    return { error: 'memory.copy not reached in 200 steps' };
  });
}

// The value of `type` decoded here from raw bytes, as the inspector must show it.
function expected(type, bytes) {
  const view = new DataView(Uint8Array.from(bytes).buffer);
  switch (type) {
    case 'i8': return String(view.getInt8(0));
    case 'u8': return String(view.getUint8(0));
    case 'i16': return String(view.getInt16(0, true));
    case 'u16': return String(view.getUint16(0, true));
    case 'i32': return String(view.getInt32(0, true));
    case 'u32': return String(view.getUint32(0, true));
    case 'i64': return String(view.getBigInt64(0, true));
    case 'u64': return String(view.getBigUint64(0, true));
    case 'i8x16': return Array.from({ length: 16 }, (_, i) => view.getInt8(i)).join(' ');
    case 'i16x8': return Array.from({ length: 8 }, (_, i) => view.getInt16(2 * i, true)).join(' ');
    case 'i32x4': return Array.from({ length: 4 }, (_, i) => view.getInt32(4 * i, true)).join(' ');
    case 'i64x2': return Array.from({ length: 2 }, (_, i) => view.getBigInt64(8 * i, true)).join(' ');
  }
  throw new Error('no expectation for ' + type);
}

test('the inspector shows the copied record in memory 1 as the bytes readMemory returns', async () => {
  const stop = await stepPastCopy();
  assert.equal(stop.error, undefined, JSON.stringify(stop));
  assert.deepEqual(stop.highlights.map(h => h.memory), [0, 1]);
  // The views follow the copy when they next draw: each memory's inspector column then reads
  // where the copy touched that memory.
  await page.waitForFunction(rec => window.mnemo.debugger.state().memories[1].selected === rec, kRecord, { timeout: 5000 });
  const r = await page.evaluate(({ record, age }) => {
    const d = window.mnemo.debugger;
    return {
      record: d.inspect(1, record),
      age: d.inspect(1, age),
      recordBytes: Array.from(d.readMemory(1, record, 16)),
      ageBytes: Array.from(d.readMemory(1, age, 8)),
      staging: d.inspect(0, 0x20),
      end: d.inspect(1, 0xfffe),
      selected: d.state().memories.map(m => m.selected),
    };
  }, { record: kRecord, age: kAge });
  for (const type of ['i8', 'u8', 'i16', 'u16', 'i32', 'u32', 'i64', 'u64', 'i8x16', 'i16x8', 'i32x4', 'i64x2'])
    assert.equal(r.record[type], expected(type, r.recordBytes), type);
  assert.equal(r.age.i32, expected('i32', r.ageBytes));
  assert.equal(r.age.i32, '36');
  assert.equal(r.record.utf8, 'Ada Lovelace$');
  assert.equal(r.record.f32, '1.9091413e-19');  // 'A' 'd' 'a' ' ' read as a float
  assert.equal(r.staging.utf8, 'Ada Lovelace$');  // a copy: the source stays
  assert.equal(r.end.i32, null);                  // 4 bytes at 0xfffe run past the 64 KiB memory
  assert.equal(r.end.u16, '0');
  assert.deepEqual(r.selected, [0x20, kRecord]);
});

test('an i32 edited in memory 1 changes its bytes while stopped, and the program reads it back', async () => {
  const r = await page.evaluate(({ age }) => {
    const d = window.mnemo.debugger;
    const stopped = d.state();
    const edit = d.editValue(1, age, 'i32', '-7');
    return {
      canEdit: stopped.canEditMemory,
      edit,
      bytes: Array.from(d.readMemory(1, age, 4)),
      shown: d.inspect(1, age).i32,
      other: Array.from(d.readMemory(0, 0x2c, 4)),  // memory 0's age field is another memory's
      bad: d.editValue(1, age, 'u8', '300'),
      unknown: d.editValue(1, age, 'i128', '1'),
    };
  }, { age: kAge });
  assert.equal(r.canEdit, true);
  assert.deepEqual(r.edit, { ok: true });
  assert.deepEqual(r.bytes, [0xf9, 0xff, 0xff, 0xff]);
  assert.equal(r.shown, '-7');
  assert.deepEqual(r.other, [36, 0, 0, 0]);
  assert.deepEqual(r.bad, { ok: false, error: "'300' is out of range for a u8 (0 to 255)" });
  assert.equal(r.unknown.ok, false);
  assert.match(r.unknown.error, /'i128' is not an inspector type/);

  await page.evaluate(() => window.mnemo.debugger.selectAddress(1, 0x12c));
  await page.waitForTimeout(400);  // a few frames: the edited value in the Values panel
  const file = path.join(artifacts, 'playground-inspector-edit.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);

  await page.evaluate(() => window.mnemo.debugger.command('continue'));
  await page.waitForFunction(() => !window.mnemo.debugger.state().inCall, null, { timeout: 10000 });
  const output = await page.evaluate(() => window.mnemo.debugger.output());
  assert.equal(output.at(-1).text, 'run returned i32:-7');
});

test('the memory map shows memory 0 read and memory 1 written by the copy', async () => {
  const stop = await stepPastCopy();
  assert.equal(stop.error, undefined, JSON.stringify(stop));
  const maps = await page.evaluate(() => [0, 1].map(i => window.mnemo.debugger.memoryMap(i)));
  assert.equal(maps[0].length, 1);  // one page each
  assert.equal(maps[1].length, 1);
  const [staging, archive] = [maps[0][0], maps[1][0]];
  assert.equal(archive.page, 0);
  assert.equal(archive.touched, true);
  assert.ok(archive.writes > 0.9, JSON.stringify(archive));
  assert.equal(archive.reads, 0);
  assert.equal(staging.touched, true);
  assert.ok(staging.reads > 0.9, JSON.stringify(staging));
  assert.equal(staging.writes, 0);

  // A three-memory module: only the memory written, and only its page written, heats up.
  const grown = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    const ok = d.load(`(module
      (memory $a 1) (memory $b 3) (memory $c 1)
      (func (export "poke") (i32.store $b (i32.const 0x20010) (i32.const 7))))`, 'poke.wat').ok;
    d.call('poke', '', true);
    d.command('stepInto'); d.command('stepInto'); d.command('stepInto');
    return { ok, maps: [0, 1, 2].map(i => d.memoryMap(i)), bytes: Array.from(d.readMemory(1, 0x20010, 4)) };
  });
  assert.equal(grown.ok, true);
  assert.deepEqual(grown.bytes, [7, 0, 0, 0]);
  assert.deepEqual(grown.maps.map(m => m.length), [1, 3, 1]);
  assert.deepEqual(grown.maps[1].map(p => p.touched), [false, false, true]);
  assert.ok(grown.maps[1][2].writes > 0.9);
  assert.deepEqual([...grown.maps[0], ...grown.maps[2]].map(p => p.touched), [false, false]);

  await page.evaluate(() => window.mnemo.debugger.loadExample('02-copy-record.wat'));
  await stepPastCopy();
  await page.waitForTimeout(400);
  const file = path.join(artifacts, 'playground-memory-map.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);
});

test('memory cannot be edited while a call runs, and says why', async () => {
  const r = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    d.loadExample('08-pause-a-loop.wat');
    const exports = d.state().exports;
    d.setSpeed({ animate: true, stepsPerFrame: 1 });
    d.call(exports[0], '', false);
    const running = d.state();
    const edit = d.editValue(0, 0, 'i32', '1');
    const write = d.writeMemory(0, 0, [1]);
    d.command('pause');
    const paused = d.state();
    const after = d.editValue(0, 0, 'u8', '9');
    d.command('stop');
    return { running: running.running, canEdit: running.canEditMemory, blocker: running.editBlocker, edit, write,
             pausedCanEdit: paused.canEditMemory, after, byte: d.readMemory(0, 0, 1)[0] };
  });
  assert.equal(r.running, true);
  assert.equal(r.canEdit, false);
  assert.equal(r.blocker, 'the call is running: pause it (F6) to edit memory');
  assert.deepEqual(r.edit, { ok: false, error: 'the call is running: pause it (F6) to edit memory' });
  assert.equal(r.write, false);
  assert.equal(r.pausedCanEdit, true);
  assert.deepEqual(r.after, { ok: true });
  assert.equal(r.byte, 9);
  assert.deepEqual(consoleErrors, []);
});
