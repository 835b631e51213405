// core/jit/opcode_rows.h: a compiler's tables of rows by opcode (an instruction, and what the
// backend emits for it: an ALU operation, a condition, ...), with an index made at compile time,
// so that finding an instruction's row is one load, not a scan of every row of every table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "core/opcodes.h"

namespace mnemo::jit {

// Which row of `rows` (each with an Opcode `op`) an opcode has, if any.
template <typename Row, size_t N>
class RowIndex {
 public:
  constexpr explicit RowIndex(const Row (&rows)[N]) : rows_(rows) {
    for (int16_t& k : row_of_) k = -1;
    for (size_t k = 0; k < N; ++k) row_of_[static_cast<uint16_t>(rows[k].op)] = int16_t(k);
  }
  const Row* find(Opcode op) const {
    const int16_t k = row_of_[static_cast<uint16_t>(op)];
    return k < 0 ? nullptr : &rows_[k];
  }

 private:
  const Row (&rows_)[N];
  int16_t row_of_[std::size(kOpcodeInfo)] = {};
};

}  // namespace mnemo::jit
