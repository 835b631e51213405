// web/ui/typed_values.h: the typed inspector's logic, with no drawing in it: the bytes at an
// address read as every integer and float width (little-endian, as WebAssembly stores them), as
// the lanes of a v128 and as UTF-8 text; and an edited value's text turned back into bytes, with
// an error that says what is wrong with the text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mnemo::ui {

// Every way the inspector reads bytes, in the order it lists them.
enum class InspectType : uint8_t {
  I8, U8, I16, U16, I32, U32, I64, U64, F32, F64,  // scalars
  I8x16, I16x8, I32x4, I64x2, F32x4, F64x2,        // a v128's lanes (integer lanes shown signed)
  Utf8,                                            // text up to the first NUL byte
};

inline constexpr std::array<InspectType, 17> kInspectTypes = {
    InspectType::I8,    InspectType::U8,    InspectType::I16,   InspectType::U16,   InspectType::I32,
    InspectType::U32,   InspectType::I64,   InspectType::U64,   InspectType::F32,   InspectType::F64,
    InspectType::I8x16, InspectType::I16x8, InspectType::I32x4, InspectType::I64x2, InspectType::F32x4,
    InspectType::F64x2, InspectType::Utf8};

// The inspector reads at most this many bytes of text, so a long string costs a bounded read.
inline constexpr size_t kUtf8InspectBytes = 64;

std::string_view inspect_type_name(InspectType type);  // "i8", "u64", "f32x4", "utf8"
std::optional<InspectType> inspect_type_from_name(std::string_view name);
// Bytes a value of `type` occupies; for Utf8, the most the inspector reads (kUtf8InspectBytes).
size_t inspect_type_size(InspectType type);

// A float as the WebAssembly text format writes it: the shortest decimal that reads back to the
// same bits, "inf", "-inf", "nan" (the canonical quiet NaN) or "nan:0x..." with its payload.
std::string format_f32(uint32_t bits);
std::string format_f64(uint64_t bits);

// Text decoded from UTF-8. Each byte that does not belong to a valid sequence (a stray
// continuation byte, an overlong form, a surrogate, a code point past U+10FFFF, a sequence cut
// short) shows as \xNN, so it stands out and can be told apart from the character U+FFFD;
// control characters show as \n, \t, \r or \xNN, and a backslash as \\.
struct Utf8Text {
  std::string text;
  size_t bytes = 0;         // bytes consumed, the terminating NUL not included
  size_t invalid = 0;       // bytes shown as \xNN because they are not valid UTF-8
  bool terminated = false;  // a NUL byte ended the text (else it ran to the end of `size`)
};
Utf8Text decode_utf8(const uint8_t* bytes, size_t size);

// The value of `type` at the start of `bytes`, as text; nullopt when `available` holds fewer
// bytes than the type needs (the address is too close to the end of the memory). Lanes are
// separated by single spaces.
std::optional<std::string> format_typed(InspectType type, const uint8_t* bytes, size_t available);

// Every type at once, in kInspectTypes order.
struct TypedValue {
  InspectType type;
  std::optional<std::string> text;
};
std::vector<TypedValue> inspect_bytes(const uint8_t* bytes, size_t available);

// The bytes to store for `text` typed as `type`. Integers are decimal or 0x hex with an optional
// sign and must fit the type's range; floats are decimal, hex (0x1.8p3), inf, nan or nan:0x...;
// lanes are separated by spaces or commas, exactly as many as the shape has; Utf8 text takes the
// escapes decode_utf8 writes (\xNN, \n, \t, \r, \0, \\) and gets no NUL added.
Result<std::vector<uint8_t>> encode_typed(InspectType type, const std::string& text);

}  // namespace mnemo::ui
