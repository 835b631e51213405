// tests/native/printer_numbers_test.cpp: exact float spelling and string escapes of the printer.
#include <gtest/gtest.h>

#include <bit>
#include <cstdlib>
#include <limits>

#include "core/text/numbers.h"
#include "core/text/print_numbers.h"

namespace mnemo {
namespace {

TEST(PrinterNumbers, F32Forms) {
  EXPECT_EQ(format_f32(std::bit_cast<uint32_t>(3.0f)), "0x1.8p+1");
  EXPECT_EQ(format_f32(std::bit_cast<uint32_t>(1.0f)), "0x1p+0");
  EXPECT_EQ(format_f32(std::bit_cast<uint32_t>(-0.5f)), "-0x1p-1");
  EXPECT_EQ(format_f32(0x00000000), "0x0p+0");
  EXPECT_EQ(format_f32(0x80000000), "-0x0p+0");
  EXPECT_EQ(format_f32(0x7F800000), "inf");
  EXPECT_EQ(format_f32(0xFF800000), "-inf");
  EXPECT_EQ(format_f32(0x7FC00000), "nan");
  EXPECT_EQ(format_f32(0xFFC00000), "-nan");
  EXPECT_EQ(format_f32(0x7FA00000), "nan:0x200000");
  EXPECT_EQ(format_f32(0xFF800001), "-nan:0x1");
  EXPECT_EQ(format_f32(0x7FFFFFFF), "nan:0x7fffff");
  EXPECT_EQ(format_f32(0x00000001), "0x0.000002p-126");  // smallest subnormal
  EXPECT_EQ(format_f32(0x007FFFFF), "0x0.fffffep-126");  // largest subnormal
  EXPECT_EQ(format_f32(0x00800000), "0x1p-126");         // smallest normal
  EXPECT_EQ(format_f32(0x7F7FFFFF), "0x1.fffffep+127");  // max
  EXPECT_EQ(format_f32(std::bit_cast<uint32_t>(0.1f)), "0x1.99999ap-4");
}

TEST(PrinterNumbers, F64Forms) {
  EXPECT_EQ(format_f64(std::bit_cast<uint64_t>(3.0)), "0x1.8p+1");
  EXPECT_EQ(format_f64(0x8000000000000000ull), "-0x0p+0");
  EXPECT_EQ(format_f64(0x7FF0000000000000ull), "inf");
  EXPECT_EQ(format_f64(0xFFF0000000000000ull), "-inf");
  EXPECT_EQ(format_f64(0x7FF8000000000000ull), "nan");
  EXPECT_EQ(format_f64(0xFFF8000000000000ull), "-nan");
  EXPECT_EQ(format_f64(0x7FF4000000000000ull), "nan:0x4000000000000");
  EXPECT_EQ(format_f64(0x0000000000000001ull), "0x0.0000000000001p-1022");
  EXPECT_EQ(format_f64(0x000FFFFFFFFFFFFFull), "0x0.fffffffffffffp-1022");
  EXPECT_EQ(format_f64(0x7FEFFFFFFFFFFFFFull), "0x1.fffffffffffffp+1023");
  EXPECT_EQ(format_f64(std::bit_cast<uint64_t>(0.1)), "0x1.999999999999ap-4");
  EXPECT_EQ(format_f64(std::bit_cast<uint64_t>(-1e300)), "-0x1.7e43c8800759cp+996");
}

// Every finite hex form reads back to the same bits through the C library's hex-float reader.
TEST(PrinterNumbers, HexFormsReadBackExactly) {
  const uint32_t f32s[] = {0x00000001, 0x00400000, 0x007FFFFF, 0x00800000, 0x3F800001,
                           0x7F7FFFFF, 0x80000001, 0xC0490FDB, 0x3DCCCCCD, 0x80000000};
  for (uint32_t bits : f32s) {
    std::string text = format_f32(bits);
    EXPECT_EQ(std::bit_cast<uint32_t>(std::strtof(text.c_str(), nullptr)), bits) << text;
  }
  const uint64_t f64s[] = {0x0000000000000001ull, 0x0008000000000000ull, 0x000FFFFFFFFFFFFFull,
                           0x3FF0000000000001ull, 0x7FEFFFFFFFFFFFFFull, 0xC00921FB54442D18ull,
                           0x8000000000000000ull, 0x0010000000000000ull};
  for (uint64_t bits : f64s) {
    std::string text = format_f64(bits);
    EXPECT_EQ(std::bit_cast<uint64_t>(std::strtod(text.c_str(), nullptr)), bits) << text;
  }
}

// Every bit pattern, NaN payloads and signs included, reads back through the text parser's own
// number reader. The patterns are a fixed pseudo-random walk plus the edges of each class.
TEST(PrinterNumbers, EveryFormReadsBackThroughTheTextParser) {
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::vector<uint64_t> patterns = {0, 1, 0x7FF0000000000000ull, 0x7FF8000000000000ull, 0xFFFFFFFFFFFFFFFFull,
                                    0x7F800001, 0xFF800000, 0x7FC00000, 0x807FFFFF};
  for (int i = 0; i < 20000; ++i) patterns.push_back(next());
  for (uint64_t bits : patterns) {
    const uint32_t b32 = uint32_t(bits);
    EXPECT_EQ(parse_f32(format_f32(b32)), std::optional<uint32_t>(b32)) << format_f32(b32);
    EXPECT_EQ(parse_f64(format_f64(bits)), std::optional<uint64_t>(bits)) << format_f64(bits);
    if (!decimal_f32(b32).empty()) {
      EXPECT_EQ(parse_f32(decimal_f32(b32)), std::optional<uint32_t>(b32)) << decimal_f32(b32);
    }
    if (!decimal_f64(bits).empty()) {
      EXPECT_EQ(parse_f64(decimal_f64(bits)), std::optional<uint64_t>(bits)) << decimal_f64(bits);
    }
  }
}

TEST(PrinterNumbers, ShortestDecimals) {
  EXPECT_EQ(decimal_f32(std::bit_cast<uint32_t>(3.0f)), "3");
  EXPECT_EQ(decimal_f32(std::bit_cast<uint32_t>(0.1f)), "0.1");
  EXPECT_EQ(decimal_f32(0x00000001), "1e-45");
  EXPECT_EQ(decimal_f32(0x7FC00000), "");
  EXPECT_EQ(decimal_f64(std::bit_cast<uint64_t>(0.1)), "0.1");
  EXPECT_EQ(decimal_f64(0xFFF0000000000000ull), "");
}

TEST(PrinterNumbers, StringEscapes) {
  std::string out;
  const uint8_t bytes[] = {0x00, 0x01, 'a', 'b', 'c', '"', '\\', '\n', 0x7F, 0x80, 0xFF, ' ', '~'};
  append_string_literal(out, std::span<const uint8_t>(bytes));
  EXPECT_EQ(out, R"("\00\01abc\22\5c\0a\7f\80\ff ~")");
}

}  // namespace
}  // namespace mnemo
