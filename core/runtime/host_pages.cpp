// core/runtime/host_pages.cpp: mmap-based reservations where the host has them.
#include "core/runtime/host_pages.h"

#if (defined(__unix__) || defined(__APPLE__)) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#endif
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/sysinfo.h>
#endif

namespace mnemo::host_pages {

#if (defined(__unix__) || defined(__APPLE__)) && !defined(__EMSCRIPTEN__)

bool available() { return sizeof(void*) == 8; }  // 32-bit hosts have no address space to spare

uint64_t page_size() {
  static const uint64_t size = uint64_t(sysconf(_SC_PAGESIZE));
  return size;
}

uint8_t* reserve(uint64_t bytes) {
  // MAP_NORESERVE: the reservation is not charged against the host's commit limit, so a 4 GiB
  // memory the guest never touches costs nothing under Linux's default overcommit heuristics.
  int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_NORESERVE
  flags |= MAP_NORESERVE;
#endif
  void* p = mmap(nullptr, size_t(bytes), PROT_NONE, flags, -1, 0);
  return p == MAP_FAILED ? nullptr : static_cast<uint8_t*>(p);
}

bool commit(uint8_t* base, uint64_t from, uint64_t to) {
  if (to <= from) return true;
  return mprotect(base + from, size_t(to - from), PROT_READ | PROT_WRITE) == 0;
}

void release(uint8_t* base, uint64_t bytes) {
  if (base && bytes) munmap(base, size_t(bytes));
}

uint8_t* map_zeroed(uint64_t bytes) {
  void* p = mmap(nullptr, size_t(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? nullptr : static_cast<uint8_t*>(p);
}

uint8_t* resize(uint8_t* base, uint64_t old_bytes, uint64_t new_bytes) {
  if (!base || old_bytes == 0) return map_zeroed(new_bytes);
#if defined(__linux__)
  void* p = mremap(base, size_t(old_bytes), size_t(new_bytes), MREMAP_MAYMOVE);  // moves page tables, not bytes
  return p == MAP_FAILED ? nullptr : static_cast<uint8_t*>(p);
#else
  uint8_t* grown = map_zeroed(new_bytes);
  if (!grown) return nullptr;
  std::memcpy(grown, base, size_t(old_bytes));
  release(base, old_bytes);
  return grown;
#endif
}

#else

bool available() { return false; }
uint64_t page_size() { return 65536; }
uint8_t* reserve(uint64_t) { return nullptr; }
bool commit(uint8_t*, uint64_t, uint64_t) { return false; }
void release(uint8_t*, uint64_t) {}
uint8_t* map_zeroed(uint64_t) { return nullptr; }
uint8_t* resize(uint8_t*, uint64_t, uint64_t) { return nullptr; }

#endif

uint64_t physical_bytes() {
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
  struct sysinfo info {};
  if (sysinfo(&info) != 0) return 0;
  return (uint64_t(info.totalram) + uint64_t(info.totalswap)) * info.mem_unit;
#elif (defined(__unix__) || defined(__APPLE__)) && !defined(__EMSCRIPTEN__)
  const long pages = sysconf(_SC_PHYS_PAGES);
  return pages > 0 ? uint64_t(pages) * page_size() : 0;
#else
  return 0;
#endif
}

}  // namespace mnemo::host_pages
