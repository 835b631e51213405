// core/text/wast_cursor.h: a read position in a script's tokens, shared by the command reader
// (wast_parser.cpp) and the constant reader (wast_values.cpp). Internal to core/text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/text/lexer.h"
#include "core/text/wast.h"

namespace mnemo {

class WastCursor {
 public:
  WastCursor(const Script& script, const std::vector<Token>& tokens) : script_(script), tokens_(tokens) {}

  // The token `ahead` places on; past the end it stays on the final Eof.
  const Token& peek(size_t ahead = 0) const {
    size_t k = index_ + ahead;
    return k < tokens_.size() ? tokens_[k] : tokens_.back();
  }
  const Token& next() {
    const Token& t = peek();
    if (index_ + 1 < tokens_.size()) ++index_;
    return t;
  }
  size_t index() const { return index_; }

  // True when the next tokens are `(` and the keyword `keyword`.
  bool at_form(std::string_view keyword) const {
    return peek().kind == TokenKind::LParen && peek(1).kind == TokenKind::Keyword && peek(1).text == keyword;
  }

  Error error_at(const Token& token, std::string message) const {
    return Error{"line " + script_.line_column(token.pos), std::move(message)};
  }
  Error error_here(std::string message) const { return error_at(peek(), std::move(message)); }

  // Consumes one token of `kind`, or fails naming `what` was expected and what was found.
  Result<Token> expect(TokenKind kind, std::string_view what) {
    if (peek().kind != kind) return error_here("expected " + std::string(what) + ", found " + found());
    return next();
  }
  Status expect_rparen() {
    auto t = expect(TokenKind::RParen, "')'");
    if (!t) return t.error();
    return {};
  }

  // Consumes an optional `$id`; returns it with its '$', or empty.
  std::string optional_id() {
    if (peek().kind != TokenKind::Id) return {};
    return std::string(next().text);
  }

  // "'foo'", "'('", "end of input": the next token, for messages.
  std::string found() const {
    const Token& t = peek();
    if (t.kind == TokenKind::Eof) return "end of input";
    std::string_view text = t.text.size() > 40 ? t.text.substr(0, 40) : t.text;
    return "'" + std::string(text) + "'";
  }

 private:
  const Script& script_;
  const std::vector<Token>& tokens_;
  size_t index_ = 0;
};

// Readers of constants, positioned at the '(' of one (wast_values.cpp).
Result<Value> read_const(WastCursor& cursor);
Result<Expected> read_expected(WastCursor& cursor);

}  // namespace mnemo
