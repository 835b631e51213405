// core/jit/arm64/value_stack.cpp: AArch64's side of the value stack: its registers and their
// order, loads, stores and the moves of a merge (see value_stack.h; the policy, and the drivers
// that decide what to spill, settle, preload and conform, are core/jit/value_stack_policy.h).
#include "core/jit/arm64/value_stack.h"

#include "core/runtime/context.h"

namespace mnemo::jit::arm64 {
namespace {

// The general registers that hold values, in the order they are taken: the caller-saved ones
// first (the order shows in listings), then the callee-saved ones the entry trampoline keeps.
constexpr Reg kGprs[] = {Reg::x9,  Reg::x10, Reg::x11, Reg::x12, Reg::x13, Reg::x14, Reg::x15, Reg::x0,
                         Reg::x1,  Reg::x2,  Reg::x3,  Reg::x4,  Reg::x5,  Reg::x6,  Reg::x7,  Reg::x22,
                         Reg::x23, Reg::x24, Reg::x25, Reg::x26, Reg::x27, Reg::x28};
constexpr VReg kFprs[] = {VReg::v0,  VReg::v1,  VReg::v2,  VReg::v3,  VReg::v4,  VReg::v5,  VReg::v6,  VReg::v7,
                          VReg::v16, VReg::v17, VReg::v18, VReg::v19, VReg::v20, VReg::v21, VReg::v22, VReg::v23,
                          VReg::v24, VReg::v25, VReg::v26, VReg::v27, VReg::v28, VReg::v29};

}  // namespace

ValueStack::ValueStack(Assembler& a, Reg frame, Reg ctx, const std::vector<ValType>& local_types,
                       const std::vector<uint32_t>& local_slots, uint32_t locals_end, size_t memories)
    : ValueStackPolicy(local_types, local_slots, locals_end, memories), a_(a), frame_(frame), ctx_(ctx) {}

uint32_t ValueStack::free_gprs() const { return free_gprs_in(kGprs); }
uint32_t ValueStack::free_fprs() const { return free_fprs_in(kFprs); }
Reg ValueStack::take_gpr(const Pins& pins) { return take_gpr_in(kGprs, pins); }
VReg ValueStack::take_fpr(const Pins& pins) { return take_fpr_in(kFprs, pins); }

void ValueStack::copy_to(Reg r, uint32_t s) {
  const Loc& l = at(s);
  switch (l.kind) {
    case Loc::Gpr:
      if (l.reg != uint8_t(r)) a_.mov(W::W64, r, Reg(l.reg));
      break;
    case Loc::Fpr: a_.fmov(width(l.type), r, VReg(l.reg)); break;
    case Loc::Const: a_.mov_imm(width(l.type), r, is_32(l.type) ? uint32_t(l.bits) : l.bits); break;
    case Loc::Slot: a_.ldr(width(l.type), r, slot(s)); break;  // a W load zero-extends
  }
}

void ValueStack::copy_to(VReg v, uint32_t s) {
  const Loc& l = at(s);
  switch (l.kind) {
    case Loc::Fpr:
      if (l.reg != uint8_t(v)) a_.fmov(Fp::F64, v, VReg(l.reg));  // an f32's D view is its bits
      break;
    case Loc::Gpr: a_.fmov(width(l.type), v, Reg(l.reg)); break;
    case Loc::Const:
      if (l.bits == 0) {
        a_.fmov(width(l.type), v, Reg::zr);
      } else {
        a_.mov_imm(width(l.type), kScratch0, is_32(l.type) ? uint32_t(l.bits) : l.bits);
        a_.fmov(width(l.type), v, kScratch0);
      }
      break;
    case Loc::Slot: a_.ldr(is_32(l.type) ? Vw::S : Vw::D, v, slot(s)); break;
  }
}

void ValueStack::store(uint32_t dst, uint32_t src) {
  const Loc& l = at(src);
  switch (l.kind) {
    case Loc::Gpr: a_.str(W::W64, Reg(l.reg), slot(dst)); break;
    case Loc::Fpr: a_.str(Vw::D, VReg(l.reg), slot(dst)); break;  // an f32's upper half is zero
    case Loc::Const: {
      const uint64_t bits = is_32(l.type) ? uint64_t(uint32_t(l.bits)) : l.bits;
      if (bits == 0) {
        a_.str(W::W64, Reg::zr, slot(dst));
      } else {
        a_.mov_imm(W::W64, kScratch0, bits);
        a_.str(W::W64, kScratch0, slot(dst));
      }
      break;
    }
    case Loc::Slot:
      if (dst != src) {
        a_.ldr(W::W64, kScratch0, slot(src));
        a_.str(W::W64, kScratch0, slot(dst));
      }
      break;
  }
}

void ValueStack::emit_load_base(uint8_t reg, uint32_t memory) {
  a_.ldr(W::W64, Reg(reg), Mem::at(ctx_, int64_t(InstanceContext::memory_offset(memory))));
  a_.ldr(W::W64, Reg(reg), Mem::at(Reg(reg), int64_t(offsetof(MemoryView, data))));
}

void ValueStack::emit_move(const RegisterMove& m) {
  if (m.dst_kind == Loc::Gpr && m.src_kind == Loc::Gpr) a_.mov(W::W64, Reg(m.dst), Reg(m.src));
  if (m.dst_kind == Loc::Fpr && m.src_kind == Loc::Fpr) a_.fmov(Fp::F64, VReg(m.dst), VReg(m.src));
  if (m.dst_kind == Loc::Gpr && m.src_kind == Loc::Fpr) a_.fmov(width(m.type), Reg(m.dst), VReg(m.src));
  if (m.dst_kind == Loc::Fpr && m.src_kind == Loc::Gpr) a_.fmov(width(m.type), VReg(m.dst), Reg(m.src));
}

// A cycle's source parks in x16 or v30.
uint8_t ValueStack::emit_park(Loc::Kind kind, uint8_t src) {
  if (kind == Loc::Gpr) {
    a_.mov(W::W64, kScratch0, Reg(src));
    return uint8_t(kScratch0);
  }
  a_.fmov(Fp::F64, kFpScratch0, VReg(src));
  return uint8_t(kFpScratch0);
}

}  // namespace mnemo::jit::arm64
