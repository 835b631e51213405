// tests/native/roundtrip_suite_test.cpp: for every module of the spec suites, the trip
// text -> binary -> printed WAT -> binary gives the same bytes (binary modules start at binary).
#include <gtest/gtest.h>

#include "core/binary/reader.h"
#include "core/binary/writer.h"
#include "core/text/printer.h"
#include "core/text/wat_parser.h"
#include "suite_modules.h"

namespace mnemo {
namespace {

using testing::SuiteModule;

// Returns an empty string when the round trip holds, else what went wrong.
std::string round_trip(const Module& module) {
  std::vector<uint8_t> first = encode_module(module);
  auto decoded = decode_module(first);
  if (!decoded) return "our own encoding does not decode: " + decoded.error().str();
  if (auto d = structural_difference(module, *decoded); !d.empty()) return "decode(encode(m)) differs: " + d;
  std::string text = print_module(*decoded);
  auto reparsed = parse_wat(text);
  if (!reparsed) return "printed WAT does not parse: " + reparsed.error().str() + "\n" + text;
  std::vector<uint8_t> second = encode_module(*reparsed);
  if (first != second) {
    auto d = structural_difference(*decoded, *reparsed);
    return "bytes differ after printing (" + (d.empty() ? std::string("same structure") : d) + ")\n" + text;
  }
  return {};
}

TEST(RoundTrip, EveryModuleOfTheSuitesReencodesToTheSameBytes) {
  size_t checked = 0, failed = 0;
  for (const SuiteModule& m : testing::load_suite_modules()) {
    if (m.context == CommandKind::AssertMalformed) continue;  // nothing to round-trip
    // A binary module enters the trip at its printed text: the text format cannot say whether a
    // DataCount section is present, so its first encoding is the one its text gives.
    Result<Module> module = testing::read_suite_module(m);
    if (module && m.form == ScriptModule::Form::Binary) module = parse_wat(print_module(*module));
    if (!module) {
      ADD_FAILURE() << m.where << ": does not load: " << module.error().str();
      ++failed;
      continue;
    }
    ++checked;
    if (std::string problem = round_trip(*module); !problem.empty()) {
      if (++failed <= 20) ADD_FAILURE() << m.where << ": " << problem;
    }
  }
  std::printf("round trip: %zu modules checked, %zu failed\n", checked, failed);
  EXPECT_GT(checked, 2000u);
  EXPECT_EQ(failed, 0u);
}

}  // namespace
}  // namespace mnemo
