// core/jit/arm64/value_stack.h: where the AArch64 baseline compiler's values are while it compiles
// a body: every slot of the frame (locals, then operands) is in its slot in memory, in a general or
// a SIMD & FP register, or a constant not yet materialized.
//
// Registers: x16, x17 and x8 are scratch (the instruction being compiled, moves, bounds checks),
// v30 and v31 too; x19, x20 and x21 hold the frame, the context and the ThreadState (compiler.h);
// x18 is the platform's, x29 / x30 the frame record's. Values take x9..x15, x0..x7, then the
// callee-saved x22..x28 (the entry trampoline keeps them for the host), and v0..v7, v16..v29
// (v8..v15 are callee-saved in their low halves: left alone, so nothing need save them).
//
// What is kept where, the eviction order, the merge states and what calls, loop headers and merges
// do are shared with every backend (core/jit/value_stack_policy.h); this class adds AArch64's
// registers, their order, and the loads, stores and moves that carry the decisions out.
//
// Invariants: a 32-bit value in a general register has its upper half zero (every W write does
// that), and one in a slot too (the interpreter's layout); an f32 in a SIMD & FP register has the
// rest of the register zero (every scalar S write does that), so its D view is its slot's bits.
#pragma once

#include <cstdint>
#include <vector>

#include "core/jit/arm64/assembler.h"
#include "core/jit/value_stack_policy.h"
#include "core/module.h"

namespace mnemo::jit::arm64 {

constexpr Reg kScratch0 = Reg::x16;
constexpr Reg kScratch1 = Reg::x17;
constexpr Reg kScratch2 = Reg::x8;
constexpr VReg kFpScratch0 = VReg::v30;
constexpr VReg kFpScratch1 = VReg::v31;

inline bool is_32(ValType t) { return t == ValType::I32 || t == ValType::F32; }
inline W width(ValType t) { return is_32(t) ? W::W32 : W::W64; }
inline bool floating(ValType t) { return t == ValType::F32 || t == ValType::F64; }
inline Fp fp_of(ValType t) { return t == ValType::F32 ? Fp::F32 : Fp::F64; }

class ValueStack final : public ValueStackPolicy {
 public:
  // `local_types` by local, `local_slots` their first slots; memory m's MemoryView pointer is at
  // `ctx` + InstanceContext::memory_offset(m).
  ValueStack(Assembler& a, Reg frame, Reg ctx, const std::vector<ValType>& local_types,
             const std::vector<uint32_t>& local_slots, uint32_t locals_end, size_t memories);

  Mem slot(uint32_t s) const { return Mem::at(frame_, int64_t(8) * s); }

  void set_gpr(uint32_t s, Reg r, ValType t) { set(s, Loc{Loc::Gpr, uint8_t(r), t}); }
  void set_fpr(uint32_t s, VReg v, ValType t) { set(s, Loc{Loc::Fpr, uint8_t(v), t}); }

  // A register nothing names, spilling a value if none is free (never one of `pins`).
  Reg take_gpr(const Pins& pins = {});
  VReg take_fpr(const Pins& pins = {});
  uint32_t free_gprs() const;
  uint32_t free_fprs() const;

  // The value of slot `s` in a register of that kind, loaded there (and the slot's location
  // changed to it) unless it is in one already.
  Reg to_gpr(uint32_t s, const Pins& pins = {}) { return Reg(to_register(s, Loc::Gpr, pins)); }
  VReg to_fpr(uint32_t s, const Pins& pins = {}) { return VReg(to_register(s, Loc::Fpr, pins)); }
  // Copies slot `s`'s value into the given register (which nothing names) without changing `s`.
  void copy_to(Reg r, uint32_t s);
  void copy_to(VReg v, uint32_t s);
  // Writes slot `src`'s value to the memory slot `dst` (src's location is unchanged).
  void store(uint32_t dst, uint32_t src);

  // Memory `m`'s base (MemoryView::data) in a register, loaded from the context if needed.
  Reg base_of(uint32_t memory, const Pins& pins = {}) { return Reg(base_register_of(memory, pins)); }
  // The function's most used memory keeps its base in register `r` throughout
  // (ValueStackPolicy::pin_base_register).
  void pin_base(uint32_t memory, Reg r) { pin_base_register(memory, uint8_t(r)); }

 private:
  void emit_store(uint32_t dst, uint32_t src) override { store(dst, src); }
  void emit_copy(Loc::Kind kind, uint8_t reg, uint32_t s) override {
    if (kind == Loc::Gpr) copy_to(Reg(reg), s);
    else copy_to(VReg(reg), s);
  }
  void emit_move(const RegisterMove& m) override;
  uint8_t emit_park(Loc::Kind kind, uint8_t reg) override;
  void emit_load_base(uint8_t reg, uint32_t memory) override;
  uint8_t take_register(Loc::Kind kind, const Pins& pins) override {
    return kind == Loc::Gpr ? uint8_t(take_gpr(pins)) : uint8_t(take_fpr(pins));
  }
  uint32_t free_registers(Loc::Kind kind) const override { return kind == Loc::Gpr ? free_gprs() : free_fprs(); }

  Assembler& a_;
  Reg frame_;
  Reg ctx_;
};

}  // namespace mnemo::jit::arm64
