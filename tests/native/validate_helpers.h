// tests/native/validate_helpers.h: small builders of hand-made Modules for the validator tests
// (the tests do not depend on the text parser or the binary decoder).
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "core/module.h"
#include "core/validate/validate.h"

namespace mnemo::test {

inline Instr op(Opcode o) {
  Instr in;
  in.op = o;
  return in;
}
inline Instr op(Opcode o, uint32_t index, uint32_t index2 = 0) {
  Instr in = op(o);
  in.index = index;
  in.index2 = index2;
  return in;
}
inline Instr i32c(int32_t v) {
  Instr in = op(Opcode::I32Const);
  in.bits = uint32_t(v);
  return in;
}
inline Instr i64c(int64_t v) {
  Instr in = op(Opcode::I64Const);
  in.bits = uint64_t(v);
  return in;
}
inline Instr f32c() { return op(Opcode::F32Const); }
inline Instr v128c() { return op(Opcode::V128Const); }
// A memory instruction: MemArg rows take (memory, align); Memory rows use only memory.
inline Instr mem(Opcode o, uint32_t memory, uint32_t align = 0, uint64_t offset = 0) {
  Instr in = op(o);
  in.mem = MemArg{memory, align, offset};
  return in;
}
inline Instr copy(uint32_t dst, uint32_t src) {
  Instr in = op(Opcode::MemoryCopy);
  in.mem.memory = dst;
  in.mem_src = src;
  return in;
}
inline Instr lane(Opcode o, uint8_t lane_index, uint32_t memory = 0, uint32_t align = 0) {
  Instr in = mem(o, memory, align);
  in.lane = lane_index;
  return in;
}
inline Instr block(Opcode o, BlockType::Kind kind = BlockType::Kind::Empty, ValType t = ValType::I32,
                   uint32_t type_index = 0) {
  Instr in = op(o);
  in.block.kind = kind;
  in.block.value = t;
  in.block.type_index = type_index;
  return in;
}
inline Instr block_result(Opcode o, ValType t) { return block(o, BlockType::Kind::Value, t); }
inline Instr ref_null(ValType t) {
  Instr in = op(Opcode::RefNull);
  in.ref_type = t;
  return in;
}
inline Instr br_table(std::vector<uint32_t> labels) {
  Instr in = op(Opcode::BrTable);
  in.labels = std::move(labels);
  return in;
}
inline Instr select_t(std::vector<ValType> types) {
  Instr in = op(Opcode::SelectT);
  in.types = std::move(types);
  return in;
}

// A body: the given instructions, then End. Positions are numbered 1, 2, ... for error checks.
inline Expr body(std::vector<Instr> instrs) {
  instrs.push_back(op(Opcode::End));
  for (size_t i = 0; i < instrs.size(); ++i) instrs[i].pos = uint32_t(i + 1);
  return instrs;
}

inline MemoryType memory_type(uint64_t min, std::optional<uint64_t> max = std::nullopt) {
  return MemoryType{Limits{min, max}};
}

// Adds a function of type params -> results with the given body; returns its index.
inline uint32_t add_func(Module& m, std::vector<ValType> params, std::vector<ValType> results,
                         std::vector<Instr> instrs, std::vector<ValType> locals = {}) {
  m.types.push_back(FuncType{std::move(params), std::move(results)});
  Function f;
  f.type = uint32_t(m.types.size() - 1);
  f.locals = std::move(locals);
  f.body = body(std::move(instrs));
  m.funcs.push_back(std::move(f));
  return m.func_count() - 1;
}

// A module with `memories` defined memories of one page each.
inline Module with_memories(uint32_t memories) {
  Module m;
  for (uint32_t i = 0; i < memories; ++i) m.memories.push_back(memory_type(1));
  return m;
}

inline std::string message(const Status& s) { return s.ok() ? std::string("ok") : s.error().message; }
inline std::string where(const Status& s) { return s.ok() ? std::string() : s.error().where; }

}  // namespace mnemo::test
