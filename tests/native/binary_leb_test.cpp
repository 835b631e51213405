// tests/native/binary_leb_test.cpp: the LEB128 readers' limits (spec section 5.2.2), the
// canonical writers, and the UTF-8 check of names.
#include <gtest/gtest.h>

#include <climits>
#include <vector>

#include "core/binary/byte_reader.h"
#include "core/binary/byte_writer.h"
#include "core/binary/utf8.h"

namespace mnemo::binary {
namespace {

using Bytes = std::vector<uint8_t>;

template <class F>
auto read_one(const Bytes& b, F read, std::string* message = nullptr, size_t* consumed = nullptr) {
  ByteReader r(b);
  auto v = read(r);
  if (message) *message = r.ok() ? "" : r.error().message;
  if (consumed) *consumed = r.pos();
  return v;
}

std::string error_of(const Bytes& b, int64_t (*read)(ByteReader&)) {
  std::string message;
  read_one(b, read, &message);
  return message;
}

int64_t u32(ByteReader& r) { return r.u32(); }
int64_t s32(ByteReader& r) { return r.s32(); }
int64_t s33(ByteReader& r) { return r.s33(); }
int64_t s64(ByteReader& r) { return r.s64(); }
int64_t u1(ByteReader& r) { return r.u1(); }

TEST(BinaryLeb, U32AcceptsNonMinimalFormsUpToFiveBytes) {
  EXPECT_EQ(read_one(Bytes{0x00}, u32), 0);
  EXPECT_EQ(read_one(Bytes{0xE5, 0x8E, 0x26}, u32), 624485);
  EXPECT_EQ(read_one(Bytes{0x80, 0x00}, u32), 0);
  EXPECT_EQ(read_one(Bytes{0x83, 0x80, 0x80, 0x80, 0x00}, u32), 3);
  EXPECT_EQ(read_one(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, u32), int64_t(UINT32_MAX));
  size_t consumed = 0;
  read_one(Bytes{0x81, 0x01, 0x7F}, u32, nullptr, &consumed);
  EXPECT_EQ(consumed, 2u);
}

TEST(BinaryLeb, U32Limits) {
  EXPECT_EQ(error_of({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, u32), "integer representation too long");
  EXPECT_EQ(error_of({0x80, 0x80, 0x80, 0x80, 0x10}, u32), "integer too large");
  EXPECT_EQ(error_of({0x82, 0x80, 0x80, 0x80, 0x70}, u32), "integer too large");
  EXPECT_EQ(error_of({0x80, 0x80}, u32), "unexpected end");
  EXPECT_EQ(error_of({}, u32), "unexpected end");
}

TEST(BinaryLeb, S32SignExtensionMustBeConsistent) {
  EXPECT_EQ(read_one(Bytes{0x7F}, s32), -1);
  EXPECT_EQ(read_one(Bytes{0x3F}, s32), 63);
  EXPECT_EQ(read_one(Bytes{0x40}, s32), -64);
  EXPECT_EQ(read_one(Bytes{0xC0, 0xBB, 0x78}, s32), -123456);
  EXPECT_EQ(read_one(Bytes{0x80, 0x80, 0x80, 0x80, 0x78}, s32), INT32_MIN);
  EXPECT_EQ(read_one(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x07}, s32), INT32_MAX);
  EXPECT_EQ(read_one(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, s32), -1);
  EXPECT_EQ(error_of({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, s32), "integer too large");
  EXPECT_EQ(error_of({0x80, 0x80, 0x80, 0x80, 0x1F}, s32), "integer too large");
  EXPECT_EQ(error_of({0xFF, 0xFF, 0xFF, 0xFF, 0x4F}, s32), "integer too large");
  EXPECT_EQ(error_of({0x80, 0x80, 0x80, 0x80, 0x70}, s32), "integer too large");
  EXPECT_EQ(error_of({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, s32), "integer representation too long");
}

TEST(BinaryLeb, S33CoversTypeIndices) {
  EXPECT_EQ(read_one(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, s33), int64_t(UINT32_MAX));
  EXPECT_EQ(read_one(Bytes{0x80, 0x80, 0x80, 0x80, 0x70}, s33), -(int64_t(1) << 32));
  EXPECT_EQ(error_of({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, s33), "integer too large");
  EXPECT_EQ(error_of({0x80, 0x80, 0x80, 0x80, 0x20}, s33), "integer too large");
}

TEST(BinaryLeb, S64TenthByteCarriesOnlyTheSign) {
  EXPECT_EQ(read_one(Bytes{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F}, s64), INT64_MIN);
  EXPECT_EQ(read_one(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00}, s64), INT64_MAX);
  EXPECT_EQ(error_of({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7E}, s64), "integer too large");
  EXPECT_EQ(error_of({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, s64), "integer too large");
  EXPECT_EQ(error_of({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, s64),
            "integer representation too long");
}

TEST(BinaryLeb, OneBitFlags) {
  EXPECT_EQ(read_one(Bytes{0x01}, u1), 1);
  EXPECT_EQ(read_one(Bytes{0x00}, u1), 0);
  EXPECT_EQ(error_of({0x02}, u1), "integer too large");
  EXPECT_EQ(error_of({0x81, 0x00}, u1), "integer representation too long");
}

TEST(BinaryLeb, ErrorsAreStickyAndNameTheOffset) {
  Bytes b{0x05, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  ByteReader r(b);
  EXPECT_EQ(r.u32(), 5u);
  r.u32();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "byte offset 0x1");
  EXPECT_EQ(r.u32(), 0u);  // nothing more is read after the first error
  EXPECT_EQ(r.error().message, "integer representation too long");
}

TEST(BinaryLeb, CountMustFitTheRemainingBytes) {
  Bytes b{0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00};
  ByteReader r(b);
  r.set_end_message(kUnexpectedEndInSection);
  EXPECT_EQ(r.count(), 0u);
  EXPECT_EQ(r.error().message, "unexpected end of section or function");
}

TEST(BinaryLeb, WriterIsMinimalAndRoundTrips) {
  ByteWriter w;
  w.u32(0);
  w.u32(624485);
  w.s32(-123456);
  w.s32(63);
  w.s32(64);
  w.s64(INT64_MIN);
  w.u32(UINT32_MAX);
  EXPECT_EQ(w.data(), (Bytes{0x00, 0xE5, 0x8E, 0x26, 0xC0, 0xBB, 0x78, 0x3F, 0xC0, 0x00, 0x80, 0x80, 0x80, 0x80,
                             0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}));
  for (int64_t v : {int64_t(0), int64_t(-1), int64_t(1) << 40, -(int64_t(1) << 40), int64_t(INT64_MAX),
                    int64_t(INT64_MIN), int64_t(-64), int64_t(-65)}) {
    ByteWriter one;
    one.s64(v);
    EXPECT_EQ(read_one(one.data(), s64), v);
  }
  for (int32_t v : {0, -1, 63, 64, -64, -65, INT32_MAX, INT32_MIN}) {
    ByteWriter one;
    one.s32(v);
    EXPECT_EQ(read_one(one.data(), s32), v);
  }
}

TEST(BinaryUtf8, AcceptsScalarValuesOnly) {
  auto ok = [](Bytes b) { return is_valid_utf8(b); };
  EXPECT_TRUE(ok({}));
  EXPECT_TRUE(ok({'a', 's', 'm'}));
  EXPECT_TRUE(ok({0xC2, 0x80}));              // U+0080
  EXPECT_TRUE(ok({0xED, 0x9F, 0xBF}));        // U+D7FF
  EXPECT_TRUE(ok({0xF4, 0x8F, 0xBF, 0xBF}));  // U+10FFFF
  EXPECT_FALSE(ok({0x80}));                   // lone continuation
  EXPECT_FALSE(ok({0xC0, 0x80}));             // overlong U+0000
  EXPECT_FALSE(ok({0xE0, 0x80, 0x80}));       // overlong
  EXPECT_FALSE(ok({0xED, 0xA0, 0x80}));       // surrogate U+D800
  EXPECT_FALSE(ok({0xF4, 0x90, 0x80, 0x80})); // above U+10FFFF
  EXPECT_FALSE(ok({0xF8, 0x88, 0x80, 0x80, 0x80}));
  EXPECT_FALSE(ok({0xE2, 0x82}));             // truncated
}

}  // namespace
}  // namespace mnemo::binary
