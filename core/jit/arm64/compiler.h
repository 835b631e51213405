// core/jit/arm64/compiler.h: the baseline compiler for AArch64, one pass over a validated body
// (core/walk/body_walk.h) straight to machine code, the x86-64 compiler's twin
// (core/jit/x64/compiler.h): the same frame, context and slot layout, the same shared analyses
// and value-stack policy (core/jit/README.md), AArch64's own instruction selection.
//
// Values stay in registers through straight-line code (core/jit/arm64/value_stack.h) and go to
// their frame slots, where the interpreter keeps them (locals first, then operands; core/vm/vm.h),
// at calls and where registers run out, so a frame between calls is the same for both engines and
// any function can be left to the interpreter. What it compiles: the integer and scalar float
// instructions, conversions, every load and store on any memory (bounds checked by the guard
// pages where the memory has them, explicitly elsewhere), memory.size / grow / fill / copy /
// init, tables and segments, control flow, globals, calls, and v128 on NEON (compile_simd*.cpp).
// A function with an instruction it does not compile yet is left to the interpreter.
//
// Convention (AAPCS64 around it): x19 = the frame's slots, x20 = the instance's InstanceContext,
// x21 = the ThreadState (core/jit/thread_state.h), all callee-saved, so they survive calls out to
// the runtime. Every function saves x29 / x30 on the host stack on entry. A callee's frame starts
// at its caller's first argument slot; its results replace its arguments there.
#pragma once

#include <cstdint>
#include <vector>

#include "core/jit/compile_result.h"
#include "core/jit/runtime_entries.h"
#include "core/runtime/store.h"
#include "core/walk/body_walk.h"

namespace mnemo::jit::arm64 {

// The runtime's entries (core/jit/runtime_entries.h: plain C calls, x0..x4; w0 / x0 return) and
// what else the compile depends on.
struct RuntimeCalls : RuntimeEntries {
  // Accesses to Guarded memories leave their bounds check to the guard pages
  // (core/jit/guard_sites.h, guard_faults.h); false: every access checks explicitly.
  bool guard_pages = false;
  // The store is metered (Store::set_fuel): compiled code charges fuel exactly as the
  // interpreter's translation does, run by run of straight-line instructions.
  bool metered = false;
};

// Compiles defined function `func_index` of `instance`.
CompileResult compile_function(const Instance& instance, const IndexSpaces& spaces, uint32_t func_index,
                               const RuntimeCalls& calls, InstrOffsets offsets = InstrOffsets::Record);

// Code with a compiled function's calling convention that runs function `func_index` of
// `instance` in the interpreter (through RuntimeCalls::call): what direct calls to a function
// without machine code reach. A trap there leaves through the ThreadState's exit, with the callee
// as the place when the trap has none of its own.
std::vector<uint8_t> interpreter_thunk(const Instance& instance, uint32_t func_index, const RuntimeCalls& calls);

}  // namespace mnemo::jit::arm64
