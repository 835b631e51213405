// core/vm/interp.cpp: the normal run of the dispatch loop (core/vm/interp_loop.h), and the
// description of how it was built.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/vm/interp_loop.h"

namespace mnemo::vm {

template RunStatus execute<LoopHooks::None>(Thread&, DebugControl*);

uint64_t op_word(VmOp op) {
#if MNEMO_VM_COMPUTED_GOTO
  // Asked once, of the normal loop itself: label addresses exist only inside the function.
  static const std::array<uint64_t, size_t(VmOp::Count_)> words = [] {
    Thread t(4, 1);
    t.wants_handlers = true;
    execute<LoopHooks::None>(t, nullptr);
    std::array<uint64_t, size_t(VmOp::Count_)> w{};
    for (size_t i = 0; i < w.size(); ++i) {
      const uint64_t address = uint64_t(reinterpret_cast<uintptr_t>(t.handlers[i]));
      if (address >> (64 - kHandlerShift)) {  // no 64-bit host this project builds for maps code this high
        std::fprintf(stderr, "mnemo: the interpreter's code lies above 2^48 (%#llx): no room for direct threading\n",
                     static_cast<unsigned long long>(address));
        std::abort();
      }
      w[i] = address << kHandlerShift | i;
    }
    return w;
  }();
  return words[size_t(op)];
#else
  return uint64_t(op);
#endif
}

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
