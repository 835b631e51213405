// core/text/print_numbers.cpp: hex-float and NaN spelling of float bit patterns, and string escapes.
#include "core/text/print_numbers.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "core/bits.h"

namespace mnemo {
namespace {

// The layout of an IEEE 754 binary format: mantissa bits, exponent bits and bias.
struct FloatLayout {
  int mantissa_bits;
  int exponent_bits;
  int bias;
};
constexpr FloatLayout kF32{23, 8, 127};
constexpr FloatLayout kF64{52, 11, 1023};

void append_hex(std::string& out, uint64_t value) {
  char buf[17];
  auto r = std::to_chars(buf, buf + sizeof buf, value, 16);
  out.append(buf, r.ptr);
}

// Spec 6.3.2: hexfloat ::= '0x' hexnum '.'? hexfrac? 'p' sign? num, and 'nan:0x' payload.
std::string format_float(uint64_t bits, const FloatLayout& f) {
  const int total = 1 + f.exponent_bits + f.mantissa_bits;
  const bool negative = (bits >> (total - 1)) & 1;
  const uint64_t exp_max = (uint64_t(1) << f.exponent_bits) - 1;
  const uint64_t exponent = (bits >> f.mantissa_bits) & exp_max;
  const uint64_t mantissa = bits & ((uint64_t(1) << f.mantissa_bits) - 1);
  std::string out = negative ? "-" : "";
  if (exponent == exp_max) {
    if (mantissa == 0) return out + "inf";
    out += "nan";
    // The canonical NaN has only the top mantissa bit set (spec 4.3.3); others carry their payload.
    if (mantissa != uint64_t(1) << (f.mantissa_bits - 1)) {
      out += ":0x";
      append_hex(out, mantissa);
    }
    return out;
  }
  if (exponent == 0 && mantissa == 0) return out + "0x0p+0";
  // Left-align the mantissa to whole hex digits, then drop trailing zero digits.
  const int digits = (f.mantissa_bits + 3) / 4;
  uint64_t frac = mantissa << (digits * 4 - f.mantissa_bits);
  int kept = digits;
  while (kept > 0 && (frac & 0xF) == 0) {
    frac >>= 4;
    --kept;
  }
  // Subnormals keep the form 0x0.<frac>p<emin>, normals 0x1.<frac>p<e>.
  const int64_t e = exponent == 0 ? 1 - f.bias : int64_t(exponent) - f.bias;
  out += exponent == 0 ? "0x0" : "0x1";
  if (kept > 0) {
    out += '.';
    std::string hex;
    append_hex(hex, frac);
    out.append(size_t(kept) - hex.size(), '0');
    out += hex;
  }
  out += 'p';
  out += e < 0 ? '-' : '+';
  out += std::to_string(e < 0 ? -e : e);
  return out;
}

// The shortest %g text that reads back as the same value. (Float std::to_chars would do, but the
// libc++ of Debian's Emscripten lacks it.)
template <class Float>
std::string shortest_decimal(Float value) {
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, double(value));
    Float back;
    if constexpr (sizeof(Float) == 4) {
      back = std::strtof(buf, nullptr);
    } else {
      back = std::strtod(buf, nullptr);
    }
    if (back == value) break;
  }
  return buf;
}

}  // namespace

std::string format_f32(uint32_t bits) { return format_float(bits, kF32); }
std::string format_f64(uint64_t bits) { return format_float(bits, kF64); }

std::string decimal_f32(uint32_t bits) {
  if (((bits >> 23) & 0xFF) == 0xFF) return {};
  return shortest_decimal(bit_cast<float>(bits));
}

std::string decimal_f64(uint64_t bits) {
  if (((bits >> 52) & 0x7FF) == 0x7FF) return {};
  return shortest_decimal(bit_cast<double>(bits));
}

void append_string_literal(std::string& out, std::span<const uint8_t> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + bytes.size() + 2);
  out += '"';
  for (uint8_t b : bytes) {
    if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
      out += char(b);
    } else {
      out += '\\';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  out += '"';
}

void append_string_literal(std::string& out, std::string_view bytes) {
  append_string_literal(out, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

}  // namespace mnemo
