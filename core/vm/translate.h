// core/vm/translate.h: validated function bodies into translated code (design in core/vm/vm.h).
#pragma once

#include <memory>

#include "core/runtime/store.h"
#include "core/vm/code.h"
#include "core/walk/body_walk.h"

namespace mnemo::vm {

// Translates defined function `func_index` (function index space) of `instance`, whose module
// must be valid and whose index spaces must be fully allocated. `debuggable`: one op per
// instruction (no fused pairs; nop, block, loop and end get a Nop op), so that every instruction
// can be stepped to and hold a breakpoint.
// The result goes into the function's CompiledFunc, which must exist (allocated for every defined
// function before any is translated, so that calls can address their callee's code directly).
// `spaces` are the index spaces of the instance's module (core/walk/body_walk.h), made once for all
// of its functions.
void translate(Store& store, const Instance& instance, const IndexSpaces& spaces, uint32_t func_index,
               bool debuggable = false);

// Writes the callee's entry and frame sizes into each wasm call of `caller` (CompiledFunc::
// call_sites), so that a call reads them from its own words instead of through the callee's
// CompiledFunc. Run once every function `caller` may call is translated: after the whole
// instance (a callee of another instance was translated with its own).
void link_calls(CompiledFunc& caller);

}  // namespace mnemo::vm
