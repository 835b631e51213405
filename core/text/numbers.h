// core/text/numbers.h: numeric literals of the text format (spec 6.3.1-6.3.2): integers in decimal
// or hex with `_` separators, floats in decimal or hex, `inf`, `nan`, `nan:0xN`. Each returns the
// value's bit pattern, or nothing when the literal is malformed or out of range.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mnemo {

// Unsigned only (uN, no sign): indices, offsets, alignments, lanes.
std::optional<uint64_t> parse_unsigned(std::string_view text, unsigned bits);

// iN: a signed (sN) or unsigned (uN) literal that fits in `bits`, as its two's complement bits.
std::optional<uint64_t> parse_int(std::string_view text, unsigned bits);

std::optional<uint32_t> parse_f32(std::string_view text);
std::optional<uint64_t> parse_f64(std::string_view text);

}  // namespace mnemo
