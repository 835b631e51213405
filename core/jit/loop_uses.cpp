// core/jit/loop_uses.cpp: see loop_uses.h.
#include "core/jit/loop_uses.h"

#include <algorithm>

#include "core/jit/memory_bases.h"

namespace mnemo::jit {

std::vector<uint32_t> written_before_read(const Expr& body, uint32_t loop_at, const std::vector<ValType>& local_types,
                                          const std::vector<uint32_t>& local_slots) {
  std::vector<uint8_t> seen(local_types.size(), 0);  // 1: read first, 2: written first
  std::vector<uint32_t> dead;
  for (uint32_t i = loop_at + 1; i < body.size(); ++i) {
    const Instr& in = body[i];
    const OpcodeInfo& inf = info(in.op);
    if (inf.imm == ImmKind::Block || in.op == Opcode::Else || in.op == Opcode::End || in.op == Opcode::Br ||
        in.op == Opcode::BrIf || in.op == Opcode::BrTable || in.op == Opcode::Return)
      break;
    if (in.op == Opcode::LocalGet && !seen[in.index]) seen[in.index] = 1;
    if ((in.op == Opcode::LocalSet || in.op == Opcode::LocalTee) && !seen[in.index]) {
      seen[in.index] = 2;
      if (local_types[in.index] != ValType::V128) dead.push_back(local_slots[in.index]);
    }
  }
  return dead;
}

void LoopUses::count(const Expr& body, uint32_t loop_at, const std::vector<uint32_t>& local_slots,
                     const Instance& inst, bool guard_pages, const std::vector<uint32_t>& dead) {
  uses.assign(local_slots.size(), 0);
  memories.clear();
  uint32_t depth = 0;
  for (uint32_t i = loop_at + 1; i < body.size(); ++i) {
    const Instr& in = body[i];
    if (in.op == Opcode::Block || in.op == Opcode::Loop || in.op == Opcode::If) ++depth;
    if (in.op == Opcode::End) {
      if (depth == 0) break;
      --depth;
    }
    if (in.op == Opcode::LocalGet || in.op == Opcode::LocalSet || in.op == Opcode::LocalTee) ++uses[in.index];
    if (info(in.op).imm == ImmKind::MemArg && bounds_by_guard_pages(inst, guard_pages, in.mem.memory) &&
        std::find(memories.begin(), memories.end(), in.mem.memory) == memories.end())
      memories.push_back(in.mem.memory);
  }
  // The local slots by uses, most first, equals in local order: a stable insertion sort (there
  // are few locals, and std::stable_sort would allocate).
  by_use.clear();
  for (uint32_t i = 0; i < uses.size(); ++i) {
    if (uses[i] == 0 || std::find(dead.begin(), dead.end(), local_slots[i]) != dead.end()) continue;
    size_t k = by_use.size();
    by_use.push_back(i);
    for (; k > 0 && uses[by_use[k - 1]] < uses[i]; --k) by_use[k] = by_use[k - 1];
    by_use[k] = i;
  }
  for (uint32_t& i : by_use) i = local_slots[i];
}

}  // namespace mnemo::jit
