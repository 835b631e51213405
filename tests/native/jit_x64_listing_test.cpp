// tests/native/jit_x64_listing_test.cpp: `mnemo dump --code`'s JIT part: a compiled function's
// machine code from the engine (jit::function_code, core/jit/machine_code.h), the
// disassembler in both of its modes (core/jit/disassemble.h) and the listing
// (core/jit/machine_listing.h). Where the build found no capstone, the listings must fall back to
// hex and say why.
#include <gtest/gtest.h>

#include <regex>

#include "core/engines/code_listing.h"
#include "core/engines/make_engine.h"
#include "core/jit/disassemble.h"
#include "core/jit/jit.h"
#include "core/jit/machine_listing.h"
#include "core/jit/machine_code.h"
#include "vm_test_helpers.h"

namespace mnemo {
namespace {

const bool kHaveDisassembler = !jit::disassembler_name().empty();

std::vector<std::string> texts(const std::vector<jit::MachineInstr>& instrs) {
  std::vector<std::string> out;
  for (const jit::MachineInstr& i : instrs) out.push_back(i.text);
  return out;
}

TEST(JitListing, DisassemblesX64AndArm64) {
  const uint8_t x64[] = {0x48, 0x83, 0xec, 0x08, 0x01, 0xc8, 0x06, 0xc3};  // 0x06: no instruction in 64-bit mode
  Result<std::vector<jit::MachineInstr>> a = jit::disassemble(jit::MachineArch::X64, x64);
  if (!kHaveDisassembler) {
    ASSERT_FALSE(a.ok());
    EXPECT_NE(a.error().message.find("install libcapstone-dev"), std::string::npos) << a.error().message;
    return;
  }
  ASSERT_TRUE(a.ok()) << a.error().str();
  EXPECT_EQ(texts(*a), (std::vector<std::string>{"sub rsp, 8", "add eax, ecx", ".byte 0x06", "ret"}));
  EXPECT_EQ((*a)[1].offset, 4u);
  EXPECT_EQ((*a)[1].size, 2u);
  EXPECT_EQ((*a)[3].offset, 7u);

  const uint8_t arm64[] = {0x00, 0x00, 0x01, 0x8b, 0xc0, 0x03, 0x5f, 0xd6};  // add x0, x0, x1; ret
  Result<std::vector<jit::MachineInstr>> b = jit::disassemble(jit::MachineArch::Arm64, arm64);
  ASSERT_TRUE(b.ok()) << b.error().str();
  EXPECT_EQ(texts(*b), (std::vector<std::string>{"add x0, x0, x1", "ret"}));
}

// Comments name each WebAssembly instruction where its code starts, notes sit on their line.
TEST(JitListing, InstructionOffsetsAndNotes) {
  jit::MachineCode code;
  code.bytes = {0x48, 0x83, 0xec, 0x08, 0x01, 0xc8, 0xc3, 0xcc};
  code.instr_offsets = {{0, 4}, {1, 4}, {2, 6}, {3, 7}};
  code.notes = {{4, "the add"}, {7, "a stub"}};
  const std::string text = jit::print_machine_code(code, 3, [](uint32_t i) { return "instr" + std::to_string(i); });
  const std::string row = kHaveDisassembler ? "  %06x  %-30s  %s" : "  %06x  %s";
  auto line = [&](uint32_t offset, const char* bytes, const char* instr) {
    char buf[128];
    std::snprintf(buf, sizeof buf, row.c_str(), offset, bytes, instr);
    std::string s = buf;
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  const std::string comment(41, ' ');
  const std::string expected =
      comment + ";; prologue\n" + line(0, "48 83 ec 08", "sub rsp, 8") + "\n" + comment + ";; 0: instr0\n" + comment +
      ";; 1: instr1\n" + line(4, "01 c8", "add eax, ecx") + "  ; the add\n" + comment + ";; 2: instr2\n" +
      line(6, "c3", "ret") + "\n" + comment + ";; trap stubs\n" + line(7, "cc", "int3") + "  ; a stub\n";
  // After the header: a line, and without a disassembler a second one saying why.
  size_t body = text.find('\n') + 1;
  if (!kHaveDisassembler) body = text.find('\n', body) + 1;
  EXPECT_EQ(text.substr(body), expected) << text;
}

TEST(JitListing, CompiledFunctionListsItsMachineCode) {
  const Module m = testing::parse_valid(R"((module
    (func (export "mul") (param i32 i32) (result i32) local.get 0 local.get 1 i32.mul)))");
  Result<std::string> text = code_listing(m, 0, EngineKind::Jit);
  ASSERT_TRUE(text.ok()) << text.error().str();
  EXPECT_EQ(text->rfind("== jit (jit: x86-64 baseline", 0), 0u) << *text;
  EXPECT_NE(text->find("): function 0 \"mul\" (param i32 i32) (result i32)\n"), std::string::npos) << *text;
  EXPECT_TRUE(std::regex_search(*text, std::regex(" bytes of x86-64 at 0x[0-9a-f]+ "))) << *text;
  if (kHaveDisassembler) {
    EXPECT_TRUE(std::regex_search(*text, std::regex("\n  [0-9a-f]{6}  [0-9a-f ]+  imul "))) << *text;
    EXPECT_TRUE(std::regex_search(*text, std::regex("\n  [0-9a-f]{6}  c3 +ret\n"))) << *text;
  } else {
    EXPECT_NE(text->find("install libcapstone-dev); the bytes in hex:\n"), std::string::npos) << *text;
  }
}

// What the compiler knows of the code (offsets, guard sites) is given only for the very bytes it
// compiled, read no further than the code's block allows.
TEST(JitListing, CompilerKnowledgeOnlyForTheSameBytes) {
  jit::CompileResult compiled;
  compiled.code = {0x90, 0xc3};
  compiled.instr_offsets = {{0, 0}, {1, 1}};
  compiled.guard_sites = {{0, 0, 1, 0}};
  const jit::RuntimeEntries calls;
  const uint8_t same[] = {0x90, 0xc3};
  const jit::MachineCode m = jit::machine_code(jit::MachineArch::X64, same, 2, compiled, calls);
  EXPECT_EQ(m.address, same);
  EXPECT_EQ(m.bytes, compiled.code);
  EXPECT_EQ(m.instr_offsets, compiled.instr_offsets);
  EXPECT_EQ(m.notes, (std::vector<std::pair<uint32_t, std::string>>{
                         {0, "bounds checked by the guard pages (trap stub at 0x0001)"},
                         {1, "trap stub of the access at 0x0000"}}));
  EXPECT_EQ(m.symbols.size(), 6u);  // the runtime's entries

  const uint8_t other[] = {0x90, 0x90};
  const jit::MachineCode differs = jit::machine_code(jit::MachineArch::X64, other, 2, compiled, calls);
  EXPECT_EQ(differs.bytes, (std::vector<uint8_t>{0x90, 0x90}));
  EXPECT_TRUE(differs.instr_offsets.empty());
  EXPECT_EQ(differs.notes, (std::vector<std::pair<uint32_t, std::string>>{
                               {0, "compiled again, the function differs from this code: no instruction offsets"}}));

  const jit::MachineCode cut = jit::machine_code(jit::MachineArch::X64, same, 1, compiled, calls);
  EXPECT_EQ(cut.bytes, (std::vector<uint8_t>{0x90}));
  EXPECT_TRUE(cut.instr_offsets.empty());
}

// The instance of `module` that `kind`'s engine makes, debuggable or not.
struct Made {
  Made(EngineKind kind, std::string_view wat, bool debuggable = false) {
    std::string why;
    engine = make_engine(kind, store, why);
    EXPECT_TRUE(engine) << why;
    InstantiateOptions options;
    options.debuggable = debuggable;
    InstantiateResult r = engine->instantiate(std::make_shared<const Module>(testing::parse_valid(wat)),
                                              [](auto, auto) { return std::nullopt; }, options);
    EXPECT_EQ(r.kind, InstantiateResult::Kind::Ok) << r.message;
    instance = r.instance;
  }
  Store store;
  std::unique_ptr<Engine> engine;
  Instance* instance = nullptr;
};

TEST(JitListing, FunctionLeftToTheInterpreterSaysWhy) {
  Made debuggable(EngineKind::Jit, R"((module (func (export "f"))))", true);
  ASSERT_TRUE(debuggable.instance);
  Result<jit::MachineCode> code = jit::function_code(*debuggable.engine, *debuggable.instance->funcs[0]);
  ASSERT_FALSE(code.ok());
  EXPECT_EQ(code.error().str(),
            "not compiled: its instance was made debuggable, or the host refused executable memory; the interpreter "
            "runs it");

  Made compiled(EngineKind::Jit, R"((module (func (export "f"))))");
  ASSERT_TRUE(compiled.instance);
  Result<jit::MachineCode> made = jit::function_code(*compiled.engine, *compiled.instance->funcs[0]);
  ASSERT_TRUE(made.ok()) << made.error().str();
  EXPECT_EQ(made->address, compiled.instance->funcs[0]->native);
  EXPECT_FALSE(made->bytes.empty());
}

TEST(JitListing, OnlyAJitHasMachineCode) {
  Made interp(EngineKind::Interp, R"((module (func (export "f"))))");
  ASSERT_TRUE(interp.instance);
  Result<jit::MachineCode> code = jit::function_code(*interp.engine, *interp.instance->funcs[0]);
  ASSERT_FALSE(code.ok());
  EXPECT_EQ(code.error().str(), "the interp engine makes no machine code");
}

}  // namespace
}  // namespace mnemo
