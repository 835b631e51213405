// core/jit/next_use.h: how soon the body needs a value again, the measure by which a baseline
// compiler's register allocation chooses what to evict when every register is taken (the value
// needed last goes first). Architecture-neutral: it reads the WebAssembly body only.
#pragma once

#include <cstdint>
#include <vector>

#include "core/module.h"

namespace mnemo::jit {

// How many instructions ahead the body next needs a local's value (by its slot) or a memory's
// base; kNotSoon when not within the compiler's look-ahead (or when the local is next written:
// its value is dead). Registers whose values are needed last are evicted first.
class NextUse {
 public:
  static constexpr uint32_t kNotSoon = 1u << 20;
  virtual uint32_t local(uint32_t local_slot) const = 0;
  virtual uint32_t memory(uint32_t memory) const = 0;

 protected:
  ~NextUse() = default;
};

// NextUse by scanning the body forward from the instruction being compiled, at most kLookAhead
// instructions: far enough to rank a loop body's values, short enough that a spill in a long
// straight-line body costs a bounded scan. The compiler moves it along with at().
class BodyLookAhead final : public NextUse {
 public:
  static constexpr uint32_t kLookAhead = 128;

  // `local_slots`: each local's first slot; the locals take the slots below `locals_end`.
  BodyLookAhead(const Expr& body, const std::vector<uint32_t>& local_slots, uint32_t locals_end);

  void at(uint32_t instr) { instr_ = instr; }  // the instruction being compiled
  uint32_t local(uint32_t local_slot) const override;
  uint32_t memory(uint32_t memory) const override;

 private:
  const Expr& body_;
  std::vector<int32_t> local_at_slot_;  // the local whose first slot it is, or -1
  uint32_t instr_ = 0;
};

}  // namespace mnemo::jit
