// core/walk/body_walk.cpp: the stack effects of a validated body's instructions (see body_walk.h).
#include "core/walk/body_walk.h"

namespace mnemo {
namespace {

ValType val_of(SigType s) {
  switch (s) {
    case SigType::I32: return ValType::I32;
    case SigType::I64: return ValType::I64;
    case SigType::F32: return ValType::F32;
    case SigType::F64: return ValType::F64;
    case SigType::V128: return ValType::V128;
    default: return ValType::I32;
  }
}

uint32_t slots_of(const std::vector<ValType>& ts) {
  uint32_t n = 0;
  for (ValType t : ts) n += walk_slots(t);
  return n;
}

}  // namespace

IndexSpaces::IndexSpaces(const Module& module) {
  for (const Import& i : module.imports) {
    switch (i.kind) {
      case ExternKind::Func: func_types.push_back(i.func_type); break;
      case ExternKind::Table: table_elems.push_back(i.table.elem); break;
      case ExternKind::Global: global_types.push_back(i.global.type); break;
      case ExternKind::Memory: break;
    }
  }
  for (const Function& f : module.funcs) func_types.push_back(f.type);
  for (const TableType& t : module.tables) table_elems.push_back(t.elem);
  for (const Global& g : module.globals) global_types.push_back(g.type.type);
}

BodyWalk::BodyWalk(const Module& module, const IndexSpaces& spaces, const Function& fn)
    : module_(module), spaces_(spaces) {
  const FuncType& type = module.types[fn.type];
  auto add_local = [&](ValType t) {
    local_types_.push_back(t);
    local_slots_.push_back(height_);
    height_ += walk_slots(t);
  };
  for (ValType t : type.params) add_local(t);
  param_slots_ = height_;
  for (ValType t : fn.locals) add_local(t);
  locals_end_ = height_;
  max_height_ = height_;
  WalkFrame f;
  f.kind = Opcode::End;
  f.base = height_;
  f.results = type.results;
  f.result_slots = slots_of(type.results);
  frames_.push_back(std::move(f));
}

void BodyWalk::push(ValType t) {
  types_.push_back(t);
  height_ += walk_slots(t);
  if (height_ > max_height_) max_height_ = height_;
}

ValType BodyWalk::pop() {
  const ValType t = types_.back();
  types_.pop_back();
  height_ -= walk_slots(t);
  return t;
}

void BodyWalk::reset_to(const WalkFrame& f, const std::vector<ValType>& top) {
  types_.resize(f.type_base);
  height_ = f.base;
  for (ValType t : top) push(t);
}

bool BodyWalk::reached(const Instr& in) {
  if (!dead()) return true;
  switch (in.op) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If: ++dead_depth_; return false;
    case Opcode::Else: return dead_depth_ == 0;
    case Opcode::End:
      if (dead_depth_ == 0) return true;
      --dead_depth_;
      return false;
    default: return false;
  }
}

void BodyWalk::enter(const Instr& in) {
  WalkFrame f;
  f.kind = in.op;
  switch (in.block.kind) {
    case BlockType::Kind::Empty: break;
    case BlockType::Kind::Value: f.results.push_back(in.block.value); break;
    case BlockType::Kind::TypeIndex:
      f.params = module_.types[in.block.type_index].params;
      f.results = module_.types[in.block.type_index].results;
      break;
  }
  if (in.op == Opcode::If) pop();
  f.param_slots = slots_of(f.params);
  f.result_slots = slots_of(f.results);
  f.base = height_ - f.param_slots;
  f.type_base = types_.size() - f.params.size();
  frames_.push_back(std::move(f));
}

void BodyWalk::enter_else() {
  WalkFrame& f = frames_.back();
  f.dead = false;
  reset_to(f, f.params);
}

WalkFrame BodyWalk::leave() {
  WalkFrame f = std::move(frames_.back());
  frames_.pop_back();
  dead_depth_ = 0;
  reset_to(f, f.results);
  return f;
}

void BodyWalk::effect(const Instr& in) {
  auto pop_n = [&](size_t n) {
    for (size_t i = 0; i < n; ++i) pop();
  };
  switch (in.op) {
    case Opcode::Nop: return;
    case Opcode::Unreachable:
    case Opcode::Br:
    case Opcode::Return: frames_.back().dead = true; return;
    case Opcode::BrIf: pop(); return;
    case Opcode::BrTable:
      pop();
      frames_.back().dead = true;
      return;
    case Opcode::Call: {
      const FuncType& ft = module_.types[spaces_.func_types[in.index]];
      pop_n(ft.params.size());
      for (ValType t : ft.results) push(t);
      return;
    }
    case Opcode::CallIndirect: {
      const FuncType& ft = module_.types[in.index];
      pop();
      pop_n(ft.params.size());
      for (ValType t : ft.results) push(t);
      return;
    }
    case Opcode::Drop: pop(); return;
    case Opcode::Select:
    case Opcode::SelectT: {
      pop();
      pop();
      push(pop());
      return;
    }
    case Opcode::LocalGet: push(local_types_[in.index]); return;
    case Opcode::LocalSet: pop(); return;
    case Opcode::LocalTee: return;
    case Opcode::GlobalGet: push(spaces_.global_types[in.index]); return;
    case Opcode::GlobalSet: pop(); return;
    case Opcode::TableGet:
      pop();
      push(spaces_.table_elems[in.index]);
      return;
    case Opcode::TableSet: pop_n(2); return;
    case Opcode::TableGrow:
      pop_n(2);
      push(ValType::I32);
      return;
    case Opcode::TableFill: pop_n(3); return;
    case Opcode::RefNull: push(in.ref_type); return;
    case Opcode::RefIsNull:
      pop();
      push(ValType::I32);
      return;
    case Opcode::RefFunc: push(ValType::FuncRef); return;
    default: break;
  }
  // Rows with a fixed signature: the stack effect comes from the opcode table.
  const OpcodeInfo& inf = info(in.op);
  pop_n(inf.param_count());
  if (inf.result != SigType::___) push(val_of(inf.result));
}

}  // namespace mnemo
