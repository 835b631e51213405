// core/jit/x64/value_stack.cpp: x86-64's side of the value stack: its registers and their
// order, loads, stores and the moves of a merge (see value_stack.h; the policy, and the drivers
// that decide what to spill, settle, preload and conform, are core/jit/value_stack_policy.h).
#include "core/jit/x64/value_stack.h"

#include <algorithm>

namespace mnemo::jit::x64 {
namespace {

// The registers that hold values: the caller-saved ones first (compiled code saves nothing, but
// the order decides which are taken first and so shows in listings), then the callee-saved ones
// the entry trampoline keeps for us.
// rdx last: division claims it (ValueStack::claim), so it is best left free.
constexpr Reg kGprs[] = {Reg::rsi, Reg::rdi, Reg::r8,  Reg::r9,  Reg::r10,
                         Reg::r11, Reg::r14, Reg::r15, Reg::rbp, Reg::rdx};
// xmm0-xmm3 are scratch.
constexpr Xmm kFprs[] = {Xmm::xmm4,  Xmm::xmm5,  Xmm::xmm6,  Xmm::xmm7,  Xmm::xmm8,  Xmm::xmm9,
                         Xmm::xmm10, Xmm::xmm11, Xmm::xmm12, Xmm::xmm13, Xmm::xmm14, Xmm::xmm15};

bool is_32(ValType t) { return t == ValType::I32 || t == ValType::F32; }
W width(ValType t) { return is_32(t) ? W::W32 : W::W64; }

}  // namespace

ValueStack::ValueStack(Assembler& a, Reg frame, Reg ctx, const std::vector<ValType>& local_types,
                       const std::vector<uint32_t>& local_slots, uint32_t locals_end,
                       std::vector<int32_t> view_offsets, int32_t data_offset)
    : ValueStackPolicy(local_types, local_slots, locals_end, view_offsets.size()),
      a_(a),
      frame_(frame),
      ctx_(ctx),
      view_offsets_(std::move(view_offsets)),
      data_offset_(data_offset) {}

uint32_t ValueStack::free_gprs() const { return free_gprs_in(kGprs); }
uint32_t ValueStack::free_fprs() const { return free_fprs_in(kFprs); }
Reg ValueStack::take_gpr(const Pins& pins) { return take_gpr_in(kGprs, pins); }
Xmm ValueStack::take_fpr(const Pins& pins) { return take_fpr_in(kFprs, pins); }

void ValueStack::claim(Reg r) {
  drop_base_in(uint8_t(r));
  if (gpr_uses_[uint8_t(r)] > 0) spill(Loc::Gpr, uint8_t(r));
}

void ValueStack::copy_to(Reg r, uint32_t s) {
  const Loc& l = at(s);
  switch (l.kind) {
    case Loc::Gpr:
      if (l.reg != uint8_t(r)) a_.mov(W::W64, r, Reg(l.reg));
      break;
    case Loc::Fpr: a_.mov_from_xmm(width(l.type), r, Xmm(l.reg)); break;
    case Loc::Const: a_.mov_imm(width(l.type), r, l.bits); break;
    case Loc::Slot: a_.mov(width(l.type), r, slot(s)); break;
  }
}

void ValueStack::copy_to(Xmm x, uint32_t s) {
  const Loc& l = at(s);
  const Fp fp = is_32(l.type) ? Fp::F32 : Fp::F64;
  switch (l.kind) {
    case Loc::Fpr:
      if (l.reg != uint8_t(x)) a_.movaps(x, Xmm(l.reg));
      break;
    case Loc::Gpr: a_.mov_to_xmm(width(l.type), x, Reg(l.reg)); break;
    case Loc::Const:
      if (l.bits == 0) {
        a_.bitwise(Bitwise::xor_, x, x);
      } else {
        a_.mov_imm(width(l.type), Reg::rax, l.bits);
        a_.mov_to_xmm(width(l.type), x, Reg::rax);
      }
      break;
    case Loc::Slot: a_.movs(fp, x, slot(s)); break;
  }
}

Reg ValueStack::to_gpr(uint32_t s, const Pins& pins) { return Reg(to_register(s, Loc::Gpr, pins)); }
Xmm ValueStack::to_fpr(uint32_t s, const Pins& pins) { return Xmm(to_register(s, Loc::Fpr, pins)); }

void ValueStack::store(uint32_t dst, uint32_t src) {
  const Loc& l = at(src);
  switch (l.kind) {
    case Loc::Gpr: a_.mov(W::W64, slot(dst), Reg(l.reg)); break;
    case Loc::Fpr:
      if (is_32(l.type)) {  // through eax, so that the slot's upper half is zero
        a_.mov_from_xmm(W::W32, Reg::rax, Xmm(l.reg));
        a_.mov(W::W64, slot(dst), Reg::rax);
      } else {
        a_.movs(Fp::F64, slot(dst), Xmm(l.reg));
      }
      break;
    case Loc::Const: {
      const uint64_t bits = is_32(l.type) ? uint64_t(uint32_t(l.bits)) : l.bits;
      if (int64_t(bits) >= INT32_MIN && int64_t(bits) <= INT32_MAX) {
        a_.mov_imm(W::W64, slot(dst), int32_t(bits));
      } else {
        a_.mov_imm(W::W64, Reg::rax, bits);
        a_.mov(W::W64, slot(dst), Reg::rax);
      }
      break;
    }
    case Loc::Slot:
      if (dst != src) {
        a_.mov(W::W64, Reg::rax, slot(src));
        a_.mov(W::W64, slot(dst), Reg::rax);
      }
      break;
  }
}

void ValueStack::load_base(Reg r, uint32_t memory) {
  a_.mov(W::W64, r, Mem{ctx_, view_offsets_[memory]});
  a_.mov(W::W64, r, Mem{r, data_offset_});
}

Reg ValueStack::base_of(uint32_t memory, const Pins& pins) { return Reg(base_register_of(memory, pins)); }

void ValueStack::emit_move(const RegisterMove& m) {
  if (m.dst_kind == Loc::Gpr && m.src_kind == Loc::Gpr) a_.mov(W::W64, Reg(m.dst), Reg(m.src));
  if (m.dst_kind == Loc::Fpr && m.src_kind == Loc::Fpr) a_.movaps(Xmm(m.dst), Xmm(m.src));
  if (m.dst_kind == Loc::Gpr && m.src_kind == Loc::Fpr) a_.mov_from_xmm(width(m.type), Reg(m.dst), Xmm(m.src));
  if (m.dst_kind == Loc::Fpr && m.src_kind == Loc::Gpr) a_.mov_to_xmm(width(m.type), Xmm(m.dst), Reg(m.src));
}

// A cycle's source parks in rax or xmm0.
uint8_t ValueStack::emit_park(Loc::Kind kind, uint8_t src) {
  if (kind == Loc::Gpr) {
    a_.mov(W::W64, Reg::rax, Reg(src));
    return uint8_t(Reg::rax);
  }
  a_.movaps(Xmm::xmm0, Xmm(src));
  return uint8_t(Xmm::xmm0);
}

}  // namespace mnemo::jit::x64
