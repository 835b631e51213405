// tests/native/wat_parser_test.cpp: parse_wat on hand-written modules: the multi-memory syntax
// of every memory instruction and segment, the spec's abbreviations, folded versus flat
// instructions, $names in every index space, and errors with their line:column.
#include <gtest/gtest.h>

#include "core/text/wat_parser.h"

namespace mnemo {
namespace {

Module parse_ok(std::string_view text) {
  auto m = parse_wat(text);
  EXPECT_TRUE(m.ok()) << m.error().str() << "\nin: " << text;
  return m.ok() ? std::move(m).value() : Module{};
}

// The error, as "line L:C: message".
std::string parse_error(std::string_view text) {
  auto m = parse_wat(text);
  EXPECT_FALSE(m.ok()) << "parsed: " << text;
  return m.ok() ? std::string() : m.error().str();
}

// Body of the only (or first) defined function, without its final End.
std::vector<Instr> body(const Module& m, size_t func = 0) {
  if (func >= m.funcs.size()) return {};
  std::vector<Instr> out = m.funcs[func].body;
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(out.back().op, Opcode::End);
  out.pop_back();
  return out;
}

std::vector<Opcode> ops(const std::vector<Instr>& instrs) {
  std::vector<Opcode> out;
  for (const Instr& in : instrs) out.push_back(in.op);
  return out;
}

// ---------------------------------------------------------------- multi-memory instructions

TEST(WatMultiMemory, MemargWithMemoryIndexOffsetAndAlign) {
  Module m = parse_ok(R"((module
    (memory $a 1) (memory $b 1) (memory $c 1)
    (func
      (drop (i32.load $b offset=4 align=2 (i32.const 0)))
      (drop (i32.load 2 (i32.const 0)))
      (drop (i64.load16_s (i32.const 0)))
      (i64.store offset=0x10 (i32.const 0) (i64.const 1))
      (f32.store $c align=1 (i32.const 0) (f32.const 0))
      (drop (i32.load8_u 1 offset=4294967295 (i32.const 0))))))");
  auto b = body(m);
  ASSERT_EQ(b.size(), 18u);
  EXPECT_EQ(b[1].op, Opcode::I32Load);
  EXPECT_EQ(b[1].mem, (MemArg{1, 1, 4}));
  EXPECT_EQ(b[4].mem, (MemArg{2, 2, 0}));  // natural alignment of i32.load is 4 = 2^2
  EXPECT_EQ(b[7].mem, (MemArg{0, 1, 0}));  // i64.load16_s: natural 2 bytes
  EXPECT_EQ(b[11].op, Opcode::I64Store);
  EXPECT_EQ(b[11].mem, (MemArg{0, 3, 16}));
  EXPECT_EQ(b[14].mem, (MemArg{2, 0, 0}));
  EXPECT_EQ(b[16].mem, (MemArg{1, 0, 4294967295u}));
}

TEST(WatMultiMemory, LaneInstructionsTellMemoryIndexFromLane) {
  Module m = parse_ok(R"((module
    (memory 1) (memory $m 1) (memory 1)
    (func (param v128)
      (drop (v128.load8_lane 3 (i32.const 0) (local.get 0)))
      (drop (v128.load8_lane 1 3 (i32.const 0) (local.get 0)))
      (drop (v128.load16_lane $m offset=1 align=1 7 (i32.const 0) (local.get 0)))
      (drop (v128.load32_lane 2 offset=8 1 (i32.const 0) (local.get 0)))
      (v128.store32_lane 2 1 (i32.const 0) (local.get 0))
      (v128.store64_lane align=4 1 (i32.const 0) (local.get 0)))))");
  auto b = body(m);
  std::vector<Instr> lanes;
  for (const Instr& in : b)
    if (info(in.op).imm == ImmKind::MemArgLane) lanes.push_back(in);
  ASSERT_EQ(lanes.size(), 6u);
  EXPECT_EQ(lanes[0].mem, (MemArg{0, 0, 0}));
  EXPECT_EQ(lanes[0].lane, 3);
  EXPECT_EQ(lanes[1].mem, (MemArg{1, 0, 0}));
  EXPECT_EQ(lanes[1].lane, 3);
  EXPECT_EQ(lanes[2].mem, (MemArg{1, 0, 1}));
  EXPECT_EQ(lanes[2].lane, 7);
  EXPECT_EQ(lanes[3].mem, (MemArg{2, 2, 8}));
  EXPECT_EQ(lanes[3].lane, 1);
  EXPECT_EQ(lanes[4].op, Opcode::V128Store32Lane);
  EXPECT_EQ(lanes[4].mem, (MemArg{2, 2, 0}));
  EXPECT_EQ(lanes[4].lane, 1);
  EXPECT_EQ(lanes[5].mem, (MemArg{0, 2, 0}));
  EXPECT_EQ(lanes[5].lane, 1);
}

TEST(WatMultiMemory, BulkAndSizeInstructions) {
  Module m = parse_ok(R"((module
    (memory $x 1) (memory $y 1) (memory $z 1)
    (data $d "abc") (data $e "")
    (func
      (drop (memory.size $y)) (drop (memory.size))
      (drop (memory.grow 2 (i32.const 1)))
      (memory.fill 2 (i32.const 0) (i32.const 0) (i32.const 0))
      (memory.copy $z $x (i32.const 0) (i32.const 0) (i32.const 0))
      (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
      (memory.init $y $e (i32.const 0) (i32.const 0) (i32.const 0))
      (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 0))
      (data.drop $d))))");
  std::vector<Instr> picked;
  for (const Instr& in : body(m))
    if (in.op != Opcode::I32Const && in.op != Opcode::Drop) picked.push_back(in);
  ASSERT_EQ(picked.size(), 9u);
  EXPECT_EQ(picked[0].mem.memory, 1u);
  EXPECT_EQ(picked[1].mem.memory, 0u);
  EXPECT_EQ(picked[2].op, Opcode::MemoryGrow);
  EXPECT_EQ(picked[2].mem.memory, 2u);
  EXPECT_EQ(picked[3].mem.memory, 2u);
  EXPECT_EQ(picked[4].mem.memory, 2u);
  EXPECT_EQ(picked[4].mem_src, 0u);
  EXPECT_EQ(picked[5].mem.memory, 0u);
  EXPECT_EQ(picked[5].mem_src, 0u);
  EXPECT_EQ(picked[6].op, Opcode::MemoryInit);
  EXPECT_EQ(picked[6].mem.memory, 1u);
  EXPECT_EQ(picked[6].index, 1u);
  EXPECT_EQ(picked[7].mem.memory, 0u);
  EXPECT_EQ(picked[7].index, 1u);
  EXPECT_EQ(picked[8].op, Opcode::DataDrop);
  EXPECT_EQ(picked[8].index, 0u);
  EXPECT_EQ(m.data_count, 2u);  // memory.init / data.drop need the DataCount section
}

TEST(WatMultiMemory, DataSegmentForms) {
  Module m = parse_ok(R"((module
    (memory $m0 1) (memory $m1 1) (memory $m2 1)
    (data (i32.const 0) "a")
    (data (memory 1) (i32.const 2) "b" "c")
    (data $d (memory $m2) (offset (i32.const 3)) "d")
    (data (memory $m1) (offset (i32.const 0)))
    (data $p "passive")
    (data $q)
    (data 2 (i32.const 5) "legacy")))");
  ASSERT_EQ(m.datas.size(), 7u);
  EXPECT_EQ(m.datas[0].mode, DataSegment::Mode::Active);
  EXPECT_EQ(m.datas[0].memory, 0u);
  EXPECT_EQ(m.datas[1].memory, 1u);
  EXPECT_EQ(m.datas[1].bytes, (std::vector<uint8_t>{'b', 'c'}));
  EXPECT_EQ(m.datas[1].offset[0].bits, 2u);
  EXPECT_EQ(m.datas[2].memory, 2u);
  EXPECT_EQ(m.datas[2].offset.size(), 2u);
  EXPECT_EQ(m.datas[2].offset[0].bits, 3u);
  EXPECT_EQ(m.datas[3].memory, 1u);
  EXPECT_TRUE(m.datas[3].bytes.empty());
  EXPECT_EQ(m.datas[4].mode, DataSegment::Mode::Passive);
  EXPECT_EQ(m.datas[5].mode, DataSegment::Mode::Passive);
  EXPECT_EQ(m.datas[6].memory, 2u);
  EXPECT_EQ(m.names.datas.at(2), "d");
  EXPECT_EQ(m.names.datas.at(4), "p");
  EXPECT_FALSE(m.data_count.has_value());
}

TEST(WatMultiMemory, InlineDataInSecondMemory) {
  Module m = parse_ok(R"((module
    (memory $a 0)
    (memory $b (export "b") (data "ab" "cd"))
    (memory $c (data))
    (func (export "f") (result i32) (i32.load8_u $b (i32.const 1)))))");
  ASSERT_EQ(m.memories.size(), 3u);
  EXPECT_EQ(m.memories[1].limits, (Limits{1, 1}));
  EXPECT_EQ(m.memories[2].limits, (Limits{0, 0}));
  ASSERT_EQ(m.datas.size(), 2u);
  EXPECT_EQ(m.datas[0].memory, 1u);
  EXPECT_EQ(m.datas[0].bytes, (std::vector<uint8_t>{'a', 'b', 'c', 'd'}));
  EXPECT_EQ(m.datas[0].offset[0].op, Opcode::I32Const);
  EXPECT_EQ(m.datas[1].memory, 2u);
  ASSERT_EQ(m.exports.size(), 2u);
  EXPECT_EQ(m.exports[0].kind, ExternKind::Memory);
  EXPECT_EQ(m.exports[0].index, 1u);
  EXPECT_EQ(body(m)[1].mem.memory, 1u);
}

TEST(WatMultiMemory, InlineImportsAndExportsOfMemories) {
  Module m = parse_ok(R"((module
    (import "env" "m0" (memory $m0 1))
    (memory $m1 (import "env" "m1") 2 3)
    (memory $m2 (export "a") (export "b") 1)
    (export "m0" (memory $m0))))");
  ASSERT_EQ(m.imports.size(), 2u);
  EXPECT_EQ(m.imports[1].kind, ExternKind::Memory);
  EXPECT_EQ(m.imports[1].name, "m1");
  EXPECT_EQ(m.imports[1].memory.limits, (Limits{2, 3}));
  ASSERT_EQ(m.memories.size(), 1u);
  ASSERT_EQ(m.exports.size(), 3u);
  EXPECT_EQ(m.exports[0].name, "a");
  EXPECT_EQ(m.exports[0].index, 2u);
  EXPECT_EQ(m.exports[1].name, "b");
  EXPECT_EQ(m.exports[1].index, 2u);
  EXPECT_EQ(m.exports[2].index, 0u);
  EXPECT_EQ(m.names.memories.at(1), "m1");
  EXPECT_EQ(m.memory_count(), 3u);
}

// ---------------------------------------------------------------- abbreviations

TEST(WatAbbreviations, InlineTypesReuseOrAppend) {
  Module m = parse_ok(R"((module
    (func $f (result f64) (f64.const 0))
    (func $g (param i32))
    (func $h (result f64) (f64.const 1))
    (type $t (func (param i32)))
    (func (type $t) (param $x i32))
    (func (param i32 i64) (result i32) (local.get 0))))");
  ASSERT_EQ(m.types.size(), 3u);
  EXPECT_EQ(m.types[0], (FuncType{{ValType::I32}, {}}));     // the explicit type comes first
  EXPECT_EQ(m.types[1], (FuncType{{}, {ValType::F64}}));     // then inline ones, in order
  EXPECT_EQ(m.types[2], (FuncType{{ValType::I32, ValType::I64}, {ValType::I32}}));
  EXPECT_EQ(m.funcs[0].type, 1u);
  EXPECT_EQ(m.funcs[1].type, 0u);
  EXPECT_EQ(m.funcs[2].type, 1u);
  EXPECT_EQ(m.funcs[3].type, 0u);
  EXPECT_EQ(m.funcs[4].type, 2u);
  EXPECT_EQ(m.names.locals.at(3).at(0), "x");
}

TEST(WatAbbreviations, TableInlineElem) {
  Module m = parse_ok(R"((module
    (import "m" "t" (table $ti 1 funcref))
    (func $f) (func $g)
    (table $t0 0 funcref)
    (table $t1 funcref (elem $f $g $f))
    (table $t2 externref (elem (ref.null extern) (item ref.null extern)))))");
  ASSERT_EQ(m.tables.size(), 3u);
  EXPECT_EQ(m.tables[1], (TableType{ValType::FuncRef, Limits{3, 3}}));
  EXPECT_EQ(m.tables[2], (TableType{ValType::ExternRef, Limits{2, 2}}));
  ASSERT_EQ(m.elems.size(), 2u);
  EXPECT_EQ(m.elems[0].mode, ElemSegment::Mode::Active);
  EXPECT_EQ(m.elems[0].table, 2u);  // index space: the import, $t0, then $t1
  ASSERT_EQ(m.elems[0].init.size(), 3u);
  EXPECT_EQ(m.elems[0].init[1][0].op, Opcode::RefFunc);
  EXPECT_EQ(m.elems[0].init[1][0].index, 1u);
  EXPECT_EQ(m.elems[1].table, 3u);
  EXPECT_EQ(m.elems[1].type, ValType::ExternRef);
  EXPECT_EQ(m.elems[1].init[1][0].op, Opcode::RefNull);
  EXPECT_EQ(m.elems[1].init[1][0].ref_type, ValType::ExternRef);
}

TEST(WatAbbreviations, ElemSegmentForms) {
  Module m = parse_ok(R"((module
    (table $t 10 funcref) (table $u 10 funcref)
    (func $f) (func $g)
    (elem (i32.const 0) $f $g)
    (elem (table $u) (offset (i32.const 1)) func $g)
    (elem $e (table $u) (i32.const 2) funcref (ref.func $f) (ref.null func))
    (elem declare func $f)
    (elem $p func $g $f)
    (elem funcref (item ref.func $f) (item (ref.func $g)))
    (elem (offset (i32.const 3)))
    (elem 1 (i32.const 4) $g)))");
  ASSERT_EQ(m.elems.size(), 8u);
  EXPECT_EQ(m.elems[0].mode, ElemSegment::Mode::Active);
  EXPECT_EQ(m.elems[0].table, 0u);
  EXPECT_EQ(m.elems[0].type, ValType::FuncRef);
  EXPECT_EQ(m.elems[0].init.size(), 2u);
  EXPECT_EQ(m.elems[1].table, 1u);
  EXPECT_EQ(m.elems[1].offset[0].bits, 1u);
  EXPECT_EQ(m.elems[2].init.size(), 2u);
  EXPECT_EQ(m.elems[2].init[1][0].op, Opcode::RefNull);
  EXPECT_EQ(m.elems[3].mode, ElemSegment::Mode::Declarative);
  EXPECT_EQ(m.elems[4].mode, ElemSegment::Mode::Passive);
  EXPECT_EQ(m.elems[4].init[1][0].index, 0u);
  EXPECT_EQ(m.elems[5].init.size(), 2u);
  EXPECT_EQ(m.elems[5].init[1][0].index, 1u);
  EXPECT_EQ(m.elems[6].mode, ElemSegment::Mode::Active);
  EXPECT_TRUE(m.elems[6].init.empty());
  EXPECT_EQ(m.elems[7].table, 1u);
  EXPECT_EQ(m.names.elems.at(2), "e");
  EXPECT_EQ(m.names.elems.at(4), "p");
}

TEST(WatAbbreviations, GlobalsImportsExports) {
  Module m = parse_ok(R"((module
    (global $gi (import "m" "g") (mut i64))
    (func $fi (import "m" "f") (param i32) (result i32))
    (global $g (export "g") (mut i32) (i32.const 7))
    (global $h f32 (f32.const -1.5))
    (func (export "e") (export "e2") (call $fi (global.get $g)) drop)
    (export "h" (global $h))
    (start $fi)))");
  ASSERT_EQ(m.imports.size(), 2u);
  EXPECT_EQ(m.imports[0].global, (GlobalType{ValType::I64, true}));
  EXPECT_EQ(m.imports[1].kind, ExternKind::Func);
  EXPECT_EQ(m.types[m.imports[1].func_type], (FuncType{{ValType::I32}, {ValType::I32}}));
  ASSERT_EQ(m.globals.size(), 2u);
  EXPECT_EQ(m.globals[0].type, (GlobalType{ValType::I32, true}));
  EXPECT_EQ(m.globals[1].init[0].bits, 0xBFC00000u);
  ASSERT_EQ(m.exports.size(), 4u);
  EXPECT_EQ(m.exports[0].index, 1u);  // global $g follows the imported global
  EXPECT_EQ(m.exports[1].index, 1u);  // func index 1: after the imported function
  EXPECT_EQ(m.exports[3].index, 2u);
  auto b = body(m);
  EXPECT_EQ(b[0].op, Opcode::GlobalGet);
  EXPECT_EQ(b[0].index, 1u);
  EXPECT_EQ(b[1].op, Opcode::Call);
  EXPECT_EQ(b[1].index, 0u);
  EXPECT_EQ(m.start, 0u);
}

TEST(WatAbbreviations, BareFieldsWithoutModuleWrapper) {
  Module m = parse_ok("(memory 1) (func (result i32) i32.const 1)");
  EXPECT_EQ(m.memories.size(), 1u);
  EXPECT_EQ(m.funcs.size(), 1u);
  Module named = parse_ok("(module $M (func))");
  EXPECT_EQ(named.names.module, "M");
}

// ---------------------------------------------------------------- instructions

TEST(WatInstructions, FoldedAndFlatAgree) {
  Module folded = parse_ok(R"((module (memory 1)
    (func (param $p i32) (result i32) (local $l i64)
      (block $b (result i32)
        (if (result i32) (local.get $p)
          (then (i32.add (local.get 0) (i32.const 1)))
          (else (br $b (i32.const 2)))))
      (loop $l2 (br_if $l2 (i32.const 0)))
      (select (result i32) (i32.const 1) (i32.const 2) (i32.load offset=8 (i32.const 0))))))");
  Module flat = parse_ok(R"((module (memory 1)
    (func (param $p i32) (result i32) (local $l i64)
      block $b (result i32)
        local.get $p
        if (result i32)
          local.get 0 i32.const 1 i32.add
        else
          i32.const 2 br $b
        end
      end $b
      loop $l2 i32.const 0 br_if $l2 end
      i32.const 1 i32.const 2 i32.const 0 i32.load offset=8 select (result i32))))");
  EXPECT_EQ(structural_difference(folded, flat), "");
  auto b = body(flat);
  EXPECT_EQ(b[0].block.kind, BlockType::Kind::Value);
  EXPECT_EQ(b[8].op, Opcode::Br);
  EXPECT_EQ(b[8].index, 1u);  // from inside the if: $b is one level out
  EXPECT_EQ(b.back().op, Opcode::SelectT);
  EXPECT_EQ(b.back().types, std::vector<ValType>{ValType::I32});
}

TEST(WatInstructions, LabelsShadowAndCountDepth) {
  Module m = parse_ok(R"((func
    (block $a (block $b (block $a (br $a) (br $b) (br 2)
      (br_table $a $b $a 0))))))");
  auto b = body(m);
  EXPECT_EQ(ops(b), (std::vector<Opcode>{Opcode::Block, Opcode::Block, Opcode::Block, Opcode::Br, Opcode::Br,
                                         Opcode::Br, Opcode::BrTable, Opcode::End, Opcode::End, Opcode::End}));
  EXPECT_EQ(b[3].index, 0u);
  EXPECT_EQ(b[4].index, 1u);
  EXPECT_EQ(b[5].index, 2u);
  EXPECT_EQ(b[6].labels, (std::vector<uint32_t>{0, 1, 0, 0}));
}

TEST(WatInstructions, BlockTypesAndCallIndirect) {
  Module m = parse_ok(R"((module
    (type $ii (func (param i32) (result i32)))
    (table $t0 1 funcref) (table $t1 1 funcref)
    (func (param i32) (result i32)
      (block (type $ii) (local.get 0))
      (block (param i32) (result i32) (nop))
      (call_indirect $t1 (type $ii) (i32.const 0))
      (call_indirect (param i32) (result i32) (i32.const 0))
      (call_indirect (i32.const 0))
      )))");
  auto b = body(m);
  EXPECT_EQ(b[0].block.kind, BlockType::Kind::TypeIndex);
  EXPECT_EQ(b[0].block.type_index, 0u);
  EXPECT_EQ(b[3].block.kind, BlockType::Kind::TypeIndex);
  EXPECT_EQ(b[3].block.type_index, 0u);  // identical inline signature reuses $ii
  EXPECT_EQ(b[7].op, Opcode::CallIndirect);
  EXPECT_EQ(b[7].index, 0u);
  EXPECT_EQ(b[7].index2, 1u);
  EXPECT_EQ(b[9].index, 0u);
  EXPECT_EQ(b[9].index2, 0u);
  EXPECT_EQ(b[11].index, 1u);  // `call_indirect` alone: the empty signature, appended
  EXPECT_EQ(m.types[1], FuncType{});
}

TEST(WatInstructions, TableAndReferenceInstructions) {
  Module m = parse_ok(R"((module
    (table $a 1 funcref) (table $b 1 externref)
    (elem $e func $f) (elem $e2 externref)
    (func $f
      (drop (table.get $b (i32.const 0)))
      (table.copy $a $a (i32.const 0) (i32.const 0) (i32.const 0))
      (table.copy (i32.const 0) (i32.const 0) (i32.const 0))
      (table.init $b $e2 (i32.const 0) (i32.const 0) (i32.const 0))
      (table.init $e (i32.const 0) (i32.const 0) (i32.const 0))
      (elem.drop 1)
      (drop (ref.func $f)) (drop (ref.null extern)) (drop (table.size $b)))))");
  std::vector<Instr> picked;
  for (const Instr& in : body(m))
    if (in.op != Opcode::I32Const && in.op != Opcode::Drop) picked.push_back(in);
  ASSERT_EQ(picked.size(), 9u);
  EXPECT_EQ(picked[0].index, 1u);
  EXPECT_EQ(picked[2].index, 0u);
  EXPECT_EQ(picked[2].index2, 0u);
  EXPECT_EQ(picked[3].op, Opcode::TableInit);
  EXPECT_EQ(picked[3].index, 1u);   // element segment
  EXPECT_EQ(picked[3].index2, 1u);  // table
  EXPECT_EQ(picked[4].index, 0u);
  EXPECT_EQ(picked[4].index2, 0u);
  EXPECT_EQ(picked[5].index, 1u);
  EXPECT_EQ(picked[6].index, 0u);
  EXPECT_EQ(picked[7].ref_type, ValType::ExternRef);
  EXPECT_EQ(picked[8].index, 1u);
}

TEST(WatInstructions, Constants) {
  Module m = parse_ok(R"((func
    i32.const -1 i32.const 0xffff_ffff i64.const -9223372036854775808
    f32.const nan:0x200000 f64.const -inf f32.const 0x1p-149
    v128.const i8x16 -128 255 0 1 2 3 4 5 6 7 8 9 10 11 12 13
    v128.const i16x8 -1 0 1 2 3 4 5 0xffff
    v128.const f32x4 1.0 -0 inf nan
    v128.const i64x2 1 -1
    i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
    i8x16.extract_lane_u 15))");
  auto b = body(m);
  EXPECT_EQ(b[0].bits, 0xFFFFFFFFu);
  EXPECT_EQ(b[1].bits, 0xFFFFFFFFu);
  EXPECT_EQ(b[2].bits, 0x8000000000000000u);
  EXPECT_EQ(b[3].bits, 0x7FA00000u);
  EXPECT_EQ(b[4].bits, 0xFFF0000000000000u);
  EXPECT_EQ(b[5].bits, 1u);
  EXPECT_EQ(b[6].v128.bytes[0], 0x80);
  EXPECT_EQ(b[6].v128.bytes[1], 0xFF);
  EXPECT_EQ(b[6].v128.bytes[15], 13);
  EXPECT_EQ(b[7].v128.bytes[0], 0xFF);
  EXPECT_EQ(b[7].v128.bytes[1], 0xFF);
  EXPECT_EQ(b[7].v128.bytes[14], 0xFF);
  EXPECT_EQ(b[8].v128.bytes[3], 0x3F);  // 1.0f = 0x3F800000, little-endian
  EXPECT_EQ(b[8].v128.bytes[7], 0x80);  // -0
  EXPECT_EQ(b[9].v128.bytes[8], 0xFF);
  EXPECT_EQ(b[10].v128.bytes[15], 31);
  EXPECT_EQ(b[11].lane, 15);
}

TEST(WatInstructions, PositionsPointAtTheSource) {
  std::string text = "(module\n  (func\n    nop\n    (drop (i32.const 1))))";
  Module m = parse_ok(text);
  ASSERT_EQ(m.funcs.size(), 1u);
  EXPECT_EQ(m.describe_pos(m.funcs[0].body[0].pos), "line 3:5");
  EXPECT_EQ(m.describe_pos(m.funcs[0].body[1].pos), "line 4:12");
  EXPECT_EQ(m.describe_pos(m.funcs[0].pos), "line 2:3");
}

TEST(WatInstructions, SpanInsideALargerScript) {
  std::string script = ";; header\n(module (func (result i32) (i32.const 42)))\n(module (func nop))";
  size_t second = script.rfind("(module");
  Module m = parse_ok(std::string_view(script).substr(0, 0));  // empty input: an empty module
  EXPECT_TRUE(m.funcs.empty());
  auto parsed = parse_wat(script, second, script.size());
  ASSERT_TRUE(parsed.ok()) << parsed.error().str();
  EXPECT_EQ(parsed->describe_pos(parsed->funcs[0].body[0].pos), "line 3:15");
  auto broken = parse_wat(script.substr(0, second) + "(module (func i32.bogus))", second);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().str(), "line 3:15: unknown operator i32.bogus");
}

// ---------------------------------------------------------------- names

TEST(WatNames, ForwardReferencesAndNameMaps) {
  Module m = parse_ok(R"((module $mod
    (func $caller (call $callee (global.get $g)))
    (func $callee (param $a i32) (local $b i32) (local.set $b (local.get $a)))
    (global $g i32 (i32.const 0))
    (type $t (func))
    (table $tab 1 funcref)
    (memory $mem 1)
    (elem $seg func $caller)
    (data $bytes "")))");
  auto b = body(m);
  EXPECT_EQ(b[1].index, 1u);
  EXPECT_EQ(m.names.module, "mod");
  EXPECT_EQ(m.names.funcs.at(0), "caller");
  EXPECT_EQ(m.names.funcs.at(1), "callee");
  EXPECT_EQ(m.names.globals.at(0), "g");
  EXPECT_EQ(m.names.types.at(0), "t");
  EXPECT_EQ(m.names.tables.at(0), "tab");
  EXPECT_EQ(m.names.memories.at(0), "mem");
  EXPECT_EQ(m.names.elems.at(0), "seg");
  EXPECT_EQ(m.names.datas.at(0), "bytes");
  EXPECT_EQ(m.names.locals.at(1).at(0), "a");
  EXPECT_EQ(m.names.locals.at(1).at(1), "b");
  auto callee = body(m, 1);
  EXPECT_EQ(callee[0].index, 0u);
  EXPECT_EQ(callee[1].index, 1u);
}

// ---------------------------------------------------------------- errors

struct ErrorCase {
  const char* text;
  const char* expected;  // the whole "line L:C: message"
};

TEST(WatErrors, MessagesNameLineAndColumn) {
  const ErrorCase cases[] = {
      {"(module\n  (func $f)\n  (func $f))", "line 3:9: duplicate func $f"},
      {"(memory $m 1) (memory $m 1)", "line 1:23: duplicate memory $m"},
      {"(func (param $x i32) (local $x i32))", "line 1:29: duplicate local $x"},
      {"(func (drop (i32.load $nope (i32.const 0))))", "line 1:23: unknown memory $nope"},
      {"(func (call $g))", "line 1:13: unknown function $g"},
      {"(func (br $out))", "line 1:11: unknown label $out"},
      {"(func (local.get $y))", "line 1:18: unknown local $y"},
      {"(func block $a end $b)", "line 1:20: mismatching label $b (the block is $a)"},
      {"(func\n  i32.foo)", "line 2:3: unknown operator i32.foo"},
      {"(memory 1) (func (drop (i32.load align=3 (i32.const 0))))",
       "line 1:34: alignment must be a power of two: align=3"},
      {"(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))",
       "line 1:34: i32 constant out of range: offset=4294967296"},
      {"(func (drop (i32.const 4294967296)))", "line 1:24: constant out of range: 4294967296"},
      {"(memory 0x1_0000_0000)", "line 1:9: i32 constant out of range: 0x1_0000_0000"},
      {"(func (export \"\\ff\"))", "line 1:15: malformed UTF-8 encoding"},
      {"(type $t (func (param i32)))\n(func (type $t) (param i64))", "line 2:7: inline function type does not match (type 0)"},
      {"(func (type 9) (param i32))", "line 1:7: unknown type 9"},
      {"(func (type $nope))", "line 1:13: unknown type $nope"},
      {"(global i32 (i32.const 0)) (import \"m\" \"f\" (func))", "line 1:28: import after global"},
      {"(memory 1) (func (import \"m\" \"f\"))", "line 1:12: import after memory"},
      {"(func $f) (start $f) (start $f)", "line 1:22: multiple start sections"},
      {"(module (func)", "line 1:15: unexpected end"},
      {"(func (i32.const))", "line 1:17: unexpected token )"},
      {"(func (result i32) (param i32))", "line 1:21: unexpected token param"},
      {"(func (v128.const i32x4 1 2 3))", "line 1:19: wrong number of lane literals: i32x4 takes 4, found 3"},
      {"(func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)))", "line 1:29: malformed lane index 256"},
      {"(func (memory.copy 1 (i32.const 0)))", "line 1:22: unexpected token ("},
      {"(func \"unterminated)", "line 1:7: unclosed string"},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(parse_error(c.text), c.expected) << c.text;
}

TEST(WatErrors, HostileNestingFailsCleanly) {
  std::string deep = "(func ";
  for (int i = 0; i < 100000; ++i) deep += "(block ";
  for (int i = 0; i < 100000; ++i) deep += ")";
  deep += ")";
  EXPECT_NE(parse_error(deep).find("nesting too deep"), std::string::npos);
  std::string flat = "(func ";
  for (int i = 0; i < 100000; ++i) flat += "block ";
  for (int i = 0; i < 100000; ++i) flat += "end ";
  flat += ")";
  EXPECT_NE(parse_error(flat).find("nesting too deep"), std::string::npos);
}

}  // namespace
}  // namespace mnemo

namespace mnemo {
namespace {

// `(data $m (i32.const 0) ...)` places the bytes into memory $m when $m names a memory; when it
// names none, $m is the segment's own id (spec 6.6.12) and the segment goes into memory 0.
TEST(WatDataShorthand, LeadingIdNamingAMemoryIsThatMemory) {
  Module m = parse_ok(R"((module (memory $a 1) (memory $m 1) (data $m (i32.const 8) "hi")))");
  ASSERT_EQ(m.datas.size(), 1u);
  EXPECT_EQ(m.datas[0].mode, DataSegment::Mode::Active);
  EXPECT_EQ(m.datas[0].memory, 1u);
  EXPECT_TRUE(m.names.datas.empty());
}

TEST(WatDataShorthand, LeadingIdNamingNoMemoryIsTheSegmentId) {
  Module m = parse_ok(R"((module (memory $a 1) (memory $b 1)
    (data $seg (i32.const 0) "x")
    (func (data.drop $seg))))");
  ASSERT_EQ(m.datas.size(), 1u);
  EXPECT_EQ(m.datas[0].memory, 0u);
  EXPECT_EQ(m.names.datas.at(0), "seg");
}

TEST(WatDataShorthand, MemoryDeclaredAfterTheSegmentStillCounts) {
  Module m = parse_ok(R"((module (memory 1) (data $late (i32.const 0) "x") (memory $late 1)))");
  ASSERT_EQ(m.datas.size(), 1u);
  EXPECT_EQ(m.datas[0].memory, 1u);
}

}  // namespace
}  // namespace mnemo
