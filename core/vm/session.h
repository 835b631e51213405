// core/vm/session.h: a debuggable run of one call, the API the web debugger, the native debugger
// and the JS bindings are built on. Execution is resumable: run() returns after a step, at a
// breakpoint, on pause, on a trap or when the call finishes, and can be resumed, so a browser
// frame loop can drive it without blocking.
//
// Positions and traps are the engine-neutral ones of core/runtime/trap_info.h.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/module.h"
#include "core/result.h"
#include "core/runtime/trap_info.h"  // CodeLocation, MemoryAccess, TrapInfo
#include "core/runtime/value.h"      // WasmValue, a WebAssembly value as the embedder sees it

namespace mnemo {

struct Instance;  // core/runtime/store.h: an instantiated module (memories, tables, globals, exports)

// What the instruction just executed did to memories. memory.copy reports a Read of the source
// range and a Write of the destination range (in that order); memory.fill a Write; memory.init a
// Write (its source is data segment `data_segment`); memory.grow sets `grow`.
struct StepEffects {
  std::vector<MemoryAccess> accesses;
  std::optional<Opcode> op;  // the instruction that made them, when it touched memory or grew one
  std::optional<uint32_t> data_segment;  // memory.init's source segment
  struct Grow {
    uint32_t memory = 0;
    uint64_t old_pages = 0;
    int64_t result = 0;  // the instruction's result: old size in pages, or -1 when it failed
  };
  std::optional<Grow> grow;
};

enum class StopReason : uint8_t {
  Step,        // a step command completed
  Breakpoint,  // reached a breakpoint (before executing it)
  Paused,      // pause() or the run() budget ran out
  Finished,    // the call returned: results() holds its values
  Trapped,     // trap() says why
  Watchpoint,  // an instruction touched a watched range; it has completed: watch_hit() says what
};

// Stop when bytes [address, address + length) of memory `memory` (in the session's instance's
// memory index space) are read, written, or either. Every access counts: loads, stores, and the
// ranges of memory.copy, memory.fill and memory.init, including those made by code of another
// instance that shares (imports or exports) the same memory.
struct Watchpoint {
  enum class On : uint8_t { Read = 1, Write = 2, Any = 3 };
  uint32_t memory = 0;
  uint64_t address = 0;
  uint64_t length = 1;
  On on = On::Write;
};

// What stopped a run at a watchpoint. Like a hardware watchpoint the stop comes after the
// instruction that made the access has completed; `at` is that instruction (current() is the
// next one). When one instruction touches several watched ranges, the first access wins.
struct WatchHit {
  uint32_t id = 0;           // add_watchpoint's id
  Watchpoint watch;
  CodeLocation at;           // the instruction that made the access
  std::optional<Opcode> op;
  MemoryAccess access;       // as the instruction made it: its memory index is `at.instance`'s
  // The watched bytes the access touched, [address, address + old_bytes.size()) of watch.memory,
  // before and after the instruction (a read leaves them equal). At most kMaxBytes of them.
  static constexpr uint64_t kMaxBytes = 4096;
  uint64_t address = 0;
  uint64_t length = 0;       // the whole overlap; the byte vectors stop at kMaxBytes
  std::vector<uint8_t> old_bytes;
  std::vector<uint8_t> new_bytes;
};

// One memory access (or memory.grow) of a run, for a debugger that keeps a history of them:
// Session::observe_accesses reports each as it happens, before the instruction performs it.
struct AccessRecord {
  uint64_t step = 0;        // 1 for the session's first instruction, counting every instruction it ran
  CodeLocation at;          // the instruction
  Opcode op = Opcode::Nop;  // its opcode
  // The access, its memory index translated into the session's instance's index space (code of
  // another instance may write a memory the two share). A grow has size 0.
  MemoryAccess access;
  std::optional<uint32_t> data_segment;    // memory.init's source segment
  std::optional<StepEffects::Grow> grow;   // memory.grow, reported after it ran
};

// One operand-stack frame of the call stack, innermost last.
struct FrameInfo {
  CodeLocation at;                 // the next instruction to execute in this frame
  std::vector<WasmValue> locals;   // parameters first
  std::vector<WasmValue> operands; // the frame's operand stack, bottom first
};

// What a recording session can travel across (Session::timeline). Steps count as
// instructions_executed() does: step s is the moment after the session's s-th instruction.
struct Timeline {
  uint64_t first = 0;    // the oldest step kept (moves up when the budget drops old history)
  uint64_t last = 0;     // the furthest step the run has reached
  uint64_t current = 0;  // where the session is now
  uint64_t bytes = 0;    // what the history holds
  uint64_t budget = 0;
  uint64_t steps_dropped = 0;  // steps before `first` that the budget dropped
};

class Session {
 public:
  virtual ~Session() = default;

  enum class Mode : uint8_t { Continue, StepInto, StepOver, StepOut };
  // Runs until the mode's stop, a breakpoint, a trap, the end of the call, or `budget`
  // instructions (then Paused). StepInto stops after one instruction; StepOver after the next
  // instruction of the same frame (calls run through); StepOut when the current frame returns.
  virtual StopReason run(Mode mode, uint64_t budget = UINT64_MAX) = 0;
  virtual void pause() = 0;

  virtual void set_breakpoint(CodeLocation at, bool enabled) = 0;
  virtual std::vector<CodeLocation> breakpoints() const = 0;

  // Watchpoints. add_watchpoint refuses a memory the instance does not have, an empty range or
  // one past 2^64; it does not require the range to be inside the memory now (it may grow).
  // With none set, the debug loop pays one predicted branch per access.
  virtual Result<uint32_t> add_watchpoint(const Watchpoint& watch) = 0;
  virtual bool remove_watchpoint(uint32_t id) = 0;  // false: no such watchpoint
  virtual std::vector<std::pair<uint32_t, Watchpoint>> watchpoints() const = 0;
  // After StopReason::Watchpoint: what stopped the run (cleared when the next run begins).
  virtual const std::optional<WatchHit>& watch_hit() const = 0;

  // Calls `observer` for every access of every instruction from now on (and every memory.grow),
  // however the session is run; an empty function stops it. Costs nothing when not set.
  virtual void observe_accesses(std::function<void(const AccessRecord&)> observer) = 0;

  // The effects of the last instruction executed (empty when none touched memory).
  virtual const StepEffects& last_effects() const = 0;
  virtual std::optional<CodeLocation> current() const = 0;  // next instruction, while stopped inside
  // Instructions executed since the session began (AccessRecord::step counts the same way).
  virtual uint64_t instructions_executed() const = 0;
  virtual std::vector<FrameInfo> call_stack() const = 0;
  virtual const std::vector<WasmValue>& results() const = 0;  // after Finished
  virtual const std::optional<TrapInfo>& trap() const = 0;     // after Trapped
  virtual Instance& instance() = 0;

  // --- Time travel (core/vm/history.h). record_history starts keeping the run's history from
  // now, in at most `budget_bytes` (the oldest goes first); 0 stops and forgets it. Recording costs
  // the run time (every write's old bytes are kept); a session that does not record pays nothing.
  virtual void record_history(uint64_t budget_bytes) = 0;
  virtual void set_history_budget(uint64_t budget_bytes) = 0;
  virtual std::optional<Timeline> timeline() const = 0;  // nullopt while not recording
  // Moves to the first instruction boundary at or after `step` of [first, last]: every memory,
  // global, table, frame and local as it was then. Host functions are not called again: their
  // recorded answers are. Returns Step, or Finished / Trapped when `step` is where the call ended.
  virtual Result<StopReason> travel_to(uint64_t step) = 0;
  // Back one instruction (the last boundary before now); an error at the start of the history.
  virtual Result<StopReason> step_back() = 0;
  // Back to the latest breakpoint or watchpoint hit before now (Breakpoint / Watchpoint, with
  // watch_hit() set); with none in the history, to its start (Step).
  virtual Result<StopReason> reverse_continue() = 0;
  // Something outside the run changed its state (a debugger's memory edit): the history cannot
  // undo that, so it starts again from now.
  virtual void restart_history() = 0;
};

}  // namespace mnemo
