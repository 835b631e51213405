// tests/native/fuzz_suite_test.cpp: truncated and corrupted copies of the suites' modules fed to
// the decoder, the WAT parser and the validator: a fixed, repeatable sample of what the libFuzzer
// fuzzers (tests/fuzz) explore. scripts/test.sh runs it with every unit test, and again under the
// `sanitize` presets (AddressSanitizer + UndefinedBehaviorSanitizer), where any out-of-bounds read,
// overflow or crash fails.
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

// A failing decode names a byte offset and says what is wrong; a successful one survives
// decode(encode(m)) structurally, and validating and printing it hold up.
void check_decode(const std::string& bytes, const std::string& origin, size_t& loaded) {
  auto module = decode_module(testing::as_bytes(bytes));
  if (!module) {
    EXPECT_FALSE(module.error().message.empty()) << origin;
    EXPECT_NE(module.error().where.find("byte offset"), std::string::npos) << origin << ": " << module.error().str();
    return;
  }
  ++loaded;
  auto again = decode_module(encode_module(*module));
  ASSERT_TRUE(again.ok()) << origin << ": its encoding does not decode: " << again.error().str();
  EXPECT_EQ(structural_difference(*module, *again), "") << origin;
  (void)validate_module(*module);
  (void)print_module(*module);
}

struct Binary {
  std::string where;  // the suite module it comes from
  std::string bytes;
};

// The suites' binary modules and the encodings of their text modules.
std::vector<Binary> binary_corpus() {
  std::vector<Binary> corpus;
  for (const auto& m : testing::load_suite_modules()) {
    if (m.form == ScriptModule::Form::Binary) {
      corpus.push_back({m.where, m.bytes});
    } else if (m.form == ScriptModule::Form::Text) {
      if (auto module = parse_wat(m.text)) {
        auto bytes = encode_module(*module);
        corpus.push_back({m.where, std::string(bytes.begin(), bytes.end())});
      }
    }
  }
  return corpus;
}

TEST(Fuzz, DecoderSurvivesTruncatedAndBitFlippedModules) {
  std::mt19937 rng(20261125);
  size_t inputs = 0, loaded = 0;
  for (const Binary& original : binary_corpus()) {
    const std::string& bytes = original.bytes;
    if (bytes.empty()) continue;
    std::uniform_int_distribution<size_t> position(0, bytes.size() - 1);
    for (int i = 0; i < 6; ++i) {  // truncations
      const size_t size = position(rng);
      check_decode(bytes.substr(0, size), original.where + " cut to " + std::to_string(size) + " bytes", loaded);
      ++inputs;
    }
    for (int i = 0; i < 10; ++i) {  // one to three flipped bits
      std::string flipped = bytes;
      int flips = 1 + int(rng() % 3);
      for (int f = 0; f < flips; ++f) flipped[position(rng)] ^= char(1u << (rng() % 8));
      check_decode(flipped, original.where + " bit flip " + std::to_string(i), loaded);
      ++inputs;
    }
    for (int i = 0; i < 4; ++i) {  // one to three bytes overwritten (large counts, LEB runs)
      std::string overwritten = bytes;
      int writes = 1 + int(rng() % 3);
      for (int w = 0; w < writes; ++w) overwritten[position(rng)] = char(rng());
      check_decode(overwritten, original.where + " byte overwrite " + std::to_string(i), loaded);
      ++inputs;
    }
  }
  std::printf("decoder fuzz: %zu inputs, %zu still decoded and round-tripped\n", inputs, loaded);
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
