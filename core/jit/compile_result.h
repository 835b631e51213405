// core/jit/compile_result.h: what a backend's compiler makes of one function, in the terms the
// shared engine (core/jit/jit_engine.h) lays out, links and lists: the code, the accesses left to
// the guard pages, the direct calls to link, and why a function was left to the interpreter.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/jit/guard_sites.h"

namespace mnemo::jit {

// A call to another function of the same instance at code offset `at` (the branch's own field:
// x86-64's rel32, AArch64's bl): the engine links it once every function of the instance is placed,
// to the callee's code or, when it has none, to its interpreter thunk.
struct DirectCall {
  uint32_t at = 0;
  uint32_t callee = 0;
};

struct CompileResult {
  std::vector<uint8_t> code;  // empty when not compiled
  std::vector<GuardSite> guard_sites;  // the accesses left to the guard pages
  std::vector<DirectCall> direct_calls;
  std::string why_not;        // what the compiler does not handle yet, when not compiled
  std::string stopped_at;     // its instruction's name ("f64.add"), or what else stopped it
  // For listings (jit::MachineCode): (instruction, offset) where the code of each of the body's
  // instructions starts, ascending; the trap stubs after the body start at (body size, offset).
  // Optional: empty, listings show the code without its instructions.
  std::vector<std::pair<uint32_t, uint32_t>> instr_offsets;
};

// Whether a compile records CompileResult::instr_offsets: listings want them, running code does
// not (they take as much memory as a third of the code).
enum class InstrOffsets : uint8_t { Record, Skip };

}  // namespace mnemo::jit
