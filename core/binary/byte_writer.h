// core/binary/byte_writer.h: an output buffer with the canonical (shortest) LEB128 encoders of the
// spec (section 5.2.2). Internal to core/binary.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace mnemo::binary {

class ByteWriter {
 public:
  void u8(uint8_t b) { out_.push_back(b); }
  void u32(uint32_t v) { uleb(v); }
  void s32(int32_t v) { sleb(v); }
  void s33(int64_t v) { sleb(v); }
  void s64(int64_t v) { sleb(v); }
  void u64(uint64_t v) { uleb(v); }
  void fixed32(uint32_t v);
  void fixed64(uint64_t v);
  void bytes(std::span<const uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  // A name or byte vector: u32 length, then the bytes.
  void sized_bytes(std::span<const uint8_t> b);
  void name(std::string_view s);

  const std::vector<uint8_t>& data() const { return out_; }
  std::vector<uint8_t> take() { return std::move(out_); }
  size_t size() const { return out_.size(); }

 private:
  void uleb(uint64_t v);
  void sleb(int64_t v);

  std::vector<uint8_t> out_;
};

}  // namespace mnemo::binary
