// tests/generate/table_ops.cpp: the table instructions of a generated body, on table 0 (the one
// call_indirect goes through): table.get / set / size / grow / fill / copy / init and elem.drop,
// with indices at and past the end so both successes and table traps occur. Only leaf functions
// (no call_indirect of their own) ever enter the table, so rewriting it cannot make a cycle.
#include "tests/generate/function_builder.h"

namespace mnemo::gen {

namespace {
using O = Opcode;
}  // namespace

void FunctionBuilder::funcref_value() {
  std::vector<uint32_t> leaves;
  for (uint32_t f = 0; f < plan_.funcs.size(); ++f)
    if (plan_.funcs[f].in_table) leaves.push_back(f);
  if (leaves.empty() || rng_.chance(25)) {
    emit(O::RefNull).ref_type = ValType::FuncRef;
  } else {
    emit(O::RefFunc).index = rng_.pick(leaves);
  }
}

void FunctionBuilder::table_index(int depth) {
  // Mostly inside the table as generated; sometimes at its end or past it (it may have grown).
  const uint32_t size = uint32_t(plan_.table.size());
  const uint32_t form = rng_.below(10);
  if (form < 8) return i32_const(rng_.below(size));
  if (form < 9) {
    emit(O::TableSize).index = 0;
    i32_const(rng_.range(0, 1));
    emit(O::I32Sub);
    return;
  }
  value(ValType::I32, depth);
}

void FunctionBuilder::table_i32_value(int depth) {
  if (plan_.table.empty()) return constant(ValType::I32);
  switch (rng_.below(3)) {
    case 0:
      emit(O::TableSize).index = 0;
      return;
    case 1:
      funcref_value();
      i32_const(rng_.chance(80) ? rng_.range(0, 2) : 0xFFFFFFFFu);
      emit(O::TableGrow).index = 0;
      return;
    default:
      table_index(depth);
      emit(O::TableGet).index = 0;
      emit(O::RefIsNull);
      return;
  }
}

void FunctionBuilder::table_statement(int depth) {
  if (plan_.table.empty()) return;
  switch (rng_.below(5)) {
    case 0:
      table_index(depth);
      funcref_value();
      emit(O::TableSet).index = 0;
      return;
    case 1:
      table_index(depth);
      funcref_value();
      i32_const(rng_.range(0, 2));
      emit(O::TableFill).index = 0;
      return;
    case 2: {
      table_index(depth);
      table_index(depth);
      i32_const(rng_.range(0, 2));
      Instr& c = emit(O::TableCopy);
      c.index = 0;
      c.index2 = 0;
      return;
    }
    default: {
      if (!plan_.passive_elem) return;
      if (rng_.chance(10)) {
        emit(O::ElemDrop).index = *plan_.passive_elem;
        return;
      }
      table_index(depth);
      const uint32_t seg_size = plan_.passive_elem_size;
      const uint32_t src = rng_.range(0, seg_size);
      i32_const(src);
      i32_const(rng_.chance(85) ? rng_.range(0, seg_size - src) : seg_size + 1);
      Instr& i = emit(O::TableInit);
      i.index = *plan_.passive_elem;
      i.index2 = 0;
      return;
    }
  }
}

}  // namespace mnemo::gen
