// core/jit/x64/compile_calls.cpp: calls, part of the x86-64 Compiler (function_compiler.h):
// direct calls within the instance, calls through a FuncEntry (imports, call_indirect), and the
// calls out to the runtime for tables, segments and memory.init.
#include "core/jit/x64/function_compiler.h"

#include "core/jit/thread_state.h"

namespace mnemo::jit::x64 {

// A call into compiled code takes one of the frames left (its callee's return gives it back);
// none left: "call stack exhausted" at this call, where the interpreter reports it.
void Compiler::take_a_frame() {
  a_.alu_imm(Alu::sub, W::W32, state_field(offsetof(ThreadState, depth_left)), 1);
  a_.jcc(Cond::b, trap_here(TrapCode::CallStackExhausted).label);
}

// A call whose arguments start at slot `base` (everything already in its slot): compiled callees
// are entered directly, with their own instance's context; anything else goes through the engine.
void Compiler::call(uint32_t func, uint32_t base) {
  if (func >= inst_.module->imported_count(ExternKind::Func)) {
    // Ours: the same context, the callee's code (or its thunk) linked by the engine.
    take_a_frame();
    a_.lea(W::W64, kFp, slot(base));
    direct_calls_.push_back({a_.call_rel32(), func});
    a_.lea(W::W64, kFp, Mem{kFp, -int32_t(8 * base)});
    vs_.reload_pinned_base();
    return;
  }
  load_pointer(Reg::rax, static_cast<FuncEntry*>(inst_.funcs[func]));
  call_entry_in_rax(base);
}

// The call of the FuncEntry in rax: on the same stacks when it has machine code, so that
// recursion through any kind of call counts against the same depth and slot stack.
void Compiler::call_entry_in_rax(uint32_t base) {
  Label slow, done;
  a_.mov(W::W64, Reg::rcx, Mem{Reg::rax, int32_t(offsetof(FuncEntry, native))});
  a_.test(W::W64, Reg::rcx, Reg::rcx);
  a_.jcc(Cond::e, slow);
  take_a_frame();
  a_.mov(W::W64, kCtx, Mem{Reg::rax, int32_t(offsetof(FuncEntry, context))});
  a_.lea(W::W64, kFp, slot(base));
  a_.call(Reg::rcx);
  a_.lea(W::W64, kFp, Mem{kFp, -int32_t(8 * base)});
  load_pointer(kCtx, inst_.context());
  a_.jmp(done);
  a_.bind(slow);
  a_.mov(W::W64, Reg::rdi, kState);
  a_.mov(W::W64, Reg::rsi, Reg::rax);
  a_.lea(W::W64, Reg::rdx, slot(base));
  call_out(reinterpret_cast<const void*>(calls_.call));
  propagate_if_trapped();
  a_.bind(done);
  vs_.reload_pinned_base();
}

// A table, segment or memory.init instruction, done by the engine on the operands from `base`.
void Compiler::bulk(const Instr& in, uint32_t base, const void* a, const void* b) {
  a_.mov(W::W64, Reg::rdi, kState);
  a_.mov_imm(W::W64, Reg::rsi, uint64_t(in.op) | uint64_t(in.mem.memory) << 32);
  load_pointer(Reg::rdx, a);
  load_pointer(Reg::rcx, b);
  a_.lea(W::W64, Reg::r8, slot(base));
  call_out(reinterpret_cast<const void*>(calls_.bulk));
  propagate_if_trapped();
}

// call: every value to its slot, the callee entered, its results in their slots.
void Compiler::call_instr(const Instr& in, uint32_t h0) {
  FuncInstance* f = inst_.funcs[in.index];
  vs_.flush_all(h0);
  call(in.index, h0 - f->param_slots);
  results_in_slots(h0 - f->param_slots);
}

// call_indirect: the engine finds the callee (the table's bounds, null and the type checked, a
// trap recorded otherwise); then the call of its FuncEntry.
void Compiler::call_indirect(const Instr& in, uint32_t h0) {
  const FuncType& ft = inst_.module->types[in.index];
  uint32_t params = 0;
  for (ValType t : ft.params) params += walk_slots(t);
  const uint32_t base = h0 - 1 - params;
  vs_.flush_all(h0);
  a_.mov(W::W64, Reg::rdi, kState);
  load_pointer(Reg::rsi, inst_.tables[in.index2]);
  a_.mov_imm(W::W64, Reg::rdx, inst_.type_ids[in.index]);
  a_.mov(W::W32, Reg::rcx, slot(h0 - 1));
  call_out(reinterpret_cast<const void*>(calls_.call_indirect));  // rax: the callee's entry, or null
  TrapSite& t = traps_.recorded(instr_);
  a_.test(W::W64, Reg::rax, Reg::rax);
  a_.jcc(Cond::e, t.label);
  call_entry_in_rax(base);
  results_in_slots(base);
}

}  // namespace mnemo::jit::x64
