// core/jit/x64/compile_calls.cpp: calls, part of the x86-64 Compiler (function_compiler.h):
// direct calls within the instance, calls through a FuncEntry (imports, call_indirect), and the
// calls out to the runtime for tables, segments and bulk memory. Which slots they take is
// shared (core/jit/baseline_calls.h).
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

// call_indirect's callee from the engine (rax: its entry, or null after a trap recorded), by the
// table index at slot `index`; then the call of its FuncEntry.
void Compiler::call_through_table(const Instr& in, uint32_t index, uint32_t base) {
  a_.mov(W::W64, Reg::rdi, kState);
  load_pointer(Reg::rsi, inst_.tables[in.index2]);
  a_.mov_imm(W::W64, Reg::rdx, inst_.type_ids[in.index]);
  a_.mov(W::W32, Reg::rcx, slot(index));
  call_out(reinterpret_cast<const void*>(calls_.call_indirect));  // rax: the callee's entry, or null
  TrapSite& t = traps_.recorded(instr_);
  a_.test(W::W64, Reg::rax, Reg::rax);
  a_.jcc(Cond::e, t.label);
  call_entry_in_rax(base);
}

// memory.grow: the engine grows the memory by the pages at slot `at`, the result there.
void Compiler::memory_grow(const Instr& in, uint32_t at) {
  load_pointer(Reg::rdi, inst_.memories[in.mem.memory]);
  a_.lea(W::W64, Reg::rsi, slot(at));
  call_out(reinterpret_cast<const void*>(calls_.memory_grow));
}

// memory.fill on the operands from slot `at`.
void Compiler::memory_fill(const Instr& in, uint32_t at) {
  a_.mov(W::W64, Reg::rdi, kState);
  load_pointer(Reg::rsi, inst_.memories[in.mem.memory]);
  a_.mov_imm(W::W64, Reg::rdx, in.mem.memory);
  a_.lea(W::W64, Reg::rcx, slot(at));
  call_out(reinterpret_cast<const void*>(calls_.memory_fill));
  propagate_if_trapped();
}

// memory.copy on the operands from slot `at`.
void Compiler::memory_copy(const Instr& in, uint32_t at) {
  a_.mov(W::W64, Reg::rdi, kState);
  load_pointer(Reg::rsi, inst_.memories[in.mem.memory]);
  load_pointer(Reg::rdx, inst_.memories[in.mem_src]);
  a_.lea(W::W64, Reg::rcx, slot(at));
  a_.mov_imm(W::W64, Reg::r8, uint64_t(in.mem_src) << 32 | in.mem.memory);
  call_out(reinterpret_cast<const void*>(calls_.memory_copy));
  propagate_if_trapped();
}

}  // namespace mnemo::jit::x64
