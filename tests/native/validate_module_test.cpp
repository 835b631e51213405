// tests/native/validate_module_test.cpp: module-level rules: constant expressions, globals,
// element segments, tables, imports, the start function and exports.
#include <gtest/gtest.h>

#include "validate_helpers.h"

namespace mnemo::test {
namespace {

Import import_global(ValType t, bool mut) {
  Import im;
  im.module = "spectest";
  im.name = "g";
  im.kind = ExternKind::Global;
  im.global = GlobalType{t, mut};
  return im;
}

Global global(ValType t, std::vector<Instr> init, bool mut = false) {
  return Global{GlobalType{t, mut}, body(std::move(init))};
}

TEST(ValidateModule, EmptyModuleIsValid) { EXPECT_EQ(message(validate_module(Module{})), "ok"); }

TEST(ValidateModule, GlobalInitConstants) {
  Module m;
  m.globals = {global(ValType::I32, {i32c(1)}), global(ValType::I64, {i64c(1)}), global(ValType::F32, {f32c()}),
               global(ValType::V128, {v128c()}), global(ValType::ExternRef, {ref_null(ValType::ExternRef)})};
  EXPECT_EQ(message(validate_module(m)), "ok");
}

TEST(ValidateModule, GlobalInitTypeMismatch) {
  Module m;
  m.globals = {global(ValType::I32, {i64c(1)})};
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.globals = {global(ValType::I32, {})};
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.globals = {global(ValType::I32, {i32c(0), i32c(0)})};
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.globals = {global(ValType::FuncRef, {ref_null(ValType::ExternRef)})};
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
}

TEST(ValidateModule, GlobalInitMustBeConstant) {
  Module m;
  m.globals = {global(ValType::I32, {i32c(1), i32c(2), op(Opcode::I32Add)})};
  Status s = validate_module(m);
  EXPECT_EQ(message(s), "constant expression required");
  EXPECT_NE(where(s).find("global 0"), std::string::npos) << where(s);
  m.globals = {global(ValType::I32, {op(Opcode::Nop), i32c(1)})};
  EXPECT_EQ(message(validate_module(m)), "constant expression required");
}

TEST(ValidateModule, GlobalGetInConstantExpressionSeesImportsOnly) {
  Module m;
  m.imports.push_back(import_global(ValType::I32, false));
  m.globals = {global(ValType::I32, {op(Opcode::GlobalGet, 0)})};
  EXPECT_EQ(message(validate_module(m)), "ok");
  // A defined global (index 1) is unknown to constant expressions.
  m.globals.push_back(global(ValType::I32, {op(Opcode::GlobalGet, 1)}));
  EXPECT_EQ(message(validate_module(m)), "unknown global 1");
  // A mutable imported global is not constant.
  Module n;
  n.imports.push_back(import_global(ValType::I32, true));
  n.globals = {global(ValType::I32, {op(Opcode::GlobalGet, 0)})};
  EXPECT_EQ(message(validate_module(n)), "constant expression required");
  // Type of the imported global must match.
  Module t;
  t.imports.push_back(import_global(ValType::I64, false));
  t.globals = {global(ValType::I32, {op(Opcode::GlobalGet, 0)})};
  EXPECT_EQ(message(validate_module(t)), "type mismatch");
}

TEST(ValidateModule, DataOffsetSeesImportedGlobalsOnly) {
  Module m = with_memories(1);
  m.globals = {global(ValType::I32, {i32c(0)})};
  DataSegment d;
  d.mode = DataSegment::Mode::Active;
  d.offset = body({op(Opcode::GlobalGet, 0)});
  m.datas.push_back(d);
  EXPECT_EQ(message(validate_module(m)), "unknown global 0");
  m.imports.push_back(import_global(ValType::I32, false));  // now global 0 is the import
  EXPECT_EQ(message(validate_module(m)), "ok");
}

TEST(ValidateModule, ElementSegments) {
  Module m;
  m.tables.push_back(TableType{ValType::FuncRef, Limits{1, std::nullopt}});
  uint32_t f = add_func(m, {}, {}, {});
  ElemSegment seg;
  seg.mode = ElemSegment::Mode::Active;
  seg.table = 0;
  seg.offset = body({i32c(0)});
  seg.init = {body({op(Opcode::RefFunc, f)}), body({ref_null(ValType::FuncRef)})};
  m.elems.push_back(seg);
  EXPECT_EQ(message(validate_module(m)), "ok");

  m.elems[0].table = 1;
  EXPECT_EQ(message(validate_module(m)), "unknown table 1");
  m.elems[0].table = 0;
  m.elems[0].offset = body({i64c(0)});
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.elems[0].offset = body({i32c(0)});
  m.elems[0].init.push_back(body({ref_null(ValType::ExternRef)}));
  EXPECT_EQ(message(validate_module(m)), "type mismatch");
  m.elems[0].init.pop_back();
  // Segment type must equal the table's element type.
  m.elems[0].type = ValType::ExternRef;
  m.elems[0].init = {body({ref_null(ValType::ExternRef)})};
  Status s = validate_module(m);
  EXPECT_EQ(message(s), "type mismatch");
  EXPECT_NE(where(s).find("element segment 0"), std::string::npos) << where(s);
  // Element items are constant expressions.
  m.elems[0].type = ValType::FuncRef;
  m.elems[0].init = {body({i32c(0), op(Opcode::Drop), ref_null(ValType::FuncRef)})};
  EXPECT_EQ(message(validate_module(m)), "constant expression required");
}

TEST(ValidateModule, TableLimits) {
  Module m;
  m.tables.push_back(TableType{ValType::FuncRef, Limits{1, 0}});
  EXPECT_EQ(message(validate_module(m)), "size minimum must not be greater than maximum");
  m.tables[0].limits = Limits{0xFFFF'FFFF, 0xFFFF'FFFF};
  EXPECT_EQ(message(validate_module(m)), "ok");
}

TEST(ValidateModule, ImportsNeedKnownTypes) {
  Module m;
  Import im;
  im.kind = ExternKind::Func;
  im.func_type = 0;
  m.imports.push_back(im);
  EXPECT_EQ(message(validate_module(m)), "unknown type 0");
  m.types.push_back(FuncType{});
  EXPECT_EQ(message(validate_module(m)), "ok");
}

TEST(ValidateModule, ImportedFunctionsComeFirstInTheIndexSpace) {
  Module m;
  m.types.push_back(FuncType{{ValType::I64}, {}});
  Import im;
  im.kind = ExternKind::Func;
  im.func_type = 0;
  m.imports.push_back(im);
  // function 1 is the defined one below; call 0 is the import taking an i64.
  add_func(m, {}, {}, {i64c(0), op(Opcode::Call, 0)});
  EXPECT_EQ(message(validate_module(m)), "ok");
  Status s = [&] {
    m.funcs[0].body = body({i32c(0), op(Opcode::Call, 0)});
    return validate_module(m);
  }();
  EXPECT_EQ(message(s), "type mismatch");
  EXPECT_NE(where(s).find("function 1"), std::string::npos) << where(s);
}

TEST(ValidateModule, StartFunction) {
  Module m;
  uint32_t good = add_func(m, {}, {}, {});
  uint32_t with_result = add_func(m, {}, {ValType::I32}, {i32c(0)});
  uint32_t with_param = add_func(m, {ValType::I32}, {}, {});
  m.start = good;
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.start = with_result;
  EXPECT_EQ(message(validate_module(m)).rfind("start function", 0), 0u);
  m.start = with_param;
  EXPECT_EQ(message(validate_module(m)).rfind("start function", 0), 0u);
  m.start = 3;
  EXPECT_EQ(message(validate_module(m)), "unknown function 3");
}

TEST(ValidateModule, Exports) {
  Module m = with_memories(1);
  uint32_t f = add_func(m, {}, {}, {});
  m.globals = {global(ValType::I32, {i32c(0)})};
  m.tables.push_back(TableType{ValType::FuncRef, Limits{0, std::nullopt}});
  m.exports = {Export{"f", ExternKind::Func, f}, Export{"g", ExternKind::Global, 0},
               Export{"t", ExternKind::Table, 0}, Export{"m", ExternKind::Memory, 0}};
  EXPECT_EQ(message(validate_module(m)), "ok");
  m.exports.push_back(Export{"f", ExternKind::Global, 0});
  Status s = validate_module(m);
  EXPECT_EQ(message(s), "duplicate export name");
  EXPECT_NE(where(s).find("export 4"), std::string::npos) << where(s);
  m.exports.back() = Export{"x", ExternKind::Func, 1};
  EXPECT_EQ(message(validate_module(m)), "unknown function 1");
  m.exports.back() = Export{"x", ExternKind::Global, 1};
  EXPECT_EQ(message(validate_module(m)), "unknown global 1");
  m.exports.back() = Export{"x", ExternKind::Table, 1};
  EXPECT_EQ(message(validate_module(m)), "unknown table 1");
}

}  // namespace
}  // namespace mnemo::test
