// core/jit/arm64/compile_calls.cpp: calls, part of the AArch64 Compiler (function_compiler.h):
// direct calls within the instance (a bl the engine links), calls through a FuncEntry (imports,
// call_indirect), and the calls out to the runtime for tables, segments and bulk memory. Which
// slots they take is shared (core/jit/baseline_calls.h).
#include "core/jit/arm64/function_compiler.h"
#include "core/jit/thread_state.h"

namespace mnemo::jit::arm64 {

// A call into compiled code takes one of the frames left (its callee's return gives it back);
// none left: "call stack exhausted" at this call, where the interpreter reports it.
void Compiler::take_a_frame() {
  a_.ldr(W::W32, kScratch2, state_field(offsetof(ThreadState, depth_left)));
  a_.subs(W::W32, kScratch2, kScratch2, 1);
  a_.b(Cond::lo, trap_here(TrapCode::CallStackExhausted).label);
  a_.str(W::W32, kScratch2, state_field(offsetof(ThreadState, depth_left)));
}

// The frame register moves up to the callee's frame at slot `base` (add) or back (sub), through
// x8 when the offset has no immediate field (x16 and x17 may hold the callee).
void Compiler::move_frame(AddSub op, uint32_t base) {
  const uint64_t bytes = uint64_t(8) * base;
  if (Assembler::is_add_sub_immediate(bytes)) {
    a_.add_sub_imm(op, W::W64, kFp, kFp, bytes);
  } else {
    a_.mov_imm(W::W64, kScratch2, bytes);
    a_.add_sub(op, W::W64, kFp, kFp, kScratch2);
  }
}

// A call whose arguments start at slot `base` (everything already in its slot): compiled callees
// are entered directly, with their own instance's context; anything else goes through the engine.
void Compiler::call(uint32_t func, uint32_t base) {
  if (func >= inst_.module->imported_count(ExternKind::Func)) {
    // Ours: the same context, the callee's code (or its thunk) linked by the engine.
    take_a_frame();
    move_frame(AddSub::add, base);
    direct_calls_.push_back({a_.size(), func});
    a_.bl(0);  // linked by the engine
    move_frame(AddSub::sub, base);
    vs_.reload_pinned_base();
    return;
  }
  load_pointer(kScratch0, static_cast<FuncEntry*>(inst_.funcs[func]));
  call_entry_in_x16(base);
}

// The call of the FuncEntry in x16: on the same stacks when it has machine code, so that
// recursion through any kind of call counts against the same depth and slot stack.
void Compiler::call_entry_in_x16(uint32_t base) {
  Label slow, done;
  a_.ldr(W::W64, kScratch1, Mem::at(kScratch0, int64_t(offsetof(FuncEntry, native))));
  a_.cbz(W::W64, kScratch1, slow);
  take_a_frame();
  a_.ldr(W::W64, kCtx, Mem::at(kScratch0, int64_t(offsetof(FuncEntry, context))));
  move_frame(AddSub::add, base);
  a_.blr(kScratch1);
  move_frame(AddSub::sub, base);
  load_pointer(kCtx, inst_.context());
  a_.b(done);
  a_.bind(slow);
  a_.mov(W::W64, Reg::x0, kState);
  a_.mov(W::W64, Reg::x1, kScratch0);
  add_imm64(Reg::x2, kFp, uint64_t(8) * base);
  call_out(reinterpret_cast<const void*>(calls_.call));
  propagate_if_trapped();
  a_.bind(done);
  vs_.reload_pinned_base();
}

// A table, segment or memory.init instruction, done by the engine on the operands from `base`.
void Compiler::bulk(const Instr& in, uint32_t base, const void* a, const void* b) {
  a_.mov(W::W64, Reg::x0, kState);
  a_.mov_imm(W::W64, Reg::x1, uint64_t(in.op) | uint64_t(in.mem.memory) << 32);
  load_pointer(Reg::x2, a);
  load_pointer(Reg::x3, b);
  add_imm64(Reg::x4, kFp, uint64_t(8) * base);
  call_out(reinterpret_cast<const void*>(calls_.bulk));
  propagate_if_trapped();
}

// call_indirect's callee from the engine (x0: its entry, or null after a trap recorded), by the
// table index at slot `index`; then the call of its FuncEntry.
void Compiler::call_through_table(const Instr& in, uint32_t index, uint32_t base) {
  a_.mov(W::W64, Reg::x0, kState);
  load_pointer(Reg::x1, inst_.tables[in.index2]);
  a_.mov_imm(W::W64, Reg::x2, inst_.type_ids[in.index]);
  a_.ldr(W::W32, Reg::x3, slot(index));
  call_out(reinterpret_cast<const void*>(calls_.call_indirect));  // x0: the callee's entry, or null
  TrapSite& t = traps_.recorded(instr_);
  a_.cbz(W::W64, Reg::x0, t.label);
  a_.mov(W::W64, kScratch0, Reg::x0);
  call_entry_in_x16(base);
}

// memory.grow: the engine grows the memory by the pages at slot `at`, the result there.
void Compiler::memory_grow(const Instr& in, uint32_t at) {
  load_pointer(Reg::x0, inst_.memories[in.mem.memory]);
  add_imm64(Reg::x1, kFp, uint64_t(8) * at);
  call_out(reinterpret_cast<const void*>(calls_.memory_grow));
}

// memory.fill on the operands from slot `at`.
void Compiler::memory_fill(const Instr& in, uint32_t at) {
  a_.mov(W::W64, Reg::x0, kState);
  load_pointer(Reg::x1, inst_.memories[in.mem.memory]);
  a_.mov_imm(W::W64, Reg::x2, in.mem.memory);
  add_imm64(Reg::x3, kFp, uint64_t(8) * at);
  call_out(reinterpret_cast<const void*>(calls_.memory_fill));
  propagate_if_trapped();
}

// memory.copy on the operands from slot `at`.
void Compiler::memory_copy(const Instr& in, uint32_t at) {
  a_.mov(W::W64, Reg::x0, kState);
  load_pointer(Reg::x1, inst_.memories[in.mem.memory]);
  load_pointer(Reg::x2, inst_.memories[in.mem_src]);
  add_imm64(Reg::x3, kFp, uint64_t(8) * at);
  a_.mov_imm(W::W64, Reg::x4, uint64_t(in.mem_src) << 32 | in.mem.memory);
  call_out(reinterpret_cast<const void*>(calls_.memory_copy));
  propagate_if_trapped();
}

}  // namespace mnemo::jit::arm64
