// core/jit/x64/value_stack.h: where the baseline compiler's values are while it compiles a body:
// every slot of the frame (locals, then operands) is in its slot in memory, in a general or an
// XMM register, or a constant not yet materialized; the bases of the memories in use may be held
// in registers too. Like V8's Liftoff, the compiler keeps values in registers through straight-line
// code and writes them to their slots only where it must: before calls (every register is the
// callee's), where the registers run out, and at control-flow merges, which agree on a MergeState.
//
// Registers: rax, rcx and xmm0-xmm3 are scratch (the instruction being compiled, moves); rdx
// holds values but is claimed (emptied) by what needs it: division, and the slot forms of
// float_ops and simd_ops, which may use it as a third scratch register; rbx, r12 and r13 hold the
// frame, the context and the ThreadState (compiler.h); rsp is the host stack. Everything else
// holds values.
//
// What is kept where, the eviction order, the merge states and what calls, loop headers and merges
// do are shared with every backend (core/jit/value_stack_policy.h); this class adds x86-64's
// registers, their order, and the loads, stores and moves that carry the decisions out.
//
// Invariants: a 32-bit value in a general register has its upper half zero, and one in a slot
// too (the interpreter's layout); a register's use count is the number of locations naming it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/jit/value_stack_policy.h"
#include "core/jit/x64/assembler.h"
#include "core/module.h"

namespace mnemo::jit::x64 {

class ValueStack final : public ValueStackPolicy {
 public:
  // `local_types` by local, `local_slots` their first slots; memory m's MemoryView pointer is at
  // `ctx` + view_offsets[m], its base at that view + `data_offset`.
  ValueStack(Assembler& a, Reg frame, Reg ctx, const std::vector<ValType>& local_types,
             const std::vector<uint32_t>& local_slots, uint32_t locals_end, std::vector<int32_t> view_offsets,
             int32_t data_offset);

  Mem slot(uint32_t s) const { return Mem{frame_, int32_t(8 * s)}; }

  void set_gpr(uint32_t s, Reg r, ValType t) { set(s, Loc{Loc::Gpr, uint8_t(r), t}); }
  void set_fpr(uint32_t s, Xmm x, ValType t) { set(s, Loc{Loc::Fpr, uint8_t(x), t}); }

  // A register nothing names, spilling a value if none is free (never one of `pins`).
  Reg take_gpr(const Pins& pins = {});
  Xmm take_fpr(const Pins& pins = {});
  // How many are free now (nothing names them, no base in them).
  uint32_t free_gprs() const;
  // Empties register `r` (its values to their slots, a base dropped) for an instruction that
  // needs that very register.
  void claim(Reg r);
  uint32_t free_fprs() const;

  // The value of slot `s` in a register of that kind, loaded there (and the slot's location
  // changed to it) unless it is in one already.
  Reg to_gpr(uint32_t s, const Pins& pins = {});
  Xmm to_fpr(uint32_t s, const Pins& pins = {});
  // Copies slot `s`'s value into the given register (which nothing names) without changing `s`.
  void copy_to(Reg r, uint32_t s);
  void copy_to(Xmm x, uint32_t s);
  // Writes slot `src`'s value to the memory slot `dst` (src's location is unchanged).
  void store(uint32_t dst, uint32_t src);

  // Memory `m`'s base (MemoryView::data) in a register, loaded from the context if needed.
  Reg base_of(uint32_t memory, const Pins& pins = {});
  // The function's most used memory keeps its base in register `r` throughout
  // (ValueStackPolicy::pin_base_register).
  void pin_base(uint32_t memory, Reg r) { pin_base_register(memory, uint8_t(r)); }

 private:
  // The shared drivers' emit functions (core/jit/value_stack_policy.h).
  void emit_store(uint32_t dst, uint32_t src) override { store(dst, src); }
  void emit_copy(Loc::Kind kind, uint8_t reg, uint32_t s) override {
    if (kind == Loc::Gpr) copy_to(Reg(reg), s);
    else copy_to(Xmm(reg), s);
  }
  void emit_move(const RegisterMove& m) override;
  uint8_t emit_park(Loc::Kind kind, uint8_t reg) override;
  void emit_load_base(uint8_t reg, uint32_t memory) override { load_base(Reg(reg), memory); }
  uint8_t take_register(Loc::Kind kind, const Pins& pins) override {
    return kind == Loc::Gpr ? uint8_t(take_gpr(pins)) : uint8_t(take_fpr(pins));
  }
  uint32_t free_registers(Loc::Kind kind) const override { return kind == Loc::Gpr ? free_gprs() : free_fprs(); }
  void load_base(Reg r, uint32_t memory);

  Assembler& a_;
  Reg frame_;
  Reg ctx_;
  std::vector<int32_t> view_offsets_;
  int32_t data_offset_;
};

}  // namespace mnemo::jit::x64
