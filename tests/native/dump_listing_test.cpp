// tests/native/dump_listing_test.cpp: `mnemo dump --code`'s parts that every build has: the
// interpreter's translated code decoded and printed (core/vm/code_printer.h), and choosing the
// function to list (core/engines/code_listing.h). The JIT's listing: jit_x64_listing_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <regex>

#include "core/engines/code_listing.h"
#include "core/vm/code_printer.h"
#include "tests/generate/module_generator.h"
#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::World;

constexpr std::string_view kModule = R"((module
  (import "env" "log" (func $log (param i32)))
  (memory $small 1)
  (memory $big 2)
  (global $g (mut i32) (i32.const 0))
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (export "load_big") (param $p i32) (result i32)
    local.get $p
    i32.load $big offset=8)
  (func (export "calls") (param i32)
    local.get 0
    call $log
    i32.const 7
    global.set $g)
  (export "memory" (memory $small)))
)";

// The ops of export `name` of a fresh interpreter instance of kModule, its import stood in for.
struct Listed {
  explicit Listed(InstantiateOptions options = {}) {
    FuncType log{{ValType::I32}, {}};
    host = world.store.add_host_func(log, [](auto, auto) { return std::nullopt; }, "env.log");
    env = *world.store.add_instance();
    env->exports["log"] = ExternVal{ExternKind::Func, host, nullptr, nullptr, nullptr};
    world.registered["env"] = env;
    instance = world.must_instantiate(kModule, options);
  }
  const vm::CompiledFunc& code(std::string_view name) {
    return *vm::interp_code(*instance->find_export(name)->func);
  }
  std::vector<vm::DecodedOp> ops(std::string_view name) { return vm::decode_translated_code(code(name)); }

  World world;
  FuncInstance* host = nullptr;
  Instance* env = nullptr;
  Instance* instance = nullptr;
};

std::vector<std::string> names(const std::vector<vm::DecodedOp>& ops) {
  std::vector<std::string> out;
  for (const vm::DecodedOp& d : ops) out.push_back(d.name);
  return out;
}

TEST(DumpInterpListing, FusedOperandFormNamesItsSlotsAndInstructions) {
  Listed l;
  const std::vector<vm::DecodedOp> ops = l.ops("add");
  // The sum passes to the one-result return through the accumulator (core/vm/code.h).
  ASSERT_EQ(names(ops), (std::vector<std::string>{"i32.add_LL_toA", "ReturnA"}));
  EXPECT_EQ(ops[0].immediates, (std::vector<std::string>{"slot 0", "slot 1"}));
  EXPECT_TRUE(ops[0].fused);
  EXPECT_EQ(ops[0].first_instr, 0u);  // local.get 0; local.get 1; i32.add
  EXPECT_EQ(ops[0].last_instr, 2u);
  EXPECT_EQ(ops[1].pc, 3u);  // after the op word and its two slots
  EXPECT_FALSE(ops[1].fused);
  EXPECT_EQ(ops[1].first_instr, 3u);  // the function's end
}

TEST(DumpInterpListing, LoadNamesItsMemoryIndexAndOffset) {
  Listed fused;
  const std::vector<vm::DecodedOp> ops = fused.ops("load_big");
  ASSERT_EQ(names(ops), (std::vector<std::string>{"i32.load_L_toA", "ReturnA"}));
  EXPECT_EQ(ops[0].memory, 1u);
  EXPECT_EQ(ops[0].immediates, (std::vector<std::string>{"memory 1 offset 8", "slot 0"}));

  // One op per instruction: the load's own op, still on memory 1.
  InstantiateOptions debuggable;
  debuggable.debuggable = true;
  Listed plain(debuggable);
  const std::vector<vm::DecodedOp> plain_ops = plain.ops("load_big");
  ASSERT_EQ(names(plain_ops), (std::vector<std::string>{"local.get", "i32.load", "return"}));
  EXPECT_EQ(plain_ops[1].memory, 1u);
  EXPECT_FALSE(plain_ops[1].fused);
  EXPECT_EQ(plain_ops[1].first_instr, 1u);
}

TEST(DumpInterpListing, CallsAndGlobalsNameTheirIndices) {
  Listed l;
  const std::vector<vm::DecodedOp> ops = l.ops("calls");
  ASSERT_EQ(names(ops), (std::vector<std::string>{"local.get", "CallHost", "i32.const", "global.set", "return"}));
  EXPECT_EQ(ops[1].immediates, (std::vector<std::string>{"func 0 (env.log)"}));
  EXPECT_EQ(ops[2].immediates, (std::vector<std::string>{"i32 7"}));
  EXPECT_EQ(ops[3].immediates, (std::vector<std::string>{"global 0"}));
}

TEST(DumpInterpListing, RegisterFormStandsForItsLocalsAndTheSetOfItsResult) {
  World world;
  Instance* inst = world.must_instantiate(R"((module
    (func (export "f") (param v128 v128) (result v128) (local v128)
      local.get 0
      local.get 1
      i32x4.add
      local.set 2
      local.get 2)))");
  ASSERT_TRUE(inst);
  const std::vector<vm::DecodedOp> ops = vm::decode_translated_code(*vm::interp_code(*inst->find_export("f")->func));
  ASSERT_EQ(names(ops), (std::vector<std::string>{"i32x4.add_R", "LocalGetV128", "return"}));
  // Parameters in slots 0-1 and 2-3, the local in 4-5: the sum goes straight into the local.
  EXPECT_EQ(ops[0].immediates, (std::vector<std::string>{"result slot 4", "height 6", "slot 0", "slot 2"}));
  EXPECT_TRUE(ops[0].fused);
  EXPECT_EQ(ops[0].first_instr, 0u);
  EXPECT_EQ(ops[0].last_instr, 3u);
  EXPECT_EQ(ops[1].first_instr, 4u);
}

// A jump to a return becomes that return; its offset word stays behind and is no op.
TEST(DumpInterpListing, ThreadedJumpKeepsItsOffsetWord) {
  World world;
  Instance* inst = world.must_instantiate(R"((module
    (func (export "f") (param i32)
      local.get 0
      if
        nop
      else
        nop
      end)))");
  ASSERT_TRUE(inst);
  const std::vector<vm::DecodedOp> ops = vm::decode_translated_code(*vm::interp_code(*inst->find_export("f")->func));
  ASSERT_EQ(names(ops), (std::vector<std::string>{"LocalGetToA", "JumpUnlessA", "return", "return"}));
  EXPECT_EQ(ops[1].immediates, (std::vector<std::string>{"-> 6"}));  // the else arm, empty: the end
  EXPECT_EQ(ops[2].immediates, (std::vector<std::string>{"a jump to the return at 6, threaded"}));
  EXPECT_EQ(ops[2].words, 2u);
  EXPECT_EQ(ops[2].first_instr, 3u);  // the else
  EXPECT_EQ(ops[3].pc, 6u);
  EXPECT_EQ(ops[3].immediates, std::vector<std::string>{});
}

TEST(DumpInterpListing, PrintsOpsWithTheirWasmInstructions) {
  Listed l;
  const std::string text = vm::print_translated_code(l.code("load_big"));
  EXPECT_NE(text.find("locals (parameters first): 0 i32 in slot 0"), std::string::npos) << text;
  EXPECT_NE(text.find("i32.load_L"), std::string::npos) << text;
  EXPECT_NE(text.find("memory 1 offset 8, slot 0"), std::string::npos) << text;
  EXPECT_NE(text.find("0-1: local.get $p; i32.load $big offset=8"), std::string::npos) << text;
}

// Every op the translator can emit decodes (a new form the printer does not know fails here), and
// only the rows that never reach translated code do not.
TEST(DumpInterpListing, EveryEmittedOpHasALayout) {
  const std::vector<vm::VmOp> never = {vm::VmOp::Block, vm::VmOp::Loop,  vm::VmOp::If,      vm::VmOp::Else,
                                       vm::VmOp::End,   vm::VmOp::Br,    vm::VmOp::BrIf,    vm::VmOp::BrTable,
                                       vm::VmOp::SelectT, vm::VmOp::Invalid};
  for (uint32_t i = 0; i < uint32_t(vm::VmOp::Count_); ++i) {
    vm::CompiledFunc code;
    code.code.assign(16, 0);  // immediates of zeros (a jump table of one entry)
    code.code[0] = vm::op_word(vm::VmOp(i));
    code.instr_at.assign(16, 0);
    const std::vector<vm::DecodedOp> ops = vm::decode_translated_code(code);
    ASSERT_FALSE(ops.empty());
    const bool emitted = std::find(never.begin(), never.end(), vm::VmOp(i)) == never.end();
    EXPECT_EQ(ops[0].name.rfind("invalid word", 0) != 0, emitted) << vm::vm_op_name(vm::VmOp(i)) << ": " << ops[0].name;
    if (emitted) {
      EXPECT_EQ(ops[0].name, vm::vm_op_name(vm::VmOp(i)));
    }
  }
  EXPECT_EQ(vm::vm_op_name(vm::VmOp::I32LtS_LC_If), "i32.lt_s_LC_If");
  EXPECT_EQ(vm::vm_op_name(vm::VmOp::I64Load8U_AddSL), "i64.load8_u_AddSL");
  EXPECT_EQ(vm::vm_op_name(vm::VmOp::JumpIfDrop), "JumpIfDrop");
}

TEST(DumpInterpListing, TruncatedCodeEndsInAnInvalidWord) {
  vm::CompiledFunc code;
  code.code = {uint64_t(vm::VmOp::LocalGet2), 0};  // the second slot is missing
  code.instr_at = {0, 0};
  const std::vector<vm::DecodedOp> ops = vm::decode_translated_code(code);
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(ops[0].name, "invalid word 0x" + [] {
    char b[8];
    std::snprintf(b, sizeof b, "%x", unsigned(vm::VmOp::LocalGet2));
    return std::string(b);
  }());
}

TEST(DumpFunction, ByExportNameOrIndex) {
  const Module m = testing::parse_valid(kModule);
  ASSERT_TRUE(find_listed_function(m, "load_big").ok());
  EXPECT_EQ(*find_listed_function(m, "load_big"), 2u);
  EXPECT_EQ(*find_listed_function(m, "3"), 3u);
}

TEST(DumpFunction, BadNamesSayWhatIsWrong) {
  const Module m = testing::parse_valid(kModule);
  Result<uint32_t> none = find_listed_function(m, "nosuch");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().str(), "\"nosuch\": no exported function of that name, nor a function index");
  Result<uint32_t> far = find_listed_function(m, "9");
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().str(), "function 9: no such function: the module has 4 (indices from 0)");
  Result<uint32_t> imported = find_listed_function(m, "0");
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().str(), "function 0: is imported (env.log): it has no code in this module");
  Result<uint32_t> memory = find_listed_function(m, "memory");
  ASSERT_FALSE(memory.ok());
  EXPECT_EQ(memory.error().str(), "export \"memory\": is a memory, not a function");
}

// The whole listing, imports stood in for: the engine's header, then the code.
TEST(DumpListing, InterpreterListingOfAModuleWithImports) {
  const Module m = testing::parse_valid(kModule);
  Result<std::string> text = code_listing(m, 3, EngineKind::Interp);
  ASSERT_TRUE(text.ok()) << text.error().str();
  EXPECT_EQ(text->rfind("== interp (interpreter: ", 0), 0u) << *text;
  EXPECT_NE(text->find("): function 3 \"calls\" (param i32)\n"), std::string::npos) << *text;
  EXPECT_TRUE(std::regex_search(*text, std::regex("\n +2  CallHost +func 0 \\(env\\.log\\) +1: call \\$log\n")))
      << *text;
}

TEST(DumpListing, StartFunctionDoesNotRun) {
  // Its start function would trap: a listing instantiates without it.
  const Module m = testing::parse_valid(R"((module (func $boom unreachable) (start $boom)))");
  Result<std::string> text = code_listing(m, 0, EngineKind::Interp);
  ASSERT_TRUE(text.ok()) << text.error().str();
  EXPECT_TRUE(std::regex_search(*text, std::regex("\n +0  unreachable +0: unreachable\n"))) << *text;
}

// Every function of generated modules (every memory instruction on several memories, bulk
// memory, calls, tables, branches of every kind) lists to its end, with no word the printer cannot
// read; where a JIT compiles them, compiling again gives the very bytes it runs.
TEST(DumpListing, GeneratedModulesListToTheEnd) {
  uint32_t listed = 0, threaded = 0;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    const gen::GeneratedModule g = gen::generate_module(seed);
    for (uint32_t f = g.module.imported_count(ExternKind::Func); f < g.module.func_count(); ++f)
      for (EngineKind kind : {EngineKind::Interp, EngineKind::Jit}) {
        Result<std::string> text = code_listing(g.module, f, kind);
        ASSERT_TRUE(text.ok()) << "seed " << seed << ", function " << f << ": " << text.error().str();
        EXPECT_EQ(text->find("invalid word"), std::string::npos) << "seed " << seed << ", function " << f << "\n" << *text;
        EXPECT_EQ(text->find("differs from this code"), std::string::npos) << "seed " << seed << ", function " << f;
        ++listed;
        if (text->find(", threaded") != std::string::npos) ++threaded;
      }
  }
  EXPECT_GT(listed, 400u);
  EXPECT_GT(threaded, 0u);  // the returns that keep a jump's word were among them
}

}  // namespace
}  // namespace mnemo
