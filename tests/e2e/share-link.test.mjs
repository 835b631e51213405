// tests/e2e/share-link.test.mjs: share links and the Source panel's text in the playground
// (headless Chromium). (a) The copy example, edited, with a breakpoint and two watchpoints, is
// shared by the Share menu item and by shareLink(); the link opened in a fresh browser (its own
// profile: no localStorage from the first) restores the text with its comments, the breakpoint
// and the watchpoints, and the run stops where they say. (b) Damaged, truncated and foreign
// links are reported in the Output panel and the page keeps working. (c) The Source panel shows
// an example as written, comments included, and stepping moves the current line over the lines
// where the instructions are written. Screenshots go to build/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { playgroundForFile, launchChromium, artifacts, root } from './serve.mjs';

let page, consoleErrors;

// Where the menu bar's Share item is on the 1400x860 viewport serve.mjs opens: after File,
// Examples and Run, with Dear ImGui's default font (7 px a character) and style (web/ui/app.cpp).
const kShareMenuItem = { x: 182, y: 10 };

playgroundForFile((opened) => ({ page, consoleErrors } = opened));

const copyExample = fs.readFileSync(path.join(root, 'examples/02-copy-record.wat'), 'utf8');
// The example as a learner might have edited it: a comment of their own on top.
const edited = ';; shared from the e2e test: the record copy, with my notes\n' + copyExample;
// A line's code, without its comment.
const code = line => line.split(';;')[0];
const frames = (p, n) => p.evaluate(count => new Promise(resolve => {
  const tick = () => (--count <= 0 ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), n);

test('a share link opened in a fresh browser restores the text, its comments, breakpoints and watchpoints', async () => {
  const setup = await page.evaluate(text => {
    const d = window.mnemo.debugger;
    const loaded = d.load(text, 'my-copy.wat');
    const lines = d.source().split('\n');
    const copyLine = lines.findIndex(l => /\(memory\.copy\b/.test(l.split(';;')[0])) + 1;
    d.toggleBreakpointAtLine(copyLine);
    const write = d.addWatchpoint({ memory: 1, address: 0x120, length: 16, on: 'write' });
    const read = d.addWatchpoint({ memory: 0, address: 0x2c, length: 4, on: 'read' });
    return { loaded, copyLine, ids: [write, read], state: d.state(), watchpoints: d.watchpoints() };
  }, edited);
  assert.equal(setup.loaded.ok, true);
  assert.ok(setup.copyLine > 1);
  assert.equal(setup.state.breakpoints.length, 1);
  assert.equal(setup.state.breakpoints[0].line, setup.copyLine);

  // The Share menu item: the link lands in the address bar and the Output panel says so.
  const before = page.url();
  await page.mouse.click(kShareMenuItem.x, kShareMenuItem.y);
  await page.waitForFunction(() => window.mnemo.debugger.output().some(l => /^share link \(\d+ characters\)/.test(l.text)),
                             null, { timeout: 5000 }).catch(() => assert.fail('the click missed the Share menu item'));
  const viaMenu = page.url();
  assert.notEqual(viaMenu, before);
  assert.match(viaMenu, /#v1\.[A-Za-z0-9_-]+$/);
  // The page API gives the same link.
  const url = await page.evaluate(() => window.mnemo.debugger.shareLink());
  assert.equal(url, viaMenu);
  assert.equal(page.url(), url);
  const fragment = url.slice(url.indexOf('#'));
  assert.ok(fragment.length < edited.length, `a ${fragment.length}-character fragment for ${edited.length} characters of text`);

  const fresh = await launchChromium();
  try {
    const other = fresh.context.pages()[0] || await fresh.context.newPage();
    const errors = [];
    other.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    other.on('pageerror', e => errors.push(String(e)));
    await other.goto(url);
    await other.waitForFunction(() => window.mnemo && window.mnemo.debugger, null, { timeout: 60000 });
    const opened = await other.evaluate(() => window.mnemo.debugger.linkRestored);
    assert.deepEqual(opened, { ok: true, skipped: [] });
    const restored = await other.evaluate(() => {
      const d = window.mnemo.debugger;
      return { source: d.source(), state: d.state(), watchpoints: d.watchpoints(), output: d.output().map(l => l.text) };
    });
    assert.equal(restored.source, edited);  // as written: every comment, the learner's first
    assert.equal(restored.state.module, 'my-copy.wat');
    assert.deepEqual(restored.state.breakpoints, setup.state.breakpoints);
    assert.deepEqual(restored.watchpoints.map(({ id, ...w }) => w), setup.watchpoints.map(({ id, ...w }) => w));
    assert.ok(restored.output.includes('opened a share link: my-copy.wat, 1 breakpoint(s), 2 watchpoint(s)'),
              restored.output.join('\n'));

    // They work there: the run stops at the breakpoint on the copy's line, then at the read
    // watchpoint on the record's age (the copy reads it before it writes memory 1).
    await other.evaluate(() => {
      const d = window.mnemo.debugger;
      d.setSpeed({ animate: false });
      d.call('run', '', false);
    });
    await other.waitForFunction(() => window.mnemo.debugger.state().stopReason === 'breakpoint', null, { timeout: 10000 });
    const atBreakpoint = await other.evaluate(() => window.mnemo.debugger.state().current);
    assert.equal(atBreakpoint.line, setup.copyLine);
    await other.evaluate(() => window.mnemo.debugger.command('continue'));
    await other.waitForFunction(() => window.mnemo.debugger.state().stopReason === 'watchpoint', null, { timeout: 10000 });
    const hit = await other.evaluate(() => window.mnemo.debugger.watchHit());
    assert.equal(hit.op, 'memory.copy');
    assert.equal(hit.kind, 'read');
    assert.equal(hit.memory, 0);
    await frames(other, 4);
    const file = path.join(artifacts, 'share-link-restored.png');
    await other.screenshot({ path: file });
    assert.ok(fs.statSync(file).size > 10000);
    assert.deepEqual(errors, []);
  } finally {
    await fresh.close();
  }
  assert.deepEqual(consoleErrors, []);
});

test('damaged, truncated and foreign links are reported in the Output panel, and the page keeps working', async () => {
  const good = await page.evaluate(() => window.mnemo.debugger.shareLink());
  const base = good.slice(0, good.indexOf('#'));
  const cases = [
    { fragment: '#v1.abc$def', message: /^share link: the link is damaged: '\$' at character 4 is not base64url$/ },
    { fragment: good.slice(good.indexOf('#'), good.indexOf('#') + 40), message: /^share link: the link is (truncated or damaged|damaged)/ },
    { fragment: '#v7.AAAA', message: /^share link: the link is of version 7; this playground reads version 1$/ },
    { fragment: '#chapter-2', message: /^share link: the address's fragment is not a mnemo share link/ },
  ];
  for (const { fragment, message } of cases) {
    await page.goto('about:blank');  // else a change of fragment alone would not reload the page
    await page.goto(base + fragment);
    await page.waitForFunction(() => window.mnemo && window.mnemo.debugger, null, { timeout: 60000 });
    const r = await page.evaluate(() => window.mnemo.debugger.linkRestored);
    assert.equal(r.ok, false, fragment);
    assert.match(r.error, message);
    const s = await page.evaluate(() => ({ output: window.mnemo.debugger.output(), state: window.mnemo.debugger.state() }));
    assert.ok(s.output.some(l => l.kind === 'error' && message.test(l.text)), JSON.stringify(s.output));
    assert.equal(s.state.module, 'my-copy.wat', 'the module stored by the last visit stays loaded');
  }
  // A bad link pasted into the open page's address bar (a fragment change) is reported too.
  await page.evaluate(() => { location.hash = '#v1.%%%'; });
  await page.waitForFunction(() => window.mnemo.debugger.output().some(l => /not base64url/.test(l.text) && /'%'/.test(l.text)),
                             null, { timeout: 5000 });
  // And the page still works: a call runs.
  const result = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    d.loadExample('02-copy-record.wat');
    d.setSpeed({ animate: false });
    d.call('staging_intact', '', false);
    return d.state().inCall;
  });
  if (result) await page.waitForFunction(() => !window.mnemo.debugger.state().inCall, null, { timeout: 10000 });
  const out = await page.evaluate(() => window.mnemo.debugger.output().at(-1).text);
  assert.equal(out, 'staging_intact returned i32:65');
  await frames(page, 4);
  const file = path.join(artifacts, 'share-link-bad.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);
  assert.deepEqual(consoleErrors, []);
});

test('the Source panel shows the example as written, and stepping lights the lines its instructions are on', async () => {
  const r = await page.evaluate(() => {
    const d = window.mnemo.debugger;
    d.loadExample('02-copy-record.wat');
    d.call('run', '', true);
    const lines = d.source().split('\n');
    const visited = [];
    let copyAt = null;
    for (let i = 0; i < 100 && d.state().inCall; ++i) {
      const at = d.state().current;
      visited.push(at.line);
      d.command('stepInto');
      if (/^memory\.copy: /.test(d.state().lastStep)) { copyAt = at; break; }
    }
    return { source: d.source(), lines, visited, copyAt, printed: d.printed() };
  });
  assert.equal(r.source, copyExample);
  assert.notEqual(r.printed, r.source);  // not the printer's text
  const lineOf = re => r.lines.findIndex(l => re.test(code(l))) + 1;
  // The call starts inside `(local.set $dst (call $slot (i32.const 2)))`, runs $slot's body
  // above it, and reaches the copy, whose operands are written on the line under it.
  assert.equal(r.visited[0], lineOf(/\(local\.set \$dst \(call \$slot \(i32\.const 2\)\)\)/));
  assert.ok(r.visited.includes(lineOf(/\(i32\.mul \(local\.get \$n\)/)), JSON.stringify(r.visited));
  assert.ok(r.copyAt, 'the copy did not run');
  assert.equal(r.copyAt.line, lineOf(/\(memory\.copy \$archive \$staging/));
  assert.equal(r.visited.at(-2), lineOf(/\(local\.get \$dst\) \(i32\.const 0x20\) \(global\.get \$record_size\)\)/));
  // No step ever lands on a comment or a blank line.
  for (const line of r.visited) assert.notEqual(code(r.lines[line - 1]).trim(), '', `line ${line}: ${r.lines[line - 1]}`);
  await frames(page, 4);
  const file = path.join(artifacts, 'source-as-written.png');
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);
  assert.deepEqual(consoleErrors, []);
});
