// core/vm/interp_debug.cpp: the debugger's instantiation of the dispatch loop
// (core/vm/interp_loop.h), with a stop check before each op and its memory effects recorded and
// reported, and the choice between it and the quiet one (core/vm/interp_debug_quiet.cpp).
// Left out when the build has no debug hooks (CMake option MNEMO_VM_DEBUG_HOOKS=OFF).
#ifndef MNEMO_VM_NO_DEBUG_HOOKS
#include "core/vm/interp_loop.h"

namespace mnemo::vm {

template RunStatus execute<LoopHooks::Debug>(Thread&, DebugControl*);

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
