// core/text/lexer.cpp: the text format's lexical grammar (spec 6.2): idchars, strings, comments.
#include "lexer.h"

#include <algorithm>

namespace mnemo {
namespace {

bool is_idchar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '/': case ':': case '<': case '=': case '>': case '?': case '@': case '\\':
    case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Error lex_error(size_t pos, std::string message) { return Error{"offset " + std::to_string(pos), std::move(message)}; }

// Scans a string starting at the opening quote; returns the offset after the closing quote, or
// an error. Checks escapes here so decode_string never sees a bad one.
Result<size_t> scan_string(std::string_view s, size_t i, size_t end) {
  size_t start = i++;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"') return i + 1;
    if (c == '\n' || c < 0x20 || c == 0x7F) return lex_error(i, "malformed string: control character in string");
    if (c != '\\') {
      ++i;
      continue;
    }
    if (i + 1 >= end) break;
    char e = s[i + 1];
    if (e == 't' || e == 'n' || e == 'r' || e == '"' || e == '\'' || e == '\\') {
      i += 2;
    } else if (e == 'u') {
      if (i + 2 >= end || s[i + 2] != '{') return lex_error(i, "malformed string: bad \\u escape");
      size_t j = i + 3;
      uint32_t value = 0;
      size_t digits = 0;
      while (j < end && (hex_value(s[j]) >= 0 || (s[j] == '_' && digits > 0))) {
        if (s[j] != '_') {
          value = value * 16 + uint32_t(hex_value(s[j]));
          if (value > 0x10FFFF) return lex_error(i, "malformed string: code point out of range");
          ++digits;
        }
        ++j;
      }
      if (digits == 0 || j >= end || s[j] != '}') return lex_error(i, "malformed string: bad \\u escape");
      if (value >= 0xD800 && value < 0xE000) return lex_error(i, "malformed string: surrogate code point");
      i = j + 1;
    } else if (hex_value(e) >= 0 && i + 2 < end && hex_value(s[i + 2]) >= 0) {
      i += 3;
    } else {
      return lex_error(i, "malformed string: unknown escape");
    }
  }
  return lex_error(start, "unclosed string");
}

// Classifies a run of idchars (spec 6.2: keyword, id, number, reserved).
TokenKind classify(std::string_view t) {
  unsigned char c = static_cast<unsigned char>(t[0]);
  if (c == '$') return t.size() > 1 ? TokenKind::Id : TokenKind::Reserved;
  if (c >= 'a' && c <= 'z') return TokenKind::Keyword;
  if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
    size_t i = (c == '+' || c == '-') ? 1 : 0;
    if (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t.substr(i, 3) == "inf" || t.substr(i, 3) == "nan"))
      return TokenKind::Number;
  }
  return TokenKind::Reserved;
}

}  // namespace

Result<Tokens> tokenize(std::string_view s, size_t begin, size_t end) {
  end = std::min(end, s.size());
  Tokens out;
  size_t i = begin;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == ';' && i + 1 < end && s[i + 1] == ';') {
      // A line comment ends at a newline: LF, CR or CR LF (spec 6.2.4).
      while (i < end && s[i] != '\n' && s[i] != '\r') ++i;
    } else if (c == '(' && i + 1 < end && s[i + 1] == ';') {
      size_t start = i;
      int depth = 0;
      do {
        if (i + 1 < end && s[i] == '(' && s[i + 1] == ';') {
          ++depth;
          i += 2;
        } else if (i + 1 < end && s[i] == ';' && s[i + 1] == ')') {
          --depth;
          i += 2;
        } else if (i < end) {
          ++i;
        }
      } while (depth > 0 && i < end);
      if (depth > 0) return lex_error(start, "unclosed comment");
    } else if (c == '(' || c == ')') {
      out.tokens.push_back({c == '(' ? TokenKind::LParen : TokenKind::RParen, uint32_t(i), s.substr(i, 1)});
      ++i;
    } else if (c == '"' || is_idchar(c)) {
      // A token is a maximal run of idchars and strings; anything but a lone string or a lone
      // idchar run (e.g. `a"b"` or `"a""b"`) is reserved (spec 6.2.5).
      size_t start = i;
      int parts = 0;
      bool has_string = false;
      while (i < end && (s[i] == '"' || is_idchar(static_cast<unsigned char>(s[i])))) {
        if (s[i] == '"') {
          auto r = scan_string(s, i, end);
          if (!r) return r.error();
          i = *r;
          has_string = true;
        } else {
          while (i < end && is_idchar(static_cast<unsigned char>(s[i]))) ++i;
        }
        ++parts;
      }
      std::string_view text = s.substr(start, i - start);
      TokenKind kind = parts > 1 ? TokenKind::Reserved : has_string ? TokenKind::String : classify(text);
      out.tokens.push_back({kind, uint32_t(start), text});
    } else {
      return lex_error(i, "unexpected character");
    }
  }
  out.tokens.push_back({TokenKind::Eof, uint32_t(end), {}});
  return out;
}

std::string decode_string(const Token& token) {
  std::string_view t = token.text.substr(1, token.text.size() - 2);
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '\\') {
      out += t[i];
      continue;
    }
    char e = t[++i];
    switch (e) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case '"': out += '"'; break;
      case '\'': out += '\''; break;
      case '\\': out += '\\'; break;
      case 'u': {
        uint32_t cp = 0;
        for (i += 2; t[i] != '}'; ++i)
          if (t[i] != '_') cp = cp * 16 + uint32_t(hex_value(t[i]));
        if (cp < 0x80) {
          out += char(cp);
        } else if (cp < 0x800) {
          out += char(0xC0 | (cp >> 6));
          out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          out += char(0xE0 | (cp >> 12));
          out += char(0x80 | ((cp >> 6) & 0x3F));
          out += char(0x80 | (cp & 0x3F));
        } else {
          out += char(0xF0 | (cp >> 18));
          out += char(0x80 | ((cp >> 12) & 0x3F));
          out += char(0x80 | ((cp >> 6) & 0x3F));
          out += char(0x80 | (cp & 0x3F));
        }
        break;
      }
      default:
        out += char(hex_value(e) * 16 + hex_value(t[i + 1]));
        ++i;
    }
  }
  return out;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are malformed.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return false;
    i += n + 1;
  }
  return true;
}

std::vector<uint32_t> compute_line_starts(std::string_view source) {
  std::vector<uint32_t> starts{0};
  for (size_t i = 0; i < source.size(); ++i)
    if (source[i] == '\n') starts.push_back(uint32_t(i + 1));
  return starts;
}

}  // namespace mnemo
