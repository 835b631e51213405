// core/jit/memory_bases.h: which memories a baseline compiler keeps the base of in a register.
// Only those whose accesses leave the bounds check to the guard pages: their base never moves,
// so a register can hold it from one access to the next; an explicitly checked access reads the
// memory's view (size and base) from the context anyway. Shared by every backend, so that they
// agree on which memory a function pins.
#pragma once

#include <cstdint>

#include "core/module.h"
#include "core/runtime/store.h"

namespace mnemo::jit {

// Whether accesses to memory `memory` of `inst` are bounds checked by its guard pages when the
// compile uses them at all (`guard_pages`).
inline bool bounds_by_guard_pages(const Instance& inst, bool guard_pages, uint32_t memory) {
  return guard_pages && inst.memories[memory]->guarded();
}

// The memory the body reaches most often among those whose bounds the guard pages check (the
// first of equals), or -1 when there is none: its base stays in a register throughout.
int32_t hottest_guarded_memory(const Instance& inst, bool guard_pages, const Expr& body);

}  // namespace mnemo::jit
