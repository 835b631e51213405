// core/jit/arm64/trap_stubs.cpp: the out-of-line trap stubs after a function's body, part of the
// AArch64 Compiler (function_compiler.h): each records its trap (core/jit/trap_sites.h) in the
// ThreadState, then joins one tail per function that records the function and the instance and
// leaves through the trap exit.
#include "core/jit/arm64/function_compiler.h"
#include "core/jit/thread_state.h"

namespace mnemo::jit::arm64 {

// After a call out that returned nonzero in w0: the trap's code is recorded; add this place, leave.
void Compiler::propagate_if_trapped() {
  TrapSite& t = traps_.recorded(instr_);
  a_.cbnz(W::W32, Reg::x0, t.label);
}

// One stub per trap site, after the body: the fault (x16 holds its address), the trap's code
// unless a call out recorded it, and the instruction, into the ThreadState; then the shared tail.
void Compiler::stubs() {
  Label tail;
  bool any = false;
  auto put32 = [this](uint32_t value, size_t field) {
    if (value == 0) {
      a_.str(W::W32, Reg::zr, state_field(field));
      return;
    }
    a_.mov_imm(W::W32, kScratch1, value);
    a_.str(W::W32, kScratch1, state_field(field));
  };
  for (TrapSite& t : traps_) {
    any = true;
    a_.bind(t.label);
    if (t.fault) {
      if (t.address_past_access) a_.sub(W::W64, kScratch0, kScratch0, t.size);
      a_.str(W::W64, kScratch0, state_field(offsetof(ThreadState, fault_address)));
      a_.mov_imm(W::W64, kScratch1, t.size);
      a_.str(W::W64, kScratch1, state_field(offsetof(ThreadState, fault_size)));
      put32(t.memory, offsetof(ThreadState, fault_memory));
      put32(uint32_t(t.kind), offsetof(ThreadState, fault_kind));
      put32(1, offsetof(ThreadState, has_fault));
    }
    if (!t.recorded) put32(uint32_t(t.code), offsetof(ThreadState, trap_code));
    put32(t.instr, offsetof(ThreadState, trap_instr));
    a_.b(tail);
  }
  if (!any) return;
  a_.bind(tail);
  put32(func_index_, offsetof(ThreadState, trap_func));
  load_pointer(kScratch1, &inst_);
  a_.str(W::W64, kScratch1, state_field(offsetof(ThreadState, trap_instance)));
  a_.ldr(W::W64, kScratch1, state_field(offsetof(ThreadState, trap_exit)));
  a_.br(kScratch1);
}

}  // namespace mnemo::jit::arm64
