// core/validate/validate_instr.cpp: the typing of each instruction (spec section 3.3, algorithm of
// section 7.3). Rows of core/opcodes.def with a fixed signature are typed from the table; the
// rows marked Spc are typed here by hand, one case per Opcode.
#include <vector>

#include "func_validator.h"

namespace mnemo::validate {

Status FuncValidator::instr(const Instr& in) {
  const OpcodeInfo& oi = info(in.op);
  if (oi.special()) {
    if (Status s = special(in); !s) return s;
  } else {
    if (oi.imm != ImmKind::None)
      if (Status s = immediates(in); !s) return s;
    for (uint32_t i = oi.param_count(); i-- > 0;) stack_.pop(to_valtype(oi.params[i]));
    if (oi.result != SigType::___) stack_.push(to_valtype(oi.result));
  }
  if (stack_.failed()) return error(in, stack_.error());
  return {};
}

Status FuncValidator::check_table(const Instr& in, uint32_t table) const {
  if (table >= c_.tables.size()) return error(in, unknown("table", table));
  return {};
}

Status FuncValidator::immediates(const Instr& in) {
  const OpcodeInfo& oi = info(in.op);
  const Site at = site(in);
  switch (oi.imm) {
    case ImmKind::MemArg:
      return check_memarg(c_, at, in.op, in.mem);
    case ImmKind::MemArgLane:
      if (Status s = check_memarg(c_, at, in.op, in.mem); !s) return s;
      // The lane count of a lane access is 16 bytes over the access width 2^align.
      if (in.lane >= (16u >> oi.align)) return error(in, "invalid lane index", "lane " + std::to_string(in.lane));
      return {};
    case ImmKind::Lane:
      if (in.lane >= (1u << oi.align)) return error(in, "invalid lane index", "lane " + std::to_string(in.lane));
      return {};
    case ImmKind::Shuffle:
      for (uint8_t lane : in.v128.bytes)
        if (lane >= 32) return error(in, "invalid lane index", "lane " + std::to_string(lane));
      return {};
    case ImmKind::Memory:
      return check_memory_index(c_, at, in.mem.memory);
    case ImmKind::MemoryCopy:
      if (Status s = check_memory_index(c_, at, in.mem.memory); !s) return s;  // destination
      return check_memory_index(c_, at, in.mem_src);                           // source
    case ImmKind::MemoryInit:
      if (Status s = check_memory_index(c_, at, in.mem.memory); !s) return s;
      if (in.index >= c_.module.datas.size()) return error(in, unknown("data segment", in.index));
      return {};
    case ImmKind::Data:
      if (in.index >= c_.module.datas.size()) return error(in, unknown("data segment", in.index));
      return {};
    case ImmKind::Table:
      return check_table(in, in.index);
    case ImmKind::TableCopy:
      if (Status s = check_table(in, in.index); !s) return s;
      if (Status s = check_table(in, in.index2); !s) return s;
      if (c_.tables[in.index].elem != c_.tables[in.index2].elem)
        return error(in, "type mismatch", "tables of different element types");
      return {};
    case ImmKind::TableInit:
      if (Status s = check_table(in, in.index2); !s) return s;
      if (in.index >= c_.module.elems.size()) return error(in, unknown("elem segment", in.index));
      if (c_.tables[in.index2].elem != c_.module.elems[in.index].type)
        return error(in, "type mismatch", "element segment type differs from the table's");
      return {};
    case ImmKind::Elem:
      if (in.index >= c_.module.elems.size()) return error(in, unknown("elem segment", in.index));
      return {};
    default:
      return {};
  }
}

Status FuncValidator::block_type(const Instr& in, std::span<const ValType>& params,
                                 std::span<const ValType>& results) const {
  params = {};
  results = {};
  switch (in.block.kind) {
    case BlockType::Kind::Empty:
      return {};
    case BlockType::Kind::Value:
      results = single(in.block.value);
      if (results.empty()) return error(in, "type mismatch", "invalid block value type");
      return {};
    case BlockType::Kind::TypeIndex:
      if (in.block.type_index >= c_.module.types.size()) return error(in, unknown("type", in.block.type_index));
      params = c_.module.types[in.block.type_index].params;
      results = c_.module.types[in.block.type_index].results;
      return {};
  }
  return {};
}

Status FuncValidator::br_table(const Instr& in) {
  if (in.labels.empty()) return error(in, "unknown label", "br_table without a default label");
  stack_.pop(ValType::I32);
  const uint32_t default_label = in.labels.back();
  const CtrlFrame* target = stack_.frame(default_label);
  if (!target) return error(in, unknown("label", default_label));
  const size_t arity = target->label_types().size();
  std::vector<ValType> popped;
  for (size_t i = 0; i + 1 < in.labels.size(); ++i) {
    const uint32_t label = in.labels[i];
    if (i > 0 && label == in.labels[i - 1]) continue;  // same target, same check
    const CtrlFrame* f = stack_.frame(label);
    if (!f) return error(in, unknown("label", label));
    std::span<const ValType> types = f->label_types();
    if (types.size() != arity) return error(in, "type mismatch", "br_table targets of different arity");
    // Each target must accept the operands; in unreachable code they may be typed differently.
    popped.assign(types.size(), kUnknown);
    for (size_t k = types.size(); k-- > 0;) popped[k] = stack_.pop(types[k]);
    stack_.push(popped);
    if (stack_.failed()) return error(in, stack_.error());
  }
  stack_.pop(target->label_types());
  stack_.mark_unreachable();
  return {};
}

Status FuncValidator::special(const Instr& in) {
  switch (in.op) {
    case Opcode::Unreachable:
      stack_.mark_unreachable();
      return {};
    case Opcode::Nop:
      return {};
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If: {
      std::span<const ValType> params, results;
      if (Status s = block_type(in, params, results); !s) return s;
      if (in.op == Opcode::If) stack_.pop(ValType::I32);
      stack_.pop(params);
      stack_.push_ctrl(in.op, params, results);
      return {};
    }
    case Opcode::Else: {
      CtrlFrame frame = stack_.pop_ctrl();
      if (stack_.failed()) return error(in, stack_.error());
      if (frame.opcode != Opcode::If) return error(in, "else without matching if");
      stack_.push_ctrl(Opcode::Else, frame.start_types, frame.end_types);
      return {};
    }
    case Opcode::End: {
      CtrlFrame frame = stack_.pop_ctrl();
      if (stack_.failed()) return error(in, stack_.error());
      if (frame.opcode == Opcode::If) {
        // An if without else has an empty else branch, which must map start_types to end_types.
        stack_.push_ctrl(Opcode::Else, frame.start_types, frame.end_types);
        stack_.pop_ctrl();
      }
      stack_.push(frame.end_types);
      return {};
    }
    case Opcode::Br: {
      const CtrlFrame* f = stack_.frame(in.index);
      if (!f) return error(in, unknown("label", in.index));
      stack_.pop(f->label_types());
      stack_.mark_unreachable();
      return {};
    }
    case Opcode::BrIf: {
      const CtrlFrame* f = stack_.frame(in.index);
      if (!f) return error(in, unknown("label", in.index));
      stack_.pop(ValType::I32);
      stack_.pop(f->label_types());
      stack_.push(f->label_types());
      return {};
    }
    case Opcode::BrTable:
      return br_table(in);
    case Opcode::Return:
      stack_.pop(results_);
      stack_.mark_unreachable();
      return {};
    case Opcode::Call: {
      if (in.index >= c_.func_count()) return error(in, unknown("function", in.index));
      const FuncType& ft = c_.func_type(in.index);
      stack_.pop(ft.params);
      stack_.push(ft.results);
      return {};
    }
    case Opcode::CallIndirect: {
      if (Status s = check_table(in, in.index2); !s) return s;
      if (c_.tables[in.index2].elem != ValType::FuncRef)
        return error(in, "type mismatch", "call_indirect through a table of externref");
      if (in.index >= c_.module.types.size()) return error(in, unknown("type", in.index));
      const FuncType& ft = c_.module.types[in.index];
      stack_.pop(ValType::I32);
      stack_.pop(ft.params);
      stack_.push(ft.results);
      return {};
    }
    case Opcode::Drop:
      stack_.pop();
      return {};
    case Opcode::Select: {
      stack_.pop(ValType::I32);
      ValType t1 = stack_.pop();
      ValType t2 = stack_.pop();
      if (!((is_num(t1) && is_num(t2)) || (is_vec(t1) && is_vec(t2))))
        return error(in, "type mismatch", "select without a type needs numeric or vector operands");
      if (t1 != t2 && t1 != kUnknown && t2 != kUnknown) stack_.fail("type mismatch");
      stack_.push(t1 == kUnknown ? t2 : t1);
      return {};
    }
    case Opcode::SelectT: {
      if (in.types.size() != 1) return error(in, "invalid result arity");
      const ValType t = in.types[0];
      stack_.pop(ValType::I32);
      stack_.pop(t);
      stack_.pop(t);
      stack_.push(t);
      return {};
    }
    case Opcode::LocalGet:
    case Opcode::LocalSet:
    case Opcode::LocalTee: {
      if (in.index >= locals_.size()) return error(in, unknown("local", in.index));
      const ValType t = locals_[in.index];
      if (in.op != Opcode::LocalGet) stack_.pop(t);
      if (in.op != Opcode::LocalSet) stack_.push(t);
      return {};
    }
    case Opcode::GlobalGet:
      if (in.index >= c_.globals.size()) return error(in, unknown("global", in.index));
      stack_.push(c_.globals[in.index].type);
      return {};
    case Opcode::GlobalSet:
      if (in.index >= c_.globals.size()) return error(in, unknown("global", in.index));
      if (!c_.globals[in.index].mut) return error(in, "global is immutable", "global " + std::to_string(in.index));
      stack_.pop(c_.globals[in.index].type);
      return {};
    case Opcode::TableGet:
    case Opcode::TableSet:
    case Opcode::TableGrow:
    case Opcode::TableFill: {
      if (Status s = check_table(in, in.index); !s) return s;
      const ValType t = c_.tables[in.index].elem;
      if (in.op == Opcode::TableGet) {
        stack_.pop(ValType::I32);
        stack_.push(t);
      } else if (in.op == Opcode::TableSet) {
        stack_.pop(t);
        stack_.pop(ValType::I32);
      } else if (in.op == Opcode::TableGrow) {
        stack_.pop(ValType::I32);
        stack_.pop(t);
        stack_.push(ValType::I32);
      } else {  // table.fill: [i32 t i32] -> []
        stack_.pop(ValType::I32);
        stack_.pop(t);
        stack_.pop(ValType::I32);
      }
      return {};
    }
    case Opcode::RefNull:
      if (!is_ref(in.ref_type)) return error(in, "type mismatch", "ref.null of a non-reference type");
      stack_.push(in.ref_type);
      return {};
    case Opcode::RefIsNull: {
      const ValType t = stack_.pop();
      if (!stack_.failed() && !is_ref_or_unknown(t))
        return error(in, "type mismatch", "ref.is_null of a non-reference");
      stack_.push(ValType::I32);
      return {};
    }
    case Opcode::RefFunc:
      if (in.index >= c_.func_count()) return error(in, unknown("function", in.index));
      if (!c_.refs[in.index])
        return error(in, "undeclared function reference", "function " + std::to_string(in.index));
      stack_.push(ValType::FuncRef);
      return {};
    default:
      return error(in, "type mismatch", "instruction without a typing rule");
  }
}

}  // namespace mnemo::validate
