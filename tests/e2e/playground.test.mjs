// tests/e2e/playground.test.mjs: the playground in headless Chromium: it loads with no console
// error and shows the copy example, a malformed file shows an error and the page keeps working,
// the last module survives a reload, stepping reaches the cross-memory memory.copy with both
// ranges highlighted (screenshot mid-copy), traps name the memory, and the page's engine API
// works like WebAssembly's; screenshots are saved to build/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { playgroundForFile, artifacts, root } from './serve.mjs';

let page, consoleErrors;

let playground;
const openPlayground = () => playground.reload();

playgroundForFile((opened) => {
  playground = opened;
  ({ page, consoleErrors } = opened);
});

test('the page loads the debugger with no console error and opens the copy example', async () => {
  const state = await page.evaluate(() => window.mnemo.debugger.state());
  assert.equal(state.module, '02-copy-record.wat');
  assert.equal(state.error, null);
  assert.equal(state.memories.length, 2);
  assert.equal(state.memories[0].name, '$staging');
  assert.equal(state.memories[1].name, '$archive');
  assert.ok(state.exports.includes('run'));
  assert.equal(await page.isVisible('#loading'), false);
  assert.equal(await page.isVisible('#error'), false);
  assert.deepEqual(consoleErrors, []);
});

test('the memory views read the record placed by the data segment', async () => {
  const bytes = await page.evaluate(() => Array.from(window.mnemo.debugger.readMemory(0, 0x20, 16)));
  assert.equal(String.fromCharCode(...bytes.slice(0, 12)), 'Ada Lovelace');
  assert.equal(bytes[12], 36);
  const archive = await page.evaluate(() => Array.from(window.mnemo.debugger.readMemory(1, 0x120, 16)));
  assert.deepEqual(archive, new Array(16).fill(0));
});

test('every example loads from the Examples list', async () => {
  const results = await page.evaluate(() =>
    window.mnemo.debugger.examples().map(e => [e.file, window.mnemo.debugger.loadExample(e.file).ok]));
  assert.ok(results.length >= 6, JSON.stringify(results));
  for (const [file, ok] of results) assert.equal(ok, true, file);
  assert.equal((await page.evaluate(() => window.mnemo.debugger.loadExample('02-copy-record.wat'))).ok, true);
});

test('a screenshot of the debugger is saved', async () => {
  await page.waitForTimeout(300);  // a few frames
  const file = path.join(artifacts, 'playground.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);
});

test('a malformed file shows an error with line:column and the page keeps working', async () => {
  const bad = path.join(artifacts, 'malformed.wat');
  fs.writeFileSync(bad, '(module\n  (memory 1)\n  (func (i32.frobnicate)))\n');
  await page.setInputFiles('#file-input', bad);
  await page.waitForSelector('#toast', { state: 'visible' });
  const toast = await page.textContent('#toast');
  assert.match(toast, /malformed\.wat: .*3:/);
  const state = await page.evaluate(() => window.mnemo.debugger.state());
  assert.match(state.error, /3:/);
  assert.equal(state.module, '02-copy-record.wat');  // the previous module stays loaded
  await page.screenshot({ path: path.join(artifacts, 'playground-malformed.png') });
  // Still working: a good file opens after the bad one.
  await page.setInputFiles('#file-input', path.join(root, 'examples/04-grow-one-memory.wat'));
  await page.waitForFunction(() => window.mnemo.debugger.state().module === '04-grow-one-memory.wat');
  assert.equal((await page.evaluate(() => window.mnemo.debugger.state())).memories.length, 3);
  assert.equal(await page.isVisible('#error'), false);
});

test('the last loaded module survives a reload', async () => {
  await page.evaluate(() => window.mnemo.debugger.load('(module (memory $kept 1) (memory $also 2))', 'kept.wat'));
  await openPlayground();
  const state = await page.evaluate(() => window.mnemo.debugger.state());
  assert.equal(state.module, 'kept.wat');
  assert.deepEqual(state.memories.map(m => m.name), ['$kept', '$also']);
  await page.evaluate(() => window.mnemo.debugger.loadExample('02-copy-record.wat'));
  assert.deepEqual(consoleErrors, []);
});

// Steps the copy example through the page's debugger until the next instruction is memory.copy.
async function stepToCopy() {
  return page.evaluate(() => {
    const d = window.mnemo.debugger;
    d.loadExample('02-copy-record.wat');
    d.call('run', '', true);  // stop before the first instruction
    // The Source panel's lines: the example as written; its code, not its comments, is matched.
    const code = d.source().split('\n').map(l => l.split(';;')[0]);
    for (let i = 0; i < 200; ++i) {
      const at = d.state().current;
      if (!at) return { error: 'the call ended before memory.copy', output: d.output() };
      if (/\bmemory\.copy\b/.test(code[at.line - 1])) return { at, line: code[at.line - 1].trim() };
      d.command('stepInto');
    }
    return { error: 'memory.copy not reached in 200 steps' };
  });
}

test('stepping the copy example to the cross-memory memory.copy moves the record into memory 1', async () => {
  const stop = await stepToCopy();
  assert.equal(stop.error, undefined, JSON.stringify(stop));
  assert.match(stop.line, /memory\.copy \$archive \$staging/);
  const before = await page.evaluate(() => Array.from(window.mnemo.debugger.readMemory(1, 0x120, 16)));
  assert.deepEqual(before, new Array(16).fill(0));

  await page.evaluate(() => window.mnemo.debugger.command('stepInto'));  // execute memory.copy
  const after = await page.evaluate(() => ({
    archive: Array.from(window.mnemo.debugger.readMemory(1, 0x120, 16)),
    staging: Array.from(window.mnemo.debugger.readMemory(0, 0x20, 16)),
    highlights: window.mnemo.debugger.highlights(),
    state: window.mnemo.debugger.state(),
  }));
  assert.equal(String.fromCharCode(...after.archive.slice(0, 12)), 'Ada Lovelace');
  assert.deepEqual(after.archive, after.staging);  // copied byte for byte; the source stays
  assert.deepEqual(after.highlights, [
    { role: 'copySource', memory: 0, address: 0x20, size: 16 },
    { role: 'copyDestination', memory: 1, address: 0x120, size: 16 },
  ]);
  assert.equal(after.state.lastStep,
               'memory.copy: 16 bytes from memory 0 $staging [0x20, 0x30) to memory 1 $archive [0x120, 0x130)');
  assert.equal(after.state.inCall, true);
  assert.equal(after.state.memories[1].live, true);

  // The screen mid-copy: both ranges lit, the arrow between the views (a test artifact).
  await page.waitForTimeout(400);
  const file = path.join(artifacts, 'playground-mid-copy.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);

  // Continue to the end: the call returns the age read back from the archive.
  await page.evaluate(() => window.mnemo.debugger.command('continue'));
  await page.waitForFunction(() => !window.mnemo.debugger.state().inCall, null, { timeout: 10000 });
  const output = await page.evaluate(() => window.mnemo.debugger.output());
  assert.equal(output.at(-1).text, 'run returned i32:36');
  assert.deepEqual(consoleErrors, []);
});

test('a breakpoint set by line stops the run before memory.copy', async () => {
  const r = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    d.loadExample('02-copy-record.wat');
    const code = d.source().split('\n').map(l => l.split(';;')[0]);
    const line = code.findIndex(l => /\(memory\.copy\b/.test(l)) + 1;
    const set = d.toggleBreakpointAtLine(line);
    d.call('run', '', false);
    return { line, set };
  });
  assert.equal(r.set, true);
  await page.waitForFunction(() => !window.mnemo.debugger.state().running, null, { timeout: 10000 });
  const state = await page.evaluate(() => window.mnemo.debugger.state());
  assert.equal(state.current.line, r.line);
  assert.equal(state.breakpoints.length, 1);
  await page.evaluate(() => window.mnemo.debugger.command('stop'));
});

test('a trap in the small memory is reported with memory, address and size', async () => {
  const trap = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    d.loadExample('06-trap-small-memory.wat');
    d.call('load_small', '', false);
    return new Promise(resolve => {
      const poll = () => (d.state().inCall ? setTimeout(poll, 20) : resolve({ trap: d.trap(), highlights: d.highlights() }));
      poll();
    });
  });
  assert.equal(trap.trap.message, 'out of bounds memory access');
  assert.equal(trap.trap.memory, 0);
  assert.equal(trap.trap.address, 0x10000);
  assert.equal(trap.trap.size, 4);
  assert.deepEqual(trap.highlights.at(-1), { role: 'fault', memory: 0, address: 0x10000, size: 4 });
  await page.screenshot({ path: path.join(artifacts, 'playground-trap.png') });
});

test('the page\'s engine API instantiates and steps a module like WebAssembly\'s JS API', async () => {
  const r = await page.evaluate(() => {
    const { Module, Instance, CompileError } = window.mnemo;
    let compileError = null;
    try { new Module('(module\n  (func (i32.nope)))'); } catch (e) { compileError = { isCompileError: e instanceof CompileError, line: e.line }; }
    const printed = [];
    const instance = new Instance(new Module(`(module
      (import "env" "print" (func $print (param i32)))
      (memory $a 1) (memory $b 1)
      (data (memory $b) (i32.const 4) "mnemo")
      (func (export "run") (result i32)
        (memory.copy $a $b (i32.const 0) (i32.const 4) (i32.const 5))
        (call $print (i32.load8_u $a (i32.const 0)))
        (i32.load8_u $a (i32.const 4))))`), { env: { print: x => printed.push(x) } }, { debuggable: true });
    const session = instance.debug('run');
    while (session.effects.op !== 'memory.copy' && session.stepInto() === 'step') {}
    const accesses = session.accesses;
    const reason = session.continue();
    return { compileError, accesses, reason, result: session.results, printed,
             bytes: Array.from(instance.memories[0].read(0, 5)) };
  });
  assert.deepEqual(r.compileError, { isCompileError: true, line: 2 });
  assert.deepEqual(r.accesses, [{ kind: 'read', memory: 1, address: 4, size: 5 }, { kind: 'write', memory: 0, address: 0, size: 5 }]);
  assert.equal(r.reason, 'finished');
  assert.equal(r.result, 'o'.charCodeAt(0));
  assert.deepEqual(r.printed, ['m'.charCodeAt(0)]);
  assert.equal(String.fromCharCode(...r.bytes), 'mnemo');
});
