// core/vm/numeric.h: the scalar numeric instructions (spec 4.3.2-4.3.4), one inline function per
// core/opcodes.def row, named like its Opcode. Floats travel as bit patterns (uint32_t/uint64_t)
// so NaN payloads stay exact; functions that can trap take a TrapCode& last.
//
// NaN results: arithmetic on NaN operands returns a quiet NaN derived from them (arithmetic NaN),
// operations creating a NaN return the host's default NaN (canonical up to the sign), as the spec
// allows (4.3.3 "NaN propagation").
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/bits.h"
#include "core/runtime/trap.h"

namespace mnemo::vm::num {

inline float f32(uint32_t b) { return bit_cast<float>(b); }
inline double f64(uint64_t b) { return bit_cast<double>(b); }
inline uint32_t bits(float f) { return bit_cast<uint32_t>(f); }
inline uint64_t bits(double d) { return bit_cast<uint64_t>(d); }

// Comparisons.
#define MNEMO_CMP(Name, T, CT, expr) \
  inline uint32_t Name(T a_, T b_) { CT a = CT(a_), b = CT(b_); return (expr) ? 1u : 0u; }
inline uint32_t I32Eqz(uint32_t a) { return a == 0; }
inline uint32_t I64Eqz(uint64_t a) { return a == 0; }
MNEMO_CMP(I32Eq, uint32_t, uint32_t, a == b)
MNEMO_CMP(I32Ne, uint32_t, uint32_t, a != b)
MNEMO_CMP(I32LtS, uint32_t, int32_t, a < b)
MNEMO_CMP(I32LtU, uint32_t, uint32_t, a < b)
MNEMO_CMP(I32GtS, uint32_t, int32_t, a > b)
MNEMO_CMP(I32GtU, uint32_t, uint32_t, a > b)
MNEMO_CMP(I32LeS, uint32_t, int32_t, a <= b)
MNEMO_CMP(I32LeU, uint32_t, uint32_t, a <= b)
MNEMO_CMP(I32GeS, uint32_t, int32_t, a >= b)
MNEMO_CMP(I32GeU, uint32_t, uint32_t, a >= b)
MNEMO_CMP(I64Eq, uint64_t, uint64_t, a == b)
MNEMO_CMP(I64Ne, uint64_t, uint64_t, a != b)
MNEMO_CMP(I64LtS, uint64_t, int64_t, a < b)
MNEMO_CMP(I64LtU, uint64_t, uint64_t, a < b)
MNEMO_CMP(I64GtS, uint64_t, int64_t, a > b)
MNEMO_CMP(I64GtU, uint64_t, uint64_t, a > b)
MNEMO_CMP(I64LeS, uint64_t, int64_t, a <= b)
MNEMO_CMP(I64LeU, uint64_t, uint64_t, a <= b)
MNEMO_CMP(I64GeS, uint64_t, int64_t, a >= b)
MNEMO_CMP(I64GeU, uint64_t, uint64_t, a >= b)
#undef MNEMO_CMP
#define MNEMO_FCMP(Name, T, conv, op) \
  inline uint32_t Name(T a, T b) { return conv(a) op conv(b) ? 1u : 0u; }
MNEMO_FCMP(F32Eq, uint32_t, f32, ==)
MNEMO_FCMP(F32Ne, uint32_t, f32, !=)
MNEMO_FCMP(F32Lt, uint32_t, f32, <)
MNEMO_FCMP(F32Gt, uint32_t, f32, >)
MNEMO_FCMP(F32Le, uint32_t, f32, <=)
MNEMO_FCMP(F32Ge, uint32_t, f32, >=)
MNEMO_FCMP(F64Eq, uint64_t, f64, ==)
MNEMO_FCMP(F64Ne, uint64_t, f64, !=)
MNEMO_FCMP(F64Lt, uint64_t, f64, <)
MNEMO_FCMP(F64Gt, uint64_t, f64, >)
MNEMO_FCMP(F64Le, uint64_t, f64, <=)
MNEMO_FCMP(F64Ge, uint64_t, f64, >=)
#undef MNEMO_FCMP

// Integer arithmetic (spec 4.3.2): wrapping, shifts and rotations modulo the width.
#define MNEMO_INT_OPS(P, U, S, W)                                                            \
  inline U P##Clz(U a) { return U(std::countl_zero(a)); }                                    \
  inline U P##Ctz(U a) { return U(std::countr_zero(a)); }                                    \
  inline U P##Popcnt(U a) { return U(std::popcount(a)); }                                   \
  inline U P##Add(U a, U b) { return U(a + b); }                                             \
  inline U P##Sub(U a, U b) { return U(a - b); }                                             \
  inline U P##Mul(U a, U b) { return U(a * b); }                                             \
  inline U P##DivU(U a, U b, TrapCode& t) {                                                  \
    if (b == 0) { t = TrapCode::IntegerDivideByZero; return 0; }                             \
    return a / b;                                                                            \
  }                                                                                          \
  inline U P##RemU(U a, U b, TrapCode& t) {                                                  \
    if (b == 0) { t = TrapCode::IntegerDivideByZero; return 0; }                             \
    return a % b;                                                                            \
  }                                                                                          \
  inline U P##DivS(U a, U b, TrapCode& t) {                                                  \
    if (b == 0) { t = TrapCode::IntegerDivideByZero; return 0; }                             \
    if (S(a) == std::numeric_limits<S>::min() && S(b) == -1) { t = TrapCode::IntegerOverflow; return 0; } \
    return U(S(a) / S(b));                                                                   \
  }                                                                                          \
  inline U P##RemS(U a, U b, TrapCode& t) {                                                  \
    if (b == 0) { t = TrapCode::IntegerDivideByZero; return 0; }                             \
    if (S(b) == -1) return 0;                                                                \
    return U(S(a) % S(b));                                                                   \
  }                                                                                          \
  inline U P##And(U a, U b) { return a & b; }                                                \
  inline U P##Or(U a, U b) { return a | b; }                                                 \
  inline U P##Xor(U a, U b) { return a ^ b; }                                                \
  inline U P##Shl(U a, U b) { return U(a << (b & (W - 1))); }                                \
  inline U P##ShrS(U a, U b) { return U(S(a) >> (b & (W - 1))); }                            \
  inline U P##ShrU(U a, U b) { return U(a >> (b & (W - 1))); }                               \
  inline U P##Rotl(U a, U b) { return std::rotl(a, int(b & (W - 1))); }                      \
  inline U P##Rotr(U a, U b) { return std::rotr(a, int(b & (W - 1))); }
MNEMO_INT_OPS(I32, uint32_t, int32_t, 32)
MNEMO_INT_OPS(I64, uint64_t, int64_t, 64)
#undef MNEMO_INT_OPS

// Float arithmetic (spec 4.3.3). abs/neg/copysign act on the sign bit only.
template <class F>
inline F fmin(F a, F b) {
  if (std::isnan(a) || std::isnan(b)) return a + b;  // a quiet NaN from the operands
  if (a == b) return std::signbit(a) ? a : b;          // min(-0, +0) = -0
  return a < b ? a : b;
}
template <class F>
inline F fmax(F a, F b) {
  if (std::isnan(a) || std::isnan(b)) return a + b;
  if (a == b) return std::signbit(a) ? b : a;          // max(-0, +0) = +0
  return a > b ? a : b;
}
// Rounding keeps a NaN's payload but must return it quiet (an arithmetic NaN); libm versions
// without a rounding instruction return a signalling NaN unchanged, so quiet it here.
#define MNEMO_ROUNDING(P, U, conv, QUIET, Name, fn)                                        \
  inline U P##Name(U a) {                                                                  \
    const auto x = conv(a);                                                                \
    return std::isnan(x) ? U(a | QUIET) : bits(fn(x));                                     \
  }
#define MNEMO_FLOAT_OPS(P, U, F, conv, SIGN, QUIET)                                        \
  inline U P##Abs(U a) { return a & ~SIGN; }                                               \
  inline U P##Neg(U a) { return a ^ SIGN; }                                                \
  inline U P##Copysign(U a, U b) { return (a & ~SIGN) | (b & SIGN); }                      \
  MNEMO_ROUNDING(P, U, conv, QUIET, Ceil, std::ceil)                                       \
  MNEMO_ROUNDING(P, U, conv, QUIET, Floor, std::floor)                                     \
  MNEMO_ROUNDING(P, U, conv, QUIET, Trunc, std::trunc)                                     \
  MNEMO_ROUNDING(P, U, conv, QUIET, Nearest, std::nearbyint)                               \
  inline U P##Sqrt(U a) { return bits(std::sqrt(conv(a))); }                               \
  inline U P##Add(U a, U b) { return bits(conv(a) + conv(b)); }                            \
  inline U P##Sub(U a, U b) { return bits(conv(a) - conv(b)); }                            \
  inline U P##Mul(U a, U b) { return bits(conv(a) * conv(b)); }                            \
  inline U P##Div(U a, U b) { return bits(conv(a) / conv(b)); }                            \
  inline U P##Min(U a, U b) { return bits(fmin<F>(conv(a), conv(b))); }                    \
  inline U P##Max(U a, U b) { return bits(fmax<F>(conv(a), conv(b))); }
MNEMO_FLOAT_OPS(F32, uint32_t, float, f32, 0x80000000u, 0x00400000u)
MNEMO_FLOAT_OPS(F64, uint64_t, double, f64, 0x8000000000000000ull, 0x0008000000000000ull)
#undef MNEMO_FLOAT_OPS
#undef MNEMO_ROUNDING

// Truncation (spec 4.3.4 trunc / trunc_sat). `lo` and `hi` are the exclusive bounds, exact in
// double, outside which the truncated value does not fit.
template <class I>
inline I trunc_checked(double x, double lo, double hi, TrapCode& t) {
  if (std::isnan(x)) { t = TrapCode::InvalidConversion; return 0; }
  if (!(x > lo && x < hi)) { t = TrapCode::IntegerOverflow; return 0; }
  return I(x);
}
template <class I>
inline I trunc_sat(double x) {
  if (std::isnan(x)) return 0;
  if (x <= double(std::numeric_limits<I>::min())) return std::numeric_limits<I>::min();
  if (x >= double(std::numeric_limits<I>::max())) return std::numeric_limits<I>::max();
  return I(x);
}
inline constexpr double kI32Lo = -2147483649.0, kI32Hi = 2147483648.0, kU32Hi = 4294967296.0;
inline constexpr double kI64Lo = -9223372036854777856.0, kI64Hi = 9223372036854775808.0,
                        kU64Hi = 18446744073709551616.0;
// i64 lower bound: the first double below -2^63 is -2^63 - 2048; anything above it truncates in range.

inline uint32_t I32TruncF32S(uint32_t a, TrapCode& t) { return uint32_t(trunc_checked<int32_t>(f32(a), kI32Lo, kI32Hi, t)); }
inline uint32_t I32TruncF32U(uint32_t a, TrapCode& t) { return trunc_checked<uint32_t>(f32(a), -1.0, kU32Hi, t); }
inline uint32_t I32TruncF64S(uint64_t a, TrapCode& t) { return uint32_t(trunc_checked<int32_t>(f64(a), kI32Lo, kI32Hi, t)); }
inline uint32_t I32TruncF64U(uint64_t a, TrapCode& t) { return trunc_checked<uint32_t>(f64(a), -1.0, kU32Hi, t); }
inline uint64_t I64TruncF32S(uint32_t a, TrapCode& t) { return uint64_t(trunc_checked<int64_t>(f32(a), kI64Lo, kI64Hi, t)); }
inline uint64_t I64TruncF32U(uint32_t a, TrapCode& t) { return trunc_checked<uint64_t>(f32(a), -1.0, kU64Hi, t); }
inline uint64_t I64TruncF64S(uint64_t a, TrapCode& t) { return uint64_t(trunc_checked<int64_t>(f64(a), kI64Lo, kI64Hi, t)); }
inline uint64_t I64TruncF64U(uint64_t a, TrapCode& t) { return trunc_checked<uint64_t>(f64(a), -1.0, kU64Hi, t); }
inline uint32_t I32TruncSatF32S(uint32_t a) { return uint32_t(trunc_sat<int32_t>(f32(a))); }
inline uint32_t I32TruncSatF32U(uint32_t a) { return trunc_sat<uint32_t>(f32(a)); }
inline uint32_t I32TruncSatF64S(uint64_t a) { return uint32_t(trunc_sat<int32_t>(f64(a))); }
inline uint32_t I32TruncSatF64U(uint64_t a) { return trunc_sat<uint32_t>(f64(a)); }
inline uint64_t I64TruncSatF32S(uint32_t a) { return uint64_t(trunc_sat<int64_t>(f32(a))); }
inline uint64_t I64TruncSatF32U(uint32_t a) { return trunc_sat<uint64_t>(f32(a)); }
inline uint64_t I64TruncSatF64S(uint64_t a) { return uint64_t(trunc_sat<int64_t>(f64(a))); }
inline uint64_t I64TruncSatF64U(uint64_t a) { return trunc_sat<uint64_t>(f64(a)); }

// Other conversions.
inline uint32_t I32WrapI64(uint64_t a) { return uint32_t(a); }
inline uint64_t I64ExtendI32S(uint32_t a) { return uint64_t(int64_t(int32_t(a))); }
inline uint64_t I64ExtendI32U(uint32_t a) { return a; }
inline uint32_t F32ConvertI32S(uint32_t a) { return bits(float(int32_t(a))); }
inline uint32_t F32ConvertI32U(uint32_t a) { return bits(float(a)); }
inline uint32_t F32ConvertI64S(uint64_t a) { return bits(float(int64_t(a))); }
inline uint32_t F32ConvertI64U(uint64_t a) { return bits(float(a)); }
inline uint32_t F32DemoteF64(uint64_t a) { return bits(float(f64(a))); }
inline uint64_t F64ConvertI32S(uint32_t a) { return bits(double(int32_t(a))); }
inline uint64_t F64ConvertI32U(uint32_t a) { return bits(double(a)); }
inline uint64_t F64ConvertI64S(uint64_t a) { return bits(double(int64_t(a))); }
inline uint64_t F64ConvertI64U(uint64_t a) { return bits(double(a)); }
inline uint64_t F64PromoteF32(uint32_t a) { return bits(double(f32(a))); }
inline uint32_t I32ReinterpretF32(uint32_t a) { return a; }
inline uint64_t I64ReinterpretF64(uint64_t a) { return a; }
inline uint32_t F32ReinterpretI32(uint32_t a) { return a; }
inline uint64_t F64ReinterpretI64(uint64_t a) { return a; }

// Sign extension (spec 4.3.2 extend_N_s).
inline uint32_t I32Extend8S(uint32_t a) { return uint32_t(int32_t(int8_t(a))); }
inline uint32_t I32Extend16S(uint32_t a) { return uint32_t(int32_t(int16_t(a))); }
inline uint64_t I64Extend8S(uint64_t a) { return uint64_t(int64_t(int8_t(a))); }
inline uint64_t I64Extend16S(uint64_t a) { return uint64_t(int64_t(int16_t(a))); }
inline uint64_t I64Extend32S(uint64_t a) { return uint64_t(int64_t(int32_t(a))); }

}  // namespace mnemo::vm::num
