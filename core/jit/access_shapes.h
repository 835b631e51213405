// core/jit/access_shapes.h: how many bytes a scalar load or store moves, which type a load leaves
// and how it extends, by opcode, for every backend's load() and store().
#pragma once

#include <cstdint>

#include "core/module.h"

namespace mnemo::jit {

struct LoadShape {
  uint32_t size = 0;  // 0: not a scalar load
  ValType type = ValType::I32;
  bool sign_extends = false;  // a narrow load into a wider integer: sign- (else zero-) extended
};

inline LoadShape load_shape(Opcode op) {
  switch (op) {
    case Opcode::I32Load: return {4, ValType::I32};
    case Opcode::F32Load: return {4, ValType::F32};
    case Opcode::F64Load: return {8, ValType::F64};
    case Opcode::I64Load: return {8, ValType::I64};
    case Opcode::I32Load8S: return {1, ValType::I32, true};
    case Opcode::I32Load8U: return {1, ValType::I32};
    case Opcode::I32Load16S: return {2, ValType::I32, true};
    case Opcode::I32Load16U: return {2, ValType::I32};
    case Opcode::I64Load8S: return {1, ValType::I64, true};
    case Opcode::I64Load8U: return {1, ValType::I64};
    case Opcode::I64Load16S: return {2, ValType::I64, true};
    case Opcode::I64Load16U: return {2, ValType::I64};
    case Opcode::I64Load32S: return {4, ValType::I64, true};
    case Opcode::I64Load32U: return {4, ValType::I64};
    default: return {};
  }
}

// The bytes a scalar store writes; 0 for any other instruction.
inline uint32_t store_size(Opcode op) {
  switch (op) {
    case Opcode::I32Store:
    case Opcode::F32Store:
    case Opcode::I64Store32: return 4;
    case Opcode::I64Store:
    case Opcode::F64Store: return 8;
    case Opcode::I32Store8:
    case Opcode::I64Store8: return 1;
    case Opcode::I32Store16:
    case Opcode::I64Store16: return 2;
    default: return 0;
  }
}

}  // namespace mnemo::jit
