// core/jit/x64/assembler_simd.cpp: the packed SSE encodings (SSE2, SSSE3, SSE4.1) of
// assembler.h's "packed SSE, SSE4.1" block (Intel SDM vol. 2: each instruction's page, and
// 2.1 for the prefix, REX and three-byte opcode order). Every one is [prefix] [REX] 0F [38|3A] op
// ModRM [imm8], so all go through op_rr / op_rm.
#include "core/jit/x64/assembler.h"

namespace mnemo::jit::x64 {
namespace {

uint8_t prefix_of(uint32_t code) { return uint8_t(code >> 24); }
uint32_t opcode_of(uint32_t code) { return code & 0xffffff; }

}  // namespace

void Assembler::packed(Packed op, Xmm dst, Xmm src) {
  emit(op_rr(prefix_of(uint32_t(op)), W::W32, opcode_of(uint32_t(op)), uint8_t(dst), uint8_t(src)));
}
void Assembler::packed(Packed op, Xmm dst, Mem src) {
  emit(op_rm(prefix_of(uint32_t(op)), W::W32, opcode_of(uint32_t(op)), uint8_t(dst), src));
}
void Assembler::packed(PackedImm op, Xmm dst, Xmm src, uint8_t imm) {
  Encoding e = op_rr(prefix_of(uint32_t(op)), W::W32, opcode_of(uint32_t(op)), uint8_t(dst), uint8_t(src));
  e.byte(imm);
  emit(e);
}
void Assembler::packed(PackedImm op, Xmm dst, Mem src, uint8_t imm) {
  Encoding e = op_rm(prefix_of(uint32_t(op)), W::W32, opcode_of(uint32_t(op)), uint8_t(dst), src);
  e.byte(imm);
  emit(e);
}

// 66 0F 71 / 72 / 73 /digit ib: the register is ModRM.rm, the operation ModRM.reg.
void Assembler::packed_shift(PackedShift op, Xmm x, uint8_t count) {
  Encoding e = op_rr(0x66, W::W32, 0x0f00 | (uint16_t(op) >> 8), uint8_t(uint16_t(op) & 7), uint8_t(x));
  e.byte(count);
  emit(e);
}

// pmovmskb / movmskps / movmskpd r32, xmm: the general register is ModRM.reg.
void Assembler::move_mask(MoveMask op, Reg dst, Xmm src) {
  emit(op_rr(prefix_of(uint32_t(op)), W::W32, opcode_of(uint32_t(op)), uint8_t(dst), uint8_t(src)));
}

void Assembler::movdqu(Xmm dst, Mem src) { emit(op_rm(0xf3, W::W32, 0x0f6f, uint8_t(dst), src)); }
void Assembler::movdqu(Mem dst, Xmm src) { emit(op_rm(0xf3, W::W32, 0x0f7f, uint8_t(src), dst)); }
void Assembler::movd(Xmm dst, Mem src) { emit(op_rm(0x66, W::W32, 0x0f6e, uint8_t(dst), src)); }
void Assembler::movq(Xmm dst, Mem src) { emit(op_rm(0xf3, W::W32, 0x0f7e, uint8_t(dst), src)); }
void Assembler::movq(Mem dst, Xmm src) { emit(op_rm(0x66, W::W32, 0x0fd6, uint8_t(src), dst)); }
void Assembler::movq(Xmm dst, Xmm src) { emit(op_rr(0xf3, W::W32, 0x0f7e, uint8_t(dst), uint8_t(src))); }

// pinsrb 66 0F 3A 20, pinsrw 66 0F C4, pinsrd / pinsrq (REX.W) 66 0F 3A 22: /r ib, the xmm
// register in ModRM.reg, a 32- or 64-bit register or memory in ModRM.rm.
namespace {
uint32_t pinsr_opcode(Assembler::LaneW w) {
  return w == Assembler::LaneW::B ? 0x0f3a20 : w == Assembler::LaneW::W ? 0x0fc4 : 0x0f3a22;
}
W lane_rex(Assembler::LaneW w) { return w == Assembler::LaneW::Q ? W::W64 : W::W32; }
}  // namespace

void Assembler::pinsr(LaneW w, Xmm dst, Reg src, uint8_t lane) {
  Encoding e = op_rr(0x66, lane_rex(w), pinsr_opcode(w), uint8_t(dst), uint8_t(src));
  e.byte(lane);
  emit(e);
}
void Assembler::pinsr(LaneW w, Xmm dst, Mem src, uint8_t lane) {
  Encoding e = op_rm(0x66, lane_rex(w), pinsr_opcode(w), uint8_t(dst), src);
  e.byte(lane);
  emit(e);
}

// pextrb 66 0F 3A 14, pextrw 66 0F 3A 15, pextrd / pextrq (REX.W) 66 0F 3A 16: /r ib, the xmm
// register in ModRM.reg. pextrw into a register has the shorter SSE2 form 66 0F C5 /r ib, whose
// ModRM.reg is the general register.
void Assembler::pextr(LaneW w, Reg dst, Xmm src, uint8_t lane) {
  Encoding e = begin();
  if (w == LaneW::W) {
    e = op_rr(0x66, W::W32, 0x0fc5, uint8_t(dst), uint8_t(src));
  } else {
    e = op_rr(0x66, lane_rex(w), w == LaneW::B ? 0x0f3a14 : 0x0f3a16, uint8_t(src), uint8_t(dst));
  }
  e.byte(lane);
  emit(e);
}
void Assembler::pextr(LaneW w, Mem dst, Xmm src, uint8_t lane) {
  Encoding e = op_rm(0x66, lane_rex(w), w == LaneW::B ? 0x0f3a14 : w == LaneW::W ? 0x0f3a15 : 0x0f3a16, uint8_t(src), dst);
  e.byte(lane);
  emit(e);
}

}  // namespace mnemo::jit::x64
