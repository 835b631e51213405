// core/jit/next_use.cpp: the body scans behind NextUse (see next_use.h).
#include "core/jit/next_use.h"

#include <algorithm>

namespace mnemo::jit {

BodyLookAhead::BodyLookAhead(const Expr& body, const std::vector<uint32_t>& local_slots, uint32_t locals_end)
    : body_(body), local_at_slot_(locals_end, -1) {
  for (uint32_t i = 0; i < local_slots.size(); ++i) local_at_slot_[local_slots[i]] = int32_t(i);
}

// A read first: that many instructions on. A write first (set or tee): the value held now is
// dead, as good as never needed.
uint32_t BodyLookAhead::local(uint32_t local_slot) const {
  const uint32_t index = uint32_t(local_at_slot_[local_slot]);
  const uint32_t end = std::min<uint32_t>(uint32_t(body_.size()), instr_ + 1 + kLookAhead);
  for (uint32_t i = instr_ + 1; i < end; ++i) {
    const Instr& in = body_[i];
    if (in.index != index) continue;
    if (in.op == Opcode::LocalGet) return i - instr_;
    if (in.op == Opcode::LocalSet || in.op == Opcode::LocalTee) return kNotSoon;
  }
  return kNotSoon;
}

uint32_t BodyLookAhead::memory(uint32_t memory) const {
  const uint32_t end = std::min<uint32_t>(uint32_t(body_.size()), instr_ + 1 + kLookAhead);
  for (uint32_t i = instr_ + 1; i < end; ++i)
    if (info(body_[i].op).imm == ImmKind::MemArg && body_[i].mem.memory == memory) return i - instr_;
  return kNotSoon;
}

}  // namespace mnemo::jit
