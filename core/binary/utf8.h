// core/binary/utf8.h: the UTF-8 check names must pass (spec section 5.2.4: a name is the UTF-8
// encoding of a sequence of Unicode scalar values).
#pragma once

#include <cstdint>
#include <span>

namespace mnemo::binary {

// True when `bytes` is well-formed UTF-8: shortest-form sequences of scalar values (no surrogates
// U+D800..U+DFFF, nothing above U+10FFFF).
bool is_valid_utf8(std::span<const uint8_t> bytes);

}  // namespace mnemo::binary
