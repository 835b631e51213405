// core/vm/thread.h: the execution state of the interpreter: the slot stack, the frames (on the
// heap, never the host stack), the registers of a suspended run and the last trap.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime/store.h"
#include "core/runtime/trap_info.h"
#include "core/vm/code.h"
#include "core/runtime/trap.h"

namespace mnemo::vm {

// A caller's state, saved by a call. No member initializers: a thread allocates its frames
// untouched, since every call writes its frame whole before anything reads it, and a debug session
// makes a thread for each call: zeroing the native default of 65,536 frames paged in 1.5 MiB each
// time, which was most of the sanitize build's spec suite run under --debug on a VM with slow
// page faults (ThreadMemory, below, is the rest of that story).
struct Frame {
  const uint64_t* ret_ip;  // null: the entry frame of a run; returning finishes the run
  uint64_t* fp;
  const CompiledFunc* func;
};

struct TrapRecord {
  TrapCode code = TrapCode::None;
  const CompiledFunc* func = nullptr;  // where: function and code word
  uint32_t pc = 0;
  std::optional<MemoryAccess> fault;  // memory faults: set by the handler that made the access
  std::string host_message;  // HostTrap: the host function's message
  std::optional<uint64_t> element;  // Undefined/UninitializedElement: the table index (in the message)
};

// Yielded: the loop returned between two instructions to be entered again (MNEMO_VM_SLICES in
// core/vm/interp_loop.h); the thread's state is where it left off.
enum class RunStatus : uint8_t { Finished, Trapped, Stopped, Yielded };

// The memory of one of a thread's two arrays (slots, frames). Where the host maps pages
// (core/runtime/host_pages.h) they come straight from it, untouched until used, with a no-access
// page after the end, so that an overrun the interpreter's own checks missed faults at once;
// elsewhere (Emscripten) from the C heap. A debug session makes a thread for every call, so a
// released block is kept for the next thread of its size (core/vm/thread.cpp): making one was
// costly both natively (fresh pages to fault in) and under AddressSanitizer, whose allocator
// poisons a C-heap block's shadow when it is made and again when it is freed (1 MiB of shadow for
// the 8 MiB slot stack), which was 80% of the sanitize build's spec suites under --debug.
class ThreadMemory {
 public:
  explicit ThreadMemory(uint64_t bytes);
  ~ThreadMemory();
  ThreadMemory(const ThreadMemory&) = delete;
  ThreadMemory& operator=(const ThreadMemory&) = delete;
  void* get() const { return data_; }

 private:
  uint8_t* data_ = nullptr;
  uint64_t bytes_ = 0;   // as asked
  uint64_t mapped_ = 0;  // bytes of host pages, the guard page included; 0: from the C heap
};

class Thread {
 public:
  // A thread whose calls may nest as deep, and hold as many slots, as the store's limits say
  // (StoreLimits::max_call_depth, max_stack_bytes).
  explicit Thread(const StoreLimits& limits = StoreLimits::defaults());
  Thread(uint32_t stack_slots, uint32_t max_frames);  // tests that exhaust a small stack

  // Registers of a suspended (or not yet started) run.
  uint64_t* sp = nullptr;
  uint64_t* fp = nullptr;
  const uint64_t* ip = nullptr;
  const CompiledFunc* cur = nullptr;
  uint32_t depth = 0;
  uint64_t acc = 0;  // the accumulator (core/vm/code.h), kept while a sliced run yields

  uint64_t* stack_begin() { return static_cast<uint64_t*>(stack_.get()); }
  uint64_t* stack_end() { return stack_begin() + stack_slots_; }
  Frame* frames() { return static_cast<Frame*>(frames_.get()); }
  const Frame* frames() const { return static_cast<const Frame*>(frames_.get()); }
  uint32_t max_frames() const { return max_frames_; }

  TrapRecord trap;

  // Direct threading (core/vm/code.h, op_word): execute<LoopHooks::None> on a thread that wants
  // its handlers writes their addresses, by VmOp, to `handlers` and returns without running.
  bool wants_handlers = false;
  const void* const* handlers = nullptr;

  // Forgets any run in progress.
  void reset();

 private:
  ThreadMemory stack_;
  ThreadMemory frames_;
  uint32_t stack_slots_;
  uint32_t max_frames_;
};

struct DebugControl;  // core/vm/debug.h

// The instantiations of the dispatch loop (core/vm/interp_loop.h).
enum class LoopHooks : uint8_t {
  None,   // normal runs: no hook at all (core/vm/interp.cpp)
  Debug,  // a debug session's run: a stop check before each op, each op's memory accesses recorded
          // and, while anything observes them (watchpoints, an observer, a history), reported
  // A debug session's run that nothing observes: accesses recorded, never reported. Built where
  // the report's never-taken test and call cost time (CMake option MNEMO_VM_QUIET_DEBUG_LOOP).
  DebugQuiet,
};

// Runs the thread from its registers until the entry frame returns (Finished), a trap, or, in
// the debug instantiations, a stop requested by `debug`.
template <LoopHooks kHooks>
RunStatus execute(Thread& t, DebugControl* debug);
// A debug session's run, in the instantiation that fits what observes it (core/vm/debug_loop_choice.cpp).
RunStatus execute_debug(Thread& t, DebugControl& debug);

// Prepares `t` to run wasm function `f` with `args` (slots already in encoding) on top of its
// current stack. False (and t.trap set) when the call would exhaust the stack.
bool push_call(Thread& t, const FuncInstance& f, const uint64_t* args);

// Calls a host function on slots: args at `slots`, results written back from `slots`.
bool call_host(Thread& t, const FuncInstance& f, uint64_t* slots);

}  // namespace mnemo::vm
