// core/jit/loop_uses.h: what a loop's body uses, read off the WebAssembly body at the loop's
// header, so that a baseline compiler can give the loop its registers before it starts: the
// locals it uses most and the memory bases it needs go into registers, what it does not touch
// leaves them, and locals whose value at the header is dead are not kept there at all.
// Architecture-neutral: the backend decides how many registers to fill (its value stack).
#pragma once

#include <cstdint>
#include <vector>

#include "core/module.h"
#include "core/runtime/store.h"

namespace mnemo::jit {

// The slots of the locals a loop's body (the loop at instruction `loop_at`) writes before it
// reads them in its straight-line start (before any control instruction, so on every path):
// their values at the header are dead, and neither the entry nor a back edge needs to keep them.
// v128 locals are left out (they live in their slots anyway).
std::vector<uint32_t> written_before_read(const Expr& body, uint32_t loop_at, const std::vector<ValType>& local_types,
                                          const std::vector<uint32_t>& local_slots);

// What the loop at instruction `loop_at` uses, up to its end. Kept by the compiler from one loop
// to the next, so that counting allocates nothing once the vectors have grown.
struct LoopUses {
  std::vector<uint32_t> uses;      // by local: its local.get / set / tee in the loop
  std::vector<uint32_t> memories;  // the memories with bases worth a register it reaches, first access first
  std::vector<uint32_t> by_use;    // the slots of the used locals not in `dead`, most used first

  // Counts the loop's uses; `dead` are local slots left out of `by_use` (written_before_read).
  // A memory's base is worth a register when the guard pages check its bounds
  // (core/jit/memory_bases.h).
  void count(const Expr& body, uint32_t loop_at, const std::vector<uint32_t>& local_slots, const Instance& inst,
             bool guard_pages, const std::vector<uint32_t>& dead);
};

}  // namespace mnemo::jit
