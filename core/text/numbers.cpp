// core/text/numbers.cpp: exact parsing of the text format's numeric literals. Decimal and hex
// floats are rounded once, to nearest-even, by the C library's strtof/strtod (correctly rounded in
// glibc and musl); the grammar (digits, `_` placement) is checked here first.
#include "numbers.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

namespace mnemo {
namespace {

bool is_digit(char c, bool hex) {
  if (c >= '0' && c <= '9') return true;
  return hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Consumes `digit ('_'? digit)*` from text[i...]; returns false when there is none or a `_` is
// misplaced. Appends the digits (without `_`) to `out`.
bool scan_digits(std::string_view t, size_t& i, bool hex, std::string& out) {
  if (i >= t.size() || !is_digit(t[i], hex)) return false;
  while (i < t.size()) {
    if (is_digit(t[i], hex)) {
      out += t[i++];
    } else if (t[i] == '_' && i + 1 < t.size() && is_digit(t[i + 1], hex)) {
      ++i;
    } else {
      break;
    }
  }
  return true;
}

// Magnitude of an unsigned literal (decimal or 0x hex), saturating detection of overflow.
std::optional<uint64_t> parse_magnitude(std::string_view t) {
  bool hex = t.size() > 2 && t[0] == '0' && t[1] == 'x';
  size_t i = hex ? 2 : 0;
  std::string digits;
  if (!scan_digits(t, i, hex, digits) || i != t.size()) return std::nullopt;
  uint64_t value = 0;
  const uint64_t base = hex ? 16 : 10;
  for (char c : digits) {
    uint64_t d = uint64_t(digit_value(c));
    if (value > (UINT64_MAX - d) / base) return std::nullopt;
    value = value * base + d;
  }
  return value;
}

template <class Float, class Bits>
std::optional<Bits> parse_float(std::string_view t) {
  constexpr unsigned kMantBits = sizeof(Float) == 4 ? 23 : 52;
  constexpr Bits kExpMask = sizeof(Float) == 4 ? Bits(0xFF) << 23 : Bits(0x7FF) << 52;
  constexpr Bits kSign = Bits(1) << (sizeof(Float) * 8 - 1);
  bool negative = false;
  size_t i = 0;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    negative = t[0] == '-';
    i = 1;
  }
  std::string_view body = t.substr(i);
  Bits sign = negative ? kSign : 0;
  if (body == "inf") return sign | kExpMask;
  if (body == "nan") return sign | kExpMask | (Bits(1) << (kMantBits - 1));
  if (body.substr(0, 6) == "nan:0x") {
    std::string digits;
    size_t j = 6;
    if (!scan_digits(body, j, true, digits) || j != body.size()) return std::nullopt;
    Bits payload = 0;
    for (char c : digits) {
      if (payload >> (kMantBits - 4)) return std::nullopt;  // would exceed the mantissa
      payload = payload * 16 + Bits(digit_value(c));
    }
    if (payload == 0 || payload >> kMantBits) return std::nullopt;
    return sign | kExpMask | payload;
  }
  // Rebuild the literal without `_`, checking the grammar of spec 6.3.2 on the way.
  bool hex = body.size() > 2 && body[0] == '0' && body[1] == 'x';
  size_t j = hex ? 2 : 0;
  std::string clean = hex ? "0x" : "";
  if (!scan_digits(body, j, hex, clean)) return std::nullopt;
  if (j < body.size() && body[j] == '.') {
    clean += '.';
    ++j;
    if (j < body.size() && is_digit(body[j], hex) && !scan_digits(body, j, hex, clean)) return std::nullopt;
  }
  if (j < body.size() && (hex ? (body[j] == 'p' || body[j] == 'P') : (body[j] == 'e' || body[j] == 'E'))) {
    clean += hex ? 'p' : 'e';
    ++j;
    if (j < body.size() && (body[j] == '+' || body[j] == '-')) clean += body[j++];
    if (!scan_digits(body, j, false, clean)) return std::nullopt;
  }
  if (j != body.size()) return std::nullopt;
  errno = 0;
  Float value;
  if constexpr (sizeof(Float) == 4) {
    value = std::strtof(clean.c_str(), nullptr);
  } else {
    value = std::strtod(clean.c_str(), nullptr);
  }
  if (std::isinf(value)) return std::nullopt;  // rounds past the largest finite value
  Bits bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits | sign;
}

}  // namespace

std::optional<uint64_t> parse_unsigned(std::string_view t, unsigned bits) {
  auto value = parse_magnitude(t);
  if (!value) return std::nullopt;
  if (bits < 64 && *value >> bits) return std::nullopt;
  return value;
}

std::optional<uint64_t> parse_int(std::string_view t, unsigned bits) {
  bool negative = !t.empty() && t[0] == '-';
  bool has_sign = !t.empty() && (t[0] == '-' || t[0] == '+');
  auto magnitude = parse_magnitude(has_sign ? t.substr(1) : t);
  if (!magnitude) return std::nullopt;
  const uint64_t mask = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  if (negative) {
    // -2^(bits-1) is the most negative value.
    if (*magnitude > (uint64_t(1) << (bits - 1))) return std::nullopt;
    return (~*magnitude + 1) & mask;
  }
  if (*magnitude > mask) return std::nullopt;
  return *magnitude;
}

std::optional<uint32_t> parse_f32(std::string_view t) { return parse_float<float, uint32_t>(t); }
std::optional<uint64_t> parse_f64(std::string_view t) { return parse_float<double, uint64_t>(t); }

}  // namespace mnemo
