// core/text/wat_literals.h: the shape of numeric literals (spec 6.3.1-6.3.2), so a literal that
// fails to parse can be reported as malformed ("unknown operator", as the reference lexer says)
// or as well-formed but too large ("constant out of range").
#pragma once

#include <string_view>

namespace mnemo::wat {

// sign? (num | 0x hexnum), with `_` only between digits.
bool is_int_literal(std::string_view text);

// num | 0x hexnum (no sign): indices, offsets, alignments.
bool is_unsigned_literal(std::string_view text);

// sign? (float | hexfloat | inf | nan | nan:0x hexnum).
bool is_float_literal(std::string_view text);

}  // namespace mnemo::wat
