// tests/web/examples.test.mjs: every program in examples/ is valid (through the web build's JS
// API and through `mnemo validate`), and its `;; expect:` lines hold when run by `mnemo wast`:
// each .wat becomes a script (the module, then its expectations) under build/artifacts/examples/.
// Every expectation must pass (none skipped, none failed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '../..');
const require = createRequire(import.meta.url);
const createMnemo = require(path.resolve(root, process.env.MNEMO_WEB_SITE || 'build/web/site', 'mnemo.js'));
const mnemo = await createMnemo();
const cli = process.env.MNEMO_CLI || path.join(root, 'build/native/mnemo');
const examplesDir = path.join(root, 'examples');
const outDir = path.join(root, 'build/artifacts/examples');
fs.mkdirSync(outDir, { recursive: true });

const watFiles = fs.readdirSync(examplesDir).filter(f => f.endsWith('.wat')).sort();
const wastFiles = fs.readdirSync(examplesDir).filter(f => f.endsWith('.wast')).sort();

// "N passed, N failed, N skipped" from the last line of `mnemo wast`.
function runWast(file) {
  const r = spawnSync(cli, ['wast', '-v', file], { encoding: 'utf8' });
  const m = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(r.stdout);
  assert.ok(m, `no counts from mnemo wast ${file}:\n${r.stdout}${r.stderr}`);
  return { passed: +m[1], failed: +m[2], skipped: +m[3], output: r.stdout + r.stderr, status: r.status };
}

test('there are at least six examples, each with a header and an export', () => {
  assert.ok(watFiles.length + wastFiles.length >= 6, `only ${watFiles.length + wastFiles.length} examples`);
  for (const f of [...watFiles, ...wastFiles]) {
    const text = fs.readFileSync(path.join(examplesDir, f), 'utf8');
    assert.match(text, new RegExp('^;; ' + f.replace('.', '\\.') + ': '), `${f} opens with its header`);
    assert.match(text, /\(export "/, `${f} exports something to run`);
  }
});

for (const f of watFiles) {
  const file = path.join(examplesDir, f);
  const text = fs.readFileSync(file, 'utf8');
  const expects = [...text.matchAll(/^;; expect: (.*)$/gm)].map(m => m[1]);

  test(`${f} is valid (web build and mnemo validate)`, () => {
    assert.deepEqual(mnemo.validate(text), { valid: true });
    assert.equal(execFileSync(cli, ['validate', file], { encoding: 'utf8' }).trim(), 'valid');
  });

  test(`${f} states its expected results and none fails`, () => {
    assert.ok(expects.length > 0, 'no ";; expect:" line');
    const script = path.join(outDir, f.replace(/\.wat$/, '.wast'));
    fs.writeFileSync(script, text + '\n' + expects.join('\n') + '\n');
    const r = runWast(script);
    assert.equal(r.failed, 0, r.output);
    assert.equal(r.skipped, 0, r.output);
    assert.equal(r.passed, expects.length + 1, r.output);  // the module itself, then each expectation
    assert.equal(r.status, 0, r.output);
  });
}

for (const f of wastFiles) {
  test(`${f} runs as a script with no failure`, () => {
    const r = runWast(path.join(examplesDir, f));
    assert.equal(r.failed, 0, r.output);
    assert.ok(r.passed >= 1, r.output);
  });
}
