// tests/generate/function_builder.cpp: locals, control flow and statements of a generated body.
// Values are in value_builder.cpp, memory instructions in memory_ops.cpp.
#include "tests/generate/function_builder.h"

#include "tests/generate/memory_ops.h"

namespace mnemo::gen {

namespace {
constexpr uint32_t kMaxLoopCount = 6;
constexpr int kMaxLoopNesting = 2;
constexpr uint32_t kMaxRecursionDepth = 7;  // callers pass a depth in [0, 7]
}  // namespace

FunctionBuilder::FunctionBuilder(ModulePlan& plan, Rng& rng, const FuncType& sig, uint32_t self, uint64_t budget,
                                 bool recursive)
    : plan_(plan), rng_(rng), sig_(sig), self_(self), recursive_(recursive), budget_(budget) {
  for (ValType t : sig.params) {
    locals_.push_back(t);
    reserved_.push_back(false);
  }
  if (recursive_) reserved_[0] = true;  // the depth: only ever decremented into the recursive call
  scratch_.assign(256, 0);
  static const std::vector<ValType> kTypes = {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128};
  const uint32_t declared = rng_.range(1, 6);
  for (uint32_t i = 0; i < declared; ++i) add_local(rng_.pick(kTypes), false);
}

Instr& FunctionBuilder::emit(Opcode op) {
  body_.emplace_back();
  body_.back().op = op;
  cost_ += multiplier_;
  ++instructions_;
  return body_.back();
}

uint32_t FunctionBuilder::add_local(ValType t, bool reserved) {
  locals_.push_back(t);
  reserved_.push_back(reserved);
  return uint32_t(locals_.size() - 1);
}

uint32_t FunctionBuilder::scratch(ValType t) {
  uint32_t& slot = scratch_[uint8_t(t)];
  if (slot == 0) slot = add_local(t, true) + 1;
  return slot - 1;
}

void FunctionBuilder::canonicalize(ValType t) {
  if (t != ValType::F32 && t != ValType::F64) return;
  // value; local.tee s; canonical NaN; local.get s; local.get s; f.eq; select
  const uint32_t s = scratch(t);
  emit(Opcode::LocalTee).index = s;
  if (t == ValType::F32) {
    emit(Opcode::F32Const).bits = 0x7FC00000u;
  } else {
    emit(Opcode::F64Const).bits = 0x7FF8000000000000ull;
  }
  emit(Opcode::LocalGet).index = s;
  emit(Opcode::LocalGet).index = s;
  emit(t == ValType::F32 ? Opcode::F32Eq : Opcode::F64Eq);
  emit(Opcode::Select);
}

Function FunctionBuilder::finish(uint32_t type_index) {
  emit(Opcode::End);
  Function f;
  f.type = type_index;
  f.locals.assign(locals_.begin() + long(sig_.params.size()), locals_.end());
  f.body = std::move(body_);
  return f;
}

Function FunctionBuilder::build(uint32_t type_index) {
  if (recursive_) {
    // At depth 0, return before any recursive call: the recursion is bounded by the argument.
    emit(Opcode::LocalGet).index = 0;
    emit(Opcode::I32Eqz);
    emit(Opcode::If);
    labels_.push_back(false);
    for (ValType r : sig_.results) constant(r);
    emit(Opcode::Return);
    emit(Opcode::End);
    labels_.pop_back();
  }
  statements(int(rng_.range(1, 5)), 3);
  for (ValType r : sig_.results) value(r, 3);
  return finish(type_index);
}

void FunctionBuilder::fold_into_digest(ValType t) {
  // digest = (digest ^ bits) * FNV prime, with the value itself left on the stack.
  const uint32_t s = scratch(t);
  emit(Opcode::LocalTee).index = s;
  emit(Opcode::LocalGet).index = s;
  emit(t == ValType::F32 ? Opcode::I32ReinterpretF32 : Opcode::I64ReinterpretF64);
  if (t == ValType::F32) emit(Opcode::I64ExtendI32U);
  emit(Opcode::GlobalGet).index = *plan_.digest_global;
  emit(Opcode::I64Xor);
  i64_const(0x100000001B3ull);
  emit(Opcode::I64Mul);
  emit(Opcode::GlobalSet).index = *plan_.digest_global;
}

Function FunctionBuilder::build_export(uint32_t type_index) {
  statements(int(rng_.range(2, 6)), 3);
  const ValType r = sig_.results.at(0);
  value(r, 3);
  if (r == ValType::F32 || r == ValType::F64) {
    canonicalize(r);
    fold_into_digest(r);
  }
  return finish(type_index);
}

void FunctionBuilder::statements(int count, int depth) {
  for (int i = 0; i < count && !over_budget(); ++i) statement(depth);
}

void FunctionBuilder::statement(int depth) {
  MemoryOps mem(*this);
  if (depth <= 0 || over_budget()) {
    if (!set_local(0)) {
      value(ValType::I32, 0);
      emit(Opcode::Drop);
    }
    return;
  }
  switch (rng_.below(20)) {
    case 0: case 1: case 2: case 3:
      if (mem.any_memory()) return mem.store(depth - 1);
      break;
    case 4: case 5:
      if (mem.any_memory()) return mem.bulk(depth - 1);
      break;
    case 6:
      if (mem.any_memory()) {
        mem.grow_value(depth - 1);
        emit(Opcode::Drop);
        return;
      }
      break;
    case 7: case 8:
      if (set_local(depth - 1)) return;
      break;
    case 9:
      if (set_global(depth - 1)) return;
      break;
    case 10: case 11:
      if (loop_depth_ < kMaxLoopNesting) return counted_loop(depth - 1);
      break;
    case 12: return if_statement(depth - 1);
    case 13: return block_with_break(depth - 1);
    case 14: return call_statement(depth - 1);
    case 15:
      if (recursive_ && loop_depth_ == 0 && !recursion_emitted_) return recursive_call();
      break;
    case 16:
      if (rng_.chance(25)) return trap_on_purpose(depth - 1);
      break;
    case 17: return block_with_table(depth - 1);
    case 18: return table_statement(depth - 1);
    default: break;
  }
  static const std::vector<ValType> kTypes = {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128};
  value(rng_.pick(kTypes), depth - 1);
  emit(Opcode::Drop);
}

bool FunctionBuilder::set_local(int depth) {
  std::vector<uint32_t> candidates;
  for (uint32_t i = 0; i < locals_.size(); ++i)
    if (!reserved_[i]) candidates.push_back(i);
  if (candidates.empty()) return false;
  const uint32_t l = rng_.pick(candidates);
  value(locals_[l], depth);
  emit(Opcode::LocalSet).index = l;
  return true;
}

bool FunctionBuilder::set_global(int depth) {
  std::vector<uint32_t> candidates;
  for (uint32_t i = 0; i < plan_.globals.size(); ++i)
    if (plan_.globals[i].mut && (!plan_.digest_global || i != *plan_.digest_global)) candidates.push_back(i);
  for (const MemoryPlan& m : plan_.memories)
    if (m.grow_budget_global) std::erase(candidates, *m.grow_budget_global);
  if (candidates.empty()) return false;
  const uint32_t g = rng_.pick(candidates);
  value(plan_.globals[g].type, depth);
  emit(Opcode::GlobalSet).index = g;
  return true;
}

void FunctionBuilder::counted_loop(int depth) {
  // counter = n; loop { body; counter -= 1; br_if (counter != 0) } — the counter is reserved, so
  // the body cannot reset it, and breaks only leave.
  const uint32_t n = rng_.range(1, kMaxLoopCount);
  uint32_t counter;
  if (!free_counters_.empty()) {
    counter = free_counters_.back();
    free_counters_.pop_back();
  } else {
    counter = add_local(ValType::I32, true);
  }
  i32_const(n);
  emit(Opcode::LocalSet).index = counter;
  emit(Opcode::Block);
  labels_.push_back(true);
  emit(Opcode::Loop);
  labels_.push_back(false);
  const uint64_t saved = multiplier_;
  multiplier_ *= n;
  ++loop_depth_;
  statements(int(rng_.range(1, 4)), depth);
  emit(Opcode::LocalGet).index = counter;
  i32_const(1);
  emit(Opcode::I32Sub);
  emit(Opcode::LocalTee).index = counter;
  emit(Opcode::BrIf).index = 0;
  --loop_depth_;
  multiplier_ = saved;
  emit(Opcode::End);
  labels_.pop_back();
  emit(Opcode::End);
  labels_.pop_back();
  free_counters_.push_back(counter);
}

void FunctionBuilder::if_statement(int depth) {
  value(ValType::I32, depth);
  emit(Opcode::If);
  labels_.push_back(true);
  statements(int(rng_.range(1, 3)), depth);
  if (rng_.chance(50)) {
    emit(Opcode::Else);
    statements(int(rng_.range(1, 3)), depth);
  }
  emit(Opcode::End);
  labels_.pop_back();
}

void FunctionBuilder::block_with_break(int depth) {
  emit(Opcode::Block);
  labels_.push_back(true);
  statements(int(rng_.range(0, 2)), depth);
  // br_if to an enclosing (non-loop) label: leaves this block or an outer one early.
  std::vector<uint32_t> targets;
  for (uint32_t i = 0; i < labels_.size(); ++i)
    if (labels_[labels_.size() - 1 - i]) targets.push_back(i);
  value(ValType::I32, depth);
  emit(Opcode::BrIf).index = rng_.pick(targets);
  statements(int(rng_.range(0, 2)), depth);
  emit(Opcode::End);
  labels_.pop_back();
}

void FunctionBuilder::block_with_table(int depth) {
  // block { block { br_table over enclosing labels } stmts } stmts: forward jumps only.
  emit(Opcode::Block);
  labels_.push_back(true);
  emit(Opcode::Block);
  labels_.push_back(true);
  value(ValType::I32, depth);
  std::vector<uint32_t> targets;
  for (uint32_t i = 0; i < labels_.size(); ++i)
    if (labels_[labels_.size() - 1 - i]) targets.push_back(i);
  Instr& table = emit(Opcode::BrTable);
  const uint32_t n = rng_.range(0, 4);
  for (uint32_t i = 0; i <= n; ++i) table.labels.push_back(rng_.pick(targets));  // the last is the default
  emit(Opcode::End);
  labels_.pop_back();
  statements(int(rng_.range(0, 2)), depth);
  emit(Opcode::End);
  labels_.pop_back();
}

void FunctionBuilder::call_statement(int depth) {
  static const std::vector<ValType> kTypes = {ValType::I32, ValType::I64, ValType::F32, ValType::F64};
  const ValType t = rng_.pick(kTypes);
  if (rng_.chance(30)) {
    call_indirect_value(t, depth);
  } else if (!call_value(t, depth)) {
    value(t, depth);
  }
  emit(Opcode::Drop);
}

void FunctionBuilder::recursive_call() {
  // depth - 1, then the other arguments; the result (if any) is dropped.
  recursion_emitted_ = true;
  emit(Opcode::LocalGet).index = 0;
  i32_const(1);
  emit(Opcode::I32Sub);
  for (size_t i = 1; i < sig_.params.size(); ++i) value(sig_.params[i], 1);
  emit(Opcode::Call).index = self_;
  for (size_t i = 0; i < sig_.results.size(); ++i) emit(Opcode::Drop);
}

void FunctionBuilder::trap_on_purpose(int depth) {
  switch (rng_.below(4)) {
    case 0:  // unreachable, under a condition that is sometimes true
      value(ValType::I32, depth);
      emit(Opcode::If);
      labels_.push_back(true);
      emit(Opcode::Unreachable);
      emit(Opcode::End);
      labels_.pop_back();
      return;
    case 1:  // division by a value that may be zero
      value(ValType::I32, depth);
      value(ValType::I32, depth);
      i32_const(rng_.range(1, 3));
      emit(Opcode::I32And);
      emit(rng_.chance(50) ? Opcode::I32DivU : Opcode::I32RemS);
      emit(Opcode::Drop);
      return;
    case 2:  // INT_MIN / -1
      i64_const(0x8000000000000000ull);
      i64_const(rng_.chance(70) ? ~0ull : 1);
      emit(Opcode::I64DivS);
      emit(Opcode::Drop);
      return;
    default:  // a float that may not fit an integer
      value(ValType::F64, depth);
      emit(rng_.chance(50) ? Opcode::I32TruncF64S : Opcode::I64TruncF64U);
      emit(Opcode::Drop);
      return;
  }
}

}  // namespace mnemo::gen
