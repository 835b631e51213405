// core/jit/value_stack_policy.h: the register-allocation policy of a baseline compiler's value
// stack, apart from the code it emits. For every slot of the frame (locals, then operands) it
// knows where the value is (core/jit/value_location.h), how many locations name each register,
// which memory base each register holds; it decides which register is evicted first (the one
// whose value the body needs last, core/jit/next_use.h) and what a control-flow merge agrees on
// (merge states). It also drives what every backend does the same way at calls, loop headers and
// merges (flushing, settling, preloading, conforming to a merge state), through a few emit
// functions the backend supplies. The backend's value stack (core/jit/x64/value_stack.h,
// core/jit/arm64/value_stack.h) derives from it and adds its registers, their order, and the
// loads, stores and moves that carry the decisions out.
//
// Registers are numbers below kRegisters in each file (general, float); a register's use count is
// the number of locations naming it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/jit/next_use.h"
#include "core/jit/parallel_move.h"
#include "core/jit/value_location.h"
#include "core/module.h"
#include "core/walk/body_walk.h"

namespace mnemo::jit {

class ValueStackPolicy {
 public:
  static constexpr uint32_t kRegisters = 32;  // per file: room for AArch64's

  // `local_types` by local, `local_slots` their first slots, the locals below `locals_end`;
  // `memories` of the instance, each of whose base may be held in a general register.
  ValueStackPolicy(const std::vector<ValType>& local_types, const std::vector<uint32_t>& local_slots,
                   uint32_t locals_end, size_t memories);

  Loc at(uint32_t s) { grow(s); return locs_[s]; }
  uint32_t locals_end() const { return locals_end_; }

  // Puts `l` at slot `s`, releasing what was there.
  void set(uint32_t s, Loc l) {
    grow(s);
    use(locs_[s], -1);
    if (!is_local(s)) l.synced = false;
    locs_[s] = l;
    use(l, +1);
  }
  void set_slot(uint32_t s, ValType t) { set(s, Loc{Loc::Slot, 0, t}); }
  void set_const(uint32_t s, uint64_t bits, ValType t) { set(s, Loc{Loc::Const, 0, t, false, false, bits}); }

  void set_next_use(const NextUse* next) { next_ = next; }  // kept: it must outlive the stack
  bool sole_owner(uint32_t s);  // slot s names a register no other location names
  uint32_t uses(const Loc& l) const {  // how many locations name l's register (0: not in one)
    return l.kind == Loc::Gpr ? gpr_uses_[l.reg] : l.kind == Loc::Fpr ? fpr_uses_[l.reg] : 0;
  }

  int8_t base_register(uint32_t memory) const { return bases_[memory]; }  // -1: not in one
  // Bases in registers are dropped (before calls): all but the pinned one.
  void forget_bases();
  // Drops the bases of every memory but `memories` (and the pinned one).
  void keep_only_bases(const std::vector<uint32_t>& memories);

  // The state here, exactly (an if's start, where its else begins again).
  MergeState exact() const;
  // The state a loop's header keeps (after the backend settled it): as here, with no local
  // assumed in step with its slot, since every arrival must agree.
  MergeState snapshot() const;
  // The merge state a first arrival sets for a block's end: the state here, with locals that
  // are constants or share a register with an earlier local in their slots.
  MergeState merge_target() const;
  // Whether the moves to `target` would be none.
  bool already_in(const MergeState& target);
  // Takes `target` as the state here (after a merge point, or an unconditional branch's end),
  // every operand in its slot.
  void adopt(const MergeState& target);

  // --- drivers over the backend's emit functions (below) ------------------------------------------
  // Writes slot `s`'s value to its slot in memory; its location becomes the slot.
  void flush(uint32_t s);
  // Everything into its slot (before a call): locals not in step with their slots are written.
  void flush_all(uint32_t height);
  // The operands in [locals_end, height) into their slots.
  void flush_operands(uint32_t height);
  // Makes the state here one a loop header can keep (snapshot() then takes it): operands flushed,
  // constants materialized (in a free register when there is one), registers shared by locals
  // split.
  void settle_for_loop(uint32_t height);
  // Loads locals (most used first) and memory bases into free registers, keeping `spare` of each
  // kind free: a loop's header, so that its body starts with them in registers.
  // `locals_by_use` are local slots.
  void preload(const std::vector<uint32_t>& locals_by_use, const std::vector<uint32_t>& memories,
               uint32_t spare_gprs, uint32_t spare_fprs);
  // The function's most used memory keeps its base in general register `reg` throughout: loaded
  // here, never evicted, kept by every merge state; reload_pinned_base() after what may clobber
  // `reg` (calls into compiled code, which use every register).
  void pin_base_register(uint32_t memory, uint8_t reg);
  void reload_pinned_base();
  // A branch's values, at slots [from, from + count), into the slots [to, to + count) in memory,
  // where every merge point wants them. Ascending: `to` is at or below `from`, so a slot is read
  // before anything is written over it. The locations are left as they were.
  void store_values(uint32_t from, uint32_t to, uint32_t count);
  // The results an instruction left from slot `from` up (the walk's operands) are in their slots.
  void results_in_slots(const BodyWalk& walk, uint32_t from);
  // local.set / tee: the value at slot v becomes the local at slot s, of type t. A local already
  // alone in a register keeps it (the value moves in), so that a loop's locals stay where its
  // header put them.
  void assign_local(uint32_t s, ValType t, uint32_t v);
  // Emits the moves from the state here to `target` (every operand below `height` already in its
  // slot; the label's values are moved by the caller first). The state here is left as it was:
  // for a conditional branch the fall-through goes on with it.
  void conform(const MergeState& target);

 protected:
  ~ValueStackPolicy() = default;  // never deleted through the base

  // --- what the backend emits for the drivers -------------------------------------------------
  // Slot `src`'s value (wherever it is) into the memory slot `dst`; src's location unchanged.
  virtual void emit_store(uint32_t dst, uint32_t src) = 0;
  // Slot `s`'s value into register `reg` of file `kind` (which nothing names); s unchanged.
  virtual void emit_copy(Loc::Kind kind, uint8_t reg, uint32_t s) = 0;
  // One register-to-register move of a merge, and parking a source of a cycle in the file's
  // scratch register (its number returned): core/jit/parallel_move.h.
  virtual void emit_move(const RegisterMove& m) = 0;
  virtual uint8_t emit_park(Loc::Kind kind, uint8_t reg) = 0;
  // Memory `memory`'s base into general register `reg`.
  virtual void emit_load_base(uint8_t reg, uint32_t memory) = 0;
  // A register of file `kind` nothing names, spilling a value if none is free (never a pinned one).
  virtual uint8_t take_register(Loc::Kind kind, const Pins& pins) = 0;
  // How many registers of file `kind` are free now (nothing names them, no base in them).
  virtual uint32_t free_registers(Loc::Kind kind) const = 0;

  // --- the backend's registers, in the order it takes them ------------------------------------
  // A general register of `order` that nothing names and holds no base (nor one of `pins`);
  // none free: the one cheapest to evict, emptied (never the pinned memory's base).
  template <typename R, size_t N>
  R take_gpr_in(const R (&order)[N], const Pins& pins) {
    for (R r : order)
      if (gpr_uses_[uint8_t(r)] == 0 && base_in_[uint8_t(r)] < 0 && !(pins.gprs >> uint8_t(r) & 1)) return r;
    int best = -1;
    uint32_t best_cost = UINT32_MAX;
    for (R r : order) {
      if (pins.gprs >> uint8_t(r) & 1) continue;
      if (pinned_memory_ >= 0 && bases_[pinned_memory_] == int8_t(r)) continue;
      const uint32_t cost = eviction_cost(Loc::Gpr, uint8_t(r));
      if (cost < best_cost) best_cost = cost, best = int(r);
    }
    if (base_in_[best] >= 0) drop_base_in(uint8_t(best));
    else spill(Loc::Gpr, uint8_t(best));
    return R(best);
  }
  // The same for the float / vector registers, which hold no bases.
  template <typename R, size_t N>
  R take_fpr_in(const R (&order)[N], const Pins& pins) {
    for (R r : order)
      if (fpr_uses_[uint8_t(r)] == 0 && !(pins.fprs >> uint8_t(r) & 1)) return r;
    int best = -1;
    uint32_t best_cost = UINT32_MAX;
    for (R r : order) {
      if (pins.fprs >> uint8_t(r) & 1) continue;
      const uint32_t cost = eviction_cost(Loc::Fpr, uint8_t(r));
      if (cost < best_cost) best_cost = cost, best = int(r);
    }
    spill(Loc::Fpr, uint8_t(best));
    return R(best);
  }
  template <typename R, size_t N>
  uint32_t free_gprs_in(const R (&order)[N]) const {
    uint32_t n = 0;
    for (R r : order) n += gpr_uses_[uint8_t(r)] == 0 && base_in_[uint8_t(r)] < 0;
    return n;
  }
  template <typename R, size_t N>
  uint32_t free_fprs_in(const R (&order)[N]) const {
    uint32_t n = 0;
    for (R r : order) n += fpr_uses_[uint8_t(r)] == 0;
    return n;
  }

  // Slot `s`'s value in a register of file `kind`, loaded there (and the slot's location changed
  // to it) unless it is in one already.
  uint8_t to_register(uint32_t s, Loc::Kind kind, const Pins& pins);
  // Memory `memory`'s base in a general register, loaded from the context if needed.
  uint8_t base_register_of(uint32_t memory, const Pins& pins);
  // Writes every location naming the register to its slot (a local whose slot is in step needs
  // no store) and frees it.
  void spill(Loc::Kind kind, uint8_t reg);

  void grow(uint32_t s) {
    if (s >= locs_.size()) locs_.resize(s + 1);
  }
  void use(const Loc& l, int delta) {
    if (l.kind == Loc::Gpr) gpr_uses_[l.reg] = uint8_t(gpr_uses_[l.reg] + delta);
    if (l.kind == Loc::Fpr) fpr_uses_[l.reg] = uint8_t(fpr_uses_[l.reg] + delta);
  }
  bool is_local(uint32_t s) const { return s < locals_end_; }
  // The victim's rank when every register of a file is taken: lower is evicted first.
  uint32_t eviction_cost(Loc::Kind kind, uint8_t reg) const;
  // General register `reg` holds memory `memory`'s base from here on.
  void hold_base(uint32_t memory, uint8_t reg) {
    bases_[memory] = int8_t(reg);
    base_in_[reg] = int8_t(memory);
  }
  // Whatever base general register `reg` holds is dropped (the register keeps its bits).
  void drop_base_in(uint8_t reg) {
    if (base_in_[reg] < 0) return;
    bases_[base_in_[reg]] = -1;
    base_in_[reg] = -1;
  }

  std::vector<Loc> locs_;
  std::vector<uint32_t> local_starts_;  // each local's first slot
  uint32_t locals_end_;
  uint8_t gpr_uses_[kRegisters] = {};
  uint8_t fpr_uses_[kRegisters] = {};
  std::vector<int8_t> bases_;           // by memory: the register holding its base, or -1
  int8_t pinned_memory_ = -1;           // the memory whose base stays in its register throughout
  const NextUse* next_ = nullptr;
  int8_t base_in_[kRegisters];          // by general register: the memory whose base it holds, or -1
};

}  // namespace mnemo::jit
