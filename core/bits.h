// core/bits.h: reinterpreting bit patterns. std::bit_cast is missing from the libc++ that
// Debian's Emscripten ships, so the core uses this one everywhere.
#pragma once

#include <cstring>
#include <type_traits>

namespace mnemo {

template <class To, class From>
To bit_cast(const From& from) {
  static_assert(sizeof(To) == sizeof(From) && std::is_trivially_copyable_v<From> && std::is_trivially_copyable_v<To>);
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}

}  // namespace mnemo
