// tests/e2e/playground.test.mjs: the playground in headless Chromium: it loads with no console
// error and shows the copy example, a malformed file shows an error and the page keeps working,
// the last module survives a reload, and a screenshot is saved to build/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launchChromium, artifacts, root } from './serve.mjs';

let server, browser, page;
const consoleErrors = [];

async function openPlayground() {
  await page.goto(server.url);
  await page.waitForFunction(() => window.mnemo && window.mnemo.debugger, null, { timeout: 60000 });
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = await serve();
  browser = await launchChromium();
  page = browser.context.pages()[0] || await browser.context.newPage();
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));
  await openPlayground();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
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

test('without the interpreter a call says so in the output instead of failing silently', async (t) => {
  const state = await page.evaluate(() => window.mnemo.debugger.state());
  if (state.interpreter) return t.skip('the interpreter is linked: see the stepping test');
  await page.evaluate(() => window.mnemo.debugger.call('run', '', true));
  const output = await page.evaluate(() => window.mnemo.debugger.output());
  assert.match(output.at(-1).text, /needs the interpreter/);
  assert.equal(output.at(-1).kind, 'error');
});
