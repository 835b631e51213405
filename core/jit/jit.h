// core/jit/jit.h: the baseline JIT as an Engine (core/runtime/engine.h). Where this build has a
// backend for the host (x86-64, core/jit/x64/; ARM64, core/jit/arm64/), make_jit returns an
// engine (core/jit/jit_engine.cpp) that compiles every function it can and leaves the rest, debug
// sessions included, to the interpreter, which shares the store and the slot-frame layout.
// Elsewhere (Emscripten, which has no executable memory to write) there is no JIT to make.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/jit/disassemble.h"
#include "core/result.h"
#include "core/runtime/engine.h"

namespace mnemo::jit {

struct JitOptions {
  // How compiled accesses to a Guarded memory (core/runtime/memory.h) are bounds checked: by the
  // guard pages (the default; other memories are always checked explicitly), or explicitly.
  enum class Bounds : uint8_t { GuardPages, Explicit };
  Bounds bounds = Bounds::GuardPages;
  // Threads that compile a big module's functions (1: the instantiating thread alone). The code
  // is the same either way.
  unsigned compile_threads = 2;
};

std::unique_ptr<Engine> make_jit(Store& store, std::string& why_not, const JitOptions& options = {});

// What a JIT engine compiled: how many defined functions got machine code, how many were left to
// the interpreter, and for those the first instruction it stopped at, by opcode ("f64.add": 12).
struct JitStats {
  uint32_t compiled = 0;
  uint32_t interpreted = 0;
  uint64_t code_bytes = 0;    // machine code of the compiled functions
  uint64_t instructions = 0;  // their bodies' WebAssembly instructions
  uint64_t compile_ns = 0;    // time spent compiling, from the validated bodies to executable code
  std::map<std::string, uint32_t> stopped_at;
};
// Null when `engine` is not a JIT.
const JitStats* jit_stats(const Engine& engine);

// The machine code a JIT engine runs for one function, for listings (`mnemo dump --code`).
struct MachineCode {
  MachineArch arch = MachineArch::X64;
  const uint8_t* address = nullptr;  // where it runs
  std::vector<uint8_t> bytes;        // a copy of the code
  // (instruction, offset): the code from `offset` up to the next entry's came from the body's
  // instruction `instruction`; ascending offsets. Empty when the compiler recorded none.
  std::vector<std::pair<uint32_t, uint32_t>> instr_offsets;
  // (offset, what): remarks on the instruction at `offset` ("trap stub", ...); ascending.
  std::vector<std::pair<uint32_t, std::string>> notes;
  // (address, what): addresses the code holds as constants ("runtime: memory.grow", "memory 1"),
  // named beside the instructions that hold them.
  std::vector<std::pair<uint64_t, std::string>> symbols;
};
// What JIT engine `engine` made of wasm function `func` of one of its instances. An Error saying
// why when there is no machine code: "not compiled: v128.add (instruction 3)", a host function,
// or `engine` is no JIT.
Result<MachineCode> function_code(const Engine& engine, const FuncInstance& func);

}  // namespace mnemo::jit
