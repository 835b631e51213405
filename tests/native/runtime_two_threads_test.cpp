// tests/native/runtime_two_threads_test.cpp: core/two_threads.h, which the decoder, the validator
// and the JIT use to split large modules. Both pieces run; what either throws reaches the caller,
// as it would on one thread, and never ends the process.
#include <gtest/gtest.h>

#include <atomic>
#include <new>
#include <stdexcept>

#include "core/two_threads.h"

namespace mnemo {
namespace {

TEST(TwoThreads, BothPiecesRun) {
  std::atomic<int> ran{0};
  run_both([&] { ran += 1; }, [&] { ran += 10; });
  EXPECT_EQ(ran.load(), 11);
}

TEST(TwoThreads, WhatTheSecondPieceThrowsReachesTheCaller) {
  bool first_ran = false;
  EXPECT_THROW(run_both([&] { first_ran = true; }, [] { throw std::bad_alloc(); }), std::bad_alloc);
  EXPECT_TRUE(first_ran);
}

TEST(TwoThreads, WhatTheFirstPieceThrowsReachesTheCaller) {
  EXPECT_THROW(run_both([] { throw std::runtime_error("first"); }, [] {}), std::runtime_error);
}

}  // namespace
}  // namespace mnemo
