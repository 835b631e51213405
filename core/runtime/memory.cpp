// core/runtime/memory.cpp: placing linear memories and growing them (policy in memory.h).
#include "core/runtime/memory.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "core/runtime/host_pages.h"
#include "core/runtime/limits.h"

namespace mnemo {
namespace {

// Process-wide: reservations outlive no store, but many stores share one address space.
std::atomic<uint32_t> guarded_count{0};
std::atomic<uint64_t> reserved_bytes{0};

uint64_t round_up(uint64_t n, uint64_t to) { return (n + to - 1) / to * to; }

uint64_t from_environment(const char* name, uint64_t otherwise) {
  const char* text = std::getenv(name);
  if (!text || !*text) return otherwise;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(text, &end, 10);
  return *end == '\0' ? uint64_t(n) : otherwise;
}

bool take_guarded_slot() {
  uint32_t n = guarded_count.load(std::memory_order_relaxed);
  while (n < placement_policy().max_guarded)
    if (guarded_count.compare_exchange_weak(n, n + 1, std::memory_order_relaxed)) return true;
  return false;
}

bool take_reservation(uint64_t bytes) {
  uint64_t n = reserved_bytes.load(std::memory_order_relaxed);
  while (n + bytes <= placement_policy().max_reserved_bytes)
    if (reserved_bytes.compare_exchange_weak(n, n + bytes, std::memory_order_relaxed)) return true;
  return false;
}

}  // namespace

const PlacementPolicy& placement_policy() {
  static const PlacementPolicy policy{
      uint32_t(std::min<uint64_t>(from_environment("MNEMO_MAX_GUARDED_MEMORIES", MemoryInstance::kMaxGuarded),
                                  MemoryInstance::kMaxGuarded)),
      std::min(from_environment("MNEMO_MAX_RESERVED_BYTES", MemoryInstance::kMaxReservedBytes),
               MemoryInstance::kMaxReservedBytes)};
  return policy;
}

std::string budget_message(uint64_t asked, const MemoryBudget& budget) {
  return format_bytes(asked) + " more would bring the store's memories to " + format_bytes(budget.used + asked) +
         ", over its memory budget of " + format_bytes(budget.limit);
}

MemoryInstance::~MemoryInstance() {
  if (budget) budget->used -= size;
  release_placement();
}

void MemoryInstance::release_placement() {
  switch (placement) {
    case Placement::Guarded:
      host_pages::release(data, reserved);
      guarded_count.fetch_sub(1, std::memory_order_relaxed);
      break;
    case Placement::Reserved:
      host_pages::release(data, reserved);
      reserved_bytes.fetch_sub(reserved, std::memory_order_relaxed);
      break;
    case Placement::Mapped: host_pages::release(data, reserved); break;
    case Placement::Heap: std::free(data); break;
  }
  data = nullptr;
  reserved = 0;
  placement = Placement::Heap;
}

bool MemoryInstance::place_reserved(uint64_t bytes, Placement where) {
  uint8_t* base = host_pages::reserve(bytes);
  if (!base) return false;
  data = base;
  reserved = bytes;
  placement = where;
  return true;
}

Result<void> MemoryInstance::init(const MemoryType& type, MemoryBudget* store_budget) {
  const uint64_t min = type.limits.min;
  max = type.limits.max;
  if (min > kMaxPages) return Error{"", "memory size must be at most 65536 pages (4 GiB)"};
  const uint64_t bytes = min * kPageSize;
  if (store_budget && bytes > store_budget->room())
    return Error{"", std::to_string(min) + (min == 1 ? " page: " : " pages: ") + budget_message(bytes, *store_budget)};

  if (host_pages::available()) {
    if (take_guarded_slot() && !place_reserved(kGuardedReservation, Placement::Guarded))
      guarded_count.fetch_sub(1, std::memory_order_relaxed);
    if (!data) {
      const uint64_t span = round_up(std::min(max.value_or(kMaxPages), kMaxPages) * kPageSize, host_pages::page_size());
      if (span > 0 && take_reservation(span) && !place_reserved(span, Placement::Reserved))
        reserved_bytes.fetch_sub(span, std::memory_order_relaxed);
    }
    // A reservation whose pages cannot be committed (the kernel's mapping limit) is given back.
    if (data && !host_pages::commit(data, 0, bytes)) release_placement();
  }
  if (!data && bytes > 0 && host_pages::available()) {
    data = host_pages::map_zeroed(bytes);
    if (data) {
      placement = Placement::Mapped;
      reserved = bytes;
    }
  }
  if (!data && bytes > 0) {
    placement = Placement::Heap;
    if (bytes > SIZE_MAX) return Error{"", format_bytes(bytes) + " do not fit in this host's address space"};
    data = static_cast<uint8_t*>(std::calloc(1, size_t(bytes)));
    if (!data) return Error{"", "the host could not provide " + format_bytes(bytes)};
  }
  size = bytes;
  budget = store_budget;
  if (budget) budget->used += bytes;
  return {};
}

bool MemoryInstance::make_accessible(uint64_t new_size) {
  if (placement == Placement::Guarded || placement == Placement::Reserved)
    return new_size <= reserved && host_pages::commit(data, size, new_size);
  if (host_pages::available() && (placement == Placement::Mapped || !data)) {
    if (uint8_t* moved = host_pages::resize(data, reserved, new_size)) {
      data = moved;
      reserved = new_size;
      placement = Placement::Mapped;
      return true;
    }
    if (placement == Placement::Mapped) return false;
  }
  if (new_size > SIZE_MAX) return false;
  auto* grown = static_cast<uint8_t*>(std::realloc(data, size_t(new_size)));
  if (!grown) return false;
  std::memset(grown + size, 0, size_t(new_size - size));
  data = grown;
  return true;
}

int64_t MemoryInstance::grow(uint64_t delta_pages) {
  const uint64_t old_pages = pages();
  const uint64_t limit = max ? std::min(*max, kMaxPages) : kMaxPages;
  if (delta_pages > limit || old_pages + delta_pages > limit) return -1;
  if (delta_pages == 0) return int64_t(old_pages);
  const uint64_t added = delta_pages * kPageSize;
  if (budget && added > budget->room()) return -1;
  if (!make_accessible(size + added)) return -1;
  size += added;
  if (budget) budget->used += added;
  return int64_t(old_pages);
}

}  // namespace mnemo
