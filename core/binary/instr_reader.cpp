// core/binary/instr_reader.cpp: one instruction = opcode (table lookup) + immediates (one switch
// over ImmKind). No opcode byte is written here: they all come from core/opcodes.def.
#include "core/binary/instr_reader.h"

#include <array>
#include <string>
#include <vector>

namespace mnemo::binary {
namespace {

// Bytes that introduce a u32 sub-opcode, derived from the table (0xFC, 0xFD).
constexpr std::array<bool, 256> kIsPrefix = [] {
  std::array<bool, 256> t{};
  for (const OpcodeInfo& o : kOpcodeInfo)
    if (o.prefix != 0) t[o.prefix] = true;
  return t;
}();

constexpr uint8_t kEmptyBlockType = 0x40;  // blocktype ::= 0x40 (section 5.4.1)
constexpr uint32_t kMemArgHasMemory = 0x40;  // bit 6 of the memarg flags (multi-memory)
constexpr uint32_t kMaxAlignExponent = 32;   // flags beyond are "malformed memop flags"

std::string hex_byte(uint32_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  if (v > 0xFF) return s + std::to_string(v);
  s += kDigits[v >> 4];
  s += kDigits[v & 15];
  return s;
}

V128 read_v128(ByteReader& r) {
  V128 v;
  auto b = r.bytes(16, kUnexpectedEndInSection);
  if (r.ok())
    for (size_t i = 0; i < 16; ++i) v.bytes[i] = b[i];
  return v;
}

// Reads the immediates of `in.op`, of the kind its table row says.
void read_immediates(ByteReader& r, Instr& in, ImmKind imm) {
  switch (imm) {
    case ImmKind::None: break;
    case ImmKind::Block: in.block = read_block_type(r); break;
    case ImmKind::Label:
    case ImmKind::Func:
    case ImmKind::Local:
    case ImmKind::Global:
    case ImmKind::Table:
    case ImmKind::Elem:
    case ImmKind::Data: in.index = r.u32(); break;
    case ImmKind::BrTable: {
      const uint32_t n = r.count();
      in.labels.reserve(size_t(n) + 1);
      for (uint32_t i = 0; i < n && r.ok(); ++i) in.labels.push_back(r.u32());
      in.labels.push_back(r.u32());  // the default label
      break;
    }
    case ImmKind::CallIndirect:  // type index, then table index
    case ImmKind::TableCopy:     // destination, then source
    case ImmKind::TableInit:     // element segment, then table
      in.index = r.u32();
      in.index2 = r.u32();
      break;
    case ImmKind::Memory: in.mem.memory = read_memory_index(r); break;
    case ImmKind::MemoryCopy:
      in.mem.memory = read_memory_index(r);  // destination
      in.mem_src = read_memory_index(r);     // source
      break;
    case ImmKind::MemoryInit:
      in.index = r.u32();  // data segment
      in.mem.memory = read_memory_index(r);
      break;
    case ImmKind::MemArg: in.mem = read_memarg(r); break;
    case ImmKind::MemArgLane:
      in.mem = read_memarg(r);
      in.lane = r.u8();
      break;
    case ImmKind::Lane: in.lane = r.u8(); break;
    case ImmKind::Shuffle:
    case ImmKind::V128: in.v128 = read_v128(r); break;
    case ImmKind::I32: in.bits = uint32_t(r.s32()); break;  // the 32-bit pattern, zero-extended
    case ImmKind::I64: in.bits = uint64_t(r.s64()); break;
    case ImmKind::F32: in.bits = r.fixed32(); break;
    case ImmKind::F64: in.bits = r.fixed64(); break;
    case ImmKind::RefType: in.ref_type = read_ref_type(r); break;
    case ImmKind::SelectT: {
      const uint32_t n = r.count();
      for (uint32_t i = 0; i < n && r.ok(); ++i) in.types.push_back(read_value_type(r));
      break;
    }
  }
}

}  // namespace

uint32_t read_memory_index(ByteReader& r) { return r.u32(); }

MemArg read_memarg(ByteReader& r) {
  MemArg m;
  const size_t start = r.pos();
  uint32_t flags = r.u32();
  if (flags & kMemArgHasMemory) {
    flags &= ~kMemArgHasMemory;
    if (flags < kMaxAlignExponent) m.memory = read_memory_index(r);
  }
  if (r.ok() && flags >= kMaxAlignExponent) r.fail(start, "malformed memop flags");
  m.align = flags;
  m.offset = r.u32();
  return m;
}

BlockType read_block_type(ByteReader& r) {
  BlockType bt;
  const uint8_t b = r.peek();
  if (r.ok() && !r.at_end() && b == kEmptyBlockType) {
    r.u8();
    return bt;
  }
  if (r.ok() && !r.at_end() && (b & 0xC0) == 0x40) {  // a one-byte negative s33: a value type
    bt.kind = BlockType::Kind::Value;
    bt.value = read_value_type(r);
    return bt;
  }
  const size_t start = r.pos();
  const int64_t index = r.s33();
  if (!r.ok()) return bt;
  if (index < 0) {
    r.fail(start, "malformed block type");
    return bt;
  }
  bt.kind = BlockType::Kind::TypeIndex;
  bt.type_index = uint32_t(index);
  return bt;
}

ValType read_value_type(ByteReader& r) {
  const size_t start = r.pos();
  const uint8_t b = r.u8();
  if (!r.ok()) return ValType::I32;
  if (!is_valtype_byte(b)) {
    r.fail(start, "malformed value type");
    return ValType::I32;
  }
  return ValType(b);
}

ValType read_ref_type(ByteReader& r) {
  const size_t start = r.pos();
  const uint8_t b = r.u8();
  if (!r.ok()) return ValType::FuncRef;
  if (!is_valtype_byte(b) || !is_ref(ValType(b))) {
    r.fail(start, "malformed reference type");
    return ValType::FuncRef;
  }
  return ValType(b);
}

// Instructions take 2.3 bytes each on average in compiled code (an opcode and a one-byte index
// or constant), so half the body's bytes rarely needs growing and wastes little.
constexpr size_t kBytesPerInstrEstimate = 2;

Expr read_expr(ByteReader& r, const ExprOptions& options) {
  // One frame per open block; `else` is allowed once, and only in an `if`.
  struct Frame {
    bool is_if;
    bool seen_else;
  };
  std::vector<Frame> frames;
  Expr expr;
  if (!r.ok()) return expr;
  if (options.byte_size) expr.reserve(options.byte_size / kBytesPerInstrEstimate + 1);
  for (;;) {
    // Read in place: a failed instruction is dropped again below.
    Instr& in = expr.emplace_back();
    in.pos = uint32_t(r.pos());
    const uint8_t first = r.u8();
    uint8_t prefix = 0;
    uint32_t code = first;
    if (r.ok() && kIsPrefix[first]) {
      prefix = first;
      code = r.u32();
    }
    if (!r.ok()) break;
    const auto op = opcode_from_binary(prefix, code);
    if (!op) {
      r.fail(in.pos, "illegal opcode " + (prefix ? hex_byte(prefix) + " " : std::string()) + hex_byte(code));
      break;
    }
    in.op = *op;
    const ImmKind imm = info(in.op).imm;
    if (options.check_data_count && !options.has_data_count &&
        (imm == ImmKind::MemoryInit || imm == ImmKind::Data)) {
      r.fail(in.pos, "data count section required");
      break;
    }
    if (imm != ImmKind::None) read_immediates(r, in, imm);
    if (!r.ok()) break;

    if (imm == ImmKind::Block) {
      frames.push_back({in.op == Opcode::If, false});
    } else if (in.op == Opcode::Else) {
      if (frames.empty() || !frames.back().is_if || frames.back().seen_else) {
        r.fail(in.pos, "END opcode expected");
        break;
      }
      frames.back().seen_else = true;
    } else if (in.op == Opcode::End) {
      if (frames.empty()) return expr;  // the end that closes the expression
      frames.pop_back();
    }
  }
  expr.pop_back();  // the instruction that failed
  return expr;
}

}  // namespace mnemo::binary
