// core/runtime/trap.h: traps as values, the same for every engine. TrapCode is generated from
// core/runtime/traps.def; 0 means none.
#pragma once

#include <cstdint>
#include <string_view>

namespace mnemo {

enum class TrapCode : uint8_t {
  None = 0,
#define TRAP(name, message) name,
#include "core/runtime/traps.def"
#undef TRAP
};

inline std::string_view trap_message(TrapCode code) {
  switch (code) {
    case TrapCode::None: return "";
#define TRAP(name, message) \
  case TrapCode::name: return message;
#include "core/runtime/traps.def"
#undef TRAP
  }
  return "trap";
}

}  // namespace mnemo
