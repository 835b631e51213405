// core/validate/validate.h: validation exactly per the WebAssembly 2.0 specification, with the
// multi-memory rules (every memory index in range; memory.copy checks both of its memories).
// Errors name the function, the instruction, its position and the memory index at fault.
#pragma once

#include "core/module.h"
#include "core/result.h"

namespace mnemo {

Status validate_module(const Module& module);

}  // namespace mnemo
