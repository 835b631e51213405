// web/ui/page_activity.h: the memory map's bookkeeping, with no drawing in it. For each 64 KiB
// page of one memory: whether anything ever touched it (a data segment, a read, a write, an
// edit), and how much it was read and written over recent steps, as heat that halves every
// `half_life` steps. The steps are the debugger's: the caller counts them and passes the count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mnemo::ui {

inline constexpr uint64_t kWasmPageSize = 65536;
// Heat below this is shown and reported as none: about 7 half-lives after a single access.
inline constexpr double kColdHeat = 0.01;

// One page (or, from summarize_pages, a run of pages) as the map shows it.
struct PageHeat {
  uint64_t first_page = 0;  // the page, or the first of the run
  uint64_t page_count = 1;
  bool touched = false;
  double reads = 0;   // accesses over recent steps, each weighing 1 when it happened
  double writes = 0;
};

class PageActivity {
 public:
  explicit PageActivity(double half_life_steps = 16);

  // An access of `size` bytes at `address` in step `now`: one read or write for every page the
  // range covers. Pages at or past `pages` (the memory's size now) are left out, so an address
  // no memory has cannot make the map grow.
  void record_read(uint64_t address, uint64_t size, uint64_t pages, uint64_t now);
  void record_write(uint64_t address, uint64_t size, uint64_t pages, uint64_t now);
  // Touched, with no heat: bytes placed by a data segment or an edit in the debugger.
  void mark_touched(uint64_t address, uint64_t size, uint64_t pages);
  // An access as a run reports it: its pages are touched at once, its heat waits for settle().
  // Heat halves every `half_life` steps, so of a long run only the last accesses can still show
  // (a single access is cold after about 7 half-lives); those are kept, the last kPending of
  // them, instead of aging every page at every access, which cost about a tenth of an observed
  // run's CPU time natively.
  void note(bool write, uint64_t address, uint64_t size, uint64_t pages, uint64_t now);
  void settle();  // the accesses noted since the last settle, as record_read / record_write
  static constexpr size_t kPending = 512;
  void clear();

  // Every page of a memory of `pages` pages as of step `now`, page 0 first.
  std::vector<PageHeat> snapshot(uint64_t pages, uint64_t now) const;

 private:
  struct Page {
    bool touched = false;
    double reads = 0, writes = 0;  // as of step `at`
    uint64_t at = 0;
  };
  enum class Kind : uint8_t { None, Read, Write };
  void record(Kind kind, uint64_t address, uint64_t size, uint64_t pages, uint64_t now);
  double decay(uint64_t steps) const;

  struct Pending {
    uint64_t address = 0, size = 0, pages = 0, now = 0;
    bool write = false;
  };

  double half_life_;
  std::vector<Page> pages_;  // grows to the highest page recorded
  // The last kPending noted accesses, a ring (allocated at the first: a module may have
  // thousands of memories it never touches); pending_next_ counts every note since the settle.
  std::vector<Pending> pending_;
  size_t pending_next_ = 0;
};

// Groups a snapshot into at most `cells` cells of equal runs of pages (the last may be shorter),
// for a map too small to give every page a cell: a cell is touched when any of its pages is, and
// takes the hottest page's reads and writes.
std::vector<PageHeat> summarize_pages(const std::vector<PageHeat>& pages, uint64_t cells);

}  // namespace mnemo::ui
