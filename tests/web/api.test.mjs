// tests/web/api.test.mjs: the engine's JS API (web/api.js over web/engine_api.cpp) in node:
// compile errors with line:column, instantiation with JS imports and with a memory shared by two
// instances, calls with i32/i64/f64 values, traps that name the memory, and debug sessions that
// step to a cross-memory memory.copy and report its source and destination.
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

test('new Module() throws a CompileError with line and column', () => {
  assert.throws(() => new mnemo.Module('(module\n  (func (i32.frobnicate)))'), e => {
    assert.ok(e instanceof mnemo.CompileError);
    assert.equal(e.line, 2);
    assert.ok(e.column > 0);
    return true;
  });
  assert.throws(() => new mnemo.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])), mnemo.CompileError);
  assert.throws(() => new mnemo.Module('(module (memory 1) (func (drop (i32.load 1 (i32.const 0)))))'), /unknown memory/);
});

test('Module.imports and Module.exports list a module\'s interface', () => {
  const m = new mnemo.Module('(module (import "env" "f" (func (param i32))) (memory (export "m") 1) (func (export "g")))');
  assert.deepEqual(mnemo.Module.imports(m), [{ module: 'env', name: 'f', kind: 'func' }]);
  assert.deepEqual(mnemo.Module.exports(m), [{ name: 'm', kind: 'memory' }, { name: 'g', kind: 'func' }]);
});

test('exports are called with JS values: i32, i64 as BigInt, f64, several results', async () => {
  const { instance } = await mnemo.instantiate(`(module
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
    (func (export "half") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))
    (func (export "pair") (result i32 f32) (i32.const -1) (f32.const 1.5)))`);
  assert.equal(instance.exports.add(2, 40), 42);
  assert.equal(instance.exports.add(0x7fffffff, 1), -0x80000000);
  assert.equal(instance.exports.mul64(1n << 40n, 1000n), (1n << 40n) * 1000n);
  assert.equal(instance.exports.half(5), 2.5);
  assert.deepEqual(instance.exports.pair(), [-1, 1.5]);
});

test('a JS function import is called with the arguments and its result flows back', () => {
  const seen = [];
  const m = new mnemo.Module(`(module
    (import "env" "log" (func $log (param i32 f64) (result i32)))
    (func (export "run") (result i32) (call $log (i32.const 7) (f64.const 0.25))))`);
  const instance = new mnemo.Instance(m, { env: { log: (a, b) => { seen.push([a, b]); return a * 2; } } });
  assert.equal(instance.exports.run(), 14);
  assert.deepEqual(seen, [[7, 0.25]]);
});

test('an exception thrown by an import becomes a trap', () => {
  const m = new mnemo.Module('(module (import "env" "fail" (func)) (func (export "run") (call 0)))');
  const instance = new mnemo.Instance(m, { env: { fail: () => { throw new Error('no thanks'); } } });
  assert.throws(() => instance.exports.run(), e => e instanceof mnemo.RuntimeError && /no thanks/.test(e.message));
});

test('a missing import is a LinkError', () => {
  const m = new mnemo.Module('(module (import "env" "mem" (memory 1)))');
  assert.throws(() => new mnemo.Instance(m, {}), mnemo.LinkError);
  assert.throws(() => new mnemo.Instance(m, { env: { mem: new mnemo.Memory({ initial: 0 }) } }), /incompatible import type/);
});

test('a memory imported by two instances is the same memory', () => {
  const provider = new mnemo.Instance(new mnemo.Module('(module (memory (export "mem") 1))'));
  const writer = new mnemo.Instance(new mnemo.Module(`(module
    (import "shared" "mem" (memory 1)) (memory $own 1)
    (func (export "write") (param i32) (i32.store (i32.const 0) (local.get 0))))`), { shared: provider.exports });
  const reader = new mnemo.Instance(new mnemo.Module(`(module
    (import "shared" "mem" (memory 1))
    (func (export "read") (result i32) (i32.load (i32.const 0))))`), { shared: { mem: provider.exports.mem } });
  writer.exports.write(1234);
  assert.equal(reader.exports.read(), 1234);
  assert.deepEqual(Array.from(provider.exports.mem.read(0, 2)), [1234 & 0xff, 1234 >> 8]);
  assert.equal(writer.memories.length, 2);
  assert.equal(writer.memories[0].byteLength, 65536);
});

test('memories are read, written and grown from JS; growth past the maximum is a RangeError', () => {
  const { instance } = { instance: new mnemo.Instance(new mnemo.Module(`(module
    (memory $a 1) (memory $b (export "b") 1 2)
    (func (export "peek") (result i32) (i32.load8_u $b (i32.const 70000))))`)) };
  const b = instance.exports.b;
  assert.equal(b.grow(1), 1);
  assert.equal(b.pages, 2);
  assert.throws(() => b.grow(1), RangeError);
  b.write(70000, [99]);
  assert.equal(instance.exports.peek(), 99);
  assert.equal(instance.memories[0].pages, 1);  // memory 0 is untouched
  assert.throws(() => instance.memories[0].read(65535, 2), RangeError);
});

test('a trap names the memory, address and size that faulted', () => {
  const text = fs.readFileSync(path.join(root, 'examples/06-trap-small-memory.wat'), 'utf8');
  const instance = new mnemo.Instance(new mnemo.Module(text));
  assert.equal(instance.exports.store_large(), 99);
  assert.throws(() => instance.exports.load_small(), e => {
    assert.ok(e instanceof mnemo.RuntimeError);
    assert.equal(e.message, 'out of bounds memory access');
    assert.equal(e.trap.memory, 0);
    assert.equal(e.trap.address, 0x10000);
    assert.equal(e.trap.size, 4);
    return true;
  });
});

test('a debug session steps to the cross-memory memory.copy and reports both ranges', () => {
  const text = fs.readFileSync(path.join(root, 'examples/02-copy-record.wat'), 'utf8');
  const instance = new mnemo.Instance(new mnemo.Module(text), {}, { debuggable: true });
  const session = instance.debug('run');
  let steps = 0;
  while (session.effects.op !== 'memory.copy') {
    assert.equal(session.stepInto(), 'step');
    assert.ok(++steps < 100, 'memory.copy never executed');
  }
  const [read, write] = session.accesses;
  assert.deepEqual(read, { kind: 'read', memory: 0, address: 0x20, size: 16 });
  assert.deepEqual(write, { kind: 'write', memory: 1, address: 0x120, size: 16 });
  assert.equal(new TextDecoder().decode(instance.memories[1].read(0x120, 12)), 'Ada Lovelace');
  assert.equal(session.continue(), 'finished');
  assert.equal(session.results, 36);
});

test('a breakpoint stops a debug session before the instruction', () => {
  const instance = new mnemo.Instance(new mnemo.Module(`(module (memory 1)
    (func (export "f") (param i32) (result i32)
      (i32.store (i32.const 8) (local.get 0))      ;; 0 1 2
      (i32.load (i32.const 8))))`), {}, { debuggable: true });
  const session = instance.debug('f', 5);
  session.setBreakpoint({ func: 0, instr: 3 });
  assert.equal(session.continue(), 'breakpoint');
  assert.deepEqual(session.location, { func: 0, instr: 3 });
  assert.deepEqual(session.callStack[0].locals, [5]);
  assert.equal(session.stepInto(), 'step');
  assert.deepEqual(session.callStack[0].operands, [8]);  // typed: an i32, not a raw slot
  assert.equal(session.stepInto(), 'step');
  assert.deepEqual(session.accesses, [{ kind: 'read', memory: 0, address: 8, size: 4 }]);
  assert.equal(session.continue(), 'finished');
  assert.equal(session.results, 5);
});

// Under Emscripten the interpreter returns to vm::call every 2^20 instructions so that V8's
// optimized code takes over (core/vm/interp_loop.h, MNEMO_VM_SLICES): a call this long re-enters it
// many times, inside a nested call, with values on the operand stack and in memory 1.
test('a call of many million instructions resumes exactly where each slice left off', async () => {
  const { instance } = await mnemo.instantiate(`(module
    (memory 1) (memory $acc 1)
    (func $step (param $i i32) (param $sum i64) (result i64)
      (i64.store $acc (i32.const 8) (i64.add (i64.load $acc (i32.const 8)) (i64.extend_i32_u (local.get $i))))
      (i64.add (local.get $sum) (i64.extend_i32_u (local.get $i))))
    (func (export "sum") (param $n i32) (result i64 i64)
      (local $i i32) (local $sum i64)
      (loop $next
        (local.set $sum (call $step (local.get $i) (local.get $sum)))
        (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $sum)
      (i64.load $acc (i32.const 8))))`);
  const n = 3_000_000;  // about 20 instructions each: some 60 million, 57 slices
  const expected = BigInt(n) * BigInt(n - 1) / 2n;
  assert.deepEqual(instance.exports.sum(n), [expected, expected]);
});
