// tests/differential/mnemo_runner.h: runs one module in this build of mnemo the way
// `wasm-interp --run-all-exports` does: instantiate (imported memories are fresh memories of
// the imported type), call every exported function with no parameters in export order, state
// persisting between calls, and print one canonical line per export (canonical.h). Then it
// hashes every memory natively and prints `mem<i>: pages=<n> hash=<hex>`; where the module
// exports hash_mem<i> (generated modules do), the native hash must equal the one computed in
// Wasm, or a `self-check` line says they differ.
#pragma once

#include <map>
#include <ostream>
#include <string>

#include "core/runtime/engine.h"
#include "tests/differential/canonical.h"

namespace mnemo::diff {

struct RunCounts {
  uint32_t exports = 0;
  uint32_t self_check_failures = 0;  // native hash != in-Wasm hash; also modules that did not load
  // With the JIT: its functions compiled, and those left to the interpreter by what stopped them.
  uint32_t jit_compiled = 0;
  uint32_t jit_interpreted = 0;
  uint64_t jit_code_bytes = 0;
  uint64_t jit_instructions = 0;
  std::map<std::string, uint32_t> jit_stopped_at;
};

// `engine`: which of mnemo's engines runs it (core/engines/make_engine.h); it must exist here.
RunCounts run_module_file(const std::string& path, FloatFormat floats, EngineKind engine, std::ostream& out);

}  // namespace mnemo::diff
