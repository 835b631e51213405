// core/vm/interp.cpp: the normal run of the dispatch loop (core/vm/interp_loop.h), and the
// description of how it was built.
#include <string>

#include "core/vm/interp_loop.h"

namespace mnemo::vm {

template RunStatus execute<LoopHooks::None>(Thread&, DebugControl*);

const char* build_description() {
#if MNEMO_VM_SIMD
  static const std::string text = std::string("v128 on ") + simd::kActiveKind +
#else
  static const std::string text = std::string("no v128") +
#endif
                                  (MNEMO_VM_COMPUTED_GOTO ? ", computed-goto dispatch" : ", switch dispatch");
  return text.c_str();
}

}  // namespace mnemo::vm
