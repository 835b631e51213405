// core/engines/code_listing.h: what an engine makes of one function, as text (`mnemo dump
// --code`): the interpreter's translated code (core/vm/code_printer.h) or the JIT's machine code,
// disassembled (core/jit/machine_listing.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/module.h"
#include "core/result.h"
#include "core/runtime/engine.h"

namespace mnemo {

// The defined function `name` names in `module`: an exported function's name, or a function
// index. An Error saying what is wrong otherwise (no such export or index, an export of another
// kind, an imported function, which has no code here).
Result<uint32_t> find_listed_function(const Module& module, std::string_view name);

// The listing of defined function `func` of `module` (valid) as engine `kind` runs it: a line
// naming the engine and the function, then its code. The module is instantiated in a store of
// its own without running its start function (nothing runs), its imports stood in for by host
// functions that trap and memories, tables and globals of the imported types. A JIT that leaves
// the function to the interpreter says why in place of the code, and so does the listing of an
// engine this build lacks (a JIT on ARM64 or in the browser). An Error when the module cannot be
// instantiated.
Result<std::string> code_listing(const Module& module, uint32_t func, EngineKind kind);

}  // namespace mnemo
