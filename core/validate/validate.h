// core/validate/validate.h: validation exactly per the WebAssembly 2.0 specification, with the
// multi-memory rules (every memory index in range; memory.copy checks both of its memories).
// Errors name the function, the instruction, its position and the memory index at fault.
#pragma once

#include <optional>
#include <vector>

#include "core/module.h"
#include "core/result.h"

namespace mnemo {

Status validate_module(const Module& module);

// The types on the operand stack just before instruction `instr` of function `func` (function
// index space) runs, bottom first, across its enclosing blocks: how a debugger shows operands with
// their types. `module` must be valid; nullopt for an imported function or an index out of range.
std::optional<std::vector<ValType>> operand_types_before(const Module& module, uint32_t func, uint32_t instr);

}  // namespace mnemo
