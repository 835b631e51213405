// core/engines/make_engine.h: the one place that knows every engine this build has, for those who
// choose one by name (`mnemo run|wast --engine=interp|jit`, the differential runner).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/runtime/engine.h"

namespace mnemo {

// "interp" or "jit"; nullopt for anything else.
std::optional<EngineKind> engine_kind(std::string_view name);

// The engine a user gets without asking: the JIT where this build has a backend for its
// architecture (x86-64 desktop builds), else the interpreter. make_engine may still refuse the JIT
// on a host that cannot run it (e.g. no executable memory): callers fall back then.
EngineKind default_engine_kind();

// An engine of `kind` on `store`; null, with `why_not` saying why, when this build or host has
// none of that kind (no JIT backend for this architecture, none under Emscripten).
std::unique_ptr<Engine> make_engine(EngineKind kind, Store& store, std::string& why_not);

}  // namespace mnemo
