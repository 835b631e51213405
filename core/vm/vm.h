// core/vm/vm.h: the interpreter's public interface: instantiating modules into a Store and
// calling functions. The design, in brief:
//
// Translation (core/vm/translate.cpp). A function is validated once (core/validate) and then
// translated, per instance, into a vector of 64-bit code words: an op word (VmOp, core/vm/code.h:
// WebAssembly's Opcode numbers, then the internal ops of core/vm/internal_ops.def) followed by its
// immediates, already resolved: branch offsets and stack heights, a call's callee (its code, entry
// and frame sizes: core/vm/code.h), the GlobalInstance* of a global, the TableInstance* /
// MemoryInstance* of a table or memory instruction. `memories[i]` of the instance is read once, at translation, so memory N costs
// exactly what memory 0 costs: every memory instruction loads base and size from its own
// MemoryInstance (re-read on every access, so memory.grow moving the bytes is always seen).
// Blocks, loops, nop and end translate to nothing; unreachable code is not translated; branches
// whose values are already in place become plain jumps, and jumps to a return become the return.
// Fusion: the scalar binary ops take their operands from locals and constants when
// local.get / t.const precede them (operand variants Name_LL/_LC/_SC, generated from the table;
// core/vm/code.h); an op with an i32 result fuses with the br_if / if consuming it (through an
// i32.eqz between them as the inverse jump); a function with one result slot returns by Return1;
// local.get pairs, local.set + local.get and local.get + i32.add are single ops. The v128 ops and
// loads name the slots of their operands and result instead (register forms Name_R / Name_RC): a
// local.get or constant before them and a local.set / local.tee after them cost no op and no
// copy. Last, a scalar value that the next op takes as its top operand passes through a register,
// the accumulator, instead of its slot, unless a jump lands between the two (accumulator twins,
// core/vm/code.h); the debug loops run each twin as the stack op it stands for.
//
// Execution (core/vm/interp_loop.h). A stack machine over 64-bit slots (v128 takes two; encoding in
// core/runtime/value.h): locals are the first slots of a frame, operands follow. Calls never
// recurse on the host: frames live in a heap array (Thread), so execution is resumable and deep
// recursion traps with "call stack exhausted" (frame count or slot budget exceeded). Dispatch is
// threaded code through computed goto on GCC/Clang, direct-threaded in normal runs (each op word
// carries its handler's address: core/vm/code.h, op_word), and a switch elsewhere (Emscripten's
// Wasm target); one macro, MNEMO_VM_COMPUTED_GOTO, chooses. Handlers for the generic rows of
// core/opcodes.def (numeric ops, loads/stores, lane ops) are generated from the rows: one macro
// per immediate kind calls num::Name (core/vm/numeric.h) or simd::active::Name (core/simd).
//
// Traps are values (TrapCode from core/runtime/traps.def) recorded with the function and the
// instruction (through CompiledFunc::instr_at) and, for memory faults, the memory index, address
// and size.
//
// Debugging. The dispatch loop is a template instantiated per LoopHooks (core/vm/thread.h):
// execute<None> for normal runs carries no hook at all; execute<Debug>, used only by a Session
// (core/vm/session.h), checks the stop conditions before each op and records each op's memory
// effects (and execute<DebugQuiet>, where built, does the same for runs nothing observes). Step granularity is the
// translated op: in a normal translation block, loop, nop and end have no op of their own and a
// fused pair steps as one; an instance made with InstantiateOptions::debuggable has one op per
// instruction, so every instruction can be stepped to and hold a breakpoint.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/module.h"
#include "core/runtime/engine.h"
#include "core/runtime/link.h"
#include "core/runtime/store.h"
#include "core/vm/session.h"

namespace mnemo::vm {

class Thread;

// The interpreter as an Engine (core/runtime/engine.h): what embedders use. Its threads are made
// as calls nest, each sized from the store's limits.
std::unique_ptr<Engine> make_interpreter(Store& store);

// The interpreter's own entries, on a thread the caller owns (Engine::instantiate and
// Engine::call, below them).
InstantiateResult instantiate(Store& store, Thread& thread, std::shared_ptr<const Module> module,
                              const ImportResolver& resolve, const InstantiateOptions& options = {});

// Calls a function (wasm or host) with arguments of its parameter types.
CallResult call(Thread& thread, FuncInstance& func, std::span<const WasmValue> args);

// How this build's interpreter was compiled, for reports: "v128 on <path>, <dispatch>", e.g.
// "v128 on sse4.1, computed-goto dispatch" or "v128 on scalar, switch dispatch".
const char* build_description();

// A debuggable call (core/vm/session.h) on a thread of its own, sized by `limits`: nothing runs
// until Session::run. Null when the build has no debug hooks (CMake option
// MNEMO_VM_DEBUG_HOOKS=OFF); callers report kNoDebugHooks then.
std::unique_ptr<Session> start_session(Instance& instance, FuncInstance& func, std::span<const WasmValue> args,
                                       const StoreLimits& limits = StoreLimits::defaults());
inline constexpr const char* kNoDebugHooks = "this build has no debug hooks (MNEMO_VM_DEBUG_HOOKS=OFF)";

}  // namespace mnemo::vm
