// web/share_link.js: the share link's fragment. A debugger session (the module's text, its
// breakpoints and watchpoints: web/ui/share.h) becomes `v1.` followed by the base64url of its
// JSON compressed with deflate-raw, so a link carries it all with no server; decoding checks
// every part and says what is wrong with a damaged or truncated link.
//
// The playground links it before its program (--pre-js, web/CMakeLists.txt), which makes
// `MnemoShareLink` a global of the page; node's tests require() it (tests/web/share-link.test.mjs).
// Both have CompressionStream with 'deflate-raw' (Chromium 103+, node 20).
var MnemoShareLink = (function () {
  'use strict';
  const VERSION = 1;
  // Past this a link is refused: Chromium keeps URLs up to 2 MiB, and a hostile link must not make
  // the page inflate gigabytes.
  const MAX_LINK_CHARS = 2 * 1024 * 1024;
  const MAX_JSON_BYTES = 16 * 1024 * 1024;

  class ShareLinkError extends Error {
    constructor(message) {
      super(message);
      this.name = 'ShareLinkError';
    }
  }

  // Runs `bytes` through a CompressionStream or DecompressionStream; at most `limit` bytes out.
  async function transform(stream, bytes, limit) {
    const writer = stream.writable.getWriter();
    // A damaged input rejects these too; the reader below reports it once.
    writer.write(bytes).catch(() => {});
    writer.close().catch(() => {});
    const reader = stream.readable.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw new ShareLinkError(`the link's content is larger than ${limit} bytes`);
      }
      chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }

  function toBase64url(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64url(text) {
    const bad = text.search(/[^A-Za-z0-9_-]/);
    if (bad >= 0) throw new ShareLinkError(`the link is damaged: '${text[bad]}' at character ${bad + 1} is not base64url`);
    if (text.length % 4 === 1) throw new ShareLinkError('the link is truncated: its base64url ends in the middle of a byte');
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  const isIndex = v => Number.isSafeInteger(v) && v >= 0 && v <= 0xffffffff;
  const isWhole = v => Number.isSafeInteger(v) && v >= 0;

  // The session as the link holds it, checked: {name, text, breakpoints: [{func, instr}],
  // watchpoints: [{memory, address, length, on}]}.
  function check(data) {
    const fail = what => { throw new ShareLinkError(`the link's content is malformed: ${what}`); };
    if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('it is not an object');
    if (typeof data.text !== 'string' || data.text.length === 0) fail('it holds no module text');
    if (data.name !== undefined && typeof data.name !== 'string') fail('the name is not a string');
    const breakpoints = data.breakpoints === undefined ? [] : data.breakpoints;
    const watchpoints = data.watchpoints === undefined ? [] : data.watchpoints;
    if (!Array.isArray(breakpoints)) fail('breakpoints is not a list');
    if (!Array.isArray(watchpoints)) fail('watchpoints is not a list');
    breakpoints.forEach((b, i) => {
      if (!Array.isArray(b) || b.length !== 2 || !isIndex(b[0]) || !isIndex(b[1]))
        fail(`breakpoint ${i + 1} is not [function, instruction]`);
    });
    watchpoints.forEach((w, i) => {
      if (w === null || typeof w !== 'object' || !isIndex(w.memory) || !isWhole(w.address) || !isWhole(w.length) ||
          !['read', 'write', 'any'].includes(w.on))
        fail(`watchpoint ${i + 1} is not {memory, address, length, on: 'read' | 'write' | 'any'}`);
    });
    return {
      name: data.name || 'shared.wat',
      text: data.text,
      breakpoints: breakpoints.map(([func, instr]) => ({ func, instr })),
      watchpoints: watchpoints.map(({ memory, address, length, on }) => ({ memory, address, length, on })),
    };
  }

  // session {name, text, breakpoints: [{func, instr}], watchpoints: [{memory, address, length, on}]}
  // -> 'v1.<base64url>' (no '#').
  async function encode(session) {
    const data = {
      name: session.name,
      text: session.text,
      breakpoints: (session.breakpoints || []).map(b => [b.func, b.instr]),
      watchpoints: (session.watchpoints || []).map(({ memory, address, length, on }) => ({ memory, address, length, on })),
    };
    check(data);
    const json = new TextEncoder().encode(JSON.stringify(data));
    const packed = await transform(new CompressionStream('deflate-raw'), json, Infinity);
    const fragment = `v${VERSION}.${toBase64url(packed)}`;
    if (fragment.length > MAX_LINK_CHARS)
      throw new ShareLinkError(`the module is too large to share by link (${fragment.length} characters; at most ${MAX_LINK_CHARS})`);
    return fragment;
  }

  // A location's fragment ('#v1....' or 'v1....') -> the session, checked; null for an empty
  // fragment (no link). Throws a ShareLinkError that says what is wrong.
  async function decode(fragment) {
    const text = String(fragment).replace(/^#/, '');
    if (text === '') return null;
    if (text.length > MAX_LINK_CHARS) throw new ShareLinkError(`the link is longer than ${MAX_LINK_CHARS} characters`);
    const m = /^v(\d+)\.([^]*)$/.exec(text);
    if (!m) throw new ShareLinkError(`the address's fragment is not a mnemo share link (it starts with '#v${VERSION}.')`);
    if (Number(m[1]) !== VERSION)
      throw new ShareLinkError(`the link is of version ${m[1]}; this playground reads version ${VERSION}`);
    if (m[2] === '') throw new ShareLinkError('the link is truncated: it holds no data after the version');
    const packed = fromBase64url(m[2]);
    let json;
    try {
      json = await transform(new DecompressionStream('deflate-raw'), packed, MAX_JSON_BYTES);
    } catch (e) {
      if (e instanceof ShareLinkError) throw e;
      throw new ShareLinkError('the link is truncated or damaged: its data does not inflate');
    }
    let data;
    try {
      data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    } catch (e) {
      throw new ShareLinkError('the link is damaged: its data is not the JSON of a session');
    }
    return check(data);
  }

  return { VERSION, ShareLinkError, encode, decode };
})();
if (typeof module === 'object' && module && module.exports) module.exports = MnemoShareLink;
