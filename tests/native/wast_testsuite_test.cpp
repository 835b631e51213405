// tests/native/wast_testsuite_test.cpp: every script of the official suite parses as a WAST script
// and yields at least one command (the suite is read in place, never copied).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text/wast.h"

namespace mnemo {
namespace {

namespace fs = std::filesystem;

void parse_folder(const std::string& folder, size_t& files, size_t& commands) {
  const fs::path dir = fs::path(MNEMO_TESTSUITE_DIR) / folder;
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".wast") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto script = parse_wast(text.str());
    ASSERT_TRUE(script.ok()) << entry.path() << ": " << script.error().str();
    EXPECT_FALSE(script->commands.empty()) << entry.path();
    ++files;
    commands += script->commands.size();
  }
}

TEST(WastTestsuite, EveryScriptParses) {
  size_t files = 0, commands = 0;
  parse_folder("core", files, commands);
  parse_folder("core/simd", files, commands);
  parse_folder("multi-memory", files, commands);
  // 90 + 58 + 41 scripts (testsuite/README.md); tens of thousands of commands.
  EXPECT_EQ(files, 189u);
  EXPECT_GT(commands, 50000u);
}

}  // namespace
}  // namespace mnemo
