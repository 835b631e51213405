// core/vm/session.h: a debuggable run of one call, the API the web debugger, the native debugger
// and the JS bindings are built on. Execution is resumable: run() returns after a step, at a
// breakpoint, on pause, on a trap or when the call finishes, and can be resumed, so a browser
// frame loop can drive it without blocking.
//
// Positions and traps are the engine-neutral ones of core/runtime/trap_info.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
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
};

// One operand-stack frame of the call stack, innermost last.
struct FrameInfo {
  CodeLocation at;                 // the next instruction to execute in this frame
  std::vector<WasmValue> locals;   // parameters first
  std::vector<WasmValue> operands; // the frame's operand stack, bottom first
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

  // The effects of the last instruction executed (empty when none touched memory).
  virtual const StepEffects& last_effects() const = 0;
  virtual std::optional<CodeLocation> current() const = 0;  // next instruction, while stopped inside
  virtual std::vector<FrameInfo> call_stack() const = 0;
  virtual const std::vector<WasmValue>& results() const = 0;  // after Finished
  virtual const std::optional<TrapInfo>& trap() const = 0;     // after Trapped
  virtual Instance& instance() = 0;
};

}  // namespace mnemo
