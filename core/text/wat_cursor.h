// core/text/wat_cursor.h: a cursor over the tokens of one module, with the small lookahead
// helpers the text parser needs and errors that name line:column (spec 6.2, 6.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/text/lexer.h"

namespace mnemo::wat {

// "line L:C" for a byte offset of the source.
Error error_at(const std::vector<uint32_t>& line_starts, uint32_t pos, std::string message);

class Cursor {
 public:
  // `tokens` always ends with an Eof token (tokenize guarantees it).
  Cursor(std::vector<Token> tokens, const std::vector<uint32_t>& line_starts)
      : tokens_(std::move(tokens)), line_starts_(line_starts) {}

  const Token& peek(size_t ahead = 0) const;
  const Token& take();  // consumes one token (never moves past Eof)
  size_t mark() const { return next_; }
  void reset(size_t mark) { next_ = mark; }

  bool at(TokenKind kind, size_t ahead = 0) const { return peek(ahead).kind == kind; }
  bool at_keyword(std::string_view keyword, size_t ahead = 0) const;
  bool at_open(std::string_view keyword) const { return at(TokenKind::LParen) && at_keyword(keyword, 1); }
  bool at_index(size_t ahead = 0) const { return at(TokenKind::Id, ahead) || at(TokenKind::Number, ahead); }
  bool at_close() const { return at(TokenKind::RParen); }

  bool take_keyword(std::string_view keyword);
  bool take_open(std::string_view keyword);  // consumes `(keyword` when it is next
  std::optional<Token> take_id();

  Status expect_keyword(std::string_view keyword);
  Status expect_open(std::string_view keyword);
  Status expect_close();

  // A String token's bytes; take_name also requires well-formed UTF-8 (spec 6.3.4).
  Result<std::string> take_string();
  Result<std::string> take_name();

  // Skips a balanced parenthesized group starting at `(`; "unexpected end" when unbalanced.
  Status skip_group();

  Error error(uint32_t pos, std::string message) const { return error_at(line_starts_, pos, std::move(message)); }
  // The error for a token that does not fit here: "unexpected end", "unknown operator x" for
  // reserved tokens and keywords the format does not know, otherwise "unexpected token x".
  Error unexpected(const Token& token) const;
  Error unexpected() const { return unexpected(peek()); }

 private:
  std::vector<Token> tokens_;
  const std::vector<uint32_t>& line_starts_;
  size_t next_ = 0;
};

}  // namespace mnemo::wat
