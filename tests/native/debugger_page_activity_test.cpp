// tests/native/debugger_page_activity_test.cpp: the memory map's bookkeeping (web/ui/page_activity.h):
// which pages were touched, reads and writes per page as heat that halves every half-life of
// steps, accesses that span pages or lie past the memory, and grouping pages into map cells.
#include <gtest/gtest.h>

#include <cstdint>

#include "web/ui/page_activity.h"

namespace mnemo::ui {
namespace {

constexpr uint64_t P = kWasmPageSize;

TEST(PageActivity, AnAccessTouchesItsPageAndHeatsIt) {
  PageActivity a(/*half_life_steps=*/4);
  a.record_write(0x120, 16, /*pages=*/3, /*now=*/1);
  a.record_read(2 * P + 8, 4, 3, 1);
  const auto map = a.snapshot(3, 1);
  ASSERT_EQ(map.size(), 3u);
  EXPECT_TRUE(map[0].touched);
  EXPECT_DOUBLE_EQ(map[0].writes, 1);
  EXPECT_DOUBLE_EQ(map[0].reads, 0);
  EXPECT_FALSE(map[1].touched);
  EXPECT_DOUBLE_EQ(map[1].reads + map[1].writes, 0);
  EXPECT_TRUE(map[2].touched);
  EXPECT_DOUBLE_EQ(map[2].reads, 1);
  EXPECT_EQ(map[2].first_page, 2u);
}

TEST(PageActivity, HeatHalvesEveryHalfLifeAndAccessesAddUp) {
  PageActivity a(4);
  a.record_write(0, 4, 1, 10);
  a.record_write(0, 4, 1, 10);  // two writes in one step
  EXPECT_DOUBLE_EQ(a.snapshot(1, 10)[0].writes, 2);
  EXPECT_DOUBLE_EQ(a.snapshot(1, 14)[0].writes, 1);
  EXPECT_DOUBLE_EQ(a.snapshot(1, 18)[0].writes, 0.5);
  a.record_write(0, 4, 1, 18);  // aged to 0.5, then one more
  EXPECT_DOUBLE_EQ(a.snapshot(1, 18)[0].writes, 1.5);
  // Reads age the same way, apart from writes.
  PageActivity r(4);
  r.record_read(0, 1, 1, 10);
  r.record_read(0, 1, 1, 14);
  EXPECT_DOUBLE_EQ(r.snapshot(1, 14)[0].reads, 1.5);
  EXPECT_DOUBLE_EQ(r.snapshot(1, 18)[0].reads, 0.75);
  EXPECT_EQ(r.snapshot(1, 18)[0].writes, 0);
  // Long after, the page is cold but stays touched.
  const PageHeat old = a.snapshot(1, 18 + 4 * 40)[0];
  EXPECT_TRUE(old.touched);
  EXPECT_EQ(old.writes, 0);
}

TEST(PageActivity, RangesSpanPagesAndStopAtTheMemorysEnd) {
  PageActivity a;
  a.record_write(P - 2, 4, 4, 1);  // the last two bytes of page 0, the first two of page 1
  auto map = a.snapshot(4, 1);
  EXPECT_TRUE(map[0].touched);
  EXPECT_TRUE(map[1].touched);
  EXPECT_FALSE(map[2].touched);
  a.record_write(P, 3 * P, 2, 2);  // a fill longer than the memory: only its pages count
  map = a.snapshot(4, 2);
  EXPECT_GT(map[1].writes, 1);
  EXPECT_FALSE(map[2].touched);
  // An address no memory has, and sizes that would wrap past 2^64, change nothing and do not crash.
  a.record_read(UINT64_MAX - 1, 16, 4, 3);
  a.record_read(0, UINT64_MAX, 1, 3);
  EXPECT_EQ(a.snapshot(4, 3).size(), 4u);
  EXPECT_FALSE(a.snapshot(4, 3)[3].touched);
  EXPECT_DOUBLE_EQ(a.snapshot(4, 3)[0].reads, 1);
  // A zero-length access touches no byte.
  PageActivity empty;
  empty.record_write(0, 0, 1, 1);
  EXPECT_FALSE(empty.snapshot(1, 1)[0].touched);
}

TEST(PageActivity, MarkedPagesAreTouchedWithoutHeatAndClearForgetsAll) {
  PageActivity a;
  a.mark_touched(0x20, 16, 2);
  auto map = a.snapshot(2, 5);
  EXPECT_TRUE(map[0].touched);
  EXPECT_EQ(map[0].reads + map[0].writes, 0);
  EXPECT_FALSE(map[1].touched);
  a.clear();
  EXPECT_FALSE(a.snapshot(2, 5)[0].touched);
  // A memory that grew has more pages than were ever recorded: they are untouched.
  EXPECT_EQ(a.snapshot(7, 5).size(), 7u);
}

TEST(PageActivity, SummarizeGroupsPagesIntoCellsKeepingTheHottest) {
  std::vector<PageHeat> pages(10);
  for (uint64_t p = 0; p < pages.size(); ++p) pages[p].first_page = p;
  pages[3].touched = true;
  pages[3].writes = 2;
  pages[5].touched = true;
  pages[5].reads = 0.5;
  pages[9].reads = 3;
  const auto cells = summarize_pages(pages, 4);  // 3 pages a cell: 0-2, 3-5, 6-8, 9
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_FALSE(cells[0].touched);
  EXPECT_TRUE(cells[1].touched);
  EXPECT_EQ(cells[1].first_page, 3u);
  EXPECT_EQ(cells[1].page_count, 3u);
  EXPECT_DOUBLE_EQ(cells[1].writes, 2);
  EXPECT_DOUBLE_EQ(cells[1].reads, 0.5);
  EXPECT_EQ(cells[3].first_page, 9u);
  EXPECT_EQ(cells[3].page_count, 1u);
  EXPECT_DOUBLE_EQ(cells[3].reads, 3);
  EXPECT_EQ(summarize_pages(pages, 20).size(), 10u);  // room for every page: one each
  EXPECT_TRUE(summarize_pages(pages, 0).empty());
}

// A run's accesses, noted as it reports them: pages are touched at once, heat comes at settle() and
// is what recording the same accesses gives, up to the last kPending of them.
TEST(PageActivity, NotedAccessesTouchAtOnceAndHeatWhenSettled) {
  PageActivity noted(16), recorded(16);
  for (uint64_t step = 1; step <= 40; ++step) {
    noted.note(step % 3 == 0, (step % 2) * P + 4, 4, 2, step);
    if (step % 3 == 0) recorded.record_write((step % 2) * P + 4, 4, 2, step);
    else recorded.record_read((step % 2) * P + 4, 4, 2, step);
  }
  const auto before = noted.snapshot(2, 40);
  EXPECT_TRUE(before[0].touched && before[1].touched);
  EXPECT_EQ(before[0].reads + before[0].writes + before[1].reads + before[1].writes, 0.0);
  noted.settle();
  const auto a = noted.snapshot(2, 40), b = recorded.snapshot(2, 40);
  for (size_t p = 0; p < 2; ++p) {
    EXPECT_DOUBLE_EQ(a[p].reads, b[p].reads);
    EXPECT_DOUBLE_EQ(a[p].writes, b[p].writes);
  }
  noted.settle();  // nothing new: no change
  EXPECT_DOUBLE_EQ(noted.snapshot(2, 40)[1].reads, b[1].reads);
}

TEST(PageActivity, OnlyTheLastNotedAccessesHeatAndTheyAreTheOnesThatShow) {
  PageActivity a(16);
  const uint64_t n = PageActivity::kPending + 1000;
  a.note(true, 0, 4, 2, 1);  // page 0: one write, long before the last kPending accesses
  for (uint64_t step = 2; step <= n; ++step) a.note(false, P, 4, 2, step);
  a.settle();
  const auto map = a.snapshot(2, n);
  EXPECT_TRUE(map[0].touched);
  EXPECT_EQ(map[0].writes, 0.0);  // it would be 2^-(n/16): cold long ago
  // One read a step for kPending steps: the geometric sum, less than 1 / (1 - 2^(-1/16)).
  EXPECT_GT(map[1].reads, 22.0);
  EXPECT_LT(map[1].reads, 23.6);
}

}  // namespace
}  // namespace mnemo::ui
