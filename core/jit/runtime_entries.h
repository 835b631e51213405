// core/jit/runtime_entries.h: the host functions compiled code calls, whatever its architecture
// (all plain C calls, in the host's calling convention). The shared engine
// (core/jit/jit_engine.cpp) defines them; a backend's compiler loads their addresses as constants.
#pragma once

#include <cstdint>

#include "core/runtime/store.h"

namespace mnemo::jit {

struct RuntimeEntries {
  // Calls `func` (without machine code: a host function, or one the interpreter runs) with its
  // arguments at `slots`, results written back there. 0, or 1 after recording a trap in the
  // ThreadState.
  uint32_t (*call)(void* state, FuncEntry* func, uint64_t* slots) = nullptr;
  // call_indirect's callee: `table`'s element `index`, checked against interned type `type_id`;
  // null after recording the trap. Compiled code then calls it as any other.
  FuncEntry* (*call_indirect)(void* state, TableInstance* table, uint64_t type_id, uint64_t index) = nullptr;
  // memory.grow: *slot is the delta in pages, replaced by the result.
  void (*memory_grow)(MemoryInstance* memory, uint64_t* slot) = nullptr;
  // memory.fill / memory.copy on the three operands at `slots`; 0, or 1 after recording a fault.
  uint32_t (*memory_fill)(void* state, MemoryInstance* memory, uint64_t memory_index, uint64_t* slots) = nullptr;
  uint32_t (*memory_copy)(void* state, MemoryInstance* dst, MemoryInstance* src, uint64_t* slots,
                          uint64_t indices) = nullptr;
  // Tables, element and data segments: `op` is the Opcode (with memory.init's memory index in the
  // high half), `a` and `b` its table / segment / memory operands, `slots` its first operand,
  // where a result goes too. 0, or 1 after recording a trap.
  uint32_t (*bulk)(void* state, uint64_t op, void* a, void* b, uint64_t* slots) = nullptr;
};

}  // namespace mnemo::jit
