// core/engines/make_engine.cpp: engines by kind (see make_engine.h).
#include "core/engines/make_engine.h"

#include <cstdlib>

#include "core/vm/vm.h"
#if MNEMO_JIT
#include "core/jit/jit.h"
#endif

namespace mnemo {

std::optional<EngineKind> engine_kind(std::string_view name) {
  if (name == "interp") return EngineKind::Interp;
  if (name == "jit") return EngineKind::Jit;
  return std::nullopt;
}

EngineKind default_engine_kind() {
#if MNEMO_JIT
  return EngineKind::Jit;
#else
  return EngineKind::Interp;
#endif
}

std::unique_ptr<Engine> make_engine(EngineKind kind, Store& store, std::string& why_not) {
  switch (kind) {
    case EngineKind::Interp: return vm::make_interpreter(store);
    case EngineKind::Jit:
#if MNEMO_JIT
      {
        // MNEMO_JIT_BOUNDS_CHECKS=explicit turns the guard pages off, to compare (README).
        jit::JitOptions options;
        const char* checks = std::getenv("MNEMO_JIT_BOUNDS_CHECKS");
        if (checks && std::string_view(checks) == "explicit") options.bounds = jit::JitOptions::Bounds::Explicit;
        // MNEMO_JIT_COMPILE_THREADS=1 compiles on the instantiating thread only, to measure.
        const char* threads = std::getenv("MNEMO_JIT_COMPILE_THREADS");
        if (threads && std::string_view(threads) == "1") options.compile_threads = 1;
        return jit::make_jit(store, why_not, options);
      }
#elif defined(__EMSCRIPTEN__)
      why_not = "the browser build has no JIT: WebAssembly cannot write machine code to run (use --engine=interp)";
      return nullptr;
#else
      why_not = "this build has no JIT backend for its architecture yet (use --engine=interp)";
      return nullptr;
#endif
  }
  why_not = "unknown engine";
  return nullptr;
}

}  // namespace mnemo
