// core/text/print_instr.cpp: the immediates of every ImmKind in text form. Memory indices are
// printed only when not 0 (the text default), memarg offset/align only when not the default.
#include "core/text/print_instr.h"

#include <cinttypes>
#include <cstdio>

#include "core/text/print_numbers.h"

namespace mnemo {
namespace {

void append_u64(std::string& out, uint64_t v) { out += std::to_string(v); }

void append_block_type(std::string& out, const BlockType& bt, const PrintNames& names) {
  switch (bt.kind) {
    case BlockType::Kind::Empty: break;
    case BlockType::Kind::Value:
      out += " (result ";
      out += to_string(bt.value);
      out += ')';
      break;
    case BlockType::Kind::TypeIndex:
      out += " (type " + names.types.ref(bt.type_index) + ")";
      break;
  }
}

// Branch target comment: the depth of the target block counted from the function body (@0).
void append_label(std::string& out, uint32_t label, const InstrContext& ctx) {
  out += ' ';
  append_u64(out, label);
  if (ctx.comments && label <= ctx.depth) out += " (;@" + std::to_string(ctx.depth - label) + ";)";
}

// memarg ::= ('offset=' u64)? ('align=' u32)?, align printed in bytes and only when not natural.
void append_memarg(std::string& out, const MemArg& mem, uint8_t natural, const PrintNames& names) {
  if (mem.memory != 0) out += ' ' + names.memories.ref(mem.memory);
  if (mem.offset != 0) {
    out += " offset=";
    append_u64(out, mem.offset);
  }
  if (mem.align != natural) {
    out += " align=";
    // A log2 alignment this large is invalid; spell it so that it cannot read back as valid.
    if (mem.align < 64) append_u64(out, uint64_t(1) << mem.align);
    else out += "2**" + std::to_string(mem.align);
  }
}

std::string_view heap_type(ValType t) {
  switch (t) {
    case ValType::FuncRef: return "func";
    case ValType::ExternRef: return "extern";
    default: return to_string(t);
  }
}

void append_v128(std::string& out, const V128& v) {
  out += " i32x4";
  for (int lane = 0; lane < 4; ++lane) {
    uint32_t x = uint32_t(v.bytes[lane * 4]) | uint32_t(v.bytes[lane * 4 + 1]) << 8 |
                 uint32_t(v.bytes[lane * 4 + 2]) << 16 | uint32_t(v.bytes[lane * 4 + 3]) << 24;
    char buf[16];
    std::snprintf(buf, sizeof buf, " 0x%08" PRIx32, x);
    out += buf;
  }
}

void append_float(std::string& out, const std::string& exact, const std::string& decimal) {
  out += ' ';
  out += exact;
  if (!decimal.empty()) out += " (;=" + decimal + ";)";
}

}  // namespace

void append_instr(std::string& out, const Instr& in, const InstrContext& ctx) {
  const OpcodeInfo& oi = info(in.op);
  const PrintNames& names = *ctx.names;
  out += oi.text;
  switch (oi.imm) {
    case ImmKind::None: break;
    case ImmKind::Block:
      append_block_type(out, in.block, names);
      if (ctx.comments) out += "  ;; label = @" + std::to_string(ctx.depth + 1);
      break;
    case ImmKind::Label: append_label(out, in.index, ctx); break;
    case ImmKind::BrTable:
      for (uint32_t label : in.labels) append_label(out, label, ctx);
      break;
    case ImmKind::Func: out += ' ' + names.funcs.ref(in.index); break;
    case ImmKind::CallIndirect:
      if (in.index2 != 0) out += ' ' + names.tables.ref(in.index2);
      out += " (type " + names.types.ref(in.index) + ")";
      break;
    case ImmKind::Local:
      out += ' ';
      out += ctx.locals ? ctx.locals->ref(in.index) : std::to_string(in.index);
      break;
    case ImmKind::Global: out += ' ' + names.globals.ref(in.index); break;
    case ImmKind::Table: out += ' ' + names.tables.ref(in.index); break;
    case ImmKind::TableCopy:
      if (in.index != 0 || in.index2 != 0)
        out += ' ' + names.tables.ref(in.index) + ' ' + names.tables.ref(in.index2);
      break;
    case ImmKind::TableInit:
      if (in.index2 != 0) out += ' ' + names.tables.ref(in.index2);
      out += ' ' + names.elems.ref(in.index);
      break;
    case ImmKind::Elem: out += ' ' + names.elems.ref(in.index); break;
    case ImmKind::Memory:
      if (in.mem.memory != 0) out += ' ' + names.memories.ref(in.mem.memory);
      break;
    case ImmKind::MemoryCopy:
      if (in.mem.memory != 0 || in.mem_src != 0)
        out += ' ' + names.memories.ref(in.mem.memory) + ' ' + names.memories.ref(in.mem_src);
      break;
    case ImmKind::MemoryInit:
      if (in.mem.memory != 0) out += ' ' + names.memories.ref(in.mem.memory);
      out += ' ' + names.datas.ref(in.index);
      break;
    case ImmKind::Data: out += ' ' + names.datas.ref(in.index); break;
    case ImmKind::MemArg: append_memarg(out, in.mem, oi.align, names); break;
    case ImmKind::MemArgLane:
      append_memarg(out, in.mem, oi.align, names);
      out += ' ';
      append_u64(out, in.lane);
      break;
    case ImmKind::Lane:
      out += ' ';
      append_u64(out, in.lane);
      break;
    case ImmKind::Shuffle:
      for (uint8_t lane : in.v128.bytes) {
        out += ' ';
        append_u64(out, lane);
      }
      break;
    case ImmKind::I32: out += ' ' + std::to_string(int32_t(uint32_t(in.bits))); break;
    case ImmKind::I64: out += ' ' + std::to_string(int64_t(in.bits)); break;
    case ImmKind::F32:
      append_float(out, format_f32(uint32_t(in.bits)), decimal_f32(uint32_t(in.bits)));
      break;
    case ImmKind::F64: append_float(out, format_f64(in.bits), decimal_f64(in.bits)); break;
    case ImmKind::V128: append_v128(out, in.v128); break;
    case ImmKind::RefType:
      out += ' ';
      out += heap_type(in.ref_type);
      break;
    case ImmKind::SelectT:
      out += " (result";
      for (ValType t : in.types) {
        out += ' ';
        out += to_string(t);
      }
      out += ')';
      break;
  }
}

}  // namespace mnemo
