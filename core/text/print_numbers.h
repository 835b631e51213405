// core/text/print_numbers.h: exact text forms of WebAssembly constants and strings (spec 6.3.1-6.3.3).
// Every form here reads back to the same bits: floats as hex floats, NaN payloads spelled out.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace mnemo {

// "0x1.8p+1", "-0x0p+0", "inf", "-nan", "nan:0x200000": the exact value of an f32 / f64 bit pattern.
std::string format_f32(uint32_t bits);
std::string format_f64(uint64_t bits);

// The shortest decimal that reads back to the same finite value ("3", "0.1", "1e-45"); empty for
// infinities and NaNs. For readers only: the printer puts it in a comment beside the exact form.
std::string decimal_f32(uint32_t bits);
std::string decimal_f64(uint64_t bits);

// Appends `bytes` as a quoted text string: printable ASCII as is except '"' and '\', others "\hh".
void append_string_literal(std::string& out, std::span<const uint8_t> bytes);
void append_string_literal(std::string& out, std::string_view bytes);

}  // namespace mnemo
