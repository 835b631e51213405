// core/vm/trap_info.h: a recorded trap (TrapRecord) as the embedder's TrapInfo: the message, the
// (function, instruction) location, and for memory faults the memory index, address and size.
#pragma once

#include "core/vm/session.h"
#include "core/vm/thread.h"

namespace mnemo::vm {

TrapInfo trap_info(const TrapRecord& record);

}  // namespace mnemo::vm
