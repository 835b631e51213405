// core/opcodes.h: the Opcode enum and per-opcode facts, all expanded from core/opcodes.def.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mnemo {

// What follows an opcode in the binary format (and which text immediates it takes).
enum class ImmKind : uint8_t {
  None,
  Block,         // block type: empty, a value type, or a type index (s33)
  Label,         // label index
  BrTable,       // vector of label indices, then the default label
  Func,          // function index
  CallIndirect,  // type index, then table index
  Local,         // local index
  Global,        // global index
  Table,         // table index
  TableCopy,     // destination table, source table
  TableInit,     // element segment index, then table index
  Elem,          // element segment index
  Memory,        // memory index (memory.size / grow / fill)
  MemoryCopy,    // destination memory, source memory
  MemoryInit,    // data segment index, then memory index
  Data,          // data segment index
  MemArg,        // align (bit 6 flags a memory index), [memory index], offset
  MemArgLane,    // memarg, then a lane byte
  Lane,          // lane byte
  Shuffle,       // 16 lane bytes
  I32,           // i32 constant (s32)
  I64,           // i64 constant (s64)
  F32,           // f32 constant (4 bytes)
  F64,           // f64 constant (8 bytes)
  V128,          // v128 constant (16 bytes)
  RefType,       // heap type of ref.null
  SelectT,       // vector of value types
};

enum class Feature : uint8_t { Mvp, SignExt, SatConv, BulkMemory, RefTypes, Simd };

// Operand types of an opcode's fixed signature; Spc marks one the validator types by hand.
enum class SigType : uint8_t { ___, I32, I64, F32, F64, V128, Spc };

enum class Opcode : uint16_t {
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) name,
#include "opcodes.def"
#undef OP
};

inline constexpr uint32_t kOpcodeCount = 0
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) +1
#include "opcodes.def"
#undef OP
    ;

struct OpcodeInfo {
  std::string_view text;  // the text-format mnemonic
  uint8_t prefix;         // 0, 0xFC or 0xFD
  uint32_t code;          // the byte, or the LEB-encoded number after a prefix
  ImmKind imm;
  uint8_t align;  // MemArg(Lane): log2 natural alignment (= access size); Lane: log2 lane count
  SigType result;
  SigType params[3];
  Feature feature;

  bool special() const { return result == SigType::Spc; }
  uint32_t param_count() const {
    return params[0] == SigType::___ ? 0 : params[1] == SigType::___ ? 1 : params[2] == SigType::___ ? 2 : 3;
  }
};

inline constexpr OpcodeInfo kOpcodeInfo[] = {
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat)                        \
  {text, prefix, code, ImmKind::imm, align, SigType::res, {SigType::p0, SigType::p1, SigType::p2}, \
   Feature::feat},
#include "opcodes.def"
#undef OP
};

inline const OpcodeInfo& info(Opcode op) { return kOpcodeInfo[static_cast<uint16_t>(op)]; }
inline std::string_view mnemonic(Opcode op) { return info(op).text; }

// Rows of the opcode table by binary encoding: one array per prefix (none, 0xFC, 0xFD), each
// indexed by the code, kNoOpcodeRow where nothing is encoded so. Built at compile time, so the
// decoder's lookup per instruction is one load.
inline constexpr uint16_t kNoOpcodeRow = 0xFFFF;
struct BinaryOpcodeIndex {
  std::array<uint16_t, 256> plain, fc, fd;
};
inline constexpr BinaryOpcodeIndex kBinaryOpcodeIndex = [] {
  BinaryOpcodeIndex index{};
  index.plain.fill(kNoOpcodeRow);
  index.fc.fill(kNoOpcodeRow);
  index.fd.fill(kNoOpcodeRow);
  for (uint16_t i = 0; i < kOpcodeCount; ++i) {
    const OpcodeInfo& o = kOpcodeInfo[i];
    // SelectT shares nothing with Select in binary (0x1C vs 0x1B), so no row collides.
    auto& table = o.prefix == 0xFC ? index.fc : o.prefix == 0xFD ? index.fd : index.plain;
    table[o.code] = i;
  }
  return index;
}();

// Binary lookup: the opcode for a (prefix, code) pair, if there is one.
inline std::optional<Opcode> opcode_from_binary(uint8_t prefix, uint32_t code) {
  if (code > 0xFF) return std::nullopt;
  const uint16_t row = prefix == 0      ? kBinaryOpcodeIndex.plain[code]
                       : prefix == 0xFC ? kBinaryOpcodeIndex.fc[code]
                       : prefix == 0xFD ? kBinaryOpcodeIndex.fd[code]
                                        : kNoOpcodeRow;
  if (row == kNoOpcodeRow) return std::nullopt;
  return static_cast<Opcode>(row);
}

// Text lookup: the opcode for a mnemonic. `select` maps to Select (the parser picks SelectT
// when a result type follows).
std::optional<Opcode> opcode_from_text(std::string_view mnemonic);

}  // namespace mnemo
