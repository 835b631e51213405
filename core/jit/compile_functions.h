// core/jit/compile_functions.h: every defined function of an instance through a backend's
// compiler, on a second thread too when the module is big enough to repay starting one.
// Each function's result depends on that function alone, so the results, which come back in
// function order, are the same whichever thread compiled what.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/jit/compile_result.h"
#include "core/runtime/store.h"

namespace mnemo::jit {

// Compiles defined function `func` of the instance; `scratch` is the calling thread's room to
// assemble in, kept from one function to the next.
using CompileOne = std::function<CompileResult(uint32_t func, std::vector<uint8_t>* scratch)>;

// The results of defined functions first..funcs.size() of `instance`, in that order.
// `threads` > 1 allows a second thread.
std::vector<CompileResult> compile_functions(const Instance& instance, uint32_t first, unsigned threads,
                                             const CompileOne& compile);

}  // namespace mnemo::jit
