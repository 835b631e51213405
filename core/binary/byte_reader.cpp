// core/binary/byte_reader.cpp: bounds-checked reads and the LEB128 decoder (spec section 5.2.2).
#include "core/binary/byte_reader.h"

#include <cstdio>

#include "core/binary/utf8.h"

namespace mnemo::binary {

std::string describe_offset(size_t pos) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "byte offset 0x%zx", pos);
  return buf;
}

void ByteReader::fail(size_t at, std::string_view message) {
  if (failed_) return;
  failed_ = true;
  error_.where = context_.empty() ? describe_offset(at) : context_ + ", " + describe_offset(at);
  error_.message = std::string(message);
}

// The failing cases of u8(): after an error, or at the end.
uint8_t ByteReader::u8_slow() {
  if (failed_) return 0;
  fail(pos_, end_message_);
  return 0;
}

int64_t ByteReader::leb(int bits, bool is_signed) {
  if (failed_) return 0;
  const size_t start = pos_;
  const int max_bytes = (bits + 6) / 7;
  uint64_t result = 0;
  int shift = 0;
  uint8_t byte = 0;
  for (int i = 0;; ++i) {
    if (pos_ >= bytes_.size()) {
      fail(pos_, end_message_);
      return 0;
    }
    byte = bytes_[pos_++];
    if (i == max_bytes - 1) {
      if (byte & 0x80) {
        fail(start, "integer representation too long");
        return 0;
      }
      const int used = bits - shift;  // value bits the last byte carries, 1..7
      if (used < 7) {
        bool fits;
        if (is_signed) {
          // The sign bit and every unused bit above it must agree.
          const uint8_t high = uint8_t(byte >> (used - 1));
          fits = high == 0 || high == (1u << (8 - used)) - 1;
        } else {
          fits = (byte >> used) == 0;
        }
        if (!fits) {
          fail(start, "integer too large");
          return 0;
        }
      }
    }
    result |= uint64_t(byte & 0x7F) << shift;
    shift += 7;
    if (!(byte & 0x80)) break;
  }
  if (is_signed && shift < 64 && (byte & 0x40)) result |= ~uint64_t(0) << shift;
  return int64_t(result);
}

uint32_t ByteReader::fixed32() {
  auto b = bytes(4, end_message_);
  if (b.empty()) return 0;
  return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
}

uint64_t ByteReader::fixed64() {
  auto b = bytes(8, end_message_);
  if (b.empty()) return 0;
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | b[i];
  return v;
}

uint32_t ByteReader::count() {
  const size_t start = pos_;
  const uint32_t n = u32();
  if (failed_) return 0;
  if (n > remaining()) {
    fail(start, end_message_);
    return 0;
  }
  return n;
}

std::span<const uint8_t> ByteReader::bytes(size_t n, std::string_view short_message) {
  if (failed_) return {};
  if (n > remaining()) {
    fail(pos_, short_message);
    return {};
  }
  auto out = bytes_.subspan(pos_, n);
  pos_ += n;
  return out;
}

std::string ByteReader::name() {
  const size_t start = pos_;
  const uint32_t n = u32();
  auto b = bytes(n, "length out of bounds");
  if (failed_) return {};
  if (!is_valid_utf8(b)) {
    fail(start, "malformed UTF-8 encoding");
    return {};
  }
  return std::string(b.begin(), b.end());
}

}  // namespace mnemo::binary
