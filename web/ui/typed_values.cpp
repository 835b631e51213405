// web/ui/typed_values.cpp: reading bytes as typed values and writing typed text back as bytes,
// for the debugger's typed inspector (typed_values.h).
#include "web/ui/typed_values.h"

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/bits.h"

namespace mnemo::ui {

namespace {

struct TypeInfo {
  InspectType type;
  const char* name;
  size_t size;        // bytes of the whole value
  size_t lane_bytes;  // bytes of one lane (= size for scalars; 1 for text)
  bool is_float;
  bool is_signed;     // integers: shown and range-checked as signed
};

constexpr TypeInfo kInfo[] = {
    {InspectType::I8, "i8", 1, 1, false, true},         {InspectType::U8, "u8", 1, 1, false, false},
    {InspectType::I16, "i16", 2, 2, false, true},       {InspectType::U16, "u16", 2, 2, false, false},
    {InspectType::I32, "i32", 4, 4, false, true},       {InspectType::U32, "u32", 4, 4, false, false},
    {InspectType::I64, "i64", 8, 8, false, true},       {InspectType::U64, "u64", 8, 8, false, false},
    {InspectType::F32, "f32", 4, 4, true, true},        {InspectType::F64, "f64", 8, 8, true, true},
    {InspectType::I8x16, "i8x16", 16, 1, false, true},  {InspectType::I16x8, "i16x8", 16, 2, false, true},
    {InspectType::I32x4, "i32x4", 16, 4, false, true},  {InspectType::I64x2, "i64x2", 16, 8, false, true},
    {InspectType::F32x4, "f32x4", 16, 4, true, true},   {InspectType::F64x2, "f64x2", 16, 8, true, true},
    {InspectType::Utf8, "utf8", kUtf8InspectBytes, 1, false, false},
};

const TypeInfo& info(InspectType type) { return kInfo[size_t(type)]; }

bool is_lanes(InspectType type) { return type >= InspectType::I8x16 && type <= InspectType::F64x2; }

uint64_t load_le(const uint8_t* bytes, size_t n) {
  uint64_t v = 0;
  for (size_t i = n; i-- > 0;) v = (v << 8) | bytes[i];
  return v;
}

void store_le(std::vector<uint8_t>& out, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

int64_t sign_extend(uint64_t v, size_t bytes) {
  if (bytes == 8) return int64_t(v);
  const unsigned shift = unsigned(64 - 8 * bytes);
  return int64_t(v << shift) >> shift;
}

std::string format_int(uint64_t bits, size_t bytes, bool is_signed) {
  char buf[32];
  if (is_signed) std::snprintf(buf, sizeof buf, "%" PRId64, sign_extend(bits, bytes));
  else std::snprintf(buf, sizeof buf, "%" PRIu64, bits);
  return buf;
}

std::string hex_text(uint64_t v, const char* prefix) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s0x%" PRIx64, prefix, v);
  return buf;
}

// The NaN and infinity spellings of the text format; finite values get the shortest decimal
// that reads back to the same float, so 0.1f shows as 0.1, not 0.100000001.
template <class Float, class Bits>
std::string format_float(Bits bits, int mantissa_bits, int max_digits) {
  const Bits frac_mask = (Bits(1) << mantissa_bits) - 1;
  const Bits exp_mask = Bits(~Bits(0) >> 1) & ~frac_mask;
  const bool negative = (bits >> (sizeof(Bits) * 8 - 1)) != 0;
  if ((bits & exp_mask) == exp_mask) {
    std::string out = negative ? "-" : "";
    const Bits frac = bits & frac_mask;
    if (frac == 0) return out + "inf";
    if (frac == Bits(1) << (mantissa_bits - 1)) return out + "nan";
    return out + hex_text(uint64_t(frac), "nan:");
  }
  const Float value = bit_cast<Float>(bits);
  char buf[48];
  for (int digits = 1; digits <= max_digits; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, double(value));
    const Float back = sizeof(Float) == 4 ? Float(std::strtof(buf, nullptr)) : Float(std::strtod(buf, nullptr));
    if (bit_cast<Bits>(back) == bits) break;
  }
  return buf;
}

// --- Parsing

std::string quoted(std::string_view word) { return "'" + std::string(word) + "'"; }

// "an i32", "a u8", "an f64 lane": the type as the error messages name it.
std::string type_phrase(std::string_view name, bool lane) {
  const std::string article = name[0] == 'u' ? "a " : "an ";
  return article + std::string(name) + (lane ? " lane" : "");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// An integer's sign and magnitude; Overflow when the magnitude needs more than 64 bits.
struct ParsedInt {
  enum class Status : uint8_t { Ok, NotANumber, Overflow } status = Status::NotANumber;
  bool negative = false;
  uint64_t magnitude = 0;
};

ParsedInt parse_int(std::string_view s) {
  ParsedInt r;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    r.negative = s.front() == '-';
    s.remove_prefix(1);
  }
  unsigned base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  if (s.empty()) return r;
  bool overflow = false;
  for (char c : s) {
    unsigned digit;
    if (c >= '0' && c <= '9') digit = unsigned(c - '0');
    else if (base == 16 && c >= 'a' && c <= 'f') digit = unsigned(c - 'a' + 10);
    else if (base == 16 && c >= 'A' && c <= 'F') digit = unsigned(c - 'A' + 10);
    else return r;  // NotANumber
    if (r.magnitude > (UINT64_MAX - digit) / base) overflow = true;
    else r.magnitude = r.magnitude * base + digit;
  }
  r.status = overflow ? ParsedInt::Status::Overflow : ParsedInt::Status::Ok;
  return r;
}

std::string range_text(bool negative_allowed, uint64_t min_magnitude, uint64_t max) {
  char buf[64];
  if (negative_allowed && min_magnitude) std::snprintf(buf, sizeof buf, "-%" PRIu64 " to %" PRIu64, min_magnitude, max);
  else std::snprintf(buf, sizeof buf, "0 to %" PRIu64, max);
  return buf;
}

// An integer of `bytes` bytes. Scalars take their own type's range; a lane takes the signed and
// the unsigned range together (-128 to 255 for an i8 lane), as v128.const does in the text format.
Result<uint64_t> parse_integer(std::string_view word, size_t bytes, bool is_signed, bool lane, const std::string& what) {
  const ParsedInt p = parse_int(word);
  if (p.status == ParsedInt::Status::NotANumber)
    return Error{"", quoted(word) + " is not " + what + ": type a decimal or 0x hex integer"};
  const uint64_t unsigned_max = bytes == 8 ? UINT64_MAX : (uint64_t(1) << (8 * bytes)) - 1;
  const uint64_t signed_max = unsigned_max >> 1;
  const uint64_t negative_limit = signed_max + 1;  // 128 for 8 bits
  const bool allow_negative = is_signed || lane;
  const uint64_t positive_limit = (is_signed && !lane) ? signed_max : unsigned_max;
  const bool in_range = p.status == ParsedInt::Status::Ok &&
                        (p.negative ? (p.magnitude == 0 || (allow_negative && p.magnitude <= negative_limit))
                                    : p.magnitude <= positive_limit);
  if (!in_range)
    return Error{"", quoted(word) + " is out of range for " + what + " (" +
                         range_text(allow_negative, negative_limit, positive_limit) + ")"};
  // Two's complement; the caller stores only the low `bytes` bytes.
  return p.negative ? ~p.magnitude + 1 : p.magnitude;
}

// A float's bits: decimal or hex through strtod/strtof (C locale), plus the text format's
// inf, nan and nan:0x<payload>.
template <class Float, class Bits>
Result<Bits> parse_float(std::string_view word, int mantissa_bits, const std::string& what) {
  std::string_view rest = word;
  bool negative = false;
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  const Bits sign = negative ? Bits(1) << (sizeof(Bits) * 8 - 1) : 0;
  const Bits frac_mask = (Bits(1) << mantissa_bits) - 1;
  const Bits exp_mask = Bits(~Bits(0) >> 1) & ~frac_mask;
  if (rest == "inf" || rest == "infinity") return Bits(sign | exp_mask);
  if (rest == "nan") return Bits(sign | exp_mask | (Bits(1) << (mantissa_bits - 1)));
  if (rest.substr(0, 4) == "nan:") {
    const ParsedInt payload = parse_int(rest.substr(4));
    if (rest.substr(4, 2) != "0x" || payload.status != ParsedInt::Status::Ok || payload.negative ||
        payload.magnitude == 0 || payload.magnitude > frac_mask)
      return Error{"", quoted(word) + " is not " + what + ": a NaN payload is nan:0x1 to " + hex_text(frac_mask, "nan:")};
    return Bits(sign | exp_mask | Bits(payload.magnitude));
  }
  // Only what a number is made of reaches strtod: it would also take "nan(...)", "INF" and more.
  const bool plausible = !rest.empty() && rest.find_first_not_of("0123456789abcdefABCDEFxXpP.+-") == std::string_view::npos;
  const std::string text(word);
  char* end = nullptr;
  errno = 0;
  const Float value = sizeof(Float) == 4 ? Float(std::strtof(text.c_str(), &end)) : Float(std::strtod(text.c_str(), &end));
  if (!plausible || end == text.c_str() || *end != '\0')
    return Error{"", quoted(word) + " is not " + what + ": type a number such as 1.5, -2e3 or 0x1p-4, or inf, nan"};
  if (errno == ERANGE && std::isinf(value))
    return Error{"", quoted(word) + " is out of range for " + what + " (its largest finite value is " +
                         (sizeof(Float) == 4 ? format_f32(0x7f7fffffu) : format_f64(0x7fefffffffffffffull)) + ")"};
  return bit_cast<Bits>(value);
}

Result<uint64_t> parse_scalar(std::string_view word, const TypeInfo& t, bool lane) {
  // A lane is named by its own type: "i8" of "i8x16".
  const std::string_view name(t.name);
  const std::string what = type_phrase(lane ? name.substr(0, name.find('x')) : name, lane);
  if (t.is_float) {
    if (t.lane_bytes == 4) {
      auto bits = parse_float<float, uint32_t>(word, 23, what);
      if (!bits) return bits.error();
      return uint64_t(*bits);
    }
    return parse_float<double, uint64_t>(word, 52, what);
  }
  return parse_integer(word, t.lane_bytes, t.is_signed, lane, what);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::vector<uint8_t>> encode_text(const std::string& text) {
  if (text.empty()) return Error{"", "no text to write (type \\0 for a NUL byte)"};
  std::vector<uint8_t> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out.push_back(uint8_t(text[i]));
      continue;
    }
    if (i + 1 == text.size()) return Error{"", "the text ends with a lone \\ (type \\\\ for a backslash)"};
    const char e = text[++i];
    switch (e) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case '0': out.push_back(0); break;
      case '\\': out.push_back('\\'); break;
      case 'x': {
        const int hi = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) return Error{"", "\\x at character " + std::to_string(i) + " needs two hex digits, as in \\x7f"};
        out.push_back(uint8_t(hi * 16 + lo));
        i += 2;
        break;
      }
      default:
        return Error{"", "'\\" + std::string(1, e) + "' is not an escape: use \\xNN, \\n, \\t, \\r, \\0 or \\\\"};
    }
  }
  return out;
}

}  // namespace

std::string_view inspect_type_name(InspectType type) { return info(type).name; }

std::optional<InspectType> inspect_type_from_name(std::string_view name) {
  for (const TypeInfo& t : kInfo)
    if (name == t.name) return t.type;
  return std::nullopt;
}

size_t inspect_type_size(InspectType type) { return info(type).size; }

std::string format_f32(uint32_t bits) { return format_float<float, uint32_t>(bits, 23, 9); }
std::string format_f64(uint64_t bits) { return format_float<double, uint64_t>(bits, 52, 17); }

Utf8Text decode_utf8(const uint8_t* bytes, size_t size) {
  Utf8Text r;
  char buf[8];
  size_t i = 0;
  while (i < size) {
    const uint8_t b = bytes[i];
    if (b == 0) {
      r.terminated = true;
      break;
    }
    if (b < 0x80) {
      if (b == '\n') r.text += "\\n";
      else if (b == '\t') r.text += "\\t";
      else if (b == '\r') r.text += "\\r";
      else if (b == '\\') r.text += "\\\\";
      else if (b < 0x20 || b == 0x7f) {
        std::snprintf(buf, sizeof buf, "\\x%02x", b);
        r.text += buf;
      } else {
        r.text += char(b);
      }
      ++i;
      continue;
    }
    // The well-formed sequences of Unicode's table 3-7: the second byte's range depends on the
    // first, which rules out overlong forms, surrogates and code points past U+10FFFF.
    size_t length = 0;
    uint8_t lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) length = 3;
    else if (b >= 0xf0 && b <= 0xf4) length = 4;
    if (b == 0xe0) lo = 0xa0;
    if (b == 0xed) hi = 0x9f;
    if (b == 0xf0) lo = 0x90;
    if (b == 0xf4) hi = 0x8f;
    bool valid = length != 0;
    bool cut_short = false;
    for (size_t k = 1; valid && k < length; ++k) {
      if (i + k >= size) {
        cut_short = true;
        valid = false;
        break;
      }
      const uint8_t c = bytes[i + k];
      const uint8_t min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xbf;
      if (c < min || c > max) valid = false;
    }
    // A sequence the read window cut off may continue in memory: the text stops before it.
    if (cut_short) break;
    if (valid) {
      r.text.append(reinterpret_cast<const char*>(bytes + i), length);
      i += length;
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02x", b);
      r.text += buf;
      ++r.invalid;
      ++i;
    }
  }
  r.bytes = i;
  return r;
}

std::optional<std::string> format_typed(InspectType type, const uint8_t* bytes, size_t available) {
  const TypeInfo& t = info(type);
  if (type == InspectType::Utf8) return decode_utf8(bytes, std::min(available, t.size)).text;
  if (available < t.size) return std::nullopt;
  std::string out;
  for (size_t at = 0; at < t.size; at += t.lane_bytes) {
    const uint64_t bits = load_le(bytes + at, t.lane_bytes);
    if (!out.empty()) out += ' ';
    if (t.is_float) out += t.lane_bytes == 4 ? format_f32(uint32_t(bits)) : format_f64(bits);
    else out += format_int(bits, t.lane_bytes, t.is_signed);
  }
  return out;
}

std::vector<TypedValue> inspect_bytes(const uint8_t* bytes, size_t available) {
  std::vector<TypedValue> values;
  for (InspectType type : kInspectTypes) values.push_back({type, format_typed(type, bytes, available)});
  return values;
}

Result<std::vector<uint8_t>> encode_typed(InspectType type, const std::string& text) {
  const TypeInfo& t = info(type);
  if (type == InspectType::Utf8) return encode_text(text);
  std::vector<uint8_t> out;
  if (!is_lanes(type)) {
    const std::string_view word = trim(text);
    if (word.empty()) return Error{"", std::string("no value typed for ") + t.name};
    auto bits = parse_scalar(word, t, false);
    if (!bits) return bits.error();
    store_le(out, *bits, t.size);
    return out;
  }
  std::vector<std::string_view> words;
  const std::string_view all(text);
  for (size_t i = 0; i < all.size();) {
    const size_t start = all.find_first_not_of(" \t\n\r,", i);
    if (start == std::string_view::npos) break;
    const size_t end = std::min(all.find_first_of(" \t\n\r,", start), all.size());
    words.push_back(all.substr(start, end - start));
    i = end;
  }
  const size_t lanes = t.size / t.lane_bytes;
  if (words.size() != lanes)
    return Error{"", std::string(t.name) + " takes " + std::to_string(lanes) + " lanes, " +
                         std::to_string(words.size()) + " given"};
  for (size_t lane = 0; lane < lanes; ++lane) {
    auto bits = parse_scalar(words[lane], t, true);
    if (!bits) return Error{"lane " + std::to_string(lane), bits.error().message};
    store_le(out, *bits, t.lane_bytes);
  }
  return out;
}

}  // namespace mnemo::ui
