// bench/measure.mjs: the measuring half of bench/run.sh (which builds the variants first and
// writes build/bench/VARIANT.status). Run from the repository root.
//
// Runs every guest of BENCH_DIR through every engine that built, BENCH_RUNS times, engines
// interleaved (the order rotates per guest and per run) so that noise from the shared machine
// falls on all of them alike; checks every result against the guests' README and stops at the
// first mismatch; then, in the same runs, the JIT's compile time beside V8 Liftoff's on the
// largest guest and on the generated modules of build/bench/gen (bench/gen_module.mjs). Prints the
// tables of medians, the ratios, the geometric means and the targets, and writes the same text to
// build/bench/results.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { codeSectionBytes } from './gen_module.mjs';

const OUT = 'build/bench';
const BENCH_DIR = process.env.BENCH_DIR || '../shared/bench/wasm';
const README = path.join(BENCH_DIR, '..', 'README.md');
const RUNNER = path.join(BENCH_DIR, '..', 'run_wasm.js');
const RUNS = Number(process.env.BENCH_RUNS || 3);
const ONLY = (process.env.BENCH_GUESTS || '').split(/\s+/).filter(Boolean);
const RESULTS = path.join(OUT, 'results.md');
// The guests without v128 or a second memory: the set the targets' geometric means are taken over
// (and the README's peer comparison).
const SCALAR_GUESTS = ['fib', 'sieve', 'matmul', 'nbody', 'mandel', 'crc32', 'memops', 'sm_loadstore', 'sm_copy'];
// The interpreter's targets against wasm3 (issue 14): a geometric mean over the seven compute
// guests, and a bar of their own for the two that run at memory bandwidth in every engine.
const COMPUTE_GUESTS = ['fib', 'sieve', 'matmul', 'mandel', 'crc32', 'nbody', 'sm_loadstore'];
const BANDWIDTH_GUESTS = ['memops', 'sm_copy'];
// The generated modules of the compile-time target (bench/run.sh writes them with bench/gen_module.mjs).
const GEN_DIR = path.join(OUT, 'gen');
// `big` is the target's module; node 20's V8 cannot compile `big_mm`, shown for mnemo alone.
const GENERATED = [{ name: 'big', what: 'generated, one memory', target: true },
                   { name: 'big_mm', what: 'generated, two memories', target: false }];
const V8_COMPILE = 'bench/v8_compile.mjs';
const LIFTOFF = ['--liftoff', '--no-wasm-tier-up'];
const MiB = 1 << 20;
const BASELINE = 'empty';  // start-up only: its process time is subtracted from wasm-interp's and wasm3's
const TIMEOUT_MS = 3600e3;

function die(message) {
  console.error(`\nbench: ${message}`);
  process.exit(1);
}

if (!Number.isInteger(RUNS) || RUNS < 1) die(`BENCH_RUNS must be a positive integer, not '${process.env.BENCH_RUNS}'`);
for (const f of [README, RUNNER]) if (!fs.existsSync(f)) die(`${f} is missing (BENCH_DIR=${BENCH_DIR})`);
// A failed run must not leave an older table behind that looks current.
fs.rmSync(RESULTS, { force: true });

// ---- expected results: the guests' README table ---------------------------------------------------
// Rows look like `| fib | calls ... | 14930352 |`; a first cell `a_x / _y` names a_x and a_y.
function readExpected() {
  const lines = fs.readFileSync(README, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^\|\s*guest\s*\|.*\|\s*expected result\s*\|\s*$/.test(l));
  if (start < 0) die(`${README} has no "| guest | ... | expected result |" table`);
  const expected = new Map();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
    const value = cells[cells.length - 1];
    if (!/^-?\d+$/.test(value)) die(`${README}: cannot read the expected result of "${line}"`);
    const names = cells[0].split('/').map((n) => n.trim());
    for (const name of names) {
      const full = name.startsWith('_') ? names[0].replace(/_[^_]*$/, '') + name : name;
      expected.set(full, BigInt(value));
    }
  }
  return expected;
}

// ---- guests: their exported bench functions, read from the binary ---------------------------------
// (node 20's V8 cannot compile the multi-memory guests, so WebAssembly.Module cannot list them.)
function benchExports(file) {
  const b = fs.readFileSync(file);
  let p = 8;
  const leb = () => {
    let r = 0, scale = 1, byte;
    do { byte = b[p++]; r += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
    return r;
  };
  const names = [];
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const end = p + size;
    if (id === 7) {
      for (let n = leb(); n > 0; --n) {
        const len = leb();
        const name = b.subarray(p, p + len).toString('utf8');
        p += len;
        const kind = b[p++];
        leb();
        if (kind === 0 && /^bench\d*$/.test(name)) names.push(name);
      }
    }
    p = end;
  }
  return names.sort();
}

// `bench` is checked against the guest's own row; `benchN` of a module exporting several is the
// same loop on memory N, the README's `<guest>_memN` row (mm_loadstore's bench0 / bench1).
function expectedFor(expected, guest, exp) {
  const key = exp === 'bench' ? guest : `${guest}_mem${exp.slice('bench'.length)}`;
  if (!expected.has(key)) die(`${README} has no expected result for ${guest}.wasm's export ${exp} (looked for "${key}")`);
  return expected.get(key);
}

// ---- engines ---------------------------------------------------------------------------------------
function status(variant) {
  const f = path.join(OUT, `${variant}.status`);
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8').trim() : 'not built (run bench/run.sh)';
}

// mnemo's interpreter is asked for by name: on x86-64 the CLI's default engine is the JIT.
const interp = ['--engine=interp'];
const engines = [
  { id: 'host', label: 'mnemo', kind: 'mnemo', cmd: [path.join(OUT, 'host', 'mnemo')], extra: interp },
  // The host build's baseline JIT (x86-64; elsewhere the build says it has none and is not measured).
  { id: 'jit', label: 'mnemo jit', kind: 'mnemo', cmd: [path.join(OUT, 'host', 'mnemo')], extra: ['--engine=jit'],
    status: status('host') },
  { id: 'scalar', label: 'mnemo scalar', kind: 'mnemo', cmd: [path.join(OUT, 'scalar', 'mnemo')], extra: interp },
  { id: 'nohooks', label: 'mnemo nohooks', kind: 'mnemo', cmd: [path.join(OUT, 'nohooks', 'mnemo')], extra: interp },
  { id: 'wasm', label: 'wasm(node)', kind: 'mnemo',
    cmd: [process.execPath, '--no-experimental-fetch', path.join(OUT, 'wasm', 'mnemo.js')], extra: interp },
  { id: 'interp', label: 'wasm-interp', kind: 'interp', status: 'ok' },
  { id: 'liftoff', label: 'liftoff', kind: 'liftoff', status: 'ok' },
  // The peer interpreter (../shared/peers/README.md), built by bench/run.sh natively with clang
  // and in Wasm with Emscripten.
  { id: 'wasm3', label: 'wasm3', kind: 'wasm3', cmd: [path.join(OUT, 'wasm3', 'wasm3')] },
  { id: 'wasm3node', label: 'wasm3(node)', kind: 'wasm3',
    cmd: [process.execPath, '--no-experimental-fetch', path.join(OUT, 'wasm3node', 'wasm3.js')] },
];
for (const e of engines) if (!e.status) e.status = status(e.id);
const byId = Object.fromEntries(engines.map((e) => [e.id, e]));

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 << 20,
                                   env: env ? { ...process.env, ...env } : process.env });
  if (r.error) die(`cannot run ${cmd}: ${r.error.message}`);
  return r;
}

function show(cmd, args) { return [cmd, ...args].join(' '); }

// Compares one engine's answer with the README's (or, for the generated modules, wasm-interp's);
// a wrong answer ends the run.
let checked = 0;
function check(engine, guest, exp, got, want, source = path.basename(README)) {
  ++checked;
  if (got !== want) {
    die(`CHECKSUM MISMATCH: ${engine.label} returned ${got} for ${guest}.wasm ${exp}, ${source} expects ${want}`);
  }
}

// A typed result as the engines print it (`i32:-5`, wabt's unsigned `i32:4294967291`), as the
// signed value the README lists.
function typed(type, digits) {
  return BigInt.asIntN(type === 'i32' ? 32 : 64, BigInt(digits));
}

// mnemo (native or through node): `mnemo run FILE --invoke EXP --time`; the time is the call's own.
function runMnemo(engine, file, exp) {
  const args = [...engine.cmd.slice(1), 'run', file, '--invoke', exp, '--time', ...(engine.extra || [])];
  const r = run(engine.cmd[0], args);
  const value = /^(i32|i64):(-?\d+)$/m.exec(r.stdout);
  const time = /^time: ([\d.]+) ms$/m.exec(r.stderr);
  if (r.status !== 0 || !value || !time) {
    return { error: `${show(engine.cmd[0], args)} exited ${r.status ?? r.signal}: ` +
                    `${(r.stderr.trim() || r.stdout.trim()).split('\n')[0]}` };
  }
  return { ms: Number(time[1]), value: typed(value[1], value[2]), compile: compileLines(r.stderr) };
}

// `--time`'s lines before the call: decoding with validation, and the JIT's compile step (the JIT
// only); null when there is no compile line.
function compileLines(stderr) {
  const load = /^load: ([\d.]+) ms$/m.exec(stderr);
  const jit = /^compile: ([\d.]+) ms \((\d+) functions compiled, (\d+) left to the interpreter, (\d+) bytes of machine code\)$/m.exec(stderr);
  if (!load || !jit) return null;
  return { load: Number(load[1]), compile: Number(jit[1]), compiled: Number(jit[2]), interpreted: Number(jit[3]),
           codeBytes: Number(jit[4]) };
}

// wasm3's CLI: `wasm3 --func EXP FILE` prints `Result: N` (signed) on stderr; timed as a whole
// process. It supports neither v128 nor a second memory: those guests are n/a, by its own message.
const WASM3_CANNOT = /only one memory per module is supported|compiling function underran the stack/;
function runWasm3(engine, file, exp) {
  const args = [...engine.cmd.slice(1), '--func', exp, file];
  const t0 = process.hrtime.bigint();
  const r = run(engine.cmd[0], args);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = `${r.stderr}\n${r.stdout}`;
  const value = /^Result: (-?\d+)$/m.exec(out);
  if (r.status !== 0 || !value) {
    const cannot = WASM3_CANNOT.exec(out);
    if (cannot && r.status !== 0) return { na: `wasm3 says "${cannot[0]}"` };
    return { error: `${show(engine.cmd[0], args)} exited ${r.status ?? r.signal}: ${out.trim().split('\n').slice(0, 3).join(' | ')}` };
  }
  return { ms, value: BigInt(value[1]) };
}

// wabt: runs every export, prints `name() => i32:N`; timed as a whole process.
function runInterp(guest, file) {
  const args = [file, '--run-all-exports', ...(/(^|_)mm(_|$)/.test(guest) ? ['--enable-multi-memory'] : [])];
  const t0 = process.hrtime.bigint();
  const r = run('wasm-interp', args);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) die(`${show('wasm-interp', args)} exited ${r.status ?? r.signal}: ${r.stderr.trim()}`);
  const values = new Map();
  for (const m of r.stdout.matchAll(/^(\S+)\(\) => (i32|i64):(\d+)$/gm)) values.set(m[1], typed(m[2], m[3]));
  return { ms, values, stdout: r.stdout };
}

// Why V8 refused to compile a module it cannot run (node 20 has no multi-memory), or null.
function v8CannotCompile(stderr) {
  const many = /CompileError: .*memory count of \d+ exceeds internal limit/.exec(stderr);
  return many ? `node ${process.version}'s V8 has no multi-memory ("${many[0].replace(/^.*?: /, '')}")` : null;
}

// V8's baseline JIT through the guests' runner; the time is the call's, from BENCH_TIMING_LOG.
function runLiftoff(file, exp) {
  const log = path.join(OUT, 'liftoff-timing.log');
  fs.rmSync(log, { force: true });
  const args = [...LIFTOFF, RUNNER, file, exp];
  const r = run(process.execPath, args, { BENCH_TIMING_LOG: log, BENCH_LABEL: 'liftoff' });
  if (r.status !== 0) {
    const na = v8CannotCompile(r.stderr);
    if (na) return { na };
    die(`${show('node', args)} exited ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  }
  const value = /^Result: (-?\d+)$/m.exec(r.stdout);
  const fields = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').pop().split('\t') : [];
  if (!value || fields.length < 4) die(`${show('node', args)}: no result or no timing line: ${r.stdout.trim()}`);
  return { ms: Number(fields[3]), value: BigInt(value[1]) };
}

// ---- the runs ----------------------------------------------------------------------------------------
const expected = readExpected();
let guestNames = fs.readdirSync(BENCH_DIR).filter((f) => f.endsWith('.wasm')).map((f) => f.slice(0, -5)).sort();
if (!guestNames.includes(BASELINE)) die(`${BENCH_DIR} has no ${BASELINE}.wasm, the start-up baseline`);
if (ONLY.length) {
  for (const g of ONLY) if (!guestNames.includes(g)) die(`BENCH_GUESTS names ${g}, not in ${BENCH_DIR}`);
  guestNames = guestNames.filter((g) => g === BASELINE || ONLY.includes(g));
}
// The baseline first, so each run measures wasm-interp's start-up before the guests it is taken from.
guestNames = [BASELINE, ...guestNames.filter((g) => g !== BASELINE)];
const guests = guestNames.map((name) => {
  const file = path.join(BENCH_DIR, `${name}.wasm`);
  const exps = benchExports(file);
  if (!exps.length) die(`${file} exports no bench function`);
  return { name, file, exps, want: Object.fromEntries(exps.map((x) => [x, expectedFor(expected, name, x)])) };
});

// The builds of others' code and the CLI compiled to Wasm count as measurable once they answer the
// start-up guest. From then on any failure of theirs, like any other engine's, ends the run.
for (const id of ['wasm', 'wasm3', 'wasm3node']) {
  const e = byId[id];
  if (e.status !== 'ok') continue;
  const g = guests[0];
  const r = e.kind === 'wasm3' ? runWasm3(e, g.file, g.exps[0]) : runMnemo(e, g.file, g.exps[0]);
  if (r.error || r.na) e.status = `builds, but does not run yet: ${r.error || r.na}`;
  else check(e, g.name, g.exps[0], r.value, g.want[g.exps[0]]);
}
const active = engines.filter((e) => e.status === 'ok');

// samples[engine][row] = one time per run (ms). A module with several bench exports has a row per
// export and a row for all of them together (wasm-interp can only run them together).
const samples = Object.fromEntries(engines.map((e) => [e.id, {}]));
const push = (e, row, ms) => (samples[e][row] ||= []).push(ms);
const na = {};  // na[engine][guest]: what an engine cannot run (V8: multi-memory; wasm3: v128, multi-memory), and why
const naOf = (id) => (na[id] ||= {});
const rowKey = (g, exp) => (g.exps.length > 1 ? `${g.name}.${exp}` : g.name);
// compileRuns[module] = per run, what `mnemo run --time --engine=jit` said of its compile step.
const compileRuns = {};

function runOne(engine, g, exp) {
  if (engine.kind === 'liftoff') return runLiftoff(g.file, exp);
  if (engine.kind === 'wasm3') return runWasm3(engine, g.file, exp);
  return runMnemo(engine, g.file, exp);
}

function measure(engine, g) {
  if (engine.kind === 'interp') {
    const r = runInterp(g.name, g.file);
    for (const exp of g.exps) {
      if (!r.values.has(exp)) die(`wasm-interp printed no result for ${g.name}.wasm ${exp}:\n${r.stdout}`);
      check(engine, g.name, exp, r.values.get(exp), g.want[exp]);
    }
    push(engine.id, g.name, r.ms);
    return r.ms;
  }
  if (naOf(engine.id)[g.name]) return null;
  let sum = 0;
  for (const exp of g.exps) {
    const r = runOne(engine, g, exp);
    if (r.na) {
      naOf(engine.id)[g.name] = r.na;
      return null;
    }
    if (r.error) die(r.error);
    check(engine, g.name, exp, r.value, g.want[exp]);
    push(engine.id, rowKey(g, exp), r.ms);
    if (engine.id === 'jit' && r.compile && g.exps.length === 1) (compileRuns[g.name] ||= []).push(r.compile);
    sum += r.ms;
  }
  if (g.exps.length > 1) push(engine.id, g.name, sum);
  return sum;
}

// ---- compile time (the JIT's target against Liftoff) ----------------------------------------------
// On the largest guest V8 can compile (by code section) and on the generated modules. mnemo's
// figures for the guest come from its JIT runs above; the generated modules are run here, their
// `bench` checked against wasm-interp's answer (read once, before the runs).
const codeBytesOf = (file) => codeSectionBytes(fs.readFileSync(file));

function compileModules() {
  const mods = [];
  const candidates = guests.filter((g) => g.name !== BASELINE && g.exps.length === 1 && !g.name.startsWith('mm_'));
  const largest = candidates.sort((a, b) => codeBytesOf(b.file) - codeBytesOf(a.file))[0];
  if (largest) mods.push({ name: largest.name, file: largest.file, guest: true, what: 'largest guest', target: true });
  const genStatus = status('gen');
  if (genStatus !== 'ok') {
    compileNotes.push(`generated modules: ${genStatus}`);
    return mods;
  }
  for (const { name, what, target } of GENERATED) {
    const file = path.join(GEN_DIR, `${name}.wasm`);
    const r = runInterp(name, file);  // wasm-interp's answer: what every engine must return
    const want = r.values.get('bench');
    if (want === undefined) die(`wasm-interp printed no result for ${file} bench:\n${r.stdout}`);
    mods.push({ name, file, guest: false, want, what, target });
  }
  return mods;
}

// V8's compile time of a whole module (bench/v8_compile.mjs), every function compiled by Liftoff;
// `single` keeps V8 to the main thread, as mnemo compiles.
function runV8Compile(mod, single) {
  const args = [...LIFTOFF, '--no-wasm-lazy-compilation', ...(single ? ['--single-threaded'] : []), V8_COMPILE, mod.file,
                ...(mod.guest ? [] : ['bench'])];
  const r = run(process.execPath, args);
  if (r.status !== 0) {
    const why = v8CannotCompile(r.stderr);
    if (why) return { na: why };
    die(`${show('node', args)} exited ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  }
  const ms = /^compile: ([\d.]+) ms$/m.exec(r.stdout);
  if (!ms) die(`${show('node', args)} printed no compile time: ${r.stdout.trim()}`);
  if (!mod.guest) {
    const value = /^Result: (-?\d+)$/m.exec(r.stdout);
    check({ label: `liftoff${single ? ' (single-threaded)' : ''}` }, mod.name, 'bench', value ? BigInt(value[1]) : null,
          mod.want, 'wasm-interp');
  }
  return { ms: Number(ms[1]) };
}

// compileSamples[module][figure] = one value per run: jit, load (mnemo), v8, v8single (ms).
const compileSamples = {};
const compileNotes = [];
const compileNa = {};  // modules V8 cannot compile, with the reason
function measureCompile(engineId, mod) {
  const put = (figure, v) => ((compileSamples[mod.name] ||= {})[figure] ||= []).push(v);
  if (engineId === 'jit') {
    if (mod.guest) return 'from its run above';
    const r = runMnemo(byId.jit, mod.file, 'bench');
    if (r.error) die(r.error);
    check(byId.jit, mod.name, 'bench', r.value, mod.want, 'wasm-interp');
    if (!r.compile) die(`${byId.jit.label} printed no compile line for ${mod.file}`);
    (compileRuns[mod.name] ||= []).push(r.compile);
    return fmt(r.compile.compile);
  }
  if (compileNa[mod.name]) return 'n/a';
  const r = runV8Compile(mod, engineId === 'v8single');
  if (r.na) {
    compileNa[mod.name] = r.na;
    return 'n/a';
  }
  put(engineId, r.ms);
  return fmt(r.ms);
}

// The native builds run as one block (in rotating order too): the targets compare them with each
// other within 2 to 5%, so their calls for a guest sit next to each other in time.
const native = active.filter((e) => e.kind === 'mnemo' && e.id !== 'wasm');
const blocks = [native, ...active.filter((e) => !native.includes(e)).map((e) => [e])].filter((b) => b.length);
const rotate = (xs, n) => [...xs.slice(n % xs.length), ...xs.slice(0, n % xs.length)];

const compileMods = byId.jit.status === 'ok' ? compileModules() : [];
if (byId.jit.status !== 'ok') compileNotes.push(`compile time: ${byId.jit.label}: ${byId.jit.status}`);
const compilers = [['jit', byId.jit.label], ['v8', 'liftoff'], ['v8single', 'liftoff single-threaded']];

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 60e3).toFixed(1)} min`;
for (let run = 0; run < RUNS; ++run) {
  guests.forEach((g, gi) => {
    const order = rotate(blocks, run + gi).flatMap((b) => rotate(b, run + gi));
    const line = [];
    for (const e of order) {
      const ms = measure(e, g);
      line.push(`${e.label} ${ms === null ? 'n/a' : fmt(ms)}`);
    }
    console.error(`bench: run ${run + 1}/${RUNS} ${g.name}: ${line.join(', ')} (${elapsed()})`);
  });
  compileMods.forEach((mod, mi) => {
    const line = rotate(compilers, run + mi).map(([id, label]) => `${label} ${measureCompile(id, mod)}`);
    console.error(`bench: run ${run + 1}/${RUNS} compile ${mod.name}: ${line.join(', ')} (${elapsed()})`);
  });
}

// ---- the table ---------------------------------------------------------------------------------------
function fmt(ms) {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}
const fmtRatio = (r) => (r === null ? '—' : r.toPrecision(3));
function median(xs) {
  if (!xs || !xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const med = (e, row) => median(samples[e][row]);
// The engines timed as whole processes (wasm-interp, wasm3): a guest's time is its process minus
// the same engine's process on the start-up guest, once per process it took (wasm-interp runs all
// exports of a module in one, wasm3 one per export).
const startupOf = (id) => med(id, BASELINE);
const startup = startupOf('interp');
function processMs(id, row) {
  if (row.key === BASELINE || med(id, row.key) === null || startupOf(id) === null) return null;
  const processes = id === 'interp' || row.part ? 1 : row.guest.exps.length;
  return med(id, row.key) - startupOf(id) * processes;
}
const interpMs = (row) => (row.part ? null : processMs('interp', row));
const ratio = (a, b) => (a === null || b === null || b <= 0 ? null : a / b);
const geomean = (xs) => (xs.some((x) => x === null || !(x > 0)) ? null : Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length));

const rows = [];
for (const g of guests) {
  if (g.exps.length > 1) for (const exp of g.exps) rows.push({ key: `${g.name}.${exp}`, label: `${g.name} ${exp}`, guest: g, part: true });
  rows.push({ key: g.name, label: g.exps.length > 1 ? `${g.name} (${g.exps.join(' + ')})` : g.name, guest: g });
}

const timeCols = [
  ['host', (row) => med('host', row.key)],
  ['jit', (row) => med('jit', row.key)],
  ['scalar', (row) => med('scalar', row.key)],
  ['nohooks', (row) => med('nohooks', row.key)],
  ['wasm', (row) => med('wasm', row.key)],
  ['interp', (row) => interpMs(row)],
  ['wasm3', (row) => processMs('wasm3', row)],
  ['wasm3node', (row) => processMs('wasm3node', row)],
  ['liftoff', (row) => med('liftoff', row.key)],
];
const ratioCols = [
  ['mnemo / wasm-interp', (row) => ratio(med('host', row.key), interpMs(row))],
  ['wasm(node) / wasm-interp', (row) => ratio(med('wasm', row.key), interpMs(row))],
  ['mnemo / wasm3', (row) => ratio(med('host', row.key), processMs('wasm3', row))],
  ['wasm(node) / wasm3(node)', (row) => ratio(med('wasm', row.key), processMs('wasm3node', row))],
  ['mnemo / liftoff', (row) => ratio(med('host', row.key), med('liftoff', row.key))],
  ['jit / liftoff', (row) => ratio(med('jit', row.key), med('liftoff', row.key))],
  ['jit / mnemo', (row) => ratio(med('jit', row.key), med('host', row.key))],
];
const ratioOf = (label) => ratioCols.find(([l]) => l === label)[1];

function timeCell(id, row, value) {
  if (value !== null) return fmt(value);
  const e = byId[id];
  if (e.status !== 'ok') return 'not measured';
  if (['interp', 'wasm3', 'wasm3node'].includes(id) && row.key === BASELINE && startupOf(id) !== null) {
    return `start-up ${fmt(startupOf(id))}`;
  }
  if (id === 'interp' && row.part) return 'runs all exports ↓';
  if (naOf(id)[row.guest.name]) return 'n/a';
  return '—';
}

const out = [];
const header = ['guest', ...timeCols.map(([id]) => `${byId[id].label} ms`), ...ratioCols.map(([l]) => l)];
out.push(`| ${header.join(' | ')} |`, `| ${header.map((h, i) => (i ? '---:' : '---')).join(' | ')} |`);
for (const row of rows) {
  const cells = [row.label, ...timeCols.map(([id, f]) => timeCell(id, row, f(row))),
                 // the start-up guest's call takes microseconds: no ratio worth printing
                 ...ratioCols.map(([, f]) => (row.key === BASELINE ? '—' : fmtRatio(f(row))))];
  out.push(`| ${cells.join(' | ')} |`);
}
const scalarRows = SCALAR_GUESTS.map((name) => rows.find((r) => r.key === name) || { key: name, missing: true });
const haveAllScalar = scalarRows.every((r) => !r.missing);
{
  const cells = [`**geomean, ${SCALAR_GUESTS.length} scalar guests**`,
                 ...timeCols.map(([, f]) => (haveAllScalar ? fmtOrDash(geomean(scalarRows.map(f))) : '—')),
                 ...ratioCols.map(([, f]) => (haveAllScalar ? fmtRatio(geomean(scalarRows.map(f))) : '—'))];
  out.push(`| ${cells.join(' | ')} |`);
}
function fmtOrDash(v) { return v === null ? '—' : fmt(v); }

// ---- notes and targets -------------------------------------------------------------------------------
const notes = [];
for (const e of engines) if (e.status !== 'ok') notes.push(`${e.label}: ${e.status}`);
for (const [id, guests] of Object.entries(na)) {
  // One note per engine and reason, naming the guests.
  const byWhy = {};
  for (const [g, why] of Object.entries(guests)) (byWhy[why] ||= []).push(g);
  for (const [why, gs] of Object.entries(byWhy)) notes.push(`${byId[id].label} on ${gs.join(', ')}: n/a, ${why}`);
}
if (guests.some((g) => g.exps.length > 1)) {
  notes.push('wasm-interp runs every export of a module in one process: a module with several bench exports is ' +
             'compared on its "(… + …)" row, mnemo\'s calls summed; its exports are compared with each other only within mnemo');
}
if (!haveAllScalar) notes.push(`BENCH_GUESTS leaves out some of ${SCALAR_GUESTS.join(' ')}: no geometric means`);

// Whether the host build has the hooks compiled in, as the hooks target assumes.
function cacheValue(variant, name) {
  const f = path.join(OUT, variant, 'CMakeCache.txt');
  const m = fs.existsSync(f) && new RegExp(`^${name}:(\\w+)=(.*)$`, 'm').exec(fs.readFileSync(f, 'utf8'));
  return m ? { type: m[1], value: m[2] } : null;
}

// The targets that compare mnemo with itself (SIMD path, second memory, hooks) take each run's
// ratio and then the median over runs, so that a burst of load on the shared machine during one
// run cannot pair a slow figure from it with a fast one from another.
const perRun = (e, row) => samples[e][row] || [];
function paired(ea, rowa, eb, rowb) {
  const a = perRun(ea, rowa), b = perRun(eb, rowb);
  return a.length && a.length === b.length ? median(a.map((x, i) => x / b[i])) : null;
}
function pairedGeomean(ea, eb) {
  if (!haveAllScalar) return null;
  const byRun = [];
  for (let run = 0; run < RUNS; ++run) {
    const rs = SCALAR_GUESTS.map((g) => ratio(perRun(ea, g)[run] ?? null, perRun(eb, g)[run] ?? null));
    byRun.push(geomean(rs));
  }
  return byRun.includes(null) ? null : median(byRun);
}

const targets = [];
function target(what, measured, ok, why) {
  if (why) targets.push([what, why, 'not measured']);
  else targets.push([what, measured, ok ? '**met**' : '**not met**']);
}
const geo = (f) => (haveAllScalar ? geomean(scalarRows.map(f)) : null);
const rowOf = (name) => rows.find((r) => r.key === name);
const needs = (...ids) => ids.map((id) => byId[id]).filter((e) => e.status !== 'ok').map((e) => `${e.label}: ${e.status}`).join('; ');
const missingGuests = (...names) => names.filter((n) => !guests.some((g) => g.name === n));
{
  const r = geo(ratioOf('mnemo / wasm-interp'));
  target('native interpreter: geomean mnemo / wasm-interp ≤ 0.08', `${fmtRatio(r)}`, r !== null && r <= 0.08,
         !haveAllScalar ? 'scalar guests left out' : '');
}
{
  const r = geo(ratioOf('wasm(node) / wasm-interp'));
  target(`Emscripten build in node ${process.version.split('.')[0]}: geomean wasm(node) / wasm-interp ≤ 0.30`,
         fmtRatio(r), r !== null && r <= 0.30, needs('wasm') || (!haveAllScalar ? 'scalar guests left out' : ''));
}
{
  const r = paired('scalar', 'simd', 'host', 'simd');
  target('simd: host SIMD path ≥ 3× faster than the scalar path', `scalar / host = ${fmtRatio(r)}`,
         r !== null && r >= 3, needs('scalar') || (missingGuests('simd').length ? 'guest left out' : ''));
}
{
  const r = paired('host', 'mm_loadstore.bench1', 'host', 'mm_loadstore.bench0');
  target('mm_loadstore: bench1 / bench0 (memory 1 vs memory 0) ≤ 1.05', fmtRatio(r), r !== null && r <= 1.05,
         missingGuests('mm_loadstore').length ? 'guest left out' : '');
}
{
  const r = paired('host', 'mm_copy', 'host', 'sm_copy');
  target('mm_copy / sm_copy ≤ 1.05', fmtRatio(r), r !== null && r <= 1.05,
         missingGuests('mm_copy', 'sm_copy').length ? 'guest left out' : '');
}
{
  const r = pairedGeomean('host', 'nohooks');
  const hooks = cacheValue('host', 'MNEMO_VM_DEBUG_HOOKS');
  let measured = fmtRatio(r);
  if (hooks && hooks.type === 'BOOL' && !/^(ON|1|TRUE|YES)$/i.test(hooks.value)) {
    measured += ` (the host build has MNEMO_VM_DEBUG_HOOKS=${hooks.value}: nothing to compare)`;
  }
  const a = path.join(OUT, 'host', 'mnemo'), b = path.join(OUT, 'nohooks', 'mnemo');
  if (byId.nohooks.status === 'ok' && fs.readFileSync(a).equals(fs.readFileSync(b))) {
    measured += ' (the two binaries are identical: the option changes nothing yet)';
  }
  target('debug hooks: geomean hooks compiled in, no debugger (host) / compiled out (nohooks) ≤ 1.02', measured,
         r !== null && r <= 1.02, needs('nohooks') || (!haveAllScalar ? 'scalar guests left out' : ''));
}

// The JIT (issue 11): against Liftoff, against mnemo's interpreter, and a second memory in its code.
{
  const r = geo(ratioOf('jit / liftoff'));
  target('jit: geomean jit / liftoff ≤ 1.0 (the call)', fmtRatio(r), r !== null && r <= 1.0,
         needs('jit') || (!haveAllScalar ? 'scalar guests left out' : ''));
}
{
  const r = pairedGeomean('host', 'jit');
  target('jit: ≥ 5× faster than mnemo\'s interpreter (geomean mnemo / jit)', fmtRatio(r), r !== null && r >= 5,
         needs('jit') || (!haveAllScalar ? 'scalar guests left out' : ''));
}
{
  const r = paired('jit', 'mm_loadstore.bench1', 'jit', 'mm_loadstore.bench0');
  target('jit: mm_loadstore bench1 / bench0 ≤ 1.05', fmtRatio(r), r !== null && r <= 1.05,
         needs('jit') || (missingGuests('mm_loadstore').length ? 'guest left out' : ''));
}
{
  const r = paired('jit', 'mm_copy', 'jit', 'sm_copy');
  target('jit: mm_copy / sm_copy ≤ 1.05', fmtRatio(r), r !== null && r <= 1.05,
         needs('jit') || (missingGuests('mm_copy', 'sm_copy').length ? 'guest left out' : ''));
}

// ---- compile time ------------------------------------------------------------------------------------
// Per module: mnemo's decoding with validation (`load:`) and its JIT's compile step (`compile:`),
// V8's `new WebAssembly.Module` with Liftoff compiling every function, on its background threads
// as node ships and on the main thread alone. Per MiB of the code section.
const compileRows = compileMods.map((mod) => {
  const runs = compileRuns[mod.name] || [];
  const mib = codeBytesOf(mod.file) / MiB;
  const jit = median(runs.map((c) => c.compile));
  const load = median(runs.map((c) => c.load));
  const both = jit === null ? null : jit + load;
  const v8 = median(compileSamples[mod.name]?.v8), v8single = median(compileSamples[mod.name]?.v8single);
  const last = runs[runs.length - 1];
  return { mod, mib, jit, load, both, v8, v8single, last,
           perMiB: (ms) => (ms === null ? null : ms / mib) };
});
const compileOut = [];
if (compileRows.length) {
  const head = ['module', 'Wasm code', 'mnemo decode+validate ms', 'mnemo JIT compile ms', 'mnemo ms / MiB (both)',
                'machine code / Wasm code', 'liftoff ms', 'liftoff ms / MiB', 'liftoff 1 thread ms / MiB',
                'mnemo / liftoff', 'mnemo / liftoff 1 thread', 'JIT step / liftoff'];
  compileOut.push(`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i ? '---:' : '---')).join(' | ')} |`);
  for (const c of compileRows) {
    const v8Cell = (v) => (v !== null ? fmt(v) : compileNa[c.mod.name] ? 'n/a' : '—');
    const cells = [`${c.mod.name} (${c.mod.what})`, `${(c.mib * 1024).toFixed(c.mib < 0.1 ? 1 : 0)} KiB`,
                   fmtOrDash(c.load), fmtOrDash(c.jit), fmtOrDash(c.perMiB(c.both)),
                   c.last ? (c.last.codeBytes / (c.mib * MiB)).toFixed(2) : '—',
                   v8Cell(c.v8), v8Cell(c.perMiB(c.v8)), v8Cell(c.perMiB(c.v8single)),
                   fmtRatio(ratio(c.both, c.v8)), fmtRatio(ratio(c.both, c.v8single)), fmtRatio(ratio(c.jit, c.v8))];
    compileOut.push(`| ${cells.join(' | ')} |`);
    if (c.last && c.last.interpreted) {
      compileNotes.push(`${c.mod.name}: the JIT left ${c.last.interpreted} of ${c.last.compiled + c.last.interpreted} ` +
                        'functions to the interpreter (their compile is not in its figure)');
    }
  }
  for (const [m, why] of Object.entries(compileNa)) compileNotes.push(`liftoff on ${m}: n/a, ${why}`);
}
for (const c of compileRows.filter((c) => c.mod.target)) {
  const r = ratio(c.both, c.v8);
  target(`jit: compile time per MiB, ${c.mod.name} (${c.mod.what}): mnemo decode+validate+compile / liftoff ≤ 1.0`,
         `${fmtRatio(r)} (the JIT step alone: ${fmtRatio(ratio(c.jit, c.v8))}; against liftoff on one thread: ` +
         `${fmtRatio(ratio(c.both, c.v8single))})`, r !== null && r <= 1.0,
         c.both === null ? 'no JIT figure' : c.v8 === null ? (compileNa[c.mod.name] || 'no liftoff figure') : '');
}

// ---- wasm3 (issue 14): mnemo's interpreter against the peer, natively and both compiled to Wasm ----
{
  const computeRows = COMPUTE_GUESTS.map(rowOf);
  const haveCompute = computeRows.every(Boolean);
  const left = haveCompute ? '' : `some of ${COMPUTE_GUESTS.join(' ')} left out`;
  const ratios = computeRows.map((row) => (row ? ratioOf('mnemo / wasm3')(row) : null));
  const g = haveCompute ? geomean(ratios) : null;
  target(`wasm3: geomean mnemo / wasm3 ≤ 0.45 (${COMPUTE_GUESTS.join(' ')})`, fmtRatio(g), g !== null && g <= 0.45,
         needs('wasm3') || left);
  const worst = ratios.reduce((w, r, i) => (r !== null && (w === null || r > w.r) ? { r, g: COMPUTE_GUESTS[i] } : w), null);
  target('wasm3: none of them above 0.8', worst ? `largest ${fmtRatio(worst.r)} (${worst.g})` : '—',
         haveCompute && worst !== null && ratios.every((r) => r !== null && r <= 0.8), needs('wasm3') || left);
  const band = BANDWIDTH_GUESTS.map((name) => (rowOf(name) ? ratioOf('mnemo / wasm3')(rowOf(name)) : null));
  target(`wasm3: ${BANDWIDTH_GUESTS.join(' and ')} (memory bandwidth) mnemo / wasm3 ≤ 1.05`,
         BANDWIDTH_GUESTS.map((name, i) => `${name} ${fmtRatio(band[i])}`).join(', '),
         band.every((r) => r !== null && r <= 1.05),
         needs('wasm3') || (missingGuests(...BANDWIDTH_GUESTS).length ? 'guests left out' : ''));
  const inNode = haveCompute ? geomean(computeRows.map(ratioOf('wasm(node) / wasm3(node)'))) : null;
  target(`wasm3: Wasm builds in node ${process.version.split('.')[0]}: geomean wasm(node) / wasm3(node) ≤ 0.45 (the same seven)`,
         fmtRatio(inNode), inNode !== null && inNode <= 0.45, needs('wasm', 'wasm3node') || left);
}

// The SIMD ceiling (bench/simd_ceiling.cpp, run by bench/run.sh): what the SIMD paths give with
// no interpreter around them, the bound for the simd target.
function ceilingLines() {
  const f = path.join(OUT, 'simd_ceiling.txt');
  if (!fs.existsSync(f)) return [];
  const lines = fs.readFileSync(f, 'utf8').trim().split('\n').filter(Boolean);
  return ['The simd guest\'s kernel called directly on both SIMD paths, no interpreter (bench/simd_ceiling.cpp, best of 3):',
          ...lines.map((l) => `- ${l}`), ''];
}

// ---- output ------------------------------------------------------------------------------------------
function git(...args) {
  const r = spawnSync('git', ['--no-optional-locks', ...args], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}
const commit = git('rev-parse', '--short', 'HEAD');
const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' with uncommitted changes' : '';
const wabt = spawnSync('wasm-interp', ['--version'], { encoding: 'utf8' }).stdout.trim();
// wasm3's own account of its build ("Wasm3 v0.9.0 on x86_64 / Build: ..., Clang 14.0.6, tail-call").
function wasm3Version() {
  if (byId.wasm3.status !== 'ok') return '';
  const r = spawnSync(byId.wasm3.cmd[0], ['--version'], { encoding: 'utf8' });
  const lines = `${r.stdout}`.trim().split('\n').map((l) => l.replace(/^Build: [^,]*,\s*/, '').trim()).filter(Boolean);
  return lines.length ? `, ${lines.join(', ')}` : '';
}

const text = [
  `Medians of ${RUNS} run(s), ${new Date().toISOString().slice(0, 10)}, commit ${commit || '?'}${dirty}; ` +
    `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() || os.arch()}); node ${process.version}, wabt ${wabt}` +
    `${wasm3Version()}.`,
  'Times in ms. mnemo (interpreter, host SIMD), mnemo jit (the same build, `--engine=jit`), the interpreter\'s ' +
    'scalar-SIMD and hooks-compiled-out builds, wasm(node) (the same CLI built with Emscripten) and liftoff ' +
    '(`node --liftoff --no-wasm-tier-up`): the call alone. wasm-interp (wabt), wasm3 (clang) and wasm3(node) ' +
    `(wasm3 built with Emscripten): the whole process minus the same engine's process on ${BASELINE}.wasm.`,
  '',
  ...out,
  '',
  ...notes.map((n) => `- ${n}`),
  ...(notes.length ? [''] : []),
  ...(compileOut.length ? [
    'Compile time: mnemo `run --time --engine=jit` (decoding with validation, then the JIT\'s compile step); ' +
      'liftoff: `new WebAssembly.Module` under `node --liftoff --no-wasm-tier-up --no-wasm-lazy-compilation` ' +
      '(bench/v8_compile.mjs; node 20 otherwise compiles each function at its first call), with its background ' +
      'compile threads and with `--single-threaded`. Machine code per byte of the code section: the JIT\'s.',
    '',
    ...compileOut,
    ''] : []),
  ...compileNotes.map((n) => `- ${n}`),
  ...(compileNotes.length ? [''] : []),
  '| target | measured | |',
  '| --- | --- | --- |',
  ...targets.map((t) => `| ${t.join(' | ')} |`),
  '',
  ...ceilingLines(),
  'Targets that compare mnemo with itself (SIMD path, second memory, hooks, jit against the interpreter): ' +
    'each run\'s ratio, median over runs.',
  `Every result of every engine (${checked} results) matched the expected values in ${README}` +
    `${compileMods.some((m) => !m.guest) ? ' (the generated modules: wasm-interp\'s)' : ''}.`,
].join('\n');

fs.writeFileSync(RESULTS, text + '\n');
console.log(`\n${text}\n\n(written to ${RESULTS})`);
