// core/vm/trap.h: traps as values. TrapCode is generated from core/vm/traps.def; 0 means none.
#pragma once

#include <cstdint>
#include <string_view>

namespace mnemo::vm {

enum class TrapCode : uint8_t {
  None = 0,
#define TRAP(name, message) name,
#include "core/vm/traps.def"
#undef TRAP
};

inline std::string_view trap_message(TrapCode code) {
  switch (code) {
    case TrapCode::None: return "";
#define TRAP(name, message) \
  case TrapCode::name: return message;
#include "core/vm/traps.def"
#undef TRAP
  }
  return "trap";
}

}  // namespace mnemo::vm
