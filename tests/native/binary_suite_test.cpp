// tests/native/binary_suite_test.cpp: every `(module binary "...")` of the spec test suites
// (core, core/simd, multi-memory) through the decoder and the encoder. Modules outside
// assert_malformed must decode and survive decode(encode(m)) structurally; modules inside
// assert_malformed must be rejected with the suite's message (a prefix match, as the reference
// interpreter's runner does). Truncated and corrupted modules are fuzz_suite_test.cpp's.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/binary/reader.h"
#include "core/binary/writer.h"
#include "core/opcodes.h"
#include "suite_modules.h"

namespace mnemo {
namespace {

using testing::SuiteModule;

std::vector<SuiteModule> binary_modules() {
  std::vector<SuiteModule> all = testing::load_suite_modules();
  std::erase_if(all, [](const SuiteModule& m) { return m.form != ScriptModule::Form::Binary; });
  return all;
}

// WebAssembly 2.0 assertions that multi-memory (3.0) turned into well-formed binaries: the byte
// after memory.size/memory.grow is now a memory index (u32), and bit 6 of a memarg's flags now
// announces a memory index. These modules decode here; the validator judges them.
bool superseded_by_multi_memory(const SuiteModule& m) {
  if (m.message == "zero byte expected") return true;
  if (m.message == "malformed memop flags") {
    // The flags byte follows i32.load (the only memop these tests use) and has bit 6 set.
    const uint8_t i32_load = uint8_t(info(Opcode::I32Load).code);
    const auto bytes = testing::as_bytes(m.bytes);
    for (size_t i = 0; i + 1 < bytes.size(); ++i)
      if (bytes[i] == i32_load && (bytes[i + 1] & 0x40)) return (bytes[i + 1] & 0x3F) < 32;
  }
  return false;
}

TEST(BinarySuite, EveryBinaryModuleOfTheSpecSuites) {
  const std::vector<SuiteModule> modules = binary_modules();
  ASSERT_GT(modules.size(), 700u);
  int decoded = 0, round_tripped = 0, rejected = 0, message_matched = 0, superseded = 0, in_invalid = 0;
  for (const SuiteModule& m : modules) {
    auto result = decode_module(testing::as_bytes(m.bytes));
    if (m.context == CommandKind::AssertMalformed) {
      if (superseded_by_multi_memory(m)) {
        ++superseded;
        EXPECT_TRUE(result.ok()) << m.where << ": " << result.error().str();
        continue;
      }
      EXPECT_FALSE(result.ok()) << m.where << ": decoded, expected \"" << m.message << "\"";
      if (result.ok()) continue;
      ++rejected;
      const std::string& got = result.error().message;
      if (got.compare(0, m.message.size(), m.message) == 0)
        ++message_matched;
      else
        ADD_FAILURE() << m.where << ": expected \"" << m.message << "\", got \"" << result.error().str() << "\"";
      continue;
    }
    in_invalid += m.context == CommandKind::AssertInvalid;
    EXPECT_TRUE(result.ok()) << m.where << ": " << (result.ok() ? "" : result.error().str());
    if (!result.ok()) continue;
    ++decoded;
    const std::vector<uint8_t> encoded = encode_module(*result);
    auto again = decode_module(encoded);
    EXPECT_TRUE(again.ok()) << m.where << ": re-encoding does not decode: " << (again.ok() ? "" : again.error().str());
    if (!again.ok()) continue;
    const std::string diff = structural_difference(*result, *again);
    EXPECT_EQ(diff, "") << m.where;
    // The encoding is canonical: encoding the decoded encoding gives the same bytes.
    EXPECT_EQ(encode_module(*again), encoded) << m.where;
    round_tripped += diff.empty();
  }
  std::printf(
      "binary modules: %zu; decoded %d (of which %d in assert_invalid), round-tripped %d; "
      "malformed rejected %d (message matched %d); superseded by multi-memory %d\n",
      modules.size(), decoded, in_invalid, round_tripped, rejected, message_matched, superseded);
}

}  // namespace
}  // namespace mnemo
