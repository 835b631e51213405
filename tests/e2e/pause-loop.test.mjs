// tests/e2e/pause-loop.test.mjs: a call that never returns, run at full speed in the playground
// (headless Chromium), leaves the page responsive (animation frames keep coming, the page answers,
// the canvas keeps changing), and Pause stops it where a user presses it: the F6 key, the Controls
// panel's button clicked on the canvas, and the page's debugger API. Paused, the call sits at an
// instruction inside the loop, stays still, steps one instruction, continues and stops. A loop of
// 64 KiB copies between two memories, whose instructions cost far more, stays responsive too.
// Screenshots are saved to build/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { playgroundForFile, artifacts } from './serve.mjs';

let page, consoleErrors;

// Where the Controls panel's widgets are on the 1400x860 viewport serve.mjs opens: the layout of
// web/ui/app.cpp (Controls is the lower left panel, from 62% of the height under the menu bar)
// with Dear ImGui's default style and font; Pause keeps its place while a call runs
// (web/ui/panel_controls.cpp). A click that misses fails the checks that follow it.
const kPauseButton = { x: 151, y: 577 };    // first row: Continue, Pause, Step over, Step into
const kAnimateCheckbox = { x: 17, y: 677 }; // under the export row and Call / Debug

// Responsiveness as a user sees it. The bounds are loose: on a loaded 2-core machine, software
// WebGL (SwiftShader) already takes 60-190 ms a frame with nothing running; a frozen page misses
// them by seconds.
const kMaxRoundTripMs = 1000;  // a page.evaluate from node and back
const kMinFrameRatio = 0.3;    // animation frames a second while running / while idle
const kMaxFrameGapMs = 1000;   // the longest time between two frames while running
const kMaxPauseMs = 1500;      // from releasing F6 or the button to the call being paused

playgroundForFile((opened) => ({ page, consoleErrors } = opened));

const state = () => page.evaluate(() => window.mnemo.debugger.state());
const command = name => page.evaluate(n => window.mnemo.debugger.command(n), name);
const lastOutput = () => page.evaluate(() => window.mnemo.debugger.output().at(-1).text);
// A little-endian u32 of a live memory (the loops' counters).
const readU32 = (memory, address) => page.evaluate(([m, a]) =>
  new DataView(window.mnemo.debugger.readMemory(m, a, 4).buffer).getUint32(0, true), [memory, address]);

// Waits for `n` animation frames of the page: the playground draws in the same frames.
const frames = n => page.evaluate(count => new Promise(resolve => {
  const tick = () => (--count <= 0 ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), n);

// Animation frames the page gets in `ms` of its own time, and the longest gap between two.
const frameRate = ms => page.evaluate(duration => new Promise(resolve => {
  const start = performance.now();
  let last = start, count = 0, longest = 0;
  const tick = now => {
    longest = Math.max(longest, now - last);
    last = now;
    ++count;
    if (now - start < duration) requestAnimationFrame(tick);
    else resolve({ perSecond: count * 1000 / (now - start), longestGapMs: Math.round(longest) });
  };
  requestAnimationFrame(tick);
}), ms);

// The slowest of `n` round trips node -> page -> node, in ms.
async function slowestRoundTrip(n) {
  let slowest = 0;
  for (let i = 0; i < n; ++i) {
    const t0 = performance.now();
    await page.evaluate(() => 0);
    slowest = Math.max(slowest, performance.now() - t0);
  }
  return Math.round(slowest);
}

// A key pressed as a person does: held down across at least one frame. Dear ImGui 1.86 reads
// keys as "down at the start of a frame", so a press and release between two frames is unseen.
async function pressKey(key) {
  await page.keyboard.down(key);
  await frames(2);
  await page.keyboard.up(key);
}

// Clicks the "animate" checkbox once: the calls below run at full speed from then on (the
// setting belongs to the page, not to the loaded module).
let fullSpeed = false;
async function runAtFullSpeed() {
  if (fullSpeed) return;
  await page.mouse.click(kAnimateCheckbox.x, kAnimateCheckbox.y);
  await frames(2);
  assert.equal((await state()).animate, false, 'the click missed the "animate" checkbox');
  fullSpeed = true;
}

// What a user notices while the call runs: frames keep coming, the page answers, the picture
// changes. Returns the figures for the test's diagnostics.
async function assertResponsive(idle, label) {
  const running = await frameRate(1500);
  const roundTrip = await slowestRoundTrip(10);
  const shot0 = await page.screenshot();
  await frames(3);
  const shot1 = await page.screenshot();
  const figures = { label, idle, running, slowestRoundTripMs: roundTrip };
  console.log(JSON.stringify(figures));
  assert.ok(running.perSecond >= idle.perSecond * kMinFrameRatio, `frames starve while running: ${JSON.stringify(figures)}`);
  assert.ok(running.longestGapMs < kMaxFrameGapMs, `the page stalls while running: ${JSON.stringify(figures)}`);
  assert.ok(roundTrip < kMaxRoundTripMs, `the page answers slowly while running: ${JSON.stringify(figures)}`);
  assert.ok(!shot0.equals(shot1), 'the canvas does not change while the call runs');
  assert.equal((await state()).running, true, 'the call stopped by itself');
  return figures;
}

// The lines of the loop in the example as written (the Source panel's lines, which state()'s
// lines number): `spin`'s loop body and `$round`, which the loop calls.
function loopLines(source) {
  const lines = source.split('\n');
  const code = lines.map(l => l.split(';;')[0]);
  const find = (from, re) => code.findIndex((l, i) => i >= from && re.test(l));
  const round = find(0, /^\s*\(func \$round\b/);
  const spin = find(0, /^\s*\(func \$spin\b/);
  const loop = find(spin, /^\s*\(loop \$forever\b/);
  const br = find(loop, /\(br \$forever\)/);
  const roundEnd = find(round, /^\s*\(local\.get \$count\)\)\s*$/);
  assert.ok(round >= 0 && spin > round && loop > spin && br > loop && roundEnd > round && roundEnd < spin, source);
  // First and last line, 1-based like state().current.line: the `(loop` line to the `(br` line
  // (a br back lands on the loop's first instruction; the loop's end is never reached), and all
  // of `$round` (its last line holds its return, the function's closing parenthesis).
  return { loop: [loop + 1, br + 1], round: [round + 1, roundEnd + 1], lines };
}

// The call is paused at an instruction inside the loop: in `spin` between `loop` and `end`, or
// in `$round` (function 0); and it stays there while frames go by.
async function assertPausedInLoop(where, how) {
  const s = await state();
  assert.equal(s.inCall, true, how);
  assert.equal(s.running, false, how);
  assert.ok(s.current && s.current.line, `${how}: no current instruction`);
  const { line, func } = s.current;
  const within = ([first, last]) => line >= first && line <= last;
  const inSpin = func === 1 && within(where.loop);
  const inRound = func === 0 && within(where.round);
  assert.ok(inSpin || inRound, `${how}: paused at ${JSON.stringify(s.current)}: ${where.lines[line - 1]}`);
  // The call stack, outermost first: (inside $round) spin's call, then the paused instruction.
  assert.equal(s.callStack.length, inRound ? 2 : 1, `${how}: call stack ${JSON.stringify(s.callStack)}`);
  assert.deepEqual(s.callStack.at(-1), s.current, `${how}: the innermost frame is not where the call stands`);
  if (inRound) {
    const caller = s.callStack[0];
    assert.ok(caller.func === 1 && caller.line >= where.loop[0] && caller.line <= where.loop[1],
              `${how}: $round called from outside the loop: ${JSON.stringify(caller)}`);
  }
  assert.equal(await lastOutput(), 'paused', how);
  const count = await readU32(1, 0);
  await frames(5);
  assert.equal(await readU32(1, 0), count, `${how}: the loop goes on after Pause`);
  assert.ok((await slowestRoundTrip(5)) < kMaxRoundTripMs, `${how}: the page answers slowly once paused`);
  return s.current;
}

// Waits until the call is no longer running; returns how long that took.
async function waitUntilPaused(how) {
  const t0 = performance.now();
  await page.waitForFunction(() => !window.mnemo.debugger.state().running, null, { timeout: 10000 })
    .catch(() => assert.fail(`${how} did not pause the running call`));
  return Math.round(performance.now() - t0);
}

test('Pause stops the example\'s endless loop at full speed, and the page stays responsive', async () => {
  const loaded = await page.evaluate(() => window.mnemo.debugger.loadExample('08-pause-a-loop.wat'));
  assert.equal(loaded.ok, true, JSON.stringify(loaded));
  const where = loopLines(await page.evaluate(() => window.mnemo.debugger.source()));
  const idle = await frameRate(1500);

  await runAtFullSpeed();
  await page.evaluate(() => window.mnemo.debugger.call('spin', '', false));
  const count0 = await readU32(1, 0);
  const t0 = performance.now();
  await assertResponsive(idle, 'spin');
  const count1 = await readU32(1, 0);
  // Full speed, not animated: one instruction a frame would make a round (about 24 instructions) in
  // over a second; at full speed thousands go by.
  const roundsPerSecond = (count1 - count0) * 1000 / (performance.now() - t0);
  console.log(JSON.stringify({ roundsPerSecond: Math.round(roundsPerSecond) }));
  assert.ok(roundsPerSecond > 1000, `the loop runs at ${roundsPerSecond} rounds a second`);
  const ring = await page.evaluate(() => String.fromCharCode(...window.mnemo.debugger.readMemory(1, 16, 12)));
  assert.equal(ring, 'mnemo mnemo ');

  // F6, as a user presses it.
  await pressKey('F6');
  const f6Ms = await waitUntilPaused('F6');
  const atF6 = await assertPausedInLoop(where, 'F6');
  await page.screenshot({ path: path.join(artifacts, 'playground-paused-loop.png') });

  // Paused, one step moves exactly one instruction on (the first step after a pause counts).
  const serial = (await state()).stepSerial;
  await command('stepInto');
  const stepped = await state();
  assert.notDeepEqual(stepped.current, atF6, 'the first step after Pause did not move');
  assert.ok(stepped.stepSerial > serial);
  assert.equal(stepped.running, false);

  // Continue (F5) runs on; Pause on the canvas stops it again.
  const countPaused = await readU32(1, 0);
  await pressKey('F5');
  await page.waitForFunction(() => window.mnemo.debugger.state().running, null, { timeout: 10000 });
  await frames(3);
  assert.ok((await readU32(1, 0)) > countPaused, 'Continue did not run the loop on');
  await page.mouse.click(kPauseButton.x, kPauseButton.y);
  const clickMs = await waitUntilPaused('the Pause button');
  await assertPausedInLoop(where, 'the Pause button');

  // Through the page's API: continue, then pause.
  assert.equal(await command('continue'), true);
  assert.equal((await state()).running, true);
  await frames(3);
  assert.equal(await command('pause'), true);
  await assertPausedInLoop(where, 'command("pause")');
  console.log(JSON.stringify({ pauseAfterF6Ms: f6Ms, pauseAfterClickMs: clickMs }));
  assert.ok(f6Ms < kMaxPauseMs && clickMs < kMaxPauseMs, `Pause took ${f6Ms} ms (F6), ${clickMs} ms (click)`);

  // Stop abandons the call; the memories keep what the rounds wrote.
  const countStopped = await readU32(1, 0);
  assert.equal(await command('stop'), true);
  const stopped = await state();
  assert.equal(stopped.inCall, false);
  assert.equal(await lastOutput(), 'call abandoned');
  assert.equal(await readU32(1, 0), countStopped);
  assert.deepEqual(consoleErrors, []);
});

test('a loop of 64 KiB copies between two memories at full speed leaves the page responsive and pausable', async () => {
  // Each memory.copy moves a whole page, thousands of times the work of an i32.add: a frame that
  // counted instructions instead of time would run for seconds.
  const wat = `(module
  (memory $from 1)
  (memory $to 1)
  (func $copy_forever (export "copy_forever")
    (loop $again
      (memory.copy $to $from (i32.const 0) (i32.const 0) (i32.const 65536))
      ;; count the copies in the last word of $from (the next copy carries it over)
      (i32.store $from (i32.const 65532) (i32.add (i32.load $from (i32.const 65532)) (i32.const 1)))
      (br $again))))`;
  const loaded = await page.evaluate(text => window.mnemo.debugger.load(text, 'copy-forever.wat'), wat);
  assert.equal(loaded.ok, true, JSON.stringify(loaded));
  const idle = await frameRate(1500);
  await runAtFullSpeed();
  await page.evaluate(() => window.mnemo.debugger.call('copy_forever', '', false));
  await assertResponsive(idle, 'copy_forever');

  await pressKey('F6');
  const pausedMs = await waitUntilPaused('F6');
  const s = await state();
  assert.equal(s.inCall, true);
  assert.equal(s.current.func, 0);
  assert.equal(await lastOutput(), 'paused');
  const copies = await readU32(0, 65532);
  console.log(JSON.stringify({ copies, pauseAfterF6Ms: pausedMs }));
  assert.ok(pausedMs < kMaxPauseMs, `Pause took ${pausedMs} ms`);
  assert.ok(copies > 100, `only ${copies} copies`);
  // Memory 1's last word is the count its last copy carried: the count now, or one less when
  // the pause came between that copy and the store that counted it.
  assert.ok([copies, copies - 1].includes(await readU32(1, 65532)));
  await frames(5);
  assert.equal(await readU32(0, 65532), copies, 'the loop goes on after Pause');
  await page.screenshot({ path: path.join(artifacts, 'playground-paused-copy-loop.png') });
  assert.equal(await command('stop'), true);
  assert.equal((await state()).inCall, false);
  assert.deepEqual(consoleErrors, []);
});
