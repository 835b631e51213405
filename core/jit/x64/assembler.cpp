// core/jit/x64/assembler.cpp: instruction encodings (Intel SDM vol. 2, chapters 2-4).
#include "core/jit/x64/assembler.h"

#include <cstring>

namespace mnemo::jit::x64 {
namespace {

uint8_t low3(Reg r) { return uint8_t(r) & 7; }
uint8_t high(Reg r) { return uint8_t(r) >> 3; }
bool fits8(int64_t v) { return v >= -128 && v <= 127; }

}  // namespace

// REX = 0100WRXB: W for 64-bit operands, R extends ModRM.reg, X extends SIB.index, B extends
// ModRM.rm / SIB.base.
void Assembler::rex(Encoding& e, W w, uint8_t reg, uint8_t rm, bool force, uint8_t index) {
  const uint8_t r =
      uint8_t(0x40 | (w == W::W64 ? 8 : 0) | ((reg >> 3) << 2) | ((index >> 3) << 1) | (rm >> 3));
  if (r != 0x40 || force) e.byte(r);
}

// [prefix] [REX] [0F [38|3A]] opcode ModRM: the shape of nearly every instruction here. A
// two-byte opcode is given as 0x0Fxx, a three-byte one as 0x0F38xx / 0x0F3Axx; `byte_regs`
// forces a REX so that the byte registers 4-7 mean spl..dil, not ah..bh.
Assembler::Encoding Assembler::op_rr(uint8_t prefix, W w, uint32_t op, uint8_t reg, uint8_t rm, bool byte_regs) {
  Encoding e = begin();
  if (prefix) e.byte(prefix);  // a mandatory prefix goes before REX
  rex(e, w, reg, rm, byte_regs && rm >= 4 && rm < 8);
  if (op > 0xffff) e.byte(uint8_t(op >> 16));
  if (op > 0xff) e.byte(uint8_t(op >> 8));
  e.byte(uint8_t(op));
  e.byte(uint8_t(0xc0 | ((reg & 7) << 3) | (rm & 7)));
  return e;
}
Assembler::Encoding Assembler::op_rm(uint8_t prefix, W w, uint32_t op, uint8_t reg, Mem rm, bool byte_regs) {
  Encoding e = begin();
  if (prefix) e.byte(prefix);
  rex(e, w, reg, uint8_t(rm.base), byte_regs && reg >= 4 && reg < 8, rm.indexed() ? uint8_t(rm.index) : 0);
  if (op > 0xffff) e.byte(uint8_t(op >> 16));
  if (op > 0xff) e.byte(uint8_t(op >> 8));
  e.byte(uint8_t(op));
  modrm_mem(e, reg, rm);
  return e;
}

void Assembler::modrm_reg(Encoding& e, uint8_t reg, Reg rm) { e.byte(uint8_t(0xc0 | ((reg & 7) << 3) | low3(rm))); }

// [base + index + disp]: an index, and rsp or r12 as a base, need a SIB byte (scale 1; index
// 100 without REX.X means none); rbp and r13 as a base have no form without a displacement, so
// theirs is an explicit disp8 of 0.
void Assembler::modrm_mem(Encoding& e, uint8_t reg, Mem m) {
  const uint8_t mod = (m.disp == 0 && low3(m.base) != 5) ? 0 : fits8(m.disp) ? 1 : 2;
  const bool sib = m.indexed() || low3(m.base) == 4;
  e.byte(uint8_t((mod << 6) | ((reg & 7) << 3) | (sib ? 4 : low3(m.base))));
  if (sib) e.byte(uint8_t((low3(m.indexed() ? m.index : Reg::rsp) << 3) | low3(m.base)));
  if (mod == 1) e.byte(uint8_t(int8_t(m.disp)));
  if (mod == 2) e.u32(uint32_t(m.disp));
}

void Assembler::mov(W w, Reg dst, Reg src) {
  emit(op_rr(0, w, 0x89, uint8_t(src), uint8_t(dst)));
}

void Assembler::mov(W w, Reg dst, Mem src) {
  emit(op_rm(0, w, 0x8b, uint8_t(dst), src));
}

void Assembler::mov(W w, Mem dst, Reg src) {
  emit(op_rm(0, w, 0x89, uint8_t(src), dst));
}

void Assembler::mov_imm(W w, Reg dst, uint64_t imm) {
  Encoding e = begin();
  if (w == W::W32 || imm <= 0xffffffffu) {  // mov r32, imm32 zero-extends
    rex(e, W::W32, 0, uint8_t(dst));
    e.byte(uint8_t(0xb8 + low3(dst)));
    e.u32(uint32_t(imm));
  } else if (int64_t(imm) >= INT32_MIN && int64_t(imm) <= INT32_MAX) {  // sign-extended imm32
    rex(e, W::W64, 0, uint8_t(dst));
    e.byte(0xc7);
    modrm_reg(e, 0, dst);
    e.u32(uint32_t(imm));
  } else {  // movabs
    rex(e, W::W64, 0, uint8_t(dst));
    e.byte(uint8_t(0xb8 + low3(dst)));
    e.u32(uint32_t(imm));
    e.u32(uint32_t(imm >> 32));
  }
  emit(e);
}

void Assembler::mov_imm(W w, Mem dst, int32_t imm) {
  Encoding e = op_rm(0, w, 0xc7, 0, dst);
  e.u32(uint32_t(imm));
  emit(e);
}

void Assembler::store8(Mem dst, Reg src) {
  emit(op_rm(0, W::W32, 0x88, uint8_t(src), dst, true));
}

void Assembler::store8_imm(Mem dst, uint8_t imm) {
  Encoding e = op_rm(0, W::W32, 0xc6, 0, dst);
  e.byte(imm);
  emit(e);
}

void Assembler::store16_imm(Mem dst, uint16_t imm) {
  Encoding e = op_rm(0x66, W::W32, 0xc7, 0, dst);
  e.byte(uint8_t(imm));
  e.byte(uint8_t(imm >> 8));
  emit(e);
}

void Assembler::store16(Mem dst, Reg src) {
  emit(op_rm(0x66, W::W32, 0x89, uint8_t(src), dst));
}

void Assembler::load_zx8(Reg dst, Mem src) {
  emit(op_rm(0, W::W32, 0x0fb6, uint8_t(dst), src));
}

void Assembler::load_zx16(Reg dst, Mem src) {
  emit(op_rm(0, W::W32, 0x0fb7, uint8_t(dst), src));
}

void Assembler::load_sx8(W w, Reg dst, Mem src) {
  emit(op_rm(0, w, 0x0fbe, uint8_t(dst), src));
}

void Assembler::load_sx16(W w, Reg dst, Mem src) {
  emit(op_rm(0, w, 0x0fbf, uint8_t(dst), src));
}

void Assembler::load_sx32(Reg dst, Mem src) {
  emit(op_rm(0, W::W64, 0x63, uint8_t(dst), src));
}

void Assembler::movsx8(W w, Reg dst, Reg src) { emit(op_rr(0, w, 0x0fbe, uint8_t(dst), uint8_t(src), true)); }
void Assembler::movsx16(W w, Reg dst, Reg src) { emit(op_rr(0, w, 0x0fbf, uint8_t(dst), uint8_t(src))); }

void Assembler::movsxd(Reg dst, Reg src) {
  emit(op_rr(0, W::W64, 0x63, uint8_t(dst), uint8_t(src)));
}

void Assembler::lea(W w, Reg dst, Mem src) {
  emit(op_rm(0, w, 0x8d, uint8_t(dst), src));
}

void Assembler::alu(Alu op, W w, Reg dst, Reg src) {
  emit(op_rr(0, w, uint8_t((uint8_t(op) << 3) | 1), uint8_t(src), uint8_t(dst)));  // op r/m, r
}

void Assembler::alu(Alu op, W w, Reg dst, Mem src) {
  emit(op_rm(0, w, uint8_t((uint8_t(op) << 3) | 3), uint8_t(dst), src));  // op r, r/m
}

void Assembler::alu_imm32(Alu op, W w, Reg dst, int32_t imm) {
  Encoding e = begin();
  rex(e, w, 0, uint8_t(dst));
  e.byte(0x81);
  modrm_reg(e, uint8_t(op), dst);
  e.u32(uint32_t(imm));
  emit(e);
}

void Assembler::alu_imm(Alu op, W w, Mem dst, int32_t imm) {
  Encoding e = begin();
  if (fits8(imm)) {
    e = op_rm(0, w, 0x83, uint8_t(op), dst);
    e.byte(uint8_t(int8_t(imm)));
  } else {
    e = op_rm(0, w, 0x81, uint8_t(op), dst);
    e.u32(uint32_t(imm));
  }
  emit(e);
}

void Assembler::alu_imm(Alu op, W w, Reg dst, int32_t imm) {
  Encoding e = begin();
  rex(e, w, 0, uint8_t(dst));
  if (fits8(imm)) {
    e.byte(0x83);
    modrm_reg(e, uint8_t(op), dst);
    e.byte(uint8_t(int8_t(imm)));
  } else {
    e.byte(0x81);
    modrm_reg(e, uint8_t(op), dst);
    e.u32(uint32_t(imm));
  }
  emit(e);
}

void Assembler::test(W w, Reg a, Reg b) {
  emit(op_rr(0, w, 0x85, uint8_t(b), uint8_t(a)));
}

void Assembler::imul(W w, Reg dst, Reg src) {
  emit(op_rr(0, w, 0x0faf, uint8_t(dst), uint8_t(src)));
}

void Assembler::unary(Unary op, W w, Reg r) {
  emit(op_rr(0, w, 0xf7, uint8_t(op), uint8_t(r)));
}

void Assembler::sign_extend_ax(W w) {
  Encoding e = begin();
  if (w == W::W64) e.byte(0x48);
  e.byte(0x99);
  emit(e);
}

void Assembler::shift_cl(Shift op, W w, Reg r) {
  emit(op_rr(0, w, 0xd3, uint8_t(op), uint8_t(r)));
}

void Assembler::shift_imm(Shift op, W w, Reg r, uint8_t count) {
  Encoding e = op_rr(0, w, 0xc1, uint8_t(op), uint8_t(r));
  e.byte(count);
  emit(e);
}

void Assembler::bit_count(BitCount op, W w, Reg dst, Reg src) {
  emit(op_rr(0xf3, w, uint16_t(0x0f00 | uint8_t(op)), uint8_t(dst), uint8_t(src)));
}

void Assembler::setcc(Cond c, Reg dst) {
  emit(op_rr(0, W::W32, uint16_t(0x0f90 | uint8_t(c)), 0, uint8_t(dst), true));
}

void Assembler::movzx8(Reg dst, Reg src) {
  emit(op_rr(0, W::W32, 0x0fb6, uint8_t(dst), uint8_t(src), true));
}

void Assembler::cmov(Cond c, W w, Reg dst, Reg src) {
  emit(op_rr(0, w, uint16_t(0x0f40 | uint8_t(c)), uint8_t(dst), uint8_t(src)));
}

namespace {
uint8_t scalar_prefix(Fp fp) { return fp == Fp::F32 ? 0xf3 : 0xf2; }
}  // namespace

void Assembler::movaps(Xmm dst, Xmm src) { emit(op_rr(0, W::W32, 0x0f28, uint8_t(dst), uint8_t(src))); }
void Assembler::movs(Fp fp, Xmm dst, Mem src) { emit(op_rm(scalar_prefix(fp), W::W32, 0x0f10, uint8_t(dst), src)); }
void Assembler::movs(Fp fp, Mem dst, Xmm src) { emit(op_rm(scalar_prefix(fp), W::W32, 0x0f11, uint8_t(src), dst)); }
void Assembler::mov_to_xmm(W w, Xmm dst, Reg src) { emit(op_rr(0x66, w, 0x0f6e, uint8_t(dst), uint8_t(src))); }
void Assembler::mov_from_xmm(W w, Reg dst, Xmm src) { emit(op_rr(0x66, w, 0x0f7e, uint8_t(src), uint8_t(dst))); }
void Assembler::sse(Sse op, Fp fp, Xmm dst, Xmm src) {
  emit(op_rr(scalar_prefix(fp), W::W32, uint16_t(0x0f00 | uint8_t(op)), uint8_t(dst), uint8_t(src)));
}
void Assembler::sse(Sse op, Fp fp, Xmm dst, Mem src) {
  emit(op_rm(scalar_prefix(fp), W::W32, uint16_t(0x0f00 | uint8_t(op)), uint8_t(dst), src));
}
void Assembler::bitwise(Bitwise op, Xmm dst, Xmm src) {
  emit(op_rr(0, W::W32, uint16_t(0x0f00 | uint8_t(op)), uint8_t(dst), uint8_t(src)));
}
void Assembler::ucomis(Fp fp, Xmm a, Xmm b) { emit(op_rr(fp == Fp::F32 ? 0 : 0x66, W::W32, 0x0f2e, uint8_t(a), uint8_t(b))); }
void Assembler::cvt_from_int(Fp fp, W w, Xmm dst, Reg src) {
  emit(op_rr(scalar_prefix(fp), w, 0x0f2a, uint8_t(dst), uint8_t(src)));
}
void Assembler::cvt_to_int(Fp fp, W w, Reg dst, Xmm src) { emit(op_rr(scalar_prefix(fp), w, 0x0f2c, uint8_t(dst), uint8_t(src))); }
void Assembler::cvt_fp(Fp from, Xmm dst, Xmm src) { emit(op_rr(scalar_prefix(from), W::W32, 0x0f5a, uint8_t(dst), uint8_t(src))); }

// roundss / roundsd: 66 0F 3A 0A|0B /r ib.
void Assembler::round(Fp fp, Xmm dst, Xmm src, uint8_t mode) {
  Encoding e = begin();
  e.byte(0x66);
  rex(e, W::W32, uint8_t(dst), uint8_t(src));
  e.byte(0x0f);
  e.byte(0x3a);
  e.byte(fp == Fp::F32 ? 0x0a : 0x0b);
  e.byte(uint8_t(0xc0 | ((uint8_t(dst) & 7) << 3) | (uint8_t(src) & 7)));
  e.byte(mode);
  emit(e);
}

void Assembler::push(Reg r) {
  Encoding e = begin();
  if (high(r)) e.byte(0x41);
  e.byte(uint8_t(0x50 + low3(r)));
  emit(e);
}

void Assembler::pop(Reg r) {
  Encoding e = begin();
  if (high(r)) e.byte(0x41);
  e.byte(uint8_t(0x58 + low3(r)));
  emit(e);
}

// FF /2 is an indirect call, FF /4 an indirect jump (64-bit operand by default).
void Assembler::group_ff(uint8_t digit, Reg target) {
  emit(op_rr(0, W::W32, 0xff, digit, uint8_t(target)));
}

void Assembler::group_ff(uint8_t digit, Mem target) {
  emit(op_rm(0, W::W32, 0xff, digit, target));
}

void Assembler::call(Reg target) { group_ff(2, target); }
uint32_t Assembler::call_rel32() {
  Encoding e = begin();
  e.byte(0xe8);
  e.u32(0);
  emit(e);
  return size() - 4;
}
void Assembler::call(Mem target) { group_ff(2, target); }
void Assembler::jmp(Reg target) { group_ff(4, target); }
void Assembler::jmp(Mem target) { group_ff(4, target); }

void Assembler::ret() {
  Encoding e = begin();
  e.byte(0xc3);
  emit(e);
}

void Assembler::ud2() {
  Encoding e = begin();
  e.byte(0x0f);
  e.byte(0x0b);
  emit(e);
}

void Assembler::rel32_to(Encoding& e, Label& to) {
  const int64_t field = e.at - code_.data();
  if (to.at >= 0) {
    e.u32(uint32_t(int32_t(to.at - (field + 4))));
  } else {
    e.u32(uint32_t(int32_t(to.waiting)));
    to.waiting = field;
  }
}

void Assembler::jmp(Label& to) {
  Encoding e = begin();
  e.byte(0xe9);
  rel32_to(e, to);
  emit(e);
}

void Assembler::jcc(Cond c, Label& to) {
  Encoding e = begin();
  e.byte(0x0f);
  e.byte(uint8_t(0x80 | uint8_t(c)));
  rel32_to(e, to);
  emit(e);
}

void Assembler::patch32(uint32_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) code_[at + i] = uint8_t(value >> (8 * i));
}

void Assembler::bind(Label& label) {
  label.at = size();
  for (int64_t use = label.waiting; use >= 0;) {
    int32_t previous;
    std::memcpy(&previous, &code_[size_t(use)], 4);
    patch32(uint32_t(use), uint32_t(int32_t(label.at - (use + 4))));
    use = previous;
  }
  label.waiting = -1;
}

}  // namespace mnemo::jit::x64
