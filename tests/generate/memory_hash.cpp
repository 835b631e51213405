// tests/generate/memory_hash.cpp: see memory_hash.h.
#include "tests/generate/memory_hash.h"

#include <cstring>

namespace mnemo::gen {

uint64_t memory_hash(const uint8_t* data, uint64_t size) {
  uint64_t h = kHashBasis;
  for (uint64_t i = 0; i + 8 <= size; i += 8) {
    uint64_t word = 0;
    for (int b = 7; b >= 0; --b) word = (word << 8) | data[i + uint64_t(b)];  // little-endian on any host
    h = (h ^ word) * kHashPrime;
  }
  return h ^ (size / 65536);
}

Function memory_hash_function(uint32_t type_index, uint32_t memory) {
  // locals: 0 = word index, 1 = hash, 2 = word count
  Function f;
  f.type = type_index;
  f.locals = {ValType::I32, ValType::I64, ValType::I32};
  Expr& e = f.body;
  auto op = [&](Opcode o) -> Instr& {
    e.emplace_back();
    e.back().op = o;
    return e.back();
  };
  op(Opcode::I64Const).bits = kHashBasis;
  op(Opcode::LocalSet).index = 1;
  op(Opcode::MemorySize).mem.memory = memory;
  op(Opcode::I32Const).bits = 13;  // pages * 8192 words
  op(Opcode::I32Shl);
  op(Opcode::LocalSet).index = 2;
  op(Opcode::Block);
  op(Opcode::LocalGet).index = 2;
  op(Opcode::I32Eqz);
  op(Opcode::BrIf).index = 0;
  op(Opcode::Loop);
  op(Opcode::LocalGet).index = 1;
  op(Opcode::LocalGet).index = 0;
  op(Opcode::I32Const).bits = 3;
  op(Opcode::I32Shl);
  Instr& load = op(Opcode::I64Load);
  load.mem.memory = memory;
  load.mem.align = 3;
  op(Opcode::I64Xor);
  op(Opcode::I64Const).bits = kHashPrime;
  op(Opcode::I64Mul);
  op(Opcode::LocalSet).index = 1;
  op(Opcode::LocalGet).index = 0;
  op(Opcode::I32Const).bits = 1;
  op(Opcode::I32Add);
  op(Opcode::LocalTee).index = 0;
  op(Opcode::LocalGet).index = 2;
  op(Opcode::I32Ne);
  op(Opcode::BrIf).index = 0;
  op(Opcode::End);
  op(Opcode::End);
  op(Opcode::LocalGet).index = 1;
  op(Opcode::MemorySize).mem.memory = memory;
  op(Opcode::I64ExtendI32U);
  op(Opcode::I64Xor);
  op(Opcode::End);
  return f;
}

}  // namespace mnemo::gen
