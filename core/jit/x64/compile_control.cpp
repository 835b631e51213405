// core/jit/x64/compile_control.cpp: x86-64's side of control flow, part of the x86-64 Compiler
// (function_compiler.h): the jumps, the condition tests and the fuel charges at the starts of
// straight-line runs (core/jit/fuel_runs.h) that the shared control flow
// (core/jit/baseline_control.h) asks for.
#include "core/jit/x64/function_compiler.h"

namespace mnemo::jit::x64 {

// In a metered store, every straight-line run starts by taking its instruction count from the
// store's fuel (core/jit/fuel_runs.h): a sub with a 32-bit immediate patched when the run ends.
void Compiler::meter() {
  if (!calls_.metered) return;
  close_segment();
  a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(offsetof(InstanceContext, fuel))});
  a_.mov(W::W64, Reg::rax, Mem{Reg::rcx, 0});
  a_.alu_imm32(Alu::sub, W::W64, Reg::rax, 0);
  fuel_.open(a_.size() - 4);
  a_.jcc(Cond::b, trap_here(TrapCode::OutOfFuel).label);  // the fuel left stays as it was
  a_.mov(W::W64, Mem{Reg::rcx, 0}, Reg::rax);
}

// The condition (an i32 at slot s) goes through rcx, so that what runs before its test may reuse
// its register; `ne` holds when it is nonzero.
Isa::Condition Compiler::nonzero(uint32_t s) {
  vs_.copy_to(Reg::rcx, s);
  return {Cond::ne, false};
}

// A value's test comes here, just before its jump: the operands' stores since left the flags
// alone, and so would the test, but the stores may need the value's register first.
void Compiler::jump_if(Condition c, Label& l) {
  if (!c.in_flags) a_.test(W::W32, Reg::rcx, Reg::rcx);
  a_.jcc(c.cond, l);
}

// br_table's case `i`: the index (in rcx) compared with it.
void Compiler::jump_if_index(uint32_t i, Label& l) {
  a_.alu_imm(Alu::cmp, W::W32, Reg::rcx, int32_t(i));
  a_.jcc(Cond::e, l);
}

}  // namespace mnemo::jit::x64
