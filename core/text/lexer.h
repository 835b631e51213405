// core/text/lexer.h: tokens of the WebAssembly text format and of WAST scripts (spec 6.2).
// Tokens are slices of the source; positions are byte offsets into the whole source text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mnemo {

enum class TokenKind : uint8_t {
  LParen,
  RParen,
  Keyword,   // starts with a lowercase letter: `module`, `i32.add`, `offset=4`, `inf`, `nan:0x1`
  Id,        // `$name` (text holds the whole token including '$')
  String,    // `"..."` (text holds the quotes; decode with decode_string)
  Number,    // starts with a digit or a sign: `42`, `-0x1p3`, `+inf`, `1_000`
  Reserved,  // any other run of idchars (always an error where a token is expected)
  Eof,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  uint32_t pos = 0;       // byte offset of the first character
  std::string_view text;  // the token's characters in the source
};

// Splits source[begin, end) into tokens, skipping whitespace and comments (`;; ...` and nested
// `(; ... ;)`). The last token is always Eof. Errors (unterminated string or comment, a stray
// character) carry the offending offset in Error::where as "offset N" — callers re-describe it.
struct Tokens {
  std::vector<Token> tokens;
};
Result<Tokens> tokenize(std::string_view source, size_t begin = 0, size_t end = std::string_view::npos);

// Decodes a String token's escapes (\t \n \r \" \' \\ \hh \u{...}) into raw bytes.
std::string decode_string(const Token& token);

// True when the bytes are well-formed UTF-8 (names must be; data strings need not be).
bool is_valid_utf8(std::string_view bytes);

// Byte offsets of line starts in `source` (first element 0), for Module::line_starts.
std::vector<uint32_t> compute_line_starts(std::string_view source);

}  // namespace mnemo
