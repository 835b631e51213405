// core/script/match.cpp: comparing results with assert_return's patterns, lane by lane for v128.
#include "core/script/match.h"

namespace mnemo {
namespace {

uint64_t width_mask(unsigned bits) { return bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1; }

// One number (or lane) of `bits` width against a pattern; `is_float` allows the NaN patterns.
bool number_matches(const NumPattern& p, uint64_t value, unsigned bits, bool is_float) {
  if (p.nan != NanPattern::None) {
    if (!is_float) return false;
    if (bits == 32) {
      uint32_t v = uint32_t(value);
      return p.nan == NanPattern::Canonical ? is_canonical_nan_f32(v) : is_arithmetic_nan_f32(v);
    }
    return p.nan == NanPattern::Canonical ? is_canonical_nan_f64(value) : is_arithmetic_nan_f64(value);
  }
  return (p.bits & width_mask(bits)) == (value & width_mask(bits));
}

uint64_t lane_of(const V128& v, unsigned width_bytes, unsigned lane) {
  uint64_t bits = 0;
  for (unsigned b = 0; b < width_bytes; ++b) bits |= uint64_t(v.bytes[lane * width_bytes + b]) << (8 * b);
  return bits;
}

}  // namespace

bool is_canonical_nan_f32(uint32_t bits) { return (bits & 0x7FFFFFFFu) == 0x7FC00000u; }
bool is_arithmetic_nan_f32(uint32_t bits) { return (bits & 0x7FC00000u) == 0x7FC00000u; }
bool is_canonical_nan_f64(uint64_t bits) { return (bits & 0x7FFFFFFFFFFFFFFFull) == 0x7FF8000000000000ull; }
bool is_arithmetic_nan_f64(uint64_t bits) { return (bits & 0x7FF8000000000000ull) == 0x7FF8000000000000ull; }

bool matches(const Expected& e, const Value& v) {
  switch (e.kind) {
    case Expected::Kind::Num: {
      if (v.type != e.type) return false;
      const unsigned bits = e.type == ValType::I64 || e.type == ValType::F64 ? 64 : 32;
      return number_matches(e.num, v.bits, bits, e.type == ValType::F32 || e.type == ValType::F64);
    }
    case Expected::Kind::Vec: {
      if (v.type != ValType::V128 || e.lanes.size() != lane_count(e.shape)) return false;
      const unsigned bits = lane_bits(e.shape);
      for (unsigned i = 0; i < e.lanes.size(); ++i)
        if (!number_matches(e.lanes[i], lane_of(v.v128, bits / 8, i), bits, is_float_shape(e.shape))) return false;
      return true;
    }
    case Expected::Kind::RefNull:
      return is_ref(v.type) && v.is_null && (e.any || v.type == e.type);
    case Expected::Kind::RefFunc:
      return v.type == ValType::FuncRef && !v.is_null;
    case Expected::Kind::RefExtern:
      return v.type == ValType::ExternRef && !v.is_null && (e.any || v.bits == e.num.bits);
    case Expected::Kind::Either:
      for (const Expected& alt : e.alternatives)
        if (matches(alt, v)) return true;
      return false;
  }
  return false;
}

bool matches(const std::vector<Expected>& expected, const std::vector<Value>& values) {
  if (expected.size() != values.size()) return false;
  for (size_t i = 0; i < values.size(); ++i)
    if (!matches(expected[i], values[i])) return false;
  return true;
}

}  // namespace mnemo
