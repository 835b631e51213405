// core/jit/compile_functions.cpp: the functions of a module shared out between threads (see
// compile_functions.h).
#include "core/jit/compile_functions.h"

#include <algorithm>
#include <atomic>

#include "core/two_threads.h"

namespace mnemo::jit {
namespace {

// Below this many instructions in all, a second thread costs more to start than it saves
// (spec-test modules compile in microseconds).
constexpr size_t kInstructionsForTwoThreads = 20000;
// Functions are taken in runs of this many: few enough that the threads finish together, enough
// that they seldom touch the shared counter.
constexpr uint32_t kBatch = 8;

}  // namespace

std::vector<CompileResult> compile_functions(const Instance& instance, uint32_t first, unsigned threads,
                                             const CompileOne& compile) {
  const uint32_t end = uint32_t(instance.funcs.size());
  std::vector<CompileResult> results(end - first);
  std::atomic<uint32_t> next{first};
  auto work = [&] {
    std::vector<uint8_t> scratch;  // this thread's room to assemble in
    try {
      for (;;) {
        const uint32_t from = next.fetch_add(kBatch, std::memory_order_relaxed);
        if (from >= end) return;
        for (uint32_t i = from; i < std::min(end, from + kBatch); ++i) results[i - first] = compile(i, &scratch);
      }
    } catch (...) {
      next.store(end);  // the other thread stops taking functions too
      throw;
    }
  };
  size_t instructions = 0;
  for (uint32_t i = first; i < end; ++i) instructions += instance.funcs[i]->code->body.size();
  if (threads < 2 || instructions < kInstructionsForTwoThreads) {
    work();
  } else {
    run_both(work, work);  // one thread where the host has no second core
  }
  return results;
}

}  // namespace mnemo::jit
