// core/opcodes.cpp: reverse lookups over the opcode table, built once from core/opcodes.def.
#include "opcodes.h"

#include <array>
#include <string>
#include <unordered_map>

namespace mnemo {
namespace {

constexpr uint16_t kNone = 0xFFFF;

struct BinaryIndex {
  std::array<uint16_t, 256> plain, fc, fd;
  BinaryIndex() {
    plain.fill(kNone);
    fc.fill(kNone);
    fd.fill(kNone);
    for (uint16_t i = 0; i < kOpcodeCount; ++i) {
      const OpcodeInfo& o = kOpcodeInfo[i];
      // SelectT shares nothing with Select in binary (0x1C vs 0x1B), so no row collides.
      auto& table = o.prefix == 0xFC ? fc : o.prefix == 0xFD ? fd : plain;
      table[o.code] = i;
    }
  }
};

}  // namespace

std::optional<Opcode> opcode_from_binary(uint8_t prefix, uint32_t code) {
  static const BinaryIndex index;
  if (code > 0xFF) return std::nullopt;
  uint16_t found = prefix == 0xFC ? index.fc[code] : prefix == 0xFD ? index.fd[code] : index.plain[code];
  if (prefix != 0 && prefix != 0xFC && prefix != 0xFD) return std::nullopt;
  if (found == kNone) return std::nullopt;
  return static_cast<Opcode>(found);
}

std::optional<Opcode> opcode_from_text(std::string_view mnemonic) {
  static const std::unordered_map<std::string_view, Opcode> index = [] {
    std::unordered_map<std::string_view, Opcode> m;
    for (uint16_t i = 0; i < kOpcodeCount; ++i) m.emplace(kOpcodeInfo[i].text, static_cast<Opcode>(i));
    return m;  // emplace keeps the first row of a mnemonic: Select before SelectT
  }();
  auto it = index.find(mnemonic);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

}  // namespace mnemo
