// core/binary/instr_writer.cpp: opcode bytes from the table, immediates by one switch over ImmKind.
#include "core/binary/instr_writer.h"

namespace mnemo::binary {
namespace {

constexpr uint8_t kEmptyBlockType = 0x40;    // blocktype ::= 0x40 (section 5.4.1)
constexpr uint32_t kMemArgHasMemory = 0x40;  // bit 6 of the memarg flags (multi-memory)

void write_block_type(ByteWriter& w, const BlockType& bt) {
  switch (bt.kind) {
    case BlockType::Kind::Empty: w.u8(kEmptyBlockType); break;
    case BlockType::Kind::Value: write_value_type(w, bt.value); break;
    case BlockType::Kind::TypeIndex: w.s33(int64_t(bt.type_index)); break;
  }
}

}  // namespace

void write_memory_index(ByteWriter& w, uint32_t memory) { w.u32(memory); }

void write_memarg(ByteWriter& w, const MemArg& m) {
  if (m.memory != 0) {
    w.u32(m.align | kMemArgHasMemory);
    write_memory_index(w, m.memory);
  } else {
    w.u32(m.align);
  }
  w.u64(m.offset);
}

void write_value_type(ByteWriter& w, ValType t) { w.u8(uint8_t(t)); }

void write_instr(ByteWriter& w, const Instr& in) {
  const OpcodeInfo& o = info(in.op);
  if (o.prefix != 0) {
    w.u8(o.prefix);
    w.u32(o.code);
  } else {
    w.u8(uint8_t(o.code));
  }
  switch (o.imm) {
    case ImmKind::None: break;
    case ImmKind::Block: write_block_type(w, in.block); break;
    case ImmKind::Label:
    case ImmKind::Func:
    case ImmKind::Local:
    case ImmKind::Global:
    case ImmKind::Table:
    case ImmKind::Elem:
    case ImmKind::Data: w.u32(in.index); break;
    case ImmKind::BrTable:
      // labels holds the targets, then the default.
      w.u32(in.labels.empty() ? 0 : uint32_t(in.labels.size() - 1));
      for (uint32_t l : in.labels) w.u32(l);
      if (in.labels.empty()) w.u32(0);
      break;
    case ImmKind::CallIndirect:
    case ImmKind::TableCopy:
    case ImmKind::TableInit:
      w.u32(in.index);
      w.u32(in.index2);
      break;
    case ImmKind::Memory: write_memory_index(w, in.mem.memory); break;
    case ImmKind::MemoryCopy:
      write_memory_index(w, in.mem.memory);  // destination
      write_memory_index(w, in.mem_src);     // source
      break;
    case ImmKind::MemoryInit:
      w.u32(in.index);
      write_memory_index(w, in.mem.memory);
      break;
    case ImmKind::MemArg: write_memarg(w, in.mem); break;
    case ImmKind::MemArgLane:
      write_memarg(w, in.mem);
      w.u8(in.lane);
      break;
    case ImmKind::Lane: w.u8(in.lane); break;
    case ImmKind::Shuffle:
    case ImmKind::V128: w.bytes(in.v128.bytes); break;
    case ImmKind::I32: w.s32(int32_t(uint32_t(in.bits))); break;
    case ImmKind::I64: w.s64(int64_t(in.bits)); break;
    case ImmKind::F32: w.fixed32(uint32_t(in.bits)); break;
    case ImmKind::F64: w.fixed64(in.bits); break;
    case ImmKind::RefType: write_value_type(w, in.ref_type); break;
    case ImmKind::SelectT:
      w.u32(uint32_t(in.types.size()));
      for (ValType t : in.types) write_value_type(w, t);
      break;
  }
}

void write_expr(ByteWriter& w, const Expr& e) {
  for (const Instr& in : e) write_instr(w, in);
}

}  // namespace mnemo::binary
