// core/vm/interp_debug.cpp: the debugger's instantiation of the dispatch loop
// (core/vm/interp_loop.h), with a stop check before each op and its memory effects recorded and
// reported. Left out when the build has no debug hooks (CMake option MNEMO_VM_DEBUG_HOOKS=OFF).
#ifndef MNEMO_VM_NO_DEBUG_HOOKS
#include "core/vm/interp_loop.h"

namespace mnemo::vm {

template RunStatus execute<LoopHooks::Debug>(Thread&, DebugControl*);

}  // namespace mnemo::vm
#endif
