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

#include "core/runtime/store.h"
#include "core/jit/x64/guard_faults.h"
#include "core/walk/body_walk.h"

namespace mnemo::jit::x64 {

// The host functions compiled code calls (all plain C calls: rdi, rsi, rdx, rcx; eax returns).
struct RuntimeCalls {
  // Calls `func` (without machine code: a host function, or one the interpreter runs) with its
  // arguments at `slots`, results written back there. 0, or 1 after recording a trap in the
  // ThreadState.
  uint32_t (*call)(void* state, FuncEntry* func, uint64_t* slots) = nullptr;
  // call_indirect's callee: `table`'s element `index`, checked against interned type `type_id`;
  // null after recording the trap. Compiled code then calls it as any other.
  FuncEntry* (*call_indirect)(void* state, TableInstance* table, uint64_t type_id, uint64_t index) = nullptr;
  // memory.grow: *slot is the delta in pages, replaced by the result.
  void (*memory_grow)(MemoryInstance* memory, uint64_t* slot) = nullptr;
  // memory.fill / memory.copy on the three operands at `slots`; 0, or 1 after recording a fault.
  uint32_t (*memory_fill)(void* state, MemoryInstance* memory, uint64_t memory_index, uint64_t* slots) = nullptr;
  uint32_t (*memory_copy)(void* state, MemoryInstance* dst, MemoryInstance* src, uint64_t* slots,
                          uint64_t indices) = nullptr;
  // Tables, element and data segments: `op` is the Opcode (with memory.init's memory index in the
  // high half), `a` and `b` its table / segment / memory operands, `slots` its first operand,
  // where a result goes too. 0, or 1 after recording a trap.
  uint32_t (*bulk)(void* state, uint64_t op, void* a, void* b, uint64_t* slots) = nullptr;
  bool has_lzcnt = false;  // clz / ctz / popcnt compile only where the CPU has them
  bool has_bmi1 = false;
  bool has_popcnt = false;
  bool has_sse41 = false;  // ceil / floor / trunc / nearest
  // Accesses to Guarded memories leave their bounds check to the guard pages
  // (core/jit/x64/guard_faults.h); false: every access checks explicitly.
  bool guard_pages = false;
  // The store is metered (Store::set_fuel): compiled code charges fuel exactly as the
  // interpreter's translation does, run by run of straight-line instructions.
  bool metered = false;
};

// A call to another function of the same instance, by `call rel32` at code offset `at` (the
// rel32 field's): the engine links it once every function of the instance is placed, to the
// callee's code or, when it has none, to its interpreter_thunk.
struct DirectCall {
  uint32_t at = 0;
  uint32_t callee = 0;
};

struct CompileResult {
  std::vector<uint8_t> code;  // empty when not compiled
  std::vector<GuardSite> guard_sites;  // the accesses left to the guard pages
  std::vector<DirectCall> direct_calls;
  std::string why_not;        // what the compiler does not handle yet, when not compiled
  std::string stopped_at;     // its instruction's name ("f64.add"), or what else stopped it
  // For listings (jit::MachineCode): (instruction, offset) where the code of each of the body's
  // instructions starts, ascending; the trap stubs after the body start at (body size, offset).
  // Optional: empty, listings show the code without its instructions.
  std::vector<std::pair<uint32_t, uint32_t>> instr_offsets;
};

// Whether a compile records CompileResult::instr_offsets: listings want them, running code does
// not (they take as much memory as a third of the code).
enum class InstrOffsets : uint8_t { Record, Skip };

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
