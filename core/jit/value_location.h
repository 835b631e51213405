// core/jit/value_location.h: where a baseline compiler's value is while it compiles a body, in
// terms every backend shares: in its frame slot, in a register of one of the two register files
// (general, floating / vector), or a constant not yet materialized. A register is only a number
// here; which numbers exist, and what moves between them cost, is the backend's business
// (core/jit/x64/value_stack.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/module.h"

namespace mnemo::jit {

// 16 bytes, the flags before the constant: small enough to pass and copy in two registers (the
// compiler copies one for nearly every instruction it compiles).
struct Loc {
  enum Kind : uint8_t { Slot, Gpr, Fpr, Const };
  Kind kind = Slot;
  uint8_t reg = 0;             // the backend's number of a general (Gpr) or float (Fpr) register
  ValType type = ValType::I64; // how many bits matter (I32 / F32: the low 32)
  bool synced = false;         // a local in a register whose slot holds the same value
  // In a merge state: the local's value is not needed there (every path from it writes the local
  // before reading it), so arrivals leave it wherever it is.
  bool dead = false;
  uint64_t bits = 0;           // Const
  bool in_register() const { return kind == Gpr || kind == Fpr; }
};
static_assert(sizeof(Loc) == 16);

// A control-flow merge point's state: where each local is (in its slot, or alone in a
// register, with `synced` when every arrival must leave its slot in step too), which memory
// bases are in which registers; every operand is in its slot.
struct MergeState {
  std::vector<Loc> locals;      // by local slot
  std::vector<int8_t> bases;    // by memory index: a register, or -1
};

// Registers the instruction being compiled holds on to: never chosen to be spilled. A bit per
// register number: room for 32 in each file.
struct Pins {
  uint32_t gprs = 0;
  uint32_t fprs = 0;
  void pin(const Loc& l) {
    if (l.kind == Loc::Gpr) gprs |= 1u << l.reg;
    if (l.kind == Loc::Fpr) fprs |= 1u << l.reg;
  }
};

}  // namespace mnemo::jit
