// tests/native/printer_module_test.cpp: the exact WAT the printer writes for hand-built modules:
// multiple memories, floats, names versus indices, segments of every shape, and the line map.
#include <gtest/gtest.h>

#include "core/text/printer.h"

namespace mnemo {
namespace {

Instr op(Opcode o) {
  Instr in;
  in.op = o;
  return in;
}
Instr idx(Opcode o, uint32_t index, uint32_t index2 = 0) {
  Instr in = op(o);
  in.index = index;
  in.index2 = index2;
  return in;
}
Instr i32c(int32_t v) {
  Instr in = op(Opcode::I32Const);
  in.bits = uint32_t(v);
  return in;
}
Instr i64c(int64_t v) {
  Instr in = op(Opcode::I64Const);
  in.bits = uint64_t(v);
  return in;
}
Instr f32c(uint32_t bits) {
  Instr in = op(Opcode::F32Const);
  in.bits = bits;
  return in;
}
Instr f64c(uint64_t bits) {
  Instr in = op(Opcode::F64Const);
  in.bits = bits;
  return in;
}
Instr mem(Opcode o, uint32_t memory, uint64_t offset = 0, std::optional<uint32_t> align = {}) {
  Instr in = op(o);
  in.mem.memory = memory;
  in.mem.offset = offset;
  in.mem.align = align ? *align : info(o).align;
  return in;
}
Instr block(Opcode o, BlockType bt = {}) {
  Instr in = op(o);
  in.block = bt;
  return in;
}
BlockType value_block(ValType t) { return BlockType{BlockType::Kind::Value, t, 0}; }
Expr const_expr(Instr in) { return Expr{in, op(Opcode::End)}; }

FuncType sig(std::vector<ValType> params, std::vector<ValType> results) { return FuncType{params, results}; }

Module multi_memory_module() {
  Module m;
  m.types = {sig({ValType::I32}, {ValType::I32}), sig({}, {})};
  Import im;
  im.module = "m";
  im.name = "mem";
  im.kind = ExternKind::Memory;
  im.memory.limits = {1, 2};
  m.imports.push_back(im);
  m.memories.push_back(MemoryType{{1, 4}});
  Function f;
  f.type = 0;
  Instr copy = op(Opcode::MemoryCopy);
  copy.mem.memory = 1;
  copy.mem_src = 0;
  Instr init = idx(Opcode::MemoryInit, 1);
  init.mem.memory = 1;
  Instr init0 = idx(Opcode::MemoryInit, 1);
  Instr size = op(Opcode::MemorySize);
  size.mem.memory = 1;
  Instr fill = op(Opcode::MemoryFill);
  fill.mem.memory = 1;
  Instr lane = mem(Opcode::V128Load8Lane, 1, 2);
  lane.lane = 3;
  Instr lane0 = mem(Opcode::V128Store32Lane, 0);
  lane0.lane = 1;
  f.body = {i32c(0),
            i32c(16),
            i32c(8),
            copy,
            i32c(0),
            i32c(0),
            i32c(5),
            init,
            i32c(0),
            i32c(0),
            i32c(5),
            init0,
            idx(Opcode::DataDrop, 1),
            size,
            op(Opcode::Drop),
            i32c(0),
            i32c(7),
            i32c(3),
            fill,
            idx(Opcode::LocalGet, 0),
            mem(Opcode::I64Load, 0, 0, 2),
            op(Opcode::Drop),
            idx(Opcode::LocalGet, 0),
            i32c(0),
            op(Opcode::V128Load8Lane),
            lane,
            lane0,
            idx(Opcode::LocalGet, 0),
            mem(Opcode::I32Load, 1, 4),
            op(Opcode::End)};
  // The bare V128Load8Lane above has memory 0, offset 0, align 0 = natural, lane 0.
  f.body[24] = mem(Opcode::V128Load8Lane, 0);
  m.funcs.push_back(f);
  m.exports.push_back(Export{"x", ExternKind::Memory, 1, 0});
  m.exports.push_back(Export{"f", ExternKind::Func, 0, 0});
  DataSegment d0;
  d0.mode = DataSegment::Mode::Active;
  d0.memory = 1;
  d0.offset = const_expr(i32c(8));
  d0.bytes = {0, 1, 'a', 'b', 'c'};
  DataSegment d1;
  d1.bytes = {'x', 'y', 'z'};
  DataSegment d2;
  d2.mode = DataSegment::Mode::Active;
  d2.offset = const_expr(i32c(0));
  d2.bytes = {'"', '\\', 0xFF};
  m.datas = {d0, d1, d2};
  return m;
}

TEST(PrinterModule, MultiMemory) {
  EXPECT_EQ(print_module(multi_memory_module()),
            R"((module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func))
  (import "m" "mem" (memory (;0;) 1 2))
  (func (;0;) (type 0) (param i32) (result i32)
    i32.const 0
    i32.const 16
    i32.const 8
    memory.copy 1 0
    i32.const 0
    i32.const 0
    i32.const 5
    memory.init 1 1
    i32.const 0
    i32.const 0
    i32.const 5
    memory.init 1
    data.drop 1
    memory.size 1
    drop
    i32.const 0
    i32.const 7
    i32.const 3
    memory.fill 1
    local.get 0
    i64.load align=4
    drop
    local.get 0
    i32.const 0
    v128.load8_lane 0
    v128.load8_lane 1 offset=2 3
    v128.store32_lane 1
    local.get 0
    i32.load 1 offset=4
  )
  (memory (;1;) 1 4)
  (export "x" (memory 1))
  (export "f" (func 0))
  (data (;0;) (memory 1) (i32.const 8) "\00\01abc")
  (data (;1;) "xyz")
  (data (;2;) (i32.const 0) "\22\5c\ff")
)
)");
}

TEST(PrinterModule, EmptyModule) {
  EXPECT_EQ(print_module(Module{}), "(module)\n");
}

TEST(PrinterModule, Floats) {
  Module m;
  m.types = {sig({}, {})};
  Function f;
  f.body = {f32c(0x7FC00000), f32c(0xFFC00000), f32c(0x7FA00000), f32c(0xFF800001), f32c(0x80000000),
            f32c(0x7F800000), f32c(0xFF800000), f32c(0x00000001), f32c(0x7F7FFFFF), f32c(0x40400000),
            f64c(0x7FF8000000000000ull), f64c(0x7FF0000000000001ull), f64c(0x8000000000000000ull),
            f64c(0xFFF0000000000000ull), f64c(0x000FFFFFFFFFFFFFull), f64c(0x7FEFFFFFFFFFFFFFull),
            f64c(0x3FB999999999999Aull), op(Opcode::End)};
  m.funcs.push_back(f);
  EXPECT_EQ(print_module(m), R"((module
  (type (;0;) (func))
  (func (;0;) (type 0)
    f32.const nan
    f32.const -nan
    f32.const nan:0x200000
    f32.const -nan:0x1
    f32.const -0x0p+0 (;=-0;)
    f32.const inf
    f32.const -inf
    f32.const 0x0.000002p-126 (;=1e-45;)
    f32.const 0x1.fffffep+127 (;=3.4028235e+38;)
    f32.const 0x1.8p+1 (;=3;)
    f64.const nan
    f64.const nan:0x1
    f64.const -0x0p+0 (;=-0;)
    f64.const -inf
    f64.const 0x0.fffffffffffffp-1022 (;=2.225073858507201e-308;)
    f64.const 0x1.fffffffffffffp+1023 (;=1.7976931348623157e+308;)
    f64.const 0x1.999999999999ap-4 (;=0.1;)
  )
)
)");
}

Module named_module() {
  Module m;
  m.types = {sig({ValType::I32, ValType::I64}, {ValType::I32}), sig({}, {})};
  Import fi;
  fi.module = "env";
  fi.name = "log";
  fi.kind = ExternKind::Func;
  fi.func_type = 1;
  m.imports.push_back(fi);
  Function f;  // function 1
  f.type = 0;
  f.locals = {ValType::F32, ValType::I32};
  f.body = {idx(Opcode::LocalGet, 0), idx(Opcode::LocalGet, 1), idx(Opcode::LocalGet, 2), op(Opcode::Drop),
            op(Opcode::Drop), idx(Opcode::Call, 0), idx(Opcode::Call, 2), idx(Opcode::GlobalGet, 0),
            mem(Opcode::I32Load, 1), op(Opcode::End)};
  m.funcs.push_back(f);
  Function g;  // function 2
  g.type = 1;
  g.body = {idx(Opcode::Call, 3), op(Opcode::End)};
  m.funcs.push_back(g);
  Function h;  // function 3
  h.type = 1;
  h.body = {op(Opcode::End)};
  m.funcs.push_back(h);
  m.memories = {MemoryType{{1, {}}}, MemoryType{{2, {}}}};
  Global gl;
  gl.type = {ValType::I32, true};
  gl.init = const_expr(i32c(-1));
  m.globals.push_back(gl);
  m.exports.push_back(Export{"run", ExternKind::Func, 1, 0});
  m.exports.push_back(Export{"m1", ExternKind::Memory, 1, 0});
  m.start = 2;
  m.names.module = "demo";
  m.names.types = {{0, "binop"}, {1, "has space"}};
  m.names.funcs = {{0, "log"}, {1, "run"}, {2, "dup"}, {3, "dup"}, {9, "beyond"}};
  m.names.memories = {{1, "heap"}};
  m.names.globals = {{0, ""}};
  m.names.locals = {{1, {{0, "a"}, {2, "tmp"}, {3, "no\"quote"}}}, {2, {{0, "orphan"}}}};
  return m;
}

TEST(PrinterModule, NamesWhenValidAndUniqueElseIndices) {
  EXPECT_EQ(print_module(named_module()), R"((module $demo
  (type $binop (func (param i32 i64) (result i32)))
  (type (;1;) (func))
  (import "env" "log" (func $log (type 1)))
  (func $run (type $binop) (param $a i32) (param i64) (result i32)
    (local $tmp f32) (local i32)
    local.get $a
    local.get 1
    local.get $tmp
    drop
    drop
    call $log
    call 2
    global.get 0
    i32.load $heap
  )
  (func (;2;) (type 1)
    call 3
  )
  (func (;3;) (type 1)
  )
  (memory (;0;) 1)
  (memory $heap 2)
  (global (;0;) (mut i32) (i32.const -1))
  (export "run" (func $run))
  (export "m1" (memory $heap))
  (start 2)
)
)");
}

TEST(PrinterModule, ControlAndLineMap) {
  Module m;
  m.types = {sig({ValType::I32}, {ValType::I32}), sig({ValType::I32}, {ValType::I32})};
  Function f;
  f.type = 0;
  Instr table = op(Opcode::BrTable);
  table.labels = {0, 1, 2};
  BlockType typed{BlockType::Kind::TypeIndex, ValType::I32, 1};
  f.body = {block(Opcode::Block, value_block(ValType::I32)),  // line 4
            idx(Opcode::LocalGet, 0),                         // 5
            block(Opcode::If, typed),                         // 6
            block(Opcode::Loop),                              // 7
            idx(Opcode::Br, 1),                               // 8
            op(Opcode::End),                                  // 9
            op(Opcode::Else),                                 // 10
            idx(Opcode::BrIf, 2),                             // 11
            table,                                            // 12
            op(Opcode::End),                                  // 13
            op(Opcode::End),                                  // 14
            op(Opcode::End)};                                 // 15: the closing parenthesis
  m.funcs.push_back(f);
  Function g;
  g.type = 1;
  g.body = {op(Opcode::End)};
  m.funcs.push_back(g);
  PrintedModule p = print_module_with_lines(m);
  EXPECT_EQ(p.text, R"((module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i32)))
  (func (;0;) (type 0) (param i32) (result i32)
    block (result i32)  ;; label = @1
      local.get 0
      if (type 1)  ;; label = @2
        loop  ;; label = @3
          br 1 (;@2;)
        end
      else
        br_if 2 (;@0;)
        br_table 0 (;@2;) 1 (;@1;) 2 (;@0;)
      end
    end
  )
  (func (;1;) (type 1) (param i32) (result i32)
  )
)
)");
  ASSERT_EQ(p.func_lines.size(), 2u);
  EXPECT_EQ(p.func_lines[0], (std::vector<uint32_t>{5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
  EXPECT_EQ(p.func_lines[1], (std::vector<uint32_t>{18}));
}

TEST(PrinterModule, LineMapCountsLocalsLine) {
  Module m;
  m.types = {sig({}, {})};
  Function f;
  f.locals = {ValType::I64};
  f.body = {op(Opcode::Nop), op(Opcode::End)};
  m.funcs.push_back(f);
  PrintedModule p = print_module_with_lines(m);
  ASSERT_EQ(p.func_lines.size(), 1u);
  EXPECT_EQ(p.func_lines[0], (std::vector<uint32_t>{5, 6}));
  EXPECT_NE(p.text.find("\n    (local i64)\n    nop\n  )\n"), std::string::npos) << p.text;
}

TEST(PrinterModule, TablesElemsGlobalsAndImports) {
  Module m;
  m.types = {sig({}, {}), sig({ValType::F64}, {ValType::V128})};
  Import t;
  t.module = "env";
  t.name = "tab";
  t.kind = ExternKind::Table;
  t.table = TableType{ValType::ExternRef, {0, {}}};
  Import g;
  g.module = "env";
  g.name = "g\n";
  g.kind = ExternKind::Global;
  g.global = {ValType::F32, false};
  Import fn;
  fn.module = "env";
  fn.name = "f";
  fn.func_type = 1;
  m.imports = {t, g, fn};
  m.tables = {TableType{ValType::FuncRef, {2, 10}}};
  Global gl;
  gl.type = {ValType::FuncRef, false};
  gl.init = const_expr(idx(Opcode::RefFunc, 1));
  Global ext;
  ext.type = {ValType::I64, false};
  ext.init = {i64c(INT64_MIN), i64c(2), op(Opcode::I64Add), op(Opcode::End)};
  m.globals = {gl, ext};
  Function f;
  Instr st = op(Opcode::SelectT);
  st.types = {ValType::FuncRef};
  Instr rn = op(Opcode::RefNull);
  rn.ref_type = ValType::ExternRef;
  Instr shuffle = op(Opcode::I8x16Shuffle);
  for (uint8_t i = 0; i < 16; ++i) shuffle.v128.bytes[i] = uint8_t(i * 2 % 32);
  Instr v = op(Opcode::V128Const);
  for (uint8_t i = 0; i < 16; ++i) v.v128.bytes[i] = i;
  Instr lane = op(Opcode::I8x16ExtractLaneS);
  lane.lane = 3;
  f.body = {idx(Opcode::RefFunc, 1), op(Opcode::RefNull), i32c(1), st, op(Opcode::Drop), rn,
            idx(Opcode::TableGet, 0), op(Opcode::Drop), i32c(0), idx(Opcode::CallIndirect, 1, 1),
            i32c(0), idx(Opcode::CallIndirect, 0, 0), idx(Opcode::TableCopy, 1, 0), idx(Opcode::TableCopy, 0, 0),
            idx(Opcode::TableInit, 2, 1), idx(Opcode::TableInit, 0, 0), idx(Opcode::ElemDrop, 2), v, shuffle,
            lane, op(Opcode::Select), op(Opcode::End)};
  m.funcs.push_back(f);
  ElemSegment e0;  // active, table 1, function indices
  e0.mode = ElemSegment::Mode::Active;
  e0.table = 1;
  e0.offset = const_expr(i32c(0));
  e0.init = {const_expr(idx(Opcode::RefFunc, 0)), const_expr(idx(Opcode::RefFunc, 1))};
  ElemSegment e1;  // passive expressions
  e1.init = {const_expr(idx(Opcode::RefFunc, 1)), const_expr(op(Opcode::RefNull))};
  ElemSegment e2;  // declarative
  e2.mode = ElemSegment::Mode::Declarative;
  e2.init = {const_expr(idx(Opcode::RefFunc, 1))};
  ElemSegment e3;  // externref into imported table 0, offset from a global
  e3.mode = ElemSegment::Mode::Active;
  e3.type = ValType::ExternRef;
  e3.offset = const_expr(i32c(1));
  Instr ern = op(Opcode::RefNull);
  ern.ref_type = ValType::ExternRef;
  e3.init = {const_expr(ern)};
  ElemSegment e4;  // table 0 with the legacy-looking shape and an empty list
  e4.mode = ElemSegment::Mode::Active;
  e4.offset = const_expr(idx(Opcode::GlobalGet, 0));
  m.elems = {e0, e1, e2, e3, e4};
  EXPECT_EQ(print_module(m), R"((module
  (type (;0;) (func))
  (type (;1;) (func (param f64) (result v128)))
  (import "env" "tab" (table (;0;) 0 externref))
  (import "env" "g\0a" (global (;0;) f32))
  (import "env" "f" (func (;0;) (type 1) (param f64) (result v128)))
  (func (;1;) (type 0)
    ref.func 1
    ref.null func
    i32.const 1
    select (result funcref)
    drop
    ref.null extern
    table.get 0
    drop
    i32.const 0
    call_indirect 1 (type 1)
    i32.const 0
    call_indirect (type 0)
    table.copy 1 0
    table.copy
    table.init 1 2
    table.init 0
    elem.drop 2
    v128.const i32x4 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c
    i8x16.shuffle 0 2 4 6 8 10 12 14 16 18 20 22 24 26 28 30
    i8x16.extract_lane_s 3
    select
  )
  (table (;1;) 2 10 funcref)
  (global (;1;) funcref (ref.func 1))
  (global (;2;) i64 i64.const -9223372036854775808 i64.const 2 i64.add)
  (elem (;0;) (table 1) (i32.const 0) func 0 1)
  (elem (;1;) funcref (ref.func 1) (ref.null func))
  (elem (;2;) declare func 1)
  (elem (;3;) (i32.const 1) externref (ref.null extern))
  (elem (;4;) (global.get 0) func)
)
)");
}

// Hostile shapes print without crashing: unbalanced ends, out-of-range types, huge alignments.
TEST(PrinterModule, InvalidModulesStillPrint) {
  Module m;
  Function f;
  f.type = 7;
  f.body = {op(Opcode::End), op(Opcode::Else), mem(Opcode::I32Load, 0, 0, 200), op(Opcode::Nop)};
  m.funcs.push_back(f);
  Function deep;
  for (int i = 0; i < 1000; ++i) deep.body.push_back(block(Opcode::Block));
  m.funcs.push_back(deep);
  PrintedModule p = print_module_with_lines(m);
  EXPECT_NE(p.text.find("(func (;0;) (type 7)\n    end\n    else\n    i32.load align=2**200\n    nop\n  )"),
            std::string::npos)
      << p.text;
  EXPECT_EQ(p.func_lines[0].size(), 4u);
  EXPECT_EQ(p.func_lines[1].size(), 1000u);
  EXPECT_LT(p.text.size(), 200000u);
}

}  // namespace
}  // namespace mnemo
