// tests/native/wast_runner_test.cpp: the script runner's verdicts over small inline scripts:
// module checks without execution, skips, message mismatches, and the Executor plumbing.
#include <gtest/gtest.h>

#include "core/script/load.h"
#include "core/script/match.h"
#include "core/script/runner.h"

namespace mnemo {
namespace {

// A module whose only function claims to return an i32 but its body is empty: reads fine,
// fails validation (type mismatch).
constexpr const char* kInvalidBinary =
    "\"\\00asm\\01\\00\\00\\00\" \"\\01\\05\\01\\60\\00\\01\\7f\" \"\\03\\02\\01\\00\" \"\\0a\\04\\01\\02\\00\\0b\"";
constexpr const char* kEmptyBinary = "\"\\00asm\\01\\00\\00\\00\"";

ScriptReport run(const std::string& text, Executor* executor = nullptr) {
  auto script = parse_wast(text);
  EXPECT_TRUE(script.ok()) << (script.ok() ? "" : script.error().str());
  if (!script) return {};
  return run_script(*script, RunOptions{executor});
}

TEST(WastRunner, ModuleChecksWithoutExecution) {
  std::string text = std::string("(module binary ") + kEmptyBinary + ")\n" +                           // passed
                     "(assert_malformed (module binary \"\\00asm\") \"unexpected end\")\n" +          // passed
                     "(assert_invalid (module binary " + kInvalidBinary + ") \"type mismatch\")\n" +  // passed
                     "(assert_invalid (module binary " + kEmptyBinary + ") \"type mismatch\")\n" +    // failed
                     "(assert_malformed (module binary " + kEmptyBinary + ") \"unexpected end\")\n" + // failed
                     "(assert_malformed (module binary " + kInvalidBinary + ") \"x\")\n" +            // failed
                     "(assert_invalid (module binary \"\\00asm\\02\") \"x\")\n" +                     // failed
                     "(module binary " + kInvalidBinary + ")\n";                                      // failed
  ScriptReport r = run(text);
  EXPECT_EQ(r.passed, 3u);
  EXPECT_EQ(r.failed, 5u);
  EXPECT_EQ(r.skipped, 0u);
  ASSERT_EQ(r.commands.size(), 8u);
  EXPECT_EQ(r.commands[0].verdict, Verdict::Passed);
  EXPECT_EQ(r.commands[1].verdict, Verdict::Passed);
  EXPECT_EQ(r.commands[2].verdict, Verdict::Passed);
  EXPECT_EQ(r.commands[3].verdict, Verdict::Failed);
  EXPECT_EQ(r.commands[3].actual, "validated fine");
  EXPECT_EQ(r.commands[4].verdict, Verdict::Failed);
  EXPECT_EQ(r.commands[5].verdict, Verdict::Failed);
  EXPECT_NE(r.commands[5].actual.find("failed validation"), std::string::npos) << r.commands[5].actual;
  EXPECT_EQ(r.commands[6].verdict, Verdict::Failed);
  EXPECT_EQ(r.commands[6].actual.rfind("malformed: ", 0), 0u) << r.commands[6].actual;
  EXPECT_EQ(r.commands[7].verdict, Verdict::Failed);
  EXPECT_EQ(r.commands[7].actual.rfind("invalid: ", 0), 0u) << r.commands[7].actual;
  for (uint32_t i = 0; i < 8; ++i) {
    EXPECT_EQ(r.commands[i].line, i + 1);
    EXPECT_EQ(r.commands[i].column, 1u);
  }
}

TEST(WastRunner, ExecutionIsSkippedWithoutAnExecutor) {
  std::string text = std::string("(module binary ") + kEmptyBinary + ")\n" +
                     "(register \"M\")\n(invoke \"f\")\n(get \"g\")\n" +
                     "(assert_return (invoke \"f\") (i32.const 1))\n" +
                     "(assert_trap (invoke \"f\") \"unreachable\")\n" +
                     "(assert_exhaustion (invoke \"f\") \"call stack exhausted\")\n" +
                     "(assert_unlinkable (module binary " + kEmptyBinary + ") \"unknown import\")\n" +
                     "(assert_uninstantiable (module binary " + kEmptyBinary + ") \"unreachable\")\n" +
                     "(assert_trap (module binary " + kEmptyBinary + ") \"unreachable\")\n" +
                     "(assert_trap (module binary " + kInvalidBinary + ") \"unreachable\")\n";
  ScriptReport r = run(text);
  EXPECT_EQ(r.passed, 1u);
  EXPECT_EQ(r.skipped, 9u);
  EXPECT_EQ(r.failed, 1u);  // an instantiation assertion on an invalid module is the test's error
  EXPECT_EQ(r.commands[1].actual, kNeedsInterpreter);
  EXPECT_EQ(r.commands[10].verdict, Verdict::Failed);
}

TEST(WastRunner, MessageMismatchesAreCountedNotFailed) {
  std::string text = std::string("(assert_malformed (module binary \"\\00asm\") \"not our words\")\n") +
                     "(assert_invalid (module binary " + kInvalidBinary + ") \"type mismatch\")\n" +
                     "(assert_invalid (module binary " + kInvalidBinary + ") \"unknown type\")\n";
  ScriptReport r = run(text);
  EXPECT_EQ(r.passed, 3u);
  EXPECT_EQ(r.failed, 0u);
  EXPECT_EQ(r.message_mismatches, 2u);
  EXPECT_TRUE(r.commands[0].message_mismatch);
  EXPECT_FALSE(r.commands[1].message_mismatch);
  EXPECT_TRUE(r.commands[2].message_mismatch);
  EXPECT_EQ(r.commands[2].expected, "invalid: \"unknown type\"");
}

TEST(WastRunner, TextModulesAreReadFromTheScriptSpan) {
  std::string text =
      "(module $A (func (export \"f\") (result i32) (i32.const 1)))\n"
      "(assert_invalid\n  (module (func (result i32)))\n  \"type mismatch\")\n"
      "(assert_malformed (module quote \"(func (i32.const 1)\") \"unexpected end\")\n"
      "(assert_malformed (module quote \"(func (result i32))\") \"x\")\n";
  ScriptReport r = run(text);
  ASSERT_EQ(r.commands.size(), 4u);
  EXPECT_EQ(r.commands[0].verdict, Verdict::Passed) << r.commands[0].actual;
  EXPECT_EQ(r.commands[1].verdict, Verdict::Passed) << r.commands[1].actual;
  EXPECT_EQ(r.commands[1].line, 2u);
  // The validator's position is the script's own: the function is on line 3.
  EXPECT_NE(r.commands[1].actual.find("line 3:"), std::string::npos) << r.commands[1].actual;
  EXPECT_EQ(r.commands[2].verdict, Verdict::Passed) << r.commands[2].actual;
  EXPECT_EQ(r.commands[3].verdict, Verdict::Failed);  // quoted text that parses but is invalid
}

TEST(WastRunner, MultiMemoryLiftsTwoPointZeroRules) {
  std::string text =
      "(assert_invalid (module (memory 0) (memory 0)) \"multiple memories\")\n"
      "(assert_invalid (module (memory 0) (memory 0)) \"type mismatch\")\n"
      "(assert_malformed (module binary \"\\00asm\") \"zero byte expected\")\n";
  auto script = parse_wast(text);
  ASSERT_TRUE(script.ok());
  ScriptReport lifted = run_script(*script);
  EXPECT_EQ(lifted.commands[0].verdict, Verdict::Skipped);
  EXPECT_EQ(lifted.commands[0].actual.rfind(kLiftedReason, 0), 0u) << lifted.commands[0].actual;
  EXPECT_EQ(lifted.commands[1].verdict, Verdict::Failed);  // only the listed texts are lifted
  EXPECT_EQ(lifted.commands[2].verdict, Verdict::Passed);  // still malformed: no lifting needed

  RunOptions strict;
  strict.multi_memory = false;
  ScriptReport two = run_script(*script, strict);
  EXPECT_EQ(two.commands[0].verdict, Verdict::Failed);
  EXPECT_EQ(two.commands[2].verdict, Verdict::Passed);
}

// An Executor that answers from a table, to check what the runner asks and how it judges.
class ScriptedExecutor : public Executor {
 public:
  InstantiateOutcome instantiate(std::shared_ptr<const Module>, std::string_view id) override {
    instantiated.emplace_back(id);
    return next_instance;
  }
  Status register_instance(std::string_view name, std::string_view id) override {
    registered.emplace_back(std::string(name) + "=" + std::string(id));
    return {};
  }
  ActionOutcome perform(const Action& action) override {
    performed.push_back(action.name);
    auto it = outcomes.find(action.name);
    if (it == outcomes.end()) return ActionOutcome{ActionOutcome::Kind::Error, {}, "unknown export"};
    return it->second;
  }

  InstantiateOutcome next_instance;
  std::map<std::string, ActionOutcome> outcomes;
  std::vector<std::string> instantiated, registered, performed;
};

Value f32(uint32_t bits) { return Value{ValType::F32, bits, {}, false}; }
Value i32(uint32_t bits) { return Value{ValType::I32, bits, {}, false}; }

TEST(WastRunner, JudgesActionsThroughTheExecutor) {
  ScriptedExecutor ex;
  ex.outcomes["one"] = {ActionOutcome::Kind::Values, {i32(1)}, ""};
  ex.outcomes["nan"] = {ActionOutcome::Kind::Values, {f32(0xFFC00000u)}, ""};
  ex.outcomes["div"] = {ActionOutcome::Kind::Trap, {}, "integer divide by zero"};
  ex.outcomes["deep"] = {ActionOutcome::Kind::Exhaustion, {}, "call stack exhausted"};
  std::string text = std::string("(module $M binary ") + kEmptyBinary + ")\n" +
                     "(register \"reg\" $M)\n" +
                     "(assert_return (invoke \"one\") (i32.const 1))\n" +                // passed
                     "(assert_return (invoke \"one\") (i32.const 2))\n" +                // failed
                     "(assert_return (invoke \"nan\") (f32.const nan:canonical))\n" +    // passed
                     "(assert_return (invoke \"nan\") (either (i32.const 0) (f32.const nan:arithmetic)))\n" +
                     "(assert_trap (invoke \"div\") \"integer divide\")\n" +             // passed
                     "(assert_trap (invoke \"one\") \"integer divide\")\n" +             // failed
                     "(assert_exhaustion (invoke \"deep\") \"call stack\")\n" +          // passed
                     "(invoke \"missing\")\n";                                          // failed
  ScriptReport r = run(text, &ex);
  EXPECT_EQ(r.passed, 7u);
  EXPECT_EQ(r.failed, 3u);
  EXPECT_EQ(r.skipped, 0u);
  EXPECT_EQ(r.message_mismatches, 0u);
  EXPECT_EQ(ex.instantiated, std::vector<std::string>{"$M"});
  EXPECT_EQ(ex.registered, std::vector<std::string>{"reg=$M"});
  EXPECT_EQ(r.commands[3].expected, "invoke \"one\" -> i32:2");
  EXPECT_EQ(r.commands[3].actual, "i32:1");
  EXPECT_EQ(r.commands[7].actual, "i32:1");
  EXPECT_EQ(r.commands[9].actual, "error: unknown export");
}

TEST(WastRunner, JudgesInstantiationThroughTheExecutor) {
  ScriptedExecutor ex;
  ex.next_instance = {InstantiateOutcome::Kind::Unlinkable, "unknown import"};
  std::string text = std::string("(assert_unlinkable (module binary ") + kEmptyBinary + ") \"unknown import\")\n" +
                     "(assert_trap (module binary " + kEmptyBinary + ") \"unreachable\")\n" +
                     "(module binary " + kEmptyBinary + ")\n";
  ScriptReport r = run(text, &ex);
  EXPECT_EQ(r.commands[0].verdict, Verdict::Passed);
  EXPECT_EQ(r.commands[1].verdict, Verdict::Failed);
  EXPECT_EQ(r.commands[1].actual, "unlinkable: unknown import");
  EXPECT_EQ(r.commands[2].verdict, Verdict::Failed);
}

TEST(WastMatch, NanPatterns) {
  EXPECT_TRUE(is_canonical_nan_f32(0x7FC00000u));
  EXPECT_TRUE(is_canonical_nan_f32(0xFFC00000u));
  EXPECT_FALSE(is_canonical_nan_f32(0x7FC00001u));
  EXPECT_FALSE(is_canonical_nan_f32(0x7F800000u));
  EXPECT_TRUE(is_arithmetic_nan_f32(0x7FC00001u));
  EXPECT_FALSE(is_arithmetic_nan_f32(0x7FA00000u));  // signalling
  EXPECT_TRUE(is_canonical_nan_f64(0xFFF8000000000000ull));
  EXPECT_FALSE(is_canonical_nan_f64(0x7FF8000000000001ull));
  EXPECT_TRUE(is_arithmetic_nan_f64(0x7FF8000000000001ull));
  EXPECT_FALSE(is_arithmetic_nan_f64(0x7FF4000000000000ull));
}

TEST(WastMatch, LanesAndReferences) {
  auto script = parse_wast(
      "(assert_return (invoke \"f\") (v128.const f32x4 nan:canonical 1 nan:arithmetic 0)"
      " (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 255)"
      " (ref.null func) (ref.null) (ref.func) (ref.extern 3) (ref.extern))");
  ASSERT_TRUE(script.ok());
  const auto& e = script->commands[0].expected;
  Value v{ValType::V128, 0, {}, false};
  auto put32 = [&](int lane, uint32_t bits) {
    for (int b = 0; b < 4; ++b) v.v128.bytes[lane * 4 + b] = uint8_t(bits >> (8 * b));
  };
  put32(0, 0x7FC00000u);
  put32(1, 0x3F800000u);
  put32(2, 0xFFC00001u);
  put32(3, 0);
  EXPECT_TRUE(matches(e[0], v));
  put32(2, 0x7F800001u);  // not arithmetic
  EXPECT_FALSE(matches(e[0], v));

  Value bytes{ValType::V128, 0, {}, false};
  bytes.v128.bytes[0] = 0xFF;
  bytes.v128.bytes[15] = 0xFF;
  EXPECT_TRUE(matches(e[1], bytes));
  bytes.v128.bytes[7] = 1;
  EXPECT_FALSE(matches(e[1], bytes));

  Value null_func{ValType::FuncRef, 0, {}, true};
  Value null_extern{ValType::ExternRef, 0, {}, true};
  Value func{ValType::FuncRef, 0, {}, false};
  Value ext3{ValType::ExternRef, 3, {}, false};
  Value ext4{ValType::ExternRef, 4, {}, false};
  EXPECT_TRUE(matches(e[2], null_func));
  EXPECT_FALSE(matches(e[2], null_extern));
  EXPECT_TRUE(matches(e[3], null_extern));
  EXPECT_TRUE(matches(e[4], func));
  EXPECT_FALSE(matches(e[4], null_func));
  EXPECT_TRUE(matches(e[5], ext3));
  EXPECT_FALSE(matches(e[5], ext4));
  EXPECT_TRUE(matches(e[6], ext4));
  EXPECT_FALSE(matches(e[6], null_extern));
  EXPECT_FALSE(matches(e[5], i32(3)));
}

TEST(WastLoad, ReadsModuleFilesByContent) {
  EXPECT_TRUE(is_binary_module(std::string_view("\0asm\1\0\0\0", 8)));
  EXPECT_FALSE(is_binary_module("(module)"));
  auto binary = read_module_content(std::string_view("\0asm\1\0\0\0", 8));
  EXPECT_TRUE(binary.ok());
  auto truncated = read_module_content(std::string_view("\0asm\1\0", 6));
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().where.find("byte offset"), std::string::npos) << truncated.error().str();
}

}  // namespace
}  // namespace mnemo
