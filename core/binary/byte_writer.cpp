// core/binary/byte_writer.cpp: shortest-form LEB128 and little-endian fixed-width encoders.
#include "core/binary/byte_writer.h"

namespace mnemo::binary {

void ByteWriter::uleb(uint64_t v) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    if (v != 0) b |= 0x80;
    out_.push_back(b);
  } while (v != 0);
}

void ByteWriter::sleb(int64_t v) {
  for (;;) {
    const uint8_t b = v & 0x7F;
    v >>= 7;  // arithmetic shift: keeps the sign
    const bool done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
    out_.push_back(done ? b : uint8_t(b | 0x80));
    if (done) return;
  }
}

void ByteWriter::fixed32(uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(uint8_t(v >> (8 * i)));
}

void ByteWriter::fixed64(uint64_t v) {
  for (int i = 0; i < 8; ++i) out_.push_back(uint8_t(v >> (8 * i)));
}

void ByteWriter::sized_bytes(std::span<const uint8_t> b) {
  u32(uint32_t(b.size()));
  bytes(b);
}

void ByteWriter::name(std::string_view s) {
  sized_bytes({reinterpret_cast<const uint8_t*>(s.data()), s.size()});
}

}  // namespace mnemo::binary
