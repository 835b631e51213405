// tests/e2e/native-debugger.test.mjs: the native mnemo-debugger starts under Xvfb, opens the copy
// example stopped just after its cross-memory memory.copy, and saves a screenshot of its window to
// build/artifacts/native-debugger.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, artifacts } from './serve.mjs';

const binary = process.env.MNEMO_DEBUGGER ||
  [path.join(root, 'build/native/web/ui/native/mnemo-debugger'), path.join(root, 'build/dev-ui/web/ui/native/mnemo-debugger')]
    .find(p => fs.existsSync(p));

test('mnemo-debugger draws the copy example mid-copy under Xvfb and saves a screenshot', () => {
  assert.ok(binary, 'mnemo-debugger is not built (build/native/web/ui/native/mnemo-debugger)');
  fs.mkdirSync(artifacts, { recursive: true });
  const png = path.join(artifacts, 'native-debugger.png');
  fs.rmSync(png, { force: true });
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1400x860x24', binary,
                                   path.join(root, 'examples/02-copy-record.wat'), '--call', 'run', '--until', 'memory.copy',
                                   '--screenshot', png, '--frames', '8'],
                      { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const bytes = fs.readFileSync(png);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(bytes.readUInt32BE(16), 1400);  // IHDR width
  assert.equal(bytes.readUInt32BE(20), 860);   // IHDR height
});

test('mnemo-debugger says so when --until names no instruction', () => {
  assert.ok(binary);
  const r = spawnSync('xvfb-run', ['-a', binary, '--example', '02-copy-record.wat', '--call', 'run', '--until', 'memory.frob',
                                   '--screenshot', path.join(artifacts, 'unused.png')], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--until memory\.frob: no such instruction/);
});

test('mnemo-debugger exits with an error for a missing file argument value', () => {
  assert.ok(binary);
  const r = spawnSync(binary, ['--size', 'big'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: mnemo-debugger/);
});
