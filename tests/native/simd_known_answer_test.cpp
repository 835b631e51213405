// simd_known_answer_test: hand-picked cases from the spec suite's core/simd expectations where
// lane operations usually go wrong, checked on scalar:: and on host:: alike.
#include <gtest/gtest.h>

#include <cstring>
#include <initializer_list>

#include "core/simd/simd.h"
#include "tests/native/simd_values.h"

namespace mnemo {
namespace {

// Vectors pass through volatile memory so the compiler cannot fold the operations under test
// on constants (its folding need not follow wasm's NaN and shift-count rules).
V128 opaque(const V128& v) {
  volatile uint8_t bytes[16];
  for (unsigned i = 0; i < 16; ++i) bytes[i] = v.bytes[i];
  V128 r;
  for (unsigned i = 0; i < 16; ++i) r.bytes[i] = bytes[i];
  return r;
}

template <class T>
V128 make(std::initializer_list<T> lanes) {
  V128 v;
  unsigned i = 0;
  for (T t : lanes) simd::set_lane<T>(v, i++, t);
  return opaque(v);
}

V128 i8(std::initializer_list<int8_t> l) { return make<int8_t>(l); }
V128 i16(std::initializer_list<int16_t> l) { return make<int16_t>(l); }
V128 i32(std::initializer_list<int32_t> l) { return make<int32_t>(l); }
V128 u32(std::initializer_list<uint32_t> l) { return make<uint32_t>(l); }
V128 i64(std::initializer_list<int64_t> l) { return make<int64_t>(l); }
V128 u64(std::initializer_list<uint64_t> l) { return make<uint64_t>(l); }

// Runs `body` once with `ns` naming scalar::, once with host::.
#define BOTH_PATHS(body)                          \
  {                                               \
    namespace ns = ::mnemo::simd::scalar;         \
    SCOPED_TRACE("scalar");                       \
    body                                          \
  }                                               \
  {                                               \
    namespace ns = ::mnemo::simd::host;           \
    SCOPED_TRACE(::mnemo::simd::kHostKind);       \
    body                                          \
  }

#define EXPECT_V128(actual, expected) EXPECT_EQ(simd_test::hex(actual), simd_test::hex(expected))

constexpr uint32_t kNanF32 = 0x7FC00000, kNegZeroF32 = 0x80000000, kInfF32 = 0x7F800000;

TEST(SimdKnownAnswer, SaturatingAndAveraging) {
  BOTH_PATHS({
    EXPECT_V128(ns::I8x16AddSatS(i8({127, -128, 100}), i8({1, -1, 100})), i8({127, -128, 127}));
    EXPECT_V128(ns::I8x16AddSatU(i8({-1, 1}), i8({1, 1})), i8({-1, 2}));
    EXPECT_V128(ns::I16x8SubSatS(i16({-32768, 32767}), i16({1, -1})), i16({-32768, 32767}));
    EXPECT_V128(ns::I16x8SubSatU(i16({0, 5}), i16({1, 3})), i16({0, 2}));
    EXPECT_V128(ns::I8x16AvgrU(i8({-1, 0, 1}), i8({-1, 1, 2})), i8({-1, 1, 2}));  // (a + b + 1) >> 1
    EXPECT_V128(ns::I16x8AvgrU(i16({-1, 3}), i16({0, 4})), i16({-32768, 4}));
  })
}

TEST(SimdKnownAnswer, Q15DotAndPairwise) {
  BOTH_PATHS({
    // simd_i16x8_q15mulr_sat_s.wast: -32768 * -32768 saturates; rounding adds 2^14.
    EXPECT_V128(ns::I16x8Q15mulrSatS(i16({-32768, 16384, -16384, 1}), i16({-32768, 16384, 16384, 16384})),
                i16({32767, 8192, -8192, 1}));
    // simd_i32x4_dot_i16x8.wast: two (-32768)^2 products wrap to INT32_MIN.
    EXPECT_V128(ns::I32x4DotI16x8S(i16({-32768, -32768, 1, 2}), i16({-32768, -32768, 3, 4})),
                i32({INT32_MIN, 11, 0, 0}));
    EXPECT_V128(ns::I16x8ExtaddPairwiseI8x16S(i8({-128, -128, 127, 127})), i16({-256, 254}));
    EXPECT_V128(ns::I16x8ExtaddPairwiseI8x16U(i8({-1, -1})), i16({510}));
    EXPECT_V128(ns::I32x4ExtaddPairwiseI16x8U(i16({-1, -1, -32768, 0})), i32({131070, 32768}));
  })
}

TEST(SimdKnownAnswer, NarrowExtendExtmul) {
  BOTH_PATHS({
    // Narrowing saturates signed inputs: to [-128, 127] or to [0, 255].
    EXPECT_V128(ns::I8x16NarrowI16x8S(i16({300, -300, 5}), i16({-1})), i8({127, -128, 5, 0, 0, 0, 0, 0, -1}));
    EXPECT_V128(ns::I8x16NarrowI16x8U(i16({300, -300, 255}), i16({256})), i8({-1, 0, -1, 0, 0, 0, 0, 0, -1}));
    EXPECT_V128(ns::I16x8NarrowI32x4U(i32({70000, -5, 65535}), i32({})), i16({-1, 0, -1}));
    EXPECT_V128(ns::I32x4ExtendHighI16x8S(i16({0, 0, 0, 0, -1, 2})), i32({-1, 2, 0, 0}));
    EXPECT_V128(ns::I32x4ExtendHighI16x8U(i16({0, 0, 0, 0, -1, 2})), i32({65535, 2, 0, 0}));
    EXPECT_V128(ns::I64x2ExtmulHighI32x4S(i32({0, 0, INT32_MIN, -1}), i32({0, 0, INT32_MIN, 2})),
                i64({int64_t(1) << 62, -2}));
    EXPECT_V128(ns::I64x2ExtmulLowI32x4U(u32({0xFFFFFFFF, 2}), u32({0xFFFFFFFF, 3})),
                u64({0xFFFFFFFE00000001ull, 6}));
    EXPECT_V128(ns::I16x8ExtmulLowI8x16S(i8({-128, 127}), i8({-128, -128})), i16({16384, -16256}));
  })
}

TEST(SimdKnownAnswer, AbsShiftsPopcnt) {
  BOTH_PATHS({
    EXPECT_V128(ns::I8x16Abs(i8({-128, -1, 5})), i8({-128, 1, 5}));  // abs(INT_MIN) wraps
    EXPECT_V128(ns::I64x2Abs(i64({INT64_MIN, -7})), i64({INT64_MIN, 7}));
    EXPECT_V128(ns::I8x16Shl(i8({1, -1}), 9), i8({2, -2}));  // counts mod 8
    EXPECT_V128(ns::I8x16ShrS(i8({-128, 64}), 7), i8({-1, 0}));
    EXPECT_V128(ns::I8x16ShrU(i8({-128, 64}), 15), i8({1, 0}));
    EXPECT_V128(ns::I16x8ShrS(i16({-32768}), 33), i16({-16384}));
    EXPECT_V128(ns::I64x2ShrS(i64({INT64_MIN, 8}), 65), i64({INT64_MIN / 2, 4}));
    EXPECT_V128(ns::I64x2ShrU(i64({INT64_MIN, 8}), 64), i64({INT64_MIN, 8}));
    EXPECT_V128(ns::I64x2Mul(u64({0xFFFFFFFFFFFFFFFFull, 0x100000001ull}), u64({3, 0x100000001ull})),
                u64({0xFFFFFFFFFFFFFFFDull, 0x200000001ull}));
    EXPECT_V128(ns::I8x16Popcnt(i8({-1, 0x55, 0, -128})), i8({8, 4, 0, 1}));
  })
}

TEST(SimdKnownAnswer, BooleanReductions) {
  BOTH_PATHS({
    EXPECT_EQ(ns::V128AnyTrue(i8({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})), 1u);
    EXPECT_EQ(ns::V128AnyTrue(V128{}), 0u);
    EXPECT_EQ(ns::I8x16AllTrue(ns::I8x16Splat(0x100)), 0u);  // splat truncates to 0
    EXPECT_EQ(ns::I16x8AllTrue(ns::I16x8Splat(0x10000 | 1)), 1u);
    EXPECT_EQ(ns::I64x2AllTrue(i64({1, 0})), 0u);
    EXPECT_EQ(ns::I8x16Bitmask(i8({-1, 0, -128, 127})), 0b0101u);
    EXPECT_EQ(ns::I16x8Bitmask(i16({0, -1, 0, 0, 0, 0, 0, -32768})), 0x82u);
    EXPECT_EQ(ns::I32x4Bitmask(i32({-1, 1, -1, 1})), 0b0101u);
    EXPECT_EQ(ns::I64x2Bitmask(i64({1, -1})), 0b10u);
  })
}

TEST(SimdKnownAnswer, SwizzleShuffleLanes) {
  BOTH_PATHS({
    V128 a = i8({10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25});
    V128 b = i8({30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45});
    EXPECT_V128(ns::I8x16Swizzle(a, i8({15, 16, -1, 0, -128, 17, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
                i8({25, 0, 0, 10, 0, 0, 11, 10, 10, 10, 10, 10, 10, 10, 10, 10}));
    EXPECT_V128(ns::I8x16Shuffle(a, b, i8({31, 0, 16, 15, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22})),
                i8({45, 10, 30, 25, 11, 31, 12, 32, 13, 33, 14, 34, 15, 35, 16, 36}));
    EXPECT_EQ(ns::I8x16ExtractLaneS(a, 0), 10u);
    EXPECT_EQ(ns::I8x16ExtractLaneS(i8({0, -128}), 1), 0xFFFFFF80u);
    EXPECT_EQ(ns::I8x16ExtractLaneU(i8({0, -128}), 1), 0x80u);
    EXPECT_EQ(ns::I16x8ExtractLaneS(i16({0, 0, -2}), 2), 0xFFFFFFFEu);
    EXPECT_V128(ns::I16x8ReplaceLane(V128{}, 0x12345, 7), i16({0, 0, 0, 0, 0, 0, 0, 0x2345}));
    EXPECT_V128(ns::F32x4ReplaceLane(V128{}, 0x7FA00001, 3), u32({0, 0, 0, 0x7FA00001}));  // payload kept
  })
}

TEST(SimdKnownAnswer, MemoryForms) {
  const uint8_t bytes[17] = {0, 0x80, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  const uint8_t* p = bytes + 1;  // unaligned on purpose
  BOTH_PATHS({
    EXPECT_V128(ns::V128Load8x8S(p), i16({-128, -1, 1, 2, 3, 4, 5, 6}));
    EXPECT_V128(ns::V128Load8x8U(p), i16({128, 255, 1, 2, 3, 4, 5, 6}));
    EXPECT_V128(ns::V128Load32x2S(p), i64({0x0201FF80, 0x06050403}));
    EXPECT_V128(ns::V128Load16Splat(p), i16({-128, -128, -128, -128, -128, -128, -128, -128}));
    EXPECT_V128(ns::V128Load32Zero(p), u32({0x0201FF80, 0, 0, 0}));
    EXPECT_V128(ns::V128Load16Lane(p, i16({1, 2, 3}), 2), i16({1, 2, -128}));
    uint8_t out[8] = {};
    ns::V128Store32Lane(out + 1, u32({1, 0xAABBCCDD}), 1);
    EXPECT_EQ(out[1], 0xDD);
    EXPECT_EQ(out[4], 0xAA);
    EXPECT_EQ(out[5], 0);
  })
}

TEST(SimdKnownAnswer, FloatMinMaxAndPseudo) {
  BOTH_PATHS({
    // simd_f32x4.wast: -0 < +0 for min/max, in either operand order; NaN wins.
    V128 zeros = u32({0, kNegZeroF32, 0, kNegZeroF32});
    V128 other = u32({kNegZeroF32, 0, 0, kNegZeroF32});
    EXPECT_V128(ns::F32x4Min(zeros, other), u32({kNegZeroF32, kNegZeroF32, 0, kNegZeroF32}));
    EXPECT_V128(ns::F32x4Max(zeros, other), u32({0, 0, 0, kNegZeroF32}));
    V128 r = ns::F32x4Min(u32({kNanF32, 0x3F800000, 0xFFC00000, kInfF32}), u32({0x3F800000, kNanF32, 0, kNanF32}));
    for (unsigned i = 0; i < 4; ++i) EXPECT_TRUE(simd::is_canonical_nan_f32(simd::lane<uint32_t>(r, i))) << i;
    r = ns::F32x4Max(u32({0x7FA00000, 0}), u32({0, 0xFF800001}));  // signalling NaNs: arithmetic result
    EXPECT_TRUE(simd::is_arithmetic_nan_f32(simd::lane<uint32_t>(r, 0)));
    EXPECT_TRUE(simd::is_arithmetic_nan_f32(simd::lane<uint32_t>(r, 1)));
    // pmin(a, b) = b < a ? b : a: NaN and zero lanes return a's bits exactly.
    EXPECT_V128(ns::F32x4Pmin(u32({0x7FA00001, 0, kNegZeroF32, 0x40000000}), u32({0x3F800000, kNegZeroF32, 0, 0x3F800000})),
                u32({0x7FA00001, 0, kNegZeroF32, 0x3F800000}));
    EXPECT_V128(ns::F64x2Pmax(u64({0, 0x3FF0000000000000}), u64({0x8000000000000000, 0x7FF8000000000001})),
                u64({0, 0x3FF0000000000000}));
  })
}

TEST(SimdKnownAnswer, FloatRoundingAndArithmetic) {
  BOTH_PATHS({
    // nearest rounds half to even and keeps the sign of zero; ceil(-0.5) is -0.
    EXPECT_V128(ns::F32x4Nearest(u32({0x3F000000, 0x3FC00000, 0x40200000, 0xBF000000})),
                u32({0, 0x40000000, 0x40000000, kNegZeroF32}));
    EXPECT_V128(ns::F32x4Ceil(u32({0xBF000000, 0x3F000001, 0x4B000001, kInfF32})),
                u32({kNegZeroF32, 0x3F800000, 0x4B000001, kInfF32}));
    EXPECT_V128(ns::F64x2Floor(u64({0xBFE0000000000000, 0x8000000000000000})), u64({0xBFF0000000000000, 0x8000000000000000}));
    EXPECT_V128(ns::F64x2Trunc(u64({0xC00C000000000000, 0x3FEFFFFFFFFFFFFF})), u64({0xC008000000000000, 0}));
    V128 r = ns::F32x4Sub(ns::F32x4Splat(kInfF32), ns::F32x4Splat(kInfF32));  // inf - inf
    EXPECT_TRUE(simd::is_canonical_nan_f32(simd::lane<uint32_t>(r, 0)));
    r = ns::F32x4Sqrt(u32({0xBF800000, 0x40800000}));
    EXPECT_TRUE(simd::is_canonical_nan_f32(simd::lane<uint32_t>(r, 0)));
    EXPECT_EQ(simd::lane<uint32_t>(r, 1), 0x40000000u);
    r = ns::F64x2Add(u64({0x7FF0000000000001, 0x7FF8000000000000}), u64({0, 0x3FF0000000000000}));
    EXPECT_TRUE(simd::is_arithmetic_nan_f64(simd::lane<uint64_t>(r, 0)));
    EXPECT_TRUE(simd::is_canonical_nan_f64(simd::lane<uint64_t>(r, 1)));
    EXPECT_V128(ns::F32x4Neg(u32({kNanF32, 0, 1, kNegZeroF32})), u32({0xFFC00000, kNegZeroF32, 0x80000001, 0}));  // sign bit only
    EXPECT_V128(ns::F32x4Abs(u32({0xFFA00001})), u32({0x7FA00001}));
    EXPECT_V128(ns::F32x4Lt(u32({kNanF32, 0, kNegZeroF32}), u32({0, kNanF32, 0})), u32({0, 0, 0}));
    EXPECT_V128(ns::F32x4Ne(u32({kNanF32, 0}), u32({kNanF32, kNegZeroF32})), u32({0xFFFFFFFF, 0}));
  })
}

TEST(SimdKnownAnswer, Conversions) {
  BOTH_PATHS({
    // trunc_sat: NaN -> 0, saturation at both ends, truncation toward zero.
    EXPECT_V128(ns::I32x4TruncSatF32x4S(u32({kNanF32, 0x4F000000, 0xCF000001, 0xBFF00000})),
                i32({0, INT32_MAX, INT32_MIN, -1}));
    EXPECT_V128(ns::I32x4TruncSatF32x4U(u32({0xFFC00000, 0x4F800000, 0xBF7FFFFF, 0x4F7FFFFF})),
                u32({0, 0xFFFFFFFF, 0, 0xFFFFFF00}));
    EXPECT_V128(ns::I32x4TruncSatF64x2SZero(u64({0x41DFFFFFFFE00000, 0xC1E0000000200000})),  // 2^31-0.5, -2^31-1
                i32({INT32_MAX, INT32_MIN, 0, 0}));
    EXPECT_V128(ns::I32x4TruncSatF64x2UZero(u64({0x41EFFFFFFFF00000, 0xFFF8000000000000})),  // 2^32-0.5, NaN
                u32({0xFFFFFFFF, 0, 0, 0}));
    // convert rounds to nearest even once: 0xFFFFFFFF -> 2^32; 16777217 -> 16777216.
    EXPECT_V128(ns::F32x4ConvertI32x4U(u32({0xFFFFFFFF, 16777217, 0x80000081, 0})),
                u32({0x4F800000, 0x4B800000, 0x4F000001, 0}));
    EXPECT_V128(ns::F32x4ConvertI32x4S(i32({-16777217, INT32_MIN})), u32({0xCB800000, 0xCF000000, 0, 0}));
    EXPECT_V128(ns::F64x2ConvertLowI32x4U(u32({0xFFFFFFFF, 1, 5, 5})), u64({0x41EFFFFFFFE00000, 0x3FF0000000000000}));
    EXPECT_V128(ns::F64x2ConvertLowI32x4S(i32({-1, INT32_MIN, 5, 5})), u64({0xBFF0000000000000, 0xC1E0000000000000}));
    // demote rounds to nearest even and overflows to infinity; the upper lanes are zero.
    EXPECT_V128(ns::F32x4DemoteF64x2Zero(u64({0x3FF0000010000000, 0x47EFFFFFF0000000})), u32({0x3F800000, kInfF32, 0, 0}));
    V128 r = ns::F32x4DemoteF64x2Zero(u64({0x7FF8000000000000, 0x7FF4000000000000}));
    EXPECT_TRUE(simd::is_canonical_nan_f32(simd::lane<uint32_t>(r, 0)));
    EXPECT_TRUE(simd::is_arithmetic_nan_f32(simd::lane<uint32_t>(r, 1)));
    EXPECT_V128(ns::F64x2PromoteLowF32x4(u32({0x00000001, kNegZeroF32, 7, 7})), u64({0x36A0000000000000, 0x8000000000000000}));
  })
}

// The build option reaches the code: MNEMO_SIMD=scalar selects scalar::, the default the host
// unit, which on x86-64 must be SSE4.1 (mnemo_simd adds -msse4.1).
TEST(SimdKnownAnswer, ActivePathFollowsTheBuildOption) {
#if defined(MNEMO_SIMD_SCALAR)
  EXPECT_STREQ(simd::kActiveKind, "scalar");
#else
  EXPECT_STREQ(simd::kActiveKind, simd::kHostKind);
#if defined(__x86_64__)
  EXPECT_STREQ(simd::kHostKind, "sse4.1");
#elif defined(__aarch64__)
  EXPECT_STREQ(simd::kHostKind, "neon");
#endif
#endif
  EXPECT_V128(simd::active::I32x4Add(i32({1, 2}), i32({3, -2})), i32({4, 0}));
}

}  // namespace
}  // namespace mnemo
