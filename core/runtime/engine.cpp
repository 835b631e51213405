// core/runtime/engine.cpp: engine names, as the CLI's --engine and reports spell them.
#include "core/runtime/engine.h"

namespace mnemo {

const char* engine_name(EngineKind kind) {
  switch (kind) {
    case EngineKind::Interp: return "interp";
    case EngineKind::Jit: return "jit";
  }
  return "?";
}

}  // namespace mnemo
