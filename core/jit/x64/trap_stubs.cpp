// core/jit/x64/trap_stubs.cpp: the out-of-line trap stubs after a function's body, part of the
// x86-64 Compiler (function_compiler.h): each records its trap (core/jit/trap_sites.h) in the
// ThreadState and leaves through its trap exit.
#include "core/jit/x64/function_compiler.h"

#include "core/jit/thread_state.h"

namespace mnemo::jit::x64 {

// After a call out that returned nonzero: the trap's code is recorded; add this place, leave.
void Compiler::propagate_if_trapped() {
  TrapSite& t = traps_.recorded(instr_);
  a_.test(W::W32, Reg::rax, Reg::rax);
  a_.jcc(Cond::ne, t.label);
}

// One stub per trap site, after the body: the fault (rax holds its address), the trap's code
// unless a call out recorded it, and the place, into the ThreadState; then out through its exit.
void Compiler::stubs() {
  for (TrapSite& t : traps_) {
    a_.bind(t.label);
    if (t.fault) {
      if (t.address_past_access) a_.alu_imm(Alu::sub, W::W64, Reg::rax, int32_t(t.size));
      a_.mov(W::W64, state_field(offsetof(ThreadState, fault_address)), Reg::rax);
      a_.mov_imm(W::W64, state_field(offsetof(ThreadState, fault_size)), int32_t(t.size));
      a_.mov_imm(W::W32, state_field(offsetof(ThreadState, fault_memory)), int32_t(t.memory));
      a_.mov_imm(W::W32, state_field(offsetof(ThreadState, fault_kind)), int32_t(t.kind));
      a_.mov_imm(W::W32, state_field(offsetof(ThreadState, has_fault)), 1);
    }
    if (!t.recorded) a_.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_code)), int32_t(t.code));
    a_.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_func)), int32_t(func_index_));
    a_.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_instr)), int32_t(t.instr));
    a_.mov_imm(W::W64, Reg::rcx, reinterpret_cast<uintptr_t>(&inst_));
    a_.mov(W::W64, state_field(offsetof(ThreadState, trap_instance)), Reg::rcx);
    a_.jmp(state_field(offsetof(ThreadState, trap_exit)));
  }
}

}  // namespace mnemo::jit::x64
