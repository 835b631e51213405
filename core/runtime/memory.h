// core/runtime/memory.h: a linear memory (spec 4.2.8) and where its bytes live.
//
// Placement policy, in order of preference (chosen once, when the memory is made):
// - Guarded: on 64-bit hosts with virtual memory, 8 GiB + 64 KiB of address space is reserved with
//   no access: the 4 GiB a 32-bit index can reach, then a guard region, so that any i32 address
//   plus any 32-bit offset plus the widest access lands inside the reservation. Pages become
//   accessible (committed) as the memory grows; the host backs them only when touched. The base
//   never moves, and an access past `size` faults instead of reading another object, so compiled
//   code may leave its bounds check to the hardware. At most kMaxGuarded such memories exist at once
//   in a process (16 TiB of the 128 TiB a Linux x86-64 process has), so that many stores with many
//   memories cannot exhaust the address space (Wasmtime met that wall with ~100 memories x ~100
//   instances).
// - Reserved: past that, or when a guarded reservation is refused, the declared maximum (4 GiB
//   when there is none) is reserved with no guard region, while the process's reservations stay
//   under kMaxReservedBytes. The base still never moves; compiled code must check bounds.
// - Mapped: past that, the accessible bytes alone, as zero pages of the host's that it backs when
//   touched; memory.grow may move them (`data` changes; Linux moves the page tables, not the bytes).
// - Heap: where the host has no virtual memory (Emscripten's 32-bit heap) or refuses every
//   mapping (the kernel's limit on mappings), the bytes live in the C heap, allocated and zeroed
//   as the memory grows; memory.grow may move them.
//
// The two caps can be lowered for a whole process through the environment (placement_policy()):
// under qemu-user, which keeps flags for every page of a reservation, one guarded reservation costs
// some 50 ms and 49 MB of the host's memory, so the arm64 tests run with none.
//
// Every byte a memory holds counts against its store's MemoryBudget (core/runtime/limits.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/module.h"
#include "core/result.h"
#include "core/runtime/context.h"

namespace mnemo {

// Bytes of linear memory a store may hold, and how many it holds now.
struct MemoryBudget {
  uint64_t limit = UINT64_MAX;
  uint64_t used = 0;
  // How many more bytes fit (0 when a lowered limit is already exceeded).
  uint64_t room() const { return used < limit ? limit - used : 0; }
};

// The MemoryView base (core/runtime/context.h) is what compiled code reads: `data` and `size`.
struct MemoryInstance : MemoryView {
  static constexpr uint64_t kPageSize = 65536;
  static constexpr uint64_t kMaxPages = 65536;  // 4 GiB, the 32-bit address space (spec limit)
  // Any i32 address (< 4 GiB) + any memarg offset (< 4 GiB) + 16 bytes lands below this.
  static constexpr uint64_t kGuardedReservation = (uint64_t(8) << 30) + kPageSize;
  static constexpr uint32_t kMaxGuarded = 2048;
  static constexpr uint64_t kMaxReservedBytes = uint64_t(32) << 40;

  enum class Placement : uint8_t { Guarded, Reserved, Mapped, Heap };

  // MemoryView::data moves on grow only when placement is Mapped or Heap; MemoryView::size is the
  // accessible bytes, a multiple of kPageSize.
  std::optional<uint64_t> max;  // pages
  Placement placement = Placement::Heap;
  uint64_t reserved = 0;          // Guarded / Reserved: address space at `data`; Mapped: mapped bytes
  MemoryBudget* budget = nullptr;  // null: no budget

  MemoryInstance() = default;
  MemoryInstance(const MemoryInstance&) = delete;
  MemoryInstance& operator=(const MemoryInstance&) = delete;
  ~MemoryInstance();

  // Places a new memory of `type` (see the policy above) and makes its initial pages accessible.
  // The error says what could not be had: the budget, or the host's memory.
  Result<void> init(const MemoryType& type, MemoryBudget* store_budget);

  uint64_t pages() const { return size / kPageSize; }
  MemoryType type() const { return MemoryType{Limits{pages(), max}}; }
  // Whether an access up to kGuardedReservation past `data` faults rather than touching memory
  // that belongs to something else.
  bool guarded() const { return placement == Placement::Guarded; }
  // memory.grow: the old size in pages, or -1 past the maximum, the 4 GiB limit, the budget, or
  // when the host cannot provide the bytes. New bytes are zero.
  int64_t grow(uint64_t delta_pages);

 private:
  bool place_reserved(uint64_t bytes, Placement placement);
  // Gives the bytes back to the host and the process-wide counts; leaves an empty Heap memory.
  void release_placement();
  bool make_accessible(uint64_t new_size);
};

// How many guarded memories, and how many bytes of reservations, a process may hold at once:
// MemoryInstance::kMaxGuarded and kMaxReservedBytes, or what the environment variables
// MNEMO_MAX_GUARDED_MEMORIES and MNEMO_MAX_RESERVED_BYTES say (read once).
struct PlacementPolicy {
  uint32_t max_guarded;
  uint64_t max_reserved_bytes;
};
const PlacementPolicy& placement_policy();

// Why `asked` more bytes do not fit in `budget`, in words, for errors.
std::string budget_message(uint64_t asked, const MemoryBudget& budget);

}  // namespace mnemo
