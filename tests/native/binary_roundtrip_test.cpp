// tests/native/binary_roundtrip_test.cpp: encode_module's canonical choices (segment flag forms,
// memarg bit 6, local runs, section placement, names) and decode(encode(m)) == m.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/binary/reader.h"
#include "core/binary/writer.h"

namespace mnemo {
namespace {

using Bytes = std::vector<uint8_t>;

Instr make(Opcode op) {
  Instr in;
  in.op = op;
  return in;
}
Instr make_index(Opcode op, uint32_t index) {
  Instr in = make(op);
  in.index = index;
  return in;
}
Instr i32_const(uint32_t v) {
  Instr in = make(Opcode::I32Const);
  in.bits = v;
  return in;
}
Instr mem_op(Opcode op, uint32_t memory, uint32_t align, uint64_t offset) {
  Instr in = make(op);
  in.mem = MemArg{memory, align, offset};
  return in;
}
Expr const_expr(uint32_t v) { return {i32_const(v), make(Opcode::End)}; }
Expr ref_func(uint32_t f) { return {make_index(Opcode::RefFunc, f), make(Opcode::End)}; }

// Decodes the encoding of m and checks it is the same module.
Module round_trip(const Module& m, const EncodeOptions& options = {}) {
  const Bytes bytes = encode_module(m, options);
  auto back = decode_module(bytes);
  EXPECT_TRUE(back.ok()) << back.error().str();
  if (!back.ok()) return {};
  EXPECT_EQ(structural_difference(m, *back), "");
  return std::move(*back);
}

bool contains(const Bytes& haystack, const Bytes& needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

// A module with one function [] -> [] and `memories` memories; body gets an `end` appended.
Module func_module(Expr body, int memories) {
  Module m;
  m.types.push_back({});
  Function f;
  body.push_back(make(Opcode::End));
  f.body = std::move(body);
  m.funcs.push_back(f);
  for (int i = 0; i < memories; ++i) m.memories.push_back(MemoryType{Limits{1, 2}});
  return m;
}

TEST(BinaryRoundTrip, MemArgCarriesBitSixOnlyForOtherMemories) {
  Module m = func_module({i32_const(0), mem_op(Opcode::I32Load, 0, 2, 8), make(Opcode::Drop), i32_const(0),
                          mem_op(Opcode::I32Load, 2, 2, 8), make(Opcode::Drop)},
                         3);
  const Bytes bytes = encode_module(m);
  const uint8_t load = uint8_t(info(Opcode::I32Load).code);
  EXPECT_TRUE(contains(bytes, {load, 0x02, 0x08}));
  EXPECT_TRUE(contains(bytes, {load, 0x42, 0x02, 0x08}));
  Module back = round_trip(m);
  ASSERT_EQ(back.funcs.size(), 1u);
  EXPECT_EQ(back.funcs[0].body[4].mem.memory, 2u);
}

TEST(BinaryRoundTrip, MemoryInstructionsKeepTheirIndices) {
  Instr copy = make(Opcode::MemoryCopy);
  copy.mem.memory = 1;
  copy.mem_src = 0;
  Instr fill = make(Opcode::MemoryFill);
  fill.mem.memory = 2;
  Instr size = make(Opcode::MemorySize);
  size.mem.memory = 1;
  Instr init = make_index(Opcode::MemoryInit, 0);
  init.mem.memory = 2;
  Module m = func_module({i32_const(0), i32_const(0), i32_const(0), copy, i32_const(0), i32_const(0), i32_const(0), fill,
                          size, make(Opcode::Drop), i32_const(0), i32_const(0), i32_const(0), init},
                         3);
  DataSegment passive;
  passive.bytes = {1, 2, 3};
  m.datas.push_back(passive);
  m.data_count = 1;
  const Bytes bytes = encode_module(m);
  const OpcodeInfo& c = info(Opcode::MemoryCopy);
  EXPECT_TRUE(contains(bytes, {c.prefix, uint8_t(c.code), 0x01, 0x00}));
  round_trip(m);
}

TEST(BinaryRoundTrip, DataSegmentForms) {
  Module m;
  for (int i = 0; i < 3; ++i) m.memories.push_back(MemoryType{Limits{1, std::nullopt}});
  DataSegment a;
  a.mode = DataSegment::Mode::Active;
  a.memory = 2;
  a.offset = const_expr(16);
  a.bytes = {'a'};
  DataSegment b = a;
  b.memory = 0;
  DataSegment c;
  c.bytes = {'c'};
  m.datas = {a, b, c};
  const Bytes bytes = encode_module(m);
  const uint8_t i32c = uint8_t(info(Opcode::I32Const).code);
  const uint8_t end = uint8_t(info(Opcode::End).code);
  EXPECT_TRUE(contains(bytes, {0x03, 0x02, 0x02, i32c, 0x10, end, 0x01, 'a'}));  // flags 2, memory 2
  EXPECT_TRUE(contains(bytes, {0x00, i32c, 0x10, end, 0x01, 'a'}));              // flags 0
  EXPECT_TRUE(contains(bytes, {0x01, 0x01, 'c'}));                               // flags 1
  EXPECT_FALSE(contains(bytes, {0x0C}));  // no DataCount section unless the module has one
  round_trip(m);
}

TEST(BinaryRoundTrip, ElementSegmentsUseTheSmallestForm) {
  Module m;
  m.types.push_back({});
  m.funcs.push_back(Function{0, {}, {make(Opcode::End)}, 0});
  m.tables.push_back(TableType{ValType::FuncRef, Limits{4, std::nullopt}});
  m.tables.push_back(TableType{ValType::ExternRef, Limits{4, std::nullopt}});
  m.tables.push_back(TableType{ValType::FuncRef, Limits{4, std::nullopt}});
  auto seg = [](ElemSegment::Mode mode, ValType type, uint32_t table, std::vector<Expr> init) {
    ElemSegment s;
    s.mode = mode;
    s.type = type;
    s.table = table;
    if (mode == ElemSegment::Mode::Active) s.offset = const_expr(0);
    s.init = std::move(init);
    return s;
  };
  Instr null_func = make(Opcode::RefNull);
  null_func.ref_type = ValType::FuncRef;
  Instr null_extern = make(Opcode::RefNull);
  null_extern.ref_type = ValType::ExternRef;
  using Mode = ElemSegment::Mode;
  m.elems = {
      seg(Mode::Active, ValType::FuncRef, 0, {ref_func(0)}),                             // 0
      seg(Mode::Passive, ValType::FuncRef, 0, {ref_func(0)}),                            // 1
      seg(Mode::Active, ValType::FuncRef, 2, {ref_func(0)}),                             // 2
      seg(Mode::Declarative, ValType::FuncRef, 0, {ref_func(0)}),                        // 3
      seg(Mode::Active, ValType::FuncRef, 0, {ref_func(0), {null_func, make(Opcode::End)}}),  // 4
      seg(Mode::Passive, ValType::ExternRef, 0, {{null_extern, make(Opcode::End)}}),     // 5
      seg(Mode::Active, ValType::ExternRef, 1, {{null_extern, make(Opcode::End)}}),      // 6
      seg(Mode::Declarative, ValType::FuncRef, 0, {{null_func, make(Opcode::End)}}),     // 7
  };
  Module back = round_trip(m);
  // Re-decode each segment alone to read back the flags the encoder chose.
  for (uint32_t i = 0; i < m.elems.size(); ++i) {
    Module one = m;
    one.elems = {m.elems[i]};
    const Bytes bytes = encode_module(one);
    // The element section is the one with id 9: id, size, count 1, then the flags.
    size_t at = 8;
    while (at < bytes.size() && bytes[at] != 9) at += 2 + bytes[at + 1];
    ASSERT_LT(at + 3, bytes.size());
    EXPECT_EQ(bytes[at + 3], i) << "segment " << i;
  }
}

TEST(BinaryRoundTrip, LocalsAreWrittenAsRuns) {
  Module m = func_module({}, 0);
  m.funcs[0].locals = {ValType::I32, ValType::I32, ValType::I32, ValType::F64, ValType::I32};
  const Bytes bytes = encode_module(m);
  EXPECT_TRUE(contains(bytes, {0x03, 0x03, 0x7F, 0x01, 0x7C, 0x01, 0x7F}));
  EXPECT_EQ(round_trip(m).funcs[0].locals, m.funcs[0].locals);
}

TEST(BinaryRoundTrip, EveryImmediateKindSurvives) {
  Module m = func_module({}, 2);
  m.types.push_back(FuncType{{ValType::I32}, {ValType::I32}});
  m.tables.push_back(TableType{ValType::FuncRef, Limits{1, 10}});
  Global g;
  g.type = GlobalType{ValType::I64, true};
  Instr i64c = make(Opcode::I64Const);
  i64c.bits = uint64_t(-5);
  g.init = {i64c, make(Opcode::End)};
  m.globals.push_back(g);
  ElemSegment e;
  e.init = {ref_func(0)};
  m.elems.push_back(e);
  DataSegment d;
  m.datas.push_back(d);
  m.data_count = 1;

  Expr& b = m.funcs[0].body;
  b.clear();
  Instr block = make(Opcode::Block);
  block.block.kind = BlockType::Kind::TypeIndex;
  block.block.type_index = 1;
  Instr br_table = make(Opcode::BrTable);
  br_table.labels = {0, 1, 0};
  Instr f32c = make(Opcode::F32Const);
  f32c.bits = 0x7FC00001;
  Instr f64c = make(Opcode::F64Const);
  f64c.bits = 0xFFF0000000000000;
  Instr v128c = make(Opcode::V128Const);
  for (int i = 0; i < 16; ++i) v128c.v128.bytes[i] = uint8_t(i * 17);
  Instr shuffle = make(Opcode::I8x16Shuffle);
  shuffle.v128.bytes = {0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 31};
  Instr lane = make(Opcode::I8x16ExtractLaneU);
  lane.lane = 15;
  Instr load_lane = mem_op(Opcode::V128Load32Lane, 1, 2, 1u << 20);
  load_lane.lane = 3;
  Instr call_indirect = make_index(Opcode::CallIndirect, 1);
  call_indirect.index2 = 0;
  Instr select_t = make(Opcode::SelectT);
  select_t.types = {ValType::V128};
  Instr table_init = make_index(Opcode::TableInit, 0);
  table_init.index2 = 0;
  Instr table_copy = make_index(Opcode::TableCopy, 0);
  Instr ref_null = make(Opcode::RefNull);
  ref_null.ref_type = ValType::ExternRef;
  Instr min_i32 = i32_const(0x80000000u);
  b = {i32_const(1), block, br_table, make(Opcode::End), make(Opcode::Drop), f32c, make(Opcode::Drop), f64c,
       make(Opcode::Drop), v128c, v128c, shuffle, lane, make(Opcode::Drop), i32_const(0), v128c, load_lane,
       make(Opcode::Drop), i32_const(7), call_indirect, make(Opcode::Drop), v128c, v128c, i32_const(1), select_t,
       make(Opcode::Drop), min_i32, make(Opcode::Drop), make_index(Opcode::GlobalGet, 0), make(Opcode::Drop),
       i32_const(0), i32_const(0), i32_const(0), table_init, make_index(Opcode::ElemDrop, 0), i32_const(0),
       i32_const(0), i32_const(0), table_copy, make_index(Opcode::DataDrop, 0), ref_null, make(Opcode::Drop),
       make(Opcode::End)};
  Module back = round_trip(m);
  ASSERT_EQ(back.funcs.size(), 1u);
  EXPECT_EQ(back.funcs[0].body[26].bits, 0x80000000u);
  EXPECT_EQ(back.funcs[0].body[16].mem, (MemArg{1, 2, 1u << 20}));
}

TEST(BinaryRoundTrip, CustomSectionsFollowTheirSection) {
  Module m = func_module({}, 1);
  m.customs.push_back(CustomSection{"first", {1}, 0});
  m.customs.push_back(CustomSection{"after-memory", {2}, 5});
  m.customs.push_back(CustomSection{"after-table", {3}, 4});  // the table section is empty
  m.customs.push_back(CustomSection{"last", {}, 11});
  Module back = round_trip(m);
  ASSERT_EQ(back.customs.size(), 4u);
  EXPECT_EQ(back.customs[0].name, "first");
  EXPECT_EQ(back.customs[0].after_section, 0);
  EXPECT_EQ(back.customs[1].name, "after-table");
  EXPECT_EQ(back.customs[1].after_section, 3);  // what precedes it once the empty table section is gone
  EXPECT_EQ(back.customs[2].name, "after-memory");
  EXPECT_EQ(back.customs[2].after_section, 5);
  EXPECT_EQ(back.customs[3].name, "last");
  EXPECT_EQ(back.customs[3].after_section, 10);
}

TEST(BinaryRoundTrip, NamesAreWrittenOnRequest) {
  Module m = func_module({}, 2);
  m.funcs[0].locals = {ValType::I32};
  m.names.module = "mod";
  m.names.funcs[0] = "main";
  m.names.locals[0][0] = "counter";
  m.names.memories[1] = "heap";
  m.names.globals[3] = "g";

  Module without = round_trip(m);
  EXPECT_TRUE(without.names.funcs.empty());
  EXPECT_TRUE(without.customs.empty());

  Module with = round_trip(m, EncodeOptions{.emit_names = true});
  EXPECT_EQ(with.names.module, "mod");
  EXPECT_EQ(with.names.funcs, m.names.funcs);
  EXPECT_EQ(with.names.locals, m.names.locals);
  EXPECT_EQ(with.names.memories, m.names.memories);
  EXPECT_EQ(with.names.globals, m.names.globals);
  // Encoding again with names does not duplicate the name section.
  Module twice = round_trip(with, EncodeOptions{.emit_names = true});
  EXPECT_EQ(twice.customs.size(), 1u);
}

TEST(BinaryRoundTrip, EncodingIsDeterministic) {
  Module m = func_module({i32_const(5), make(Opcode::Drop)}, 1);
  m.exports.push_back(Export{"run", ExternKind::Func, 0, 0});
  m.start = 0;
  Import im;
  im.module = "env";
  im.name = "mem";
  im.kind = ExternKind::Memory;
  im.memory = MemoryType{Limits{1, 3}};
  m.imports.push_back(im);
  const Bytes a = encode_module(m);
  auto back = decode_module(a);
  ASSERT_TRUE(back.ok()) << back.error().str();
  EXPECT_EQ(encode_module(*back), a);
  EXPECT_EQ(structural_difference(m, *back), "");
}

}  // namespace
}  // namespace mnemo
