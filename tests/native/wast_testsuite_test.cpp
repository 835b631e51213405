// tests/native/wast_testsuite_test.cpp: every script of the official suite parses as a WAST script
// and yields at least one command (the suite is read in place, never copied).
#include <gtest/gtest.h>

#include "core/text/wast.h"
#include "suite_modules.h"

namespace mnemo {
namespace {

void parse_folder(const std::string& folder, size_t& files, size_t& commands) {
  for (const auto& path : testing::suite_scripts(folder)) {
    auto script = parse_wast(testing::read_script(path));
    ASSERT_TRUE(script.ok()) << path << ": " << script.error().str();
    EXPECT_FALSE(script->commands.empty()) << path;
    ++files;
    commands += script->commands.size();
  }
}

TEST(WastTestsuite, EveryScriptParses) {
  size_t files = 0, commands = 0;
  for (const std::string& folder : testing::suite_folders()) parse_folder(folder, files, commands);
  // 90 + 58 + 41 scripts (testsuite/README.md); tens of thousands of commands.
  EXPECT_EQ(files, 189u);
  EXPECT_GT(commands, 50000u);
}

}  // namespace
}  // namespace mnemo
