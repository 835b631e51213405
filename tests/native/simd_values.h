// tests/native/simd_values.h: inputs for the SIMD tests: random vectors salted with the values
// where lane operations go wrong (zeros of both signs, infinities, NaNs with and without
// payloads, integer extremes, rounding ties), and readable dumps of vectors.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <string_view>

#include "core/module.h"
#include "core/simd/lanes.h"

namespace mnemo::simd_test {

inline constexpr uint32_t kF32Specials[] = {
    0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3F000000, 0xBF000000, 0x3FC00000, 0x40200000,
    0xC0200000, 0x3EFFFFFF, 0x4B7FFFFF, 0x4AFFFFFF, 0x4B000000, 0x4B000001, 0x7F800000, 0xFF800000,
    0x7FC00000, 0xFFC00000, 0x7FA00001, 0xFF800001, 0x7FC00001, 0xFFFFFFFF, 0x7FFFFFFF, 0x00000001,
    0x807FFFFF, 0x00800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x4F000000, 0xCF000000, 0x4F800000, 0x4F7FFFFF,
    0x4EFFFFFF, 0xCF000001, 0xBF7FFFFF, 0xBF800001, 0x3F7FFFFF, 0x5F000000, 0x4F800001, 0x7F000000};

inline constexpr uint64_t kF64Specials[] = {
    0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
    0x3FE0000000000000, 0xBFE0000000000000, 0x3FF8000000000000, 0x4004000000000000,
    0xC004000000000000, 0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000,
    0xFFF8000000000000, 0x7FF0000000000001, 0x7FF4000000000000, 0xFFF8000000000001,
    0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0x0000000000000001, 0x800FFFFFFFFFFFFF,
    0x7FEFFFFFFFFFFFFF, 0x41DFFFFFFFC00000, 0x41DFFFFFFFE00000, 0x41E0000000000000,
    0xC1E0000000000000, 0xC1E0000000200000, 0xC1E0000000100000, 0x41EFFFFFFFE00000,
    0x41EFFFFFFFF00000, 0x41F0000000000000, 0xBFEFFFFFFFFFFFFF, 0xBFF0000000000001,
    0x4330000000000000, 0x432FFFFFFFFFFFFF, 0x47EFFFFFE0000000, 0x47EFFFFFF0000000,
    0x3FF0000010000000, 0x3FF0000030000000, 0x36A0000000000000, 0x3690000000000000,
    0x380FFFFFF0000000, 0x3810000000000000, 0x4330000000000001, 0x3FDFFFFFFFFFFFFF};

inline constexpr uint64_t kIntSpecials[] = {
    0, 1, 2, 0x7F, 0x80, 0x81, 0xFF, 0x7FFF, 0x8000, 0x8001, 0xFFFF, 0x7FFFFFFF, 0x80000000,
    0x80000001, 0xFFFFFFFF, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF,
    0xFFFFFFFFFFFFFF80, 0xFFFFFFFFFFFF8000, 0xFFFFFFFF80000000, 0x0101010101010101};

// The float shape an op reads: the last fNNxM in its text ("f32x4.demote_f64x2_zero" -> 8).
inline unsigned float_input_width(std::string_view text) {
  size_t f32 = text.rfind("f32x4"), f64 = text.rfind("f64x2");
  if (f32 == std::string_view::npos && f64 == std::string_view::npos) return 0;
  if (f32 == std::string_view::npos) return 8;
  if (f64 == std::string_view::npos) return 4;
  return f64 > f32 ? 8 : 4;
}

inline bool is_nan_at(const V128& v, unsigned offset, unsigned width) {
  if (width == 4) {
    uint32_t b;
    std::memcpy(&b, &v.bytes[offset], 4);
    return simd::is_nan_f32(b);
  }
  uint64_t b;
  std::memcpy(&b, &v.bytes[offset], 8);
  return simd::is_nan_f64(b);
}

inline bool is_canonical_at(const V128& v, unsigned offset, unsigned width) {
  if (width == 4) {
    uint32_t b;
    std::memcpy(&b, &v.bytes[offset], 4);
    return simd::is_canonical_nan_f32(b);
  }
  uint64_t b;
  std::memcpy(&b, &v.bytes[offset], 8);
  return simd::is_canonical_nan_f64(b);
}

inline std::string hex(const V128& v) {
  std::string s;
  char buf[8];
  for (unsigned i = 0; i < 16; ++i) {
    std::snprintf(buf, sizeof buf, "%s%02x", i && i % 4 == 0 ? "_" : "", v.bytes[i]);
    s += buf;
  }
  return s;
}

inline std::string describe(const V128& v) { return "v128:" + hex(v); }
inline std::string describe(uint32_t x) { return "u32:" + std::to_string(x); }
inline std::string describe(uint64_t x) { return "u64:" + std::to_string(x); }
inline std::string describe(uint8_t x) { return "lane:" + std::to_string(x); }
inline std::string describe(const uint8_t* p) { return p ? "mem:" + hex(simd::load_v128(p)) : "mem"; }
inline std::string describe(uint8_t*) { return "out"; }

// Deterministic input generator. `float hint` favours the specials of one float width; in
// canonical-only mode every NaN it produces at that width is a canonical one.
class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  void set_float_hint(unsigned width) { float_hint_ = width; }
  void set_canonical_only(bool on) { canonical_only_ = on; }
  bool canonical_only() const { return canonical_only_; }

  uint64_t next() { return rng_(); }

  V128 vector() {
    V128 v;
    unsigned width = pick_width();
    for (unsigned off = 0; off < 16; off += width) {
      uint64_t x = lane_value(width);
      std::memcpy(&v.bytes[off], &x, width);
    }
    if (canonical_only_) canonicalize(v);
    return v;
  }

  V128 shuffle_lanes() {
    V128 v;
    for (auto& b : v.bytes) b = uint8_t(next() % 32);
    return v;
  }

  // i32 operands: shift counts (around the lane widths), splat values, f32 bit patterns.
  uint32_t scalar32() {
    uint32_t x;
    switch (next() % 4) {
      case 0: x = uint32_t(next() % 130); break;
      case 1: x = uint32_t(kIntSpecials[next() % std::size(kIntSpecials)]); break;
      case 2: x = kF32Specials[next() % std::size(kF32Specials)]; break;
      default: x = uint32_t(next()); break;
    }
    return canonical_only_ && float_hint_ == 4 ? canonical32(x) : x;
  }

  uint64_t scalar64() {
    uint64_t x;
    switch (next() % 3) {
      case 0: x = kIntSpecials[next() % std::size(kIntSpecials)]; break;
      case 1: x = kF64Specials[next() % std::size(kF64Specials)]; break;
      default: x = next(); break;
    }
    return canonical_only_ && float_hint_ == 8 ? canonical64(x) : x;
  }

 private:
  unsigned pick_width() {
    if (float_hint_ && next() % 4 != 0) return float_hint_;
    static constexpr unsigned widths[] = {1, 2, 4, 8};
    return widths[next() % 4];
  }

  uint64_t lane_value(unsigned width) {
    uint64_t r = next();
    switch (next() % 3) {
      case 0: return r;
      case 1:
        if (width == 4) return kF32Specials[r % std::size(kF32Specials)];
        if (width == 8) return kF64Specials[r % std::size(kF64Specials)];
        return kIntSpecials[r % std::size(kIntSpecials)];
      default:
        return kIntSpecials[r % std::size(kIntSpecials)];
    }
  }

  static uint32_t canonical32(uint32_t b) {
    return simd::is_nan_f32(b) ? (b & simd::kF32SignBit) | simd::kF32CanonicalNan : b;
  }

  static uint64_t canonical64(uint64_t b) {
    return simd::is_nan_f64(b) ? (b & simd::kF64SignBit) | simd::kF64CanonicalNan : b;
  }

  void canonicalize(V128& v) const {
    for (unsigned off = 0; float_hint_ == 4 && off < 16; off += 4)
      simd::set_lane<uint32_t>(v, off / 4, canonical32(simd::lane<uint32_t>(v, off / 4)));
    for (unsigned off = 0; float_hint_ == 8 && off < 16; off += 8)
      simd::set_lane<uint64_t>(v, off / 8, canonical64(simd::lane<uint64_t>(v, off / 8)));
  }

  std::mt19937_64 rng_;
  unsigned float_hint_ = 0;
  bool canonical_only_ = false;
};

}  // namespace mnemo::simd_test
