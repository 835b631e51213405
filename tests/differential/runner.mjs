// tests/differential/runner.mjs: V8's side of the differential check (run by run.sh with node 26,
// whose V8 has multi-memory). For each module file: instantiate it with a fresh
// WebAssembly.Memory for each imported memory (of the imported limits), call every exported
// function in export order (state persists, as in wasm-interp's --run-all-exports) and print
// the canonical lines of tests/differential/canonical.h with exact float bits.
//   node runner.mjs FILE...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

// The JS API does not say an import's limits or an export's result type (type reflection is
// not shipped), so the few sections that do are read from the binary here.
function readSections(bytes) {
  let pos = 8;
  const u32 = () => {
    let result = 0, shift = 0, b;
    do {
      b = bytes[pos++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return result;
  };
  const name = () => {
    const n = u32();
    const s = Buffer.from(bytes.subarray(pos, pos + n)).toString('utf8');
    pos += n;
    return s;
  };
  const limits = () => {
    const flags = bytes[pos++];
    const min = u32();
    return flags & 1 ? { initial: min, maximum: u32() } : { initial: min };
  };
  const types = [], imports = [], funcTypes = [], exports = [];
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = u32();
    const end = pos + size;
    if (id === 1) {
      for (let n = u32(); n > 0; --n) {
        pos++;  // 0x60
        const params = [];
        for (let p = u32(); p > 0; --p) params.push(bytes[pos++]);
        const results = [];
        for (let r = u32(); r > 0; --r) results.push(bytes[pos++]);
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; --n) {
        const imp = { module: name(), name: name(), kind: bytes[pos++] };
        if (imp.kind === 0) funcTypes.push(u32());
        else if (imp.kind === 1) { pos++; limits(); }
        else if (imp.kind === 2) imp.limits = limits();
        else pos += 2;  // global: value type, mutability
        imports.push(imp);
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; --n) funcTypes.push(u32());
    } else if (id === 7) {
      for (let n = u32(); n > 0; --n) exports.push({ name: name(), kind: bytes[pos++], index: u32() });
    }
    pos = end;
  }
  return { types, imports, funcTypes, exports };
}

const f32 = new Float32Array(1), u32view = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64view = new BigUint64Array(f64.buffer);

function format(type, value) {
  switch (type) {
    case 0x7f: return `i32:${value >>> 0}`;
    case 0x7e: return `i64:${BigInt.asUintN(64, value)}`;
    case 0x7d:
      if (Number.isNaN(value)) return 'f32:nan';
      f32[0] = value;
      return `f32:0x${u32view[0].toString(16).padStart(8, '0')}`;
    case 0x7c:
      if (Number.isNaN(value)) return 'f64:nan';
      f64[0] = value;
      return `f64:0x${u64view[0].toString(16).padStart(16, '0')}`;
    default: return `unsupported-result-type:${type}`;
  }
}

// V8's trap messages, as categories (canonical.h). V8 says "function signature mismatch" for a
// null table entry as for a wrong type, and "float unrepresentable in integer range" for a NaN
// as for a float out of range (the spec's "invalid conversion" and "integer overflow"); run.sh
// merges mnemo's categories the same way for this comparison only. It also says "table index is
// out of bounds" both for call_indirect past the end and for table.get / set / fill / copy / init
// out of bounds.
const categories = [
  ['memory access out of bounds', 'oob'],
  ['divide by zero', 'div0'],
  ['remainder by zero', 'div0'],
  ['divide result unrepresentable', 'int-overflow-or-conv'],
  ['float unrepresentable in integer range', 'int-overflow-or-conv'],
  ['unreachable', 'unreachable'],
  ['function signature mismatch', 'indirect-type-or-null'],
  ['table index is out of bounds', 'table-index'],
  ['element segment out of bounds', 'table-index'],
  ['Maximum call stack size exceeded', 'stack'],
];
function category(error) {
  const message = String(error && error.message);
  for (const [fragment, name] of categories) if (message.includes(fragment)) return name;
  return `other(${message})`;
}

const lines = [];
for (const path of process.argv.slice(2)) {
  lines.push(`module ${basename(path)}`);
  try {
    const bytes = new Uint8Array(readFileSync(path));
    const info = readSections(bytes);
    const imports = {};
    for (const imp of info.imports) {
      if (imp.kind !== 2) throw new Error(`cannot satisfy import ${imp.module}.${imp.name}`);
      (imports[imp.module] ??= {})[imp.name] ??= new WebAssembly.Memory(imp.limits);  // one per name
    }
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
    for (const e of info.exports) {
      if (e.kind !== 0) continue;
      const type = info.types[info.funcTypes[e.index]];
      if (type.params.length !== 0) continue;
      let line = `${e.name}:`;
      try {
        const result = instance.exports[e.name]();
        if (type.results.length === 1) line += ` ${format(type.results[0], result)}`;
      } catch (error) {
        line += ` trap:${category(error)}`;
      }
      lines.push(line);
    }
  } catch (error) {
    lines.push(`error: ${error.message}`);
  }
}
process.stdout.write(lines.join('\n') + '\n');
