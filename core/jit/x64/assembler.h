// core/jit/x64/assembler.h: the x86-64 instructions the baseline compiler emits, encoded by hand
// (Intel SDM vol. 2). Each emitter appends one instruction; tests/native/jit_x64_assembler_test.cpp
// checks every form against objdump. Operand widths are 32 or 64 bits (W32 / W64): a 32-bit write
// zeroes the upper half, which is what i32 values need.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace mnemo::jit::x64 {

enum class Reg : uint8_t { rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15 };
enum class W : uint8_t { W32, W64 };
enum class Xmm : uint8_t { xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7,
                           xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15 };
// Scalar float width: the ss forms (prefix F3) or the sd forms (prefix F2).
enum class Fp : uint8_t { F32, F64 };
enum class Sse : uint8_t { sqrt = 0x51, add = 0x58, mul = 0x59, sub = 0x5c, min = 0x5d, div = 0x5e, max = 0x5f };
enum class Bitwise : uint8_t { and_ = 0x54, or_ = 0x56, xor_ = 0x57 };  // andps / orps / xorps

// Condition codes, as the low nibble of jcc / setcc / cmovcc.
enum class Cond : uint8_t {
  o = 0x0, no = 0x1, b = 0x2, ae = 0x3, e = 0x4, ne = 0x5, be = 0x6, a = 0x7,
  s = 0x8, ns = 0x9, p = 0xa, np = 0xb, l = 0xc, ge = 0xd, le = 0xe, g = 0xf,
};
inline Cond negate(Cond c) { return Cond(uint8_t(c) ^ 1); }

// [base + index + disp32]: every memory operand the compiler needs (slots and context fields
// with no index; guest bytes at a memory's base plus the WebAssembly address in a register).
struct Mem {
  Reg base;
  int32_t disp = 0;
  Reg index = Reg::rsp;  // rsp: no index (the encoding has no form with rsp as the index)
  bool indexed() const { return index != Reg::rsp; }
};

enum class Alu : uint8_t { add = 0, or_ = 1, and_ = 4, sub = 5, xor_ = 6, cmp = 7 };
enum class Shift : uint8_t { rol = 0, ror = 1, shl = 4, shr = 5, sar = 7 };
enum class Unary : uint8_t { not_ = 2, neg = 3, mul = 4, div = 6, idiv = 7 };  // F7 /digit
enum class BitCount : uint8_t { popcnt = 0xb8, tzcnt = 0xbc, lzcnt = 0xbd };       // F3 0F xx

// A jump target. Jumps to an unbound label are patched when it is bound: until then their rel32
// fields form a chain, each holding the offset of the one before (-1 ends it), so that a label
// needs no memory of its own (a body makes thousands).
struct Label {
  int64_t at = -1;        // code offset once bound
  int64_t waiting = -1;   // the rel32 field of the last jump that waits for it
  bool bound() const { return at >= 0; }
};

class Assembler {
 public:
  Assembler() = default;
  // Assembles into `buffer`, whose bytes are overwritten: a thread that compiles many functions
  // hands each the same buffer, already in memory, instead of a new one to allocate, zero and
  // fault in (see give_back_buffer).
  explicit Assembler(std::vector<uint8_t>&& buffer) : code_(std::move(buffer)) {}

  std::vector<uint8_t> code() const { return {code_.begin(), code_.begin() + long(size_)}; }
  // The code, without a copy; the assembler is left empty.
  std::vector<uint8_t> take_code() {
    code_.resize(size_);
    size_ = 0;
    return std::move(code_);
  }
  // The buffer back to `buffer` for the next function (the code is left to copy out first);
  // the assembler is left empty.
  void give_back_buffer(std::vector<uint8_t>& buffer) {
    buffer = std::move(code_);
    code_.clear();
    size_ = 0;
  }
  uint32_t size() const { return uint32_t(size_); }
  // Room for `bytes` of code, so that the buffer is not copied as it grows.
  void reserve(size_t bytes) {
    if (bytes > code_.size()) code_.resize(bytes);
  }

  void mov(W w, Reg dst, Reg src);
  void mov(W w, Reg dst, Mem src);            // load
  void mov(W w, Mem dst, Reg src);            // store
  void mov_imm(W w, Reg dst, uint64_t imm);   // the shortest encoding of the constant
  void mov_imm(W w, Mem dst, int32_t imm);    // sign-extended to 64 bits with W64
  void store8(Mem dst, Reg src);
  void store16(Mem dst, Reg src);
  void store8_imm(Mem dst, uint8_t imm);      // mov byte [m], imm8
  void store16_imm(Mem dst, uint16_t imm);    // mov word [m], imm16
  void load_zx8(Reg dst, Mem src);            // movzx r32, byte
  void load_zx16(Reg dst, Mem src);           // movzx r32, word
  void load_sx8(W w, Reg dst, Mem src);       // movsx
  void load_sx16(W w, Reg dst, Mem src);
  void load_sx32(Reg dst, Mem src);           // movsxd r64, dword
  void movsxd(Reg dst, Reg src);              // movsxd r64, r32
  void movsx8(W w, Reg dst, Reg src);         // movsx r, r8
  void movsx16(W w, Reg dst, Reg src);        // movsx r, r16
  void lea(W w, Reg dst, Mem src);

  void alu(Alu op, W w, Reg dst, Reg src);
  void alu(Alu op, W w, Reg dst, Mem src);
  void alu_imm(Alu op, W w, Reg dst, int32_t imm);
  void alu_imm(Alu op, W w, Mem dst, int32_t imm);  // read-modify-write of memory
  // The same with a 4-byte immediate whatever its value: its field, the last 4 bytes, can be
  // patched once the value is known.
  void alu_imm32(Alu op, W w, Reg dst, int32_t imm);
  void test(W w, Reg a, Reg b);
  void imul(W w, Reg dst, Reg src);
  void unary(Unary op, W w, Reg r);
  void sign_extend_ax(W w);                   // cdq / cqo: rdx:rax from rax, for idiv
  void shift_cl(Shift op, W w, Reg r);
  void shift_imm(Shift op, W w, Reg r, uint8_t count);
  void bit_count(BitCount op, W w, Reg dst, Reg src);
  void setcc(Cond c, Reg dst);                // low byte only: zero-extend with movzx8
  void movzx8(Reg dst, Reg src);              // movzx r32, r8
  void cmov(Cond c, W w, Reg dst, Reg src);

  // Scalar SSE (SSE2; round needs SSE4.1).
  void movs(Fp fp, Xmm dst, Mem src);                  // movss / movsd load
  void movs(Fp fp, Mem dst, Xmm src);                  // movss / movsd store
  void mov_to_xmm(W w, Xmm dst, Reg src);              // movd / movq
  void mov_from_xmm(W w, Reg dst, Xmm src);            // movd / movq
  void sse(Sse op, Fp fp, Xmm dst, Xmm src);
  void sse(Sse op, Fp fp, Xmm dst, Mem src);
  void bitwise(Bitwise op, Xmm dst, Xmm src);
  void movaps(Xmm dst, Xmm src);                       // a whole register: the cheapest copy
  void ucomis(Fp fp, Xmm a, Xmm b);
  void cvt_from_int(Fp fp, W w, Xmm dst, Reg src);     // cvtsi2ss / cvtsi2sd
  void cvt_to_int(Fp fp, W w, Reg dst, Xmm src);       // cvttss2si / cvttsd2si (truncating)
  void cvt_fp(Fp from, Xmm dst, Xmm src);              // cvtss2sd from F32, cvtsd2ss from F64
  void round(Fp fp, Xmm dst, Xmm src, uint8_t mode);   // roundss / roundsd: 0 nearest, 1 floor, 2 ceil, 3 trunc

  void push(Reg r);
  void pop(Reg r);
  void call(Reg target);
  void call(Mem target);
  // call rel32 to a place known only later (another function of the same code block): returns
  // the offset of the rel32 field, relative to the end of the instruction, to patch then.
  uint32_t call_rel32();
  void ret();
  void ud2();

  void jmp(Label& to);
  void jcc(Cond c, Label& to);
  void jmp(Reg target);
  void jmp(Mem target);
  void bind(Label& label);
  // Rewrites the 32-bit field at `at` (a displacement or immediate emitted before its value was known).
  void patch32(uint32_t at, uint32_t value);

  // ---- packed SSE, SSE4.1 (assembler_simd.cpp) ------------------------------------------------
  // The v128 instructions (core/jit/x64/simd_ops.h): SSE2, SSSE3 and SSE4.1, no VEX. An enumerator
  // holds its mandatory prefix (0, 66, F2 or F3) in the top byte and its opcode below: 0F xx,
  // 0F 38 xx or 0F 3A xx. Legacy packed instructions fault on a memory operand that is not 16-byte
  // aligned, except the unaligned moves and the narrower accesses (movd / movq, pmovsx / pmovzx,
  // pinsr / pextr): slots and guest bytes are only 8- or 1-byte aligned, so the compiler reads and
  // writes them with those and works between registers otherwise.
  enum class Packed : uint32_t {
    // SSE2 integer, 66 0F xx
    punpcklbw = 0x66000f60, punpcklwd = 0x66000f61, punpckldq = 0x66000f62, packsswb = 0x66000f63,
    pcmpgtb = 0x66000f64, pcmpgtw = 0x66000f65, pcmpgtd = 0x66000f66, packuswb = 0x66000f67,
    punpckhbw = 0x66000f68, punpckhwd = 0x66000f69, punpckhdq = 0x66000f6a, packssdw = 0x66000f6b,
    punpcklqdq = 0x66000f6c, punpckhqdq = 0x66000f6d, movdqa = 0x66000f6f,
    pcmpeqb = 0x66000f74, pcmpeqw = 0x66000f75, pcmpeqd = 0x66000f76,
    psrlw = 0x66000fd1, psrld = 0x66000fd2, psrlq = 0x66000fd3, paddq = 0x66000fd4, pmullw = 0x66000fd5,
    psubusb = 0x66000fd8, psubusw = 0x66000fd9, pminub = 0x66000fda, pand = 0x66000fdb,
    paddusb = 0x66000fdc, paddusw = 0x66000fdd, pmaxub = 0x66000fde, pandn = 0x66000fdf,
    pavgb = 0x66000fe0, psraw = 0x66000fe1, psrad = 0x66000fe2, pavgw = 0x66000fe3,
    pmulhuw = 0x66000fe4, pmulhw = 0x66000fe5, psubsb = 0x66000fe8, psubsw = 0x66000fe9,
    pminsw = 0x66000fea, por = 0x66000feb, paddsb = 0x66000fec, paddsw = 0x66000fed,
    pmaxsw = 0x66000fee, pxor = 0x66000fef, psllw = 0x66000ff1, pslld = 0x66000ff2, psllq = 0x66000ff3,
    pmuludq = 0x66000ff4, pmaddwd = 0x66000ff5, psubb = 0x66000ff8, psubw = 0x66000ff9,
    psubd = 0x66000ffa, psubq = 0x66000ffb, paddb = 0x66000ffc, paddw = 0x66000ffd, paddd = 0x66000ffe,
    // SSSE3, 66 0F 38 xx
    pshufb = 0x660f3800, pmaddubsw = 0x660f3804, pmulhrsw = 0x660f380b,
    pabsb = 0x660f381c, pabsw = 0x660f381d, pabsd = 0x660f381e,
    // SSE4.1, 66 0F 38 xx (pblendvb: xmm0 is its implicit mask)
    pblendvb = 0x660f3810, ptest = 0x660f3817, pmovsxbw = 0x660f3820, pmovsxwd = 0x660f3823,
    pmovsxdq = 0x660f3825, pmuldq = 0x660f3828, pcmpeqq = 0x660f3829, packusdw = 0x660f382b,
    pmovzxbw = 0x660f3830, pmovzxwd = 0x660f3833, pmovzxdq = 0x660f3835, pminsb = 0x660f3838,
    pminsd = 0x660f3839, pminuw = 0x660f383a, pminud = 0x660f383b, pmaxsb = 0x660f383c,
    pmaxsd = 0x660f383d, pmaxuw = 0x660f383e, pmaxud = 0x660f383f, pmulld = 0x660f3840,
    // floats: 0F xx (ps), 66 0F xx (pd), and the conversions
    sqrtps = 0x00000f51, andps = 0x00000f54, andnps = 0x00000f55, orps = 0x00000f56,
    xorps = 0x00000f57, addps = 0x00000f58, mulps = 0x00000f59, cvtps2pd = 0x00000f5a,
    cvtdq2ps = 0x00000f5b, subps = 0x00000f5c, minps = 0x00000f5d, divps = 0x00000f5e, maxps = 0x00000f5f,
    sqrtpd = 0x66000f51, andpd = 0x66000f54, andnpd = 0x66000f55, orpd = 0x66000f56,
    xorpd = 0x66000f57, addpd = 0x66000f58, mulpd = 0x66000f59, cvtpd2ps = 0x66000f5a,
    subpd = 0x66000f5c, minpd = 0x66000f5d, divpd = 0x66000f5e, maxpd = 0x66000f5f,
    cvttps2dq = 0xf3000f5b, cvttpd2dq = 0x66000fe6, cvtdq2pd = 0xf3000fe6,
  };
  // The same shape with an immediate byte after the operands.
  enum class PackedImm : uint32_t {
    pshufd = 0x66000f70, pshufhw = 0xf3000f70, pshuflw = 0xf2000f70,
    cmpps = 0x00000fc2, cmppd = 0x66000fc2, shufps = 0x00000fc6,
    roundps = 0x660f3a08, roundpd = 0x660f3a09, pblendw = 0x660f3a0e, palignr = 0x660f3a0f,
  };
  // Shifts by an immediate count: 66 0F 71 / 72 / 73 with the operation in ModRM.reg.
  enum class PackedShift : uint16_t {
    psrlw = 0x7102, psraw = 0x7104, psllw = 0x7106, psrld = 0x7202, psrad = 0x7204, pslld = 0x7206,
    psrlq = 0x7302, psrldq = 0x7303, psllq = 0x7306, pslldq = 0x7307,
  };
  // The sign bits of the lanes into a general register: pmovmskb (bytes), movmskps, movmskpd.
  enum class MoveMask : uint32_t { pmovmskb = 0x66000fd7, movmskps = 0x00000f50, movmskpd = 0x66000f50 };
  // Lane width of pinsr / pextr.
  enum class LaneW : uint8_t { B, W, D, Q };

  void packed(Packed op, Xmm dst, Xmm src);
  void packed(Packed op, Xmm dst, Mem src);
  void packed(PackedImm op, Xmm dst, Xmm src, uint8_t imm);
  void packed(PackedImm op, Xmm dst, Mem src, uint8_t imm);
  void packed_shift(PackedShift op, Xmm x, uint8_t count);
  void move_mask(MoveMask op, Reg dst, Xmm src);      // zero-extended into the 32-bit register
  void movdqu(Xmm dst, Mem src);                      // unaligned 16-byte load
  void movdqu(Mem dst, Xmm src);                      // unaligned 16-byte store
  void movd(Xmm dst, Mem src);                        // 4 bytes into lane 0, zeros above
  void movq(Xmm dst, Mem src);                        // 8 bytes into lane 0, zeros above
  void movq(Mem dst, Xmm src);                        // the low 8 bytes
  void movq(Xmm dst, Xmm src);                        // the low 8 bytes, zeros above
  void pinsr(LaneW w, Xmm dst, Reg src, uint8_t lane);
  void pinsr(LaneW w, Xmm dst, Mem src, uint8_t lane);
  void pextr(LaneW w, Reg dst, Xmm src, uint8_t lane);  // zero-extended into the register
  void pextr(LaneW w, Mem dst, Xmm src, uint8_t lane);

 private:
  // One instruction's bytes (15 at most), written straight into the buffer, which begin() makes
  // room for: one check for room per instruction, not one per byte. emit() takes them in.
  struct Encoding {
    uint8_t* at;
    void byte(uint8_t b) { *at++ = b; }
    void u32(uint32_t v) {
      std::memcpy(at, &v, 4);
      at += 4;
    }
  };
  Encoding begin() {
    if (code_.size() - size_ < kMaxInstruction) code_.resize(2 * code_.size() + 256);
    return Encoding{code_.data() + size_};
  }
  void emit(const Encoding& e) { size_ = size_t(e.at - code_.data()); }
  static constexpr size_t kMaxInstruction = 16;
  // REX for a reg/rm pair (and a SIB index); `force` emits it even when empty (byte registers
  // spl..dil).
  static void rex(Encoding& e, W w, uint8_t reg, uint8_t rm, bool force = false, uint8_t index = 0);
  static void modrm_reg(Encoding& e, uint8_t reg, Reg rm);
  static void modrm_mem(Encoding& e, uint8_t reg, Mem m);
  void rel32_to(Encoding& e, Label& to);  // the rel32 field of the jump `e` ends with
  void group_ff(uint8_t digit, Reg target);
  void group_ff(uint8_t digit, Mem target);
  // [prefix] [REX] opcode (0x0Fxx: two bytes) ModRM, register or memory operand (assembler.cpp).
  // 0x0F38xx / 0x0F3Axx: three bytes (the packed SSE forms). The caller adds any immediate, then
  // emits it.
  Encoding op_rr(uint8_t prefix, W w, uint32_t op, uint8_t reg, uint8_t rm, bool byte_regs = false);
  Encoding op_rm(uint8_t prefix, W w, uint32_t op, uint8_t reg, Mem rm, bool byte_regs = false);

  std::vector<uint8_t> code_;  // the code is [0, size_); the rest is room to write in
  size_t size_ = 0;
};

}  // namespace mnemo::jit::x64
