// core/jit/x64/assembler.cpp: instruction encodings (Intel SDM vol. 2, chapters 2-4).
#include "core/jit/x64/assembler.h"

#include <cstring>

namespace mnemo::jit::x64 {
namespace {

uint8_t low3(Reg r) { return uint8_t(r) & 7; }
uint8_t high(Reg r) { return uint8_t(r) >> 3; }
bool fits8(int64_t v) { return v >= -128 && v <= 127; }

}  // namespace

void Assembler::u32(uint32_t v) {
  for (int i = 0; i < 4; ++i) byte(uint8_t(v >> (8 * i)));
}

// REX = 0100WRXB: W for 64-bit operands, R extends ModRM.reg, X extends SIB.index, B extends
// ModRM.rm / SIB.base.
void Assembler::rex(W w, uint8_t reg, uint8_t rm, bool force, uint8_t index) {
  const uint8_t r =
      uint8_t(0x40 | (w == W::W64 ? 8 : 0) | ((reg >> 3) << 2) | ((index >> 3) << 1) | (rm >> 3));
  if (r != 0x40 || force) byte(r);
}

// [prefix] [REX] [0F [38|3A]] opcode ModRM: the shape of nearly every instruction here. A
// two-byte opcode is given as 0x0Fxx, a three-byte one as 0x0F38xx / 0x0F3Axx; `byte_regs`
// forces a REX so that the byte registers 4-7 mean spl..dil, not ah..bh.
void Assembler::op_rr(uint8_t prefix, W w, uint32_t op, uint8_t reg, uint8_t rm, bool byte_regs) {
  if (prefix) byte(prefix);  // a mandatory prefix goes before REX
  rex(w, reg, rm, byte_regs && rm >= 4 && rm < 8);
  if (op > 0xffff) byte(uint8_t(op >> 16));
  if (op > 0xff) byte(uint8_t(op >> 8));
  byte(uint8_t(op));
  byte(uint8_t(0xc0 | ((reg & 7) << 3) | (rm & 7)));
}
void Assembler::op_rm(uint8_t prefix, W w, uint32_t op, uint8_t reg, Mem rm, bool byte_regs) {
  if (prefix) byte(prefix);
  rex(w, reg, uint8_t(rm.base), byte_regs && reg >= 4 && reg < 8, rm.indexed() ? uint8_t(rm.index) : 0);
  if (op > 0xffff) byte(uint8_t(op >> 16));
  if (op > 0xff) byte(uint8_t(op >> 8));
  byte(uint8_t(op));
  modrm_mem(reg, rm);
}

void Assembler::modrm_reg(uint8_t reg, Reg rm) { byte(uint8_t(0xc0 | ((reg & 7) << 3) | low3(rm))); }

// [base + index + disp]: an index, and rsp or r12 as a base, need a SIB byte (scale 1; index
// 100 without REX.X means none); rbp and r13 as a base have no form without a displacement, so
// theirs is an explicit disp8 of 0.
void Assembler::modrm_mem(uint8_t reg, Mem m) {
  const uint8_t mod = (m.disp == 0 && low3(m.base) != 5) ? 0 : fits8(m.disp) ? 1 : 2;
  const bool sib = m.indexed() || low3(m.base) == 4;
  byte(uint8_t((mod << 6) | ((reg & 7) << 3) | (sib ? 4 : low3(m.base))));
  if (sib) byte(uint8_t((low3(m.indexed() ? m.index : Reg::rsp) << 3) | low3(m.base)));
  if (mod == 1) byte(uint8_t(int8_t(m.disp)));
  if (mod == 2) u32(uint32_t(m.disp));
}

void Assembler::mov(W w, Reg dst, Reg src) {
  op_rr(0, w, 0x89, uint8_t(src), uint8_t(dst));
}

void Assembler::mov(W w, Reg dst, Mem src) {
  op_rm(0, w, 0x8b, uint8_t(dst), src);
}

void Assembler::mov(W w, Mem dst, Reg src) {
  op_rm(0, w, 0x89, uint8_t(src), dst);
}

void Assembler::mov_imm(W w, Reg dst, uint64_t imm) {
  if (w == W::W32 || imm <= 0xffffffffu) {  // mov r32, imm32 zero-extends
    rex(W::W32, 0, uint8_t(dst));
    byte(uint8_t(0xb8 + low3(dst)));
    u32(uint32_t(imm));
  } else if (int64_t(imm) >= INT32_MIN && int64_t(imm) <= INT32_MAX) {  // sign-extended imm32
    rex(W::W64, 0, uint8_t(dst));
    byte(0xc7);
    modrm_reg(0, dst);
    u32(uint32_t(imm));
  } else {  // movabs
    rex(W::W64, 0, uint8_t(dst));
    byte(uint8_t(0xb8 + low3(dst)));
    u32(uint32_t(imm));
    u32(uint32_t(imm >> 32));
  }
}

void Assembler::mov_imm(W w, Mem dst, int32_t imm) {
  op_rm(0, w, 0xc7, 0, dst);
  u32(uint32_t(imm));
}

void Assembler::store8(Mem dst, Reg src) {
  op_rm(0, W::W32, 0x88, uint8_t(src), dst, true);
}

void Assembler::store8_imm(Mem dst, uint8_t imm) {
  op_rm(0, W::W32, 0xc6, 0, dst);
  byte(imm);
}

void Assembler::store16_imm(Mem dst, uint16_t imm) {
  op_rm(0x66, W::W32, 0xc7, 0, dst);
  byte(uint8_t(imm));
  byte(uint8_t(imm >> 8));
}

void Assembler::store16(Mem dst, Reg src) {
  op_rm(0x66, W::W32, 0x89, uint8_t(src), dst);
}

void Assembler::load_zx8(Reg dst, Mem src) {
  op_rm(0, W::W32, 0x0fb6, uint8_t(dst), src);
}

void Assembler::load_zx16(Reg dst, Mem src) {
  op_rm(0, W::W32, 0x0fb7, uint8_t(dst), src);
}

void Assembler::load_sx8(W w, Reg dst, Mem src) {
  op_rm(0, w, 0x0fbe, uint8_t(dst), src);
}

void Assembler::load_sx16(W w, Reg dst, Mem src) {
  op_rm(0, w, 0x0fbf, uint8_t(dst), src);
}

void Assembler::load_sx32(Reg dst, Mem src) {
  op_rm(0, W::W64, 0x63, uint8_t(dst), src);
}

void Assembler::movsx8(W w, Reg dst, Reg src) { op_rr(0, w, 0x0fbe, uint8_t(dst), uint8_t(src), true); }
void Assembler::movsx16(W w, Reg dst, Reg src) { op_rr(0, w, 0x0fbf, uint8_t(dst), uint8_t(src)); }

void Assembler::movsxd(Reg dst, Reg src) {
  op_rr(0, W::W64, 0x63, uint8_t(dst), uint8_t(src));
}

void Assembler::lea(W w, Reg dst, Mem src) {
  op_rm(0, w, 0x8d, uint8_t(dst), src);
}

void Assembler::alu(Alu op, W w, Reg dst, Reg src) {
  op_rr(0, w, uint8_t((uint8_t(op) << 3) | 1), uint8_t(src), uint8_t(dst));  // op r/m, r
}

void Assembler::alu(Alu op, W w, Reg dst, Mem src) {
  op_rm(0, w, uint8_t((uint8_t(op) << 3) | 3), uint8_t(dst), src);  // op r, r/m
}

void Assembler::alu_imm32(Alu op, W w, Reg dst, int32_t imm) {
  rex(w, 0, uint8_t(dst));
  byte(0x81);
  modrm_reg(uint8_t(op), dst);
  u32(uint32_t(imm));
}

void Assembler::alu_imm(Alu op, W w, Mem dst, int32_t imm) {
  if (fits8(imm)) {
    op_rm(0, w, 0x83, uint8_t(op), dst);
    byte(uint8_t(int8_t(imm)));
  } else {
    op_rm(0, w, 0x81, uint8_t(op), dst);
    u32(uint32_t(imm));
  }
}

void Assembler::alu_imm(Alu op, W w, Reg dst, int32_t imm) {
  rex(w, 0, uint8_t(dst));
  if (fits8(imm)) {
    byte(0x83);
    modrm_reg(uint8_t(op), dst);
    byte(uint8_t(int8_t(imm)));
  } else {
    byte(0x81);
    modrm_reg(uint8_t(op), dst);
    u32(uint32_t(imm));
  }
}

void Assembler::test(W w, Reg a, Reg b) {
  op_rr(0, w, 0x85, uint8_t(b), uint8_t(a));
}

void Assembler::imul(W w, Reg dst, Reg src) {
  op_rr(0, w, 0x0faf, uint8_t(dst), uint8_t(src));
}

void Assembler::unary(Unary op, W w, Reg r) {
  op_rr(0, w, 0xf7, uint8_t(op), uint8_t(r));
}

void Assembler::sign_extend_ax(W w) {
  if (w == W::W64) byte(0x48);
  byte(0x99);
}

void Assembler::shift_cl(Shift op, W w, Reg r) {
  op_rr(0, w, 0xd3, uint8_t(op), uint8_t(r));
}

void Assembler::shift_imm(Shift op, W w, Reg r, uint8_t count) {
  op_rr(0, w, 0xc1, uint8_t(op), uint8_t(r));
  byte(count);
}

void Assembler::bit_count(BitCount op, W w, Reg dst, Reg src) {
  op_rr(0xf3, w, uint16_t(0x0f00 | uint8_t(op)), uint8_t(dst), uint8_t(src));
}

void Assembler::setcc(Cond c, Reg dst) {
  op_rr(0, W::W32, uint16_t(0x0f90 | uint8_t(c)), 0, uint8_t(dst), true);
}

void Assembler::movzx8(Reg dst, Reg src) {
  op_rr(0, W::W32, 0x0fb6, uint8_t(dst), uint8_t(src), true);
}

void Assembler::cmov(Cond c, W w, Reg dst, Reg src) {
  op_rr(0, w, uint16_t(0x0f40 | uint8_t(c)), uint8_t(dst), uint8_t(src));
}


namespace {
uint8_t scalar_prefix(Fp fp) { return fp == Fp::F32 ? 0xf3 : 0xf2; }
}  // namespace

void Assembler::movaps(Xmm dst, Xmm src) { op_rr(0, W::W32, 0x0f28, uint8_t(dst), uint8_t(src)); }
void Assembler::movs(Fp fp, Xmm dst, Mem src) { op_rm(scalar_prefix(fp), W::W32, 0x0f10, uint8_t(dst), src); }
void Assembler::movs(Fp fp, Mem dst, Xmm src) { op_rm(scalar_prefix(fp), W::W32, 0x0f11, uint8_t(src), dst); }
void Assembler::mov_to_xmm(W w, Xmm dst, Reg src) { op_rr(0x66, w, 0x0f6e, uint8_t(dst), uint8_t(src)); }
void Assembler::mov_from_xmm(W w, Reg dst, Xmm src) { op_rr(0x66, w, 0x0f7e, uint8_t(src), uint8_t(dst)); }
void Assembler::sse(Sse op, Fp fp, Xmm dst, Xmm src) {
  op_rr(scalar_prefix(fp), W::W32, uint16_t(0x0f00 | uint8_t(op)), uint8_t(dst), uint8_t(src));
}
void Assembler::sse(Sse op, Fp fp, Xmm dst, Mem src) {
  op_rm(scalar_prefix(fp), W::W32, uint16_t(0x0f00 | uint8_t(op)), uint8_t(dst), src);
}
void Assembler::bitwise(Bitwise op, Xmm dst, Xmm src) {
  op_rr(0, W::W32, uint16_t(0x0f00 | uint8_t(op)), uint8_t(dst), uint8_t(src));
}
void Assembler::ucomis(Fp fp, Xmm a, Xmm b) { op_rr(fp == Fp::F32 ? 0 : 0x66, W::W32, 0x0f2e, uint8_t(a), uint8_t(b)); }
void Assembler::cvt_from_int(Fp fp, W w, Xmm dst, Reg src) {
  op_rr(scalar_prefix(fp), w, 0x0f2a, uint8_t(dst), uint8_t(src));
}
void Assembler::cvt_to_int(Fp fp, W w, Reg dst, Xmm src) { op_rr(scalar_prefix(fp), w, 0x0f2c, uint8_t(dst), uint8_t(src)); }
void Assembler::cvt_fp(Fp from, Xmm dst, Xmm src) { op_rr(scalar_prefix(from), W::W32, 0x0f5a, uint8_t(dst), uint8_t(src)); }

// roundss / roundsd: 66 0F 3A 0A|0B /r ib.
void Assembler::round(Fp fp, Xmm dst, Xmm src, uint8_t mode) {
  byte(0x66);
  rex(W::W32, uint8_t(dst), uint8_t(src));
  byte(0x0f);
  byte(0x3a);
  byte(fp == Fp::F32 ? 0x0a : 0x0b);
  byte(uint8_t(0xc0 | ((uint8_t(dst) & 7) << 3) | (uint8_t(src) & 7)));
  byte(mode);
}

void Assembler::push(Reg r) {
  if (high(r)) byte(0x41);
  byte(uint8_t(0x50 + low3(r)));
}

void Assembler::pop(Reg r) {
  if (high(r)) byte(0x41);
  byte(uint8_t(0x58 + low3(r)));
}

// FF /2 is an indirect call, FF /4 an indirect jump (64-bit operand by default).
void Assembler::group_ff(uint8_t digit, Reg target) {
  op_rr(0, W::W32, 0xff, digit, uint8_t(target));
}

void Assembler::group_ff(uint8_t digit, Mem target) {
  op_rm(0, W::W32, 0xff, digit, target);
}

void Assembler::call(Reg target) { group_ff(2, target); }
uint32_t Assembler::call_rel32() {
  byte(0xe8);
  u32(0);
  return size() - 4;
}
void Assembler::call(Mem target) { group_ff(2, target); }
void Assembler::jmp(Reg target) { group_ff(4, target); }
void Assembler::jmp(Mem target) { group_ff(4, target); }

void Assembler::ret() { byte(0xc3); }

void Assembler::ud2() {
  byte(0x0f);
  byte(0x0b);
}

void Assembler::rel32_to(Label& to) {
  if (to.at >= 0) {
    u32(uint32_t(int32_t(to.at - int64_t(size() + 4))));
  } else {
    const int64_t previous = to.waiting;
    to.waiting = size();
    u32(uint32_t(int32_t(previous)));
  }
}

void Assembler::jmp(Label& to) {
  byte(0xe9);
  rel32_to(to);
}

void Assembler::jcc(Cond c, Label& to) {
  byte(0x0f);
  byte(uint8_t(0x80 | uint8_t(c)));
  rel32_to(to);
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
