// tests/native/validate_memory_test.cpp: the multi-memory rules of the validator: memory indices
// of every memory instruction and data segment, alignment, lanes, and memory limits.
#include <gtest/gtest.h>

#include "validate_helpers.h"

namespace mnemo::test {
namespace {

TEST(ValidateMemory, LoadFromSecondOfTwoMemories) {
  Module m = with_memories(2);
  add_func(m, {}, {ValType::I32}, {i32c(0), mem(Opcode::I32Load, 1, 2)});
  EXPECT_EQ(message(validate_module(m)), "ok");
}

TEST(ValidateMemory, LoadFromMemoryTwoOfTwoIsUnknown) {
  Module m = with_memories(2);
  add_func(m, {}, {ValType::I32}, {i32c(0), mem(Opcode::I32Load, 2, 2)});
  Status s = validate_module(m);
  EXPECT_EQ(message(s), "unknown memory 2");
  EXPECT_NE(where(s).find("function 0"), std::string::npos) << where(s);
  EXPECT_NE(where(s).find("i32.load"), std::string::npos) << where(s);
  EXPECT_NE(where(s).find("memory index 2"), std::string::npos) << where(s);
  EXPECT_NE(where(s).find("byte offset 0x2"), std::string::npos) << where(s);
}

TEST(ValidateMemory, ImportedAndDefinedMemoriesShareOneIndexSpace) {
  Module m = with_memories(1);
  Import im;
  im.module = "env";
  im.name = "mem";
  im.kind = ExternKind::Memory;
  im.memory = memory_type(1, 2);
  m.imports.push_back(im);
  add_func(m, {}, {},
           {i32c(0), i64c(1), mem(Opcode::I64Store, 1, 3), i32c(0), i64c(1), mem(Opcode::I64Store, 0, 3)});
  EXPECT_EQ(message(validate_module(m)), "ok");
  add_func(m, {}, {}, {i32c(0), i64c(1), mem(Opcode::I64Store, 2, 3)});
  EXPECT_EQ(message(validate_module(m)), "unknown memory 2");
}

TEST(ValidateMemory, NoMemoryAtAll) {
  Module m;
  add_func(m, {}, {ValType::I32}, {mem(Opcode::MemorySize, 0)});
  EXPECT_EQ(message(validate_module(m)), "unknown memory 0");
}

TEST(ValidateMemory, MultipleMemoriesAreValid) {
  Module m = with_memories(5);
  add_func(m, {}, {ValType::I32}, {mem(Opcode::MemorySize, 4), mem(Opcode::MemoryGrow, 3)});
  EXPECT_EQ(message(validate_module(m)), "ok");
}

TEST(ValidateMemory, SizeGrowFillCheckTheirMemory) {
  for (Opcode o : {Opcode::MemorySize, Opcode::MemoryGrow, Opcode::MemoryFill}) {
    Module m = with_memories(2);
    std::vector<Instr> code;
    uint32_t params = info(o).param_count();
    for (uint32_t i = 0; i < params; ++i) code.push_back(i32c(0));
    code.push_back(mem(o, 2));
    if (info(o).result != SigType::___) code.push_back(op(Opcode::Drop));
    add_func(m, {}, {}, code);
    EXPECT_EQ(message(validate_module(m)), "unknown memory 2") << mnemonic(o);
    m.funcs[0].body[params].mem.memory = 1;
    EXPECT_EQ(message(validate_module(m)), "ok") << mnemonic(o);
  }
}

TEST(ValidateMemory, MemoryCopyChecksBothMemories) {
  Module m = with_memories(2);
  add_func(m, {}, {}, {i32c(0), i32c(0), i32c(1), copy(1, 0)});
  EXPECT_EQ(message(validate_module(m)), "ok");

  Module bad_src = with_memories(2);
  add_func(bad_src, {}, {}, {i32c(0), i32c(0), i32c(1), copy(0, 2)});
  Status s = validate_module(bad_src);
  EXPECT_EQ(message(s), "unknown memory 2");
  EXPECT_NE(where(s).find("memory.copy"), std::string::npos) << where(s);

  Module bad_dst = with_memories(2);
  add_func(bad_dst, {}, {}, {i32c(0), i32c(0), i32c(1), copy(3, 1)});
  EXPECT_EQ(message(validate_module(bad_dst)), "unknown memory 3");
}

TEST(ValidateMemory, MemoryInitChecksMemoryThenDataSegment) {
  Module m = with_memories(2);
  m.datas.push_back(DataSegment{});  // passive
  m.data_count = 1;
  Instr init = mem(Opcode::MemoryInit, 1);
  init.index = 0;
  add_func(m, {}, {}, {i32c(0), i32c(0), i32c(0), init});
  EXPECT_EQ(message(validate_module(m)), "ok");

  m.funcs[0].body[3].index = 1;
  EXPECT_EQ(message(validate_module(m)), "unknown data segment 1");
  m.funcs[0].body[3].mem.memory = 2;
  EXPECT_EQ(message(validate_module(m)), "unknown memory 2");
}

TEST(ValidateMemory, DataDropChecksDataIndex) {
  Module m = with_memories(1);
  add_func(m, {}, {}, {op(Opcode::DataDrop, 0)});
  EXPECT_EQ(message(validate_module(m)), "unknown data segment 0");
  m.datas.push_back(DataSegment{});
  EXPECT_EQ(message(validate_module(m)), "ok");
}

TEST(ValidateMemory, ActiveDataSegmentMemoryIndex) {
  Module m = with_memories(2);
  DataSegment d;
  d.mode = DataSegment::Mode::Active;
  d.memory = 1;
  d.offset = body({i32c(0)});
  m.datas.push_back(d);
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.datas[0].memory = 3;
  Status s = validate_module(m);
  EXPECT_EQ(message(s), "unknown memory 3");
  EXPECT_NE(where(s).find("data segment 0"), std::string::npos) << where(s);
  m.datas[0].memory = 0;
  m.datas[0].offset = body({i64c(0)});
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
}

TEST(ValidateMemory, ExportOfUnknownMemory) {
  Module m = with_memories(2);
  m.exports.push_back(Export{"m1", ExternKind::Memory, 1});
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.exports.push_back(Export{"m2", ExternKind::Memory, 2});
  EXPECT_EQ(message(validate_module(m)), "unknown memory 2");
}

TEST(ValidateMemory, AlignmentMustNotExceedNatural) {
  struct Case {
    Opcode op;
    uint32_t max_align;
  } cases[] = {{Opcode::I32Load8U, 0}, {Opcode::I32Load16S, 1}, {Opcode::I32Load, 2},
               {Opcode::I64Load, 3},   {Opcode::I64Load32U, 2}, {Opcode::V128Load, 4}};
  for (const Case& c : cases) {
    Module ok = with_memories(2);
    add_func(ok, {}, {}, {i32c(0), mem(c.op, 1, c.max_align), op(Opcode::Drop)});
    EXPECT_EQ(message(validate_module(ok)), "ok") << mnemonic(c.op);
    Module bad = with_memories(2);
    add_func(bad, {}, {}, {i32c(0), mem(c.op, 1, c.max_align + 1), op(Opcode::Drop)});
    Status s = validate_module(bad);
    EXPECT_EQ(message(s), "alignment must not be larger than natural") << mnemonic(c.op);
    EXPECT_NE(where(s).find("memory index 1"), std::string::npos) << where(s);
  }
}

// A module built in memory (not decoded, not parsed) may hold any u64 offset; memories are
// 32-bit, and the interpreter keeps the memory index in the offset word's high half.
TEST(ValidateMemory, OffsetMustFit32Bits) {
  Module ok = with_memories(2);
  add_func(ok, {}, {}, {i32c(0), mem(Opcode::I32Load, 1, 2, 0xffffffffu), op(Opcode::Drop)});
  EXPECT_EQ(message(validate_module(ok)), "ok");
  Module bad = with_memories(2);
  add_func(bad, {}, {}, {i32c(0), mem(Opcode::I32Load, 1, 2, uint64_t(1) << 32), op(Opcode::Drop)});
  Status s = validate_module(bad);
  EXPECT_EQ(message(s), "offset out of range");
  EXPECT_NE(where(s).find("memory index 1"), std::string::npos) << where(s);
}

TEST(ValidateMemory, UnknownMemoryReportedBeforeAlignment) {
  Module m = with_memories(1);
  add_func(m, {}, {}, {i32c(0), i32c(0), mem(Opcode::I32Store, 1, 7)});
  EXPECT_EQ(message(validate_module(m)), "unknown memory 1");
}

TEST(ValidateMemory, LaneAccessChecksLaneAndMemory) {
  // v128.load32_lane: 4 lanes of 4 bytes.
  auto module_with = [](uint8_t lane_index, uint32_t memory, uint32_t align) {
    Module m = with_memories(2);
    add_func(m, {}, {ValType::V128}, {i32c(0), v128c(), lane(Opcode::V128Load32Lane, lane_index, memory, align)});
    return m;
  };
  EXPECT_EQ(message(validate_module(module_with(3, 1, 2))), "ok");
  EXPECT_EQ(message(validate_module(module_with(4, 1, 2))), "invalid lane index");
  EXPECT_EQ(message(validate_module(module_with(3, 2, 2))), "unknown memory 2");
  EXPECT_EQ(message(validate_module(module_with(3, 1, 3))), "alignment must not be larger than natural");

  Module store = with_memories(1);
  add_func(store, {}, {}, {i32c(0), v128c(), lane(Opcode::V128Store8Lane, 15)});
  EXPECT_EQ(message(validate_module(store)), "ok");
  store.funcs[0].body[2].lane = 16;
  EXPECT_EQ(message(validate_module(store)), "invalid lane index");
}

TEST(ValidateMemory, ExtractAndReplaceLane) {
  Module m;
  Instr extract = op(Opcode::I16x8ExtractLaneU);
  extract.lane = 7;
  add_func(m, {}, {ValType::I32}, {v128c(), extract});
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.funcs[0].body[1].lane = 8;
  EXPECT_EQ(message(validate_module(m)), "invalid lane index");

  Module r;
  Instr replace = op(Opcode::I64x2ReplaceLane);
  replace.lane = 2;
  add_func(r, {}, {ValType::V128}, {v128c(), i64c(0), replace});
  EXPECT_EQ(message(validate_module(r)), "invalid lane index");
}

TEST(ValidateMemory, ShuffleLanesBelow32) {
  Module m;
  Instr shuffle = op(Opcode::I8x16Shuffle);
  for (uint8_t i = 0; i < 16; ++i) shuffle.v128.bytes[i] = uint8_t(i * 2 + 1);  // 1..31
  add_func(m, {}, {ValType::V128}, {v128c(), v128c(), shuffle});
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.funcs[0].body[2].v128.bytes[5] = 32;
  EXPECT_EQ(message(validate_module(m)), "invalid lane index");
}

TEST(ValidateMemory, MemoryLimits) {
  Module m;
  m.memories = {memory_type(0), memory_type(65536, 65536), memory_type(1, 1)};
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.memories.push_back(memory_type(65537));
  EXPECT_EQ(message(validate_module(m)), "memory size must be at most 65536 pages (4GiB)");
  m.memories.back() = memory_type(0, 65537);
  EXPECT_EQ(message(validate_module(m)), "memory size must be at most 65536 pages (4GiB)");
  m.memories.back() = memory_type(2, 1);
  Status s = validate_module(m);
  EXPECT_EQ(message(s), "size minimum must not be greater than maximum");
  EXPECT_NE(where(s).find("memory 3"), std::string::npos) << where(s);
}

TEST(ValidateMemory, ImportedMemoryLimits) {
  Module m;
  Import im;
  im.kind = ExternKind::Memory;
  im.memory = memory_type(3, 2);
  m.imports.push_back(im);
  EXPECT_EQ(message(validate_module(m)), "size minimum must not be greater than maximum");
}

TEST(ValidateMemory, OperandTypesOfMemoryInstructionsComeFromTheTable) {
  Module m = with_memories(2);
  add_func(m, {}, {}, {i64c(0), mem(Opcode::I32Load, 1, 2), op(Opcode::Drop)});  // address must be i32
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  Module s = with_memories(2);
  add_func(s, {}, {}, {i32c(0), i32c(0), mem(Opcode::F32Store, 1, 2)});  // value must be f32
  EXPECT_EQ(message(validate_module(s)), "type mismatch");
}

}  // namespace
}  // namespace mnemo::test
