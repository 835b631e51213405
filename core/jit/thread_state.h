// core/jit/thread_state.h: what compiled code reads and writes besides its instance's context
// (core/runtime/context.h): the limits of the stacks it runs on, and the record of a trap. One per
// nesting level of an engine's calls. Compiled code reaches the fields at fixed offsets, pinned
// below; keep the two in step.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mnemo {
struct Instance;
}

namespace mnemo::jit {

struct ThreadState {
  uint64_t* slots_end = nullptr;     // the slot stack's end: a frame must fit below it
  const void* native_limit = nullptr;  // the lowest rsp compiled code may reach (host stack guard)
  // Wasm frames that may still be entered (StoreLimits::max_call_depth less the entry's at the
  // start): each call into compiled code takes one, each return gives it back.
  uint32_t depth_left = 0;
  uint32_t reserved = 0;
  void* entry_sp = nullptr;          // the host stack pointer at entry: a trap unwinds to it
  const void* trap_exit = nullptr;   // where trap stubs jump (the entry trampoline's exit)
  // The trap, as the stub that raised it records it (TrapCode, function, instruction).
  uint32_t trap_code = 0;
  uint32_t trap_func = 0;
  uint32_t trap_instr = 0;
  uint32_t fault_kind = 0;           // MemoryAccess::Kind, when the trap is a memory fault
  const Instance* trap_instance = nullptr;
  uint64_t fault_address = 0;
  uint64_t fault_size = 0;
  uint32_t fault_memory = 0;
  uint32_t has_fault = 0;
  void* engine = nullptr;            // the engine, for calls out of compiled code
};

static_assert(offsetof(ThreadState, slots_end) == 0 && offsetof(ThreadState, native_limit) == 8 &&
                  offsetof(ThreadState, depth_left) == 16 && offsetof(ThreadState, reserved) == 20 &&
                  offsetof(ThreadState, entry_sp) == 24 && offsetof(ThreadState, trap_exit) == 32 &&
                  offsetof(ThreadState, trap_code) == 40 && offsetof(ThreadState, trap_func) == 44 &&
                  offsetof(ThreadState, trap_instr) == 48 && offsetof(ThreadState, fault_kind) == 52 &&
                  offsetof(ThreadState, trap_instance) == 56 && offsetof(ThreadState, fault_address) == 64 &&
                  offsetof(ThreadState, fault_size) == 72 && offsetof(ThreadState, fault_memory) == 80 &&
                  offsetof(ThreadState, has_fault) == 84 && offsetof(ThreadState, engine) == 88,
              "ThreadState layout: compiled code reads these offsets");

}  // namespace mnemo::jit
