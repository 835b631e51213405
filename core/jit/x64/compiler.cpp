// core/jit/x64/compiler.cpp: one pass over a validated body, values in registers where the
// value stack (core/jit/x64/value_stack.h) can keep them (see compiler.h for what is compiled and
// the register convention): the frame, select and globals, and the entry points. The walk over
// the body is shared (core/jit/baseline_compiler.h). The Compiler's other concerns have files
// of their own (function_compiler.h).
#include "core/jit/x64/compiler.h"

#include "core/jit/memory_bases.h"
#include "core/jit/thread_state.h"
#include "core/jit/x64/function_compiler.h"

namespace mnemo::jit::x64 {

// The guard sites and the code, out of the assembler (into the thread's buffer back, when it
// lent one).
void Compiler::finish(CompileResult& out) {
  for (const Guarded& g : guarded_)
    out.guard_sites.push_back({g.pc, g.disp, uint32_t(g.stub->label.at), g.index});
  out.direct_calls = std::move(direct_calls_);
  if (scratch_) {
    out.code = a_.code();
    a_.give_back_buffer(*scratch_);
  } else {
    out.code = a_.take_code();
  }
}

// The host stack and the slot stack are checked before anything runs (the call depth, at the
// call: a trap there names the call, as the interpreter's does). Declared
// locals start as constant zeros in the value stack (written to their slots only if they must
// be); v128 ones are zeroed in their slots.
void Compiler::prologue() {
  a_.alu_imm(Alu::sub, W::W64, Reg::rsp, 8);  // calls out find the stack 16-byte aligned
  a_.alu(Alu::cmp, W::W64, Reg::rsp, state_field(offsetof(ThreadState, native_limit)));
  a_.jcc(Cond::b, trap_here(TrapCode::CallStackExhausted).label);
  a_.lea(W::W64, Reg::rax, Mem{kFp, 0x7fffffff});  // the frame's end: patched once the walk knows it
  frame_size_at_ = a_.size() - 4;
  a_.alu(Alu::cmp, W::W64, Reg::rax, state_field(offsetof(ThreadState, slots_end)));
  a_.jcc(Cond::a, trap_here(TrapCode::CallStackExhausted).label);
  pin_hot_memory();
  const auto& types = walk_.local_types();
  const auto& slots = walk_.local_slots();
  bool zeroed = false;
  for (size_t i = 0; i < types.size(); ++i) {
    if (slots[i] < walk_.param_slots()) continue;
    if (types[i] != ValType::V128) {
      vs_.set_const(slots[i], 0, types[i]);
      continue;
    }
    if (!zeroed) a_.alu(Alu::xor_, W::W32, Reg::rax, Reg::rax);
    zeroed = true;
    a_.mov(W::W64, slot(slots[i]), Reg::rax);
    a_.mov(W::W64, slot(slots[i] + 1), Reg::rax);
  }
}

// The memory the body reaches most often, if it leaves its bounds to the guard pages (its base
// never moves), keeps its base in r15 throughout.
void Compiler::pin_hot_memory() {
  const int32_t hot = hottest_guarded_memory(inst_, calls_.guard_pages, fn_.body);
  if (hot >= 0) vs_.pin_base(uint32_t(hot), Reg::r15);
}

// The results, at slot `results`, go to the frame's base; the frame is left.
void Compiler::return_from(uint32_t results) {
  vs_.store_values(results, 0, walk_.result_slots());
  a_.alu_imm(Alu::add, W::W32, state_field(offsetof(ThreadState, depth_left)), 1);
  a_.alu_imm(Alu::add, W::W64, Reg::rsp, 8);
  a_.ret();
}

// A v128 from slots `from` to slots `to`, whole: one 16-byte load and store (the v128
// instructions read it so; halves written apart could not be forwarded to that load).
void Compiler::move_v128(uint32_t from, uint32_t to) {
  a_.movdqu(Xmm::xmm0, slot(from));
  a_.movdqu(slot(to), Xmm::xmm0);
}

// select on integers: cmov. Floats and v128 go in slot form (false).
bool Compiler::select(ValType type, uint32_t h0) {
  if (floating(type) || type == ValType::V128) return false;
  const uint32_t cond = h0 - 1, b = h0 - 2, a = h0 - 3;
  Pins pins;
  const Reg rc = vs_.to_gpr(cond, pins);
  pins.pin(vs_.at(cond));
  const Reg rb = vs_.to_gpr(b, pins);
  pins.pin(vs_.at(b));
  const Reg d = writable_gpr(a, pins);
  a_.test(W::W32, rc, rc);
  a_.cmov(Cond::e, W::W64, d, rb);
  vs_.set_slot(cond, ValType::I32);
  vs_.set_slot(b, type);
  vs_.set_gpr(a, d, type);
  return true;
}

// A v128 global's two value slots, through xmm0.
void Compiler::global_v128(bool get, size_t cell, uint32_t h0) {
  load_cell_pointer(cell);
  if (get) {
    a_.movdqu(Xmm::xmm0, Mem{Reg::rcx, 0});
    a_.movdqu(slot(h0), Xmm::xmm0);
    vs_.set_slot(h0, ValType::V128);
    vs_.set_slot(h0 + 1, ValType::V128);
  } else {
    a_.movdqu(Xmm::xmm0, slot(h0 - 2));
    a_.movdqu(Mem{Reg::rcx, 0}, Xmm::xmm0);
  }
}

// The global's cell into a register of its own at slot `s`.
void Compiler::load_global(ValType t, uint32_t s, const Pins& pins) {
  if (floating(t)) {
    const Xmm d = vs_.take_fpr(pins);
    a_.movs(fp_of(t), d, Mem{Reg::rcx, 0});
    vs_.set_fpr(s, d, t);
  } else {
    const Reg d = vs_.take_gpr(pins);
    a_.mov(width(t), d, Mem{Reg::rcx, 0});
    vs_.set_gpr(s, d, t);
  }
}

void Compiler::store_global(const Loc& l) {
  if (l.kind == Loc::Fpr) a_.movs(Fp::F64, Mem{Reg::rcx, 0}, Xmm(l.reg));  // f32: the cell's high half is not read
  else a_.mov(W::W64, Mem{Reg::rcx, 0}, Reg(l.reg));
}

CompileResult compile_function(const Instance& instance, const IndexSpaces& spaces, uint32_t func_index,
                               const RuntimeCalls& calls, InstrOffsets offsets, std::vector<uint8_t>* scratch) {
  return Compiler(instance, spaces, func_index, calls, offsets, scratch).run();
}

std::vector<uint8_t> interpreter_thunk(const Instance& instance, uint32_t func_index, const RuntimeCalls& calls) {
  Assembler a;
  Label trapped;
  a.alu_imm(Alu::sub, W::W64, Reg::rsp, 8);  // as a compiled function: calls out find rsp aligned
  a.mov(W::W64, Reg::rdi, kState);
  a.mov_imm(W::W64, Reg::rsi, reinterpret_cast<uintptr_t>(static_cast<FuncEntry*>(instance.funcs[func_index])));
  a.mov(W::W64, Reg::rdx, kFp);
  a.mov_imm(W::W64, Reg::rax, reinterpret_cast<uintptr_t>(calls.call));
  a.call(Reg::rax);
  a.test(W::W32, Reg::rax, Reg::rax);
  a.jcc(Cond::ne, trapped);
  a.alu_imm(Alu::add, W::W32, state_field(offsetof(ThreadState, depth_left)), 1);  // as a return does
  a.alu_imm(Alu::add, W::W64, Reg::rsp, 8);
  a.ret();
  a.bind(trapped);  // the trap's code is recorded
  a.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_func)), int32_t(func_index));
  a.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_instr)), 0);
  a.mov_imm(W::W64, Reg::rcx, reinterpret_cast<uintptr_t>(&instance));
  a.mov(W::W64, state_field(offsetof(ThreadState, trap_instance)), Reg::rcx);
  a.jmp(state_field(offsetof(ThreadState, trap_exit)));
  return a.take_code();
}

}  // namespace mnemo::jit::x64
