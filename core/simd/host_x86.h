// core/simd/host_x86.h: the host SIMD path on x86-64 with SSE4.1 (included by host.h only).
// Each function matches its scalar:: twin bit for bit, except the payload of a NaN result,
// which is canonical wherever the spec requires it (spec 4.3.3 "NaN propagation").
//
// x86 NaN facts this file relies on: addps/subps/mulps/divps/sqrtps/roundps/cvtpd2ps/cvtps2pd
// return the first NaN operand made quiet, or the default NaN (a canonical one) when a NaN is
// created, which is exactly the set of results the spec allows. minps/maxps do not follow the
// spec (they return the second operand on NaN and on equal zeros) and are fixed up below.
#pragma once

#include <smmintrin.h>
#if defined(__SSE4_2__)
#include <nmmintrin.h>
#endif

#include "core/simd/host_lanes.h"  // the lane ops, from scalar::
#include "core/simd/scalar.h"

namespace mnemo::simd::host {

namespace detail {

inline __m128i vi(const V128& v) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(v.bytes.data())); }
inline __m128 vf(const V128& v) { return _mm_castsi128_ps(vi(v)); }
inline __m128d vd(const V128& v) { return _mm_castsi128_pd(vi(v)); }
inline V128 out(__m128i x) {
  V128 r;
  _mm_storeu_si128(reinterpret_cast<__m128i*>(r.bytes.data()), x);
  return r;
}
inline V128 out(__m128 x) { return out(_mm_castps_si128(x)); }
inline V128 out(__m128d x) { return out(_mm_castpd_si128(x)); }

inline __m128i ones() { return _mm_set1_epi32(-1); }
inline __m128i vnot(__m128i x) { return _mm_xor_si128(x, ones()); }
inline __m128i count(uint32_t n, uint32_t width) { return _mm_cvtsi32_si128(int(n & (width - 1))); }
inline __m128i load_low64(const uint8_t* p) { return _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)); }

// Unsigned order through the signed comparison: flip the sign bits of both sides.
inline __m128i gt_u8(__m128i a, __m128i b) {
  __m128i s = _mm_set1_epi8(char(0x80));
  return _mm_cmpgt_epi8(_mm_xor_si128(a, s), _mm_xor_si128(b, s));
}
inline __m128i gt_u16(__m128i a, __m128i b) {
  __m128i s = _mm_set1_epi16(short(0x8000));
  return _mm_cmpgt_epi16(_mm_xor_si128(a, s), _mm_xor_si128(b, s));
}
inline __m128i gt_u32(__m128i a, __m128i b) {
  __m128i s = _mm_set1_epi32(int(0x80000000u));
  return _mm_cmpgt_epi32(_mm_xor_si128(a, s), _mm_xor_si128(b, s));
}

// Signed 64-bit a > b. Without SSE4.2's pcmpgtq: the high halves decide, unless equal, when the
// borrow of b - a (low halves, unsigned) does; the verdict is then copied to both halves.
inline __m128i gt_s64(__m128i a, __m128i b) {
#if defined(__SSE4_2__)
  return _mm_cmpgt_epi64(a, b);
#else
  __m128i r = _mm_and_si128(_mm_sub_epi64(b, a), _mm_cmpeq_epi32(a, b));
  r = _mm_or_si128(r, _mm_cmpgt_epi32(a, b));
  return _mm_shuffle_epi32(r, _MM_SHUFFLE(3, 3, 1, 1));
#endif
}

// All-ones in the 64-bit lanes whose sign is set.
inline __m128i sign64(__m128i a) { return _mm_srai_epi32(_mm_shuffle_epi32(a, _MM_SHUFFLE(3, 3, 1, 1)), 31); }

}  // namespace detail

// ---- memory ----

inline V128 V128Load8x8S(const uint8_t* p) { return detail::out(_mm_cvtepi8_epi16(detail::load_low64(p))); }
inline V128 V128Load8x8U(const uint8_t* p) { return detail::out(_mm_cvtepu8_epi16(detail::load_low64(p))); }
inline V128 V128Load16x4S(const uint8_t* p) { return detail::out(_mm_cvtepi16_epi32(detail::load_low64(p))); }
inline V128 V128Load16x4U(const uint8_t* p) { return detail::out(_mm_cvtepu16_epi32(detail::load_low64(p))); }
inline V128 V128Load32x2S(const uint8_t* p) { return detail::out(_mm_cvtepi32_epi64(detail::load_low64(p))); }
inline V128 V128Load32x2U(const uint8_t* p) { return detail::out(_mm_cvtepu32_epi64(detail::load_low64(p))); }
inline V128 V128Load8Splat(const uint8_t* p) { return detail::out(_mm_set1_epi8(char(*p))); }
inline V128 V128Load16Splat(const uint8_t* p) { return detail::out(_mm_set1_epi16(short(load<uint16_t>(p)))); }
inline V128 V128Load32Splat(const uint8_t* p) { return detail::out(_mm_set1_epi32(int(load<uint32_t>(p)))); }
inline V128 V128Load64Splat(const uint8_t* p) { return detail::out(_mm_set1_epi64x(int64_t(load<uint64_t>(p)))); }
inline V128 V128Load32Zero(const uint8_t* p) { return detail::out(_mm_cvtsi32_si128(int(load<uint32_t>(p)))); }
inline V128 V128Load64Zero(const uint8_t* p) { return detail::out(detail::load_low64(p)); }

// ---- shuffles, splats, lanes ----

// pshufb gives 0 where the index byte has its top bit set: biasing by 0x70 (saturating) moves
// indices 16..255 there and leaves 0..15 selecting by their low nibble.
inline V128 I8x16Swizzle(V128 a, V128 s) {
  return detail::out(_mm_shuffle_epi8(detail::vi(a), _mm_adds_epu8(detail::vi(s), _mm_set1_epi8(0x70))));
}
inline V128 I8x16Shuffle(V128 a, V128 b, const V128& lanes) {
  __m128i l = _mm_and_si128(detail::vi(lanes), _mm_set1_epi8(31));
  __m128i from_a = _mm_shuffle_epi8(detail::vi(a), _mm_adds_epu8(l, _mm_set1_epi8(0x70)));
  __m128i from_b = _mm_shuffle_epi8(detail::vi(b), _mm_sub_epi8(l, _mm_set1_epi8(16)));  // 0..15 -> top bit set
  return detail::out(_mm_or_si128(from_a, from_b));
}
inline V128 I8x16Splat(uint32_t x) { return detail::out(_mm_set1_epi8(char(x))); }
inline V128 I16x8Splat(uint32_t x) { return detail::out(_mm_set1_epi16(short(x))); }
inline V128 I32x4Splat(uint32_t x) { return detail::out(_mm_set1_epi32(int(x))); }
inline V128 I64x2Splat(uint64_t x) { return detail::out(_mm_set1_epi64x(int64_t(x))); }
inline V128 F32x4Splat(uint32_t bits) { return detail::out(_mm_set1_epi32(int(bits))); }
inline V128 F64x2Splat(uint64_t bits) { return detail::out(_mm_set1_epi64x(int64_t(bits))); }

// ---- integer comparisons ----

#define MNEMO_SIMD_ICMP(Shape, w, gt_u)                                                                \
  inline V128 Shape##Eq(V128 a, V128 b) { return detail::out(_mm_cmpeq_epi##w(detail::vi(a), detail::vi(b))); }               \
  inline V128 Shape##Ne(V128 a, V128 b) { return detail::out(detail::vnot(_mm_cmpeq_epi##w(detail::vi(a), detail::vi(b)))); } \
  inline V128 Shape##LtS(V128 a, V128 b) { return detail::out(_mm_cmpgt_epi##w(detail::vi(b), detail::vi(a))); }              \
  inline V128 Shape##GtS(V128 a, V128 b) { return detail::out(_mm_cmpgt_epi##w(detail::vi(a), detail::vi(b))); }              \
  inline V128 Shape##LeS(V128 a, V128 b) { return detail::out(detail::vnot(_mm_cmpgt_epi##w(detail::vi(a), detail::vi(b)))); } \
  inline V128 Shape##GeS(V128 a, V128 b) { return detail::out(detail::vnot(_mm_cmpgt_epi##w(detail::vi(b), detail::vi(a)))); } \
  inline V128 Shape##LtU(V128 a, V128 b) { return detail::out(detail::gt_u(detail::vi(b), detail::vi(a))); }                  \
  inline V128 Shape##GtU(V128 a, V128 b) { return detail::out(detail::gt_u(detail::vi(a), detail::vi(b))); }                  \
  inline V128 Shape##LeU(V128 a, V128 b) { return detail::out(_mm_cmpeq_epi##w(_mm_min_epu##w(detail::vi(a), detail::vi(b)), detail::vi(a))); } \
  inline V128 Shape##GeU(V128 a, V128 b) { return detail::out(_mm_cmpeq_epi##w(_mm_max_epu##w(detail::vi(a), detail::vi(b)), detail::vi(a))); }

MNEMO_SIMD_ICMP(I8x16, 8, gt_u8)
MNEMO_SIMD_ICMP(I16x8, 16, gt_u16)
MNEMO_SIMD_ICMP(I32x4, 32, gt_u32)

#undef MNEMO_SIMD_ICMP

inline V128 I64x2Eq(V128 a, V128 b) { return detail::out(_mm_cmpeq_epi64(detail::vi(a), detail::vi(b))); }
inline V128 I64x2Ne(V128 a, V128 b) { return detail::out(detail::vnot(_mm_cmpeq_epi64(detail::vi(a), detail::vi(b)))); }
inline V128 I64x2LtS(V128 a, V128 b) { return detail::out(detail::gt_s64(detail::vi(b), detail::vi(a))); }
inline V128 I64x2GtS(V128 a, V128 b) { return detail::out(detail::gt_s64(detail::vi(a), detail::vi(b))); }
inline V128 I64x2LeS(V128 a, V128 b) { return detail::out(detail::vnot(detail::gt_s64(detail::vi(a), detail::vi(b)))); }
inline V128 I64x2GeS(V128 a, V128 b) { return detail::out(detail::vnot(detail::gt_s64(detail::vi(b), detail::vi(a)))); }

// ---- float comparisons (ordered; ne is unordered-or-unequal) ----

#define MNEMO_SIMD_FCMP(Shape, v, s)                                                     \
  inline V128 Shape##Eq(V128 a, V128 b) { return detail::out(_mm_cmpeq_##s(v(a), v(b))); }    \
  inline V128 Shape##Ne(V128 a, V128 b) { return detail::out(_mm_cmpneq_##s(v(a), v(b))); }   \
  inline V128 Shape##Lt(V128 a, V128 b) { return detail::out(_mm_cmplt_##s(v(a), v(b))); }    \
  inline V128 Shape##Gt(V128 a, V128 b) { return detail::out(_mm_cmpgt_##s(v(a), v(b))); }    \
  inline V128 Shape##Le(V128 a, V128 b) { return detail::out(_mm_cmple_##s(v(a), v(b))); }    \
  inline V128 Shape##Ge(V128 a, V128 b) { return detail::out(_mm_cmpge_##s(v(a), v(b))); }

MNEMO_SIMD_FCMP(F32x4, detail::vf, ps)
MNEMO_SIMD_FCMP(F64x2, detail::vd, pd)

#undef MNEMO_SIMD_FCMP

// ---- bitwise ----

inline V128 V128Not(V128 a) { return detail::out(detail::vnot(detail::vi(a))); }
inline V128 V128And(V128 a, V128 b) { return detail::out(_mm_and_si128(detail::vi(a), detail::vi(b))); }
inline V128 V128Andnot(V128 a, V128 b) { return detail::out(_mm_andnot_si128(detail::vi(b), detail::vi(a))); }
inline V128 V128Or(V128 a, V128 b) { return detail::out(_mm_or_si128(detail::vi(a), detail::vi(b))); }
inline V128 V128Xor(V128 a, V128 b) { return detail::out(_mm_xor_si128(detail::vi(a), detail::vi(b))); }
inline V128 V128Bitselect(V128 a, V128 b, V128 c) {
  return detail::out(_mm_or_si128(_mm_and_si128(detail::vi(a), detail::vi(c)), _mm_andnot_si128(detail::vi(c), detail::vi(b))));
}
inline uint32_t V128AnyTrue(V128 a) { return !_mm_testz_si128(detail::vi(a), detail::vi(a)); }

// ---- shared integer shapes ----

#define MNEMO_SIMD_IARITH(Shape, w)                                                                     \
  inline V128 Shape##Add(V128 a, V128 b) { return detail::out(_mm_add_epi##w(detail::vi(a), detail::vi(b))); }                 \
  inline V128 Shape##Sub(V128 a, V128 b) { return detail::out(_mm_sub_epi##w(detail::vi(a), detail::vi(b))); }                 \
  inline V128 Shape##Neg(V128 a) { return detail::out(_mm_sub_epi##w(_mm_setzero_si128(), detail::vi(a))); }           \
  inline uint32_t Shape##AllTrue(V128 a) {                                                             \
    __m128i z = _mm_cmpeq_epi##w(detail::vi(a), _mm_setzero_si128());                                          \
    return _mm_testz_si128(z, z);                                                                      \
  }

MNEMO_SIMD_IARITH(I8x16, 8)
MNEMO_SIMD_IARITH(I16x8, 16)
MNEMO_SIMD_IARITH(I32x4, 32)
MNEMO_SIMD_IARITH(I64x2, 64)

#undef MNEMO_SIMD_IARITH

#define MNEMO_SIMD_IMINMAX(Shape, w)                                                                    \
  inline V128 Shape##MinS(V128 a, V128 b) { return detail::out(_mm_min_epi##w(detail::vi(a), detail::vi(b))); }                \
  inline V128 Shape##MinU(V128 a, V128 b) { return detail::out(_mm_min_epu##w(detail::vi(a), detail::vi(b))); }                \
  inline V128 Shape##MaxS(V128 a, V128 b) { return detail::out(_mm_max_epi##w(detail::vi(a), detail::vi(b))); }                \
  inline V128 Shape##MaxU(V128 a, V128 b) { return detail::out(_mm_max_epu##w(detail::vi(a), detail::vi(b))); }                \
  inline V128 Shape##Abs(V128 a) { return detail::out(_mm_abs_epi##w(detail::vi(a))); }

MNEMO_SIMD_IMINMAX(I8x16, 8)
MNEMO_SIMD_IMINMAX(I16x8, 16)
MNEMO_SIMD_IMINMAX(I32x4, 32)

#undef MNEMO_SIMD_IMINMAX

#define MNEMO_SIMD_ISAT(Shape, w)                                                                       \
  inline V128 Shape##AddSatS(V128 a, V128 b) { return detail::out(_mm_adds_epi##w(detail::vi(a), detail::vi(b))); }            \
  inline V128 Shape##AddSatU(V128 a, V128 b) { return detail::out(_mm_adds_epu##w(detail::vi(a), detail::vi(b))); }            \
  inline V128 Shape##SubSatS(V128 a, V128 b) { return detail::out(_mm_subs_epi##w(detail::vi(a), detail::vi(b))); }            \
  inline V128 Shape##SubSatU(V128 a, V128 b) { return detail::out(_mm_subs_epu##w(detail::vi(a), detail::vi(b))); }            \
  inline V128 Shape##AvgrU(V128 a, V128 b) { return detail::out(_mm_avg_epu##w(detail::vi(a), detail::vi(b))); }

MNEMO_SIMD_ISAT(I8x16, 8)
MNEMO_SIMD_ISAT(I16x8, 16)

#undef MNEMO_SIMD_ISAT

// Shifts by a count taken modulo the lane width; psll/psrl/psra read the count from a register.
#define MNEMO_SIMD_ISHIFT(Shape, w)                                                                     \
  inline V128 Shape##Shl(V128 a, uint32_t n) { return detail::out(_mm_sll_epi##w(detail::vi(a), detail::count(n, w))); } \
  inline V128 Shape##ShrU(V128 a, uint32_t n) { return detail::out(_mm_srl_epi##w(detail::vi(a), detail::count(n, w))); }

MNEMO_SIMD_ISHIFT(I16x8, 16)
MNEMO_SIMD_ISHIFT(I32x4, 32)
MNEMO_SIMD_ISHIFT(I64x2, 64)

#undef MNEMO_SIMD_ISHIFT

inline V128 I16x8ShrS(V128 a, uint32_t n) { return detail::out(_mm_sra_epi16(detail::vi(a), detail::count(n, 16))); }
inline V128 I32x4ShrS(V128 a, uint32_t n) { return detail::out(_mm_sra_epi32(detail::vi(a), detail::count(n, 32))); }
// No psraq before AVX-512: shift the one's complement of negative lanes logically.
inline V128 I64x2ShrS(V128 a, uint32_t n) {
  __m128i s = detail::sign64(detail::vi(a));
  return detail::out(_mm_xor_si128(_mm_srl_epi64(_mm_xor_si128(detail::vi(a), s), detail::count(n, 64)), s));
}

// ---- i8x16 ----

inline V128 I8x16Popcnt(V128 a) {
  const __m128i table = _mm_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m128i nibble = _mm_set1_epi8(0x0F);
  __m128i lo = _mm_and_si128(detail::vi(a), nibble);
  __m128i hi = _mm_and_si128(_mm_srli_epi16(detail::vi(a), 4), nibble);
  return detail::out(_mm_add_epi8(_mm_shuffle_epi8(table, lo), _mm_shuffle_epi8(table, hi)));
}
inline uint32_t I8x16Bitmask(V128 a) { return uint32_t(_mm_movemask_epi8(detail::vi(a))); }
inline V128 I8x16NarrowI16x8S(V128 a, V128 b) { return detail::out(_mm_packs_epi16(detail::vi(a), detail::vi(b))); }
inline V128 I8x16NarrowI16x8U(V128 a, V128 b) { return detail::out(_mm_packus_epi16(detail::vi(a), detail::vi(b))); }
// Byte shifts through 16-bit shifts: mask off the bits that crossed from the neighbour byte.
inline V128 I8x16Shl(V128 a, uint32_t n) {
  unsigned s = n & 7;
  return detail::out(_mm_and_si128(_mm_sll_epi16(detail::vi(a), _mm_cvtsi32_si128(int(s))), _mm_set1_epi8(char(0xFF << s))));
}
inline V128 I8x16ShrU(V128 a, uint32_t n) {
  unsigned s = n & 7;
  return detail::out(_mm_and_si128(_mm_srl_epi16(detail::vi(a), _mm_cvtsi32_si128(int(s))), _mm_set1_epi8(char(0xFF >> s))));
}
// Each byte doubled into a 16-bit lane, shifted arithmetically by 8 more, packed back.
inline V128 I8x16ShrS(V128 a, uint32_t n) {
  __m128i c = _mm_cvtsi32_si128(int((n & 7) + 8));
  __m128i lo = _mm_sra_epi16(_mm_unpacklo_epi8(detail::vi(a), detail::vi(a)), c);
  __m128i hi = _mm_sra_epi16(_mm_unpackhi_epi8(detail::vi(a), detail::vi(a)), c);
  return detail::out(_mm_packs_epi16(lo, hi));
}

// ---- i16x8 ----

// pmaddubsw multiplies unsigned bytes of its first operand by signed bytes of its second.
inline V128 I16x8ExtaddPairwiseI8x16S(V128 a) { return detail::out(_mm_maddubs_epi16(_mm_set1_epi8(1), detail::vi(a))); }
inline V128 I16x8ExtaddPairwiseI8x16U(V128 a) { return detail::out(_mm_maddubs_epi16(detail::vi(a), _mm_set1_epi8(1))); }
// pmulhrsw is (a * b + 2^14) >> 15 without saturation: only -2^15 * -2^15 overflows, to -2^15.
inline V128 I16x8Q15mulrSatS(V128 a, V128 b) {
  __m128i r = _mm_mulhrs_epi16(detail::vi(a), detail::vi(b));
  return detail::out(_mm_xor_si128(r, _mm_cmpeq_epi16(r, _mm_set1_epi16(short(0x8000)))));
}
inline uint32_t I16x8Bitmask(V128 a) {
  return uint32_t(_mm_movemask_epi8(_mm_packs_epi16(detail::vi(a), _mm_setzero_si128())));
}
inline V128 I16x8NarrowI32x4S(V128 a, V128 b) { return detail::out(_mm_packs_epi32(detail::vi(a), detail::vi(b))); }
inline V128 I16x8NarrowI32x4U(V128 a, V128 b) { return detail::out(_mm_packus_epi32(detail::vi(a), detail::vi(b))); }
inline V128 I16x8ExtendLowI8x16S(V128 a) { return detail::out(_mm_cvtepi8_epi16(detail::vi(a))); }
inline V128 I16x8ExtendHighI8x16S(V128 a) { return detail::out(_mm_cvtepi8_epi16(_mm_srli_si128(detail::vi(a), 8))); }
inline V128 I16x8ExtendLowI8x16U(V128 a) { return detail::out(_mm_cvtepu8_epi16(detail::vi(a))); }
inline V128 I16x8ExtendHighI8x16U(V128 a) { return detail::out(_mm_unpackhi_epi8(detail::vi(a), _mm_setzero_si128())); }
inline V128 I16x8Mul(V128 a, V128 b) { return detail::out(_mm_mullo_epi16(detail::vi(a), detail::vi(b))); }
inline V128 I16x8ExtmulLowI8x16S(V128 a, V128 b) {
  return detail::out(_mm_mullo_epi16(_mm_cvtepi8_epi16(detail::vi(a)), _mm_cvtepi8_epi16(detail::vi(b))));
}
inline V128 I16x8ExtmulHighI8x16S(V128 a, V128 b) {
  return detail::out(_mm_mullo_epi16(_mm_cvtepi8_epi16(_mm_srli_si128(detail::vi(a), 8)), _mm_cvtepi8_epi16(_mm_srli_si128(detail::vi(b), 8))));
}
inline V128 I16x8ExtmulLowI8x16U(V128 a, V128 b) {
  return detail::out(_mm_mullo_epi16(_mm_cvtepu8_epi16(detail::vi(a)), _mm_cvtepu8_epi16(detail::vi(b))));
}
inline V128 I16x8ExtmulHighI8x16U(V128 a, V128 b) {
  __m128i z = _mm_setzero_si128();
  return detail::out(_mm_mullo_epi16(_mm_unpackhi_epi8(detail::vi(a), z), _mm_unpackhi_epi8(detail::vi(b), z)));
}

// ---- i32x4 ----

inline V128 I32x4ExtaddPairwiseI16x8S(V128 a) { return detail::out(_mm_madd_epi16(detail::vi(a), _mm_set1_epi16(1))); }
// Unsigned halves biased to signed (u - 2^15), summed by pmaddwd, unbiased by 2 * 2^15.
inline V128 I32x4ExtaddPairwiseI16x8U(V128 a) {
  __m128i biased = _mm_xor_si128(detail::vi(a), _mm_set1_epi16(short(0x8000)));
  return detail::out(_mm_add_epi32(_mm_madd_epi16(biased, _mm_set1_epi16(1)), _mm_set1_epi32(0x10000)));
}
inline uint32_t I32x4Bitmask(V128 a) { return uint32_t(_mm_movemask_ps(detail::vf(a))); }
inline V128 I32x4ExtendLowI16x8S(V128 a) { return detail::out(_mm_cvtepi16_epi32(detail::vi(a))); }
inline V128 I32x4ExtendHighI16x8S(V128 a) { return detail::out(_mm_cvtepi16_epi32(_mm_srli_si128(detail::vi(a), 8))); }
inline V128 I32x4ExtendLowI16x8U(V128 a) { return detail::out(_mm_cvtepu16_epi32(detail::vi(a))); }
inline V128 I32x4ExtendHighI16x8U(V128 a) { return detail::out(_mm_unpackhi_epi16(detail::vi(a), _mm_setzero_si128())); }
inline V128 I32x4Mul(V128 a, V128 b) { return detail::out(_mm_mullo_epi32(detail::vi(a), detail::vi(b))); }
inline V128 I32x4DotI16x8S(V128 a, V128 b) { return detail::out(_mm_madd_epi16(detail::vi(a), detail::vi(b))); }
inline V128 I32x4ExtmulLowI16x8S(V128 a, V128 b) {
  __m128i lo = _mm_mullo_epi16(detail::vi(a), detail::vi(b)), hi = _mm_mulhi_epi16(detail::vi(a), detail::vi(b));
  return detail::out(_mm_unpacklo_epi16(lo, hi));
}
inline V128 I32x4ExtmulHighI16x8S(V128 a, V128 b) {
  __m128i lo = _mm_mullo_epi16(detail::vi(a), detail::vi(b)), hi = _mm_mulhi_epi16(detail::vi(a), detail::vi(b));
  return detail::out(_mm_unpackhi_epi16(lo, hi));
}
inline V128 I32x4ExtmulLowI16x8U(V128 a, V128 b) {
  __m128i lo = _mm_mullo_epi16(detail::vi(a), detail::vi(b)), hi = _mm_mulhi_epu16(detail::vi(a), detail::vi(b));
  return detail::out(_mm_unpacklo_epi16(lo, hi));
}
inline V128 I32x4ExtmulHighI16x8U(V128 a, V128 b) {
  __m128i lo = _mm_mullo_epi16(detail::vi(a), detail::vi(b)), hi = _mm_mulhi_epu16(detail::vi(a), detail::vi(b));
  return detail::out(_mm_unpackhi_epi16(lo, hi));
}

// ---- i64x2 ----

inline V128 I64x2Abs(V128 a) {
  __m128i s = detail::sign64(detail::vi(a));
  return detail::out(_mm_sub_epi64(_mm_xor_si128(detail::vi(a), s), s));
}
inline uint32_t I64x2Bitmask(V128 a) { return uint32_t(_mm_movemask_pd(detail::vd(a))); }
inline V128 I64x2ExtendLowI32x4S(V128 a) { return detail::out(_mm_cvtepi32_epi64(detail::vi(a))); }
inline V128 I64x2ExtendHighI32x4S(V128 a) { return detail::out(_mm_cvtepi32_epi64(_mm_srli_si128(detail::vi(a), 8))); }
inline V128 I64x2ExtendLowI32x4U(V128 a) { return detail::out(_mm_cvtepu32_epi64(detail::vi(a))); }
inline V128 I64x2ExtendHighI32x4U(V128 a) { return detail::out(_mm_unpackhi_epi32(detail::vi(a), _mm_setzero_si128())); }
// a * b mod 2^64 = lo(a) * lo(b) + ((hi(a) * lo(b) + lo(a) * hi(b)) << 32).
inline V128 I64x2Mul(V128 a, V128 b) {
  __m128i x = detail::vi(a), y = detail::vi(b);
  __m128i cross = _mm_add_epi64(_mm_mul_epu32(_mm_srli_epi64(x, 32), y), _mm_mul_epu32(x, _mm_srli_epi64(y, 32)));
  return detail::out(_mm_add_epi64(_mm_mul_epu32(x, y), _mm_slli_epi64(cross, 32)));
}
// pmuldq / pmuludq multiply the even 32-bit lanes: spread the wanted lanes there first.
inline V128 I64x2ExtmulLowI32x4S(V128 a, V128 b) {
  const int k = _MM_SHUFFLE(1, 1, 0, 0);
  return detail::out(_mm_mul_epi32(_mm_shuffle_epi32(detail::vi(a), k), _mm_shuffle_epi32(detail::vi(b), k)));
}
inline V128 I64x2ExtmulHighI32x4S(V128 a, V128 b) {
  const int k = _MM_SHUFFLE(3, 3, 2, 2);
  return detail::out(_mm_mul_epi32(_mm_shuffle_epi32(detail::vi(a), k), _mm_shuffle_epi32(detail::vi(b), k)));
}
inline V128 I64x2ExtmulLowI32x4U(V128 a, V128 b) {
  const int k = _MM_SHUFFLE(1, 1, 0, 0);
  return detail::out(_mm_mul_epu32(_mm_shuffle_epi32(detail::vi(a), k), _mm_shuffle_epi32(detail::vi(b), k)));
}
inline V128 I64x2ExtmulHighI32x4U(V128 a, V128 b) {
  const int k = _MM_SHUFFLE(3, 3, 2, 2);
  return detail::out(_mm_mul_epu32(_mm_shuffle_epi32(detail::vi(a), k), _mm_shuffle_epi32(detail::vi(b), k)));
}

// ---- f32x4 / f64x2 ----

#define MNEMO_SIMD_FARITH(Shape, v, s, set1, bits, canonical, sign)                                     \
  inline V128 Shape##Add(V128 a, V128 b) { return detail::out(_mm_add_##s(v(a), v(b))); }                      \
  inline V128 Shape##Sub(V128 a, V128 b) { return detail::out(_mm_sub_##s(v(a), v(b))); }                      \
  inline V128 Shape##Mul(V128 a, V128 b) { return detail::out(_mm_mul_##s(v(a), v(b))); }                      \
  inline V128 Shape##Div(V128 a, V128 b) { return detail::out(_mm_div_##s(v(a), v(b))); }                      \
  inline V128 Shape##Sqrt(V128 a) { return detail::out(_mm_sqrt_##s(v(a))); }                                  \
  inline V128 Shape##Ceil(V128 a) { return detail::out(_mm_round_##s(v(a), _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC)); } \
  inline V128 Shape##Floor(V128 a) { return detail::out(_mm_round_##s(v(a), _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)); } \
  inline V128 Shape##Trunc(V128 a) { return detail::out(_mm_round_##s(v(a), _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC)); } \
  inline V128 Shape##Nearest(V128 a) { return detail::out(_mm_round_##s(v(a), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)); } \
  inline V128 Shape##Abs(V128 a) { return detail::out(_mm_andnot_si128(set1(bits(sign)), detail::vi(a))); }            \
  inline V128 Shape##Neg(V128 a) { return detail::out(_mm_xor_si128(set1(bits(sign)), detail::vi(a))); }               \
  /* min(a, b) | min(b, a) turns {+0, -0} into -0 in either order; NaN lanes become canonical. */      \
  inline V128 Shape##Min(V128 a, V128 b) {                                                             \
    auto m = _mm_or_##s(_mm_min_##s(v(a), v(b)), _mm_min_##s(v(b), v(a)));                            \
    auto nan = _mm_cmpunord_##s(v(a), v(b));                                                           \
    return detail::out(_mm_blendv_##s(m, detail::from_bits_##s(set1(bits(canonical))), nan));                    \
  }                                                                                                    \
  /* max(a, b) & max(b, a) turns {+0, -0} into +0 in either order. */                                 \
  inline V128 Shape##Max(V128 a, V128 b) {                                                             \
    auto m = _mm_and_##s(_mm_max_##s(v(a), v(b)), _mm_max_##s(v(b), v(a)));                           \
    auto nan = _mm_cmpunord_##s(v(a), v(b));                                                           \
    return detail::out(_mm_blendv_##s(m, detail::from_bits_##s(set1(bits(canonical))), nan));                    \
  }                                                                                                    \
  /* minps(x, y) is x < y ? x : y, so pmin(a, b) = b < a ? b : a = minps(b, a). */                    \
  inline V128 Shape##Pmin(V128 a, V128 b) { return detail::out(_mm_min_##s(v(b), v(a))); }                   \
  inline V128 Shape##Pmax(V128 a, V128 b) { return detail::out(_mm_max_##s(v(b), v(a))); }

namespace detail {
inline __m128 from_bits_ps(__m128i x) { return _mm_castsi128_ps(x); }
inline __m128d from_bits_pd(__m128i x) { return _mm_castsi128_pd(x); }
inline __m128i set1_32(uint32_t x) { return _mm_set1_epi32(int(x)); }
inline __m128i set1_64(uint64_t x) { return _mm_set1_epi64x(int64_t(x)); }
}  // namespace detail

MNEMO_SIMD_FARITH(F32x4, detail::vf, ps, detail::set1_32, uint32_t, kF32CanonicalNan, kF32SignBit)
MNEMO_SIMD_FARITH(F64x2, detail::vd, pd, detail::set1_64, uint64_t, kF64CanonicalNan, kF64SignBit)

#undef MNEMO_SIMD_FARITH

// ---- conversions ----

// cvttps2dq gives 0x80000000 for NaN and out-of-range lanes: zero the NaNs first, then turn the
// positive overflows into 0x7FFFFFFF by flipping every bit.
inline V128 I32x4TruncSatF32x4S(V128 a) {
  __m128 f = _mm_and_ps(detail::vf(a), _mm_cmpord_ps(detail::vf(a), detail::vf(a)));
  __m128i r = _mm_cvttps_epi32(f);
  return detail::out(_mm_xor_si128(r, _mm_castps_si128(_mm_cmpge_ps(f, _mm_set1_ps(2147483648.0f)))));
}
// maxps(x, 0) sends NaN and negatives to 0. Lanes >= 2^31 convert after subtracting 2^31 and get
// it back as the top bit; lanes >= 2^32 saturate to all ones.
inline V128 I32x4TruncSatF32x4U(V128 a) {
  const __m128 two31 = _mm_set1_ps(2147483648.0f);
  __m128 f = _mm_max_ps(detail::vf(a), _mm_setzero_ps());
  __m128i lo = _mm_cvttps_epi32(f);
  __m128i hi = _mm_cvttps_epi32(_mm_sub_ps(f, two31));
  __m128i r = _mm_add_epi32(lo, _mm_and_si128(hi, _mm_castps_si128(_mm_cmpge_ps(f, two31))));
  return detail::out(_mm_or_si128(r, _mm_castps_si128(_mm_cmpge_ps(f, _mm_set1_ps(4294967296.0f)))));
}
inline V128 I32x4TruncSatF64x2SZero(V128 a) {
  __m128d f = _mm_and_pd(detail::vd(a), _mm_cmpord_pd(detail::vd(a), detail::vd(a)));
  f = _mm_min_pd(f, _mm_set1_pd(2147483647.0));
  return detail::out(_mm_cvttpd_epi32(f));  // below -2^31 gives 0x80000000, the saturated value
}
// Clamp to [0, 2^32 - 1], truncate, and read the integer off the mantissa of x + 2^52.
inline V128 I32x4TruncSatF64x2UZero(V128 a) {
  __m128d f = _mm_max_pd(detail::vd(a), _mm_setzero_pd());
  f = _mm_min_pd(f, _mm_set1_pd(4294967295.0));
  f = _mm_add_pd(_mm_round_pd(f, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC), _mm_set1_pd(4503599627370496.0));
  return detail::out(_mm_shuffle_ps(_mm_castpd_ps(f), _mm_setzero_ps(), _MM_SHUFFLE(2, 0, 2, 0)));
}
inline V128 F32x4ConvertI32x4S(V128 a) { return detail::out(_mm_cvtepi32_ps(detail::vi(a))); }
// Low 16 bits and high 16 bits convert exactly on their own; the one addition rounds once.
inline V128 F32x4ConvertI32x4U(V128 a) {
  __m128i lo = _mm_blend_epi16(_mm_setzero_si128(), detail::vi(a), 0x55);
  __m128i hi = _mm_srli_epi32(_mm_sub_epi32(detail::vi(a), lo), 1);
  __m128 fhi = _mm_cvtepi32_ps(hi);
  return detail::out(_mm_add_ps(_mm_add_ps(fhi, fhi), _mm_cvtepi32_ps(lo)));
}
inline V128 F64x2ConvertLowI32x4S(V128 a) { return detail::out(_mm_cvtepi32_pd(detail::vi(a))); }
// 2^52 + x as a double has x in its mantissa: build it by bits, subtract 2^52.
inline V128 F64x2ConvertLowI32x4U(V128 a) {
  __m128i x = _mm_unpacklo_epi32(detail::vi(a), _mm_set1_epi32(0x43300000));
  return detail::out(_mm_sub_pd(_mm_castsi128_pd(x), _mm_set1_pd(4503599627370496.0)));
}
inline V128 F32x4DemoteF64x2Zero(V128 a) { return detail::out(_mm_cvtpd_ps(detail::vd(a))); }
inline V128 F64x2PromoteLowF32x4(V128 a) { return detail::out(_mm_cvtps_pd(detail::vf(a))); }

}  // namespace mnemo::simd::host
