// tests/native/vm_thread_memory_test.cpp: the memory of a thread's slot stack and frames
// (core/vm/thread.h, ThreadMemory): all of it usable, kept for the next thread of its size, and
// where the host maps pages, a no-access page right after the end.
#include <gtest/gtest.h>

#include <cstdint>

#include "core/runtime/host_pages.h"
#include "core/vm/thread.h"

namespace mnemo {
namespace {

TEST(VmThreadMemory, EverySlotAndFrameIsWritable) {
  vm::Thread t(10'000, 300);
  for (uint64_t* p = t.stack_begin(); p != t.stack_end(); ++p) *p = uint64_t(p - t.stack_begin());
  for (uint32_t i = 0; i < t.max_frames(); ++i) t.frames()[i] = vm::Frame{nullptr, t.stack_begin() + i, nullptr};
  EXPECT_EQ(t.stack_end()[-1], 9'999u);
  EXPECT_EQ(t.frames()[299].fp, t.stack_begin() + 299);
  EXPECT_EQ(t.sp, t.stack_begin());
}

TEST(VmThreadMemory, SizesThatAreNoMultipleOfAPage) {
  for (uint32_t slots : {1u, 511u, 512u, 513u})
    for (uint32_t frames : {1u, 170u, 171u}) {
      vm::Thread t(slots, frames);
      t.stack_end()[-1] = 7;
      t.frames()[frames - 1].ret_ip = nullptr;
      EXPECT_EQ(t.stack_end() - t.stack_begin(), ptrdiff_t(slots));
    }
}

// A debugger makes a thread per call: the next thread of the same size takes the memory the last
// one left, instead of asking the host again.
TEST(VmThreadMemory, TheNextThreadOfTheSameSizeReusesTheMemory) {
  const uint64_t* stack = nullptr;
  const vm::Frame* frames = nullptr;
  {
    vm::Thread t(4'321, 123);
    stack = t.stack_begin();
    frames = t.frames();
  }
  vm::Thread again(4'321, 123);
  EXPECT_EQ(again.stack_begin(), stack);
  EXPECT_EQ(again.frames(), frames);
  again.stack_end()[-1] = 1;
  vm::Thread other(4'322, 124);  // other sizes: memory of their own
  EXPECT_NE(other.stack_begin(), stack);
  EXPECT_NE(other.frames(), frames);
}

// A write one page past the slot stack's last page lands on the guard page.
TEST(VmThreadMemoryDeathTest, WritingPastTheStacksPagesFaults) {
  if (!host_pages::available()) GTEST_SKIP() << "no host pages here: the stack is C-heap memory";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  vm::Thread t(512, 1);  // 4 KiB of slots: exactly one page where pages are 4 KiB
  const uint64_t page_slots = host_pages::page_size() / sizeof(uint64_t);
  volatile uint64_t* past = t.stack_begin() + (512 + page_slots - 1) / page_slots * page_slots;
  EXPECT_DEATH(*past = 1, "");
}

}  // namespace
}  // namespace mnemo
