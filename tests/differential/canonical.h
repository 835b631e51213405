// tests/differential/canonical.h: the one line format every engine's results are brought to, so
// that a plain text comparison finds the differences:
//   module <file name>
//   <export>: i32:<unsigned decimal> | i64:<unsigned decimal> | f32:<value> | f64:<value>
//   <export>: trap:<category> | (nothing)
// Floats are exact bits (f32:0x3f800000) or, for engines that print them rounded, C's "%f" of
// the value (the form wasm-interp prints); every NaN is "nan" (the spec leaves NaN sign and
// payload to the engine where arithmetic made them). Trap messages differ between engines: each
// is reduced to a category (oob, div0, int-overflow, invalid-conv, unreachable, indirect-type,
// undefined-element, uninitialized-element, table-oob, stack), or "other(<message>)".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mnemo::diff {

enum class FloatFormat { Exact, Fixed };

std::string trap_category(std::string_view message);
std::string format_f32(uint32_t bits, FloatFormat format);
std::string format_f64(uint64_t bits, FloatFormat format);

}  // namespace mnemo::diff
