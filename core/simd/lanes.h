// core/simd/lanes.h: lane access on V128 values and the float bit-pattern facts (NaN classes,
// canonical NaNs) that both SIMD paths share.
//
// A V128 holds lane i at bytes[i * sizeof(lane)], little-endian (spec 4.2.6 / 5.2.3). Every
// target mnemo builds for (x86-64, ARM64, Wasm) is little-endian, so a lane is one memcpy.
#pragma once

#include <cstdint>
#include <cstring>

#include "core/bits.h"
#include "core/module.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "core/simd assumes a little-endian host (lanes are read with memcpy)"
#endif

namespace mnemo::simd {

inline constexpr uint32_t kF32SignBit = 0x80000000u;
inline constexpr uint32_t kF32ExpMask = 0x7F800000u;
inline constexpr uint32_t kF32QuietBit = 0x00400000u;
inline constexpr uint32_t kF32CanonicalNan = 0x7FC00000u;  // spec 4.3.3: +nan(canon_32)
inline constexpr uint64_t kF64SignBit = 0x8000000000000000ull;
inline constexpr uint64_t kF64ExpMask = 0x7FF0000000000000ull;
inline constexpr uint64_t kF64QuietBit = 0x0008000000000000ull;
inline constexpr uint64_t kF64CanonicalNan = 0x7FF8000000000000ull;

// The number of lanes of element type T; lane indices are masked with kLanes<T> - 1 so that a
// wrong immediate can never reach outside the 16 bytes (the validator rejects such immediates).
template <class T>
inline constexpr unsigned kLanes = 16 / sizeof(T);

template <class T>
inline T lane(const V128& v, unsigned i) {
  T t;
  std::memcpy(&t, v.bytes.data() + (i & (kLanes<T> - 1)) * sizeof(T), sizeof(T));
  return t;
}

template <class T>
inline void set_lane(V128& v, unsigned i, T t) {
  std::memcpy(v.bytes.data() + (i & (kLanes<T> - 1)) * sizeof(T), &t, sizeof(T));
}

// Unaligned little-endian reads and writes of guest memory (p was bounds-checked by the VM).
template <class T>
inline T load(const uint8_t* p) {
  T t;
  std::memcpy(&t, p, sizeof(T));
  return t;
}

template <class T>
inline void store(uint8_t* p, T t) {
  std::memcpy(p, &t, sizeof(T));
}

inline V128 load_v128(const uint8_t* p) {
  V128 v;
  std::memcpy(v.bytes.data(), p, 16);
  return v;
}

// Float classes on bit patterns (spec 4.3.3): a canonical NaN has only the quiet bit set in its
// payload, an arithmetic NaN has at least the quiet bit set; the sign is free in both.
inline bool is_nan_f32(uint32_t b) { return (b & ~kF32SignBit) > kF32ExpMask; }
inline bool is_nan_f64(uint64_t b) { return (b & ~kF64SignBit) > kF64ExpMask; }
inline bool is_canonical_nan_f32(uint32_t b) { return (b & ~kF32SignBit) == kF32CanonicalNan; }
inline bool is_canonical_nan_f64(uint64_t b) { return (b & ~kF64SignBit) == kF64CanonicalNan; }
inline bool is_arithmetic_nan_f32(uint32_t b) { return (b & (kF32ExpMask | kF32QuietBit)) == (kF32ExpMask | kF32QuietBit); }
inline bool is_arithmetic_nan_f64(uint64_t b) { return (b & (kF64ExpMask | kF64QuietBit)) == (kF64ExpMask | kF64QuietBit); }

inline float f32_of(uint32_t b) { return bit_cast<float>(b); }
inline double f64_of(uint64_t b) { return bit_cast<double>(b); }
inline uint32_t bits_of(float f) { return bit_cast<uint32_t>(f); }
inline uint64_t bits_of(double d) { return bit_cast<uint64_t>(d); }

}  // namespace mnemo::simd
