// core/jit/arm64/assembler.h: the AArch64 instructions a baseline compiler for WebAssembly 2.0
// emits, encoded by hand (Arm Architecture Reference Manual, A64 instruction set). Every
// instruction is one 32-bit word; each emitter appends one (mov_imm: up to four).
// tests/native/jit_arm64_assembler_test.cpp checks every form against aarch64-linux-gnu-objdump.
//
// Register 31 means the stack pointer in some fields and the zero register in others. Here they
// are two values, Reg::sp and Reg::zr, and an emitter refuses the one its field cannot hold
// instead of silently encoding the other: the classic AArch64 assembler bug.
//
// Nothing here throws. What cannot be encoded (an immediate outside its field, a branch out of
// range, sp where zr is meant) is refused: the first such error is kept (error()), and the
// instruction's place holds `udf` so that code nobody checked traps instead of running something
// else. A compiler checks failed() once per function.
//
// Not the assembler's business: after the code is written (and before it runs), the data cache
// must be cleaned and the instruction cache invalidated over it (__builtin___clear_cache on Linux),
// and the pages switched from writable to executable (W^X). The code-memory layer does that.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace mnemo::jit::arm64 {

// x0..x30; zr and sp both encode as 31 (see above).
enum class Reg : uint8_t {
  x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15,
  x16, x17, x18, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30, zr, sp,
};
// Operand width: W (32 bits; a write zeroes the upper half, which is what i32 values need) or X.
enum class W : uint8_t { W32, W64 };
// The SIMD & floating-point registers; their scalar views are b, h, s, d and q.
enum class VReg : uint8_t {
  v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15,
  v16, v17, v18, v19, v20, v21, v22, v23, v24, v25, v26, v27, v28, v29, v30, v31,
};
// Scalar float width of the arithmetic: S (f32) or D (f64).
enum class Fp : uint8_t { F32, F64 };

// Condition codes as the instructions hold them. hs / lo are also called cs / cc.
enum class Cond : uint8_t { eq, ne, hs, lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv };
inline Cond negate(Cond c) { return Cond(uint8_t(c) ^ 1); }  // not for al / nv

enum class Shift : uint8_t { lsl, lsr, asr, ror };
// The extend of an extended-register operand; uxtx with sp is what objdump shows as lsl.
enum class Extend : uint8_t { uxtb, uxth, uxtw, uxtx, sxtb, sxth, sxtw, sxtx };

// A memory operand. `offset` is in bytes: an unsigned multiple of the access size (up to 4095
// of them) uses the scaled form, -256..255 otherwise the unscaled one (ldur / stur); register
// offsets add an index, extended (uxtw: a 32-bit WebAssembly address on a 64-bit base) and
// optionally shifted by log2 of the access size.
struct Mem {
  enum class Mode : uint8_t { offset, pre, post, index };
  Reg base = Reg::sp;
  int64_t offset = 0;
  Mode mode = Mode::offset;
  Reg index = Reg::zr;
  Extend extend = Extend::uxtx;  // uxtx: lsl; uxtw / sxtw take a W index, uxtx / sxtx an X one
  bool scaled = false;

  static Mem at(Reg base, int64_t offset = 0) { return {base, offset, Mode::offset}; }
  static Mem pre(Reg base, int64_t offset) { return {base, offset, Mode::pre}; }    // [base, #off]!
  static Mem post(Reg base, int64_t offset) { return {base, offset, Mode::post}; }  // [base], #off
  static Mem indexed(Reg base, Reg index, Extend extend = Extend::uxtx, bool scaled = false) {
    return {base, 0, Mode::index, index, extend, scaled};
  }
};

// A load or store of one register: size (bits 31:30), V (26) and opc (23:22) in place.
enum class Ls : uint32_t {
  strb = 0x00000000, ldrb = 0x00400000, ldrsb_x = 0x00800000, ldrsb_w = 0x00c00000,
  strh = 0x40000000, ldrh = 0x40400000, ldrsh_x = 0x40800000, ldrsh_w = 0x40c00000,
  str_w = 0x80000000, ldr_w = 0x80400000, ldrsw = 0x80800000,
  str_x = 0xc0000000, ldr_x = 0xc0400000,
  // SIMD & FP registers
  str_b = 0x04000000, ldr_b = 0x04400000, str_h = 0x44000000, ldr_h = 0x44400000,
  str_s = 0x84000000, ldr_s = 0x84400000, str_d = 0xc4000000, ldr_d = 0xc4400000,
  str_q = 0x04800000, ldr_q = 0x04c00000,
};
// A load or store of a pair: opc (31:30), V (26) and L (22) in place.
enum class Lsp : uint32_t {
  stp_w = 0x00000000, ldp_w = 0x00400000, ldpsw = 0x40400000, stp_x = 0x80000000, ldp_x = 0x80400000,
  stp_s = 0x04000000, ldp_s = 0x04400000, stp_d = 0x44000000, ldp_d = 0x44400000,
  stp_q = 0x84000000, ldp_q = 0x84400000,
};
// The scalar width of a SIMD & FP load or store.
enum class Vw : uint8_t { B, H, S, D, Q };

// op and S bits of the add / subtract family.
enum class AddSub : uint8_t { add = 0, adds = 1, sub = 2, subs = 3 };
// opc, and N (the second operand inverted) above it, of the logical family. The immediate forms
// have no N: bic / orn / eon / bics take only registers.
enum class Logic : uint8_t { and_ = 0, orr = 1, eor = 2, ands = 3, bic = 4, orn = 5, eon = 6, bics = 7 };
// Scalar floating-point operations of two sources (opcode, bits 15:12) and one (bits 20:15).
enum class Fp2 : uint8_t { fmul = 0, fdiv = 1, fadd = 2, fsub = 3, fmax = 4, fmin = 5, fmaxnm = 6, fminnm = 7, fnmul = 8 };
enum class Fp1 : uint8_t {
  fmov = 0, fabs = 1, fneg = 2, fsqrt = 3,
  frintn = 8, frintp = 9, frintm = 10, frintz = 11, frinta = 12, frintx = 14, frinti = 15,
};

// A branch target. Branches to an unbound label are patched when it is bound. Until then they
// form a chain through their own offset fields, each holding how many instructions back the
// previous one is (0 ends it), so that a label needs no memory of its own: a body makes
// thousands. A link too long for its field (a tbz 32 KiB after the previous waiting branch)
// is kept in a side table of the assembler instead: rare, and never a false "out of range".
struct Label {
  int64_t at = -1;       // code offset once bound
  int64_t waiting = -1;  // the last branch that waits for it
  bool bound() const { return at >= 0; }
};

class Assembler {
 public:
  std::vector<uint8_t> code() const { return {code_.begin(), code_.begin() + long(size_)}; }
  // The code, without a copy; the assembler is left empty (its error too).
  std::vector<uint8_t> take_code() {
    code_.resize(size_);
    size_ = 0;
    error_.clear();
    far_links_.clear();
    return std::move(code_);
  }
  uint32_t size() const { return uint32_t(size_); }
  void reserve(size_t bytes) {
    if (bytes > code_.size()) code_.resize(bytes);
  }
  // The first thing that could not be encoded; its place in the code holds udf.
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  // ---- what fits an immediate field (the compiler asks before choosing a form) -------------
  // add / sub / cmp: 12 bits, optionally shifted left by 12.
  static bool is_add_sub_immediate(uint64_t value);
  // and / orr / eor / tst: a rotated run of ones repeated in 2, 4, ..., 64-bit elements
  // (never 0 nor all ones). With W32 the value must fit 32 bits.
  static bool is_logical_immediate(W w, uint64_t value);
  // Whether `m` can address an access of `op` in one instruction.
  static bool is_encodable(Ls op, const Mem& m);
  static bool is_encodable(Lsp op, const Mem& m);

  // ---- moves --------------------------------------------------------------------------------
  void mov(W w, Reg dst, Reg src);            // orr dst, zr, src; add dst, src, #0 with sp
  void mov_imm(W w, Reg dst, uint64_t imm);   // the fewest of movz / movn / orr / movk
  void movz(W w, Reg dst, uint16_t imm, uint8_t shift = 0);  // shift: 0, 16, 32, 48
  void movn(W w, Reg dst, uint16_t imm, uint8_t shift = 0);
  void movk(W w, Reg dst, uint16_t imm, uint8_t shift = 0);

  // ---- arithmetic and logic -----------------------------------------------------------------
  // Shifted register (zr operands). With sp as dst (add / sub) or as the first source the
  // extended-register form is used instead, lsl only, amount 0..4.
  void add_sub(AddSub op, W w, Reg dst, Reg a, Reg b, Shift shift = Shift::lsl, uint8_t amount = 0);
  // Extended register: b (a W register unless uxtx / sxtx) extended, then shifted left 0..4.
  void add_sub(AddSub op, W w, Reg dst, Reg a, Reg b, Extend extend, uint8_t amount = 0);
  // Immediate: see is_add_sub_immediate. dst may be sp for add / sub, a may be sp always.
  void add_sub_imm(AddSub op, W w, Reg dst, Reg a, uint64_t imm);
  void logical(Logic op, W w, Reg dst, Reg a, Reg b, Shift shift = Shift::lsl, uint8_t amount = 0);
  // See is_logical_immediate. dst may be sp, except for ands.
  void logical_imm(Logic op, W w, Reg dst, Reg a, uint64_t imm);

  void add(W w, Reg d, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { add_sub(AddSub::add, w, d, a, b, s, n); }
  void adds(W w, Reg d, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { add_sub(AddSub::adds, w, d, a, b, s, n); }
  void sub(W w, Reg d, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { add_sub(AddSub::sub, w, d, a, b, s, n); }
  void subs(W w, Reg d, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { add_sub(AddSub::subs, w, d, a, b, s, n); }
  void add(W w, Reg d, Reg a, uint64_t imm) { add_sub_imm(AddSub::add, w, d, a, imm); }
  void adds(W w, Reg d, Reg a, uint64_t imm) { add_sub_imm(AddSub::adds, w, d, a, imm); }
  void sub(W w, Reg d, Reg a, uint64_t imm) { add_sub_imm(AddSub::sub, w, d, a, imm); }
  void subs(W w, Reg d, Reg a, uint64_t imm) { add_sub_imm(AddSub::subs, w, d, a, imm); }
  void cmp(W w, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { add_sub(AddSub::subs, w, Reg::zr, a, b, s, n); }
  void cmn(W w, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { add_sub(AddSub::adds, w, Reg::zr, a, b, s, n); }
  void cmp(W w, Reg a, uint64_t imm) { add_sub_imm(AddSub::subs, w, Reg::zr, a, imm); }
  void cmn(W w, Reg a, uint64_t imm) { add_sub_imm(AddSub::adds, w, Reg::zr, a, imm); }
  void neg(W w, Reg d, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { add_sub(AddSub::sub, w, d, Reg::zr, b, s, n); }
  void negs(W w, Reg d, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { add_sub(AddSub::subs, w, d, Reg::zr, b, s, n); }
  void and_(W w, Reg d, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { logical(Logic::and_, w, d, a, b, s, n); }
  void orr(W w, Reg d, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { logical(Logic::orr, w, d, a, b, s, n); }
  void eor(W w, Reg d, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { logical(Logic::eor, w, d, a, b, s, n); }
  void ands(W w, Reg d, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { logical(Logic::ands, w, d, a, b, s, n); }
  void and_(W w, Reg d, Reg a, uint64_t imm) { logical_imm(Logic::and_, w, d, a, imm); }
  void orr(W w, Reg d, Reg a, uint64_t imm) { logical_imm(Logic::orr, w, d, a, imm); }
  void eor(W w, Reg d, Reg a, uint64_t imm) { logical_imm(Logic::eor, w, d, a, imm); }
  void ands(W w, Reg d, Reg a, uint64_t imm) { logical_imm(Logic::ands, w, d, a, imm); }
  void tst(W w, Reg a, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { logical(Logic::ands, w, Reg::zr, a, b, s, n); }
  void tst(W w, Reg a, uint64_t imm) { logical_imm(Logic::ands, w, Reg::zr, a, imm); }
  void mvn(W w, Reg d, Reg b, Shift s = Shift::lsl, uint8_t n = 0) { logical(Logic::orn, w, d, Reg::zr, b, s, n); }

  void madd(W w, Reg dst, Reg a, Reg b, Reg addend);  // dst = addend + a * b
  void msub(W w, Reg dst, Reg a, Reg b, Reg minuend);  // dst = minuend - a * b (the remainder)
  void mul(W w, Reg dst, Reg a, Reg b) { madd(w, dst, a, b, Reg::zr); }
  void sdiv(W w, Reg dst, Reg a, Reg b);  // rounds toward zero; x / 0 = 0, no trap
  void udiv(W w, Reg dst, Reg a, Reg b);

  // Shifts by a register (the count taken modulo the width, as WebAssembly wants) and by an
  // immediate (0 .. width-1; ubfm / sbfm / extr underneath).
  void shift(Shift op, W w, Reg dst, Reg src, Reg count);
  void shift_imm(Shift op, W w, Reg dst, Reg src, uint8_t count);
  void lsl(W w, Reg d, Reg s, Reg c) { shift(Shift::lsl, w, d, s, c); }
  void lsr(W w, Reg d, Reg s, Reg c) { shift(Shift::lsr, w, d, s, c); }
  void asr(W w, Reg d, Reg s, Reg c) { shift(Shift::asr, w, d, s, c); }
  void ror(W w, Reg d, Reg s, Reg c) { shift(Shift::ror, w, d, s, c); }
  void lsl(W w, Reg d, Reg s, uint8_t c) { shift_imm(Shift::lsl, w, d, s, c); }
  void lsr(W w, Reg d, Reg s, uint8_t c) { shift_imm(Shift::lsr, w, d, s, c); }
  void asr(W w, Reg d, Reg s, uint8_t c) { shift_imm(Shift::asr, w, d, s, c); }
  void ror(W w, Reg d, Reg s, uint8_t c) { shift_imm(Shift::ror, w, d, s, c); }
  void extr(W w, Reg dst, Reg hi, Reg lo, uint8_t lsb);  // (hi:lo) >> lsb

  void clz(W w, Reg dst, Reg src);
  void rbit(W w, Reg dst, Reg src);  // with clz: count trailing zeros
  void rev(W w, Reg dst, Reg src);   // byte swap

  // Bitfield moves, and the aliases the compiler wants from them.
  void sbfm(W w, Reg dst, Reg src, uint8_t immr, uint8_t imms);
  void bfm(W w, Reg dst, Reg src, uint8_t immr, uint8_t imms);
  void ubfm(W w, Reg dst, Reg src, uint8_t immr, uint8_t imms);
  void sbfx(W w, Reg d, Reg s, uint8_t lsb, uint8_t width);   // signed field lsb..lsb+width-1
  void ubfx(W w, Reg d, Reg s, uint8_t lsb, uint8_t width);
  void ubfiz(W w, Reg d, Reg s, uint8_t lsb, uint8_t width);  // low `width` bits moved to lsb
  void bfi(W w, Reg d, Reg s, uint8_t lsb, uint8_t width);    // insert, the other bits kept
  void bfxil(W w, Reg d, Reg s, uint8_t lsb, uint8_t width);
  void sxtb(W w, Reg d, Reg s) { sbfm(w, d, s, 0, 7); }
  void sxth(W w, Reg d, Reg s) { sbfm(w, d, s, 0, 15); }
  void sxtw(Reg d, Reg s) { sbfm(W::W64, d, s, 0, 31); }  // i64.extend_i32_s
  void uxtb(Reg d, Reg s) { ubfm(W::W32, d, s, 0, 7); }   // the W write clears bits 63:32 too
  void uxth(Reg d, Reg s) { ubfm(W::W32, d, s, 0, 15); }
  // uxtw is mov(W::W32, d, s).

  // Conditional select: dst = cond ? a : op(b), op one of none, +1, ~, -.
  void csel(W w, Reg dst, Reg a, Reg b, Cond c);
  void csinc(W w, Reg dst, Reg a, Reg b, Cond c);
  void csinv(W w, Reg dst, Reg a, Reg b, Cond c);
  void csneg(W w, Reg dst, Reg a, Reg b, Cond c);
  void cset(W w, Reg dst, Cond c) { csinc(w, dst, Reg::zr, Reg::zr, negate(c)); }   // 1 or 0
  void csetm(W w, Reg dst, Cond c) { csinv(w, dst, Reg::zr, Reg::zr, negate(c)); }  // -1 or 0

  // ---- loads and stores ---------------------------------------------------------------------
  // Integer ops take a general register (zr stores zero; the base may be sp, the index not);
  // the SIMD & FP ops (ldr_s ... str_q) a VReg.
  void load_store(Ls op, Reg rt, const Mem& m);
  void load_store(Ls op, VReg rt, const Mem& m);
  void load_store_pair(Lsp op, Reg rt, Reg rt2, const Mem& m);    // offset / pre / post, imm7 scaled
  void load_store_pair(Lsp op, VReg rt, VReg rt2, const Mem& m);

  void ldr(W w, Reg rt, const Mem& m) { load_store(w == W::W64 ? Ls::ldr_x : Ls::ldr_w, rt, m); }
  void str(W w, Reg rt, const Mem& m) { load_store(w == W::W64 ? Ls::str_x : Ls::str_w, rt, m); }
  void ldrb(Reg rt, const Mem& m) { load_store(Ls::ldrb, rt, m); }
  void ldrh(Reg rt, const Mem& m) { load_store(Ls::ldrh, rt, m); }
  void ldrsb(W w, Reg rt, const Mem& m) { load_store(w == W::W64 ? Ls::ldrsb_x : Ls::ldrsb_w, rt, m); }
  void ldrsh(W w, Reg rt, const Mem& m) { load_store(w == W::W64 ? Ls::ldrsh_x : Ls::ldrsh_w, rt, m); }
  void ldrsw(Reg rt, const Mem& m) { load_store(Ls::ldrsw, rt, m); }
  void strb(Reg rt, const Mem& m) { load_store(Ls::strb, rt, m); }
  void strh(Reg rt, const Mem& m) { load_store(Ls::strh, rt, m); }
  void ldr(Vw w, VReg rt, const Mem& m);
  void str(Vw w, VReg rt, const Mem& m);
  void ldp(W w, Reg a, Reg b, const Mem& m) { load_store_pair(w == W::W64 ? Lsp::ldp_x : Lsp::ldp_w, a, b, m); }
  void stp(W w, Reg a, Reg b, const Mem& m) { load_store_pair(w == W::W64 ? Lsp::stp_x : Lsp::stp_w, a, b, m); }

  // ---- branches -----------------------------------------------------------------------------
  // To labels, range-checked when the label is bound (or at once for a bound one): b and bl
  // reach +-128 MiB, b.cond / cbz / cbnz / adr +-1 MiB, tbz / tbnz +-32 KiB.
  void b(Label& to);
  void bl(Label& to);
  void b(Cond c, Label& to);
  void cbz(W w, Reg r, Label& to);
  void cbnz(W w, Reg r, Label& to);
  void tbz(Reg r, uint8_t bit, Label& to);  // bit 0..63; below 32 objdump names the W register
  void tbnz(Reg r, uint8_t bit, Label& to);
  void adr(Reg dst, Label& to);
  void bind(Label& label);
  // The same with a byte offset from the branch itself, checked at once.
  void b(int64_t offset);
  void bl(int64_t offset);
  void b(Cond c, int64_t offset);
  void cbz(W w, Reg r, int64_t offset);
  void cbnz(W w, Reg r, int64_t offset);
  void tbz(Reg r, uint8_t bit, int64_t offset);
  void tbnz(Reg r, uint8_t bit, int64_t offset);
  void adr(Reg dst, int64_t offset);
  // Retargets the branch (or adr) at code offset `at` to code offset `target`: calls between
  // functions of one block are linked once all are laid out.
  void patch_branch(uint32_t at, uint32_t target);
  // Rewrites the 16-bit immediate of the movz / movn / movk at code offset `at`: a constant
  // known only later (a frame's size, a run's fuel charge) is emitted as a movz / movk pair.
  void patch_imm16(uint32_t at, uint16_t imm) { write(at, (read(at) & ~(0xffffu << 5)) | uint32_t(imm) << 5); }
  void br(Reg target);
  void blr(Reg target);
  void ret(Reg link = Reg::x30);

  // ---- scalar floating point ----------------------------------------------------------------
  void fmov(Fp fp, VReg dst, VReg src);
  void fmov(W w, VReg dst, Reg src);  // W32: s from w; W64: d from x (the bits, no conversion)
  void fmov(W w, Reg dst, VReg src);
  void fp2(Fp2 op, Fp fp, VReg dst, VReg a, VReg b);
  void fp1(Fp1 op, Fp fp, VReg dst, VReg src);
  void fadd(Fp fp, VReg d, VReg a, VReg b) { fp2(Fp2::fadd, fp, d, a, b); }
  void fsub(Fp fp, VReg d, VReg a, VReg b) { fp2(Fp2::fsub, fp, d, a, b); }
  void fmul(Fp fp, VReg d, VReg a, VReg b) { fp2(Fp2::fmul, fp, d, a, b); }
  void fdiv(Fp fp, VReg d, VReg a, VReg b) { fp2(Fp2::fdiv, fp, d, a, b); }
  void fmin(Fp fp, VReg d, VReg a, VReg b) { fp2(Fp2::fmin, fp, d, a, b); }  // NaN-propagating, -0 < +0: WebAssembly's
  void fmax(Fp fp, VReg d, VReg a, VReg b) { fp2(Fp2::fmax, fp, d, a, b); }
  void fsqrt(Fp fp, VReg d, VReg s) { fp1(Fp1::fsqrt, fp, d, s); }
  void fabs(Fp fp, VReg d, VReg s) { fp1(Fp1::fabs, fp, d, s); }
  void fneg(Fp fp, VReg d, VReg s) { fp1(Fp1::fneg, fp, d, s); }
  void frintm(Fp fp, VReg d, VReg s) { fp1(Fp1::frintm, fp, d, s); }  // floor
  void frintp(Fp fp, VReg d, VReg s) { fp1(Fp1::frintp, fp, d, s); }  // ceil
  void frintz(Fp fp, VReg d, VReg s) { fp1(Fp1::frintz, fp, d, s); }  // trunc
  void frintn(Fp fp, VReg d, VReg s) { fp1(Fp1::frintn, fp, d, s); }  // nearest, ties to even
  void fcvt(Fp to, VReg dst, VReg src);  // to F64: s -> d; to F32: d -> s
  void fcmp(Fp fp, VReg a, VReg b);
  void fcmp_zero(Fp fp, VReg a);
  void fcsel(Fp fp, VReg dst, VReg a, VReg b, Cond c);
  // Integer <-> float. The float -> integer forms round toward zero and saturate (NaN -> 0):
  // the trapping WebAssembly conversions check the range first.
  void scvtf(Fp fp, VReg dst, W w, Reg src);
  void ucvtf(Fp fp, VReg dst, W w, Reg src);
  void fcvtzs(W w, Reg dst, Fp fp, VReg src);
  void fcvtzu(W w, Reg dst, Fp fp, VReg src);

  // ---- system -------------------------------------------------------------------------------
  void brk(uint16_t imm);  // a breakpoint: SIGTRAP
  void udf(uint16_t imm);  // permanently undefined: SIGILL, the traps' instruction
  void dmb_ish();          // data memory barrier, inner shareable (atomics, later)
  void isb();
  void nop();

  // ---- NEON (assembler_simd.cpp) ------------------------------------------------------------
  // A vector arrangement: lane size and lane count; the 64-bit ones (8b, 4h, 2s) use the low half.
  enum class Arr : uint8_t { B8, B16, H4, H8, S2, S4, D1, D2 };
  // Three registers of one arrangement: U (29), bits 15:10 in place, size from the arrangement.
  enum class Vec3 : uint32_t {
    add = 0x0e208400, sub = 0x2e208400, mul = 0x0e209c00, cmeq = 0x2e208c00, cmgt = 0x0e203400,
    cmge = 0x0e203c00, cmhi = 0x2e203400, cmhs = 0x2e203c00, smax = 0x0e206400, smin = 0x0e206c00,
    umax = 0x2e206400, umin = 0x2e206c00, sqadd = 0x0e200c00, uqadd = 0x2e200c00, sqsub = 0x0e202c00,
    uqsub = 0x2e202c00, urhadd = 0x2e201400, sshl = 0x0e204400, ushl = 0x2e204400,
    addp = 0x0e20bc00,      // pairwise: the sums of a's adjacent lanes, then b's
    sqrdmulh = 0x2e20b400,  // (2ab + half an lsb) >> lane bits, saturated: h and s lanes only
  };
  // Bitwise on whole registers (B8 or B16 only): the size field picks the operation.
  enum class VecLogic : uint32_t {
    and_ = 0x0e201c00, bic = 0x0e601c00, orr = 0x0ea01c00, orn = 0x0ee01c00,
    eor = 0x2e201c00, bsl = 0x2e601c00, bit = 0x2ea01c00, bif = 0x2ee01c00,
  };
  // Floating point on whole registers, four f32 lanes (4s) or two f64 (2d): U (29), the
  // operation bit 23 and bits 15:10 in place; bit 22 picks f64.
  enum class VecFp3 : uint32_t {
    fadd = 0x4e20d400, fsub = 0x4ea0d400, fmul = 0x6e20dc00, fdiv = 0x6e20fc00, fmax = 0x4e20f400,
    fmin = 0x4ea0f400, fcmeq = 0x4e20e400, fcmge = 0x6e20e400, fcmgt = 0x6ea0e400,
  };
  // The conversions keep the lane width: scvtf / ucvtf from integer lanes, fcvtzs / fcvtzu to
  // them, rounding toward zero and saturating (NaN -> 0), as WebAssembly's trunc_sat.
  enum class VecFp1 : uint32_t {
    fabs = 0x4ea0f800, fneg = 0x6ea0f800, fsqrt = 0x6ea1f800,
    frintn = 0x4e218800, frintm = 0x4e219800, frintp = 0x4ea18800, frintz = 0x4ea19800,
    scvtf = 0x4e21d800, ucvtf = 0x6e21d800, fcvtzs = 0x4ea1b800, fcvtzu = 0x6ea1b800,
  };
  void vec3(Vec3 op, Arr arr, VReg dst, VReg a, VReg b);
  void vec_fp3(VecFp3 op, Fp fp, VReg dst, VReg a, VReg b);
  void vec_fp1(VecFp1 op, Fp fp, VReg dst, VReg src);
  // Two-register miscellaneous on integer lanes: U (29) and bits 16:10 in place, size from the
  // arrangement (cnt: bytes only).
  enum class VecMisc : uint32_t { abs = 0x0e20b800, neg = 0x2e20b800, cnt = 0x0e205800 };
  void vec_misc(VecMisc op, Arr arr, VReg dst, VReg src);
  // sxtl / uxtl (sshll / ushll by 0): each lane of `from` width (B, H or S) in the low half of src,
  // or its high half (sxtl2 / uxtl2), widened to twice its width, sign- or zero-extended.
  void xtl(bool is_signed, Vw from, bool high, VReg dst, VReg src);
  // Narrowing: each lane of src halved to `to` (B, H or S), into dst's low half with the high
  // half cleared, or (high: xtn2 ...) into its high half with the low half kept. xtn truncates;
  // sqxtn saturates signed to signed, sqxtun signed to unsigned, uqxtn unsigned to unsigned.
  enum class VecNarrow : uint32_t { xtn = 0x0e212800, sqxtn = 0x0e214800, sqxtun = 0x2e212800, uqxtn = 0x2e214800 };
  void narrow(VecNarrow op, Vw to, bool high, VReg dst, VReg src);
  // f64 lanes to f32 (fcvtn, into the low or high half as narrow does) and f32 lanes of the low
  // or high half to f64 (fcvtl), rounding as the FPCR says (to nearest).
  void fcvtn(bool high, VReg dst, VReg src);
  void fcvtl(bool high, VReg dst, VReg src);
  // smull / umull: the lanes of `from` width (B, H or S) of a's and b's low halves (high: smull2 /
  // umull2, their high halves) multiplied into lanes twice as wide.
  void mull(bool is_signed, Vw from, bool high, VReg dst, VReg a, VReg b);
  // saddlp / uaddlp: adjacent lanes of `from` width (B, H or S) added into one twice as wide;
  // all 16 bytes.
  void addlp(bool is_signed, Vw from, VReg dst, VReg src);
  // tbl: each byte of `index` picks a byte of the table, `count` (1 to 4) consecutive registers
  // from `table` (v31 is followed by v0), 16 bytes each; an index past the table gives 0.
  void tbl(VReg dst, VReg table, unsigned count, VReg index);
  void vec_logic(VecLogic op, bool q, VReg dst, VReg a, VReg b);  // q: all 16 bytes
  void vec_mov(VReg dst, VReg src);  // orr dst.16b, src.16b, src.16b
  void dup(Arr arr, VReg dst, Reg src);              // every lane from a general register
  void dup(Arr arr, VReg dst, VReg src, uint8_t lane);
  void ins(Vw lane_w, VReg dst, uint8_t lane, Reg src);  // B, H, S or D lane from a general register
  void ins(Vw lane_w, VReg dst, uint8_t dst_lane, VReg src, uint8_t src_lane);
  void umov(Vw lane_w, Reg dst, VReg src, uint8_t lane);  // zero-extended; D into an X register
  void smov(Vw lane_w, W w, Reg dst, VReg src, uint8_t lane);  // sign-extended; B or H, or S into X

 private:
  void emit(uint32_t insn) {
    if (refused_) {
      insn = kRefused;
      refused_ = false;
    }
    if (code_.size() - size_ < 4) code_.resize(2 * code_.size() + 256);
    std::memcpy(code_.data() + size_, &insn, 4);  // AArch64 code is little-endian; so are the hosts
    size_ += 4;
  }
  uint32_t read(size_t at) const {
    uint32_t insn;
    std::memcpy(&insn, code_.data() + at, 4);
    return insn;
  }
  void write(size_t at, uint32_t insn) { std::memcpy(code_.data() + at, &insn, 4); }
  // Records the first error and marks the instruction being built as refused: emit writes udf.
  void fail(const std::string& what);
  // The 5-bit number of a register field that means zr for 31, or one that means sp.
  uint32_t rz(Reg r, const char* what);
  uint32_t rs(Reg r, const char* what);
  void branch_to(uint32_t insn, Label& to);
  void branch_by(uint32_t insn, int64_t offset);
  uint32_t mem_encoding(uint32_t op, bool vector, uint32_t rt, const Mem& m);
  uint32_t pair_encoding(uint32_t op, uint32_t rt, uint32_t rt2, const Mem& m);
  uint32_t bitfield_encoding(uint32_t opc, W w, Reg dst, Reg src, uint8_t immr, uint8_t imms);

  static constexpr uint32_t kRefused = 0x0000dead;  // udf #0xdead

  std::vector<uint8_t> code_;  // the code is [0, size_); the rest is room to write in
  size_t size_ = 0;
  bool refused_ = false;
  std::string error_;
  // Chain links that did not fit their branch's field: (branch, previous waiting branch).
  std::vector<std::pair<uint32_t, uint32_t>> far_links_;
};

}  // namespace mnemo::jit::arm64
