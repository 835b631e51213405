// core/jit/x64/compiler.h: the baseline compiler for x86-64, one pass over a validated body
// (core/walk/body_walk.h) straight to machine code.
//
// Values stay in registers through straight-line code (core/jit/x64/value_stack.h) and go to
// their frame slots, where the interpreter keeps them (locals first, then operands; core/vm/vm.h),
// at calls and where registers run out, so a frame between calls is the same for both engines and
// any function can be left to the interpreter. It compiles all of WebAssembly 2.0: the integer and
// float instructions (the rarer floats in slot form: core/jit/x64/float_ops.h), v128 on SSE4.1 in
// slot form (core/jit/x64/simd_ops.h), conversions, every load and store on any memory,
// memory.size / grow / fill / copy, control flow, globals and calls.
//
// Convention: rbx = the frame's slots, r12 = the instance's InstanceContext, r13 = the
// ThreadState (core/jit/thread_state.h). A callee's frame starts at its caller's first argument
// slot; its results replace its arguments there. rbx, r12 and r13 survive calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/jit/compile_result.h"
#include "core/jit/runtime_entries.h"
#include "core/runtime/store.h"
#include "core/walk/body_walk.h"

namespace mnemo::jit::x64 {

// The host functions compiled code calls (core/jit/runtime_entries.h: plain C calls, rdi, rsi,
// rdx, rcx; eax returns), and what else the compile depends on.
struct RuntimeCalls : RuntimeEntries {
  bool has_lzcnt = false;  // clz / ctz / popcnt compile only where the CPU has them
  bool has_bmi1 = false;
  bool has_popcnt = false;
  bool has_sse41 = false;  // ceil / floor / trunc / nearest
  // Accesses to Guarded memories leave their bounds check to the guard pages
  // (core/jit/guard_sites.h); false: every access checks explicitly.
  bool guard_pages = false;
  // The store is metered (Store::set_fuel): compiled code charges fuel exactly as the
  // interpreter's translation does, run by run of straight-line instructions.
  bool metered = false;
};

// Compiles defined function `func_index` of `instance`.
// `scratch`, when given, is room to assemble in that is kept from one function to the next (one
// per thread): each function's code is then copied out at its exact size.
CompileResult compile_function(const Instance& instance, const IndexSpaces& spaces, uint32_t func_index,
                               const RuntimeCalls& calls, InstrOffsets offsets = InstrOffsets::Record,
                               std::vector<uint8_t>* scratch = nullptr);

// Code with a compiled function's calling convention that runs function `func_index` of
// `instance` in the interpreter (through RuntimeCalls::call): what direct calls to a function
// without machine code reach. A trap there leaves through the ThreadState's exit, with the callee
// as the place when the trap has none of its own.
std::vector<uint8_t> interpreter_thunk(const Instance& instance, uint32_t func_index, const RuntimeCalls& calls);

}  // namespace mnemo::jit::x64
