// tests/web/engine.test.mjs: the engine compiled with Emscripten, loaded in node the way the page
// loads it, validating and converting multi-memory modules through its JS API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const createMnemo = require(path.resolve(here, '../..', process.env.MNEMO_WEB_SITE || 'build/web/site', 'mnemo.js'));
const mnemo = await createMnemo();

const twoMemories = `(module
  (memory $a 1) (memory $b 1 2)
  (data $b (i32.const 0) "hi")
  (func (export "copy") (memory.copy $a $b (i32.const 0) (i32.const 0) (i32.const 2))))`;

test('a text module with two memories validates', () => {
  assert.deepEqual(mnemo.validate(twoMemories), { valid: true });
});

test('watToWasm gives bytes that validate again as binary', () => {
  const r = mnemo.watToWasm(twoMemories);
  assert.equal(r.valid, true);
  assert.deepEqual(Array.from(r.bytes.slice(0, 4)), [0x00, 0x61, 0x73, 0x6d]);
  assert.deepEqual(mnemo.validate(r.bytes), { valid: true });
});

test('a memory index out of range is invalid and the error names it', () => {
  const r = mnemo.validate('(module (memory 1) (func (drop (i32.load 1 (i32.const 0)))))');
  assert.equal(r.valid, false);
  assert.match(r.message, /unknown memory/);
  assert.match(r.where, /line 1:/);
});

test('malformed text reports line:column', () => {
  const r = mnemo.validate('(module\n  (func (i32.foo)))');
  assert.equal(r.valid, false);
  assert.match(r.error, /2:/);
});

test('print turns binary back into text naming both memories', () => {
  const bytes = mnemo.watToWasm(twoMemories).bytes;
  const r = mnemo.print(bytes);
  assert.equal(r.valid, true);
  assert.match(r.text, /memory\.copy 0 1/);
});
