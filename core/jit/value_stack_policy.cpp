// core/jit/value_stack_policy.cpp: the value stack's bookkeeping and policy (see
// value_stack_policy.h).
#include "core/jit/value_stack_policy.h"

#include <algorithm>

namespace mnemo::jit {

ValueStackPolicy::ValueStackPolicy(const std::vector<ValType>& local_types,
                                   const std::vector<uint32_t>& local_slots, uint32_t locals_end, size_t memories)
    : locs_(locals_end), local_starts_(local_slots), locals_end_(locals_end), bases_(memories, -1) {
  std::fill(std::begin(base_in_), std::end(base_in_), int8_t(-1));
  for (size_t i = 0; i < local_types.size(); ++i) {
    locs_[local_slots[i]].type = local_types[i];
    if (local_types[i] == ValType::V128) locs_[local_slots[i] + 1].type = ValType::V128;
  }
}

bool ValueStackPolicy::sole_owner(uint32_t s) {
  const Loc& l = at(s);
  if (l.kind == Loc::Gpr) return gpr_uses_[l.reg] == 1;
  if (l.kind == Loc::Fpr) return fpr_uses_[l.reg] == 1;
  return false;
}

// The victim when every register is taken: the one whose value the body needs last (NextUse),
// preferring, among equals, a local in step with its slot (nothing to write); operands only when
// nothing else is left, the deepest first.
uint32_t ValueStackPolicy::eviction_cost(Loc::Kind kind, uint8_t reg) const {
  bool operand = false, unsynced = false;
  uint32_t top = 0, soonest = NextUse::kNotSoon;
  for (uint32_t s = 0; s < locs_.size(); ++s) {
    const Loc& l = locs_[s];
    if (l.kind != kind || l.reg != reg) continue;
    top = s;
    if (!is_local(s)) operand = true;
    else if (!l.synced) unsynced = true;
    if (is_local(s) && next_) soonest = std::min(soonest, next_->local(s));
  }
  // Operands last (the code about to run wants them), the deepest first among them.
  if (operand) return 1u << 30 | std::min<uint32_t>(top, 0xffffff);
  if (kind == Loc::Gpr && base_in_[reg] >= 0 && next_) soonest = next_->memory(uint32_t(base_in_[reg]));
  // Locals and bases: needed last first; then one whose slot is in step (nothing to store).
  return (NextUse::kNotSoon - std::min(soonest, NextUse::kNotSoon)) << 2 | (unsynced ? 2 : 0);
}

void ValueStackPolicy::forget_bases() {
  const int8_t pinned = pinned_memory_ >= 0 ? bases_[pinned_memory_] : -1;
  std::fill(bases_.begin(), bases_.end(), int8_t(-1));
  std::fill(std::begin(base_in_), std::end(base_in_), int8_t(-1));
  if (pinned >= 0) {
    bases_[pinned_memory_] = pinned;
    base_in_[pinned] = pinned_memory_;
  }
}

void ValueStackPolicy::keep_only_bases(const std::vector<uint32_t>& memories) {
  for (size_t m = 0; m < bases_.size(); ++m) {
    if (bases_[m] < 0 || int8_t(m) == pinned_memory_) continue;
    if (std::find(memories.begin(), memories.end(), uint32_t(m)) != memories.end()) continue;
    base_in_[uint8_t(bases_[m])] = -1;
    bases_[m] = -1;
  }
}

MergeState ValueStackPolicy::snapshot() const {
  MergeState state;
  state.locals.assign(locs_.begin(), locs_.begin() + locals_end_);
  for (Loc& l : state.locals) l.synced = false;  // every arrival must agree: assume none is in step
  state.bases = bases_;
  return state;
}

MergeState ValueStackPolicy::exact() const {
  MergeState state;
  state.locals.assign(locs_.begin(), locs_.begin() + locals_end_);
  state.bases = bases_;
  return state;
}

MergeState ValueStackPolicy::merge_target() const {
  MergeState state = exact();
  uint32_t claimed_gprs = 0, claimed_fprs = 0;
  for (uint32_t s : local_starts_) {
    Loc& l = state.locals[s];
    const bool shared = (l.kind == Loc::Gpr && (claimed_gprs >> l.reg & 1)) ||
                        (l.kind == Loc::Fpr && (claimed_fprs >> l.reg & 1));
    if (l.kind == Loc::Const || shared) l = Loc{Loc::Slot, 0, l.type};
    if (l.kind == Loc::Gpr) claimed_gprs |= 1u << l.reg;
    if (l.kind == Loc::Fpr) claimed_fprs |= 1u << l.reg;
  }
  return state;
}

bool ValueStackPolicy::already_in(const MergeState& target) {
  for (uint32_t s : local_starts_) {
    const Loc& want = target.locals[s];
    const Loc& now = locs_[s];
    if (want.dead) continue;
    if (now.kind != Loc::Slot && !now.synced && (want.kind == Loc::Slot || want.synced)) return false;
    if (want.in_register() && (now.kind != want.kind || now.reg != want.reg)) return false;
  }
  for (size_t m = 0; m < target.bases.size(); ++m)
    if (target.bases[m] >= 0 && bases_[m] != target.bases[m]) return false;
  return true;
}

void ValueStackPolicy::adopt(const MergeState& target) {
  for (uint32_t s = 0; s < locals_end_; ++s) {
    Loc l = target.locals[s];
    l.dead = false;
    set(s, l);
  }
  for (uint32_t s = locals_end_; s < locs_.size(); ++s)
    if (locs_[s].kind != Loc::Slot) set_slot(s, locs_[s].type);  // most are: no need to touch them
  forget_bases();
  bases_ = target.bases;
  for (size_t m = 0; m < bases_.size(); ++m)
    if (bases_[m] >= 0) base_in_[uint8_t(bases_[m])] = int8_t(m);
}

uint8_t ValueStackPolicy::to_register(uint32_t s, Loc::Kind kind, const Pins& pins) {
  const Loc l = at(s);
  if (l.kind == kind) return l.reg;
  Pins keep = pins;
  keep.pin(l);
  const uint8_t r = take_register(kind, keep);
  emit_copy(kind, r, s);
  set(s, Loc{kind, r, l.type, l.kind == Loc::Slot || l.synced});  // a slot's value stays in step
  return r;
}

uint8_t ValueStackPolicy::base_register_of(uint32_t memory, const Pins& pins) {
  if (bases_[memory] >= 0) return uint8_t(bases_[memory]);
  const uint8_t r = take_register(Loc::Gpr, pins);
  emit_load_base(r, memory);
  hold_base(memory, r);
  return r;
}

void ValueStackPolicy::pin_base_register(uint32_t memory, uint8_t reg) {
  pinned_memory_ = int8_t(memory);
  emit_load_base(reg, memory);
  hold_base(memory, reg);
}

void ValueStackPolicy::reload_pinned_base() {
  if (pinned_memory_ >= 0) emit_load_base(uint8_t(bases_[pinned_memory_]), uint32_t(pinned_memory_));
}

void ValueStackPolicy::spill(Loc::Kind kind, uint8_t reg) {
  for (uint32_t s = 0; s < locs_.size(); ++s) {
    const Loc& l = locs_[s];
    if (l.kind != kind || l.reg != reg) continue;
    if (!(is_local(s) && l.synced)) emit_store(s, s);
    set_slot(s, l.type);
  }
}

void ValueStackPolicy::flush(uint32_t s) {
  const Loc l = at(s);
  if (l.kind == Loc::Slot) return;
  if (!(is_local(s) && l.synced)) emit_store(s, s);
  set_slot(s, l.type);
}

void ValueStackPolicy::flush_all(uint32_t height) {
  for (uint32_t s = 0; s < height; ++s) flush(s);
  forget_bases();
}

void ValueStackPolicy::flush_operands(uint32_t height) {
  for (uint32_t s = locals_end_; s < height; ++s) flush(s);
}

void ValueStackPolicy::settle_for_loop(uint32_t height) {
  flush_operands(height);
  uint32_t claimed_gprs = 0, claimed_fprs = 0;
  for (uint32_t s : local_starts_) {
    const Loc l = locs_[s];
    const Loc::Kind kind = l.type == ValType::F32 || l.type == ValType::F64 ? Loc::Fpr : Loc::Gpr;
    if (l.kind == Loc::Const) {
      if (free_registers(kind) > 0) {
        const uint8_t r = take_register(kind, {});
        emit_copy(kind, r, s);
        set(s, Loc{kind, r, l.type});
      } else {
        flush(s);
      }
    } else if (l.kind == Loc::Gpr && (claimed_gprs >> l.reg & 1)) {
      flush(s);  // a register two locals share stays with the first
    } else if (l.kind == Loc::Fpr && (claimed_fprs >> l.reg & 1)) {
      flush(s);
    }
    const Loc& now = locs_[s];
    if (now.kind == Loc::Gpr) claimed_gprs |= 1u << now.reg;
    if (now.kind == Loc::Fpr) claimed_fprs |= 1u << now.reg;
  }
}

void ValueStackPolicy::preload(const std::vector<uint32_t>& locals_by_use, const std::vector<uint32_t>& memories,
                               uint32_t spare_gprs, uint32_t spare_fprs) {
  for (uint32_t m : memories)
    if (bases_[m] < 0 && free_registers(Loc::Gpr) > spare_gprs) base_register_of(m, {});
  for (uint32_t s : locals_by_use) {
    const Loc l = at(s);
    if (l.kind != Loc::Slot || l.type == ValType::V128) continue;
    if (l.type == ValType::F32 || l.type == ValType::F64) {
      if (free_registers(Loc::Fpr) > spare_fprs) to_register(s, Loc::Fpr, {});
    } else if (free_registers(Loc::Gpr) > spare_gprs) {
      to_register(s, Loc::Gpr, {});
    }
  }
}

void ValueStackPolicy::store_values(uint32_t from, uint32_t to, uint32_t count) {
  for (uint32_t k = 0; k < count; ++k) {
    if (from + k == to + k && at(from + k).kind == Loc::Slot) continue;
    emit_store(to + k, from + k);
  }
}

void ValueStackPolicy::results_in_slots(const BodyWalk& walk, uint32_t from) {
  uint32_t s = walk.height();
  for (size_t k = 0; s > from; ++k) {
    const ValType t = walk.operand(k);
    s -= walk_slots(t);
    set_slot(s, t);
    if (t == ValType::V128) set_slot(s + 1, t);
  }
}

void ValueStackPolicy::assign_local(uint32_t s, ValType t, uint32_t v) {
  const Loc now = at(s);
  const Loc val = at(v);
  const bool floating = t == ValType::F32 || t == ValType::F64;
  const bool keep_register = now.in_register() && sole_owner(s) && (now.kind == Loc::Fpr) == floating;
  if (keep_register && !(val.in_register() && val.kind == now.kind && val.reg == now.reg)) {
    emit_copy(now.kind, now.reg, v);
    Loc l = now;
    l.synced = false;
    l.type = t;
    set(s, l);
    return;
  }
  if (val.kind == Loc::Slot) to_register(v, floating ? Loc::Fpr : Loc::Gpr, {});  // in the operand's slot, not the local's
  Loc l = at(v);
  l.synced = false;
  l.type = t;
  set(s, l);
}

void ValueStackPolicy::conform(const MergeState& target) {
  // 1. Locals the merge wants in their slots: written while every register still holds what it
  //    holds here.
  for (uint32_t s : local_starts_) {
    const Loc& now = locs_[s];
    const Loc& want = target.locals[s];
    if (want.dead) continue;
    if ((want.kind == Loc::Slot || want.synced) && now.kind != Loc::Slot && !now.synced) emit_store(s, s);
  }
  // 2. Register to register, as a parallel move (core/jit/parallel_move.h), cycles broken through
  //    the backend's scratch registers.
  std::vector<RegisterMove> moves;
  for (uint32_t s : local_starts_) {
    const Loc& want = target.locals[s];
    const Loc& now = locs_[s];
    if (!want.in_register() || !now.in_register()) continue;
    if (want.kind == now.kind && want.reg == now.reg) continue;
    moves.push_back({want.kind, want.reg, now.kind, now.reg, now.type});
  }
  emit_parallel_moves(
      moves, [this](const RegisterMove& m) { emit_move(m); },
      [this](Loc::Kind kind, uint8_t src) { return emit_park(kind, src); });
  // 3. Locals the merge wants in registers that are in their slots or constants here.
  for (uint32_t s : local_starts_) {
    const Loc& want = target.locals[s];
    const Loc& now = locs_[s];
    if (!want.in_register() || now.in_register()) continue;
    emit_copy(want.kind, want.reg, s);
  }
  // 4. Memory bases.
  for (size_t m = 0; m < target.bases.size(); ++m)
    if (target.bases[m] >= 0 && bases_[m] != target.bases[m]) emit_load_base(uint8_t(target.bases[m]), uint32_t(m));
}

}  // namespace mnemo::jit
