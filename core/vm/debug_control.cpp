// core/vm/debug_control.cpp: what the debug instantiation of the dispatch loop calls before and
// during each op (core/vm/debug.h).
#include "core/vm/debug.h"

namespace mnemo::vm {

bool DebugControl::begin_op(const CompiledFunc& func, uint32_t pc, uint32_t depth) {
  if (should_stop(func, pc, depth)) return false;
  op_pc = pc;
  effects.accesses.clear();
  effects.data_segment.reset();
  effects.grow.reset();
  ++executed;
  return true;
}

bool DebugControl::should_stop(const CompiledFunc& func, uint32_t pc, uint32_t depth) {
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

}  // namespace mnemo::vm
