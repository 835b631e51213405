// core/jit/x64/float_ops.cpp: f32/f64 arithmetic, comparisons and conversions (see float_ops.h).
#include "core/jit/x64/float_ops.h"

#include <cstring>

namespace mnemo::jit::x64 {
namespace {

uint64_t bits_of(double d) {
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}
uint32_t bits_of(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}

class Emitter {
 public:
  explicit Emitter(FloatContext& c) : c_(c), a_(c.a) {}

  Mem slot(uint32_t i) const { return Mem{c_.frame, int32_t(8 * i)}; }
  void load(Fp fp, Xmm x, uint32_t s) { a_.movs(fp, x, slot(s)); }
  // An f32 result goes through eax so that the slot's high half is zero.
  void store(Fp fp, uint32_t s, Xmm x) {
    if (fp == Fp::F64) {
      a_.movs(Fp::F64, slot(s), x);
    } else {
      a_.mov_from_xmm(W::W32, Reg::rax, x);
      a_.mov(W::W64, slot(s), Reg::rax);
    }
  }
  // A float constant into `x`, through rax.
  void constant(Fp fp, Xmm x, double value) {
    if (fp == Fp::F64) {
      a_.mov_imm(W::W64, Reg::rax, bits_of(value));
      a_.mov_to_xmm(W::W64, x, Reg::rax);
    } else {
      a_.mov_imm(W::W32, Reg::rax, bits_of(float(value)));
      a_.mov_to_xmm(W::W32, x, Reg::rax);
    }
  }

  void binary(Sse op, Fp fp, uint32_t h0) {
    load(fp, Xmm::xmm0, h0 - 2);
    a_.sse(op, fp, Xmm::xmm0, slot(h0 - 1));
    store(fp, h0 - 2, Xmm::xmm0);
  }

  // min/max: equal operands may be zeros of both signs (min takes -0: OR of the bits; max +0:
  // AND); unordered ones give a NaN (an add quiets whichever is one).
  void min_max(bool is_min, Fp fp, uint32_t h0) {
    Label nan, differ, done;
    load(fp, Xmm::xmm0, h0 - 2);
    load(fp, Xmm::xmm1, h0 - 1);
    a_.ucomis(fp, Xmm::xmm0, Xmm::xmm1);
    a_.jcc(Cond::p, nan);
    a_.jcc(Cond::ne, differ);
    a_.bitwise(is_min ? Bitwise::or_ : Bitwise::and_, Xmm::xmm0, Xmm::xmm1);
    a_.jmp(done);
    a_.bind(differ);
    a_.sse(is_min ? Sse::min : Sse::max, fp, Xmm::xmm0, Xmm::xmm1);
    a_.jmp(done);
    a_.bind(nan);
    a_.sse(Sse::add, fp, Xmm::xmm0, Xmm::xmm1);
    a_.bind(done);
    store(fp, h0 - 2, Xmm::xmm0);
  }

  // abs / neg / copysign work on the bits, as WebAssembly defines them (NaNs included).
  void sign_bits(Opcode op, Fp fp, uint32_t h0) {
    const W w = fp == Fp::F64 ? W::W64 : W::W32;
    const uint64_t sign = fp == Fp::F64 ? 0x8000000000000000ull : 0x80000000ull;
    const uint32_t a = op == Opcode::F32Copysign || op == Opcode::F64Copysign ? h0 - 2 : h0 - 1;
    a_.mov(w, Reg::rax, slot(a));
    a_.mov_imm(W::W64, Reg::rcx, op == Opcode::F32Neg || op == Opcode::F64Neg ? sign : ~sign & (sign | (sign - 1)));
    switch (op) {
      case Opcode::F32Neg:
      case Opcode::F64Neg: a_.alu(Alu::xor_, w, Reg::rax, Reg::rcx); break;
      case Opcode::F32Abs:
      case Opcode::F64Abs: a_.alu(Alu::and_, w, Reg::rax, Reg::rcx); break;
      default:  // copysign: a's magnitude, b's sign
        a_.alu(Alu::and_, w, Reg::rax, Reg::rcx);
        a_.mov(w, Reg::rdx, slot(h0 - 1));
        a_.unary(Unary::not_, w, Reg::rcx);
        a_.alu(Alu::and_, w, Reg::rdx, Reg::rcx);
        a_.alu(Alu::or_, w, Reg::rax, Reg::rdx);
        break;
    }
    a_.mov(W::W64, slot(a), Reg::rax);
  }

  // a OP b as 0 or 1. ucomis sets ZF, PF and CF alike for unordered operands, so only
  // "above" / "above or equal" (with the operands swapped for less) are false for NaNs; eq and
  // ne look at the parity flag too.
  void compare(Opcode op, Fp fp, uint32_t h0) {
    load(fp, Xmm::xmm0, h0 - 2);
    load(fp, Xmm::xmm1, h0 - 1);
    a_.alu(Alu::xor_, W::W32, Reg::rax, Reg::rax);
    a_.alu(Alu::xor_, W::W32, Reg::rcx, Reg::rcx);
    switch (op) {
      case Opcode::F32Eq:
      case Opcode::F64Eq:
        a_.ucomis(fp, Xmm::xmm0, Xmm::xmm1);
        a_.setcc(Cond::np, Reg::rax);
        a_.setcc(Cond::e, Reg::rcx);
        a_.alu(Alu::and_, W::W32, Reg::rax, Reg::rcx);
        break;
      case Opcode::F32Ne:
      case Opcode::F64Ne:
        a_.ucomis(fp, Xmm::xmm0, Xmm::xmm1);
        a_.setcc(Cond::p, Reg::rax);
        a_.setcc(Cond::ne, Reg::rcx);
        a_.alu(Alu::or_, W::W32, Reg::rax, Reg::rcx);
        break;
      case Opcode::F32Lt:
      case Opcode::F64Lt: a_.ucomis(fp, Xmm::xmm1, Xmm::xmm0); a_.setcc(Cond::a, Reg::rax); break;
      case Opcode::F32Gt:
      case Opcode::F64Gt: a_.ucomis(fp, Xmm::xmm0, Xmm::xmm1); a_.setcc(Cond::a, Reg::rax); break;
      case Opcode::F32Le:
      case Opcode::F64Le: a_.ucomis(fp, Xmm::xmm1, Xmm::xmm0); a_.setcc(Cond::ae, Reg::rax); break;
      default: a_.ucomis(fp, Xmm::xmm0, Xmm::xmm1); a_.setcc(Cond::ae, Reg::rax); break;  // ge
    }
    a_.mov(W::W64, slot(h0 - 2), Reg::rax);
  }

  // Integer to float. Unsigned 64-bit values past INT64_MAX are halved (keeping the low bit, so
  // rounding stays right), converted and doubled.
  void from_int(Fp fp, bool wide, bool is_signed, uint32_t h0) {
    const uint32_t s = h0 - 1;
    if (!wide) {
      if (is_signed) {
        a_.mov(W::W32, Reg::rax, slot(s));
        a_.cvt_from_int(fp, W::W32, Xmm::xmm0, Reg::rax);
      } else {
        a_.mov(W::W32, Reg::rax, slot(s));  // zero-extended: a non-negative 64-bit value
        a_.cvt_from_int(fp, W::W64, Xmm::xmm0, Reg::rax);
      }
    } else {
      a_.mov(W::W64, Reg::rax, slot(s));
      if (is_signed) {
        a_.cvt_from_int(fp, W::W64, Xmm::xmm0, Reg::rax);
      } else {
        Label big, done;
        a_.test(W::W64, Reg::rax, Reg::rax);
        a_.jcc(Cond::s, big);
        a_.cvt_from_int(fp, W::W64, Xmm::xmm0, Reg::rax);
        a_.jmp(done);
        a_.bind(big);
        a_.mov(W::W64, Reg::rcx, Reg::rax);
        a_.shift_imm(Shift::shr, W::W64, Reg::rcx, 1);
        a_.alu_imm(Alu::and_, W::W32, Reg::rax, 1);
        a_.alu(Alu::or_, W::W64, Reg::rcx, Reg::rax);
        a_.cvt_from_int(fp, W::W64, Xmm::xmm0, Reg::rcx);
        a_.sse(Sse::add, fp, Xmm::xmm0, Xmm::xmm0);
        a_.bind(done);
      }
    }
    store(fp, s, Xmm::xmm0);
  }

  // Float to integer, truncating. In range means lower < x (or lower <= x when the bound itself
  // converts) and x < upper; NaN and out of range trap, or with `saturate` give 0, the type's
  // minimum or its maximum.
  void to_int(Fp fp, bool wide, bool is_signed, bool saturate, uint32_t h0) {
    const uint32_t s = h0 - 1;
    const double upper = wide ? (is_signed ? 9223372036854775808.0 : 18446744073709551616.0)
                              : (is_signed ? 2147483648.0 : 4294967296.0);
    // The lowest value that truncates into range, or the highest that does not.
    const bool lower_inclusive = is_signed && (wide || fp == Fp::F32);
    const double lower = !is_signed ? -1.0 : wide ? -9223372036854775808.0 : fp == Fp::F32 ? -2147483648.0 : -2147483649.0;
    const uint64_t min_value = !is_signed ? 0 : wide ? 0x8000000000000000ull : 0x80000000ull;
    const uint64_t max_value = !is_signed ? (wide ? ~0ull : 0xffffffffull) : wide ? 0x7fffffffffffffffull : 0x7fffffffull;
    Label nan, below, above, done;
    load(fp, Xmm::xmm0, s);
    a_.ucomis(fp, Xmm::xmm0, Xmm::xmm0);
    a_.jcc(Cond::p, saturate ? nan : c_.trap(TrapCode::InvalidConversion));
    constant(fp, Xmm::xmm1, lower);
    a_.ucomis(fp, Xmm::xmm0, Xmm::xmm1);
    a_.jcc(lower_inclusive ? Cond::b : Cond::be, saturate ? below : c_.trap(TrapCode::IntegerOverflow));
    constant(fp, Xmm::xmm1, upper);
    a_.ucomis(fp, Xmm::xmm0, Xmm::xmm1);
    a_.jcc(Cond::ae, saturate ? above : c_.trap(TrapCode::IntegerOverflow));
    if (wide && !is_signed) {  // past INT64_MAX: convert x - 2^63 and put the top bit back
      Label small;
      constant(fp, Xmm::xmm1, 9223372036854775808.0);
      a_.ucomis(fp, Xmm::xmm0, Xmm::xmm1);
      a_.jcc(Cond::b, small);
      a_.sse(Sse::sub, fp, Xmm::xmm0, Xmm::xmm1);
      a_.cvt_to_int(fp, W::W64, Reg::rax, Xmm::xmm0);
      a_.mov_imm(W::W64, Reg::rcx, 0x8000000000000000ull);
      a_.alu(Alu::xor_, W::W64, Reg::rax, Reg::rcx);
      a_.jmp(done);
      a_.bind(small);
    }
    // i32 results come from a 64-bit conversion (unsigned ones need it), truncated to 32 bits.
    a_.cvt_to_int(fp, W::W64, Reg::rax, Xmm::xmm0);
    if (!wide) a_.mov(W::W32, Reg::rax, Reg::rax);
    if (saturate) {
      a_.jmp(done);
      a_.bind(nan);
      a_.alu(Alu::xor_, W::W32, Reg::rax, Reg::rax);
      a_.jmp(done);
      a_.bind(below);
      a_.mov_imm(W::W64, Reg::rax, min_value);
      a_.jmp(done);
      a_.bind(above);
      a_.mov_imm(W::W64, Reg::rax, max_value);
    }
    a_.bind(done);
    a_.mov(W::W64, slot(s), Reg::rax);
  }

  bool emit(Opcode op, uint32_t h0) {
    switch (op) {
#define MNEMO_BIN(f32, f64, sse) \
  case Opcode::f32: binary(Sse::sse, Fp::F32, h0); return true; \
  case Opcode::f64: binary(Sse::sse, Fp::F64, h0); return true;
      MNEMO_BIN(F32Add, F64Add, add)
      MNEMO_BIN(F32Sub, F64Sub, sub)
      MNEMO_BIN(F32Mul, F64Mul, mul)
      MNEMO_BIN(F32Div, F64Div, div)
#undef MNEMO_BIN
      case Opcode::F32Sqrt:
      case Opcode::F64Sqrt: {
        const Fp fp = op == Opcode::F32Sqrt ? Fp::F32 : Fp::F64;
        a_.sse(Sse::sqrt, fp, Xmm::xmm0, slot(h0 - 1));
        store(fp, h0 - 1, Xmm::xmm0);
        return true;
      }
      case Opcode::F32Min: min_max(true, Fp::F32, h0); return true;
      case Opcode::F64Min: min_max(true, Fp::F64, h0); return true;
      case Opcode::F32Max: min_max(false, Fp::F32, h0); return true;
      case Opcode::F64Max: min_max(false, Fp::F64, h0); return true;
      case Opcode::F32Abs:
      case Opcode::F32Neg:
      case Opcode::F32Copysign: sign_bits(op, Fp::F32, h0); return true;
      case Opcode::F64Abs:
      case Opcode::F64Neg:
      case Opcode::F64Copysign: sign_bits(op, Fp::F64, h0); return true;
      case Opcode::F32Ceil:
      case Opcode::F32Floor:
      case Opcode::F32Trunc:
      case Opcode::F32Nearest:
      case Opcode::F64Ceil:
      case Opcode::F64Floor:
      case Opcode::F64Trunc:
      case Opcode::F64Nearest: {
        if (!c_.has_sse41) return false;
        const Fp fp = (op == Opcode::F32Ceil || op == Opcode::F32Floor || op == Opcode::F32Trunc ||
                       op == Opcode::F32Nearest)
                          ? Fp::F32
                          : Fp::F64;
        const uint8_t mode = (op == Opcode::F32Nearest || op == Opcode::F64Nearest) ? 0
                             : (op == Opcode::F32Floor || op == Opcode::F64Floor)   ? 1
                             : (op == Opcode::F32Ceil || op == Opcode::F64Ceil)     ? 2
                                                                                    : 3;
        load(fp, Xmm::xmm0, h0 - 1);
        a_.round(fp, Xmm::xmm0, Xmm::xmm0, mode);
        store(fp, h0 - 1, Xmm::xmm0);
        return true;
      }
      case Opcode::F32Eq:
      case Opcode::F32Ne:
      case Opcode::F32Lt:
      case Opcode::F32Gt:
      case Opcode::F32Le:
      case Opcode::F32Ge: compare(op, Fp::F32, h0); return true;
      case Opcode::F64Eq:
      case Opcode::F64Ne:
      case Opcode::F64Lt:
      case Opcode::F64Gt:
      case Opcode::F64Le:
      case Opcode::F64Ge: compare(op, Fp::F64, h0); return true;
      case Opcode::F32ConvertI32S: from_int(Fp::F32, false, true, h0); return true;
      case Opcode::F32ConvertI32U: from_int(Fp::F32, false, false, h0); return true;
      case Opcode::F32ConvertI64S: from_int(Fp::F32, true, true, h0); return true;
      case Opcode::F32ConvertI64U: from_int(Fp::F32, true, false, h0); return true;
      case Opcode::F64ConvertI32S: from_int(Fp::F64, false, true, h0); return true;
      case Opcode::F64ConvertI32U: from_int(Fp::F64, false, false, h0); return true;
      case Opcode::F64ConvertI64S: from_int(Fp::F64, true, true, h0); return true;
      case Opcode::F64ConvertI64U: from_int(Fp::F64, true, false, h0); return true;
      case Opcode::F64PromoteF32:
        load(Fp::F32, Xmm::xmm0, h0 - 1);
        a_.cvt_fp(Fp::F32, Xmm::xmm0, Xmm::xmm0);
        store(Fp::F64, h0 - 1, Xmm::xmm0);
        return true;
      case Opcode::F32DemoteF64:
        load(Fp::F64, Xmm::xmm0, h0 - 1);
        a_.cvt_fp(Fp::F64, Xmm::xmm0, Xmm::xmm0);
        store(Fp::F32, h0 - 1, Xmm::xmm0);
        return true;
#define MNEMO_TRUNC(name, fp, wide, is_signed, saturate) \
  case Opcode::name: to_int(Fp::fp, wide, is_signed, saturate, h0); return true;
      MNEMO_TRUNC(I32TruncF32S, F32, false, true, false)
      MNEMO_TRUNC(I32TruncF32U, F32, false, false, false)
      MNEMO_TRUNC(I32TruncF64S, F64, false, true, false)
      MNEMO_TRUNC(I32TruncF64U, F64, false, false, false)
      MNEMO_TRUNC(I64TruncF32S, F32, true, true, false)
      MNEMO_TRUNC(I64TruncF32U, F32, true, false, false)
      MNEMO_TRUNC(I64TruncF64S, F64, true, true, false)
      MNEMO_TRUNC(I64TruncF64U, F64, true, false, false)
      MNEMO_TRUNC(I32TruncSatF32S, F32, false, true, true)
      MNEMO_TRUNC(I32TruncSatF32U, F32, false, false, true)
      MNEMO_TRUNC(I32TruncSatF64S, F64, false, true, true)
      MNEMO_TRUNC(I32TruncSatF64U, F64, false, false, true)
      MNEMO_TRUNC(I64TruncSatF32S, F32, true, true, true)
      MNEMO_TRUNC(I64TruncSatF32U, F32, true, false, true)
      MNEMO_TRUNC(I64TruncSatF64S, F64, true, true, true)
      MNEMO_TRUNC(I64TruncSatF64U, F64, true, false, true)
#undef MNEMO_TRUNC
      default: return false;
    }
  }

 private:
  FloatContext& c_;
  Assembler& a_;
};

}  // namespace

bool emit_float(FloatContext& c, Opcode op, uint32_t h0) { return Emitter(c).emit(op, h0); }

}  // namespace mnemo::jit::x64
