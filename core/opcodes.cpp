// core/opcodes.cpp: the text-format reverse lookup over the opcode table (the binary one is a
// compile-time table in opcodes.h).
#include "opcodes.h"

#include <string>
#include <unordered_map>

namespace mnemo {

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
