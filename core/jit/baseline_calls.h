// core/jit/baseline_calls.h: calls in the shared baseline compiler (baseline_compiler.h includes
// this; nothing else does): which slots a call's arguments and results take, what goes to the
// slots first, and which runtime entry a table, segment or bulk memory instruction calls with
// which operands. The backend emits the calls themselves (call, call_through_table, bulk,
// memory_grow, memory_fill, memory_copy), its arguments in its own registers.
#pragma once

#include <cstdint>

#include "core/jit/baseline_compiler.h"

namespace mnemo::jit {

// call: every value to its slot, the callee entered, its results in their slots.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::call_instr(const Instr& in, uint32_t h0) {
  FuncInstance* f = inst_.funcs[in.index];
  vs_.flush_all(h0);
  self().call(in.index, h0 - f->param_slots);
  results_in_slots(h0 - f->param_slots);
}

// call_indirect: the engine finds the callee by the table index on top (the table's bounds,
// null and the type checked, a trap recorded otherwise); its arguments start at `base`.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::call_indirect(const Instr& in, uint32_t h0) {
  const FuncType& ft = inst_.module->types[in.index];
  uint32_t params = 0;
  for (ValType t : ft.params) params += walk_slots(t);
  const uint32_t base = h0 - 1 - params;
  vs_.flush_all(h0);
  self().call_through_table(in, h0 - 1, base);
  results_in_slots(base);
}

// The instructions the runtime does (tables, segments, memory.init / grow / fill / copy): every
// value to its slot first (memory bases dropped: a grow may move them), the call, the results
// in their slots. False for any other instruction.
template <typename Compiler, typename Isa>
bool BaselineCompiler<Compiler, Isa>::runtime_call(const Instr& in, uint32_t h0) {
  switch (in.op) {
    case Opcode::TableGet:
    case Opcode::TableSet:
    case Opcode::TableSize:
    case Opcode::TableGrow:
    case Opcode::TableFill:
    case Opcode::TableCopy:
    case Opcode::TableInit:
    case Opcode::ElemDrop:
    case Opcode::MemoryInit:
    case Opcode::DataDrop:
    case Opcode::MemoryGrow:
    case Opcode::MemoryFill:
    case Opcode::MemoryCopy: vs_.flush_all(h0); break;
    default: return false;
  }
  switch (in.op) {
    case Opcode::TableGet: self().bulk(in, h0 - 1, inst_.tables[in.index], nullptr); break;
    case Opcode::TableSet: self().bulk(in, h0 - 2, inst_.tables[in.index], nullptr); break;
    case Opcode::TableSize: self().bulk(in, h0, inst_.tables[in.index], nullptr); break;
    case Opcode::TableGrow: self().bulk(in, h0 - 2, inst_.tables[in.index], nullptr); break;
    case Opcode::TableFill: self().bulk(in, h0 - 3, inst_.tables[in.index], nullptr); break;
    case Opcode::TableCopy: self().bulk(in, h0 - 3, inst_.tables[in.index], inst_.tables[in.index2]); break;
    case Opcode::TableInit:
      self().bulk(in, h0 - 3, inst_.tables[in.index2], const_cast<ElemInstance*>(&inst_.elems[in.index]));
      break;
    case Opcode::ElemDrop: self().bulk(in, h0, const_cast<ElemInstance*>(&inst_.elems[in.index]), nullptr); break;
    case Opcode::MemoryInit:
      self().bulk(in, h0 - 3, inst_.memories[in.mem.memory], const_cast<DataInstance*>(&inst_.datas[in.index]));
      break;
    case Opcode::DataDrop: self().bulk(in, h0, const_cast<DataInstance*>(&inst_.datas[in.index]), nullptr); break;
    case Opcode::MemoryGrow: self().memory_grow(in, h0 - 1); break;
    case Opcode::MemoryFill: self().memory_fill(in, h0 - 3); break;
    case Opcode::MemoryCopy: self().memory_copy(in, h0 - 3); break;
    default: break;
  }
  results_in_slots(vs_.locals_end());
  return true;
}

}  // namespace mnemo::jit
