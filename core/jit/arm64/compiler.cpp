// core/jit/arm64/compiler.cpp: one pass over a validated body, values in registers where the
// value stack (core/jit/arm64/value_stack.h) can keep them (see compiler.h for what is compiled
// and the register convention): the frame, select and globals, and the entry points. The walk
// over the body is shared (core/jit/baseline_compiler.h). The Compiler's other concerns have
// files of their own (function_compiler.h).
#include "core/jit/arm64/compiler.h"

#include "core/jit/arm64/function_compiler.h"
#include "core/jit/memory_bases.h"
#include "core/jit/thread_state.h"

namespace mnemo::jit::arm64 {

// The guard sites and the code. What the assembler could not encode (a frame past its slots'
// offset field, a branch out of range) leaves the function to the interpreter rather than
// running a udf.
void Compiler::finish(CompileResult& out) {
  for (const Guarded& g : guarded_) out.guard_sites.push_back({g.pc, 0, uint32_t(g.stub->label.at), g.index});
  if (a_.failed()) {
    refuse(out, "assembler", "assembler: " + a_.error());
    return;
  }
  out.direct_calls = std::move(direct_calls_);
  out.code = a_.take_code();
}

void Compiler::add_imm64(Reg dst, Reg src, uint64_t imm) {
  if (Assembler::is_add_sub_immediate(imm)) {
    a_.add(W::W64, dst, src, imm);
  } else {
    a_.mov_imm(W::W64, kScratch1, imm);
    a_.add(W::W64, dst, src, kScratch1);
  }
}

uint32_t Compiler::mov32_later(Reg dst) {
  const uint32_t at = a_.size();
  a_.movz(W::W64, dst, 0, 0);
  a_.movk(W::W64, dst, 0, 16);
  return at;
}

void Compiler::patch_imm32(uint32_t at, uint32_t value) {
  a_.patch_imm16(at, uint16_t(value));
  a_.patch_imm16(at + 4, uint16_t(value >> 16));
}

// The host stack and the slot stack are checked before anything runs (the call depth, at the
// call: a trap there names the call, as the interpreter's does). Declared locals start as
// constant zeros in the value stack (written to their slots only if they must be); v128 ones are
// zeroed in their slots.
void Compiler::prologue() {
  a_.stp(W::W64, Reg::x29, Reg::x30, Mem::pre(Reg::sp, -16));  // calls clobber x30
  a_.mov(W::W64, kScratch0, Reg::sp);
  a_.ldr(W::W64, kScratch1, state_field(offsetof(ThreadState, native_limit)));
  a_.cmp(W::W64, kScratch0, kScratch1);
  a_.b(Cond::lo, trap_here(TrapCode::CallStackExhausted).label);
  frame_size_at_ = mov32_later(kScratch0);  // the frame's bytes: patched once the walk knows them
  a_.add(W::W64, kScratch0, kFp, kScratch0);
  a_.ldr(W::W64, kScratch1, state_field(offsetof(ThreadState, slots_end)));
  a_.cmp(W::W64, kScratch0, kScratch1);
  a_.b(Cond::hi, trap_here(TrapCode::CallStackExhausted).label);
  pin_hot_memory();
  const auto& types = walk_.local_types();
  const auto& slots = walk_.local_slots();
  for (size_t i = 0; i < types.size(); ++i) {
    if (slots[i] < walk_.param_slots()) continue;
    if (types[i] != ValType::V128) {
      vs_.set_const(slots[i], 0, types[i]);
      continue;
    }
    a_.str(W::W64, Reg::zr, slot(slots[i]));
    a_.str(W::W64, Reg::zr, slot(slots[i] + 1));
  }
}

// The memory the body reaches most often, if it leaves its bounds to the guard pages (its base
// never moves), keeps its base in x28 throughout (callee-saved: calls out keep it; calls into
// compiled code reload it).
void Compiler::pin_hot_memory() {
  const int32_t hot = hottest_guarded_memory(inst_, calls_.guard_pages, fn_.body);
  if (hot >= 0) vs_.pin_base(uint32_t(hot), Reg::x28);
}

// The results, at slot `results`, go to the frame's base; the frame is left.
void Compiler::return_from(uint32_t results) {
  vs_.store_values(results, 0, walk_.result_slots());
  a_.ldr(W::W32, kScratch0, state_field(offsetof(ThreadState, depth_left)));
  a_.add(W::W32, kScratch0, kScratch0, 1);
  a_.str(W::W32, kScratch0, state_field(offsetof(ThreadState, depth_left)));
  a_.ldp(W::W64, Reg::x29, Reg::x30, Mem::post(Reg::sp, 16));
  a_.ret();
}

// select: csel, or fcsel on floats. v128 goes in slot form (false).
bool Compiler::select(ValType type, uint32_t h0) {
  if (type == ValType::V128) return false;
  const uint32_t cond = h0 - 1, b = h0 - 2, a = h0 - 3;
  Pins pins;
  const Reg rc = vs_.to_gpr(cond, pins);
  pins.pin(vs_.at(cond));
  a_.cmp(W::W32, rc, 0);
  if (floating(type)) {
    const VReg vb = vs_.to_fpr(b, pins);
    pins.pin(vs_.at(b));
    const VReg va = vs_.to_fpr(a, pins);
    pins.pin(vs_.at(a));
    const VReg d = result_fpr(a, pins);
    a_.fcsel(fp_of(type), d, va, vb, Cond::ne);
    vs_.set_slot(cond, ValType::I32);
    vs_.set_slot(b, type);
    vs_.set_fpr(a, d, type);
    return true;
  }
  const Reg rb = vs_.to_gpr(b, pins);
  pins.pin(vs_.at(b));
  const Reg ra = vs_.to_gpr(a, pins);
  pins.pin(vs_.at(a));
  const Reg d = result_gpr(a, pins);
  a_.csel(W::W64, d, ra, rb, Cond::ne);
  vs_.set_slot(cond, ValType::I32);
  vs_.set_slot(b, type);
  vs_.set_gpr(a, d, type);
  return true;
}

// A v128 global's two value slots, through x17 and x8.
void Compiler::global_v128(bool get, size_t cell, uint32_t h0) {
  load_cell_pointer(cell);
  if (get) {
    a_.ldp(W::W64, kScratch1, kScratch2, Mem::at(kScratch0));
    a_.str(W::W64, kScratch1, slot(h0));
    a_.str(W::W64, kScratch2, slot(h0 + 1));
    vs_.set_slot(h0, ValType::V128);
    vs_.set_slot(h0 + 1, ValType::V128);
  } else {
    vs_.flush(h0 - 2);
    vs_.flush(h0 - 1);
    a_.ldr(W::W64, kScratch1, slot(h0 - 2));
    a_.ldr(W::W64, kScratch2, slot(h0 - 1));
    a_.stp(W::W64, kScratch1, kScratch2, Mem::at(kScratch0));
  }
}

// The global's cell into a register of its own at slot `s`.
void Compiler::load_global(ValType t, uint32_t s, const Pins& pins) {
  if (floating(t)) {
    const VReg d = vs_.take_fpr(pins);
    a_.ldr(is_32(t) ? Vw::S : Vw::D, d, Mem::at(kScratch0));
    vs_.set_fpr(s, d, t);
  } else {
    const Reg d = vs_.take_gpr(pins);
    a_.ldr(width(t), d, Mem::at(kScratch0));
    vs_.set_gpr(s, d, t);
  }
}

// The whole cell: an f32 or i32 register's upper half is zero, as the cell's must be.
void Compiler::store_global(const Loc& l) {
  if (l.kind == Loc::Fpr) a_.str(Vw::D, VReg(l.reg), Mem::at(kScratch0));
  else a_.str(W::W64, Reg(l.reg), Mem::at(kScratch0));
}

CompileResult compile_function(const Instance& instance, const IndexSpaces& spaces, uint32_t func_index,
                               const RuntimeCalls& calls, InstrOffsets offsets) {
  return Compiler(instance, spaces, func_index, calls, offsets).run();
}

std::vector<uint8_t> interpreter_thunk(const Instance& instance, uint32_t func_index, const RuntimeCalls& calls) {
  Assembler a;
  Label trapped;
  a.stp(W::W64, Reg::x29, Reg::x30, Mem::pre(Reg::sp, -16));  // as a compiled function
  a.mov(W::W64, Reg::x0, kState);
  a.mov_imm(W::W64, Reg::x1, reinterpret_cast<uintptr_t>(static_cast<FuncEntry*>(instance.funcs[func_index])));
  a.mov(W::W64, Reg::x2, kFp);
  a.mov_imm(W::W64, kScratch0, reinterpret_cast<uintptr_t>(calls.call));
  a.blr(kScratch0);
  a.cbnz(W::W32, Reg::x0, trapped);
  a.ldr(W::W32, kScratch0, state_field(offsetof(ThreadState, depth_left)));  // as a return does
  a.add(W::W32, kScratch0, kScratch0, 1);
  a.str(W::W32, kScratch0, state_field(offsetof(ThreadState, depth_left)));
  a.ldp(W::W64, Reg::x29, Reg::x30, Mem::post(Reg::sp, 16));
  a.ret();
  a.bind(trapped);  // the trap's code is recorded
  a.mov_imm(W::W32, kScratch0, func_index);
  a.str(W::W32, kScratch0, state_field(offsetof(ThreadState, trap_func)));
  a.str(W::W32, Reg::zr, state_field(offsetof(ThreadState, trap_instr)));
  a.mov_imm(W::W64, kScratch0, reinterpret_cast<uintptr_t>(&instance));
  a.str(W::W64, kScratch0, state_field(offsetof(ThreadState, trap_instance)));
  a.ldr(W::W64, kScratch0, state_field(offsetof(ThreadState, trap_exit)));
  a.br(kScratch0);
  return a.take_code();
}

}  // namespace mnemo::jit::arm64
