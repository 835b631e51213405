// core/simd/host_neon.h: the host SIMD path on ARM64 with NEON (included by host.h only).
// Each function matches its scalar:: twin bit for bit, except the payload of a NaN result.
//
// ARM64 NaN facts this file relies on (FPCR.DN clear, the Linux default): arithmetic, FMIN,
// FMAX, FRINT* and FCVT return the first NaN operand made quiet, or the default NaN (canonical)
// when a NaN is created; FMIN/FMAX order -0 below +0. That is exactly wasm's fmin/fmax
// (spec 4.3.3). FCVTZS/FCVTZU saturate and send NaN to 0, which is wasm's trunc_sat.
#pragma once

#include <arm_neon.h>

#include "core/simd/host_lanes.h"  // the lane ops, from scalar::
#include "core/simd/scalar.h"

namespace mnemo::simd::host {

namespace detail {

inline uint8x16_t as_u8(const V128& v) { return vld1q_u8(v.bytes.data()); }
inline int8x16_t as_s8(const V128& v) { return vreinterpretq_s8_u8(as_u8(v)); }
inline uint16x8_t as_u16(const V128& v) { return vreinterpretq_u16_u8(as_u8(v)); }
inline int16x8_t as_s16(const V128& v) { return vreinterpretq_s16_u8(as_u8(v)); }
inline uint32x4_t as_u32(const V128& v) { return vreinterpretq_u32_u8(as_u8(v)); }
inline int32x4_t as_s32(const V128& v) { return vreinterpretq_s32_u8(as_u8(v)); }
inline uint64x2_t as_u64(const V128& v) { return vreinterpretq_u64_u8(as_u8(v)); }
inline int64x2_t as_s64(const V128& v) { return vreinterpretq_s64_u8(as_u8(v)); }
inline float32x4_t as_f32(const V128& v) { return vreinterpretq_f32_u8(as_u8(v)); }
inline float64x2_t as_f64(const V128& v) { return vreinterpretq_f64_u8(as_u8(v)); }

inline V128 out(uint8x16_t x) {
  V128 r;
  vst1q_u8(r.bytes.data(), x);
  return r;
}
inline V128 out(int8x16_t x) { return out(vreinterpretq_u8_s8(x)); }
inline V128 out(uint16x8_t x) { return out(vreinterpretq_u8_u16(x)); }
inline V128 out(int16x8_t x) { return out(vreinterpretq_u8_s16(x)); }
inline V128 out(uint32x4_t x) { return out(vreinterpretq_u8_u32(x)); }
inline V128 out(int32x4_t x) { return out(vreinterpretq_u8_s32(x)); }
inline V128 out(uint64x2_t x) { return out(vreinterpretq_u8_u64(x)); }
inline V128 out(int64x2_t x) { return out(vreinterpretq_u8_s64(x)); }
inline V128 out(float32x4_t x) { return out(vreinterpretq_u8_f32(x)); }
inline V128 out(float64x2_t x) { return out(vreinterpretq_u8_f64(x)); }

// Bitwise complement of a comparison mask, whatever its lane type.
inline uint8x16_t mask_not(uint8x16_t m) { return vmvnq_u8(m); }
inline uint8x16_t mask_not(uint16x8_t m) { return vmvnq_u8(vreinterpretq_u8_u16(m)); }
inline uint8x16_t mask_not(uint32x4_t m) { return vmvnq_u8(vreinterpretq_u8_u32(m)); }
inline uint8x16_t mask_not(uint64x2_t m) { return vmvnq_u8(vreinterpretq_u8_u64(m)); }

inline uint8x8_t load8(const uint8_t* p) { return vld1_u8(p); }

}  // namespace detail

// ---- memory ----

inline V128 V128Load8x8S(const uint8_t* p) { return detail::out(vmovl_s8(vreinterpret_s8_u8(detail::load8(p)))); }
inline V128 V128Load8x8U(const uint8_t* p) { return detail::out(vmovl_u8(detail::load8(p))); }
inline V128 V128Load16x4S(const uint8_t* p) { return detail::out(vmovl_s16(vreinterpret_s16_u8(detail::load8(p)))); }
inline V128 V128Load16x4U(const uint8_t* p) { return detail::out(vmovl_u16(vreinterpret_u16_u8(detail::load8(p)))); }
inline V128 V128Load32x2S(const uint8_t* p) { return detail::out(vmovl_s32(vreinterpret_s32_u8(detail::load8(p)))); }
inline V128 V128Load32x2U(const uint8_t* p) { return detail::out(vmovl_u32(vreinterpret_u32_u8(detail::load8(p)))); }
inline V128 V128Load8Splat(const uint8_t* p) { return detail::out(vdupq_n_u8(*p)); }
inline V128 V128Load16Splat(const uint8_t* p) { return detail::out(vdupq_n_u16(load<uint16_t>(p))); }
inline V128 V128Load32Splat(const uint8_t* p) { return detail::out(vdupq_n_u32(load<uint32_t>(p))); }
inline V128 V128Load64Splat(const uint8_t* p) { return detail::out(vdupq_n_u64(load<uint64_t>(p))); }
using scalar::V128Load32Zero;
using scalar::V128Load64Zero;

// ---- shuffles, splats, lanes ----

// TBL gives 0 for indices past the table, which is swizzle's rule.
inline V128 I8x16Swizzle(V128 a, V128 s) { return detail::out(vqtbl1q_u8(detail::as_u8(a), detail::as_u8(s))); }
inline V128 I8x16Shuffle(V128 a, V128 b, const V128& lanes) {
  uint8x16x2_t t = {{detail::as_u8(a), detail::as_u8(b)}};
  return detail::out(vqtbl2q_u8(t, vandq_u8(detail::as_u8(lanes), vdupq_n_u8(31))));
}
inline V128 I8x16Splat(uint32_t x) { return detail::out(vdupq_n_u8(uint8_t(x))); }
inline V128 I16x8Splat(uint32_t x) { return detail::out(vdupq_n_u16(uint16_t(x))); }
inline V128 I32x4Splat(uint32_t x) { return detail::out(vdupq_n_u32(x)); }
inline V128 I64x2Splat(uint64_t x) { return detail::out(vdupq_n_u64(x)); }
inline V128 F32x4Splat(uint32_t bits) { return detail::out(vdupq_n_u32(bits)); }
inline V128 F64x2Splat(uint64_t bits) { return detail::out(vdupq_n_u64(bits)); }

// ---- integer comparisons ----

#define MNEMO_SIMD_ICMP(Shape, S, U, w)                                                                         \
  inline V128 Shape##Eq(V128 a, V128 b) { return detail::out(vceqq_##U(detail::as_##U(a), detail::as_##U(b))); }                                 \
  inline V128 Shape##Ne(V128 a, V128 b) { return detail::out(detail::mask_not(vceqq_##U(detail::as_##U(a), detail::as_##U(b)))); } \
  inline V128 Shape##LtS(V128 a, V128 b) { return detail::out(vcltq_##S(detail::as_##S(a), detail::as_##S(b))); }                                \
  inline V128 Shape##GtS(V128 a, V128 b) { return detail::out(vcgtq_##S(detail::as_##S(a), detail::as_##S(b))); }                                \
  inline V128 Shape##LeS(V128 a, V128 b) { return detail::out(vcleq_##S(detail::as_##S(a), detail::as_##S(b))); }                                \
  inline V128 Shape##GeS(V128 a, V128 b) { return detail::out(vcgeq_##S(detail::as_##S(a), detail::as_##S(b))); }
#define MNEMO_SIMD_ICMP_U(Shape, U)                                                     \
  inline V128 Shape##LtU(V128 a, V128 b) { return detail::out(vcltq_##U(detail::as_##U(a), detail::as_##U(b))); }        \
  inline V128 Shape##GtU(V128 a, V128 b) { return detail::out(vcgtq_##U(detail::as_##U(a), detail::as_##U(b))); }        \
  inline V128 Shape##LeU(V128 a, V128 b) { return detail::out(vcleq_##U(detail::as_##U(a), detail::as_##U(b))); }        \
  inline V128 Shape##GeU(V128 a, V128 b) { return detail::out(vcgeq_##U(detail::as_##U(a), detail::as_##U(b))); }

MNEMO_SIMD_ICMP(I8x16, s8, u8, 8)
MNEMO_SIMD_ICMP_U(I8x16, u8)
MNEMO_SIMD_ICMP(I16x8, s16, u16, 16)
MNEMO_SIMD_ICMP_U(I16x8, u16)
MNEMO_SIMD_ICMP(I32x4, s32, u32, 32)
MNEMO_SIMD_ICMP_U(I32x4, u32)
MNEMO_SIMD_ICMP(I64x2, s64, u64, 64)

#undef MNEMO_SIMD_ICMP
#undef MNEMO_SIMD_ICMP_U

// ---- float comparisons (ordered; ne is the complement of eq) ----

#define MNEMO_SIMD_FCMP(Shape, F, U)                                                                            \
  inline V128 Shape##Eq(V128 a, V128 b) { return detail::out(vceqq_##F(detail::as_##F(a), detail::as_##F(b))); }                                 \
  inline V128 Shape##Ne(V128 a, V128 b) { return detail::out(detail::mask_not(vceqq_##F(detail::as_##F(a), detail::as_##F(b)))); } \
  inline V128 Shape##Lt(V128 a, V128 b) { return detail::out(vcltq_##F(detail::as_##F(a), detail::as_##F(b))); }                                 \
  inline V128 Shape##Gt(V128 a, V128 b) { return detail::out(vcgtq_##F(detail::as_##F(a), detail::as_##F(b))); }                                 \
  inline V128 Shape##Le(V128 a, V128 b) { return detail::out(vcleq_##F(detail::as_##F(a), detail::as_##F(b))); }                                 \
  inline V128 Shape##Ge(V128 a, V128 b) { return detail::out(vcgeq_##F(detail::as_##F(a), detail::as_##F(b))); }

MNEMO_SIMD_FCMP(F32x4, f32, u32)
MNEMO_SIMD_FCMP(F64x2, f64, u64)

#undef MNEMO_SIMD_FCMP

// ---- bitwise ----

inline V128 V128Not(V128 a) { return detail::out(vmvnq_u8(detail::as_u8(a))); }
inline V128 V128And(V128 a, V128 b) { return detail::out(vandq_u8(detail::as_u8(a), detail::as_u8(b))); }
inline V128 V128Andnot(V128 a, V128 b) { return detail::out(vbicq_u8(detail::as_u8(a), detail::as_u8(b))); }
inline V128 V128Or(V128 a, V128 b) { return detail::out(vorrq_u8(detail::as_u8(a), detail::as_u8(b))); }
inline V128 V128Xor(V128 a, V128 b) { return detail::out(veorq_u8(detail::as_u8(a), detail::as_u8(b))); }
inline V128 V128Bitselect(V128 a, V128 b, V128 c) { return detail::out(vbslq_u8(detail::as_u8(c), detail::as_u8(a), detail::as_u8(b))); }
inline uint32_t V128AnyTrue(V128 a) { return vmaxvq_u32(detail::as_u32(a)) != 0; }

// ---- shared integer shapes ----

// Shifts by a count modulo the lane width; USHL/SSHL shift right for negative counts.
#define MNEMO_SIMD_IARITH(Shape, S, U, C, w)                                                          \
  inline V128 Shape##Add(V128 a, V128 b) { return detail::out(vaddq_##U(detail::as_##U(a), detail::as_##U(b))); }                      \
  inline V128 Shape##Sub(V128 a, V128 b) { return detail::out(vsubq_##U(detail::as_##U(a), detail::as_##U(b))); }                      \
  inline V128 Shape##Neg(V128 a) { return detail::out(vnegq_##S(detail::as_##S(a))); }                                    \
  inline V128 Shape##Abs(V128 a) { return detail::out(vabsq_##S(detail::as_##S(a))); }                                    \
  inline V128 Shape##Shl(V128 a, uint32_t n) { return detail::out(vshlq_##U(detail::as_##U(a), vdupq_n_##S(C(n & (w - 1))))); } \
  inline V128 Shape##ShrU(V128 a, uint32_t n) { return detail::out(vshlq_##U(detail::as_##U(a), vdupq_n_##S(C(-int(n & (w - 1)))))); } \
  inline V128 Shape##ShrS(V128 a, uint32_t n) { return detail::out(vshlq_##S(detail::as_##S(a), vdupq_n_##S(C(-int(n & (w - 1)))))); }

MNEMO_SIMD_IARITH(I8x16, s8, u8, int8_t, 8)
MNEMO_SIMD_IARITH(I16x8, s16, u16, int16_t, 16)
MNEMO_SIMD_IARITH(I32x4, s32, u32, int32_t, 32)
MNEMO_SIMD_IARITH(I64x2, s64, u64, int64_t, 64)

#undef MNEMO_SIMD_IARITH

#define MNEMO_SIMD_IMINMAX(Shape, S, U)                                                  \
  inline V128 Shape##MinS(V128 a, V128 b) { return detail::out(vminq_##S(detail::as_##S(a), detail::as_##S(b))); }        \
  inline V128 Shape##MinU(V128 a, V128 b) { return detail::out(vminq_##U(detail::as_##U(a), detail::as_##U(b))); }        \
  inline V128 Shape##MaxS(V128 a, V128 b) { return detail::out(vmaxq_##S(detail::as_##S(a), detail::as_##S(b))); }        \
  inline V128 Shape##MaxU(V128 a, V128 b) { return detail::out(vmaxq_##U(detail::as_##U(a), detail::as_##U(b))); }        \
  inline uint32_t Shape##AllTrue(V128 a) { return vminvq_##U(detail::as_##U(a)) != 0; }

MNEMO_SIMD_IMINMAX(I8x16, s8, u8)
MNEMO_SIMD_IMINMAX(I16x8, s16, u16)
MNEMO_SIMD_IMINMAX(I32x4, s32, u32)

#undef MNEMO_SIMD_IMINMAX

#define MNEMO_SIMD_ISAT(Shape, S, U)                                                     \
  inline V128 Shape##AddSatS(V128 a, V128 b) { return detail::out(vqaddq_##S(detail::as_##S(a), detail::as_##S(b))); }    \
  inline V128 Shape##AddSatU(V128 a, V128 b) { return detail::out(vqaddq_##U(detail::as_##U(a), detail::as_##U(b))); }    \
  inline V128 Shape##SubSatS(V128 a, V128 b) { return detail::out(vqsubq_##S(detail::as_##S(a), detail::as_##S(b))); }    \
  inline V128 Shape##SubSatU(V128 a, V128 b) { return detail::out(vqsubq_##U(detail::as_##U(a), detail::as_##U(b))); }    \
  inline V128 Shape##AvgrU(V128 a, V128 b) { return detail::out(vrhaddq_##U(detail::as_##U(a), detail::as_##U(b))); }

MNEMO_SIMD_ISAT(I8x16, s8, u8)
MNEMO_SIMD_ISAT(I16x8, s16, u16)

#undef MNEMO_SIMD_ISAT

// ---- i8x16 ----

inline V128 I8x16Popcnt(V128 a) { return detail::out(vcntq_u8(detail::as_u8(a))); }
// Sign bits moved to bit (lane mod 8), then each half summed into one byte.
inline uint32_t I8x16Bitmask(V128 a) {
  const int8_t shifts[16] = {0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7};
  uint8x16_t bits = vshlq_u8(vshrq_n_u8(detail::as_u8(a), 7), vld1q_s8(shifts));
  return uint32_t(vaddv_u8(vget_low_u8(bits))) | uint32_t(vaddv_u8(vget_high_u8(bits))) << 8;
}
inline V128 I8x16NarrowI16x8S(V128 a, V128 b) { return detail::out(vcombine_s8(vqmovn_s16(detail::as_s16(a)), vqmovn_s16(detail::as_s16(b)))); }
inline V128 I8x16NarrowI16x8U(V128 a, V128 b) { return detail::out(vcombine_u8(vqmovun_s16(detail::as_s16(a)), vqmovun_s16(detail::as_s16(b)))); }

// ---- i16x8 ----

inline V128 I16x8ExtaddPairwiseI8x16S(V128 a) { return detail::out(vpaddlq_s8(detail::as_s8(a))); }
inline V128 I16x8ExtaddPairwiseI8x16U(V128 a) { return detail::out(vpaddlq_u8(detail::as_u8(a))); }
// SQRDMULH is (2ab + 2^15) >> 16 with saturation: wasm's q15mulr_sat_s exactly.
inline V128 I16x8Q15mulrSatS(V128 a, V128 b) { return detail::out(vqrdmulhq_s16(detail::as_s16(a), detail::as_s16(b))); }
inline uint32_t I16x8Bitmask(V128 a) {
  const int16_t shifts[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  return vaddvq_u16(vshlq_u16(vshrq_n_u16(detail::as_u16(a), 15), vld1q_s16(shifts)));
}
inline V128 I16x8NarrowI32x4S(V128 a, V128 b) { return detail::out(vcombine_s16(vqmovn_s32(detail::as_s32(a)), vqmovn_s32(detail::as_s32(b)))); }
inline V128 I16x8NarrowI32x4U(V128 a, V128 b) { return detail::out(vcombine_u16(vqmovun_s32(detail::as_s32(a)), vqmovun_s32(detail::as_s32(b)))); }
inline V128 I16x8ExtendLowI8x16S(V128 a) { return detail::out(vmovl_s8(vget_low_s8(detail::as_s8(a)))); }
inline V128 I16x8ExtendHighI8x16S(V128 a) { return detail::out(vmovl_high_s8(detail::as_s8(a))); }
inline V128 I16x8ExtendLowI8x16U(V128 a) { return detail::out(vmovl_u8(vget_low_u8(detail::as_u8(a)))); }
inline V128 I16x8ExtendHighI8x16U(V128 a) { return detail::out(vmovl_high_u8(detail::as_u8(a))); }
inline V128 I16x8Mul(V128 a, V128 b) { return detail::out(vmulq_u16(detail::as_u16(a), detail::as_u16(b))); }
inline V128 I16x8ExtmulLowI8x16S(V128 a, V128 b) { return detail::out(vmull_s8(vget_low_s8(detail::as_s8(a)), vget_low_s8(detail::as_s8(b)))); }
inline V128 I16x8ExtmulHighI8x16S(V128 a, V128 b) { return detail::out(vmull_high_s8(detail::as_s8(a), detail::as_s8(b))); }
inline V128 I16x8ExtmulLowI8x16U(V128 a, V128 b) { return detail::out(vmull_u8(vget_low_u8(detail::as_u8(a)), vget_low_u8(detail::as_u8(b)))); }
inline V128 I16x8ExtmulHighI8x16U(V128 a, V128 b) { return detail::out(vmull_high_u8(detail::as_u8(a), detail::as_u8(b))); }

// ---- i32x4 ----

inline V128 I32x4ExtaddPairwiseI16x8S(V128 a) { return detail::out(vpaddlq_s16(detail::as_s16(a))); }
inline V128 I32x4ExtaddPairwiseI16x8U(V128 a) { return detail::out(vpaddlq_u16(detail::as_u16(a))); }
inline uint32_t I32x4Bitmask(V128 a) {
  const int32_t shifts[4] = {0, 1, 2, 3};
  return vaddvq_u32(vshlq_u32(vshrq_n_u32(detail::as_u32(a), 31), vld1q_s32(shifts)));
}
inline V128 I32x4ExtendLowI16x8S(V128 a) { return detail::out(vmovl_s16(vget_low_s16(detail::as_s16(a)))); }
inline V128 I32x4ExtendHighI16x8S(V128 a) { return detail::out(vmovl_high_s16(detail::as_s16(a))); }
inline V128 I32x4ExtendLowI16x8U(V128 a) { return detail::out(vmovl_u16(vget_low_u16(detail::as_u16(a)))); }
inline V128 I32x4ExtendHighI16x8U(V128 a) { return detail::out(vmovl_high_u16(detail::as_u16(a))); }
inline V128 I32x4Mul(V128 a, V128 b) { return detail::out(vmulq_u32(detail::as_u32(a), detail::as_u32(b))); }
inline V128 I32x4DotI16x8S(V128 a, V128 b) {
  int32x4_t lo = vmull_s16(vget_low_s16(detail::as_s16(a)), vget_low_s16(detail::as_s16(b)));
  int32x4_t hi = vmull_high_s16(detail::as_s16(a), detail::as_s16(b));
  return detail::out(vpaddq_s32(lo, hi));
}
inline V128 I32x4ExtmulLowI16x8S(V128 a, V128 b) { return detail::out(vmull_s16(vget_low_s16(detail::as_s16(a)), vget_low_s16(detail::as_s16(b)))); }
inline V128 I32x4ExtmulHighI16x8S(V128 a, V128 b) { return detail::out(vmull_high_s16(detail::as_s16(a), detail::as_s16(b))); }
inline V128 I32x4ExtmulLowI16x8U(V128 a, V128 b) { return detail::out(vmull_u16(vget_low_u16(detail::as_u16(a)), vget_low_u16(detail::as_u16(b)))); }
inline V128 I32x4ExtmulHighI16x8U(V128 a, V128 b) { return detail::out(vmull_high_u16(detail::as_u16(a), detail::as_u16(b))); }

// ---- i64x2 ----

inline uint32_t I64x2AllTrue(V128 a) { return vmaxvq_u32(vreinterpretq_u32_u64(vceqzq_u64(detail::as_u64(a)))) == 0; }
inline uint32_t I64x2Bitmask(V128 a) {
  uint64x2_t s = vshrq_n_u64(detail::as_u64(a), 63);
  return uint32_t(vgetq_lane_u64(s, 0) | vgetq_lane_u64(s, 1) << 1);
}
inline V128 I64x2ExtendLowI32x4S(V128 a) { return detail::out(vmovl_s32(vget_low_s32(detail::as_s32(a)))); }
inline V128 I64x2ExtendHighI32x4S(V128 a) { return detail::out(vmovl_high_s32(detail::as_s32(a))); }
inline V128 I64x2ExtendLowI32x4U(V128 a) { return detail::out(vmovl_u32(vget_low_u32(detail::as_u32(a)))); }
inline V128 I64x2ExtendHighI32x4U(V128 a) { return detail::out(vmovl_high_u32(detail::as_u32(a))); }
using scalar::I64x2Mul;  // NEON has no 64-bit lane multiply; two scalar MULs are as good
inline V128 I64x2ExtmulLowI32x4S(V128 a, V128 b) { return detail::out(vmull_s32(vget_low_s32(detail::as_s32(a)), vget_low_s32(detail::as_s32(b)))); }
inline V128 I64x2ExtmulHighI32x4S(V128 a, V128 b) { return detail::out(vmull_high_s32(detail::as_s32(a), detail::as_s32(b))); }
inline V128 I64x2ExtmulLowI32x4U(V128 a, V128 b) { return detail::out(vmull_u32(vget_low_u32(detail::as_u32(a)), vget_low_u32(detail::as_u32(b)))); }
inline V128 I64x2ExtmulHighI32x4U(V128 a, V128 b) { return detail::out(vmull_high_u32(detail::as_u32(a), detail::as_u32(b))); }

// ---- f32x4 / f64x2 ----

#define MNEMO_SIMD_FARITH(Shape, F)                                                               \
  inline V128 Shape##Add(V128 a, V128 b) { return detail::out(vaddq_##F(detail::as_##F(a), detail::as_##F(b))); }                  \
  inline V128 Shape##Sub(V128 a, V128 b) { return detail::out(vsubq_##F(detail::as_##F(a), detail::as_##F(b))); }                  \
  inline V128 Shape##Mul(V128 a, V128 b) { return detail::out(vmulq_##F(detail::as_##F(a), detail::as_##F(b))); }                  \
  inline V128 Shape##Div(V128 a, V128 b) { return detail::out(vdivq_##F(detail::as_##F(a), detail::as_##F(b))); }                  \
  inline V128 Shape##Sqrt(V128 a) { return detail::out(vsqrtq_##F(detail::as_##F(a))); }                              \
  inline V128 Shape##Ceil(V128 a) { return detail::out(vrndpq_##F(detail::as_##F(a))); }                              \
  inline V128 Shape##Floor(V128 a) { return detail::out(vrndmq_##F(detail::as_##F(a))); }                             \
  inline V128 Shape##Trunc(V128 a) { return detail::out(vrndq_##F(detail::as_##F(a))); }                              \
  inline V128 Shape##Nearest(V128 a) { return detail::out(vrndnq_##F(detail::as_##F(a))); }                           \
  inline V128 Shape##Abs(V128 a) { return detail::out(vabsq_##F(detail::as_##F(a))); }                                \
  inline V128 Shape##Neg(V128 a) { return detail::out(vnegq_##F(detail::as_##F(a))); }                                \
  inline V128 Shape##Min(V128 a, V128 b) { return detail::out(vminq_##F(detail::as_##F(a), detail::as_##F(b))); }                  \
  inline V128 Shape##Max(V128 a, V128 b) { return detail::out(vmaxq_##F(detail::as_##F(a), detail::as_##F(b))); }                  \
  inline V128 Shape##Pmin(V128 a, V128 b) { return detail::out(vbslq_##F(vcltq_##F(detail::as_##F(b), detail::as_##F(a)), detail::as_##F(b), detail::as_##F(a))); } \
  inline V128 Shape##Pmax(V128 a, V128 b) { return detail::out(vbslq_##F(vcltq_##F(detail::as_##F(a), detail::as_##F(b)), detail::as_##F(b), detail::as_##F(a))); }

MNEMO_SIMD_FARITH(F32x4, f32)
MNEMO_SIMD_FARITH(F64x2, f64)

#undef MNEMO_SIMD_FARITH

// ---- conversions ----

inline V128 I32x4TruncSatF32x4S(V128 a) { return detail::out(vcvtq_s32_f32(detail::as_f32(a))); }
inline V128 I32x4TruncSatF32x4U(V128 a) { return detail::out(vcvtq_u32_f32(detail::as_f32(a))); }
inline V128 I32x4TruncSatF64x2SZero(V128 a) { return detail::out(vcombine_s32(vqmovn_s64(vcvtq_s64_f64(detail::as_f64(a))), vdup_n_s32(0))); }
inline V128 I32x4TruncSatF64x2UZero(V128 a) { return detail::out(vcombine_u32(vqmovn_u64(vcvtq_u64_f64(detail::as_f64(a))), vdup_n_u32(0))); }
inline V128 F32x4ConvertI32x4S(V128 a) { return detail::out(vcvtq_f32_s32(detail::as_s32(a))); }
inline V128 F32x4ConvertI32x4U(V128 a) { return detail::out(vcvtq_f32_u32(detail::as_u32(a))); }
inline V128 F64x2ConvertLowI32x4S(V128 a) { return detail::out(vcvtq_f64_s64(vmovl_s32(vget_low_s32(detail::as_s32(a))))); }
inline V128 F64x2ConvertLowI32x4U(V128 a) { return detail::out(vcvtq_f64_u64(vmovl_u32(vget_low_u32(detail::as_u32(a))))); }
inline V128 F32x4DemoteF64x2Zero(V128 a) { return detail::out(vcombine_f32(vcvt_f32_f64(detail::as_f64(a)), vdup_n_f32(0))); }
inline V128 F64x2PromoteLowF32x4(V128 a) { return detail::out(vcvt_f64_f32(vget_low_f32(detail::as_f32(a)))); }

}  // namespace mnemo::simd::host
