// tests/web/limits.test.mjs: the store's limits through the JS API, as `mnemo run --fuel N
// --max-memory BYTES` offers them natively: fuel that stops an endless loop and can be refilled,
// a memory budget whose error names the memory, and what a 32-bit host cannot hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '../..');
const require = createRequire(import.meta.url);
const site = path.resolve(root, process.env.MNEMO_WEB_SITE || 'build/web/site');
const createMnemo = require(path.join(site, 'mnemo.js'));
const mnemo = await createMnemo();

const loops = `(module
  (func (export "spin") (loop $l (br $l)))
  (func (export "count") (param i32) (result i32) (local i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br $next)))
    (local.get 1)))`;

test('fuel stops an endless loop with a trap that names itself; the instance stays usable', async () => {
  const { instance } = await mnemo.instantiate(loops, {}, { fuel: 100000 });
  assert.equal(instance.fuel, 100000);
  assert.throws(() => instance.exports.spin(), e => e instanceof mnemo.RuntimeError && /out of fuel/.test(e.message));
  assert.ok(instance.fuel < 10, `left: ${instance.fuel}`);
  instance.setFuel(1000000n);
  assert.equal(instance.exports.count(1000), 1000);
  assert.ok(instance.fuel < 1000000 - 1000 * 9);
});

test('without fuel an instance is not metered', async () => {
  const { instance } = await mnemo.instantiate(loops);
  assert.equal(instance.fuel, null);
  assert.equal(instance.exports.count(10), 10);
});

test('maxMemory is the budget of all memories; past it a RangeError names the memory', () => {
  const m = new mnemo.Module('(module (memory 1) (memory $big 20))');
  assert.throws(() => new mnemo.Instance(m, {}, { maxMemory: 1 << 20 }), e => {
    assert.ok(e instanceof RangeError, String(e));
    assert.match(e.message, /^memory 1: 20 pages: .* over its memory budget of 1 MiB$/);
    return true;
  });
  const ok = new mnemo.Instance(m, {}, { maxMemory: 2 << 20 });
  assert.equal(ok.memories[1].byteLength, 20 * 65536);
  assert.throws(() => new mnemo.Instance(m, {}, { maxMemory: -1 }), TypeError);
});

test('a 4 GiB memory cannot fit in a 32-bit host: a clear error, not a crash', () => {
  const m = new mnemo.Module('(module (memory 65536))');
  assert.throws(() => new mnemo.Instance(m), e => e instanceof RangeError && /memory 0: 65536 pages/.test(e.message));
  const grow = new mnemo.Instance(new mnemo.Module(`(module (memory 1)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`));
  assert.equal(grow.exports.grow(65535), -1);
  assert.equal(grow.exports.grow(1), 1);
});
