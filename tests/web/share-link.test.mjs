// tests/web/share-link.test.mjs: the share link's fragment (web/share_link.js) in node, which has
// the page's CompressionStream: a session (the copy example as written, breakpoints, watchpoints)
// survives encode and decode; the fragment is `v1.` then base64url, much smaller than the text;
// every kind of bad fragment (another version, a foreign fragment, a character base64url lacks,
// a truncated or corrupted payload, JSON that is not a session) is refused with a message that
// says which, and never with anything but a ShareLinkError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '../..');
const require = createRequire(import.meta.url);
const { encode, decode, ShareLinkError, VERSION } = require(path.join(root, 'web/share_link.js'));

const copyExample = fs.readFileSync(path.join(root, 'examples/02-copy-record.wat'), 'utf8');
const session = {
  name: '02-copy-record.wat',
  text: copyExample,
  breakpoints: [{ func: 2, instr: 5 }, { func: 1, instr: 0 }],
  watchpoints: [{ memory: 1, address: 0x120, length: 16, on: 'write' }, { memory: 0, address: 0x20, length: 4, on: 'any' }],
};

// Rejects with a ShareLinkError whose message matches `re`.
async function refused(fragment, re) {
  await assert.rejects(decode(fragment), e => {
    assert.ok(e instanceof ShareLinkError, `${e.name}: ${e.message}`);
    assert.match(e.message, re);
    return true;
  });
}

// The same bytes as a fragment's base64url.
const payload = bytes => Buffer.from(bytes).toString('base64url');
// (Node runs these tests with --no-experimental-fetch: no Response to read a stream with.)
const deflate = async text => {
  const reader = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw')).getReader();
  const chunks = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return new Uint8Array(Buffer.concat(chunks));
};

test('a session survives the link: text with its comments, breakpoints, watchpoints', async () => {
  const fragment = await encode(session);
  assert.equal(VERSION, 1);
  assert.match(fragment, /^v1\.[A-Za-z0-9_-]+$/);
  assert.ok(fragment.length < copyExample.length, `${fragment.length} characters for ${copyExample.length}`);
  const back = await decode('#' + fragment);
  assert.deepEqual(back, session);
  assert.match(back.text, /;; memory.copy <dst memory> <src memory>/);
  assert.deepEqual(await decode(fragment), session);  // with or without the '#'
  // Text beyond ASCII and an empty list survive too.
  const other = { name: 'ünï.wat', text: '(module) ;; ✓ ünïcödé', breakpoints: [], watchpoints: [] };
  assert.deepEqual(await decode(await encode(other)), other);
});

test('an empty fragment is no link', async () => {
  assert.equal(await decode(''), null);
  assert.equal(await decode('#'), null);
});

test('bad fragments are refused with what is wrong', async () => {
  const good = await encode(session);
  await refused('#v2.' + good.slice(3), /version 2; this playground reads version 1/);
  await refused('#section-3', /not a mnemo share link/);
  await refused('#v1.', /truncated: it holds no data/);
  await refused('#v1.abc$def', /'\$' at character 4 is not base64url/);
  await refused('#v1.' + good.slice(3, 3 + 5), /truncated: its base64url ends in the middle of a byte/);
  // Cut anywhere in its payload, the link does not inflate (or inflates to no JSON).
  for (const cut of [8, good.length >> 1, good.length - 3]) await refused(good.slice(0, cut), /truncated|damaged/);
  await refused('#v1.' + payload([0xff, 0xfe, 0xfd, 0x00, 0x13]), /truncated or damaged: its data does not inflate/);
  await refused('#v1.' + payload(await deflate('not json')), /damaged: its data is not the JSON of a session/);
  await refused('#v1.' + payload(await deflate('[1, 2]')), /malformed: it is not an object/);
  await refused('#v1.' + payload(await deflate('{"text": ""}')), /malformed: it holds no module text/);
  await refused('#v1.' + payload(await deflate('{"text": "(module)", "breakpoints": [[1]]}')),
                /malformed: breakpoint 1 is not \[function, instruction\]/);
  await refused('#v1.' + payload(await deflate('{"text": "(module)", "watchpoints": [{"memory": 0, "address": -1, "length": 4, "on": "write"}]}')),
                /malformed: watchpoint 1 is not/);
  await refused('#v1.' + payload(await deflate('{"text": "(module)", "watchpoints": [{"memory": 0, "address": 1, "length": 4, "on": "sometimes"}]}')),
                /malformed: watchpoint 1 is not/);
});

test('a link that inflates past 16 MiB is refused before it is read whole', async () => {
  const bomb = await deflate(new Uint8Array(20 * 1024 * 1024).fill(0x20));
  assert.ok(bomb.length < 100000);
  await refused('#v1.' + payload(bomb), /larger than 16777216 bytes/);
});

test('a session that cannot be shared is refused when encoding', async () => {
  await assert.rejects(encode({ name: 'x', text: '' }), /holds no module text/);
  await assert.rejects(encode({ ...session, breakpoints: [{ func: -1, instr: 0 }] }), /breakpoint 1/);
});
