// tests/native/wat_suite_test.cpp: parse_wat over every module of the spec test scripts.
// Text modules outside assert_malformed must parse; `(module quote ...)` inside assert_malformed
// must not. Modules are found with a small paren matcher over the lexer's tokens.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text/lexer.h"
#include "core/text/wat_parser.h"

namespace mnemo {
namespace {

struct SuiteCounts {
  int parsed = 0;          // text modules that parsed, as they should
  int rejected = 0;        // malformed quote modules that failed, as they should
  int skipped_binary = 0;  // (module binary ...) are not text
  int message_matches = 0; // rejections whose message starts with the script's expected text
  std::vector<std::string> failures;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Index of the `)` matching the `(` at tokens[open], or tokens.size() when unbalanced.
size_t matching(const std::vector<Token>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::LParen) ++depth;
    if (tokens[i].kind == TokenKind::RParen && --depth == 0) return i;
  }
  return tokens.size();
}

void check_script(const std::filesystem::path& path, SuiteCounts& counts) {
  std::string text = read_file(path);
  auto lexed = tokenize(text);
  ASSERT_TRUE(lexed.ok()) << path << ": " << lexed.error().str();
  const std::vector<Token>& t = lexed->tokens;
  const std::string name = path.filename().string();
  const std::vector<uint32_t> lines = compute_line_starts(text);
  // Walk the top-level commands; look for `(module` anywhere inside each.
  size_t i = 0;
  while (i < t.size() && t[i].kind == TokenKind::LParen) {
    size_t close = matching(t, i);
    ASSERT_LT(close, t.size()) << name << ": unbalanced command";
    std::string_view command = t[i + 1].text;
    for (size_t j = i; j < close; ++j) {
      if (t[j].kind != TokenKind::LParen || t[j + 1].kind != TokenKind::Keyword || t[j + 1].text != "module") continue;
      size_t end = matching(t, j);
      size_t k = j + 2;
      if (t[k].kind == TokenKind::Id) ++k;
      std::string where = name + ":" + line_column(lines, t[j].pos);
      if (t[k].kind == TokenKind::Keyword && t[k].text == "binary") {
        ++counts.skipped_binary;
      } else if (t[k].kind == TokenKind::Keyword && t[k].text == "quote") {
        std::string source;
        for (size_t s = k + 1; s < end; ++s) source += decode_string(t[s]) + " ";
        auto parsed = parse_wat(source);
        if (command == "assert_malformed") {
          if (parsed.ok()) {
            counts.failures.push_back(where + ": malformed quote module parsed: " + source);
          } else {
            ++counts.rejected;
            // The expected message is the string after the module; the reference runner
            // accepts a message that starts with it.
            std::string expected = t[end + 1].kind == TokenKind::String ? decode_string(t[end + 1]) : "";
            if (parsed.error().message.substr(0, expected.size()) == expected) {
              ++counts.message_matches;
            } else {
              counts.failures.push_back(where + ": expected \"" + expected + "\", got " + parsed.error().str());
            }
          }
        } else {
          if (!parsed.ok()) counts.failures.push_back(where + ": quote module failed: " + parsed.error().str());
          else ++counts.parsed;
        }
      } else if (command != "assert_malformed") {
        auto parsed = parse_wat(text, t[j].pos, t[end].pos + 1);
        if (!parsed.ok()) counts.failures.push_back(where + ": " + parsed.error().str());
        else ++counts.parsed;
      }
      j = end;
    }
    i = close + 1;
  }
}

SuiteCounts check_folder(const std::string& folder) {
  SuiteCounts counts;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(MNEMO_TESTSUITE_DIR) + "/" + folder))
    if (entry.path().extension() == ".wast") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) check_script(f, counts);
  std::cout << "[ suite    ] " << folder << ": " << files.size() << " scripts, " << counts.parsed
            << " text modules parsed, " << counts.rejected << " malformed quote modules rejected ("
            << counts.message_matches << " with the expected message), "
            << counts.skipped_binary << " binary modules skipped, " << counts.failures.size() << " failures\n";
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
