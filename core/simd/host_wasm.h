// core/simd/host_wasm.h: the host SIMD path when mnemo itself is compiled to Wasm with simd128
// (Emscripten -msimd128; included by host.h only). Each guest instruction maps to the same
// instruction of the host engine, whose results the spec already constrains exactly as ours.
#pragma once

#include <wasm_simd128.h>

#include "core/simd/host_lanes.h"  // the lane ops, from scalar::
#include "core/simd/scalar.h"

namespace mnemo::simd::host {

namespace detail {

inline v128_t v(const V128& x) { return wasm_v128_load(x.bytes.data()); }
inline V128 out(v128_t x) {
  V128 r;
  wasm_v128_store(r.bytes.data(), x);
  return r;
}

}  // namespace detail

// ---- memory ----

inline V128 V128Load8x8S(const uint8_t* p) { return detail::out(wasm_i16x8_load8x8(p)); }
inline V128 V128Load8x8U(const uint8_t* p) { return detail::out(wasm_u16x8_load8x8(p)); }
inline V128 V128Load16x4S(const uint8_t* p) { return detail::out(wasm_i32x4_load16x4(p)); }
inline V128 V128Load16x4U(const uint8_t* p) { return detail::out(wasm_u32x4_load16x4(p)); }
inline V128 V128Load32x2S(const uint8_t* p) { return detail::out(wasm_i64x2_load32x2(p)); }
inline V128 V128Load32x2U(const uint8_t* p) { return detail::out(wasm_u64x2_load32x2(p)); }
inline V128 V128Load8Splat(const uint8_t* p) { return detail::out(wasm_v128_load8_splat(p)); }
inline V128 V128Load16Splat(const uint8_t* p) { return detail::out(wasm_v128_load16_splat(p)); }
inline V128 V128Load32Splat(const uint8_t* p) { return detail::out(wasm_v128_load32_splat(p)); }
inline V128 V128Load64Splat(const uint8_t* p) { return detail::out(wasm_v128_load64_splat(p)); }
inline V128 V128Load32Zero(const uint8_t* p) { return detail::out(wasm_v128_load32_zero(p)); }
inline V128 V128Load64Zero(const uint8_t* p) { return detail::out(wasm_v128_load64_zero(p)); }

// ---- shuffles, splats, lanes ----

inline V128 I8x16Swizzle(V128 a, V128 s) { return detail::out(wasm_i8x16_swizzle(detail::v(a), detail::v(s))); }
// Two swizzles: indices 0..15 pick from a; 16..31 less 16 pick from b (the others wrap past 15).
inline V128 I8x16Shuffle(V128 a, V128 b, const V128& lanes) {
  v128_t l = wasm_v128_and(detail::v(lanes), wasm_i8x16_splat(31));
  return detail::out(wasm_v128_or(wasm_i8x16_swizzle(detail::v(a), l), wasm_i8x16_swizzle(detail::v(b), wasm_i8x16_sub(l, wasm_i8x16_splat(16)))));
}
inline V128 I8x16Splat(uint32_t x) { return detail::out(wasm_i8x16_splat(int8_t(x))); }
inline V128 I16x8Splat(uint32_t x) { return detail::out(wasm_i16x8_splat(int16_t(x))); }
inline V128 I32x4Splat(uint32_t x) { return detail::out(wasm_i32x4_splat(int32_t(x))); }
inline V128 I64x2Splat(uint64_t x) { return detail::out(wasm_i64x2_splat(int64_t(x))); }
inline V128 F32x4Splat(uint32_t bits) { return detail::out(wasm_i32x4_splat(int32_t(bits))); }
inline V128 F64x2Splat(uint64_t bits) { return detail::out(wasm_i64x2_splat(int64_t(bits))); }

// ---- comparisons ----

#define MNEMO_SIMD_ICMP(Shape, i, u)                                                       \
  inline V128 Shape##Eq(V128 a, V128 b) { return detail::out(wasm_##i##_eq(detail::v(a), detail::v(b))); }        \
  inline V128 Shape##Ne(V128 a, V128 b) { return detail::out(wasm_##i##_ne(detail::v(a), detail::v(b))); }        \
  inline V128 Shape##LtS(V128 a, V128 b) { return detail::out(wasm_##i##_lt(detail::v(a), detail::v(b))); }       \
  inline V128 Shape##GtS(V128 a, V128 b) { return detail::out(wasm_##i##_gt(detail::v(a), detail::v(b))); }       \
  inline V128 Shape##LeS(V128 a, V128 b) { return detail::out(wasm_##i##_le(detail::v(a), detail::v(b))); }       \
  inline V128 Shape##GeS(V128 a, V128 b) { return detail::out(wasm_##i##_ge(detail::v(a), detail::v(b))); }
#define MNEMO_SIMD_ICMP_U(Shape, u)                                                        \
  inline V128 Shape##LtU(V128 a, V128 b) { return detail::out(wasm_##u##_lt(detail::v(a), detail::v(b))); }       \
  inline V128 Shape##GtU(V128 a, V128 b) { return detail::out(wasm_##u##_gt(detail::v(a), detail::v(b))); }       \
  inline V128 Shape##LeU(V128 a, V128 b) { return detail::out(wasm_##u##_le(detail::v(a), detail::v(b))); }       \
  inline V128 Shape##GeU(V128 a, V128 b) { return detail::out(wasm_##u##_ge(detail::v(a), detail::v(b))); }
#define MNEMO_SIMD_FCMP(Shape, f)                                                          \
  inline V128 Shape##Eq(V128 a, V128 b) { return detail::out(wasm_##f##_eq(detail::v(a), detail::v(b))); }        \
  inline V128 Shape##Ne(V128 a, V128 b) { return detail::out(wasm_##f##_ne(detail::v(a), detail::v(b))); }        \
  inline V128 Shape##Lt(V128 a, V128 b) { return detail::out(wasm_##f##_lt(detail::v(a), detail::v(b))); }        \
  inline V128 Shape##Gt(V128 a, V128 b) { return detail::out(wasm_##f##_gt(detail::v(a), detail::v(b))); }        \
  inline V128 Shape##Le(V128 a, V128 b) { return detail::out(wasm_##f##_le(detail::v(a), detail::v(b))); }        \
  inline V128 Shape##Ge(V128 a, V128 b) { return detail::out(wasm_##f##_ge(detail::v(a), detail::v(b))); }

MNEMO_SIMD_ICMP(I8x16, i8x16, u8x16)
MNEMO_SIMD_ICMP_U(I8x16, u8x16)
MNEMO_SIMD_ICMP(I16x8, i16x8, u16x8)
MNEMO_SIMD_ICMP_U(I16x8, u16x8)
MNEMO_SIMD_ICMP(I32x4, i32x4, u32x4)
MNEMO_SIMD_ICMP_U(I32x4, u32x4)
MNEMO_SIMD_ICMP(I64x2, i64x2, u64x2)
MNEMO_SIMD_FCMP(F32x4, f32x4)
MNEMO_SIMD_FCMP(F64x2, f64x2)

#undef MNEMO_SIMD_ICMP
#undef MNEMO_SIMD_ICMP_U
#undef MNEMO_SIMD_FCMP

// ---- bitwise ----

inline V128 V128Not(V128 a) { return detail::out(wasm_v128_not(detail::v(a))); }
inline V128 V128And(V128 a, V128 b) { return detail::out(wasm_v128_and(detail::v(a), detail::v(b))); }
inline V128 V128Andnot(V128 a, V128 b) { return detail::out(wasm_v128_andnot(detail::v(a), detail::v(b))); }
inline V128 V128Or(V128 a, V128 b) { return detail::out(wasm_v128_or(detail::v(a), detail::v(b))); }
inline V128 V128Xor(V128 a, V128 b) { return detail::out(wasm_v128_xor(detail::v(a), detail::v(b))); }
inline V128 V128Bitselect(V128 a, V128 b, V128 c) { return detail::out(wasm_v128_bitselect(detail::v(a), detail::v(b), detail::v(c))); }
inline uint32_t V128AnyTrue(V128 a) { return wasm_v128_any_true(detail::v(a)); }

// ---- integer shapes ----

// The intrinsics' shifts are C vector shifts, undefined (and folded to 0 for constant counts)
// at counts of the lane width or more: the count is reduced modulo the width first, as wasm does.

#define MNEMO_SIMD_IARITH(Shape, i, u, w)                                                        \
  inline V128 Shape##Add(V128 a, V128 b) { return detail::out(wasm_##i##_add(detail::v(a), detail::v(b))); }           \
  inline V128 Shape##Sub(V128 a, V128 b) { return detail::out(wasm_##i##_sub(detail::v(a), detail::v(b))); }           \
  inline V128 Shape##Neg(V128 a) { return detail::out(wasm_##i##_neg(detail::v(a))); }                         \
  inline V128 Shape##Abs(V128 a) { return detail::out(wasm_##i##_abs(detail::v(a))); }                         \
  inline uint32_t Shape##AllTrue(V128 a) { return wasm_##i##_all_true(detail::v(a)); }                 \
  inline uint32_t Shape##Bitmask(V128 a) { return wasm_##i##_bitmask(detail::v(a)); }                  \
  inline V128 Shape##Shl(V128 a, uint32_t n) { return detail::out(wasm_##i##_shl(detail::v(a), n & (w - 1))); }  \
  inline V128 Shape##ShrS(V128 a, uint32_t n) { return detail::out(wasm_##i##_shr(detail::v(a), n & (w - 1))); } \
  inline V128 Shape##ShrU(V128 a, uint32_t n) { return detail::out(wasm_##u##_shr(detail::v(a), n & (w - 1))); }
#define MNEMO_SIMD_IMINMAX(Shape, i, u)                                                         \
  inline V128 Shape##MinS(V128 a, V128 b) { return detail::out(wasm_##i##_min(detail::v(a), detail::v(b))); }          \
  inline V128 Shape##MinU(V128 a, V128 b) { return detail::out(wasm_##u##_min(detail::v(a), detail::v(b))); }          \
  inline V128 Shape##MaxS(V128 a, V128 b) { return detail::out(wasm_##i##_max(detail::v(a), detail::v(b))); }          \
  inline V128 Shape##MaxU(V128 a, V128 b) { return detail::out(wasm_##u##_max(detail::v(a), detail::v(b))); }
#define MNEMO_SIMD_ISAT(Shape, i, u)                                                            \
  inline V128 Shape##AddSatS(V128 a, V128 b) { return detail::out(wasm_##i##_add_sat(detail::v(a), detail::v(b))); }   \
  inline V128 Shape##AddSatU(V128 a, V128 b) { return detail::out(wasm_##u##_add_sat(detail::v(a), detail::v(b))); }   \
  inline V128 Shape##SubSatS(V128 a, V128 b) { return detail::out(wasm_##i##_sub_sat(detail::v(a), detail::v(b))); }   \
  inline V128 Shape##SubSatU(V128 a, V128 b) { return detail::out(wasm_##u##_sub_sat(detail::v(a), detail::v(b))); }   \
  inline V128 Shape##AvgrU(V128 a, V128 b) { return detail::out(wasm_##u##_avgr(detail::v(a), detail::v(b))); }

MNEMO_SIMD_IARITH(I8x16, i8x16, u8x16, 8)
MNEMO_SIMD_IARITH(I16x8, i16x8, u16x8, 16)
MNEMO_SIMD_IARITH(I32x4, i32x4, u32x4, 32)
MNEMO_SIMD_IARITH(I64x2, i64x2, u64x2, 64)
MNEMO_SIMD_IMINMAX(I8x16, i8x16, u8x16)
MNEMO_SIMD_IMINMAX(I16x8, i16x8, u16x8)
MNEMO_SIMD_IMINMAX(I32x4, i32x4, u32x4)
MNEMO_SIMD_ISAT(I8x16, i8x16, u8x16)
MNEMO_SIMD_ISAT(I16x8, i16x8, u16x8)

#undef MNEMO_SIMD_IARITH
#undef MNEMO_SIMD_IMINMAX
#undef MNEMO_SIMD_ISAT

inline V128 I8x16Popcnt(V128 a) { return detail::out(wasm_i8x16_popcnt(detail::v(a))); }
inline V128 I8x16NarrowI16x8S(V128 a, V128 b) { return detail::out(wasm_i8x16_narrow_i16x8(detail::v(a), detail::v(b))); }
inline V128 I8x16NarrowI16x8U(V128 a, V128 b) { return detail::out(wasm_u8x16_narrow_i16x8(detail::v(a), detail::v(b))); }

inline V128 I16x8ExtaddPairwiseI8x16S(V128 a) { return detail::out(wasm_i16x8_extadd_pairwise_i8x16(detail::v(a))); }
inline V128 I16x8ExtaddPairwiseI8x16U(V128 a) { return detail::out(wasm_u16x8_extadd_pairwise_u8x16(detail::v(a))); }
inline V128 I16x8Q15mulrSatS(V128 a, V128 b) { return detail::out(wasm_i16x8_q15mulr_sat(detail::v(a), detail::v(b))); }
inline V128 I16x8NarrowI32x4S(V128 a, V128 b) { return detail::out(wasm_i16x8_narrow_i32x4(detail::v(a), detail::v(b))); }
inline V128 I16x8NarrowI32x4U(V128 a, V128 b) { return detail::out(wasm_u16x8_narrow_i32x4(detail::v(a), detail::v(b))); }
inline V128 I16x8ExtendLowI8x16S(V128 a) { return detail::out(wasm_i16x8_extend_low_i8x16(detail::v(a))); }
inline V128 I16x8ExtendHighI8x16S(V128 a) { return detail::out(wasm_i16x8_extend_high_i8x16(detail::v(a))); }
inline V128 I16x8ExtendLowI8x16U(V128 a) { return detail::out(wasm_u16x8_extend_low_u8x16(detail::v(a))); }
inline V128 I16x8ExtendHighI8x16U(V128 a) { return detail::out(wasm_u16x8_extend_high_u8x16(detail::v(a))); }
inline V128 I16x8Mul(V128 a, V128 b) { return detail::out(wasm_i16x8_mul(detail::v(a), detail::v(b))); }
inline V128 I16x8ExtmulLowI8x16S(V128 a, V128 b) { return detail::out(wasm_i16x8_extmul_low_i8x16(detail::v(a), detail::v(b))); }
inline V128 I16x8ExtmulHighI8x16S(V128 a, V128 b) { return detail::out(wasm_i16x8_extmul_high_i8x16(detail::v(a), detail::v(b))); }
inline V128 I16x8ExtmulLowI8x16U(V128 a, V128 b) { return detail::out(wasm_u16x8_extmul_low_u8x16(detail::v(a), detail::v(b))); }
inline V128 I16x8ExtmulHighI8x16U(V128 a, V128 b) { return detail::out(wasm_u16x8_extmul_high_u8x16(detail::v(a), detail::v(b))); }

inline V128 I32x4ExtaddPairwiseI16x8S(V128 a) { return detail::out(wasm_i32x4_extadd_pairwise_i16x8(detail::v(a))); }
inline V128 I32x4ExtaddPairwiseI16x8U(V128 a) { return detail::out(wasm_u32x4_extadd_pairwise_u16x8(detail::v(a))); }
inline V128 I32x4ExtendLowI16x8S(V128 a) { return detail::out(wasm_i32x4_extend_low_i16x8(detail::v(a))); }
inline V128 I32x4ExtendHighI16x8S(V128 a) { return detail::out(wasm_i32x4_extend_high_i16x8(detail::v(a))); }
inline V128 I32x4ExtendLowI16x8U(V128 a) { return detail::out(wasm_u32x4_extend_low_u16x8(detail::v(a))); }
inline V128 I32x4ExtendHighI16x8U(V128 a) { return detail::out(wasm_u32x4_extend_high_u16x8(detail::v(a))); }
inline V128 I32x4Mul(V128 a, V128 b) { return detail::out(wasm_i32x4_mul(detail::v(a), detail::v(b))); }
inline V128 I32x4DotI16x8S(V128 a, V128 b) { return detail::out(wasm_i32x4_dot_i16x8(detail::v(a), detail::v(b))); }
inline V128 I32x4ExtmulLowI16x8S(V128 a, V128 b) { return detail::out(wasm_i32x4_extmul_low_i16x8(detail::v(a), detail::v(b))); }
inline V128 I32x4ExtmulHighI16x8S(V128 a, V128 b) { return detail::out(wasm_i32x4_extmul_high_i16x8(detail::v(a), detail::v(b))); }
inline V128 I32x4ExtmulLowI16x8U(V128 a, V128 b) { return detail::out(wasm_u32x4_extmul_low_u16x8(detail::v(a), detail::v(b))); }
inline V128 I32x4ExtmulHighI16x8U(V128 a, V128 b) { return detail::out(wasm_u32x4_extmul_high_u16x8(detail::v(a), detail::v(b))); }

inline V128 I64x2ExtendLowI32x4S(V128 a) { return detail::out(wasm_i64x2_extend_low_i32x4(detail::v(a))); }
inline V128 I64x2ExtendHighI32x4S(V128 a) { return detail::out(wasm_i64x2_extend_high_i32x4(detail::v(a))); }
inline V128 I64x2ExtendLowI32x4U(V128 a) { return detail::out(wasm_u64x2_extend_low_u32x4(detail::v(a))); }
inline V128 I64x2ExtendHighI32x4U(V128 a) { return detail::out(wasm_u64x2_extend_high_u32x4(detail::v(a))); }
inline V128 I64x2Mul(V128 a, V128 b) { return detail::out(wasm_i64x2_mul(detail::v(a), detail::v(b))); }
inline V128 I64x2ExtmulLowI32x4S(V128 a, V128 b) { return detail::out(wasm_i64x2_extmul_low_i32x4(detail::v(a), detail::v(b))); }
inline V128 I64x2ExtmulHighI32x4S(V128 a, V128 b) { return detail::out(wasm_i64x2_extmul_high_i32x4(detail::v(a), detail::v(b))); }
inline V128 I64x2ExtmulLowI32x4U(V128 a, V128 b) { return detail::out(wasm_u64x2_extmul_low_u32x4(detail::v(a), detail::v(b))); }
inline V128 I64x2ExtmulHighI32x4U(V128 a, V128 b) { return detail::out(wasm_u64x2_extmul_high_u32x4(detail::v(a), detail::v(b))); }

// ---- floats ----

#define MNEMO_SIMD_FARITH(Shape, f)                                                             \
  inline V128 Shape##Add(V128 a, V128 b) { return detail::out(wasm_##f##_add(detail::v(a), detail::v(b))); }           \
  inline V128 Shape##Sub(V128 a, V128 b) { return detail::out(wasm_##f##_sub(detail::v(a), detail::v(b))); }           \
  inline V128 Shape##Mul(V128 a, V128 b) { return detail::out(wasm_##f##_mul(detail::v(a), detail::v(b))); }           \
  inline V128 Shape##Div(V128 a, V128 b) { return detail::out(wasm_##f##_div(detail::v(a), detail::v(b))); }           \
  inline V128 Shape##Min(V128 a, V128 b) { return detail::out(wasm_##f##_min(detail::v(a), detail::v(b))); }           \
  inline V128 Shape##Max(V128 a, V128 b) { return detail::out(wasm_##f##_max(detail::v(a), detail::v(b))); }           \
  inline V128 Shape##Pmin(V128 a, V128 b) { return detail::out(wasm_##f##_pmin(detail::v(a), detail::v(b))); }         \
  inline V128 Shape##Pmax(V128 a, V128 b) { return detail::out(wasm_##f##_pmax(detail::v(a), detail::v(b))); }         \
  inline V128 Shape##Sqrt(V128 a) { return detail::out(wasm_##f##_sqrt(detail::v(a))); }                       \
  inline V128 Shape##Ceil(V128 a) { return detail::out(wasm_##f##_ceil(detail::v(a))); }                       \
  inline V128 Shape##Floor(V128 a) { return detail::out(wasm_##f##_floor(detail::v(a))); }                     \
  inline V128 Shape##Trunc(V128 a) { return detail::out(wasm_##f##_trunc(detail::v(a))); }                     \
  inline V128 Shape##Nearest(V128 a) { return detail::out(wasm_##f##_nearest(detail::v(a))); }                 \
  inline V128 Shape##Abs(V128 a) { return detail::out(wasm_##f##_abs(detail::v(a))); }                         \
  inline V128 Shape##Neg(V128 a) { return detail::out(wasm_##f##_neg(detail::v(a))); }

MNEMO_SIMD_FARITH(F32x4, f32x4)
MNEMO_SIMD_FARITH(F64x2, f64x2)

#undef MNEMO_SIMD_FARITH

inline V128 I32x4TruncSatF32x4S(V128 a) { return detail::out(wasm_i32x4_trunc_sat_f32x4(detail::v(a))); }
inline V128 I32x4TruncSatF32x4U(V128 a) { return detail::out(wasm_u32x4_trunc_sat_f32x4(detail::v(a))); }
inline V128 I32x4TruncSatF64x2SZero(V128 a) { return detail::out(wasm_i32x4_trunc_sat_f64x2_zero(detail::v(a))); }
inline V128 I32x4TruncSatF64x2UZero(V128 a) { return detail::out(wasm_u32x4_trunc_sat_f64x2_zero(detail::v(a))); }
inline V128 F32x4ConvertI32x4S(V128 a) { return detail::out(wasm_f32x4_convert_i32x4(detail::v(a))); }
inline V128 F32x4ConvertI32x4U(V128 a) { return detail::out(wasm_f32x4_convert_u32x4(detail::v(a))); }
inline V128 F64x2ConvertLowI32x4S(V128 a) { return detail::out(wasm_f64x2_convert_low_i32x4(detail::v(a))); }
inline V128 F64x2ConvertLowI32x4U(V128 a) { return detail::out(wasm_f64x2_convert_low_u32x4(detail::v(a))); }
inline V128 F32x4DemoteF64x2Zero(V128 a) { return detail::out(wasm_f32x4_demote_f64x2_zero(detail::v(a))); }
inline V128 F64x2PromoteLowF32x4(V128 a) { return detail::out(wasm_f64x2_promote_low_f32x4(detail::v(a))); }

}  // namespace mnemo::simd::host
