// core/vm/debug.h: what the debug instantiation of the dispatch loop consults before each op and
// fills after it (core/vm/session.h is the public face).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/vm/code.h"
#include "core/vm/session.h"

namespace mnemo {
struct MemoryInstance;  // core/runtime/memory.h
}

namespace mnemo::vm {

class History;  // core/vm/history.h: a recording session's undo log

struct DebugControl {
  Session::Mode mode = Session::Mode::Continue;
  uint64_t budget = UINT64_MAX;
  uint64_t executed = 0;      // ops run since run() began
  uint32_t start_depth = 0;   // frame depth when run() began
  bool pause_requested = false;
  const CompiledFunc* entry = nullptr;
  std::vector<CodeLocation> breakpoints;
  StepEffects effects;        // of the last op
  StopReason reason = StopReason::Paused;
  uint32_t op_pc = 0;         // code word of the op being executed
  const CompiledFunc* op_func = nullptr;  // the function op_pc is in
  bool break_at_first = false;  // a breakpoint on the very first op stops (nothing ran yet)

  // True when the op at `pc` of `func` starts an instruction (the first op translated from it).
  static bool starts_instruction(const CompiledFunc& func, uint32_t pc) {
    return pc == 0 || func.instr_at[pc - 1] != func.instr_at[pc];
  }

  // The debug loop's calls, out of line (core/vm/debug_control.cpp): the loop has some two
  // thousand handlers, and inlining these into each made it take minutes to compile.
  //
  // Before each op: false (and `reason` set) when the run must stop before the op at `pc` of
  // `func`; otherwise starts the op's record of effects.
  bool begin_op(const CompiledFunc& func, uint32_t pc, uint32_t depth);
  bool begin_observed_op(const CompiledFunc& func, uint32_t pc, uint32_t depth);  // begin_op while observing
  // begin_op for the quiet loop (LoopHooks::DebugQuiet): when something began to observe during
  // the run (a host function set a watchpoint), false with `observed_from_now` set, so that
  // execute_debug goes on from this op in the loop that reports.
  bool begin_quiet_op(const CompiledFunc& func, uint32_t pc, uint32_t depth);
  bool observed_from_now = false;
  // True when the run must stop before the op at `pc`.
  bool should_stop(const CompiledFunc& func, uint32_t pc, uint32_t depth);
  bool begin_unobserved_op(const CompiledFunc& func, uint32_t pc, uint32_t depth);  // what starting any op does
  // What beginning an op does once nothing can stop the run before it: its record of effects
  // starts empty, and it counts.
  void open_op(uint32_t pc) {
    op_pc = pc;
    effects.accesses.clear();
    effects.data_segment.reset();
    effects.grow.reset();
    ++executed;
  }

  // The fast lane. While `executed < lane_end`, the loop begins an op with open_op alone, inline,
  // without calling begin_op: a run in Continue mode with no breakpoint, nothing observing and no
  // pause asked for can only stop at its budget, so the checks before every op would all say go
  // on. (They were most of a debug run's time: under Emscripten the playground's full-speed run,
  // an unobserved debug session, ran 4x slower than a plain call.) lane_end is 0 whenever the
  // checks must run again: at the start of every execute_debug, and after every host call, since
  // a host function may pause the session or set a breakpoint or watchpoint.
  uint64_t lane_end = 0;
  // Called once an op has begun through the checks: opens the lane when nothing but the budget
  // can stop the run (an observed run never has one: its every op reports).
  void open_lane() {
    lane_end = !observing && mode == Session::Mode::Continue && breakpoints.empty() && !pause_requested ? budget : 0;
  }
  // Records an access of the op being executed, as its handler saw it, before it is made, and
  // reports it when anything observes (kReport: the quiet loop, which nothing observes, leaves
  // the test and the call out of every memory handler).
  template <bool kReport>
  void record_access(const MemoryAccess& access) {
    effects.accesses.push_back(access);
    if constexpr (kReport)
      if (__builtin_expect(observing, 0)) observe_access(access);
  }

  // --- Watchpoints, the access observer and the history (core/vm/debug_control.cpp).
  // `observing` is true while any is set: it is the one flag the per-op and per-access paths test.
  struct Watch {
    uint32_t id = 0;
    Watchpoint watch;
    const MemoryInstance* memory = nullptr;  // the memory itself, so an alias in another instance matches
  };
  bool observing = false;
  std::vector<Watch> watches;
  std::function<void(const AccessRecord&)> observer;
  History* history = nullptr;  // set while the session records: writes and grows go to its log
  const Instance* session_instance = nullptr;  // whose memory indices watches and records use
  uint64_t steps_before = 0;  // instructions the session ran before this run: records count from there
  bool op_open = false;       // an op began whose grow and watched bytes are not yet taken
  std::optional<WatchHit> hit;                 // the watchpoint hit of this run, if any
  bool hit_pending = false;                    // hit's instruction has not completed yet
  bool hit_reported = false;                   // the run stopped for hit already
  const MemoryInstance* hit_memory = nullptr;  // where hit's new bytes are read from

  void update_observing() { observing = !watches.empty() || bool(observer) || history; }
  // The slow path of record_access: logs a write in the history, matches watchpoints, reports to
  // the observer (not for steps the history runs again: it was told of them the first time).
  void observe_access(const MemoryAccess& access);
  // After an op that ran while observing: reports its memory.grow and takes a hit's new bytes.
  void finish_op();
  bool stop(StopReason r) {
    reason = r;
    return true;
  }
};

}  // namespace mnemo::vm
