// web/ui/engine_link.cpp: binds the debugger's LiveInstance to the runtime. This build has no
// interpreter in core/ yet (core/vm declares only the Session contract), so instantiation
// reports that plainly; everything above this file is written against the contract.
#include "web/ui/engine_link.h"

namespace mnemo::ui {

bool interpreter_available() { return false; }

Result<std::unique_ptr<LiveInstance>> instantiate(const Module&) {
  return Error{"", "running code needs the interpreter (core/vm), which this build does not include yet"};
}

}  // namespace mnemo::ui
