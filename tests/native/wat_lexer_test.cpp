// tests/native/wat_lexer_test.cpp: the text format's tokens (spec 6.2): comments and their
// newlines, strings, reserved tokens, and where errors are.
#include <gtest/gtest.h>

#include "core/text/lexer.h"

namespace mnemo {
namespace {

std::vector<std::string> texts(std::string_view source) {
  auto tokens = tokenize(source);
  EXPECT_TRUE(tokens.ok()) << (tokens.ok() ? "" : tokens.error().str());
  std::vector<std::string> out;
  if (tokens.ok())
    for (const Token& t : tokens->tokens)
      if (t.kind != TokenKind::Eof) out.emplace_back(t.text);
  return out;
}

TEST(WatLexer, LineCommentsEndAtLfCrAndCrLf) {
  using V = std::vector<std::string>;
  EXPECT_EQ(texts("a ;; x\nb"), (V{"a", "b"}));
  EXPECT_EQ(texts("a ;; x\rb"), (V{"a", "b"}));
  EXPECT_EQ(texts("a ;; x\r\nb"), (V{"a", "b"}));
}

TEST(WatLexer, BlockCommentsNest) {
  using V = std::vector<std::string>;
  EXPECT_EQ(texts("(;a(;b;)c;) x"), (V{"x"}));
  EXPECT_FALSE(tokenize("(; (; ;)").ok());
}

TEST(WatLexer, KindsOfTokens) {
  auto tokens = tokenize(R"((i32.const $x "s\41" -0x1p3 a"b"))");
  ASSERT_TRUE(tokens.ok());
  const auto& t = tokens->tokens;
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[1].kind, TokenKind::Keyword);
  EXPECT_EQ(t[2].kind, TokenKind::Id);
  EXPECT_EQ(t[3].kind, TokenKind::String);
  EXPECT_EQ(decode_string(t[3]), "sA");
  EXPECT_EQ(t[4].kind, TokenKind::Number);
  EXPECT_EQ(t[5].kind, TokenKind::Reserved);  // an idchar run glued to a string
  EXPECT_EQ(t[7].kind, TokenKind::Eof);
}

TEST(WatLexer, ErrorsNameTheOffset) {
  auto tokens = tokenize("(module \"abc");
  ASSERT_FALSE(tokens.ok());
  EXPECT_EQ(tokens.error().where, "offset 8");
  EXPECT_NE(tokens.error().message.find("unclosed string"), std::string::npos);
}

TEST(WatLexer, Utf8Checks) {
  EXPECT_TRUE(is_valid_utf8("h\xC3\xA9llo"));
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));      // truncated
}

}  // namespace
}  // namespace mnemo
