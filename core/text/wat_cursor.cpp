// core/text/wat_cursor.cpp: token lookahead and the wording of "unexpected ..." errors.
#include "core/text/wat_cursor.h"

#include <algorithm>
#include <iterator>

#include "core/module.h"
#include "core/opcodes.h"

namespace mnemo::wat {
namespace {

// Keywords of the text and script formats that are not instruction mnemonics. A keyword outside
// this list and the opcode table is reported as an unknown operator, as the reference lexer does.
constexpr std::string_view kKeywords[] = {
    "module", "type",   "func",    "param",   "result", "local",    "import",  "export",  "table",
    "memory", "global", "start",   "elem",    "data",   "declare",  "offset",  "item",    "mut",
    "then",   "extern", "funcref", "externref", "i32",  "i64",      "f32",     "f64",     "v128",
    "i8x16",  "i16x8",  "i32x4",   "i64x2",   "f32x4",  "f64x2",    "binary",  "quote",   "register",
    "invoke", "get",    "ref",     "inf",     "nan",    "nan:canonical", "nan:arithmetic", "definition",
    "instance"};

bool known_keyword(std::string_view text) {
  if (text.substr(0, 7) == "offset=" || text.substr(0, 6) == "align=" || text.substr(0, 6) == "nan:0x") return true;
  if (text.substr(0, 7) == "assert_") return true;
  return std::find(std::begin(kKeywords), std::end(kKeywords), text) != std::end(kKeywords) ||
         opcode_from_text(text).has_value();
}

}  // namespace

Error error_at(const std::vector<uint32_t>& line_starts, uint32_t pos, std::string message) {
  return Error{"line " + line_column(line_starts, pos), std::move(message)};
}

const Token& Cursor::peek(size_t ahead) const {
  return tokens_[std::min(next_ + ahead, tokens_.size() - 1)];
}

const Token& Cursor::take() {
  const Token& t = tokens_[next_];
  if (next_ + 1 < tokens_.size()) ++next_;
  return t;
}

bool Cursor::at_keyword(std::string_view keyword, size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::Keyword && t.text == keyword;
}

bool Cursor::take_keyword(std::string_view keyword) {
  if (!at_keyword(keyword)) return false;
  take();
  return true;
}

bool Cursor::take_open(std::string_view keyword) {
  if (!at_open(keyword)) return false;
  take();
  take();
  return true;
}

std::optional<Token> Cursor::take_id() {
  if (!at(TokenKind::Id)) return std::nullopt;
  return take();
}

Status Cursor::expect_keyword(std::string_view keyword) {
  if (!take_keyword(keyword)) return unexpected();
  return {};
}

Status Cursor::expect_open(std::string_view keyword) {
  if (!at(TokenKind::LParen)) return unexpected();
  if (!at_keyword(keyword, 1)) return unexpected(peek(1));
  take();
  take();
  return {};
}

Status Cursor::expect_close() {
  if (!at(TokenKind::RParen)) return unexpected();
  take();
  return {};
}

Result<std::string> Cursor::take_string() {
  if (!at(TokenKind::String)) return unexpected();
  return decode_string(take());
}

Result<std::string> Cursor::take_name() {
  if (!at(TokenKind::String)) return unexpected();
  const Token& t = take();
  std::string bytes = decode_string(t);
  if (!is_valid_utf8(bytes)) return error(t.pos, "malformed UTF-8 encoding");
  return bytes;
}

Status Cursor::skip_group() {
  if (!at(TokenKind::LParen)) return unexpected();
  size_t depth = 0;
  do {
    const Token& t = take();
    if (t.kind == TokenKind::Eof) return error(t.pos, "unexpected end");
    if (t.kind == TokenKind::LParen) ++depth;
    if (t.kind == TokenKind::RParen) --depth;
  } while (depth > 0);
  return {};
}

Error Cursor::unexpected(const Token& t) const {
  switch (t.kind) {
    case TokenKind::Eof:
      return error(t.pos, "unexpected end");
    case TokenKind::Reserved:
      return error(t.pos, "unknown operator " + std::string(t.text));
    case TokenKind::Keyword:
      if (!known_keyword(t.text)) return error(t.pos, "unknown operator " + std::string(t.text));
      break;
    default:
      break;
  }
  return error(t.pos, "unexpected token " + std::string(t.text));
}

}  // namespace mnemo::wat
