// tests/native/validate_func_test.cpp: typing of function bodies: blocks, branches, unreachable
// code (the bottom type), select, locals, globals, calls, tables and references.
#include <gtest/gtest.h>

#include "validate_helpers.h"

namespace mnemo::test {
namespace {

using K = BlockType::Kind;

Status check(std::vector<ValType> params, std::vector<ValType> results, std::vector<Instr> code,
             std::vector<ValType> locals = {}) {
  Module m;
  add_func(m, std::move(params), std::move(results), std::move(code), std::move(locals));
  return validate_module(m);
}

TEST(ValidateFunc, TableTypedArithmetic) {
  EXPECT_EQ(message(check({}, {ValType::I32}, {i32c(1), i32c(2), op(Opcode::I32Add)})), "ok");
  EXPECT_EQ(message(check({}, {ValType::I32}, {i32c(1), i64c(2), op(Opcode::I32Add)})), "type mismatch");
  EXPECT_EQ(message(check({}, {ValType::I32}, {i64c(1), i64c(2), op(Opcode::I64LtS)})), "ok");
  EXPECT_EQ(message(check({}, {ValType::I64}, {i64c(1), i64c(2), op(Opcode::I64LtS)})), "type mismatch");
  EXPECT_EQ(message(check({}, {ValType::I32}, {i32c(1), op(Opcode::I32Add)})), "type mismatch");  // underflow
}

TEST(ValidateFunc, FunctionResultsMustMatchExactly) {
  EXPECT_EQ(message(check({}, {ValType::I32}, {})), "type mismatch");
  EXPECT_EQ(message(check({}, {}, {i32c(0)})), "type mismatch");
  EXPECT_EQ(message(check({}, {ValType::I32, ValType::I64}, {i32c(0), i64c(0)})), "ok");
  EXPECT_EQ(message(check({}, {ValType::I32, ValType::I64}, {i64c(0), i32c(0)})), "type mismatch");
}

TEST(ValidateFunc, ErrorSaysWhere) {
  Module m;
  add_func(m, {}, {}, {});
  add_func(m, {}, {ValType::I32}, {i32c(1), i64c(2), op(Opcode::I32Add)});
  m.names.funcs[1] = "adder";
  Status s = validate_module(m);
  EXPECT_EQ(message(s), "type mismatch");
  EXPECT_EQ(where(s), "byte offset 0x3, function 1 $adder, i32.add");
}

TEST(ValidateFunc, UnreachableMakesTheStackPolymorphic) {
  EXPECT_EQ(message(check({}, {ValType::I32}, {op(Opcode::Unreachable)})), "ok");
  EXPECT_EQ(message(check({}, {ValType::I32}, {op(Opcode::Unreachable), op(Opcode::I32Add)})), "ok");
  EXPECT_EQ(message(check({}, {ValType::I32}, {op(Opcode::Unreachable), i64c(0), op(Opcode::I32Add)})),
            "type mismatch");
  // Values pushed after unreachable are still checked at the end of the block.
  EXPECT_EQ(message(check({}, {}, {op(Opcode::Unreachable), i32c(0)})), "type mismatch");
  // The bottom type stops at the frame boundary: the outer block is reachable.
  EXPECT_EQ(message(check({}, {ValType::I32}, {block(Opcode::Block), op(Opcode::Unreachable), op(Opcode::End)})),
            "type mismatch");
}

TEST(ValidateFunc, BlockLoopIfTypes) {
  EXPECT_EQ(
      message(check({}, {ValType::I32}, {block_result(Opcode::Block, ValType::I32), i32c(1), op(Opcode::End)})),
      "ok");
  EXPECT_EQ(
      message(check({}, {ValType::I32}, {block_result(Opcode::Block, ValType::I32), i64c(1), op(Opcode::End)})),
      "type mismatch");
  // A block cannot see the operands of its parent.
  EXPECT_EQ(message(check({}, {}, {i32c(1), block(Opcode::Block), op(Opcode::Drop), op(Opcode::End)})),
            "type mismatch");
  // if without else must have start types equal to end types.
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {i32c(0), block_result(Opcode::If, ValType::I32), i32c(1), op(Opcode::End)})),
            "type mismatch");
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {i32c(0), block_result(Opcode::If, ValType::I32), i32c(1), op(Opcode::Else), i32c(2),
                           op(Opcode::End)})),
            "ok");
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {i32c(0), block_result(Opcode::If, ValType::I32), i32c(1), op(Opcode::Else), f32c(),
                           op(Opcode::End)})),
            "type mismatch");
  // The if condition must be i32.
  EXPECT_EQ(message(check({}, {}, {i64c(0), block(Opcode::If), op(Opcode::End)})), "type mismatch");
}

TEST(ValidateFunc, MultiValueBlockTypeIndex) {
  Module m;
  m.types.push_back(FuncType{{ValType::I32}, {ValType::I32, ValType::I32}});
  add_func(m, {}, {ValType::I32, ValType::I32},
           {i32c(5), block(Opcode::Loop, K::TypeIndex, ValType::I32, 0), i32c(1), op(Opcode::End)});
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.funcs[0].body[1].block.type_index = 7;
  EXPECT_EQ(message(validate_module(m)), "unknown type 7");
  // If with a type index [i32] -> [i32 i32] and no else: start types differ from end types.
  Module n;
  n.types.push_back(FuncType{{ValType::I32}, {ValType::I32}});
  add_func(n, {}, {ValType::I32},
           {i32c(5), i32c(1), block(Opcode::If, K::TypeIndex, ValType::I32, 0), op(Opcode::End)});
  EXPECT_EQ(message(validate_module(n)), "ok");
}

TEST(ValidateFunc, Branches) {
  // br to a block with a result carries that result.
  EXPECT_EQ(
      message(check({}, {ValType::I32},
                    {block_result(Opcode::Block, ValType::I32), i32c(1), op(Opcode::Br, 0), op(Opcode::End)})),
      "ok");
  EXPECT_EQ(
      message(check({}, {ValType::I32},
                    {block_result(Opcode::Block, ValType::I32), i64c(1), op(Opcode::Br, 0), op(Opcode::End)})),
      "type mismatch");
  // br to a loop targets its (empty) parameters.
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {block_result(Opcode::Loop, ValType::I32), op(Opcode::Br, 0), op(Opcode::End)})),
            "ok");
  // br 1 in a function body of depth 1 is the function itself; br 2 is unknown.
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {block(Opcode::Block), i32c(0), op(Opcode::Br, 1), op(Opcode::End), i32c(0)})),
            "ok");
  EXPECT_EQ(message(check({}, {}, {block(Opcode::Block), op(Opcode::Br, 2), op(Opcode::End)})), "unknown label 2");
  // br_if keeps the label's values on the stack.
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {block_result(Opcode::Block, ValType::I32), i32c(1), i32c(0), op(Opcode::BrIf, 0),
                           op(Opcode::End)})),
            "ok");
  EXPECT_EQ(message(check({}, {}, {op(Opcode::BrIf, 0)})), "type mismatch");
}

TEST(ValidateFunc, ReturnChecksResults) {
  EXPECT_EQ(message(check({}, {ValType::F32}, {f32c(), op(Opcode::Return)})), "ok");
  EXPECT_EQ(message(check({}, {ValType::F32}, {i32c(0), op(Opcode::Return)})), "type mismatch");
  EXPECT_EQ(message(check({}, {ValType::F32},
                          {block(Opcode::Block), f32c(), op(Opcode::Return), op(Opcode::End), f32c()})),
            "ok");
}

TEST(ValidateFunc, BrTable) {
  // All targets with one i32 result.
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {block_result(Opcode::Block, ValType::I32), block_result(Opcode::Block, ValType::I32),
                           i32c(7), i32c(0), br_table({0, 1, 0}), op(Opcode::End), op(Opcode::End)})),
            "ok");
  // Targets of different arity.
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {block_result(Opcode::Block, ValType::I32), block(Opcode::Block), i32c(7), i32c(0),
                           br_table({0, 1}), op(Opcode::End), i32c(1), op(Opcode::End)})),
            "type mismatch");
  // Unknown label among the targets, and as the default.
  EXPECT_EQ(message(check({}, {}, {i32c(0), br_table({3, 0})})), "unknown label 3");
  EXPECT_EQ(message(check({}, {}, {i32c(0), br_table({0, 3})})), "unknown label 3");
  // Index operand must be i32.
  EXPECT_EQ(message(check({}, {}, {i64c(0), br_table({0})})), "type mismatch");
  // In unreachable code, targets of the same arity but different types are fine.
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {block_result(Opcode::Block, ValType::F32), op(Opcode::Unreachable), br_table({0, 1}),
                           op(Opcode::End), op(Opcode::Drop), i32c(0)})),
            "ok");
  // ... but not when a concrete operand is on the stack.
  EXPECT_EQ(message(check({}, {ValType::I32},
                          {block_result(Opcode::Block, ValType::F32), op(Opcode::Unreachable), f32c(),
                           br_table({0, 1}), op(Opcode::End), op(Opcode::Drop), i32c(0)})),
            "type mismatch");
}

TEST(ValidateFunc, SelectWithoutType) {
  EXPECT_EQ(message(check({}, {ValType::I64}, {i64c(1), i64c(2), i32c(0), op(Opcode::Select)})), "ok");
  EXPECT_EQ(message(check({}, {ValType::I64}, {i64c(1), i32c(2), i32c(0), op(Opcode::Select)})), "type mismatch");
  EXPECT_EQ(message(check({}, {ValType::V128}, {v128c(), v128c(), i32c(0), op(Opcode::Select)})), "ok");
  // Reference operands need select with a type.
  EXPECT_EQ(message(check({}, {ValType::FuncRef},
                          {ref_null(ValType::FuncRef), ref_null(ValType::FuncRef), i32c(0), op(Opcode::Select)})),
            "type mismatch");
  // In unreachable code the result takes the known operand's type.
  EXPECT_EQ(message(check({}, {ValType::I64}, {op(Opcode::Unreachable), i64c(1), i32c(0), op(Opcode::Select)})),
            "ok");
  EXPECT_EQ(message(check({}, {ValType::I32}, {op(Opcode::Unreachable), i64c(1), i32c(0), op(Opcode::Select)})),
            "type mismatch");
}

TEST(ValidateFunc, SelectWithType) {
  EXPECT_EQ(message(check(
                {}, {ValType::FuncRef},
                {ref_null(ValType::FuncRef), ref_null(ValType::FuncRef), i32c(0), select_t({ValType::FuncRef})})),
            "ok");
  EXPECT_EQ(message(check({}, {ValType::ExternRef},
                          {ref_null(ValType::FuncRef), ref_null(ValType::FuncRef), i32c(0),
                           select_t({ValType::ExternRef})})),
            "type mismatch");
  EXPECT_EQ(message(check({}, {}, {i32c(0), i32c(0), i32c(0), select_t({})})), "invalid result arity");
  EXPECT_EQ(message(check({}, {}, {i32c(0), i32c(0), i32c(0), select_t({ValType::I32, ValType::I32})})),
            "invalid result arity");
}

TEST(ValidateFunc, Locals) {
  EXPECT_EQ(message(check({ValType::I32}, {ValType::I64},
                          {op(Opcode::LocalGet, 1), op(Opcode::LocalGet, 0), op(Opcode::Drop)}, {ValType::I64})),
            "ok");
  EXPECT_EQ(message(check({ValType::I32}, {}, {op(Opcode::LocalGet, 2), op(Opcode::Drop)}, {ValType::I64})),
            "unknown local 2");
  EXPECT_EQ(message(check({ValType::I32}, {}, {i64c(0), op(Opcode::LocalSet, 0)})), "type mismatch");
  EXPECT_EQ(message(check({}, {ValType::F32}, {f32c(), op(Opcode::LocalTee, 0)}, {ValType::F32})), "ok");
}

TEST(ValidateFunc, Globals) {
  Module m;
  Global immutable{GlobalType{ValType::I32, false}, body({i32c(0)})};
  Global mut{GlobalType{ValType::I64, true}, body({i64c(0)})};
  m.globals = {immutable, mut};
  add_func(m, {}, {}, {i64c(1), op(Opcode::GlobalSet, 1), op(Opcode::GlobalGet, 0), op(Opcode::Drop)});
  EXPECT_EQ(message(validate_module(m)), "ok");
  add_func(m, {}, {}, {i32c(1), op(Opcode::GlobalSet, 0)});
  EXPECT_EQ(message(validate_module(m)), "global is immutable");
  m.funcs.pop_back();
  add_func(m, {}, {}, {op(Opcode::GlobalGet, 2), op(Opcode::Drop)});
  EXPECT_EQ(message(validate_module(m)), "unknown global 2");
  m.funcs.pop_back();
  add_func(m, {}, {}, {i32c(1), op(Opcode::GlobalSet, 1)});
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
}

TEST(ValidateFunc, Calls) {
  Module m;
  uint32_t callee = add_func(m, {ValType::I32, ValType::F32}, {ValType::I64}, {i64c(0)});
  add_func(m, {}, {ValType::I64}, {i32c(1), f32c(), op(Opcode::Call, callee)});
  EXPECT_EQ(message(validate_module(m)), "ok");
  add_func(m, {}, {ValType::I64}, {f32c(), i32c(1), op(Opcode::Call, callee)});
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.funcs.pop_back();
  add_func(m, {}, {}, {op(Opcode::Call, 9)});
  EXPECT_EQ(message(validate_module(m)), "unknown function 9");
}

TEST(ValidateFunc, CallIndirect) {
  Module m;
  m.types.push_back(FuncType{{ValType::I32}, {}});
  add_func(m, {}, {}, {i32c(5), i32c(0), op(Opcode::CallIndirect, 0, 0)});
  EXPECT_EQ(message(validate_module(m)), "unknown table 0");
  m.tables.push_back(TableType{ValType::ExternRef, Limits{1, std::nullopt}});
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.tables[0].elem = ValType::FuncRef;
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.funcs[0].body[2].index = 42;
  EXPECT_EQ(message(validate_module(m)), "unknown type 42");
}

TEST(ValidateFunc, TableInstructions) {
  Module m;
  m.tables.push_back(TableType{ValType::FuncRef, Limits{1, std::nullopt}});
  m.tables.push_back(TableType{ValType::ExternRef, Limits{1, std::nullopt}});
  add_func(m, {}, {},
           {i32c(0), op(Opcode::TableGet, 1), op(Opcode::Drop), i32c(0), ref_null(ValType::FuncRef),
            op(Opcode::TableSet, 0), ref_null(ValType::ExternRef), i32c(1), op(Opcode::TableGrow, 1),
            op(Opcode::Drop), i32c(0), ref_null(ValType::ExternRef), i32c(1), op(Opcode::TableFill, 1),
            op(Opcode::TableSize, 1), op(Opcode::Drop)});
  EXPECT_EQ(message(validate_module(m)), "ok");
  add_func(m, {}, {}, {i32c(0), ref_null(ValType::ExternRef), op(Opcode::TableSet, 0)});
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.funcs.pop_back();
  add_func(m, {}, {ValType::I32}, {op(Opcode::TableSize, 2)});
  EXPECT_EQ(message(validate_module(m)), "unknown table 2");
  m.funcs.pop_back();
  add_func(m, {}, {}, {i32c(0), i32c(0), i32c(0), op(Opcode::TableCopy, 0, 1)});
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
}

TEST(ValidateFunc, TableInitAndElemDrop) {
  Module m;
  m.tables.push_back(TableType{ValType::FuncRef, Limits{1, std::nullopt}});
  ElemSegment seg;
  seg.type = ValType::ExternRef;
  m.elems.push_back(seg);
  add_func(m, {}, {}, {i32c(0), i32c(0), i32c(0), op(Opcode::TableInit, 0, 0)});
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.elems[0].type = ValType::FuncRef;
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.funcs[0].body[3].index = 4;
  EXPECT_EQ(message(validate_module(m)), "unknown elem segment 4");
  m.funcs[0].body[3] = op(Opcode::TableInit, 0, 1);
  EXPECT_EQ(message(validate_module(m)), "unknown table 1");
  m.funcs[0].body = body({op(Opcode::ElemDrop, 1)});
  EXPECT_EQ(message(validate_module(m)), "unknown elem segment 1");
}

TEST(ValidateFunc, References) {
  EXPECT_EQ(message(check({}, {ValType::I32}, {ref_null(ValType::ExternRef), op(Opcode::RefIsNull)})), "ok");
  EXPECT_EQ(message(check({}, {ValType::I32}, {i32c(0), op(Opcode::RefIsNull)})), "type mismatch");
  EXPECT_EQ(message(check({}, {ValType::I32}, {op(Opcode::Unreachable), op(Opcode::RefIsNull)})), "ok");
}

TEST(ValidateFunc, RefFuncMustBeDeclared) {
  Module m;
  uint32_t f = add_func(m, {}, {}, {op(Opcode::RefFunc, 0), op(Opcode::Drop)});
  Status s = validate_module(m);
  EXPECT_EQ(message(s), "undeclared function reference");
  // The start function does not declare it.
  m.start = f;
  EXPECT_EQ(message(validate_module(m)), "undeclared function reference");
  // An export does.
  m.exports.push_back(Export{"f", ExternKind::Func, f});
  EXPECT_EQ(message(validate_module(m)), "ok");
  // So does a declarative element segment.
  m.exports.clear();
  ElemSegment seg;
  seg.mode = ElemSegment::Mode::Declarative;
  Instr ref = op(Opcode::RefFunc, f);
  seg.init.push_back(body({ref}));
  m.elems.push_back(seg);
  EXPECT_EQ(message(validate_module(m)), "ok");
  // And a global initializer.
  m.elems.clear();
  m.globals.push_back(Global{GlobalType{ValType::FuncRef, false}, body({ref})});
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.funcs[0].body[0].index = 5;
  EXPECT_EQ(message(validate_module(m)), "unknown function 5");
}

TEST(ValidateFunc, StructureErrors) {
  // Instructions after the function's final end, and a body without it.
  Module m;
  add_func(m, {}, {}, {});
  m.funcs[0].body.push_back(op(Opcode::Nop));
  EXPECT_NE(message(validate_module(m)), "ok");
  m.funcs[0].body.clear();
  EXPECT_NE(message(validate_module(m)), "ok");
  // else outside an if.
  EXPECT_NE(message(check({}, {}, {block(Opcode::Block), op(Opcode::Else), op(Opcode::End)})), "ok");
  // Unknown function type index.
  Module n;
  n.funcs.push_back(Function{3, {}, body({}), 0});
  EXPECT_EQ(message(validate_module(n)), "unknown type 3");
}

TEST(ValidateFunc, DeepNestingIsIterative) {
  std::vector<Instr> code;
  constexpr int kDepth = 100000;
  for (int i = 0; i < kDepth; ++i) code.push_back(block(Opcode::Block));
  code.push_back(op(Opcode::Br, kDepth));
  for (int i = 0; i < kDepth; ++i) code.push_back(op(Opcode::End));
  EXPECT_EQ(message(check({}, {}, code)), "ok");
}

}  // namespace
}  // namespace mnemo::test
