// core/simd/scalar.h: the portable SIMD path (namespace mnemo::simd::scalar): every v128
// instruction of WebAssembly 2.0 as a plain loop over lanes, exact to the spec's numerics
// (spec 4.3.2 integer and 4.3.3 float operations, 4.4.3 vector instructions).
//
// One function per 0xFD row of core/opcodes.def, named like its Opcode enumerator, except
// v128.load / v128.store / v128.const, which the VM does itself. Signatures (the SIMD contract):
// V128 operands are V128, i32/f32 operands and results are uint32_t (f32 as bit patterns),
// i64/f64 are uint64_t; lane immediates are uint8_t; memory operands are pointers the VM has
// already bounds-checked (possibly unaligned).
//
// NaN results (spec 4.3.3 "NaN propagation"): when every NaN input is canonical the result is
// the canonical NaN +nan(canon); otherwise it is the first non-canonical NaN input made quiet
// (an arithmetic NaN). This is one of the spec's allowed choices, made deterministically here
// so that the scalar path never depends on the host FPU's NaN rules.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "core/simd/lanes.h"

namespace mnemo::simd::scalar {

namespace detail {

template <class T, class F>
inline V128 map1(V128 a, F f) {
  V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i) set_lane<T>(r, i, T(f(lane<T>(a, i))));
  return r;
}

template <class T, class F>
inline V128 map2(V128 a, V128 b, F f) {
  V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i) set_lane<T>(r, i, T(f(lane<T>(a, i), lane<T>(b, i))));
  return r;
}

// Comparisons produce all-ones lanes for true, zero lanes for false (spec 4.4.3.9 vrelop).
template <class T, class U = std::make_unsigned_t<T>, class F>
inline V128 compare(V128 a, V128 b, F f) {
  V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i)
    set_lane<U>(r, i, f(lane<T>(a, i), lane<T>(b, i)) ? U(~U(0)) : U(0));
  return r;
}

template <class T>
inline T saturate(int64_t v) {
  constexpr int64_t lo = int64_t(std::numeric_limits<T>::min());
  constexpr int64_t hi = int64_t(std::numeric_limits<T>::max());
  return T(v < lo ? lo : v > hi ? hi : v);
}

template <class T>
inline V128 splat(T t) {
  V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i) set_lane<T>(r, i, t);
  return r;
}

// Shift counts are taken modulo the lane width (spec 4.4.3.10 vishiftop).
template <class T>
inline unsigned shift_count(uint32_t n) { return n & (sizeof(T) * 8 - 1); }

template <class T>
inline V128 shl(V128 a, uint32_t n) {
  using U = std::make_unsigned_t<T>;
  unsigned s = shift_count<T>(n);
  return map1<U>(a, [s](U x) { return U(x << s); });
}

template <class T>
inline V128 shr_s(V128 a, uint32_t n) {
  using S = std::make_signed_t<T>;
  unsigned s = shift_count<T>(n);
  return map1<S>(a, [s](S x) { return S(x >> s); });  // arithmetic shift (C++20)
}

template <class T>
inline V128 shr_u(V128 a, uint32_t n) {
  using U = std::make_unsigned_t<T>;
  unsigned s = shift_count<T>(n);
  return map1<U>(a, [s](U x) { return U(x >> s); });
}

// Wrapping integer arithmetic is done on the unsigned lane type (widened past int promotion).
template <class T>
using Wide = std::conditional_t<(sizeof(T) < 4), uint32_t, std::make_unsigned_t<T>>;

template <class T>
inline V128 add(V128 a, V128 b) {
  using U = std::make_unsigned_t<T>;
  return map2<U>(a, b, [](U x, U y) { return U(Wide<U>(x) + Wide<U>(y)); });
}

template <class T>
inline V128 sub(V128 a, V128 b) {
  using U = std::make_unsigned_t<T>;
  return map2<U>(a, b, [](U x, U y) { return U(Wide<U>(x) - Wide<U>(y)); });
}

template <class T>
inline V128 mul(V128 a, V128 b) {
  using U = std::make_unsigned_t<T>;
  return map2<U>(a, b, [](U x, U y) { return U(Wide<U>(x) * Wide<U>(y)); });
}

template <class T>
inline V128 neg(V128 a) {
  using U = std::make_unsigned_t<T>;
  return map1<U>(a, [](U x) { return U(Wide<U>(0) - Wide<U>(x)); });
}

// abs of the most negative value wraps to itself (spec 4.3.2 iabs).
template <class T>
inline V128 abs(V128 a) {
  using S = std::make_signed_t<T>;
  using U = std::make_unsigned_t<T>;
  return map1<S>(a, [](S x) { return S(x < 0 ? U(Wide<U>(0) - Wide<U>(U(x))) : U(x)); });
}

template <class T>
inline V128 add_sat(V128 a, V128 b) {
  return map2<T>(a, b, [](T x, T y) { return saturate<T>(int64_t(x) + int64_t(y)); });
}

template <class T>
inline V128 sub_sat(V128 a, V128 b) {
  return map2<T>(a, b, [](T x, T y) { return saturate<T>(int64_t(x) - int64_t(y)); });
}

template <class T>
inline V128 min(V128 a, V128 b) {
  return map2<T>(a, b, [](T x, T y) { return x < y ? x : y; });
}

template <class T>
inline V128 max(V128 a, V128 b) {
  return map2<T>(a, b, [](T x, T y) { return x > y ? x : y; });
}

template <class T>
inline V128 avgr_u(V128 a, V128 b) {
  return map2<T>(a, b, [](T x, T y) { return T((uint32_t(x) + uint32_t(y) + 1) >> 1); });
}

template <class T>
inline uint32_t all_true(V128 a) {
  for (unsigned i = 0; i < kLanes<T>; ++i)
    if (lane<T>(a, i) == 0) return 0;
  return 1;
}

template <class T>
inline uint32_t bitmask(V128 a) {
  using S = std::make_signed_t<T>;
  uint32_t m = 0;
  for (unsigned i = 0; i < kLanes<T>; ++i) m |= uint32_t(lane<S>(a, i) < 0) << i;
  return m;
}

// Narrow: lanes of a, then lanes of b, each saturated from the signed wide value.
template <class N, class W>
inline V128 narrow(V128 a, V128 b) {
  V128 r;
  constexpr unsigned n = kLanes<W>;
  for (unsigned i = 0; i < n; ++i) {
    set_lane<N>(r, i, saturate<N>(lane<W>(a, i)));
    set_lane<N>(r, i + n, saturate<N>(lane<W>(b, i)));
  }
  return r;
}

// Extend the low (half 0) or high (half 1) lanes of a from N to W.
template <class W, class N>
inline V128 extend(V128 a, unsigned half) {
  V128 r;
  constexpr unsigned n = kLanes<W>;
  for (unsigned i = 0; i < n; ++i) set_lane<W>(r, i, W(lane<N>(a, i + half * n)));
  return r;
}

template <class W, class N>
inline V128 extmul(V128 a, V128 b, unsigned half) {
  using P = std::conditional_t<std::is_signed_v<W>, int64_t, uint64_t>;
  V128 r;
  constexpr unsigned n = kLanes<W>;
  for (unsigned i = 0; i < n; ++i)
    set_lane<W>(r, i, W(P(lane<N>(a, i + half * n)) * P(lane<N>(b, i + half * n))));
  return r;
}

template <class W, class N>
inline V128 extadd_pairwise(V128 a) {
  V128 r;
  for (unsigned i = 0; i < kLanes<W>; ++i)
    set_lane<W>(r, i, W(W(lane<N>(a, 2 * i)) + W(lane<N>(a, 2 * i + 1))));
  return r;
}

// ---- floats, as bit patterns (B = uint32_t for f32, uint64_t for f64) ----

template <class B>
using FloatOf = std::conditional_t<sizeof(B) == 4, float, double>;

inline bool is_nan(uint32_t b) { return is_nan_f32(b); }
inline bool is_nan(uint64_t b) { return is_nan_f64(b); }
inline bool is_canonical(uint32_t b) { return is_canonical_nan_f32(b); }
inline bool is_canonical(uint64_t b) { return is_canonical_nan_f64(b); }
inline uint32_t quiet(uint32_t b) { return b | kF32QuietBit; }
inline uint64_t quiet(uint64_t b) { return b | kF64QuietBit; }
inline float to_float(uint32_t b) { return f32_of(b); }
inline double to_float(uint64_t b) { return f64_of(b); }
template <class B>
inline constexpr B kCanonicalNan = sizeof(B) == 4 ? B(kF32CanonicalNan) : B(kF64CanonicalNan);
template <class B>
inline constexpr B kSignBit = sizeof(B) == 4 ? B(kF32SignBit) : B(kF64SignBit);

// The NaN a float operation returns (see the file comment).
template <class B>
inline B nan_result(B a, B b) {
  if (is_nan(a) && !is_canonical(a)) return quiet(a);
  if (is_nan(b) && !is_canonical(b)) return quiet(b);
  return kCanonicalNan<B>;
}

template <class B>
inline B nan_result(B a) {
  return is_nan(a) ? quiet(a) : kCanonicalNan<B>;
}

template <class B, class F>
inline V128 farith2(V128 a, V128 b, F f) {
  return map2<B>(a, b, [f](B x, B y) {
    FloatOf<B> r = f(to_float(x), to_float(y));
    return r != r ? nan_result(x, y) : B(bits_of(r));
  });
}

template <class B, class F>
inline V128 farith1(V128 a, F f) {
  return map1<B>(a, [f](B x) {
    FloatOf<B> r = f(to_float(x));
    return r != r ? nan_result(x) : B(bits_of(r));
  });
}

template <class B, class F>
inline V128 fcompare(V128 a, V128 b, F f) {
  return compare<B>(a, b, [f](B x, B y) { return f(to_float(x), to_float(y)); });
}

// fmin / fmax (spec 4.3.3): NaN if either is NaN; -0 is below +0.
template <class B>
inline V128 fmin(V128 a, V128 b) {
  return map2<B>(a, b, [](B x, B y) {
    if (is_nan(x) || is_nan(y)) return nan_result(x, y);
    if (to_float(x) == to_float(y)) return B(x | y);  // equal: identical bits, or +0 and -0
    return to_float(x) < to_float(y) ? x : y;
  });
}

template <class B>
inline V128 fmax(V128 a, V128 b) {
  return map2<B>(a, b, [](B x, B y) {
    if (is_nan(x) || is_nan(y)) return nan_result(x, y);
    if (to_float(x) == to_float(y)) return B(x & y);
    return to_float(x) > to_float(y) ? x : y;
  });
}

// Pseudo-min/max (spec 4.3.3 fpmin/fpmax): pick an operand's bits, no NaN processing.
template <class B>
inline V128 pmin(V128 a, V128 b) {
  return map2<B>(a, b, [](B x, B y) { return to_float(y) < to_float(x) ? y : x; });
}

template <class B>
inline V128 pmax(V128 a, V128 b) {
  return map2<B>(a, b, [](B x, B y) { return to_float(x) < to_float(y) ? y : x; });
}

template <class B>
inline V128 fabs(V128 a) {
  return map1<B>(a, [](B x) { return B(x & ~kSignBit<B>); });
}

template <class B>
inline V128 fneg(V128 a) {
  return map1<B>(a, [](B x) { return B(x ^ kSignBit<B>); });
}

// nearest: round half to even. nearbyint rounds in the current mode, which the engine never
// changes from round-to-nearest-even; it keeps the sign of zero like ceil/floor/trunc.
template <class F>
inline F round_nearest(F f) { return std::nearbyint(f); }

// Saturating truncation (spec 4.3.3 trunc_sat): NaN -> 0, out-of-range -> the nearest bound.
// Every f32 is exact as a double, so one double version serves both widths.
inline uint32_t trunc_sat_s32(double d) {
  if (d != d) return 0;
  if (d <= -2147483649.0) return 0x80000000u;
  if (d >= 2147483648.0) return 0x7FFFFFFFu;
  return uint32_t(int32_t(d));
}

inline uint32_t trunc_sat_u32(double d) {
  if (d != d || d <= -1.0) return 0;
  if (d >= 4294967296.0) return 0xFFFFFFFFu;
  return uint32_t(int64_t(d));
}

// demote / promote keep NaN payload bits where they fit, and set the quiet bit (spec 4.3.3:
// a canonical NaN stays canonical, any other becomes an arithmetic NaN).
inline uint32_t demote(uint64_t b) {
  if (is_nan_f64(b)) {
    if (is_canonical_nan_f64(b)) return uint32_t(b >> 32 & kF32SignBit) | kF32CanonicalNan;
    return uint32_t(b >> 32 & kF32SignBit) | kF32CanonicalNan | uint32_t(b >> 29 & 0x3FFFFFu);
  }
  return bits_of(float(f64_of(b)));
}

inline uint64_t promote(uint32_t b) {
  if (is_nan_f32(b)) return uint64_t(b & kF32SignBit) << 32 | kF64CanonicalNan | uint64_t(b & 0x3FFFFFu) << 29;
  return bits_of(double(f32_of(b)));
}

// The 8 bytes at p in the low half of a vector, zeros above.
inline V128 load_low64(const uint8_t* p) {
  V128 v;
  std::memcpy(v.bytes.data(), p, 8);
  return v;
}

}  // namespace detail

// ---- memory: extending, splatting, zero-filling and lane loads / lane stores (spec 4.4.7) ----

inline V128 V128Load8x8S(const uint8_t* p) { return detail::extend<int16_t, int8_t>(detail::load_low64(p), 0); }
inline V128 V128Load8x8U(const uint8_t* p) { return detail::extend<uint16_t, uint8_t>(detail::load_low64(p), 0); }
inline V128 V128Load16x4S(const uint8_t* p) { return detail::extend<int32_t, int16_t>(detail::load_low64(p), 0); }
inline V128 V128Load16x4U(const uint8_t* p) { return detail::extend<uint32_t, uint16_t>(detail::load_low64(p), 0); }
inline V128 V128Load32x2S(const uint8_t* p) { return detail::extend<int64_t, int32_t>(detail::load_low64(p), 0); }
inline V128 V128Load32x2U(const uint8_t* p) { return detail::extend<uint64_t, uint32_t>(detail::load_low64(p), 0); }
inline V128 V128Load8Splat(const uint8_t* p) { return detail::splat(load<uint8_t>(p)); }
inline V128 V128Load16Splat(const uint8_t* p) { return detail::splat(load<uint16_t>(p)); }
inline V128 V128Load32Splat(const uint8_t* p) { return detail::splat(load<uint32_t>(p)); }
inline V128 V128Load64Splat(const uint8_t* p) { return detail::splat(load<uint64_t>(p)); }
inline V128 V128Load32Zero(const uint8_t* p) {
  V128 r;
  set_lane<uint32_t>(r, 0, load<uint32_t>(p));
  return r;
}
inline V128 V128Load64Zero(const uint8_t* p) { return detail::load_low64(p); }

inline V128 V128Load8Lane(const uint8_t* p, V128 v, uint8_t i) { set_lane<uint8_t>(v, i, load<uint8_t>(p)); return v; }
inline V128 V128Load16Lane(const uint8_t* p, V128 v, uint8_t i) { set_lane<uint16_t>(v, i, load<uint16_t>(p)); return v; }
inline V128 V128Load32Lane(const uint8_t* p, V128 v, uint8_t i) { set_lane<uint32_t>(v, i, load<uint32_t>(p)); return v; }
inline V128 V128Load64Lane(const uint8_t* p, V128 v, uint8_t i) { set_lane<uint64_t>(v, i, load<uint64_t>(p)); return v; }
inline void V128Store8Lane(uint8_t* p, V128 v, uint8_t i) { store(p, lane<uint8_t>(v, i)); }
inline void V128Store16Lane(uint8_t* p, V128 v, uint8_t i) { store(p, lane<uint16_t>(v, i)); }
inline void V128Store32Lane(uint8_t* p, V128 v, uint8_t i) { store(p, lane<uint32_t>(v, i)); }
inline void V128Store64Lane(uint8_t* p, V128 v, uint8_t i) { store(p, lane<uint64_t>(v, i)); }

// ---- shuffles, splats and lanes (spec 4.4.3.1-4.4.3.6) ----

// Lane immediates of the shuffle are below 32 (validated); masked anyway to stay in bounds.
inline V128 I8x16Shuffle(V128 a, V128 b, const V128& lanes) {
  V128 r;
  for (unsigned i = 0; i < 16; ++i) {
    unsigned k = lanes.bytes[i] & 31;
    r.bytes[i] = k < 16 ? a.bytes[k] : b.bytes[k - 16];
  }
  return r;
}

// Indices of 16 and above select 0.
inline V128 I8x16Swizzle(V128 a, V128 s) {
  V128 r;
  for (unsigned i = 0; i < 16; ++i) r.bytes[i] = s.bytes[i] < 16 ? a.bytes[s.bytes[i]] : 0;
  return r;
}

inline V128 I8x16Splat(uint32_t x) { return detail::splat(uint8_t(x)); }
inline V128 I16x8Splat(uint32_t x) { return detail::splat(uint16_t(x)); }
inline V128 I32x4Splat(uint32_t x) { return detail::splat(x); }
inline V128 I64x2Splat(uint64_t x) { return detail::splat(x); }
inline V128 F32x4Splat(uint32_t bits) { return detail::splat(bits); }
inline V128 F64x2Splat(uint64_t bits) { return detail::splat(bits); }

inline uint32_t I8x16ExtractLaneS(V128 v, uint8_t i) { return uint32_t(int32_t(lane<int8_t>(v, i))); }
inline uint32_t I8x16ExtractLaneU(V128 v, uint8_t i) { return lane<uint8_t>(v, i); }
inline uint32_t I16x8ExtractLaneS(V128 v, uint8_t i) { return uint32_t(int32_t(lane<int16_t>(v, i))); }
inline uint32_t I16x8ExtractLaneU(V128 v, uint8_t i) { return lane<uint16_t>(v, i); }
inline uint32_t I32x4ExtractLane(V128 v, uint8_t i) { return lane<uint32_t>(v, i); }
inline uint64_t I64x2ExtractLane(V128 v, uint8_t i) { return lane<uint64_t>(v, i); }
inline uint32_t F32x4ExtractLane(V128 v, uint8_t i) { return lane<uint32_t>(v, i); }
inline uint64_t F64x2ExtractLane(V128 v, uint8_t i) { return lane<uint64_t>(v, i); }
inline V128 I8x16ReplaceLane(V128 v, uint32_t x, uint8_t i) { set_lane<uint8_t>(v, i, uint8_t(x)); return v; }
inline V128 I16x8ReplaceLane(V128 v, uint32_t x, uint8_t i) { set_lane<uint16_t>(v, i, uint16_t(x)); return v; }
inline V128 I32x4ReplaceLane(V128 v, uint32_t x, uint8_t i) { set_lane<uint32_t>(v, i, x); return v; }
inline V128 I64x2ReplaceLane(V128 v, uint64_t x, uint8_t i) { set_lane<uint64_t>(v, i, x); return v; }
inline V128 F32x4ReplaceLane(V128 v, uint32_t bits, uint8_t i) { set_lane<uint32_t>(v, i, bits); return v; }
inline V128 F64x2ReplaceLane(V128 v, uint64_t bits, uint8_t i) { set_lane<uint64_t>(v, i, bits); return v; }

// ---- integer comparisons (spec 4.4.3.9) ----

#define MNEMO_SIMD_ICMP(Shape, S, U)                                                                  \
  inline V128 Shape##Eq(V128 a, V128 b) { return detail::compare<U>(a, b, [](U x, U y) { return x == y; }); } \
  inline V128 Shape##Ne(V128 a, V128 b) { return detail::compare<U>(a, b, [](U x, U y) { return x != y; }); } \
  inline V128 Shape##LtS(V128 a, V128 b) { return detail::compare<S>(a, b, [](S x, S y) { return x < y; }); } \
  inline V128 Shape##GtS(V128 a, V128 b) { return detail::compare<S>(a, b, [](S x, S y) { return x > y; }); } \
  inline V128 Shape##LeS(V128 a, V128 b) { return detail::compare<S>(a, b, [](S x, S y) { return x <= y; }); } \
  inline V128 Shape##GeS(V128 a, V128 b) { return detail::compare<S>(a, b, [](S x, S y) { return x >= y; }); }
#define MNEMO_SIMD_ICMP_U(Shape, U)                                                                   \
  inline V128 Shape##LtU(V128 a, V128 b) { return detail::compare<U>(a, b, [](U x, U y) { return x < y; }); } \
  inline V128 Shape##GtU(V128 a, V128 b) { return detail::compare<U>(a, b, [](U x, U y) { return x > y; }); } \
  inline V128 Shape##LeU(V128 a, V128 b) { return detail::compare<U>(a, b, [](U x, U y) { return x <= y; }); } \
  inline V128 Shape##GeU(V128 a, V128 b) { return detail::compare<U>(a, b, [](U x, U y) { return x >= y; }); }

MNEMO_SIMD_ICMP(I8x16, int8_t, uint8_t)
MNEMO_SIMD_ICMP_U(I8x16, uint8_t)
MNEMO_SIMD_ICMP(I16x8, int16_t, uint16_t)
MNEMO_SIMD_ICMP_U(I16x8, uint16_t)
MNEMO_SIMD_ICMP(I32x4, int32_t, uint32_t)
MNEMO_SIMD_ICMP_U(I32x4, uint32_t)
MNEMO_SIMD_ICMP(I64x2, int64_t, uint64_t)  // i64x2 has no unsigned comparisons

#undef MNEMO_SIMD_ICMP
#undef MNEMO_SIMD_ICMP_U

// ---- float comparisons: ordered, except ne which is true on NaN (spec 4.3.3 feq...fge) ----

#define MNEMO_SIMD_FCMP(Shape, B)                                                                          \
  inline V128 Shape##Eq(V128 a, V128 b) { return detail::fcompare<B>(a, b, [](auto x, auto y) { return x == y; }); } \
  inline V128 Shape##Ne(V128 a, V128 b) { return detail::fcompare<B>(a, b, [](auto x, auto y) { return x != y; }); } \
  inline V128 Shape##Lt(V128 a, V128 b) { return detail::fcompare<B>(a, b, [](auto x, auto y) { return x < y; }); }  \
  inline V128 Shape##Gt(V128 a, V128 b) { return detail::fcompare<B>(a, b, [](auto x, auto y) { return x > y; }); }  \
  inline V128 Shape##Le(V128 a, V128 b) { return detail::fcompare<B>(a, b, [](auto x, auto y) { return x <= y; }); } \
  inline V128 Shape##Ge(V128 a, V128 b) { return detail::fcompare<B>(a, b, [](auto x, auto y) { return x >= y; }); }

MNEMO_SIMD_FCMP(F32x4, uint32_t)
MNEMO_SIMD_FCMP(F64x2, uint64_t)

#undef MNEMO_SIMD_FCMP

// ---- bitwise (spec 4.4.3.7-4.4.3.8) ----

inline V128 V128Not(V128 a) { return detail::map1<uint64_t>(a, [](uint64_t x) { return ~x; }); }
inline V128 V128And(V128 a, V128 b) { return detail::map2<uint64_t>(a, b, [](uint64_t x, uint64_t y) { return x & y; }); }
inline V128 V128Andnot(V128 a, V128 b) { return detail::map2<uint64_t>(a, b, [](uint64_t x, uint64_t y) { return x & ~y; }); }
inline V128 V128Or(V128 a, V128 b) { return detail::map2<uint64_t>(a, b, [](uint64_t x, uint64_t y) { return x | y; }); }
inline V128 V128Xor(V128 a, V128 b) { return detail::map2<uint64_t>(a, b, [](uint64_t x, uint64_t y) { return x ^ y; }); }
// Bits of a where c is 1, bits of b where c is 0.
inline V128 V128Bitselect(V128 a, V128 b, V128 c) {
  V128 r;
  for (unsigned i = 0; i < 2; ++i) {
    uint64_t m = lane<uint64_t>(c, i);
    set_lane<uint64_t>(r, i, (lane<uint64_t>(a, i) & m) | (lane<uint64_t>(b, i) & ~m));
  }
  return r;
}
inline uint32_t V128AnyTrue(V128 a) { return (lane<uint64_t>(a, 0) | lane<uint64_t>(a, 1)) != 0; }

// ---- i8x16 ----

inline V128 I8x16Abs(V128 a) { return detail::abs<int8_t>(a); }
inline V128 I8x16Neg(V128 a) { return detail::neg<int8_t>(a); }
inline V128 I8x16Popcnt(V128 a) { return detail::map1<uint8_t>(a, [](uint8_t x) { return std::popcount(x); }); }
inline uint32_t I8x16AllTrue(V128 a) { return detail::all_true<uint8_t>(a); }
inline uint32_t I8x16Bitmask(V128 a) { return detail::bitmask<int8_t>(a); }
inline V128 I8x16NarrowI16x8S(V128 a, V128 b) { return detail::narrow<int8_t, int16_t>(a, b); }
inline V128 I8x16NarrowI16x8U(V128 a, V128 b) { return detail::narrow<uint8_t, int16_t>(a, b); }
inline V128 I8x16Shl(V128 a, uint32_t n) { return detail::shl<int8_t>(a, n); }
inline V128 I8x16ShrS(V128 a, uint32_t n) { return detail::shr_s<int8_t>(a, n); }
inline V128 I8x16ShrU(V128 a, uint32_t n) { return detail::shr_u<int8_t>(a, n); }
inline V128 I8x16Add(V128 a, V128 b) { return detail::add<int8_t>(a, b); }
inline V128 I8x16AddSatS(V128 a, V128 b) { return detail::add_sat<int8_t>(a, b); }
inline V128 I8x16AddSatU(V128 a, V128 b) { return detail::add_sat<uint8_t>(a, b); }
inline V128 I8x16Sub(V128 a, V128 b) { return detail::sub<int8_t>(a, b); }
inline V128 I8x16SubSatS(V128 a, V128 b) { return detail::sub_sat<int8_t>(a, b); }
inline V128 I8x16SubSatU(V128 a, V128 b) { return detail::sub_sat<uint8_t>(a, b); }
inline V128 I8x16MinS(V128 a, V128 b) { return detail::min<int8_t>(a, b); }
inline V128 I8x16MinU(V128 a, V128 b) { return detail::min<uint8_t>(a, b); }
inline V128 I8x16MaxS(V128 a, V128 b) { return detail::max<int8_t>(a, b); }
inline V128 I8x16MaxU(V128 a, V128 b) { return detail::max<uint8_t>(a, b); }
inline V128 I8x16AvgrU(V128 a, V128 b) { return detail::avgr_u<uint8_t>(a, b); }

// ---- i16x8 ----

inline V128 I16x8ExtaddPairwiseI8x16S(V128 a) { return detail::extadd_pairwise<int16_t, int8_t>(a); }
inline V128 I16x8ExtaddPairwiseI8x16U(V128 a) { return detail::extadd_pairwise<uint16_t, uint8_t>(a); }
inline V128 I16x8Abs(V128 a) { return detail::abs<int16_t>(a); }
inline V128 I16x8Neg(V128 a) { return detail::neg<int16_t>(a); }
// (a * b + 2^14) >> 15, saturated (spec 4.3.2 iq15mulrsat_s).
inline V128 I16x8Q15mulrSatS(V128 a, V128 b) {
  return detail::map2<int16_t>(a, b, [](int16_t x, int16_t y) {
    return detail::saturate<int16_t>((int32_t(x) * int32_t(y) + 0x4000) >> 15);
  });
}
inline uint32_t I16x8AllTrue(V128 a) { return detail::all_true<uint16_t>(a); }
inline uint32_t I16x8Bitmask(V128 a) { return detail::bitmask<int16_t>(a); }
inline V128 I16x8NarrowI32x4S(V128 a, V128 b) { return detail::narrow<int16_t, int32_t>(a, b); }
inline V128 I16x8NarrowI32x4U(V128 a, V128 b) { return detail::narrow<uint16_t, int32_t>(a, b); }
inline V128 I16x8ExtendLowI8x16S(V128 a) { return detail::extend<int16_t, int8_t>(a, 0); }
inline V128 I16x8ExtendHighI8x16S(V128 a) { return detail::extend<int16_t, int8_t>(a, 1); }
inline V128 I16x8ExtendLowI8x16U(V128 a) { return detail::extend<uint16_t, uint8_t>(a, 0); }
inline V128 I16x8ExtendHighI8x16U(V128 a) { return detail::extend<uint16_t, uint8_t>(a, 1); }
inline V128 I16x8Shl(V128 a, uint32_t n) { return detail::shl<int16_t>(a, n); }
inline V128 I16x8ShrS(V128 a, uint32_t n) { return detail::shr_s<int16_t>(a, n); }
inline V128 I16x8ShrU(V128 a, uint32_t n) { return detail::shr_u<int16_t>(a, n); }
inline V128 I16x8Add(V128 a, V128 b) { return detail::add<int16_t>(a, b); }
inline V128 I16x8AddSatS(V128 a, V128 b) { return detail::add_sat<int16_t>(a, b); }
inline V128 I16x8AddSatU(V128 a, V128 b) { return detail::add_sat<uint16_t>(a, b); }
inline V128 I16x8Sub(V128 a, V128 b) { return detail::sub<int16_t>(a, b); }
inline V128 I16x8SubSatS(V128 a, V128 b) { return detail::sub_sat<int16_t>(a, b); }
inline V128 I16x8SubSatU(V128 a, V128 b) { return detail::sub_sat<uint16_t>(a, b); }
inline V128 I16x8Mul(V128 a, V128 b) { return detail::mul<int16_t>(a, b); }
inline V128 I16x8MinS(V128 a, V128 b) { return detail::min<int16_t>(a, b); }
inline V128 I16x8MinU(V128 a, V128 b) { return detail::min<uint16_t>(a, b); }
inline V128 I16x8MaxS(V128 a, V128 b) { return detail::max<int16_t>(a, b); }
inline V128 I16x8MaxU(V128 a, V128 b) { return detail::max<uint16_t>(a, b); }
inline V128 I16x8AvgrU(V128 a, V128 b) { return detail::avgr_u<uint16_t>(a, b); }
inline V128 I16x8ExtmulLowI8x16S(V128 a, V128 b) { return detail::extmul<int16_t, int8_t>(a, b, 0); }
inline V128 I16x8ExtmulHighI8x16S(V128 a, V128 b) { return detail::extmul<int16_t, int8_t>(a, b, 1); }
inline V128 I16x8ExtmulLowI8x16U(V128 a, V128 b) { return detail::extmul<uint16_t, uint8_t>(a, b, 0); }
inline V128 I16x8ExtmulHighI8x16U(V128 a, V128 b) { return detail::extmul<uint16_t, uint8_t>(a, b, 1); }

// ---- i32x4 ----

inline V128 I32x4ExtaddPairwiseI16x8S(V128 a) { return detail::extadd_pairwise<int32_t, int16_t>(a); }
inline V128 I32x4ExtaddPairwiseI16x8U(V128 a) { return detail::extadd_pairwise<uint32_t, uint16_t>(a); }
inline V128 I32x4Abs(V128 a) { return detail::abs<int32_t>(a); }
inline V128 I32x4Neg(V128 a) { return detail::neg<int32_t>(a); }
inline uint32_t I32x4AllTrue(V128 a) { return detail::all_true<uint32_t>(a); }
inline uint32_t I32x4Bitmask(V128 a) { return detail::bitmask<int32_t>(a); }
inline V128 I32x4ExtendLowI16x8S(V128 a) { return detail::extend<int32_t, int16_t>(a, 0); }
inline V128 I32x4ExtendHighI16x8S(V128 a) { return detail::extend<int32_t, int16_t>(a, 1); }
inline V128 I32x4ExtendLowI16x8U(V128 a) { return detail::extend<uint32_t, uint16_t>(a, 0); }
inline V128 I32x4ExtendHighI16x8U(V128 a) { return detail::extend<uint32_t, uint16_t>(a, 1); }
inline V128 I32x4Shl(V128 a, uint32_t n) { return detail::shl<int32_t>(a, n); }
inline V128 I32x4ShrS(V128 a, uint32_t n) { return detail::shr_s<int32_t>(a, n); }
inline V128 I32x4ShrU(V128 a, uint32_t n) { return detail::shr_u<int32_t>(a, n); }
inline V128 I32x4Add(V128 a, V128 b) { return detail::add<int32_t>(a, b); }
inline V128 I32x4Sub(V128 a, V128 b) { return detail::sub<int32_t>(a, b); }
inline V128 I32x4Mul(V128 a, V128 b) { return detail::mul<int32_t>(a, b); }
inline V128 I32x4MinS(V128 a, V128 b) { return detail::min<int32_t>(a, b); }
inline V128 I32x4MinU(V128 a, V128 b) { return detail::min<uint32_t>(a, b); }
inline V128 I32x4MaxS(V128 a, V128 b) { return detail::max<int32_t>(a, b); }
inline V128 I32x4MaxU(V128 a, V128 b) { return detail::max<uint32_t>(a, b); }
// Sum of the two products of each lane pair; 2 * (-2^15)^2 wraps to INT32_MIN.
inline V128 I32x4DotI16x8S(V128 a, V128 b) {
  V128 r;
  for (unsigned i = 0; i < 4; ++i) {
    int64_t lo = int64_t(lane<int16_t>(a, 2 * i)) * lane<int16_t>(b, 2 * i);
    int64_t hi = int64_t(lane<int16_t>(a, 2 * i + 1)) * lane<int16_t>(b, 2 * i + 1);
    set_lane<uint32_t>(r, i, uint32_t(uint64_t(lo + hi)));
  }
  return r;
}
inline V128 I32x4ExtmulLowI16x8S(V128 a, V128 b) { return detail::extmul<int32_t, int16_t>(a, b, 0); }
inline V128 I32x4ExtmulHighI16x8S(V128 a, V128 b) { return detail::extmul<int32_t, int16_t>(a, b, 1); }
inline V128 I32x4ExtmulLowI16x8U(V128 a, V128 b) { return detail::extmul<uint32_t, uint16_t>(a, b, 0); }
inline V128 I32x4ExtmulHighI16x8U(V128 a, V128 b) { return detail::extmul<uint32_t, uint16_t>(a, b, 1); }

// ---- i64x2 ----

inline V128 I64x2Abs(V128 a) { return detail::abs<int64_t>(a); }
inline V128 I64x2Neg(V128 a) { return detail::neg<int64_t>(a); }
inline uint32_t I64x2AllTrue(V128 a) { return detail::all_true<uint64_t>(a); }
inline uint32_t I64x2Bitmask(V128 a) { return detail::bitmask<int64_t>(a); }
inline V128 I64x2ExtendLowI32x4S(V128 a) { return detail::extend<int64_t, int32_t>(a, 0); }
inline V128 I64x2ExtendHighI32x4S(V128 a) { return detail::extend<int64_t, int32_t>(a, 1); }
inline V128 I64x2ExtendLowI32x4U(V128 a) { return detail::extend<uint64_t, uint32_t>(a, 0); }
inline V128 I64x2ExtendHighI32x4U(V128 a) { return detail::extend<uint64_t, uint32_t>(a, 1); }
inline V128 I64x2Shl(V128 a, uint32_t n) { return detail::shl<int64_t>(a, n); }
inline V128 I64x2ShrS(V128 a, uint32_t n) { return detail::shr_s<int64_t>(a, n); }
inline V128 I64x2ShrU(V128 a, uint32_t n) { return detail::shr_u<int64_t>(a, n); }
inline V128 I64x2Add(V128 a, V128 b) { return detail::add<int64_t>(a, b); }
inline V128 I64x2Sub(V128 a, V128 b) { return detail::sub<int64_t>(a, b); }
inline V128 I64x2Mul(V128 a, V128 b) { return detail::mul<int64_t>(a, b); }
inline V128 I64x2ExtmulLowI32x4S(V128 a, V128 b) { return detail::extmul<int64_t, int32_t>(a, b, 0); }
inline V128 I64x2ExtmulHighI32x4S(V128 a, V128 b) { return detail::extmul<int64_t, int32_t>(a, b, 1); }
inline V128 I64x2ExtmulLowI32x4U(V128 a, V128 b) { return detail::extmul<uint64_t, uint32_t>(a, b, 0); }
inline V128 I64x2ExtmulHighI32x4U(V128 a, V128 b) { return detail::extmul<uint64_t, uint32_t>(a, b, 1); }

// ---- f32x4 / f64x2 arithmetic (spec 4.3.3) ----

#define MNEMO_SIMD_FARITH(Shape, B)                                                                   \
  inline V128 Shape##Ceil(V128 a) { return detail::farith1<B>(a, [](auto x) { return std::ceil(x); }); } \
  inline V128 Shape##Floor(V128 a) { return detail::farith1<B>(a, [](auto x) { return std::floor(x); }); } \
  inline V128 Shape##Trunc(V128 a) { return detail::farith1<B>(a, [](auto x) { return std::trunc(x); }); } \
  inline V128 Shape##Nearest(V128 a) { return detail::farith1<B>(a, [](auto x) { return detail::round_nearest(x); }); } \
  inline V128 Shape##Sqrt(V128 a) { return detail::farith1<B>(a, [](auto x) { return std::sqrt(x); }); } \
  inline V128 Shape##Abs(V128 a) { return detail::fabs<B>(a); }                                       \
  inline V128 Shape##Neg(V128 a) { return detail::fneg<B>(a); }                                       \
  inline V128 Shape##Add(V128 a, V128 b) { return detail::farith2<B>(a, b, [](auto x, auto y) { return x + y; }); } \
  inline V128 Shape##Sub(V128 a, V128 b) { return detail::farith2<B>(a, b, [](auto x, auto y) { return x - y; }); } \
  inline V128 Shape##Mul(V128 a, V128 b) { return detail::farith2<B>(a, b, [](auto x, auto y) { return x * y; }); } \
  inline V128 Shape##Div(V128 a, V128 b) { return detail::farith2<B>(a, b, [](auto x, auto y) { return x / y; }); } \
  inline V128 Shape##Min(V128 a, V128 b) { return detail::fmin<B>(a, b); }                            \
  inline V128 Shape##Max(V128 a, V128 b) { return detail::fmax<B>(a, b); }                            \
  inline V128 Shape##Pmin(V128 a, V128 b) { return detail::pmin<B>(a, b); }                           \
  inline V128 Shape##Pmax(V128 a, V128 b) { return detail::pmax<B>(a, b); }

MNEMO_SIMD_FARITH(F32x4, uint32_t)
MNEMO_SIMD_FARITH(F64x2, uint64_t)

#undef MNEMO_SIMD_FARITH

// ---- conversions (spec 4.3.3 trunc_sat, convert, demote, promote) ----

inline V128 I32x4TruncSatF32x4S(V128 a) {
  return detail::map1<uint32_t>(a, [](uint32_t x) { return detail::trunc_sat_s32(f32_of(x)); });
}
inline V128 I32x4TruncSatF32x4U(V128 a) {
  return detail::map1<uint32_t>(a, [](uint32_t x) { return detail::trunc_sat_u32(f32_of(x)); });
}
inline V128 I32x4TruncSatF64x2SZero(V128 a) {
  V128 r;
  for (unsigned i = 0; i < 2; ++i) set_lane<uint32_t>(r, i, detail::trunc_sat_s32(f64_of(lane<uint64_t>(a, i))));
  return r;
}
inline V128 I32x4TruncSatF64x2UZero(V128 a) {
  V128 r;
  for (unsigned i = 0; i < 2; ++i) set_lane<uint32_t>(r, i, detail::trunc_sat_u32(f64_of(lane<uint64_t>(a, i))));
  return r;
}
// Integer-to-float conversions round to nearest, ties to even (one rounding).
inline V128 F32x4ConvertI32x4S(V128 a) {
  return detail::map1<uint32_t>(a, [](uint32_t x) { return bits_of(float(int32_t(x))); });
}
inline V128 F32x4ConvertI32x4U(V128 a) {
  return detail::map1<uint32_t>(a, [](uint32_t x) { return bits_of(float(x)); });
}
inline V128 F64x2ConvertLowI32x4S(V128 a) {
  V128 r;
  for (unsigned i = 0; i < 2; ++i) set_lane<uint64_t>(r, i, bits_of(double(lane<int32_t>(a, i))));
  return r;
}
inline V128 F64x2ConvertLowI32x4U(V128 a) {
  V128 r;
  for (unsigned i = 0; i < 2; ++i) set_lane<uint64_t>(r, i, bits_of(double(lane<uint32_t>(a, i))));
  return r;
}
inline V128 F32x4DemoteF64x2Zero(V128 a) {
  V128 r;
  for (unsigned i = 0; i < 2; ++i) set_lane<uint32_t>(r, i, detail::demote(lane<uint64_t>(a, i)));
  return r;
}
inline V128 F64x2PromoteLowF32x4(V128 a) {
  V128 r;
  for (unsigned i = 0; i < 2; ++i) set_lane<uint64_t>(r, i, detail::promote(lane<uint32_t>(a, i)));
  return r;
}

}  // namespace mnemo::simd::scalar
