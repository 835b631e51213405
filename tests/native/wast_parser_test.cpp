// tests/native/wast_parser_test.cpp: WAST scripts into commands: module forms, actions,
// assertions, constants (NaN patterns, v128 shapes), string escapes and line:column.
#include <gtest/gtest.h>

#include "core/text/wast.h"

namespace mnemo {
namespace {

Script parse_ok(std::string_view text) {
  auto s = parse_wast(text);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().str());
  return s.ok() ? std::move(s).value() : Script{};
}

TEST(WastParser, TextModuleKeepsItsSpanAndId) {
  std::string text = ";; comment\n(module $M (func (export \"f\") (result i32) (i32.const 1)))\n(module)";
  Script s = parse_ok(text);
  ASSERT_EQ(s.commands.size(), 2u);
  const Command& c = s.commands[0];
  EXPECT_EQ(c.kind, CommandKind::Module);
  ASSERT_TRUE(c.module);
  EXPECT_EQ(c.module->form, ScriptModule::Form::Text);
  EXPECT_EQ(c.module->id, "$M");
  EXPECT_EQ(s.source.substr(c.module->begin, c.module->end - c.module->begin),
            "(module $M (func (export \"f\") (result i32) (i32.const 1)))");
  EXPECT_EQ(c.line, 2u);
  EXPECT_EQ(c.column, 1u);
  EXPECT_EQ(s.commands[1].line, 3u);
  EXPECT_TRUE(s.commands[1].module->id.empty());
}

TEST(WastParser, BinaryModuleConcatenatesDecodedStrings) {
  Script s = parse_ok("(module $B binary \"\\00asm\" \"\\01\\00\\00\\00\" \"\\t\\n\\\\\\\"\\u{41}\")");
  ASSERT_EQ(s.commands.size(), 1u);
  const ScriptModule& m = *s.commands[0].module;
  EXPECT_EQ(m.form, ScriptModule::Form::Binary);
  EXPECT_EQ(m.id, "$B");
  EXPECT_EQ(m.bytes, std::string("\0asm\x01\0\0\0\t\n\\\"A", 13));
}

TEST(WastParser, QuoteModuleConcatenatesText) {
  Script s = parse_ok("(assert_malformed (module quote \"(func \" \"(i32.const 1))\") \"unexpected token\")");
  ASSERT_EQ(s.commands.size(), 1u);
  const Command& c = s.commands[0];
  EXPECT_EQ(c.kind, CommandKind::AssertMalformed);
  EXPECT_EQ(c.module->form, ScriptModule::Form::Quote);
  EXPECT_EQ(c.module->bytes, "(func (i32.const 1))");
  EXPECT_EQ(c.message, "unexpected token");
}

TEST(WastParser, DefinitionAndInstance) {
  Script s = parse_ok("(module definition $D binary \"\")\n(module instance $I $D)");
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_TRUE(s.commands[0].module->definition);
  EXPECT_EQ(s.commands[0].module->id, "$D");
  EXPECT_EQ(s.commands[1].kind, CommandKind::Instance);
  EXPECT_EQ(s.commands[1].instance, "$I");
  EXPECT_EQ(s.commands[1].module_id, "$D");
}

TEST(WastParser, RegisterAndActions) {
  Script s = parse_ok(
      "(register \"M\" $m)\n(register \"N\")\n(invoke \"run\")\n(get $m \"g\")\n"
      "(invoke $m \"f\" (i32.const -1) (i64.const 0xffff_ffff_ffff) (ref.null extern) (ref.extern 7))");
  ASSERT_EQ(s.commands.size(), 5u);
  EXPECT_EQ(s.commands[0].kind, CommandKind::Register);
  EXPECT_EQ(s.commands[0].name, "M");
  EXPECT_EQ(s.commands[0].instance, "$m");
  EXPECT_TRUE(s.commands[1].instance.empty());
  EXPECT_EQ(s.commands[2].kind, CommandKind::Action);
  EXPECT_EQ(s.commands[2].action->kind, Action::Kind::Invoke);
  EXPECT_EQ(s.commands[2].action->name, "run");
  EXPECT_EQ(s.commands[3].action->kind, Action::Kind::Get);
  EXPECT_EQ(s.commands[3].action->instance, "$m");
  const Action& a = *s.commands[4].action;
  ASSERT_EQ(a.args.size(), 4u);
  EXPECT_EQ(a.args[0].type, ValType::I32);
  EXPECT_EQ(a.args[0].bits, 0xFFFFFFFFu);
  EXPECT_EQ(a.args[1].type, ValType::I64);
  EXPECT_EQ(a.args[1].bits, 0xFFFFFFFFFFFFull);
  EXPECT_EQ(a.args[2].type, ValType::ExternRef);
  EXPECT_TRUE(a.args[2].is_null);
  EXPECT_EQ(a.args[3].type, ValType::ExternRef);
  EXPECT_FALSE(a.args[3].is_null);
  EXPECT_EQ(a.args[3].bits, 7u);
}

TEST(WastParser, FloatConstantsKeepBitPatterns) {
  Script s = parse_ok(
      "(invoke \"f\" (f32.const -0) (f32.const nan:0x200000) (f64.const -inf) (f64.const 0x1p-1) (f32.const -nan))");
  const auto& args = s.commands[0].action->args;
  ASSERT_EQ(args.size(), 5u);
  EXPECT_EQ(args[0].bits, 0x80000000u);
  EXPECT_EQ(args[1].bits, 0x7FA00000u);
  EXPECT_EQ(args[2].bits, 0xFFF0000000000000ull);
  EXPECT_EQ(args[3].bits, 0x3FE0000000000000ull);
  EXPECT_EQ(args[4].bits, 0xFFC00000u);
}

TEST(WastParser, V128ConstantsInEveryShapeAreLittleEndian) {
  Script s = parse_ok(
      "(invoke \"f\" (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1)"
      " (v128.const i16x8 0x0102 0 0 0 0 0 0 65535)"
      " (v128.const i32x4 0x01020304 0 0 -1)"
      " (v128.const i64x2 0x0102030405060708 0)"
      " (v128.const f32x4 1 0 0 -0)"
      " (v128.const f64x2 0 1))");
  const auto& args = s.commands[0].action->args;
  ASSERT_EQ(args.size(), 6u);
  for (const Value& v : args) EXPECT_EQ(v.type, ValType::V128);
  EXPECT_EQ(args[0].v128.bytes[1], 1);
  EXPECT_EQ(args[0].v128.bytes[15], 0xFF);
  EXPECT_EQ(args[1].v128.bytes[0], 0x02);
  EXPECT_EQ(args[1].v128.bytes[1], 0x01);
  EXPECT_EQ(args[1].v128.bytes[14], 0xFF);
  EXPECT_EQ(args[2].v128.bytes[0], 0x04);
  EXPECT_EQ(args[2].v128.bytes[3], 0x01);
  EXPECT_EQ(args[2].v128.bytes[12], 0xFF);
  EXPECT_EQ(args[3].v128.bytes[0], 0x08);
  EXPECT_EQ(args[3].v128.bytes[7], 0x01);
  EXPECT_EQ(args[4].v128.bytes[3], 0x3F);  // 1.0f = 0x3f800000
  EXPECT_EQ(args[4].v128.bytes[2], 0x80);
  EXPECT_EQ(args[4].v128.bytes[15], 0x80);  // -0.0f
  EXPECT_EQ(args[5].v128.bytes[15], 0x3F);  // 1.0 = 0x3ff0000000000000
  EXPECT_EQ(args[5].v128.bytes[14], 0xF0);
}

TEST(WastParser, AssertReturnPatterns) {
  Script s = parse_ok(
      "(assert_return (invoke \"f\") (i32.const 7) (f32.const nan:canonical) (f64.const nan:arithmetic)"
      " (f64.const 1.5) (v128.const f32x4 nan:canonical 0 nan:arithmetic -1)"
      " (ref.null func) (ref.null) (ref.func) (ref.extern 3) (ref.extern)"
      " (either (i32.const 1) (i32.const 2)))");
  const Command& c = s.commands[0];
  EXPECT_EQ(c.kind, CommandKind::AssertReturn);
  ASSERT_EQ(c.expected.size(), 11u);
  const auto& e = c.expected;
  EXPECT_EQ(e[0].kind, Expected::Kind::Num);
  EXPECT_EQ(e[0].type, ValType::I32);
  EXPECT_EQ(e[0].num.bits, 7u);
  EXPECT_EQ(e[1].type, ValType::F32);
  EXPECT_EQ(e[1].num.nan, NanPattern::Canonical);
  EXPECT_EQ(e[2].type, ValType::F64);
  EXPECT_EQ(e[2].num.nan, NanPattern::Arithmetic);
  EXPECT_EQ(e[3].num.nan, NanPattern::None);
  EXPECT_EQ(e[3].num.bits, 0x3FF8000000000000ull);
  EXPECT_EQ(e[4].kind, Expected::Kind::Vec);
  EXPECT_EQ(e[4].shape, LaneShape::F32x4);
  ASSERT_EQ(e[4].lanes.size(), 4u);
  EXPECT_EQ(e[4].lanes[0].nan, NanPattern::Canonical);
  EXPECT_EQ(e[4].lanes[1].bits, 0u);
  EXPECT_EQ(e[4].lanes[2].nan, NanPattern::Arithmetic);
  EXPECT_EQ(e[4].lanes[3].bits, 0xBF800000u);
  EXPECT_EQ(e[5].kind, Expected::Kind::RefNull);
  EXPECT_EQ(e[5].type, ValType::FuncRef);
  EXPECT_FALSE(e[5].any);
  EXPECT_TRUE(e[6].any);
  EXPECT_EQ(e[7].kind, Expected::Kind::RefFunc);
  EXPECT_EQ(e[8].kind, Expected::Kind::RefExtern);
  EXPECT_EQ(e[8].num.bits, 3u);
  EXPECT_FALSE(e[8].any);
  EXPECT_TRUE(e[9].any);
  EXPECT_EQ(e[10].kind, Expected::Kind::Either);
  ASSERT_EQ(e[10].alternatives.size(), 2u);
  EXPECT_EQ(e[10].alternatives[1].num.bits, 2u);
}

TEST(WastParser, NanPatternsAreResultsOnly) {
  EXPECT_FALSE(parse_wast("(invoke \"f\" (f32.const nan:canonical))").ok());
  EXPECT_FALSE(parse_wast("(assert_return (invoke \"f\") (i32.const nan:canonical))").ok());
}

TEST(WastParser, TrapsExhaustionAndInstantiationAsserts) {
  Script s = parse_ok(
      "(assert_trap (invoke \"f\" (i32.const 0)) \"integer divide by zero\")\n"
      "(assert_trap (module (func $f unreachable) (start $f)) \"unreachable\")\n"
      "(assert_exhaustion (invoke \"loop\") \"call stack exhausted\")\n"
      "(assert_invalid (module (func (result i32))) \"type mismatch\")\n"
      "(assert_unlinkable (module (import \"x\" \"y\" (func))) \"unknown import\")\n"
      "(assert_uninstantiable (module) \"out of bounds\")");
  ASSERT_EQ(s.commands.size(), 6u);
  EXPECT_EQ(s.commands[0].kind, CommandKind::AssertTrap);
  EXPECT_TRUE(s.commands[0].action);
  EXPECT_FALSE(s.commands[0].module);
  EXPECT_EQ(s.commands[0].message, "integer divide by zero");
  EXPECT_EQ(s.commands[1].kind, CommandKind::AssertTrap);
  EXPECT_TRUE(s.commands[1].module);
  EXPECT_FALSE(s.commands[1].action);
  EXPECT_EQ(s.commands[2].kind, CommandKind::AssertExhaustion);
  EXPECT_EQ(s.commands[3].kind, CommandKind::AssertInvalid);
  EXPECT_EQ(s.commands[3].message, "type mismatch");
  EXPECT_EQ(s.commands[4].kind, CommandKind::AssertUnlinkable);
  EXPECT_EQ(s.commands[5].kind, CommandKind::AssertUninstantiable);
  for (uint32_t i = 0; i < 6; ++i) EXPECT_EQ(s.commands[i].line, i + 1);
}

TEST(WastParser, ColumnsCountFromOne) {
  Script s = parse_ok("\n\n   (module)  (module)");
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].line, 3u);
  EXPECT_EQ(s.commands[0].column, 4u);
  EXPECT_EQ(s.commands[1].column, 14u);
}

TEST(WastParser, ErrorsNameLineAndColumn) {
  auto bad_command = parse_wast("(module)\n  (frobnicate)");
  ASSERT_FALSE(bad_command.ok());
  EXPECT_EQ(bad_command.error().where, "line 2:4");
  EXPECT_NE(bad_command.error().message.find("frobnicate"), std::string::npos);

  auto bad_literal = parse_wast("(invoke \"f\"\n (i32.const 0x1_0000_0000))");
  ASSERT_FALSE(bad_literal.ok());
  EXPECT_EQ(bad_literal.error().where, "line 2:13");

  auto unclosed_string = parse_wast("(module)\n(register \"abc)");
  ASSERT_FALSE(unclosed_string.ok());
  EXPECT_EQ(unclosed_string.error().where, "line 2:11");

  auto unclosed_module = parse_wast("(module (func)");
  ASSERT_FALSE(unclosed_module.ok());
  EXPECT_EQ(unclosed_module.error().where, "line 1:1");
}

TEST(WastParser, RejectsMalformedConstantsAndShapes) {
  EXPECT_FALSE(parse_wast("(invoke \"f\" (v128.const i32x4 1 2 3))").ok());
  EXPECT_FALSE(parse_wast("(invoke \"f\" (v128.const i32x3 1 2 3))").ok());
  EXPECT_FALSE(parse_wast("(invoke \"f\" (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0))").ok());
  EXPECT_FALSE(parse_wast("(invoke \"f\" (i32.const))").ok());
  EXPECT_FALSE(parse_wast("(invoke \"f\" (ref.null any))").ok());
  EXPECT_FALSE(parse_wast("(invoke \"f\" (x.const 1))").ok());
  EXPECT_FALSE(parse_wast("(assert_return (invoke \"f\") (either))").ok());
  EXPECT_FALSE(parse_wast("(assert_malformed (invoke \"f\") \"x\")").ok());
  EXPECT_FALSE(parse_wast("(assert_invalid (module))").ok());
  EXPECT_FALSE(parse_wast("(invoke)").ok());
  EXPECT_FALSE(parse_wast("module").ok());
}

TEST(WastParser, DeeplyNestedEitherIsRejectedNotOverflowed) {
  std::string text = "(assert_return (invoke \"f\") ";
  for (int i = 0; i < 100000; ++i) text += "(either ";
  text += "(i32.const 1)";
  for (int i = 0; i < 100000; ++i) text += ")";
  text += ")";
  EXPECT_FALSE(parse_wast(text).ok());
}

TEST(WastParser, DescribesValuesAndPatterns) {
  Value v;
  v.type = ValType::I32;
  v.bits = 0xFFFFFFFF;
  EXPECT_EQ(describe(v), "i32:-1");
  v.type = ValType::ExternRef;
  v.bits = 3;
  EXPECT_EQ(describe(v), "ref.extern 3");
  v.is_null = true;
  EXPECT_EQ(describe(v), "ref.null extern");
  Script s = parse_ok("(assert_return (invoke \"f\") (v128.const i16x8 -1 0 1 2 3 4 5 65535)"
                      " (f64.const nan:arithmetic) (either (ref.func) (ref.null)))");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(describe(s.commands[0].expected[0]), "v128:i16x8 -1 0 1 2 3 4 5 -1");
  EXPECT_EQ(describe(s.commands[0].expected[1]), "f64:nan:arithmetic");
  EXPECT_EQ(describe(s.commands[0].expected[2]), "either(ref.func | ref.null)");
  EXPECT_FALSE(parse_wast("(assert_return (invoke \"f\") (v128.const i16x8 0 0 0 0 0 0 0 nan:canonical))").ok());
}

}  // namespace
}  // namespace mnemo

namespace mnemo {
namespace {

TEST(WastParser, BareModuleFieldsAreOneInlineModule) {
  std::string text = ";; fields only\n(func) (memory 0)\n(func (export \"f\"))\n";
  Script s = parse_ok(text);
  ASSERT_EQ(s.commands.size(), 1u);
  const Command& c = s.commands[0];
  EXPECT_EQ(c.kind, CommandKind::Module);
  EXPECT_EQ(c.line, 2u);
  EXPECT_EQ(c.module->form, ScriptModule::Form::Text);
  EXPECT_EQ(c.module->begin, text.find("(func)"));
  EXPECT_EQ(c.module->end, text.size());
}

}  // namespace
}  // namespace mnemo
