// tests/native/fuzz_suite_test.cpp: truncated and bit-flipped copies of the suites' modules fed to
// the decoder, the WAT parser and the validator. Run under the `asan` preset (AddressSanitizer +
// UndefinedBehaviorSanitizer) by scripts/test.sh: any out-of-bounds read, overflow or crash fails.
#include <gtest/gtest.h>

#include <random>

#include "core/binary/reader.h"
#include "core/binary/writer.h"
#include "core/text/printer.h"
#include "core/text/wat_parser.h"
#include "core/validate/validate.h"
#include "suite_modules.h"

namespace mnemo {
namespace {

// Everything downstream of a successful load must also hold up: validate, encode, print.
void exercise(const Result<Module>& module, size_t& loaded) {
  if (!module) {
    EXPECT_FALSE(module.error().message.empty());
    return;
  }
  ++loaded;
  (void)validate_module(*module);
  (void)encode_module(*module);
  (void)print_module(*module);
}

std::vector<std::string> binary_corpus() {
  std::vector<std::string> corpus;
  for (const auto& m : testing::load_suite_modules()) {
    if (m.form == ScriptModule::Form::Binary) {
      corpus.push_back(m.bytes);
    } else if (m.form == ScriptModule::Form::Text) {
      if (auto module = parse_wat(m.text)) {
        auto bytes = encode_module(*module);
        corpus.emplace_back(bytes.begin(), bytes.end());
      }
    }
  }
  return corpus;
}

TEST(Fuzz, DecoderSurvivesTruncatedAndBitFlippedModules) {
  std::mt19937 rng(20261125);
  size_t inputs = 0, loaded = 0;
  for (const std::string& original : binary_corpus()) {
    if (original.empty()) continue;
    std::uniform_int_distribution<size_t> position(0, original.size() - 1);
    for (int i = 0; i < 6; ++i) {  // truncations
      std::string cut = original.substr(0, position(rng));
      exercise(decode_module(testing::as_bytes(cut)), loaded);
      ++inputs;
    }
    for (int i = 0; i < 10; ++i) {  // one to three flipped bits
      std::string flipped = original;
      int flips = 1 + int(rng() % 3);
      for (int f = 0; f < flips; ++f) flipped[position(rng)] ^= char(1u << (rng() % 8));
      exercise(decode_module(testing::as_bytes(flipped)), loaded);
      ++inputs;
    }
  }
  std::printf("decoder fuzz: %zu inputs, %zu still decoded\n", inputs, loaded);
  EXPECT_GT(inputs, 30000u);
}

TEST(Fuzz, TextParserSurvivesTruncatedAndMutatedModules) {
  static const char kChars[] = "()$\";0123456789abcxp_.-+ \n\\";
  std::mt19937 rng(1125);
  size_t inputs = 0, loaded = 0;
  for (const auto& m : testing::load_suite_modules()) {
    if (m.form == ScriptModule::Form::Binary || m.text.empty()) continue;
    std::uniform_int_distribution<size_t> position(0, m.text.size() - 1);
    for (int i = 0; i < 3; ++i) {
      exercise(parse_wat(m.text.substr(0, position(rng))), loaded);
      std::string mutated = m.text;
      mutated[position(rng)] = kChars[rng() % (sizeof kChars - 1)];
      exercise(parse_wat(mutated), loaded);
      inputs += 2;
    }
  }
  std::printf("text fuzz: %zu inputs, %zu still parsed\n", inputs, loaded);
  EXPECT_GT(inputs, 15000u);
}

}  // namespace
}  // namespace mnemo
