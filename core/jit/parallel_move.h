// core/jit/parallel_move.h: the order of a merge's register-to-register moves. Every local the
// merge wants in another register moves at once, as it were; emitted one by one, a move may go
// once no move still to come reads its destination, and when only cycles are left (a to b, b to
// a), one source is parked in a scratch register of its file and the moves reading it read the
// scratch register instead. The order is the backend-neutral part; the moves themselves (which
// instruction copies between which files) and the scratch registers are the backend's.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/jit/value_location.h"

namespace mnemo::jit {

struct RegisterMove {
  Loc::Kind dst_kind;
  uint8_t dst;
  Loc::Kind src_kind;
  uint8_t src;
  ValType type;  // the value's, for moves between the files
};

// Emits `moves` (no two with the same destination) through `emit(const RegisterMove&)`;
// `park(kind, reg)` copies register `reg` of file `kind` into that file's scratch register and
// returns the scratch register's number. `moves` is consumed.
template <typename Emit, typename Park>
void emit_parallel_moves(std::vector<RegisterMove>& moves, Emit emit, Park park) {
  while (!moves.empty()) {
    bool progressed = false;
    for (size_t i = 0; i < moves.size(); ++i) {
      const RegisterMove m = moves[i];
      const bool read_later = std::any_of(moves.begin(), moves.end(), [&](const RegisterMove& o) {
        return &o != &moves[i] && o.src_kind == m.dst_kind && o.src == m.dst;
      });
      if (read_later) continue;
      emit(m);
      moves.erase(moves.begin() + long(i));
      progressed = true;
      break;
    }
    if (progressed) continue;
    const RegisterMove cyc = moves.front();
    const uint8_t scratch = park(cyc.src_kind, cyc.src);
    for (RegisterMove& o : moves)
      if (o.src_kind == cyc.src_kind && o.src == cyc.src) o.src = scratch;
  }
}

}  // namespace mnemo::jit
