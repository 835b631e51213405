// bench/gen_module.mjs: writes a large WebAssembly module for measuring compile time (the JIT
// target "compile time per MiB of Wasm code", bench/README.md).
//
//   node bench/gen_module.mjs OUT.wasm [--memories 1|2] [--min-code-bytes N]
//
// The module is the same on every run (a fixed seed), made of many varied functions: i32, i64
// and f64 arithmetic on locals, loads and stores (on both memories with --memories 2), counted
// loops, if/else, blocks left by br_if, selects, bulk copies, a global, and calls to earlier
// functions. It exports `bench` (result i64), which calls every function once and folds their
// results, the global and the memories' bytes into one checksum: the engines that compile the
// module must agree on it (bench/measure.mjs checks them against mnemo's interpreter).
//
// Written as WAT and converted with wabt's wat2wasm. The code section must reach the size asked
// for (default 1 MiB); the script fails otherwise. Values are kept clear of NaN (floats stay
// finite and bounded, divisors are nonzero), so no engine's choice of NaN bits shows in the result.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MiB = 1 << 20;
const FUNCS = 2000;  // 1.2 MiB of code at the body sizes below (checked after wat2wasm)

function usage(message) {
  console.error(`gen_module: ${message}\nusage: node bench/gen_module.mjs OUT.wasm [--memories 1|2] [--min-code-bytes N]`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { out: null, memories: 1, minCodeBytes: MiB };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--memories') opts.memories = Number(argv[++i]);
    else if (argv[i] === '--min-code-bytes') opts.minCodeBytes = Number(argv[++i]);
    else if (!opts.out) opts.out = argv[i];
    else usage(`unexpected argument '${argv[i]}'`);
  }
  if (!opts.out) usage('no output file');
  if (opts.memories !== 1 && opts.memories !== 2) usage('--memories takes 1 or 2');
  if (!(opts.minCodeBytes > 0)) usage('--min-code-bytes takes a positive number');
  return opts;
}

// ---- a deterministic random source (xorshift32): the module must not change between runs ----------
function makeRng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
  const below = (n) => next() % n;
  return { next, below, pick: (xs) => xs[below(xs.length)], chance: (p) => below(1000) < p * 1000 };
}

// ---- function bodies ------------------------------------------------------------------------------
// Every function has the signature (param $x i32) (param $d i32) (result i64): $d is the call depth,
// bounded so that `bench` stays short. Locals: $a $b (i32), $l $m (i64), $y $z (f64), $i $j (loop
// counters). Expressions are generated as folded WAT, statements leave the stack empty.
const LOCALS = '(local $a i32) (local $b i32) (local $l i64) (local $m i64) (local $y f64) (local $z f64) ' +
               '(local $i i32) (local $j i32)';
const MAX_DEPTH = 3;  // a call chain from bench is at most 4 functions deep
const F64_BOUND = '1e6';  // every f64 local is clamped into [-1e6, 1e6]: products stay finite

class BodyGen {
  constructor(rng, memories, index) {
    this.r = rng;
    this.memories = memories;
    this.index = index;  // this function's index: it calls only earlier ones
    this.calls = 0;
  }

  mem() { return this.memories > 1 ? ` ${this.r.below(this.memories)}` : ''; }

  // An address for an access of up to 8 bytes at offset ≤ 8 within one 64 KiB page.
  addr(depth) { return `(i32.and ${this.i32(depth)} (i32.const 0xfff0))`; }
  offset() { return this.r.pick(['', ' offset=4', ' offset=8']); }

  i32(depth = 2) {
    const r = this.r;
    if (depth <= 0 || r.chance(0.3)) {
      return r.chance(0.7) ? `(local.get ${r.pick(['$a', '$b', '$x', '$i', '$d'])})` : `(i32.const ${(r.next() | 0) >> r.below(24)})`;
    }
    const d = depth - 1;
    switch (r.below(10)) {
      case 0: case 1: case 2:
        return `(i32.${r.pick(['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_u', 'shr_s', 'rotl', 'rotr'])} ${this.i32(d)} ${this.i32(d)})`;
      case 3: return `(i32.${r.pick(['div_u', 'rem_u'])} ${this.i32(d)} (i32.or ${this.i32(d)} (i32.const 1)))`;
      case 4: return `(i32.${r.pick(['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'ge_u', 'le_s'])} ${this.i32(d)} ${this.i32(d)})`;
      case 5: return `(i32.${r.pick(['load', 'load8_u', 'load8_s', 'load16_u', 'load16_s'])}${this.mem()}${this.offset()} ${this.addr(d)})`;
      case 6: return `(i32.${r.pick(['clz', 'ctz', 'popcnt', 'eqz'])} ${this.i32(d)})`;
      case 7: return `(i32.wrap_i64 ${this.i64(d)})`;
      case 8: return `(i32.trunc_sat_f64_s ${this.f64(d)})`;
      default: return `(select ${this.i32(d)} ${this.i32(d)} ${this.i32(d)})`;
    }
  }

  i64(depth = 2) {
    const r = this.r;
    if (depth <= 0 || r.chance(0.3)) {
      return r.chance(0.7) ? `(local.get ${r.pick(['$l', '$m'])})` : `(i64.const ${BigInt.asIntN(64, (BigInt(r.next()) << 32n) | BigInt(r.next()))})`;
    }
    const d = depth - 1;
    switch (r.below(8)) {
      case 0: case 1: case 2:
        return `(i64.${r.pick(['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_u', 'shr_s', 'rotl'])} ${this.i64(d)} ${this.i64(d)})`;
      case 3: return `(i64.${r.pick(['div_u', 'rem_u'])} ${this.i64(d)} (i64.or ${this.i64(d)} (i64.const 1)))`;
      case 4: return `(i64.${r.pick(['extend_i32_s', 'extend_i32_u'])} ${this.i32(d)})`;
      case 5: return `(i64.${r.pick(['load', 'load32_u', 'load16_s'])}${this.mem()}${this.offset()} ${this.addr(d)})`;
      case 6: return `(i64.trunc_sat_f64_s ${this.f64(d)})`;
      default: return `(i64.${r.pick(['clz', 'popcnt', 'extend8_s'])} ${this.i64(d)})`;
    }
  }

  // Never NaN: operands are finite and within ±1e6 (locals are clamped), no division, sqrt of |x|.
  f64(depth = 2) {
    const r = this.r;
    if (depth <= 0 || r.chance(0.3)) {
      return r.chance(0.7) ? `(local.get ${r.pick(['$y', '$z'])})` : `(f64.const ${((r.next() % 200000) / 100 - 1000).toFixed(2)})`;
    }
    const d = depth - 1;
    switch (r.below(6)) {
      case 0: case 1: return `(f64.${r.pick(['add', 'sub', 'mul', 'min', 'max'])} ${this.f64(d)} ${this.f64(d)})`;
      case 2: return `(f64.sqrt (f64.abs ${this.f64(d)}))`;
      case 3: return `(f64.${r.pick(['floor', 'ceil', 'trunc', 'nearest', 'neg'])} ${this.f64(d)})`;
      case 4: return `(f64.convert_i32_s ${this.i32(d)})`;
      default: return `(f64.promote_f32 (f32.demote_f64 ${this.f64(d)}))`;
    }
  }

  clampF64(e) { return `(f64.min (f64.max ${e} (f64.const -${F64_BOUND})) (f64.const ${F64_BOUND}))`; }

  // One statement; `loops` is how many loops enclose it (at most two, each of at most 4 turns).
  stmt(loops) {
    const r = this.r;
    switch (r.below(loops < 2 ? 12 : 10)) {
      case 0: case 1: return `(local.set ${r.pick(['$a', '$b'])} ${this.i32()})`;
      case 2: return `(local.set ${r.pick(['$l', '$m'])} ${this.i64()})`;
      case 3: return `(local.set ${r.pick(['$y', '$z'])} ${this.clampF64(this.f64())})`;
      case 4: {
        const [op, value] = r.pick([['i32.store', () => this.i32()], ['i32.store8', () => this.i32()],
                                    ['i32.store16', () => this.i32()], ['i64.store', () => this.i64()],
                                    ['i64.store32', () => this.i64()], ['f64.store', () => this.f64()]]);
        return `(${op}${this.mem()}${this.offset()} ${this.addr(1)} ${value()})`;
      }
      case 5: return `(if ${this.i32(1)} (then ${this.stmts(loops, 2)}) (else ${this.stmts(loops, 2)}))`;
      case 6: return `(block $out ${this.stmts(loops, 2)} (br_if $out ${this.i32(1)}) ${this.stmts(loops, 2)})`;
      case 7: return `(global.set $g (i64.xor (global.get $g) ${this.i64(1)}))`;
      case 8: {
        const [dst, src] = this.memories > 1 ? [` ${r.below(2)}`, ` ${r.below(2)}`] : ['', ''];
        const at = () => `(i32.and ${this.i32(1)} (i32.const 0xff00))`;  // ≤ 0xff00 + 63 < 64 KiB
        return `(memory.copy${dst}${src} ${at()} ${at()} (i32.const ${r.below(64)}))`;
      }
      case 9: return this.call(loops);
      default: {
        // A counted loop: $i counts the outer one down, $j the inner one.
        const counter = loops === 0 ? '$i' : '$j';
        return `(local.set ${counter} (i32.const ${1 + r.below(4)})) ` +
               `(loop $top ${this.stmts(loops + 1, 3)} ` +
               `(br_if $top (local.tee ${counter} (i32.sub (local.get ${counter}) (i32.const 1)))))`;
      }
    }
  }

  // A call to an earlier function, outside loops and at most two per body, while the depth allows.
  call(loops) {
    if (this.index === 0 || loops > 0 || this.calls >= 2) return `(local.set $a ${this.i32()})`;
    ++this.calls;
    const callee = this.index - 1 - this.r.below(Math.min(this.index, 50));
    return `(if (i32.lt_u (local.get $d) (i32.const ${MAX_DEPTH})) (then (local.set $l (i64.add (local.get $l) ` +
           `(call $f${callee} ${this.i32(1)} (i32.add (local.get $d) (i32.const 1)))))))`;
  }

  stmts(loops, most) {
    const n = 1 + this.r.below(most);
    return Array.from({ length: n }, () => this.stmt(loops)).join(' ');
  }

  body() {
    // Locals start from the parameter, so every function's result depends on its argument.
    const init = '(local.set $a (local.get $x)) (local.set $b (i32.mul (local.get $x) (i32.const 31))) ' +
                 '(local.set $l (i64.extend_i32_u (local.get $x))) (local.set $y (f64.convert_i32_u (local.get $x)))';
    const result = '(i64.xor (i64.add (local.get $l) (local.get $m)) (i64.extend_i32_u (i32.xor (local.get $a) (local.get $b)))) ' +
                   '(i64.trunc_sat_f64_s (f64.mul (f64.add (local.get $y) (local.get $z)) (f64.const 1000))) i64.add';
    return `${init} ${this.stmts(0, 14)} ${result}`;
  }
}

function moduleText(memories) {
  const rng = makeRng(0x6d6e656d);  // "mnem"
  const lines = ['(module'];
  for (let m = 0; m < memories; ++m) lines.push(`  (memory ${m === 0 ? '$m0' : '$m1'} 1 1)`);
  lines.push('  (global $g (mut i64) (i64.const 0))');
  for (let f = 0; f < FUNCS; ++f) {
    const body = new BodyGen(rng, memories, f).body();
    lines.push(`  (func $f${f} (param $x i32) (param $d i32) (result i64) ${LOCALS}\n    ${body})`);
  }
  // bench: every function once, then the global and every 8-byte word of every memory.
  const calls = [];
  for (let f = 0; f < FUNCS; ++f) {
    calls.push(`(local.set $acc (i64.add (i64.rotl (local.get $acc) (i64.const 5)) (call $f${f} (i32.const ${f * 7919}) (i32.const 0))))`);
  }
  const sums = [];
  for (let m = 0; m < memories; ++m) {
    const mem = memories > 1 ? ` ${m}` : '';
    sums.push(`(local.set $p (i32.const 0)) (loop $sum (local.set $acc (i64.add (i64.rotl (local.get $acc) (i64.const 1)) ` +
              `(i64.load${mem} (local.get $p)))) (br_if $sum (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 8))) ` +
              '(i32.const 65536))))');
  }
  lines.push(`  (func (export "bench") (result i64) (local $acc i64) (local $p i32)\n    ${calls.join('\n    ')}\n    ` +
             `${sums.join('\n    ')}\n    (i64.xor (local.get $acc) (global.get $g)))`);
  lines.push(')');
  return lines.join('\n') + '\n';
}

// The size of the code section (id 10) of a binary module: the "Wasm code" compile times are per.
export function codeSectionBytes(bytes) {
  let p = 8;
  const leb = () => {
    let r = 0, scale = 1, byte;
    do { byte = bytes[p++]; r += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
    return r;
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = leb();
    if (id === 10) return size;
    p += size;
  }
  return 0;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const wat = opts.out.replace(/\.wasm$/, '') + '.wat';
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(wat, moduleText(opts.memories));
  const args = [wat, '-o', opts.out, ...(opts.memories > 1 ? ['--enable-multi-memory'] : [])];
  const r = spawnSync('wat2wasm', args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    console.error(`gen_module: wat2wasm ${args.join(' ')} failed: ${r.error?.message || r.stderr.trim()}`);
    process.exit(1);
  }
  const code = codeSectionBytes(fs.readFileSync(opts.out));
  if (code < opts.minCodeBytes) {
    console.error(`gen_module: ${opts.out} has ${code} bytes of code, fewer than ${opts.minCodeBytes}: raise FUNCS`);
    process.exit(1);
  }
  console.log(`${opts.out}: ${FUNCS + 1} functions, ${code} bytes of code (${(code / MiB).toFixed(2)} MiB)`);
}

// Run as a script (bench/measure.mjs imports codeSectionBytes only).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
