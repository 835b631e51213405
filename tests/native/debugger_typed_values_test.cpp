// tests/native/debugger_typed_values_test.cpp: the typed inspector's logic (web/ui/typed_values.h):
// bytes read as every integer and float width little-endian, as v128 lanes and as UTF-8 (invalid
// sequences escaped), and edited text turned back into bytes with clear errors.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "web/ui/typed_values.h"

namespace mnemo::ui {
namespace {

std::string text_of(InspectType type, const std::vector<uint8_t>& bytes) {
  auto text = format_typed(type, bytes.data(), bytes.size());
  return text ? *text : "<none>";
}

std::vector<uint8_t> encoded(InspectType type, const std::string& text) {
  auto bytes = encode_typed(type, text);
  EXPECT_TRUE(bytes) << text << ": " << bytes.error().str();
  return bytes ? *bytes : std::vector<uint8_t>{};
}

std::string error_of(InspectType type, const std::string& text) {
  auto bytes = encode_typed(type, text);
  EXPECT_FALSE(bytes) << "'" << text << "' was accepted as " << inspect_type_name(type);
  return bytes ? std::string() : bytes.error().str();
}

TEST(TypedValues, IntegersAreLittleEndianSignedAndUnsigned) {
  const std::vector<uint8_t> b = {0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
  EXPECT_EQ(text_of(InspectType::I8, b), "-2");
  EXPECT_EQ(text_of(InspectType::U8, b), "254");
  EXPECT_EQ(text_of(InspectType::I16, b), "-2");
  EXPECT_EQ(text_of(InspectType::U16, b), "65534");
  EXPECT_EQ(text_of(InspectType::I32, b), "-2");
  EXPECT_EQ(text_of(InspectType::U32, b), "4294967294");
  EXPECT_EQ(text_of(InspectType::I64, b), "9223372036854775806");
  EXPECT_EQ(text_of(InspectType::U64, b), "9223372036854775806");
  const std::vector<uint8_t> age = {0x24, 0x00, 0x00, 0x00};  // the copy example's record: age 36
  EXPECT_EQ(text_of(InspectType::I32, age), "36");
  EXPECT_EQ(text_of(InspectType::I16, {0x34, 0x12}), "4660");  // 0x1234: low byte first
}

TEST(TypedValues, ValuesThatRunPastTheEndHaveNoText) {
  const std::vector<uint8_t> three = {1, 2, 3};
  EXPECT_EQ(text_of(InspectType::U16, three), "513");
  EXPECT_FALSE(format_typed(InspectType::I32, three.data(), three.size()));
  EXPECT_FALSE(format_typed(InspectType::F64, three.data(), three.size()));
  EXPECT_FALSE(format_typed(InspectType::I8x16, three.data(), three.size()));
  const auto all = inspect_bytes(three.data(), three.size());
  ASSERT_EQ(all.size(), kInspectTypes.size());
  EXPECT_EQ(all[0].type, InspectType::I8);
  EXPECT_EQ(*all[0].text, "1");
  EXPECT_FALSE(all[4].text);  // i32
  EXPECT_EQ(all.back().type, InspectType::Utf8);
  EXPECT_EQ(*all.back().text, "\\x01\\x02\\x03");
}

TEST(TypedValues, FloatsReadBackToTheSameBitsAndNameNaNsAndInfinities) {
  EXPECT_EQ(format_f32(0x3dcccccdu), "0.1");  // not 0.100000001
  EXPECT_EQ(format_f32(0x3fc00000u), "1.5");
  EXPECT_EQ(format_f32(0x80000000u), "-0");
  EXPECT_EQ(format_f32(0x7f800000u), "inf");
  EXPECT_EQ(format_f32(0xff800000u), "-inf");
  EXPECT_EQ(format_f32(0x7fc00000u), "nan");
  EXPECT_EQ(format_f32(0xffc00000u), "-nan");
  EXPECT_EQ(format_f32(0x7f800001u), "nan:0x1");
  EXPECT_EQ(format_f64(0x3fb999999999999aull), "0.1");
  EXPECT_EQ(format_f64(0x7ff8000000000000ull), "nan");
  EXPECT_EQ(format_f64(0x7ff0000000000123ull), "nan:0x123");
  EXPECT_EQ(format_f64(0x0000000000000001ull), "5e-324");
  // Every float the inspector shows reads back to its own bits.
  for (uint32_t bits : {0x00000001u, 0x007fffffu, 0x3f800001u, 0x7f7fffffu, 0xc2f6e979u}) {
    auto back = encode_typed(InspectType::F32, format_f32(bits));
    ASSERT_TRUE(back) << format_f32(bits);
    uint32_t got;
    std::memcpy(&got, back->data(), 4);
    EXPECT_EQ(got, bits) << format_f32(bits);
  }
  EXPECT_EQ(text_of(InspectType::F32, {0x00, 0x00, 0xc0, 0x3f}), "1.5");
  EXPECT_EQ(text_of(InspectType::F64, {0, 0, 0, 0, 0, 0, 0xf8, 0x3f}), "1.5");
}

TEST(TypedValues, V128LanesInEveryShape) {
  std::vector<uint8_t> v(16);
  for (int i = 0; i < 16; ++i) v[i] = uint8_t(i == 0 ? 0xff : i);
  EXPECT_EQ(text_of(InspectType::I8x16, v), "-1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15");
  EXPECT_EQ(text_of(InspectType::I16x8, v), "511 770 1284 1798 2312 2826 3340 3854");
  EXPECT_EQ(text_of(InspectType::I32x4, v), "50463231 117835012 185207048 252579084");
  EXPECT_EQ(text_of(InspectType::I64x2, v), "506097522914230783 1084818905618843912");
  const std::vector<uint8_t> floats = {0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0, 0, 0, 0xc0, 0x7f, 0, 0, 0x80, 0xff};
  EXPECT_EQ(text_of(InspectType::F32x4, floats), "1 -2 nan -inf");
  std::vector<uint8_t> doubles(16);
  doubles[7] = 0x3f, doubles[6] = 0xf0;                     // 1.0
  doubles[15] = 0xc0, doubles[14] = 0x04;                   // -2.5
  EXPECT_EQ(text_of(InspectType::F64x2, doubles), "1 -2.5");
}

TEST(TypedValues, Utf8DecodesTextUpToTheFirstNul) {
  const std::string record = "Ada Lovelace$";
  std::vector<uint8_t> b(record.begin(), record.end());
  b.push_back(0);
  b.push_back('x');
  const Utf8Text t = decode_utf8(b.data(), b.size());
  EXPECT_EQ(t.text, "Ada Lovelace$");
  EXPECT_EQ(t.bytes, 13u);
  EXPECT_TRUE(t.terminated);
  EXPECT_EQ(t.invalid, 0u);
  const std::string multi = "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80";  // é, €, an emoji
  const Utf8Text m = decode_utf8(reinterpret_cast<const uint8_t*>(multi.data()), multi.size());
  EXPECT_EQ(m.text, multi);
  EXPECT_FALSE(m.terminated);
  EXPECT_EQ(m.invalid, 0u);
  const std::string controls = "a\nb\tc\\d\x01";
  EXPECT_EQ(decode_utf8(reinterpret_cast<const uint8_t*>(controls.data()), controls.size()).text, "a\\nb\\tc\\\\d\\x01");
}

TEST(TypedValues, InvalidUtf8IsShownByteByByte) {
  struct Case {
    std::string bytes, shown;
    size_t invalid;
  };
  const Case cases[] = {
      {"a\x80z", "a\\x80z", 1},                  // a continuation byte with no lead
      {"\xc0\xaf", "\\xc0\\xaf", 2},             // overlong '/'
      {"\xe0\x80\xaf", "\\xe0\\x80\\xaf", 3},    // overlong, three bytes
      {"\xed\xa0\x80", "\\xed\\xa0\\x80", 3},    // a UTF-16 surrogate, U+D800
      {"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80", 4},  // past U+10FFFF
      {"\xff", "\\xff", 1},
      {"\xe2\x82z", "\\xe2\\x82z", 2},           // a sequence broken off before its end
  };
  for (const Case& c : cases) {
    const Utf8Text t = decode_utf8(reinterpret_cast<const uint8_t*>(c.bytes.data()), c.bytes.size());
    EXPECT_EQ(t.text, c.shown);
    EXPECT_EQ(t.invalid, c.invalid) << c.shown;
  }
  // A sequence the read window cuts off may go on in memory: the text stops before it.
  const std::string cut = "ab\xe2\x82";
  const Utf8Text t = decode_utf8(reinterpret_cast<const uint8_t*>(cut.data()), cut.size());
  EXPECT_EQ(t.text, "ab");
  EXPECT_EQ(t.bytes, 2u);
  EXPECT_EQ(t.invalid, 0u);
}

TEST(TypedValues, EditedIntegersBecomeLittleEndianBytes) {
  EXPECT_EQ(encoded(InspectType::I32, "36"), (std::vector<uint8_t>{0x24, 0, 0, 0}));
  EXPECT_EQ(encoded(InspectType::I32, " -1 "), (std::vector<uint8_t>{0xff, 0xff, 0xff, 0xff}));
  EXPECT_EQ(encoded(InspectType::U32, "0xDEADBEEF"), (std::vector<uint8_t>{0xef, 0xbe, 0xad, 0xde}));
  EXPECT_EQ(encoded(InspectType::I8, "-128"), (std::vector<uint8_t>{0x80}));
  EXPECT_EQ(encoded(InspectType::U8, "255"), (std::vector<uint8_t>{0xff}));
  EXPECT_EQ(encoded(InspectType::I16, "-0x8000"), (std::vector<uint8_t>{0x00, 0x80}));
  EXPECT_EQ(encoded(InspectType::I64, "-9223372036854775808"), (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0, 0x80}));
  EXPECT_EQ(encoded(InspectType::U64, "18446744073709551615"), std::vector<uint8_t>(8, 0xff));
}

TEST(TypedValues, BadIntegersAreRefusedWithTheReasonAndTheRange) {
  EXPECT_EQ(error_of(InspectType::I32, "12x"), "'12x' is not an i32: type a decimal or 0x hex integer");
  EXPECT_EQ(error_of(InspectType::I32, ""), "no value typed for i32");
  EXPECT_EQ(error_of(InspectType::U8, "256"), "'256' is out of range for a u8 (0 to 255)");
  EXPECT_EQ(error_of(InspectType::U8, "-1"), "'-1' is out of range for a u8 (0 to 255)");
  EXPECT_EQ(error_of(InspectType::I8, "128"), "'128' is out of range for an i8 (-128 to 127)");
  EXPECT_EQ(error_of(InspectType::I8, "-129"), "'-129' is out of range for an i8 (-128 to 127)");
  EXPECT_EQ(error_of(InspectType::I32, "4294967295"), "'4294967295' is out of range for an i32 (-2147483648 to 2147483647)");
  EXPECT_EQ(error_of(InspectType::U64, "18446744073709551616"),
            "'18446744073709551616' is out of range for a u64 (0 to 18446744073709551615)");
  EXPECT_EQ(error_of(InspectType::I32, "0x"), "'0x' is not an i32: type a decimal or 0x hex integer");
  EXPECT_EQ(error_of(InspectType::I32, "1 2"), "'1 2' is not an i32: type a decimal or 0x hex integer");
}

TEST(TypedValues, EditedFloatsAndTheirErrors) {
  EXPECT_EQ(encoded(InspectType::F32, "1.5"), (std::vector<uint8_t>{0x00, 0x00, 0xc0, 0x3f}));
  EXPECT_EQ(encoded(InspectType::F32, "-inf"), (std::vector<uint8_t>{0x00, 0x00, 0x80, 0xff}));
  EXPECT_EQ(encoded(InspectType::F32, "nan:0x1"), (std::vector<uint8_t>{0x01, 0x00, 0x80, 0x7f}));
  EXPECT_EQ(encoded(InspectType::F64, "0x1.8p1"), (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0x08, 0x40}));  // 3.0
  EXPECT_EQ(encoded(InspectType::F64, "-nan"), (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0xf8, 0xff}));
  EXPECT_EQ(error_of(InspectType::F32, "1e39"), "'1e39' is out of range for an f32 (its largest finite value is 3.4028235e+38)");
  EXPECT_EQ(error_of(InspectType::F64, "1e400"),
            "'1e400' is out of range for an f64 (its largest finite value is 1.7976931348623157e+308)");
  EXPECT_EQ(error_of(InspectType::F32, "one"),
            "'one' is not an f32: type a number such as 1.5, -2e3 or 0x1p-4, or inf, nan");
  EXPECT_EQ(error_of(InspectType::F32, "1.5f"),
            "'1.5f' is not an f32: type a number such as 1.5, -2e3 or 0x1p-4, or inf, nan");
  EXPECT_EQ(error_of(InspectType::F32, "nan:0x800000"), "'nan:0x800000' is not an f32: a NaN payload is nan:0x1 to nan:0x7fffff");
}

TEST(TypedValues, EditedLanesNeedEveryLaneInRange) {
  EXPECT_EQ(encoded(InspectType::I32x4, "1 2, -1 0x10"),
            (std::vector<uint8_t>{1, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0}));
  // As v128.const in the text format, an integer lane takes signed and unsigned values.
  const auto bytes = encoded(InspectType::I8x16, "255 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 -128");
  ASSERT_EQ(bytes.size(), 16u);
  EXPECT_EQ(bytes[0], 0xff);
  EXPECT_EQ(bytes[1], 0xff);
  EXPECT_EQ(bytes[15], 0x80);
  EXPECT_EQ(encoded(InspectType::F64x2, "1 -2.5"), (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0x04, 0xc0}));
  EXPECT_EQ(error_of(InspectType::I32x4, "1 2 3"), "i32x4 takes 4 lanes, 3 given");
  EXPECT_EQ(error_of(InspectType::I16x8, "0 0 0 70000 0 0 0 0"), "lane 3: '70000' is out of range for an i16 lane (-32768 to 65535)");
  EXPECT_EQ(error_of(InspectType::F32x4, "1 2 x 4"),
            "lane 2: 'x' is not an f32 lane: type a number such as 1.5, -2e3 or 0x1p-4, or inf, nan");
  // What the inspector shows for a v128 is what it accepts back.
  std::vector<uint8_t> v(16);
  for (int i = 0; i < 16; ++i) v[i] = uint8_t(i * 37);
  for (InspectType shape : {InspectType::I8x16, InspectType::I16x8, InspectType::I32x4, InspectType::I64x2}) {
    EXPECT_EQ(encoded(shape, text_of(shape, v)), v) << inspect_type_name(shape);
  }
}

TEST(TypedValues, EditedTextTakesTheEscapesTheInspectorShows) {
  EXPECT_EQ(encoded(InspectType::Utf8, "Hi\\0"), (std::vector<uint8_t>{'H', 'i', 0}));
  EXPECT_EQ(encoded(InspectType::Utf8, "\\x80\\n\\\\"), (std::vector<uint8_t>{0x80, '\n', '\\'}));
  EXPECT_EQ(encoded(InspectType::Utf8, "\xc3\xa9"), (std::vector<uint8_t>{0xc3, 0xa9}));
  const std::string shown = "a\\x80\\tz";
  const auto bytes = encoded(InspectType::Utf8, shown);
  EXPECT_EQ(decode_utf8(bytes.data(), bytes.size()).text, shown);
  EXPECT_EQ(error_of(InspectType::Utf8, "a\\q"), "'\\q' is not an escape: use \\xNN, \\n, \\t, \\r, \\0 or \\\\");
  EXPECT_EQ(error_of(InspectType::Utf8, "a\\x4"), "\\x at character 2 needs two hex digits, as in \\x7f");
  EXPECT_EQ(error_of(InspectType::Utf8, "end\\"), "the text ends with a lone \\ (type \\\\ for a backslash)");
  EXPECT_EQ(error_of(InspectType::Utf8, ""), "no text to write (type \\0 for a NUL byte)");
}

TEST(TypedValues, TypeNamesRoundTrip) {
  for (InspectType t : kInspectTypes) {
    EXPECT_EQ(inspect_type_from_name(inspect_type_name(t)), t);
  }
  EXPECT_EQ(inspect_type_size(InspectType::I64), 8u);
  EXPECT_EQ(inspect_type_size(InspectType::F32x4), 16u);
  EXPECT_FALSE(inspect_type_from_name("i128"));
}

}  // namespace
}  // namespace mnemo::ui
