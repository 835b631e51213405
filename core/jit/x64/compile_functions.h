// core/jit/x64/compile_functions.h: every defined function of an instance through the compiler
// (core/jit/x64/compiler.h), on a second thread too when the module is big enough to repay
// starting one.
// Each function's result depends on that function alone, so the results, which come back in
// function order, are the same whichever thread compiled what.
#pragma once

#include <vector>

#include "core/jit/x64/compiler.h"

namespace mnemo::jit::x64 {

// The results of defined functions first..funcs.size() of `instance`, in that order.
// `threads` > 1 allows a second thread.
std::vector<CompileResult> compile_functions(const Instance& instance, const IndexSpaces& spaces, uint32_t first,
                                             const RuntimeCalls& calls, unsigned threads);

}  // namespace mnemo::jit::x64
