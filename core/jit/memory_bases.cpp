// core/jit/memory_bases.cpp: see memory_bases.h.
#include "core/jit/memory_bases.h"

#include <vector>

namespace mnemo::jit {

int32_t hottest_guarded_memory(const Instance& inst, bool guard_pages, const Expr& body) {
  if (!guard_pages) return -1;
  std::vector<uint32_t> accesses(inst.memories.size(), 0);
  for (const Instr& in : body)
    if (info(in.op).imm == ImmKind::MemArg && inst.memories[in.mem.memory]->guarded()) ++accesses[in.mem.memory];
  uint32_t hot = 0;
  for (uint32_t m = 1; m < accesses.size(); ++m)
    if (accesses[m] > accesses[hot]) hot = m;
  if (!accesses.empty() && accesses[hot] > 0) return int32_t(hot);
  return -1;
}

}  // namespace mnemo::jit
