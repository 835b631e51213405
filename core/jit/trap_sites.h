// core/jit/trap_sites.h: the out-of-line traps of a function being compiled. Each site records
// what the trap reports, as the interpreter would: which trap, at which instruction, and for a
// memory fault which memory, how many bytes and whether a read or a write (the address is in a
// register when the stub runs). The backend jumps to a site's label from where the trap is
// detected and emits one stub per site after the body; which register carries the address, and
// how the stub records the trap in the ThreadState (core/jit/thread_state.h), is its own.
#pragma once

#include <cstdint>
#include <deque>

#include "core/runtime/trap.h"
#include "core/runtime/trap_info.h"

namespace mnemo::jit {

template <typename Label>
struct TrapSite {
  Label label;
  TrapCode code = TrapCode::None;
  uint32_t instr = 0;
  bool fault = false;
  MemoryAccess::Kind kind = MemoryAccess::Kind::Read;
  uint32_t memory = 0;
  uint32_t size = 0;
  bool recorded = false;  // a call out recorded the trap's code (and fault): only the place is added
  // The explicit bounds check left the address plus the access's size in the address register:
  // the stub takes the size back off.
  bool address_past_access = false;
};

// A deque: jumps hold on to their sites' labels while more sites are added.
template <typename Label>
class TrapSites {
 public:
  using Site = TrapSite<Label>;

  // A trap of `code` at instruction `instr`.
  Site& trap(TrapCode code, uint32_t instr) {
    Site& t = sites_.emplace_back();
    t.code = code;
    t.instr = instr;
    return t;
  }
  // An out-of-bounds access of `size` bytes to `memory` at instruction `instr`.
  Site& fault(MemoryAccess::Kind kind, uint32_t memory, uint32_t size, uint32_t instr) {
    Site& t = trap(TrapCode::MemoryOutOfBounds, instr);
    t.fault = true;
    t.kind = kind;
    t.memory = memory;
    t.size = size;
    return t;
  }
  // A trap a call out recorded already (its code, and fault if any): the site adds the place.
  Site& recorded(uint32_t instr) {
    Site& t = trap(TrapCode::None, instr);
    t.recorded = true;
    return t;
  }

  auto begin() { return sites_.begin(); }
  auto end() { return sites_.end(); }

 private:
  std::deque<Site> sites_;
};

}  // namespace mnemo::jit
