// core/jit/arm64/assembler.cpp: integer, memory, branch, floating-point and system encodings
// (Arm ARM, A64: "Data Processing -- Immediate", "-- Register", "Loads and Stores", "Branches,
// Exception Generating and System instructions", "Data Processing -- Scalar Floating-Point").
#include "core/jit/arm64/assembler.h"

#include <bit>
#include <cstdio>

namespace mnemo::jit::arm64 {
namespace {

uint32_t sf(W w) { return w == W::W64 ? 1u << 31 : 0; }
unsigned width(W w) { return w == W::W64 ? 64 : 32; }
uint32_t ftype(Fp fp) { return fp == Fp::F64 ? 1u << 22 : 0; }
uint32_t v(VReg r) { return uint32_t(r) & 31; }  // a stray value must not spill into the next field
bool fits_signed(int64_t value, unsigned bits) {
  return value >= -(int64_t(1) << (bits - 1)) && value < (int64_t(1) << (bits - 1));
}

// N:immr:imms of a logical immediate, or false. The value, replicated to 64 bits, must repeat an
// element of e bits (2 .. 64) that is a single run of ones rotated: imms holds the run's length
// minus one under a prefix that gives e, immr the right rotation that puts the run in place.
bool bitmask_fields(W w, uint64_t value, uint32_t& fields) {
  if (w == W::W32) {
    if (value >> 32) return false;
    value |= value << 32;
  }
  if (value == 0 || value == ~uint64_t(0)) return false;
  unsigned e = 64;
  while (e > 2 && std::rotr(value, int(e / 2)) == value) e /= 2;
  const uint64_t mask = e == 64 ? ~uint64_t(0) : (uint64_t(1) << e) - 1;
  const uint64_t element = value & mask;
  // The element's ones form one run (cyclically) when exactly one of them has a zero below it.
  const uint64_t below = ((element << 1) | (element >> (e - 1))) & mask;
  const uint64_t starts = element & ~below;
  if (std::popcount(starts) != 1) return false;
  const unsigned start = unsigned(std::countr_zero(starts));
  const unsigned ones = unsigned(std::popcount(element));
  const uint32_t immr = (e - start) & (e - 1);
  const uint32_t imms = (~(2 * e - 1) & 0x3f) | (ones - 1);
  fields = (e == 64 ? 1u << 12 : 0) | immr << 6 | imms;
  return true;
}

// The log2 of an access's size: size bits 31:30, and the Q forms (V with opc<1>) are 16 bytes.
unsigned access_scale(uint32_t op) {
  const bool vector = op & (1u << 26);
  if (vector && (op & (1u << 23))) return 4;
  return op >> 30;
}
unsigned pair_scale(uint32_t op) {
  const unsigned opc = op >> 30;
  return (op & (1u << 26)) ? 2 + opc : 2 + (opc >> 1);
}

// The addressing bits of a single-register load or store (all but op, Rn, Rt), or false.
bool mem_fields(uint32_t op, const Mem& m, uint32_t& bits) {
  const unsigned scale = access_scale(op);
  const int64_t off = m.offset;
  switch (m.mode) {
    case Mem::Mode::offset:
      if (off >= 0 && (off & ((int64_t(1) << scale) - 1)) == 0 && (off >> scale) < 4096) {
        bits = 0x39000000 | uint32_t(off >> scale) << 10;  // unsigned, scaled
        return true;
      }
      if (!fits_signed(off, 9)) return false;
      bits = 0x38000000 | (uint32_t(off) & 0x1ff) << 12;  // unscaled: ldur / stur
      return true;
    case Mem::Mode::pre:
    case Mem::Mode::post:
      if (!fits_signed(off, 9)) return false;
      bits = 0x38000000 | (uint32_t(off) & 0x1ff) << 12 | (m.mode == Mem::Mode::pre ? 0xc00u : 0x400u);
      return true;
    case Mem::Mode::index: {
      uint32_t option;
      switch (m.extend) {
        case Extend::uxtw: option = 2; break;
        case Extend::uxtx: option = 3; break;
        case Extend::sxtw: option = 6; break;
        case Extend::sxtx: option = 7; break;
        default: return false;
      }
      bits = 0x38200800 | option << 13 | (m.scaled ? 1u << 12 : 0);
      return true;
    }
  }
  return false;
}

bool pair_fields(uint32_t op, const Mem& m, uint32_t& bits) {
  const unsigned scale = pair_scale(op);
  const int64_t off = m.offset;
  if (off & ((int64_t(1) << scale) - 1)) return false;
  if (!fits_signed(off >> scale, 7)) return false;
  uint32_t mode;
  switch (m.mode) {
    case Mem::Mode::post: mode = 1; break;
    case Mem::Mode::offset: mode = 2; break;
    case Mem::Mode::pre: mode = 3; break;
    default: return false;
  }
  bits = 0x28000000 | mode << 23 | (uint32_t(off >> scale) & 0x7f) << 15;
  return true;
}

// The offset field of a branch or adr: where it sits, how wide it is, and in what unit.
struct Field {
  unsigned bits;
  unsigned unit;  // bytes per step: 4 for branches, 1 for adr
  const char* name;
};
bool is_adr(uint32_t insn) { return (insn & 0x9f000000) == 0x10000000; }
Field field_of(uint32_t insn) {
  if ((insn & 0x7c000000) == 0x14000000) return {26, 4, (insn >> 31) ? "bl" : "b"};
  if ((insn & 0xff000010) == 0x54000000) return {19, 4, "b.cond"};
  if ((insn & 0x7e000000) == 0x34000000) return {19, 4, "cbz/cbnz"};
  if ((insn & 0x7e000000) == 0x36000000) return {14, 4, "tbz/tbnz"};
  return {21, 1, "adr"};
}
int64_t field_value(uint32_t insn) {
  const Field f = field_of(insn);
  uint32_t raw;
  if (is_adr(insn)) raw = ((insn >> 5) & 0x7ffff) << 2 | ((insn >> 29) & 3);
  else if (f.bits == 26) raw = insn & 0x3ffffff;
  else raw = (insn >> 5) & ((1u << f.bits) - 1);
  return int64_t(int32_t(raw << (32 - f.bits)) >> (32 - f.bits));  // sign-extend
}
uint32_t with_field(uint32_t insn, int64_t value) {
  const Field f = field_of(insn);
  const uint32_t raw = uint32_t(value) & ((1u << f.bits) - 1);
  if (is_adr(insn)) return (insn & ~(0x60000000u | 0x7ffffu << 5)) | (raw & 3) << 29 | (raw >> 2) << 5;
  if (f.bits == 26) return (insn & 0xfc000000) | raw;
  return (insn & ~(((1u << f.bits) - 1) << 5)) | raw << 5;
}

std::string hex(int64_t value) {
  char buf[32];
  const uint64_t magnitude = value < 0 ? 0 - uint64_t(value) : uint64_t(value);  // INT64_MIN too
  std::snprintf(buf, sizeof buf, "%s0x%llx", value < 0 ? "-" : "", static_cast<unsigned long long>(magnitude));
  return buf;
}

}  // namespace

bool Assembler::is_add_sub_immediate(uint64_t value) {
  return value < 4096 || ((value & 0xfff) == 0 && value < (uint64_t(4096) << 12));
}

bool Assembler::is_logical_immediate(W w, uint64_t value) {
  uint32_t fields;
  return bitmask_fields(w, value, fields);
}

bool Assembler::is_encodable(Ls op, const Mem& m) {
  uint32_t bits;
  return m.base != Reg::zr && m.index != Reg::sp && mem_fields(uint32_t(op), m, bits);
}

bool Assembler::is_encodable(Lsp op, const Mem& m) {
  uint32_t bits;
  return m.base != Reg::zr && pair_fields(uint32_t(op), m, bits);
}

void Assembler::fail(const std::string& what) {
  if (error_.empty()) error_ = what + " (at code offset " + hex(int64_t(size_)) + ")";
  refused_ = true;
}

uint32_t Assembler::rz(Reg r, const char* what) {
  if (r == Reg::sp) fail(std::string(what) + ": sp in a field where register 31 is zr");
  return r >= Reg::zr ? 31 : uint32_t(r);
}

uint32_t Assembler::rs(Reg r, const char* what) {
  if (r == Reg::zr) fail(std::string(what) + ": zr in a field where register 31 is sp");
  return r >= Reg::zr ? 31 : uint32_t(r);
}

// ---- moves ----------------------------------------------------------------------------------

void Assembler::mov(W w, Reg dst, Reg src) {
  if (dst == Reg::sp || src == Reg::sp) add_sub_imm(AddSub::add, w, dst, src, 0);
  else logical(Logic::orr, w, dst, Reg::zr, src);
}

namespace {
// Move wide: opc 00 movn, 10 movz, 11 movk.
uint32_t move_wide(uint32_t opc, W w, uint32_t rd, uint16_t imm, uint8_t shift) {
  return sf(w) | opc << 29 | 0x12800000 | uint32_t(shift / 16) << 21 | uint32_t(imm) << 5 | rd;
}
}  // namespace

void Assembler::movz(W w, Reg dst, uint16_t imm, uint8_t shift) {
  const uint32_t rd = rz(dst, "movz");
  if (shift % 16 || shift >= width(w)) fail("movz: shift " + std::to_string(shift));
  emit(move_wide(2, w, rd, imm, shift));
}
void Assembler::movn(W w, Reg dst, uint16_t imm, uint8_t shift) {
  const uint32_t rd = rz(dst, "movn");
  if (shift % 16 || shift >= width(w)) fail("movn: shift " + std::to_string(shift));
  emit(move_wide(0, w, rd, imm, shift));
}
void Assembler::movk(W w, Reg dst, uint16_t imm, uint8_t shift) {
  const uint32_t rd = rz(dst, "movk");
  if (shift % 16 || shift >= width(w)) fail("movk: shift " + std::to_string(shift));
  emit(move_wide(3, w, rd, imm, shift));
}

// One instruction when a single movz or movn makes the value, or orr with a bitmask immediate;
// else movz (or movn, when more halfwords are all ones than zero) for the first halfword that
// differs from the background and movk for each further one.
void Assembler::mov_imm(W w, Reg dst, uint64_t imm) {
  if (dst == Reg::sp) {
    rz(dst, "mov_imm");
    emit(kRefused);
    return;
  }
  const unsigned halves = width(w) / 16;
  if (w == W::W32) imm &= 0xffffffffu;
  unsigned zeros = 0, ones = 0;
  for (unsigned i = 0; i < halves; ++i) {
    const uint16_t h = uint16_t(imm >> (16 * i));
    zeros += h == 0;
    ones += h == 0xffff;
  }
  if (zeros < halves - 1 && ones < halves - 1 && is_logical_immediate(w, imm)) {
    logical_imm(Logic::orr, w, dst, Reg::zr, imm);
    return;
  }
  const bool inverted = ones > zeros;
  const uint16_t background = inverted ? 0xffff : 0;
  bool first = true;
  for (unsigned i = 0; i < halves; ++i) {
    const uint16_t h = uint16_t(imm >> (16 * i));
    if (h == background) continue;
    if (!first) movk(w, dst, h, uint8_t(16 * i));
    else if (inverted) movn(w, dst, uint16_t(~h), uint8_t(16 * i));
    else movz(w, dst, h, uint8_t(16 * i));
    first = false;
  }
  if (first) inverted ? movn(w, dst, 0) : movz(w, dst, 0);  // 0 or all ones
}

// ---- arithmetic and logic -------------------------------------------------------------------

void Assembler::add_sub(AddSub op, W w, Reg dst, Reg a, Reg b, Shift shift, uint8_t amount) {
  if (dst == Reg::sp || a == Reg::sp) {
    // Only the extended-register form reads or writes sp; uxtx (uxtw for W) is a plain lsl there.
    if (shift != Shift::lsl || amount > 4) fail("add/sub with sp: only lsl #0..4");
    add_sub(op, w, dst, a, b, w == W::W64 ? Extend::uxtx : Extend::uxtw, amount > 4 ? 0 : amount);
    return;
  }
  if (shift == Shift::ror) fail("add/sub: ror is not a shift of this form");
  if (amount >= width(w)) fail("add/sub: shift amount " + std::to_string(amount));
  const uint32_t rd = rz(dst, "add/sub"), rn = rz(a, "add/sub"), rm = rz(b, "add/sub");
  emit(sf(w) | uint32_t(op) << 29 | 0x0b000000 | uint32_t(shift) << 22 | rm << 16 | uint32_t(amount & 0x3f) << 10 |
       rn << 5 | rd);
}

void Assembler::add_sub(AddSub op, W w, Reg dst, Reg a, Reg b, Extend extend, uint8_t amount) {
  const bool sets_flags = uint8_t(op) & 1;
  const uint32_t rd = sets_flags ? rz(dst, "adds/subs") : rs(dst, "add/sub");
  const uint32_t rn = rs(a, "add/sub"), rm = rz(b, "add/sub");
  if (amount > 4) fail("add/sub extended: shift amount " + std::to_string(amount));
  emit(sf(w) | uint32_t(op) << 29 | 0x0b200000 | rm << 16 | uint32_t(extend) << 13 | uint32_t(amount & 7) << 10 |
       rn << 5 | rd);
}

void Assembler::add_sub_imm(AddSub op, W w, Reg dst, Reg a, uint64_t imm) {
  const bool sets_flags = uint8_t(op) & 1;
  const uint32_t rd = sets_flags ? rz(dst, "adds/subs") : rs(dst, "add/sub");
  const uint32_t rn = rs(a, "add/sub");
  if (!is_add_sub_immediate(imm)) fail("add/sub: immediate " + hex(int64_t(imm)) + " does not fit 12 bits (<< 0 or 12)");
  const bool high = imm >= 4096;
  const uint32_t imm12 = uint32_t(high ? imm >> 12 : imm) & 0xfff;
  emit(sf(w) | uint32_t(op) << 29 | 0x11000000 | (high ? 1u << 22 : 0) | imm12 << 10 | rn << 5 | rd);
}

void Assembler::logical(Logic op, W w, Reg dst, Reg a, Reg b, Shift shift, uint8_t amount) {
  if (amount >= width(w)) fail("logical: shift amount " + std::to_string(amount));
  const uint32_t rd = rz(dst, "logical"), rn = rz(a, "logical"), rm = rz(b, "logical");
  const uint32_t opc = uint32_t(op) & 3, n = uint32_t(op) >> 2;
  emit(sf(w) | opc << 29 | 0x0a000000 | uint32_t(shift) << 22 | n << 21 | rm << 16 | uint32_t(amount & 0x3f) << 10 |
       rn << 5 | rd);
}

void Assembler::logical_imm(Logic op, W w, Reg dst, Reg a, uint64_t imm) {
  const uint32_t rd = op == Logic::ands ? rz(dst, "ands") : rs(dst, "logical");
  const uint32_t rn = rz(a, "logical");
  uint32_t fields = 0;
  if (uint8_t(op) > 3) fail("logical immediate: bic / orn / eon / bics have no immediate form");
  else if (!bitmask_fields(w, imm, fields)) fail("logical: immediate " + hex(int64_t(imm)) + " is not a bitmask immediate");
  emit(sf(w) | (uint32_t(op) & 3) << 29 | 0x12000000 | fields << 10 | rn << 5 | rd);
}

void Assembler::madd(W w, Reg dst, Reg a, Reg b, Reg addend) {
  emit(sf(w) | 0x1b000000 | rz(b, "madd") << 16 | rz(addend, "madd") << 10 | rz(a, "madd") << 5 | rz(dst, "madd"));
}
void Assembler::msub(W w, Reg dst, Reg a, Reg b, Reg minuend) {
  emit(sf(w) | 0x1b008000 | rz(b, "msub") << 16 | rz(minuend, "msub") << 10 | rz(a, "msub") << 5 | rz(dst, "msub"));
}
void Assembler::sdiv(W w, Reg dst, Reg a, Reg b) {
  emit(sf(w) | 0x1ac00c00 | rz(b, "sdiv") << 16 | rz(a, "sdiv") << 5 | rz(dst, "sdiv"));
}
void Assembler::udiv(W w, Reg dst, Reg a, Reg b) {
  emit(sf(w) | 0x1ac00800 | rz(b, "udiv") << 16 | rz(a, "udiv") << 5 | rz(dst, "udiv"));
}

// lslv / lsrv / asrv / rorv: opcode 0010xx, in Shift's order.
void Assembler::shift(Shift op, W w, Reg dst, Reg src, Reg count) {
  emit(sf(w) | 0x1ac02000 | rz(count, "shift") << 16 | uint32_t(op) << 10 | rz(src, "shift") << 5 | rz(dst, "shift"));
}

void Assembler::shift_imm(Shift op, W w, Reg dst, Reg src, uint8_t count) {
  const unsigned bits = width(w);
  if (count >= bits) {
    fail("shift: count " + std::to_string(count) + " >= " + std::to_string(bits));
    emit(kRefused);
    return;
  }
  switch (op) {
    case Shift::lsl: ubfm(w, dst, src, uint8_t((bits - count) % bits), uint8_t(bits - 1 - count)); break;
    case Shift::lsr: ubfm(w, dst, src, count, uint8_t(bits - 1)); break;
    case Shift::asr: sbfm(w, dst, src, count, uint8_t(bits - 1)); break;
    case Shift::ror: extr(w, dst, src, src, count); break;
  }
}

void Assembler::extr(W w, Reg dst, Reg hi, Reg lo, uint8_t lsb) {
  if (lsb >= width(w)) fail("extr: lsb " + std::to_string(lsb));
  const uint32_t n = w == W::W64 ? 1u << 22 : 0;
  emit(sf(w) | 0x13800000 | n | rz(lo, "extr") << 16 | uint32_t(lsb & 0x3f) << 10 | rz(hi, "extr") << 5 | rz(dst, "extr"));
}

// Data processing, one source: opcode in bits 15:10.
void Assembler::rbit(W w, Reg dst, Reg src) { emit(sf(w) | 0x5ac00000 | rz(src, "rbit") << 5 | rz(dst, "rbit")); }
void Assembler::rev(W w, Reg dst, Reg src) {
  emit(sf(w) | 0x5ac00000 | (w == W::W64 ? 3u : 2u) << 10 | rz(src, "rev") << 5 | rz(dst, "rev"));
}
void Assembler::clz(W w, Reg dst, Reg src) { emit(sf(w) | 0x5ac01000 | rz(src, "clz") << 5 | rz(dst, "clz")); }

uint32_t Assembler::bitfield_encoding(uint32_t opc, W w, Reg dst, Reg src, uint8_t immr, uint8_t imms) {
  if (immr >= width(w) || imms >= width(w)) fail("bitfield: immr / imms out of range");
  const uint32_t n = w == W::W64 ? 1u << 22 : 0;
  return sf(w) | opc << 29 | 0x13000000 | n | uint32_t(immr & 0x3f) << 16 | uint32_t(imms & 0x3f) << 10 |
         rz(src, "bitfield") << 5 | rz(dst, "bitfield");
}
void Assembler::sbfm(W w, Reg d, Reg s, uint8_t immr, uint8_t imms) { emit(bitfield_encoding(0, w, d, s, immr, imms)); }
void Assembler::bfm(W w, Reg d, Reg s, uint8_t immr, uint8_t imms) { emit(bitfield_encoding(1, w, d, s, immr, imms)); }
void Assembler::ubfm(W w, Reg d, Reg s, uint8_t immr, uint8_t imms) { emit(bitfield_encoding(2, w, d, s, immr, imms)); }

namespace {
bool field_ok(W w, uint8_t lsb, uint8_t width_) { return width_ >= 1 && unsigned(lsb) + width_ <= width(w); }
}  // namespace

// The field aliases: extract moves bits lsb.. down (immr = lsb, imms = last bit); insert moves
// the low bits up (a right rotation by width - lsb, imms = width - 1).
void Assembler::sbfx(W w, Reg d, Reg s, uint8_t lsb, uint8_t n) {
  if (!field_ok(w, lsb, n)) fail("sbfx: field out of range");
  emit(bitfield_encoding(0, w, d, s, uint8_t(lsb % width(w)), uint8_t((lsb + n - 1) % width(w))));
}
void Assembler::ubfx(W w, Reg d, Reg s, uint8_t lsb, uint8_t n) {
  if (!field_ok(w, lsb, n)) fail("ubfx: field out of range");
  emit(bitfield_encoding(2, w, d, s, uint8_t(lsb % width(w)), uint8_t((lsb + n - 1) % width(w))));
}
void Assembler::bfxil(W w, Reg d, Reg s, uint8_t lsb, uint8_t n) {
  if (!field_ok(w, lsb, n)) fail("bfxil: field out of range");
  emit(bitfield_encoding(1, w, d, s, uint8_t(lsb % width(w)), uint8_t((lsb + n - 1) % width(w))));
}
void Assembler::ubfiz(W w, Reg d, Reg s, uint8_t lsb, uint8_t n) {
  if (!field_ok(w, lsb, n)) fail("ubfiz: field out of range");
  emit(bitfield_encoding(2, w, d, s, uint8_t((width(w) - lsb) % width(w)), uint8_t((n - 1) % width(w))));
}
void Assembler::bfi(W w, Reg d, Reg s, uint8_t lsb, uint8_t n) {
  if (!field_ok(w, lsb, n)) fail("bfi: field out of range");
  emit(bitfield_encoding(1, w, d, s, uint8_t((width(w) - lsb) % width(w)), uint8_t((n - 1) % width(w))));
}

namespace {
uint32_t cond_select(uint32_t base, W w, uint32_t rd, uint32_t rn, uint32_t rm, Cond c) {
  return sf(w) | base | rm << 16 | uint32_t(c) << 12 | rn << 5 | rd;
}
}  // namespace
void Assembler::csel(W w, Reg d, Reg a, Reg b, Cond c) {
  emit(cond_select(0x1a800000, w, rz(d, "csel"), rz(a, "csel"), rz(b, "csel"), c));
}
void Assembler::csinc(W w, Reg d, Reg a, Reg b, Cond c) {
  emit(cond_select(0x1a800400, w, rz(d, "csinc"), rz(a, "csinc"), rz(b, "csinc"), c));
}
void Assembler::csinv(W w, Reg d, Reg a, Reg b, Cond c) {
  emit(cond_select(0x5a800000, w, rz(d, "csinv"), rz(a, "csinv"), rz(b, "csinv"), c));
}
void Assembler::csneg(W w, Reg d, Reg a, Reg b, Cond c) {
  emit(cond_select(0x5a800400, w, rz(d, "csneg"), rz(a, "csneg"), rz(b, "csneg"), c));
}

// ---- loads and stores -----------------------------------------------------------------------

uint32_t Assembler::mem_encoding(uint32_t op, bool vector, uint32_t rt, const Mem& m) {
  if (bool(op & (1u << 26)) != vector) fail(vector ? "load/store: an integer op with a vector register"
                                                   : "load/store: a vector op with a general register");
  const uint32_t rn = rs(m.base, "load/store base");
  uint32_t bits = 0, rm = 0;
  if (m.mode == Mem::Mode::index) rm = rz(m.index, "load/store index");
  if (!mem_fields(op, m, bits)) {
    fail("load/store: offset " + hex(m.offset) + " (or extend) not encodable");
    return kRefused;
  }
  // Writeback into the register transferred is unpredictable (Arm ARM, CONSTRAINED UNPREDICTABLE).
  if (!vector && (m.mode == Mem::Mode::pre || m.mode == Mem::Mode::post) && rt == rn && rn != 31)
    fail("load/store: writeback to the register transferred");
  return op | bits | rm << 16 | rn << 5 | rt;
}

void Assembler::load_store(Ls op, Reg rt, const Mem& m) {
  const uint32_t t = rz(rt, "load/store");
  emit(mem_encoding(uint32_t(op), false, t, m));
}

void Assembler::load_store(Ls op, VReg rt, const Mem& m) { emit(mem_encoding(uint32_t(op), true, v(rt), m)); }

namespace {
const Ls kVectorLoads[] = {Ls::ldr_b, Ls::ldr_h, Ls::ldr_s, Ls::ldr_d, Ls::ldr_q};
const Ls kVectorStores[] = {Ls::str_b, Ls::str_h, Ls::str_s, Ls::str_d, Ls::str_q};
}  // namespace
void Assembler::ldr(Vw w, VReg rt, const Mem& m) { load_store(kVectorLoads[int(w)], rt, m); }
void Assembler::str(Vw w, VReg rt, const Mem& m) { load_store(kVectorStores[int(w)], rt, m); }

uint32_t Assembler::pair_encoding(uint32_t op, uint32_t rt, uint32_t rt2, const Mem& m) {
  const bool vector = op & (1u << 26);
  const uint32_t rn = rs(m.base, "load/store pair base");
  uint32_t bits = 0;
  if (!pair_fields(op, m, bits)) {
    fail("load/store pair: offset " + hex(m.offset) + " not encodable");
    return kRefused;
  }
  const bool load = op & (1u << 22);
  if (load && rt == rt2) fail("ldp: the same register twice");
  if (!vector && m.mode != Mem::Mode::offset && rn != 31 && (rt == rn || rt2 == rn))
    fail("load/store pair: writeback to a register transferred");
  return op | bits | rt2 << 10 | rn << 5 | rt;
}

void Assembler::load_store_pair(Lsp op, Reg rt, Reg rt2, const Mem& m) {
  if (uint32_t(op) & (1u << 26)) fail("load/store pair: a vector op with general registers");
  const uint32_t a = rz(rt, "load/store pair"), b = rz(rt2, "load/store pair");
  emit(pair_encoding(uint32_t(op), a, b, m));
}

void Assembler::load_store_pair(Lsp op, VReg rt, VReg rt2, const Mem& m) {
  if (!(uint32_t(op) & (1u << 26))) fail("load/store pair: an integer op with vector registers");
  emit(pair_encoding(uint32_t(op), v(rt), v(rt2), m));
}

// ---- branches -------------------------------------------------------------------------------

void Assembler::branch_by(uint32_t insn, int64_t offset) {
  const Field f = field_of(insn);
  if (offset % f.unit || !fits_signed(offset / f.unit, f.bits)) {
    fail(std::string(f.name) + ": offset " + hex(offset) + " out of range");
    emit(kRefused);
    return;
  }
  emit(with_field(insn, offset / f.unit));
}

void Assembler::branch_to(uint32_t insn, Label& to) {
  if (to.bound()) {
    branch_by(insn, to.at - int64_t(size_));
    return;
  }
  if (refused_) {  // an operand was refused: udf takes the branch's place, and the chain skips it
    emit(insn);
    return;
  }
  // Link into the label's chain: how many instructions back the previous waiting branch is.
  const Field f = field_of(insn);
  int64_t link = 0;
  if (to.waiting >= 0) {
    link = (int64_t(size_) - to.waiting) / 4;
    if (!fits_signed(link, f.bits)) {
      far_links_.emplace_back(uint32_t(size_), uint32_t(to.waiting));
      link = -1;
    }
  }
  to.waiting = int64_t(size_);
  emit(with_field(insn, link));
}

void Assembler::bind(Label& label) {
  if (label.bound()) {
    fail("a label bound twice");
    return;
  }
  label.at = int64_t(size_);
  for (int64_t use = label.waiting; use >= 0;) {
    const uint32_t insn = read(size_t(use));
    const int64_t link = field_value(insn);
    int64_t previous = -1;
    if (link > 0) {
      previous = use - 4 * link;
    } else if (link < 0) {
      for (auto it = far_links_.begin(); it != far_links_.end(); ++it)
        if (it->first == uint32_t(use)) {
          previous = it->second;
          far_links_.erase(it);
          break;
        }
    }
    patch_branch(uint32_t(use), uint32_t(label.at));
    use = previous;
  }
  label.waiting = -1;
}

void Assembler::patch_branch(uint32_t at, uint32_t target) {
  const uint32_t insn = read(at);
  const Field f = field_of(insn);
  const int64_t offset = int64_t(target) - int64_t(at);
  if (offset % f.unit || !fits_signed(offset / f.unit, f.bits)) {
    if (error_.empty())
      error_ = std::string(f.name) + " at code offset " + hex(at) + ": target " + hex(offset) + " away, out of range";
    write(at, kRefused);
    return;
  }
  write(at, with_field(insn, offset / f.unit));
}

void Assembler::b(Label& to) { branch_to(0x14000000, to); }
void Assembler::bl(Label& to) { branch_to(0x94000000, to); }
void Assembler::b(Cond c, Label& to) { branch_to(0x54000000 | uint32_t(c), to); }
void Assembler::cbz(W w, Reg r, Label& to) { branch_to(sf(w) | 0x34000000 | rz(r, "cbz"), to); }
void Assembler::cbnz(W w, Reg r, Label& to) { branch_to(sf(w) | 0x35000000 | rz(r, "cbnz"), to); }
namespace {
uint32_t test_bit(uint32_t base, uint32_t rt, uint8_t bit) {
  return uint32_t(bit >> 5) << 31 | base | uint32_t(bit & 31) << 19 | rt;
}
}  // namespace
void Assembler::tbz(Reg r, uint8_t bit, Label& to) {
  if (bit > 63) fail("tbz: bit " + std::to_string(bit));
  branch_to(test_bit(0x36000000, rz(r, "tbz"), bit & 63), to);
}
void Assembler::tbnz(Reg r, uint8_t bit, Label& to) {
  if (bit > 63) fail("tbnz: bit " + std::to_string(bit));
  branch_to(test_bit(0x37000000, rz(r, "tbnz"), bit & 63), to);
}
void Assembler::adr(Reg dst, Label& to) { branch_to(0x10000000 | rz(dst, "adr"), to); }

void Assembler::b(int64_t offset) { branch_by(0x14000000, offset); }
void Assembler::bl(int64_t offset) { branch_by(0x94000000, offset); }
void Assembler::b(Cond c, int64_t offset) { branch_by(0x54000000 | uint32_t(c), offset); }
void Assembler::cbz(W w, Reg r, int64_t offset) { branch_by(sf(w) | 0x34000000 | rz(r, "cbz"), offset); }
void Assembler::cbnz(W w, Reg r, int64_t offset) { branch_by(sf(w) | 0x35000000 | rz(r, "cbnz"), offset); }
void Assembler::tbz(Reg r, uint8_t bit, int64_t offset) {
  if (bit > 63) fail("tbz: bit " + std::to_string(bit));
  branch_by(test_bit(0x36000000, rz(r, "tbz"), bit & 63), offset);
}
void Assembler::tbnz(Reg r, uint8_t bit, int64_t offset) {
  if (bit > 63) fail("tbnz: bit " + std::to_string(bit));
  branch_by(test_bit(0x37000000, rz(r, "tbnz"), bit & 63), offset);
}
void Assembler::adr(Reg dst, int64_t offset) { branch_by(0x10000000 | rz(dst, "adr"), offset); }

void Assembler::br(Reg target) { emit(0xd61f0000 | rz(target, "br") << 5); }
void Assembler::blr(Reg target) { emit(0xd63f0000 | rz(target, "blr") << 5); }
void Assembler::ret(Reg link) { emit(0xd65f0000 | rz(link, "ret") << 5); }

// ---- scalar floating point ------------------------------------------------------------------

void Assembler::fmov(Fp fp, VReg dst, VReg src) { fp1(Fp1::fmov, fp, dst, src); }
// Conversion between general and FP registers, rmode 00, opcode 111 (to FP) or 110 (from FP);
// the width of the general register gives both sf and the FP type.
void Assembler::fmov(W w, VReg dst, Reg src) {
  emit((w == W::W64 ? 0x9e670000u : 0x1e270000u) | rz(src, "fmov") << 5 | v(dst));
}
void Assembler::fmov(W w, Reg dst, VReg src) {
  emit((w == W::W64 ? 0x9e660000u : 0x1e260000u) | v(src) << 5 | rz(dst, "fmov"));
}
void Assembler::fp2(Fp2 op, Fp fp, VReg dst, VReg a, VReg b) {
  emit(0x1e200800 | ftype(fp) | v(b) << 16 | uint32_t(op) << 12 | v(a) << 5 | v(dst));
}
void Assembler::fp1(Fp1 op, Fp fp, VReg dst, VReg src) {
  emit(0x1e204000 | ftype(fp) | uint32_t(op) << 15 | v(src) << 5 | v(dst));
}
// fcvt is a one-source op whose opcode names the destination type (4: S, 5: D); ftype the source.
void Assembler::fcvt(Fp to, VReg dst, VReg src) {
  if (to == Fp::F64) emit(0x1e204000 | 5u << 15 | v(src) << 5 | v(dst));
  else emit(0x1e204000 | ftype(Fp::F64) | 4u << 15 | v(src) << 5 | v(dst));
}
void Assembler::fcmp(Fp fp, VReg a, VReg b) { emit(0x1e202000 | ftype(fp) | v(b) << 16 | v(a) << 5); }
void Assembler::fcmp_zero(Fp fp, VReg a) { emit(0x1e202008 | ftype(fp) | v(a) << 5); }
void Assembler::fcsel(Fp fp, VReg d, VReg a, VReg b, Cond c) {
  emit(0x1e200c00 | ftype(fp) | v(b) << 16 | uint32_t(c) << 12 | v(a) << 5 | v(d));
}
void Assembler::scvtf(Fp fp, VReg d, W w, Reg s) { emit(sf(w) | 0x1e220000 | ftype(fp) | rz(s, "scvtf") << 5 | v(d)); }
void Assembler::ucvtf(Fp fp, VReg d, W w, Reg s) { emit(sf(w) | 0x1e230000 | ftype(fp) | rz(s, "ucvtf") << 5 | v(d)); }
void Assembler::fcvtzs(W w, Reg d, Fp fp, VReg s) { emit(sf(w) | 0x1e380000 | ftype(fp) | v(s) << 5 | rz(d, "fcvtzs")); }
void Assembler::fcvtzu(W w, Reg d, Fp fp, VReg s) { emit(sf(w) | 0x1e390000 | ftype(fp) | v(s) << 5 | rz(d, "fcvtzu")); }

// ---- system ---------------------------------------------------------------------------------

void Assembler::brk(uint16_t imm) { emit(0xd4200000 | uint32_t(imm) << 5); }
void Assembler::udf(uint16_t imm) { emit(imm); }
void Assembler::dmb_ish() { emit(0xd5033bbf); }
void Assembler::isb() { emit(0xd5033fdf); }
void Assembler::nop() { emit(0xd503201f); }

}  // namespace mnemo::jit::arm64
