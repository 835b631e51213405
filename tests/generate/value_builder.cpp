// tests/generate/value_builder.cpp: expressions that push one value of a given type: constants
// at the edges (zero, extremes, NaN, infinities, the integer-conversion limits), locals, globals,
// numeric operators, conversions (trapping and saturating), select, if with a result, calls,
// call_indirect, memory reads, and integer v128 arithmetic.
#include "tests/generate/function_builder.h"
#include "tests/generate/memory_ops.h"

namespace mnemo::gen {

namespace {

using O = Opcode;

const std::vector<Opcode> kI32Binary = {O::I32Add, O::I32Sub, O::I32Mul, O::I32DivS, O::I32DivU, O::I32RemS,
                                        O::I32RemU, O::I32And, O::I32Or, O::I32Xor, O::I32Shl, O::I32ShrS,
                                        O::I32ShrU, O::I32Rotl, O::I32Rotr};
const std::vector<Opcode> kI64Binary = {O::I64Add, O::I64Sub, O::I64Mul, O::I64DivS, O::I64DivU, O::I64RemS,
                                        O::I64RemU, O::I64And, O::I64Or, O::I64Xor, O::I64Shl, O::I64ShrS,
                                        O::I64ShrU, O::I64Rotl, O::I64Rotr};
const std::vector<Opcode> kI32Unary = {O::I32Clz, O::I32Ctz, O::I32Popcnt, O::I32Eqz, O::I32Extend8S, O::I32Extend16S};
const std::vector<Opcode> kI64Unary = {O::I64Clz, O::I64Ctz, O::I64Popcnt, O::I64Extend8S, O::I64Extend16S,
                                       O::I64Extend32S};
const std::vector<Opcode> kI32Compare = {O::I32Eq, O::I32Ne, O::I32LtS, O::I32LtU, O::I32GtS, O::I32GtU, O::I32LeS,
                                         O::I32LeU, O::I32GeS, O::I32GeU};
const std::vector<Opcode> kI64Compare = {O::I64Eq, O::I64Ne, O::I64LtS, O::I64LtU, O::I64GtS, O::I64GtU, O::I64LeS,
                                         O::I64LeU, O::I64GeS, O::I64GeU};
const std::vector<Opcode> kF32Compare = {O::F32Eq, O::F32Ne, O::F32Lt, O::F32Gt, O::F32Le, O::F32Ge};
const std::vector<Opcode> kF64Compare = {O::F64Eq, O::F64Ne, O::F64Lt, O::F64Gt, O::F64Le, O::F64Ge};
const std::vector<Opcode> kF32Binary = {O::F32Add, O::F32Sub, O::F32Mul, O::F32Div, O::F32Min, O::F32Max};
const std::vector<Opcode> kF64Binary = {O::F64Add, O::F64Sub, O::F64Mul, O::F64Div, O::F64Min, O::F64Max};
const std::vector<Opcode> kF32Unary = {O::F32Abs, O::F32Neg, O::F32Ceil, O::F32Floor, O::F32Trunc, O::F32Nearest,
                                       O::F32Sqrt};
const std::vector<Opcode> kF64Unary = {O::F64Abs, O::F64Neg, O::F64Ceil, O::F64Floor, O::F64Trunc, O::F64Nearest,
                                       O::F64Sqrt};
// Integer-only v128 operations: their results have no NaN bits to disagree on.
const std::vector<Opcode> kV128Binary = {
    O::I8x16Add, O::I8x16Sub, O::I8x16AddSatS, O::I8x16SubSatU, O::I8x16MinS, O::I8x16MaxU, O::I8x16AvgrU,
    O::I8x16Eq, O::I8x16LtS, O::I8x16GeU, O::I8x16Swizzle, O::I8x16NarrowI16x8S, O::I8x16NarrowI16x8U,
    O::I16x8Add, O::I16x8Mul, O::I16x8SubSatS, O::I16x8Q15mulrSatS, O::I16x8ExtmulLowI8x16S,
    O::I16x8ExtmulHighI8x16U, O::I16x8GtS, O::I16x8NarrowI32x4S, O::I32x4Add, O::I32x4Sub, O::I32x4Mul,
    O::I32x4MinU, O::I32x4MaxS, O::I32x4DotI16x8S, O::I32x4ExtmulLowI16x8U, O::I32x4LeS, O::I64x2Add,
    O::I64x2Sub, O::I64x2Mul, O::I64x2Eq, O::I64x2LtS, O::I64x2ExtmulHighI32x4S, O::V128And, O::V128Or,
    O::V128Xor, O::V128Andnot};
const std::vector<Opcode> kV128Unary = {
    O::V128Not, O::I8x16Abs, O::I8x16Neg, O::I8x16Popcnt, O::I16x8ExtendLowI8x16S, O::I16x8ExtendHighI8x16U,
    O::I32x4ExtendLowI16x8U, O::I32x4ExtendHighI16x8S, O::I64x2ExtendLowI32x4S, O::I64x2ExtendHighI32x4U,
    O::I16x8ExtaddPairwiseI8x16S, O::I32x4ExtaddPairwiseI16x8U, O::I32x4Abs, O::I64x2Neg,
    O::I32x4TruncSatF32x4S, O::I32x4TruncSatF32x4U, O::F32x4ConvertI32x4S, O::F64x2ConvertLowI32x4U};
const std::vector<Opcode> kAllTrue = {O::I8x16AllTrue, O::I16x8AllTrue, O::I32x4AllTrue, O::I64x2AllTrue};
const std::vector<Opcode> kBitmask = {O::I8x16Bitmask, O::I16x8Bitmask, O::I32x4Bitmask, O::I64x2Bitmask};
const std::vector<Opcode> kV128Shift = {O::I8x16Shl, O::I16x8ShrS, O::I32x4ShrU, O::I64x2Shl, O::I64x2ShrS};

const std::vector<uint32_t> kI32Edges = {0, 1, 2, 7, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0xFFFF, 0x10000, 0xFFFC};
const std::vector<uint64_t> kI64Edges = {0, 1, ~0ull, 0x7FFFFFFFFFFFFFFFull, 0x8000000000000000ull, 0xFFFFFFFFull,
                                         0x100000000ull, 0x10000};
const std::vector<uint32_t> kF32Edges = {
    0x00000000, 0x80000000, 0x3F800000, 0xBFC00000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000,
    0x7FA00000 /* signalling */, 0x00000001 /* subnormal */, 0x4F000000 /* 2^31 */, 0xCF000000 /* -2^31 */,
    0x4F800000 /* 2^32 */, 0x5F000000 /* 2^63 */, 0x3F000000 /* 0.5 */, 0x40200000 /* 2.5 */};
const std::vector<uint64_t> kF64Edges = {
    0, 0x8000000000000000ull, 0x3FF0000000000000ull, 0xBFF8000000000000ull, 0x7FF0000000000000ull,
    0xFFF0000000000000ull, 0x7FF8000000000000ull, 0x7FF4000000000000ull /* signalling */, 1 /* subnormal */,
    0x41E0000000000000ull /* 2^31 */, 0xC1E0000000000000ull, 0x41DFFFFFFFC00000ull /* 2^31 - 1 */,
    0x41F0000000000000ull /* 2^32 */, 0x43E0000000000000ull /* 2^63 */, 0xC3E0000000000000ull,
    0x43F0000000000000ull /* 2^64 */, 0x3FE0000000000000ull /* 0.5 */, 0xC004000000000000ull /* -2.5 */};

}  // namespace

void FunctionBuilder::value(ValType t, int depth) {
  if (depth <= 0 || over_budget()) {
    if (!rng_.chance(40) || !local_get(t)) constant(t);
    return;
  }
  switch (t) {
    case ValType::I32:
    case ValType::I64: return int_value(t, depth);
    case ValType::F32:
    case ValType::F64: return float_value(t, depth);
    case ValType::V128: return v128_value(depth);
    default: constant(t);
  }
}

void FunctionBuilder::constant(ValType t) {
  switch (t) {
    case ValType::I32:
      i32_const(rng_.chance(60) ? rng_.pick(kI32Edges) : rng_.chance(70) ? rng_.below(300) : uint32_t(rng_.next()));
      return;
    case ValType::I64:
      i64_const(rng_.chance(60) ? rng_.pick(kI64Edges) : rng_.chance(70) ? rng_.below(300) : rng_.next());
      return;
    case ValType::F32: {
      uint32_t bits = rng_.pick(kF32Edges);
      if (rng_.chance(30)) bits = uint32_t(rng_.next());
      emit(O::F32Const).bits = bits;
      return;
    }
    case ValType::F64: {
      uint64_t bits = rng_.pick(kF64Edges);
      if (rng_.chance(30)) bits = rng_.next();
      emit(O::F64Const).bits = bits;
      return;
    }
    case ValType::V128: {
      Instr& i = emit(O::V128Const);
      static const std::vector<uint32_t> kLaneEdges = {0, 1, 0x7F, 0x80, 0xFF};
      for (auto& b : i.v128.bytes) b = uint8_t(rng_.chance(50) ? rng_.pick(kLaneEdges) : rng_.next());
      return;
    }
    default: emit(O::RefNull).ref_type = t;
  }
}

bool FunctionBuilder::local_get(ValType t) {
  std::vector<uint32_t> candidates;
  for (uint32_t i = 0; i < locals_.size(); ++i)
    if (locals_[i] == t && !(reserved_[i] && !(recursive_ && i == 0))) candidates.push_back(i);
  if (candidates.empty()) return false;
  emit(O::LocalGet).index = rng_.pick(candidates);
  return true;
}

bool FunctionBuilder::global_get(ValType t) {
  std::vector<uint32_t> candidates;
  for (uint32_t i = 0; i < plan_.globals.size(); ++i)
    if (plan_.globals[i].type == t) candidates.push_back(i);
  if (candidates.empty()) return false;
  emit(O::GlobalGet).index = rng_.pick(candidates);
  return true;
}

void FunctionBuilder::int_value(ValType t, int depth) {
  const bool is32 = t == ValType::I32;
  MemoryOps mem(*this);
  switch (rng_.below(22)) {
    case 0: case 1: return constant(t);
    case 2: case 3:
      if (local_get(t)) return;
      break;
    case 4:
      if (global_get(t)) return;
      break;
    case 5: case 6: case 7: {
      value(t, depth - 1);
      value(t, depth - 1);
      const Opcode op = rng_.pick(is32 ? kI32Binary : kI64Binary);
      const bool division = op == O::I32DivS || op == O::I32DivU || op == O::I32RemS || op == O::I32RemU ||
                            op == O::I64DivS || op == O::I64DivU || op == O::I64RemS || op == O::I64RemU;
      if (division && rng_.chance(85)) {  // locals start at 0: most divisors would be 0
        if (is32) i32_const(1); else i64_const(1);
        emit(is32 ? O::I32Or : O::I64Or);
      }
      emit(op);
      return;
    }
    case 8:
      value(t, depth - 1);
      emit(rng_.pick(is32 ? kI32Unary : kI64Unary));
      return;
    case 9: case 10:
      if (mem.any_memory()) return mem.load(t, depth - 1);
      break;
    case 11:
      if (is32 && rng_.chance(25)) return table_i32_value(depth - 1);
      if (is32 && mem.any_memory()) return rng_.chance(50) ? mem.size_value() : mem.grow_value(depth - 1);
      break;
    case 12:
      if (call_value(t, depth - 1)) return;
      break;
    case 13: return call_indirect_value(t, depth - 1);
    case 14: {  // conversions from the other types (trapping and saturating truncations)
      const ValType from = rng_.pick(std::vector<ValType>{ValType::I32, ValType::I64, ValType::F32, ValType::F64});
      if (from == t) break;
      value(from, depth - 1);
      const bool sat = rng_.chance(60);
      if (from == ValType::I64) { emit(O::I32WrapI64); return; }
      if (from == ValType::I32) { emit(rng_.chance(50) ? O::I64ExtendI32S : O::I64ExtendI32U); return; }
      const bool s = rng_.chance(50);
      const bool f32 = from == ValType::F32;
      Opcode op;
      if (is32) {
        op = f32 ? (sat ? (s ? O::I32TruncSatF32S : O::I32TruncSatF32U) : (s ? O::I32TruncF32S : O::I32TruncF32U))
                 : (sat ? (s ? O::I32TruncSatF64S : O::I32TruncSatF64U) : (s ? O::I32TruncF64S : O::I32TruncF64U));
      } else {
        op = f32 ? (sat ? (s ? O::I64TruncSatF32S : O::I64TruncSatF32U) : (s ? O::I64TruncF32S : O::I64TruncF32U))
                 : (sat ? (s ? O::I64TruncSatF64S : O::I64TruncSatF64U) : (s ? O::I64TruncF64S : O::I64TruncF64U));
      }
      emit(op);
      return;
    }
    case 15: {  // comparisons yield i32; i64 comes back through an extension
      const ValType operand = rng_.pick(std::vector<ValType>{ValType::I32, ValType::I64, ValType::F32, ValType::F64});
      value(operand, depth - 1);
      value(operand, depth - 1);
      switch (operand) {
        case ValType::I32: emit(rng_.pick(kI32Compare)); break;
        case ValType::I64: emit(rng_.pick(kI64Compare)); break;
        case ValType::F32: emit(rng_.pick(kF32Compare)); break;
        default: emit(rng_.pick(kF64Compare)); break;
      }
      if (!is32) emit(O::I64ExtendI32U);
      return;
    }
    case 16: {  // reinterpretation: the float's bits, NaNs canonical
      const ValType from = is32 ? ValType::F32 : ValType::F64;
      value(from, depth - 1);
      canonicalize(from);
      emit(is32 ? O::I32ReinterpretF32 : O::I64ReinterpretF64);
      return;
    }
    case 17: return select_value(t, depth - 1);
    case 18: return if_value(t, depth - 1);
    case 19: {  // out of a v128
      v128_value(depth - 1);
      if (!is32) {
        emit(O::I64x2ExtractLane).lane = uint8_t(rng_.below(2));
        return;
      }
      switch (rng_.below(6)) {
        case 0: emit(O::I8x16ExtractLaneS).lane = uint8_t(rng_.below(16)); return;
        case 1: emit(O::I16x8ExtractLaneU).lane = uint8_t(rng_.below(8)); return;
        case 2: emit(O::I32x4ExtractLane).lane = uint8_t(rng_.below(4)); return;
        case 3: emit(O::V128AnyTrue); return;
        case 4: emit(rng_.pick(kAllTrue)); return;
        default: emit(rng_.pick(kBitmask)); return;
      }
    }
    case 20: {  // local.tee
      std::vector<uint32_t> candidates;
      for (uint32_t i = 0; i < locals_.size(); ++i)
        if (locals_[i] == t && !reserved_[i]) candidates.push_back(i);
      if (candidates.empty()) break;
      value(t, depth - 1);
      emit(O::LocalTee).index = rng_.pick(candidates);
      return;
    }
    default: break;
  }
  value(t, depth - 1);
}

void FunctionBuilder::float_value(ValType t, int depth) {
  const bool is32 = t == ValType::F32;
  MemoryOps mem(*this);
  switch (rng_.below(14)) {
    case 0: case 1: return constant(t);
    case 2:
      if (local_get(t)) return;
      break;
    case 3:
      if (global_get(t)) return;
      break;
    case 4: case 5:
      value(t, depth - 1);
      value(t, depth - 1);
      emit(rng_.pick(is32 ? kF32Binary : kF64Binary));
      return;
    case 6:
      value(t, depth - 1);
      emit(rng_.pick(is32 ? kF32Unary : kF64Unary));
      return;
    case 7:  // copysign: the sign operand's bits are observable, so it is canonicalised
      value(t, depth - 1);
      value(t, depth - 1);
      canonicalize(t);
      emit(is32 ? O::F32Copysign : O::F64Copysign);
      return;
    case 8:
      if (mem.any_memory()) return mem.load(t, depth - 1);
      break;
    case 9: {  // conversions
      switch (rng_.below(3)) {
        case 0:
          value(ValType::I32, depth - 1);
          emit(is32 ? (rng_.chance(50) ? O::F32ConvertI32S : O::F32ConvertI32U)
                    : (rng_.chance(50) ? O::F64ConvertI32S : O::F64ConvertI32U));
          return;
        case 1:
          value(ValType::I64, depth - 1);
          emit(is32 ? (rng_.chance(50) ? O::F32ConvertI64S : O::F32ConvertI64U)
                    : (rng_.chance(50) ? O::F64ConvertI64S : O::F64ConvertI64U));
          return;
        default:
          value(is32 ? ValType::F64 : ValType::F32, depth - 1);
          emit(is32 ? O::F32DemoteF64 : O::F64PromoteF32);
          return;
      }
    }
    case 10:
      value(is32 ? ValType::I32 : ValType::I64, depth - 1);
      emit(is32 ? O::F32ReinterpretI32 : O::F64ReinterpretI64);
      return;
    case 11: return select_value(t, depth - 1);
    case 12:
      if (call_value(t, depth - 1)) return;
      break;
    case 13:
      v128_value(depth - 1);
      emit(is32 ? O::F32x4ExtractLane : O::F64x2ExtractLane).lane = uint8_t(rng_.below(is32 ? 4 : 2));
      return;
    default: break;
  }
  value(t, depth - 1);
}

void FunctionBuilder::v128_value(int depth) {
  MemoryOps mem(*this);
  if (depth <= 0 || over_budget()) return constant(ValType::V128);
  switch (rng_.below(11)) {
    case 0: return constant(ValType::V128);
    case 1:
      if (local_get(ValType::V128)) return;
      break;
    case 2: case 3:
      if (mem.any_memory()) return mem.load(ValType::V128, depth - 1);
      break;
    case 4: case 5:
      v128_value(depth - 1);
      v128_value(depth - 1);
      emit(rng_.pick(kV128Binary));
      return;
    case 6:
      v128_value(depth - 1);
      emit(rng_.pick(kV128Unary));
      return;
    case 7:
      v128_value(depth - 1);
      value(ValType::I32, depth - 1);
      emit(rng_.pick(kV128Shift));
      return;
    case 8: {  // splat; float lanes canonical
      const ValType from = rng_.pick(std::vector<ValType>{ValType::I32, ValType::I64, ValType::F32, ValType::F64});
      value(from, depth - 1);
      canonicalize(from);
      switch (from) {
        case ValType::I32: emit(rng_.pick(std::vector<Opcode>{O::I8x16Splat, O::I16x8Splat, O::I32x4Splat})); return;
        case ValType::I64: emit(O::I64x2Splat); return;
        case ValType::F32: emit(O::F32x4Splat); return;
        default: emit(O::F64x2Splat); return;
      }
    }
    case 9: {  // replace_lane
      v128_value(depth - 1);
      switch (rng_.below(4)) {
        case 0: value(ValType::I32, depth - 1); emit(O::I8x16ReplaceLane).lane = uint8_t(rng_.below(16)); return;
        case 1: value(ValType::I64, depth - 1); emit(O::I64x2ReplaceLane).lane = uint8_t(rng_.below(2)); return;
        case 2:
          value(ValType::F32, depth - 1);
          canonicalize(ValType::F32);
          emit(O::F32x4ReplaceLane).lane = uint8_t(rng_.below(4));
          return;
        default: value(ValType::I32, depth - 1); emit(O::I32x4ReplaceLane).lane = uint8_t(rng_.below(4)); return;
      }
    }
    case 10: {
      v128_value(depth - 1);
      v128_value(depth - 1);
      if (rng_.chance(50)) {
        Instr& s = emit(O::I8x16Shuffle);
        for (auto& b : s.v128.bytes) b = uint8_t(rng_.below(32));
      } else {
        v128_value(depth - 1);
        emit(O::V128Bitselect);
      }
      return;
    }
    default: break;
  }
  constant(ValType::V128);
}

void FunctionBuilder::select_value(ValType t, int depth) {
  value(t, depth);
  value(t, depth);
  value(ValType::I32, depth);
  if (t == ValType::V128 || rng_.chance(30)) {
    Instr& s = emit(O::SelectT);
    s.types = {t};
  } else {
    emit(O::Select);
  }
}

void FunctionBuilder::if_value(ValType t, int depth) {
  value(ValType::I32, depth);
  Instr& i = emit(O::If);
  i.block.kind = BlockType::Kind::Value;
  i.block.value = t;
  labels_.push_back(false);
  statements(int(rng_.range(0, 2)), depth);
  value(t, depth);
  emit(O::Else);
  statements(int(rng_.range(0, 2)), depth);
  value(t, depth);
  emit(O::End);
  labels_.pop_back();
}

bool FunctionBuilder::call_value(ValType t, int depth) {
  std::vector<uint32_t> candidates;
  for (uint32_t f = 0; f < plan_.funcs.size(); ++f) {
    const FuncPlan& p = plan_.funcs[f];
    if (p.sig.results.size() == 1 && p.sig.results[0] == t && cost_ + multiplier_ * p.cost <= budget_)
      candidates.push_back(f);
  }
  if (candidates.empty()) return false;
  const uint32_t f = rng_.pick(candidates);
  const FuncPlan& p = plan_.funcs[f];
  for (size_t i = 0; i < p.sig.params.size(); ++i) {
    value(p.sig.params[i], depth);
    if (i == 0 && p.recursive) {
      i32_const(7);
      emit(O::I32And);
    }
  }
  emit(O::Call).index = f;
  cost_ += multiplier_ * plan_.funcs[f].cost;
  return true;
}

void FunctionBuilder::call_indirect_value(ValType t, int depth) {
  // A type some table entry has (or, sometimes, one no entry has); the index lands on an entry,
  // a null slot or past the end: type mismatches, null calls and undefined elements all occur.
  if (plan_.table.empty()) return value(t, depth);
  uint32_t type = 0;
  bool found = false;
  std::vector<uint32_t> matching;
  for (uint32_t ty : plan_.table_types) {
    const FuncType& ft = plan_.module.types[ty];
    if (ft.results.size() == 1 && ft.results[0] == t) matching.push_back(ty);
  }
  if (!matching.empty()) {
    type = rng_.pick(matching);
    found = true;
  }
  if (!found) {
    // No function in the table returns t: the call can only trap (a type mismatch), so it is rare.
    if (rng_.chance(80)) return value(t, depth);
    type = plan_.intern(FuncType{{}, {t}});
  }
  uint64_t worst = 0;
  for (const auto& entry : plan_.table)
    if (entry) worst = std::max(worst, plan_.funcs[*entry].cost);
  if (cost_ + multiplier_ * worst > budget_) return value(t, depth);
  const FuncType ft = plan_.module.types[type];
  for (ValType p : ft.params) value(p, depth);
  const uint32_t size = uint32_t(plan_.table.size());
  std::vector<uint32_t> right;  // slots whose function has the type
  for (uint32_t i = 0; i < size; ++i)
    if (plan_.table[i] && plan_.funcs[*plan_.table[i]].type == type) right.push_back(i);
  if (!right.empty() && rng_.chance(80)) {
    i32_const(rng_.pick(right));
  } else if (rng_.chance(70)) {
    i32_const(rng_.below(size + 2));
  } else {
    value(ValType::I32, depth);
    i32_const(7);
    emit(O::I32And);
  }
  Instr& c = emit(O::CallIndirect);
  c.index = type;
  c.index2 = 0;
  cost_ += multiplier_ * worst;
}

}  // namespace mnemo::gen
