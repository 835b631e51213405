// core/text/wat_literals.cpp: grammar checks for numeric literals (spec 6.3.1-6.3.2).
#include "core/text/wat_literals.h"

#include <cstddef>

namespace mnemo::wat {
namespace {

bool is_digit(char c, bool hex) {
  if (c >= '0' && c <= '9') return true;
  return hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

// Consumes `digit ('_'? digit)*` at t[i...]; false when there is none or a `_` is misplaced.
bool digits(std::string_view t, size_t& i, bool hex) {
  if (i >= t.size() || !is_digit(t[i], hex)) return false;
  while (i < t.size()) {
    if (is_digit(t[i], hex)) {
      ++i;
    } else if (t[i] == '_') {
      if (i + 1 >= t.size() || !is_digit(t[i + 1], hex)) return false;
      ++i;
    } else {
      break;
    }
  }
  return true;
}

std::string_view unsigned_part(std::string_view t) {
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  return t;
}

}  // namespace

bool is_int_literal(std::string_view text) {
  std::string_view t = unsigned_part(text);
  bool hex = t.substr(0, 2) == "0x";
  size_t i = hex ? 2 : 0;
  return digits(t, i, hex) && i == t.size();
}

bool is_unsigned_literal(std::string_view text) {
  return !text.empty() && text[0] != '+' && text[0] != '-' && is_int_literal(text);
}

bool is_float_literal(std::string_view text) {
  std::string_view t = unsigned_part(text);
  if (t == "inf" || t == "nan") return true;
  if (t.substr(0, 6) == "nan:0x") {
    size_t i = 6;
    return digits(t, i, true) && i == t.size();
  }
  bool hex = t.substr(0, 2) == "0x";
  size_t i = hex ? 2 : 0;
  if (!digits(t, i, hex)) return false;
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (i < t.size() && is_digit(t[i], hex) && !digits(t, i, hex)) return false;
  }
  if (i < t.size() && (hex ? (t[i] == 'p' || t[i] == 'P') : (t[i] == 'e' || t[i] == 'E'))) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits(t, i, false)) return false;
  }
  return i == t.size();
}

}  // namespace mnemo::wat
