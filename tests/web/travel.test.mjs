// tests/web/travel.test.mjs: time travel of the JS API's debug sessions (web/api.js over
// web/engine_api.cpp) in node, on the Emscripten build. The differential check: the benchmark's
// mm_loadstore kernel runs forward step by step with every memory's hash written down at each
// step, then travels to 200 random steps and every memory must hash as it did then. Also: JS
// imports are answered from the record, not called again; step back, reverse-continue, refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '../..');
const require = createRequire(import.meta.url);
const site = path.resolve(root, process.env.MNEMO_WEB_SITE || 'build/web/site');
const createMnemo = require(path.join(site, 'mnemo.js'));
const mnemo = await createMnemo();

const benchWasm = path.join(root, '../shared/bench/wasm/mm_loadstore.wasm');
const copyExample = fs.readFileSync(path.join(root, 'examples/02-copy-record.wat'), 'utf8');

// FNV-1a over the memory's 32-bit words, then its size.
function memoryHash(memory) {
  const bytes = memory.view();  // the engine's heap: its memories' bytes are 8-aligned there
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; ++i) h = Math.imul(h ^ words[i], 0x01000193);
  return `${h >>> 0}:${bytes.length}`;
}
const hashes = instance => instance.memories.map(memoryHash).join(' ');

// A tiny deterministic generator, so that a failure names steps that can be travelled to again.
function* randomSteps(count, max, seed) {
  let x = seed;
  for (let i = 0; i < count; ++i) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    yield x % (max + 1);
  }
}

test('mm_loadstore: every memory hashes at 200 random steps as it did when the run passed them', () => {
  const steps = 70000;  // past the first checkpoint after the start (65,536 steps)
  const instance = new mnemo.Instance(new mnemo.Module(fs.readFileSync(benchWasm)), {}, { debuggable: true });
  for (const [i, m] of instance.memories.entries()) m.write(0, Array.from({ length: 4096 }, (_, a) => (a * (i + 3)) & 255));
  const session = instance.debug('bench1');
  session.recordHistory(256 * 1024 * 1024);
  const at = [hashes(instance)];
  for (let i = 0; i < steps; ++i) {
    assert.equal(session.stepInto(), 'step');
    at.push(hashes(instance));
  }
  assert.deepEqual([session.timeline.first, session.timeline.last, session.timeline.current], [0, steps, steps]);
  let differences = 0;
  for (const step of randomSteps(200, steps, 7)) {
    assert.equal(session.travelTo(step), 'step');
    assert.equal(session.timeline.current, step);
    if (hashes(instance) !== at[step]) ++differences;
  }
  assert.equal(differences, 0);
  session.travelTo(steps);
  assert.equal(hashes(instance), at[steps]);
});

test('JS imports answer from the record when the run goes over a step again', () => {
  const module = new mnemo.Module(`(module
    (import "env" "tick" (func $tick (result i32)))
    (memory 1)
    (func (export "run") (result i32) (local $i i32)
      (loop $l
        (i32.store (i32.mul (local.get $i) (i32.const 4)) (call $tick))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (i32.const 5))))
      (i32.load (i32.const 16))))`);
  let calls = 0;
  const instance = new mnemo.Instance(module, { env: { tick: () => 100 + calls++ } }, { debuggable: true });
  const session = instance.debug('run');
  session.recordHistory(1 << 20);
  assert.equal(session.continue(), 'finished');
  assert.equal(session.results, 104);
  assert.equal(calls, 5);
  const { last } = session.timeline;
  assert.equal(session.travelTo(3), 'step');
  assert.deepEqual([...instance.memories[0].read(0, 4)], [0, 0, 0, 0]);
  assert.equal(session.continue(), 'finished');
  assert.equal(session.results, 104);
  assert.equal(calls, 5);  // the host was not called again
  assert.equal(session.timeline.last, last);
});

test('step back, reverse-continue and their refusals', () => {
  const instance = new mnemo.Instance(new mnemo.Module(copyExample), {}, { debuggable: true });
  const session = instance.debug('run');
  assert.equal(session.timeline, null);
  assert.throws(() => session.stepBack(), RangeError);  // not recording
  session.recordHistory(1 << 20);
  assert.throws(() => session.stepBack(), /at the start of the recorded history/);
  session.addWatchpoint({ memory: 1, address: 0x120, length: 16, on: 'write' });
  assert.equal(session.continue(), 'watchpoint');
  const hitStep = session.timeline.current;
  assert.equal(session.continue(), 'finished');
  assert.equal(session.reverseContinue(), 'watchpoint');
  assert.equal(session.timeline.current, hitStep);
  assert.equal(session.watchHit.op, 'memory.copy');
  assert.equal(session.stepBack(), 'step');
  assert.equal(session.timeline.current, hitStep - 1);
  assert.deepEqual([...instance.memories[1].read(0x120, 4)], [0, 0, 0, 0]);
  assert.throws(() => session.travelTo(session.timeline.last + 1), /outside the recorded history/);
  assert.throws(() => session.travelTo(-1), RangeError);
});
