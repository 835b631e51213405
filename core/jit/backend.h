// core/jit/backend.h: what the shared JIT engine (core/jit/jit_engine.cpp) asks of an
// architecture's backend: its entry trampoline, its compiler, its thunk into the interpreter, how
// it links a direct call, and its fault handler for the guard pages. Everything else an engine
// does (laying a module's functions out in one block of executable memory, falling back to the
// interpreter function by function, stats, guard-site registration, the levels of nested calls,
// the runtime's entries) is the engine's, once for every backend.
//
// A virtual interface, not a template: the engine calls it once per instance or per function,
// never per instruction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/jit/code_memory.h"
#include "core/jit/compile_result.h"
#include "core/jit/disassemble.h"
#include "core/jit/runtime_entries.h"
#include "core/runtime/store.h"
#include "core/walk/body_walk.h"

namespace mnemo::jit {

class Backend {
 public:
  virtual ~Backend() = default;

  virtual MachineArch arch() const = 0;
  // Installs the SIGSEGV handler that turns a fault on a guard page into its access's trap;
  // false when this backend (or the host) has none: then every access is checked explicitly.
  virtual bool install_guard_fault_handler() = 0;
  // Once, before any compile: the runtime's entries, and whether Guarded memories leave their
  // bounds to the guard pages.
  virtual void configure(const RuntimeEntries& runtime, bool guard_pages) = 0;

  // The entry trampoline, `uint32_t enter(const void* code, uint64_t* slots, InstanceContext*
  // context, ThreadState* state)` in the host's calling convention: saves what the host's
  // convention wants kept, records the stack pointer a trap unwinds to (ThreadState::entry_sp),
  // runs `code` with the frame's slots, the context and the state in the backend's registers,
  // returns 0; a trap stub jumps to *trap_exit_offset, which returns 1. Null when the host
  // refused executable memory.
  virtual std::unique_ptr<CodeMemory> make_trampoline(uint32_t* trap_exit_offset) const = 0;

  // Defined function `func` of `instance`; its fuel charged when `metered`.
  virtual CompileResult compile(const Instance& instance, const IndexSpaces& spaces, uint32_t func, bool metered,
                                InstrOffsets offsets, std::vector<uint8_t>* scratch) const = 0;
  // Code with a compiled function's calling convention that runs function `func` of `instance`
  // in the interpreter (through RuntimeEntries::call): what direct calls to a function without
  // machine code reach.
  virtual std::vector<uint8_t> interpreter_thunk(const Instance& instance, uint32_t func) const = 0;
  // Points the direct call whose field is at `block` + `site` at `block` + `target`.
  virtual void link_call(uint8_t* block, uint32_t site, uint32_t target) const = 0;
  // What fills the gaps between functions: an instruction that traps if ever reached.
  virtual void pad(uint8_t* at, size_t bytes) const = 0;
};

// The backend for the architecture this build runs on; defined by exactly one backend's files
// (core/CMakeLists.txt builds the one for the host).
std::unique_ptr<Backend> make_host_backend();

}  // namespace mnemo::jit
