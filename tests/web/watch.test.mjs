// tests/web/watch.test.mjs: watchpoints of the JS API's debug sessions (web/api.js over
// web/engine_api.cpp) in node: a write watchpoint stops the copy example's run at its memory.copy
// with the bytes before and after; a read watchpoint on the source; a watchpoint on a memory shared
// with another instance fires on that instance's store; bad watchpoints throw a RangeError.
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

const copyExample = fs.readFileSync(path.join(root, 'examples/02-copy-record.wat'), 'utf8');

test('a write watchpoint on memory 1 stops the run after its memory.copy', () => {
  const instance = new mnemo.Instance(new mnemo.Module(copyExample), {}, { debuggable: true });
  const session = instance.debug('run');
  const id = session.addWatchpoint({ memory: 1, address: 0x124, length: 4, on: 'write' });
  assert.equal(session.watchHit, null);
  assert.equal(session.continue(), 'watchpoint');
  const hit = session.watchHit;
  assert.equal(hit.id, id);
  assert.equal(hit.op, 'memory.copy');
  assert.deepEqual(hit.access, { kind: 'write', memory: 1, address: 0x120, size: 16 });
  assert.equal(hit.memory, 1);
  assert.equal(hit.address, 0x124);
  assert.equal(hit.length, 4);
  assert.deepEqual([...hit.oldBytes], [0, 0, 0, 0]);
  assert.equal(new TextDecoder().decode(hit.newBytes), 'Love');
  assert.equal(session.effects.op, 'memory.copy');  // the stop comes after the instruction
  assert.equal(session.removeWatchpoint(id), true);
  assert.equal(session.removeWatchpoint(id), false);
  assert.equal(session.continue(), 'finished');
  assert.equal(session.results, 36);
});

test('a read watchpoint fires on the copy source; none fires on bytes nothing touches', () => {
  const instance = new mnemo.Instance(new mnemo.Module(copyExample), {}, { debuggable: true });
  const session = instance.debug('run');
  session.addWatchpoint({ memory: 1, address: 0x1000, length: 64, on: 'any' });
  session.addWatchpoint({ memory: 0, address: 0x2f, on: 'read' });  // length 1 by default
  assert.equal(session.continue(), 'watchpoint');
  assert.equal(session.watchHit.access.kind, 'read');
  assert.deepEqual([...session.watchHit.oldBytes], [0]);
  assert.equal(session.continue(), 'finished');
});

test('a watchpoint on a shared memory fires on the other instance\'s store', () => {
  const lib = new mnemo.Instance(new mnemo.Module(`(module
    (memory (export "mem") 1)
    (func (export "poke") (param i32) (i32.store (i32.const 8) (local.get 0))))`), {}, { debuggable: true });
  const app = new mnemo.Instance(new mnemo.Module(`(module
    (import "lib" "poke" (func $poke (param i32)))
    (import "lib" "mem" (memory 1))
    (func (export "main") (call $poke (i32.const 258))))`), { lib: lib.exports }, { debuggable: true });
  const session = app.debug('main');
  session.addWatchpoint({ memory: 0, address: 8, length: 2 });
  assert.equal(session.continue(), 'watchpoint');
  assert.equal(session.watchHit.linked, true);  // the store is lib's code
  assert.deepEqual([...session.watchHit.newBytes], [2, 1]);
  assert.equal(session.continue(), 'finished');
});

test('bad watchpoints throw a RangeError that says why', () => {
  const instance = new mnemo.Instance(new mnemo.Module(copyExample), {}, { debuggable: true });
  const session = instance.debug('run');
  assert.throws(() => session.addWatchpoint({ memory: 2, address: 0, length: 4 }),
                e => e instanceof RangeError && e.message === 'no memory 2: the instance has 2 memories');
  assert.throws(() => session.addWatchpoint({ memory: 0, address: 0, length: 0 }), /at least one byte/);
  assert.throws(() => session.addWatchpoint({ memory: 0, address: -1, length: 4 }), RangeError);
  assert.throws(() => session.addWatchpoint({ memory: 0, address: 0, on: 'often' }), /'read', 'write' or 'any'/);
  assert.equal(session.continue(), 'finished');
});
