// core/vm/debug.h: what the debug instantiation of the dispatch loop consults before each op and
// fills after it (core/vm/session.h is the public face).
#pragma once

#include <cstdint>
#include <vector>

#include "core/vm/code.h"
#include "core/vm/session.h"

namespace mnemo::vm {

struct DebugControl {
  Session::Mode mode = Session::Mode::Continue;
  uint64_t budget = UINT64_MAX;
  uint64_t executed = 0;      // ops run since run() began
  uint32_t start_depth = 0;   // frame depth when run() began
  bool pause_requested = false;
  const CompiledFunc* entry = nullptr;
  std::vector<CodeLocation> breakpoints;
  StepEffects effects;        // of the last op
  StopReason reason = StopReason::Paused;
  uint32_t op_pc = 0;         // code word of the op being executed
  bool break_at_first = false;  // a breakpoint on the very first op stops (nothing ran yet)

  // True when the op at `pc` of `func` starts an instruction (the first op translated from it).
  static bool starts_instruction(const CompiledFunc& func, uint32_t pc) {
    return pc == 0 || func.instr_at[pc - 1] != func.instr_at[pc];
  }

  // The debug loop's calls, out of line (core/vm/debug_control.cpp): the loop has some two
  // thousand handlers, and inlining these into each made it take minutes to compile.
  //
  // Before each op: false (and `reason` set) when the run must stop before the op at `pc` of
  // `func`; otherwise starts the op's record of effects.
  bool begin_op(const CompiledFunc& func, uint32_t pc, uint32_t depth);
  // True when the run must stop before the op at `pc`.
  bool should_stop(const CompiledFunc& func, uint32_t pc, uint32_t depth);
  // Records an access of the op being executed, as its handler saw it.
  void record_access(const MemoryAccess& access) { effects.accesses.push_back(access); }
  bool stop(StopReason r) {
    reason = r;
    return true;
  }
};

}  // namespace mnemo::vm
