// core/runtime/limits.cpp: the default limits.
#include "core/runtime/limits.h"

#include <cstdio>

#include "core/runtime/host_pages.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten/heap.h>
#endif

namespace mnemo {

StoreLimits StoreLimits::defaults() {
  StoreLimits l;
  l.max_memory_bytes = default_memory_budget();
  return l;
}

uint64_t default_memory_budget() {
#if defined(__EMSCRIPTEN__)
  // The guests' memories share the engine's own heap, which can grow only to its maximum.
  const uint64_t heap_max = emscripten_get_heap_max(), heap_now = emscripten_get_heap_size();
  return heap_max > heap_now ? heap_max - heap_now : 0;
#else
  const uint64_t bytes = host_pages::physical_bytes();
  return bytes ? bytes : uint64_t(4) << 30;
#endif
}

std::string format_bytes(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  char buffer[64];
  if (bytes < 1024) {
    std::snprintf(buffer, sizeof buffer, "%llu bytes", static_cast<unsigned long long>(bytes));
    return buffer;
  }
  double value = double(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 5) {
    value /= 1024;
    ++unit;
  }
  if (value == double(uint64_t(value)))
    std::snprintf(buffer, sizeof buffer, "%llu %s", static_cast<unsigned long long>(value), kUnits[unit]);
  else  // rounded: the exact count follows, so that two sizes that print alike can be told apart
    std::snprintf(buffer, sizeof buffer, "%.1f %s (%llu bytes)", value, kUnits[unit],
                  static_cast<unsigned long long>(bytes));
  return buffer;
}

}  // namespace mnemo
