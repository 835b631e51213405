// core/text/wast_format.cpp: script values and result patterns as text for reports, in the
// script's own notation with exact float forms ("f32:0x1p+0", "v128:i32x4 1 2 3 4").
#include <cinttypes>
#include <cstdio>

#include "core/text/print_numbers.h"
#include "core/text/wast.h"

namespace mnemo {
namespace {

uint64_t lane_bits_of(const V128& v, LaneShape shape, unsigned lane) {
  const unsigned width = lane_bits(shape) / 8;
  uint64_t bits = 0;
  for (unsigned b = 0; b < width; ++b) bits |= uint64_t(v.bytes[lane * width + b]) << (8 * b);
  return bits;
}

// One number of `type` (or a lane of that width): integers signed-decimal, floats exact.
std::string number_text(ValType type, unsigned int_bits, uint64_t bits) {
  char buf[32];
  switch (type) {
    case ValType::F32: return format_f32(uint32_t(bits));
    case ValType::F64: return format_f64(bits);
    default: break;
  }
  int64_t value = int64_t(bits);
  if (int_bits < 64) {
    const uint64_t sign = uint64_t(1) << (int_bits - 1);
    value = int64_t((bits & ((sign << 1) - 1)) ^ sign) - int64_t(sign);
  }
  std::snprintf(buf, sizeof buf, "%" PRId64, value);
  return buf;
}

std::string pattern_text(ValType type, unsigned int_bits, const NumPattern& p) {
  if (p.nan == NanPattern::Canonical) return "nan:canonical";
  if (p.nan == NanPattern::Arithmetic) return "nan:arithmetic";
  return number_text(type, int_bits, p.bits);
}

ValType lane_value_type(LaneShape shape) {
  if (shape == LaneShape::F32x4) return ValType::F32;
  if (shape == LaneShape::F64x2) return ValType::F64;
  return ValType::I64;
}

std::string ref_kind(ValType t) { return t == ValType::FuncRef ? "func" : "extern"; }

}  // namespace

std::string describe(const Value& v) {
  switch (v.type) {
    case ValType::I32: return "i32:" + number_text(v.type, 32, v.bits);
    case ValType::I64: return "i64:" + number_text(v.type, 64, v.bits);
    case ValType::F32: return "f32:" + number_text(v.type, 32, v.bits);
    case ValType::F64: return "f64:" + number_text(v.type, 64, v.bits);
    case ValType::V128: {
      std::string out = "v128:i32x4";
      for (unsigned i = 0; i < 4; ++i) {
        char buf[16];
        std::snprintf(buf, sizeof buf, " 0x%08" PRIx64, lane_bits_of(v.v128, LaneShape::I32x4, i));
        out += buf;
      }
      return out;
    }
    case ValType::FuncRef:
      return v.is_null ? "ref.null func" : "ref.func";
    case ValType::ExternRef:
      return v.is_null ? "ref.null extern" : "ref.extern " + std::to_string(v.bits);
  }
  return "?";
}

std::string describe(const Expected& e) {
  switch (e.kind) {
    case Expected::Kind::Num: {
      unsigned bits = e.type == ValType::I64 || e.type == ValType::F64 ? 64 : 32;
      return std::string(to_string(e.type)) + ":" + pattern_text(e.type, bits, e.num);
    }
    case Expected::Kind::Vec: {
      std::string out = "v128:" + std::string(to_string(e.shape));
      for (const NumPattern& lane : e.lanes) out += " " + pattern_text(lane_value_type(e.shape), lane_bits(e.shape), lane);
      return out;
    }
    case Expected::Kind::RefNull: return e.any ? "ref.null" : "ref.null " + ref_kind(e.type);
    case Expected::Kind::RefFunc: return "ref.func";
    case Expected::Kind::RefExtern: return e.any ? "ref.extern" : "ref.extern " + std::to_string(e.num.bits);
    case Expected::Kind::Either: {
      std::string out = "either(";
      for (size_t i = 0; i < e.alternatives.size(); ++i) out += (i ? " | " : "") + describe(e.alternatives[i]);
      return out + ")";
    }
  }
  return "?";
}

}  // namespace mnemo
