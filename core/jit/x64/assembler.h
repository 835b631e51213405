// core/jit/x64/assembler.h: the x86-64 instructions the baseline compiler emits, encoded by hand
// (Intel SDM vol. 2). Each emitter appends one instruction; tests/native/jit_x64_assembler_test.cpp
// checks every form against objdump. Operand widths are 32 or 64 bits (W32 / W64): a 32-bit write
// zeroes the upper half, which is what i32 values need.
#pragma once

#include <cstdint>
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

// A jump target. Jumps to an unbound label are patched when it is bound.
struct Label {
  int64_t at = -1;                 // code offset once bound
  std::vector<uint32_t> uses;      // offsets of rel32 fields that wait for it
};

class Assembler {
 public:
  const std::vector<uint8_t>& code() const { return code_; }
  uint32_t size() const { return uint32_t(code_.size()); }

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

 private:
  void byte(uint8_t b) { code_.push_back(b); }
  void u32(uint32_t v);
  // REX for a reg/rm pair (and a SIB index); `force` emits it even when empty (byte registers
  // spl..dil).
  void rex(W w, uint8_t reg, uint8_t rm, bool force = false, uint8_t index = 0);
  void modrm_reg(uint8_t reg, Reg rm);
  void modrm_mem(uint8_t reg, Mem m);
  void rel32_to(Label& to);
  void group_ff(uint8_t digit, Reg target);
  void group_ff(uint8_t digit, Mem target);
  // [prefix] [REX] opcode (0x0Fxx: two bytes) ModRM, register or memory operand (assembler.cpp).
  void op_rr(uint8_t prefix, W w, uint16_t op, uint8_t reg, uint8_t rm, bool byte_regs = false);
  void op_rm(uint8_t prefix, W w, uint16_t op, uint8_t reg, Mem rm, bool byte_regs = false);

  std::vector<uint8_t> code_;
};

}  // namespace mnemo::jit::x64
