// core/vm/debug_loop_choice.cpp: execute_debug, the choice between the debug loop that reports
// accesses (core/vm/interp_debug.cpp) and the quiet one (core/vm/interp_debug_quiet.cpp).
//
// It lives apart from both on purpose: in a file that sees the loop's definition, the compiler
// instantiates the loops it calls there and may inline them into this function. clang did so under
// Emscripten, making one function of both loops, twice the size, that V8 then ran 1.18x slower
// than either loop alone (node 20, mm_loadstore in a debug session).
#ifndef MNEMO_VM_NO_DEBUG_HOOKS
#include "core/vm/debug.h"
#include "core/vm/thread.h"

namespace mnemo::vm {

RunStatus execute_debug(Thread& t, DebugControl& debug) {
#if MNEMO_VM_QUIET_DEBUG_LOOP
  if (!debug.observing) {
    debug.observed_from_now = false;
    const RunStatus status = execute<LoopHooks::DebugQuiet>(t, &debug);
    if (!(status == RunStatus::Stopped && debug.observed_from_now)) return status;
    debug.observed_from_now = false;  // stopped before an op it had not begun: go on from there
  }
#endif
  return execute<LoopHooks::Debug>(t, &debug);
}

}  // namespace mnemo::vm
#endif
