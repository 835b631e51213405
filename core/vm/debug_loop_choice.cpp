// core/vm/debug_loop_choice.cpp: execute_debug, the choice between the debug loop that reports
// accesses (core/vm/interp_debug.cpp) and the quiet one (core/vm/interp_debug_quiet.cpp).
//
// Both loops are called through pointers read at run time, never directly. Emscripten's optimizer
// (binaryen's inlining pass, at -O2 and above) inlines every function that has a single caller,
// whatever its size and loops included, unless its address is taken: with direct calls it made
// one function of both loops here, twice the size, which V8 then ran 1.18x slower than either
// loop alone (node 20, mm_loadstore in a debug session). A volatile pointer keeps LLVM from
// turning the call back into a direct one, and its address keeps binaryen from inlining.
#ifndef MNEMO_VM_NO_DEBUG_HOOKS
#include "core/vm/debug.h"
#include "core/vm/thread.h"

namespace mnemo::vm {
namespace {

using Loop = RunStatus (*)(Thread&, DebugControl*);
Loop volatile debug_loop = &execute<LoopHooks::Debug>;
#if MNEMO_VM_QUIET_DEBUG_LOOP
Loop volatile quiet_debug_loop = &execute<LoopHooks::DebugQuiet>;
#endif

}  // namespace

RunStatus execute_debug(Thread& t, DebugControl& debug) {
  debug.lane_end = 0;  // the first op goes through the checks (the run's mode, budget, breakpoints)
#if MNEMO_VM_QUIET_DEBUG_LOOP
  if (!debug.observing) {
    debug.observed_from_now = false;
    const RunStatus status = quiet_debug_loop(t, &debug);
    if (!(status == RunStatus::Stopped && debug.observed_from_now)) return status;
    debug.observed_from_now = false;  // stopped before an op it had not begun: go on from there
  }
#endif
  return debug_loop(t, &debug);
}

}  // namespace mnemo::vm
#endif
