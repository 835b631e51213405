// tests/native/wabt_compare_test.cpp: every valid text module of the spec suites, compiled by
// Debian's `wat2wasm --enable-multi-memory` and by mnemo, decodes to the same module structure.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/binary/reader.h"
#include "core/text/wat_parser.h"
#include "core/validate/validate.h"
#include "suite_modules.h"

namespace mnemo {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// `(block (type $t))` names a type index in the text format (spec 6.5.2); wat2wasm writes the
// short form when the type has no parameters and at most one result. Both mean the same block,
// so the comparison rewrites such type indices to the short form in both modules.
void use_short_block_types(Module& m) {
  for (Function& f : m.funcs) {
    for (Instr& i : f.body) {
      if (info(i.op).imm != ImmKind::Block || i.block.kind != BlockType::Kind::TypeIndex) continue;
      if (i.block.type_index >= m.types.size()) continue;
      const FuncType& t = m.types[i.block.type_index];
      if (!t.params.empty() || t.results.size() > 1) continue;
      i.block.kind = t.results.empty() ? BlockType::Kind::Empty : BlockType::Kind::Value;
      if (!t.results.empty()) i.block.value = t.results[0];
      i.block.type_index = 0;
    }
  }
}

TEST(Wat2wasm, ValidSuiteModulesDecodeToTheSameStructure) {
  ASSERT_EQ(std::system("wat2wasm --version >/dev/null 2>&1"), 0)
      << "wat2wasm not found: scripts/setup.sh installs Debian's wabt";
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("mnemo-wabt-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto wat = dir / "m.wat", wasm = dir / "m.wasm";
  const std::string command =
      "wat2wasm --enable-multi-memory '" + wat.string() + "' -o '" + wasm.string() + "' 2>/dev/null";
  size_t compared = 0, differing = 0, wabt_rejected = 0;
  for (const auto& m : testing::load_suite_modules()) {
    if (m.context != CommandKind::Module || m.form != ScriptModule::Form::Text) continue;
    auto ours = parse_wat(m.text);
    ASSERT_TRUE(ours.ok()) << m.where << ": " << ours.error().str();
    if (!validate_module(*ours)) continue;  // only valid modules are compared
    std::ofstream(wat, std::ios::binary) << m.text;
    std::filesystem::remove(wasm);
    if (std::system(command.c_str()) != 0) {
      // wat2wasm 1.0.32 rejects a few forms the spec allows; each one is reported, none hidden.
      std::printf("wat2wasm rejects %s\n", m.where.c_str());
      ++wabt_rejected;
      continue;
    }
    std::string bytes = read_all(wasm);
    auto theirs = decode_module(testing::as_bytes(bytes));
    ASSERT_TRUE(theirs.ok()) << m.where << ": wat2wasm output does not decode: " << theirs.error().str();
    ++compared;
    use_short_block_types(*ours);
    use_short_block_types(*theirs);
    if (std::string d = structural_difference(*ours, *theirs); !d.empty()) {
      if (++differing <= 20) ADD_FAILURE() << m.where << ": differs from wat2wasm: " << d;
    }
  }
  std::filesystem::remove_all(dir);
  std::printf("wat2wasm: %zu modules compared, %zu differ, %zu rejected by wat2wasm\n", compared, differing,
              wabt_rejected);
  EXPECT_GT(compared, 1000u);
  EXPECT_EQ(differing, 0u);
}

}  // namespace
}  // namespace mnemo
