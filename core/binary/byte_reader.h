// core/binary/byte_reader.h: a bounds-checked cursor over the bytes of a binary module, with the
// LEB128 readers of the spec (section 5.2.2) and the first error it met. Internal to core/binary.
//
// The error is sticky: after the first failure every read returns zero and does not move, so a
// caller checks ok() once per loop iteration or step instead of after every read.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace mnemo::binary {

inline constexpr std::string_view kUnexpectedEnd = "unexpected end";
inline constexpr std::string_view kUnexpectedEndInSection = "unexpected end of section or function";

class ByteReader {
 public:
  explicit ByteReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  size_t pos() const { return pos_; }
  size_t size() const { return bytes_.size(); }
  size_t remaining() const { return bytes_.size() - pos_; }
  bool at_end() const { return pos_ == bytes_.size(); }
  bool ok() const { return !failed_; }

  // The message reading past the end reports: the spec says "unexpected end" for the preamble and
  // "unexpected end of section or function" once inside a section.
  void set_end_message(std::string_view message) { end_message_ = message; }
  // Prefixed to the byte offset of an error, e.g. "function 3"; empty outside function bodies.
  void set_context(std::string context) { context_ = std::move(context); }

  uint8_t u8() {
    if (failed_ || pos_ >= bytes_.size()) return u8_slow();
    return bytes_[pos_++];
  }
  uint8_t peek() const { return pos_ < bytes_.size() ? bytes_[pos_] : 0; }

  // LEB128 integers with exactly the spec's limits: at most ceil(N / 7) bytes ("integer
  // representation too long"), and the unused bits of the last byte must be zero for unsigned
  // numbers or copies of the sign bit for signed ones ("integer too large").
  //
  // Most numbers in a module fit one byte, so that case is read inline; a single byte is always
  // within every limit above except the 1-bit and 7-bit ones, which take the general path.
  uint32_t u32() {
    if (const int byte = one_byte_leb(); byte >= 0) return uint32_t(byte);
    return uint32_t(leb(32, false));
  }
  bool u1() { return leb(1, false) != 0; }
  int32_t s32() {
    if (const int byte = one_byte_leb(); byte >= 0) return sign_extend_7(byte);
    return int32_t(leb(32, true));
  }
  int64_t s33() { return leb(33, true); }
  int64_t s64() {
    if (const int byte = one_byte_leb(); byte >= 0) return sign_extend_7(byte);
    return leb(64, true);
  }
  int32_t s7() { return int32_t(leb(7, true)); }

  uint32_t fixed32();  // little-endian, for f32 constants
  uint64_t fixed64();  // little-endian, for f64 constants

  // A vector length (u32) that must not exceed the bytes left: each element takes at least one
  // byte, so a larger count can only run off the end (reported as such, at the count) and must
  // not size an allocation.
  uint32_t count();
  // n raw bytes; reports `short_message` when fewer are left.
  std::span<const uint8_t> bytes(size_t n, std::string_view short_message);
  // A name (section 5.2.4): u32 length, then that many bytes of valid UTF-8.
  std::string name();

  // Records the first error, at `at` (a byte offset), and stops the reader.
  void fail(size_t at, std::string_view message);
  void fail_here(std::string_view message) { fail(pos_, message); }
  Error error() const { return error_; }

  // Moves the cursor; `to` must not exceed size().
  void seek(size_t to) { pos_ = to; }

 private:
  // The next byte when it is a whole LEB128 number (continuation bit clear), consumed; else -1,
  // consuming nothing (also after an error or at the end, which the general path reports).
  int one_byte_leb() {
    if (failed_ || pos_ >= bytes_.size() || (bytes_[pos_] & 0x80)) return -1;
    return bytes_[pos_++];
  }
  static int32_t sign_extend_7(int byte) { return (byte & 0x40) ? byte - 0x80 : byte; }

  uint8_t u8_slow();
  int64_t leb(int bits, bool is_signed);

  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  bool failed_ = false;
  Error error_;
  std::string_view end_message_ = kUnexpectedEnd;
  std::string context_;
};

// The byte offset form every binary error uses: "byte offset 0x2a".
std::string describe_offset(size_t pos);

}  // namespace mnemo::binary
