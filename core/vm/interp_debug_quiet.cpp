// core/vm/interp_debug_quiet.cpp: the debug loop for runs that nothing observes (no watchpoint,
// observer or history): the same stop checks and access records as core/vm/interp_debug.cpp,
// without the report's test and call in every memory handler. Under Emscripten, V8 ran the whole
// loop 1.17-1.25x slower for that never-taken call (bench/playground.mjs, the README's "The
// playground's full-speed run"); natively the difference is within the noise, so native builds
// leave this copy out (CMake option MNEMO_VM_QUIET_DEBUG_LOOP) and save its compile time.
#if !defined(MNEMO_VM_NO_DEBUG_HOOKS) && MNEMO_VM_QUIET_DEBUG_LOOP
#include "core/vm/interp_loop.h"

namespace mnemo::vm {

template RunStatus execute<LoopHooks::DebugQuiet>(Thread&, DebugControl*);

}  // namespace mnemo::vm
#endif
