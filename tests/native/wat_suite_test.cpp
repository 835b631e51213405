// tests/native/wat_suite_test.cpp: parse_wat over every module of the spec test scripts.
// Text modules outside assert_malformed must parse; text modules inside assert_malformed (the
// suite writes them as `(module quote ...)`) must not, and must fail with the script's message
// (a prefix match, as the reference interpreter's runner does).
#include <gtest/gtest.h>

#include <iostream>

#include "core/text/wat_parser.h"
#include "suite_modules.h"

namespace mnemo {
namespace {

struct SuiteCounts {
  int parsed = 0;          // text modules that parsed, as they should
  int rejected = 0;        // malformed text modules that failed, as they should
  int skipped_binary = 0;  // (module binary ...) are not text
  int message_matches = 0; // rejections whose message starts with the script's expected text
  std::vector<std::string> failures;
};

void check_module(const testing::SuiteModule& m, SuiteCounts& counts) {
  if (m.form == ScriptModule::Form::Binary) {
    ++counts.skipped_binary;
    return;
  }
  const bool malformed = m.context == CommandKind::AssertMalformed;
  auto parsed = parse_wat(m.text);
  if (!malformed) {
    if (!parsed.ok()) counts.failures.push_back(m.where + ": " + parsed.error().str());
    else ++counts.parsed;
    return;
  }
  if (parsed.ok()) {
    counts.failures.push_back(m.where + ": malformed text module parsed: " + m.text);
    return;
  }
  ++counts.rejected;
  if (parsed.error().message.compare(0, m.message.size(), m.message) == 0)
    ++counts.message_matches;
  else
    counts.failures.push_back(m.where + ": expected \"" + m.message + "\", got " + parsed.error().str());
}

SuiteCounts check_folder(const std::string& folder) {
  SuiteCounts counts;
  for (const testing::SuiteModule& m : testing::load_suite_modules(folder)) check_module(m, counts);
  std::cout << "[ suite    ] " << folder << ": " << testing::suite_scripts(folder).size() << " scripts, "
            << counts.parsed << " text modules parsed, " << counts.rejected << " malformed text modules rejected ("
            << counts.message_matches << " with the expected message), " << counts.skipped_binary
            << " binary modules skipped, " << counts.failures.size() << " failures\n";
  return counts;
}

void expect_clean(const SuiteCounts& counts) {
  for (size_t i = 0; i < counts.failures.size() && i < 40; ++i) ADD_FAILURE() << counts.failures[i];
  EXPECT_TRUE(counts.failures.empty()) << counts.failures.size() << " failures";
}

TEST(WatSuite, CoreScripts) {
  SuiteCounts counts = check_folder("core");
  EXPECT_GT(counts.parsed, 1000);
  EXPECT_GT(counts.rejected, 400);
  expect_clean(counts);
}

TEST(WatSuite, SimdScripts) {
  SuiteCounts counts = check_folder("core/simd");
  EXPECT_GT(counts.parsed, 100);
  EXPECT_GT(counts.rejected, 100);
  expect_clean(counts);
}

TEST(WatSuite, MultiMemoryScripts) {
  SuiteCounts counts = check_folder("multi-memory");
  EXPECT_GT(counts.parsed, 50);
  expect_clean(counts);
}

}  // namespace
}  // namespace mnemo
