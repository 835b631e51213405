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

  // Called before each op; true (and `reason` set) when the run must stop before it.
  bool should_stop(const CompiledFunc& func, uint32_t pc, uint32_t depth) {
    if (!starts_instruction(func, pc)) return false;
    if (executed > 0) {
      if (mode == Session::Mode::StepInto) return stop(StopReason::Step);
      if (mode == Session::Mode::StepOver && depth <= start_depth) return stop(StopReason::Step);
      if (mode == Session::Mode::StepOut && depth < start_depth) return stop(StopReason::Step);
    }
    if (executed > 0 || break_at_first) {
      const CodeLocation here{func.func_index, func.instr_at[pc], func.instance};
      for (const CodeLocation& b : breakpoints)
        if (b == here) return stop(StopReason::Breakpoint);
    }
    if (pause_requested || executed >= budget) return stop(StopReason::Paused);
    return false;
  }
  bool stop(StopReason r) {
    reason = r;
    return true;
  }
};

}  // namespace mnemo::vm
