// web/ui/page_activity.cpp: per-page touched flags and decaying read/write heat (page_activity.h).
// Decay is applied lazily: a page keeps its heat as of the step it was last accessed and is aged
// when accessed again or read out, so a step costs only the pages it touches, not every page.
#include "web/ui/page_activity.h"

#include <algorithm>
#include <cmath>

namespace mnemo::ui {

PageActivity::PageActivity(double half_life_steps) : half_life_(half_life_steps > 0 ? half_life_steps : 1) {}

double PageActivity::decay(uint64_t steps) const { return std::exp2(-double(steps) / half_life_); }

void PageActivity::record(Kind kind, uint64_t address, uint64_t size, uint64_t pages, uint64_t now) {
  if (size == 0) return;  // a zero-length copy or fill touches no byte
  const uint64_t first = address / kWasmPageSize;
  if (first >= pages) return;
  // Pages past the first that the range reaches, computed without address + size, which may
  // wrap past 2^64 for an address no memory has.
  const uint64_t offset = address % kWasmPageSize;
  const uint64_t extra = (size - 1) / kWasmPageSize + (offset + (size - 1) % kWasmPageSize) / kWasmPageSize;
  const uint64_t last = extra >= pages - first ? pages - 1 : first + extra;
  if (pages_.size() <= last) pages_.resize(last + 1);
  for (uint64_t p = first; p <= last; ++p) {
    Page& page = pages_[p];
    page.touched = true;
    if (kind == Kind::None) continue;
    if (page.reads != 0 || page.writes != 0) {
      const double f = decay(now >= page.at ? now - page.at : 0);
      page.reads *= f;
      page.writes *= f;
    }
    page.at = now;
    (kind == Kind::Read ? page.reads : page.writes) += 1;
  }
}

void PageActivity::record_read(uint64_t address, uint64_t size, uint64_t pages, uint64_t now) {
  record(Kind::Read, address, size, pages, now);
}

void PageActivity::record_write(uint64_t address, uint64_t size, uint64_t pages, uint64_t now) {
  record(Kind::Write, address, size, pages, now);
}

void PageActivity::mark_touched(uint64_t address, uint64_t size, uint64_t pages) {
  record(Kind::None, address, size, pages, 0);
}

void PageActivity::note(bool write, uint64_t address, uint64_t size, uint64_t pages, uint64_t now) {
  record(Kind::None, address, size, pages, 0);
  if (size == 0) return;
  if (pending_.empty()) pending_.resize(kPending);
  pending_[pending_next_++ % kPending] = {address, size, pages, now, write};
}

void PageActivity::settle() {
  const size_t count = std::min(pending_next_, kPending);
  for (size_t i = pending_next_ - count; i < pending_next_; ++i) {  // oldest first
    const Pending& p = pending_[i % kPending];
    record(p.write ? Kind::Write : Kind::Read, p.address, p.size, p.pages, p.now);
  }
  pending_next_ = 0;
}

void PageActivity::clear() {
  pages_.clear();
  pending_next_ = 0;
}

std::vector<PageHeat> PageActivity::snapshot(uint64_t pages, uint64_t now) const {
  std::vector<PageHeat> out(pages);
  for (uint64_t p = 0; p < pages; ++p) {
    out[p].first_page = p;
    if (p >= pages_.size()) continue;
    const Page& page = pages_[p];
    out[p].touched = page.touched;
    if (page.reads == 0 && page.writes == 0) continue;
    const double f = decay(now >= page.at ? now - page.at : 0);
    out[p].reads = page.reads * f >= kColdHeat ? page.reads * f : 0;
    out[p].writes = page.writes * f >= kColdHeat ? page.writes * f : 0;
  }
  return out;
}

std::vector<PageHeat> summarize_pages(const std::vector<PageHeat>& pages, uint64_t cells) {
  if (cells == 0 || pages.empty()) return {};
  const uint64_t per_cell = (pages.size() + cells - 1) / cells;
  std::vector<PageHeat> out;
  for (uint64_t start = 0; start < pages.size(); start += per_cell) {
    PageHeat cell;
    cell.first_page = pages[start].first_page;
    cell.page_count = std::min<uint64_t>(per_cell, pages.size() - start);
    for (uint64_t p = start; p < start + cell.page_count; ++p) {
      cell.touched = cell.touched || pages[p].touched;
      cell.reads = std::max(cell.reads, pages[p].reads);
      cell.writes = std::max(cell.writes, pages[p].writes);
    }
    out.push_back(cell);
  }
  return out;
}

}  // namespace mnemo::ui
