// web/timeline_value.h: a recording session's Timeline (core/vm/session.h) as the JS object both
// APIs return, the engine's sessions (web/engine_api.cpp) and the playground's debugger
// (web/debugger_main.cpp): {first, last, current, bytes, budget, stepsDropped}.
#pragma once

#include <emscripten/val.h>

#include "core/vm/session.h"

namespace mnemo::web {

inline emscripten::val timeline_value(const Timeline& t) {
  emscripten::val v = emscripten::val::object();
  v.set("first", double(t.first));
  v.set("last", double(t.last));
  v.set("current", double(t.current));
  v.set("bytes", double(t.bytes));
  v.set("budget", double(t.budget));
  v.set("stepsDropped", double(t.steps_dropped));
  return v;
}

}  // namespace mnemo::web
