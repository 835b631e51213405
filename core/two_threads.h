// core/two_threads.h: run_both(first, second) runs two independent pieces of work, the second on
// a thread of its own where the host has a second core and threads, else after the first. The
// decoder and the validator split large modules so; each piece keeps its own result, and the
// caller combines them in a fixed order, so nothing observable depends on the timing.
#pragma once

#include <system_error>
#include <thread>
#include <utility>

namespace mnemo {

inline bool has_second_core() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  return false;
#else
  return std::thread::hardware_concurrency() >= 2;
#endif
}

template <class First, class Second>
void run_both(First&& first, Second&& second) {
  std::thread helper;
  if (has_second_core()) {
    try {
      helper = std::thread(std::forward<Second>(second));
    } catch (const std::system_error&) {
      // No thread to be had: the second piece runs after the first, below.
    }
  }
  first();
  if (helper.joinable()) {
    helper.join();
  } else {
    second();
  }
}

}  // namespace mnemo
