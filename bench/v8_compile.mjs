// bench/v8_compile.mjs: V8's compile time of one module, for the JIT's compile-time target
// (bench/README.md).
//
//   node --liftoff --no-wasm-tier-up --no-wasm-lazy-compilation bench/v8_compile.mjs FILE [EXPORT]
//
// Prints `compile: X ms`, the time `new WebAssembly.Module(bytes)` takes (decoding, validation and
// code generation of every function), then, given EXPORT, instantiates the module, calls the nullary
// export and prints `Result: N` so that the caller can check the compiled code.
//
// node 20 compiles lazily by default (each function on its first call): without
// --no-wasm-lazy-compilation the figure would be validation alone. V8 also compiles on background
// threads beside the main one; bench/measure.mjs runs this script both ways (with and without
// --single-threaded). A small module is compiled first, so V8's one-time set-up is not counted.
import fs from 'node:fs';

const [file, name] = process.argv.slice(2);
if (!file) {
  console.error('usage: node [V8 flags] bench/v8_compile.mjs FILE [EXPORT]');
  process.exit(2);
}
const bytes = fs.readFileSync(file);

// (module (func (result i32) i32.const 1)): warms up the Wasm engine, compiled the same way.
new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0,
                                       10, 6, 1, 4, 0, 65, 1, 11]));

const t0 = performance.now();
const module = new WebAssembly.Module(bytes);
const ms = performance.now() - t0;
console.log(`compile: ${ms.toFixed(3)} ms`);

if (name) {
  const fn = new WebAssembly.Instance(module, {}).exports[name];
  if (typeof fn !== 'function') {
    console.error(`${file}: no exported function ${name}`);
    process.exit(1);
  }
  console.log(`Result: ${fn()}`);
}
