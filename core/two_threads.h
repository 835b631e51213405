// core/two_threads.h: run_both(first, second) runs two independent pieces of work, the second on
// a thread of its own where the host has a second core and threads, else after the first. The
// decoder, the validator and the JIT split large modules so; each piece keeps its own result, and
// the caller combines them in a fixed order, so nothing observable depends on the timing.
// What either piece throws (out of memory) is thrown to the caller, as on one thread.
#pragma once

#include <exception>
#include <system_error>
#include <thread>

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
  std::exception_ptr second_failed;  // thrown on the helper thread, rethrown here
  std::thread helper;
  if (has_second_core()) {
    try {
      helper = std::thread([&] {
        try {
          second();
        } catch (...) {
          second_failed = std::current_exception();
        }
      });
    } catch (const std::system_error&) {
      // No thread to be had: the second piece runs after the first, below.
    }
  }
  if (!helper.joinable()) {
    first();
    second();
    return;
  }
  try {
    first();
  } catch (...) {
    helper.join();
    throw;
  }
  helper.join();
  if (second_failed) std::rethrow_exception(second_failed);
}

}  // namespace mnemo
