// core/jit/control_rules.h: what a baseline compiler decides at a branch and at a loop header
// that does not depend on the instruction set, so that the x86-64 and AArch64 compilers take the
// same decisions from one copy: whether a branch needs any code but its jump, and which locals
// and memory bases a loop starts with in registers. The backends emit the jumps themselves.
#pragma once

#include <cstdint>
#include <vector>

#include "core/jit/frame_labels.h"
#include "core/jit/loop_uses.h"
#include "core/jit/value_stack_policy.h"
#include "core/walk/body_walk.h"

namespace mnemo::jit {

// The state a branch to frame `l` leaves: taken from this arrival when it is the first.
template <typename Label>
const MergeState& branch_target(FrameLabels<Label>& l, const ValueStackPolicy& vs) {
  return l.arrival([&vs] { return vs.merge_target(); });
}

// Whether a branch to label `depth` from stack height `h` needs no code but the jump: not a
// return, the label's values already in their own slots, the locals and memory bases already
// where the label's merge state has them.
template <typename Label>
bool branch_is_bare(const BodyWalk& walk, ValueStackPolicy& vs, LabelStack<Label>& labels, uint32_t depth,
                    uint32_t h) {
  const WalkFrame& f = walk.label(depth);
  if (depth == walk.depth() - 1) return false;  // a return
  const uint32_t keep = f.label_slots();
  for (uint32_t k = 0; k < keep; ++k)
    if (h - keep != f.base || vs.at(f.base + k).kind != Loc::Slot) return false;
  return vs.already_in(branch_target(labels.at_depth(depth), vs));
}

// Loop headers: the locals a loop uses most, and the memories it reaches, go into registers
// before it starts. What the loop does not touch goes out of the registers first, so that its
// body has them, and its back edge does not bring back what the body had to evict. `uses` keeps
// its vectors for the next loop.
inline void preload_for_loop(LoopUses& uses, ValueStackPolicy& vs, const BodyWalk& walk, const Expr& body,
                             uint32_t loop_at, const Instance& inst, bool guard_pages,
                             const std::vector<uint32_t>& dead) {
  uses.count(body, loop_at, walk.local_slots(), inst, guard_pages, dead);
  for (uint32_t i = 0; i < uses.uses.size(); ++i)
    if (uses.uses[i] == 0 && walk.local_types()[i] != ValType::V128) vs.flush(walk.local_slots()[i]);
  vs.keep_only_bases(uses.memories);
  vs.preload(uses.by_use, uses.memories, 3, 3);
}

}  // namespace mnemo::jit
