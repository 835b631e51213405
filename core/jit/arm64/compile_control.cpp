// core/jit/arm64/compile_control.cpp: AArch64's side of control flow, part of the AArch64
// Compiler (function_compiler.h): the condition tests and br_table's comparisons, and the fuel
// charges at the starts of straight-line runs (core/jit/fuel_runs.h) that the shared control flow
// (core/jit/baseline_control.h) asks for.
#include "core/jit/arm64/function_compiler.h"

namespace mnemo::jit::arm64 {

// In a metered store, every straight-line run starts by taking its instruction count from the
// store's fuel (core/jit/fuel_runs.h): a movz / movk pair patched when the run ends. Fuel left
// below the count traps, the fuel left as it was.
void Compiler::meter() {
  if (!calls_.metered) return;
  close_segment();
  a_.ldr(W::W64, kScratch1, Mem::at(kCtx, int64_t(offsetof(InstanceContext, fuel))));
  a_.ldr(W::W64, kScratch0, Mem::at(kScratch1));
  fuel_.open(mov32_later(kScratch2));
  a_.subs(W::W64, kScratch0, kScratch0, kScratch2);
  a_.b(Cond::lo, trap_here(TrapCode::OutOfFuel).label);
  a_.str(W::W64, kScratch0, Mem::at(kScratch1));
}

// The condition (an i32 at slot s) compared with zero in its register; `ne` holds when it is
// nonzero.
Cond Compiler::nonzero(uint32_t s) {
  const Loc l = vs_.at(s);
  if (l.kind == Loc::Gpr) {
    a_.cmp(W::W32, Reg(l.reg), 0);
  } else {
    vs_.copy_to(kScratch1, s);
    a_.cmp(W::W32, kScratch1, 0);
  }
  return Cond::ne;
}

// br_table's case `i`: the index (in x17) compared with it.
void Compiler::jump_if_index(uint32_t i, Label& l) {
  if (Assembler::is_add_sub_immediate(i)) {
    a_.cmp(W::W32, kScratch1, i);
  } else {
    a_.mov_imm(W::W32, kScratch2, i);
    a_.cmp(W::W32, kScratch1, kScratch2);
  }
  a_.b(Cond::eq, l);
}

}  // namespace mnemo::jit::arm64
