// core/jit/arm64/compile_simd.cpp: v128 on NEON, part of the AArch64 Compiler
// (function_compiler.h). v128 values live in their two frame slots (as on x86-64): an instruction
// loads its operands into v30 / v31, computes, and stores the result back. Covered so far:
// v128.const, load, store, the integer lanes' splat / extract / replace, add, sub, mul, neg,
// comparisons, min / max, saturating add / sub, avgr_u, and the bitwise instructions. Any other
// v128 instruction leaves its function to the interpreter.
#include <cstring>

#include "core/jit/arm64/function_compiler.h"
#include "core/jit/opcode_rows.h"

namespace mnemo::jit::arm64 {
namespace {

using Arr = Assembler::Arr;
using Vec3 = Assembler::Vec3;
using VecLogic = Assembler::VecLogic;

// Two v128 operands, one result: a NEON three-register instruction, its operands swapped (lt / le
// are gt / ge the other way round), its result inverted (ne is not eq).
struct LaneRow {
  Opcode op;
  Vec3 vec;
  Arr arr;
  bool swap;
  bool invert;
};
constexpr LaneRow kLaneRows[] = {
    {Opcode::I8x16Add, Vec3::add, Arr::B16, false, false},      {Opcode::I16x8Add, Vec3::add, Arr::H8, false, false},
    {Opcode::I32x4Add, Vec3::add, Arr::S4, false, false},       {Opcode::I64x2Add, Vec3::add, Arr::D2, false, false},
    {Opcode::I8x16Sub, Vec3::sub, Arr::B16, false, false},      {Opcode::I16x8Sub, Vec3::sub, Arr::H8, false, false},
    {Opcode::I32x4Sub, Vec3::sub, Arr::S4, false, false},       {Opcode::I64x2Sub, Vec3::sub, Arr::D2, false, false},
    {Opcode::I16x8Mul, Vec3::mul, Arr::H8, false, false},       {Opcode::I32x4Mul, Vec3::mul, Arr::S4, false, false},
    {Opcode::I8x16Eq, Vec3::cmeq, Arr::B16, false, false},      {Opcode::I8x16Ne, Vec3::cmeq, Arr::B16, false, true},
    {Opcode::I8x16LtS, Vec3::cmgt, Arr::B16, true, false},      {Opcode::I8x16LtU, Vec3::cmhi, Arr::B16, true, false},
    {Opcode::I8x16GtS, Vec3::cmgt, Arr::B16, false, false},     {Opcode::I8x16GtU, Vec3::cmhi, Arr::B16, false, false},
    {Opcode::I8x16LeS, Vec3::cmge, Arr::B16, true, false},      {Opcode::I8x16LeU, Vec3::cmhs, Arr::B16, true, false},
    {Opcode::I8x16GeS, Vec3::cmge, Arr::B16, false, false},     {Opcode::I8x16GeU, Vec3::cmhs, Arr::B16, false, false},
    {Opcode::I16x8Eq, Vec3::cmeq, Arr::H8, false, false},       {Opcode::I16x8Ne, Vec3::cmeq, Arr::H8, false, true},
    {Opcode::I16x8LtS, Vec3::cmgt, Arr::H8, true, false},       {Opcode::I16x8LtU, Vec3::cmhi, Arr::H8, true, false},
    {Opcode::I16x8GtS, Vec3::cmgt, Arr::H8, false, false},      {Opcode::I16x8GtU, Vec3::cmhi, Arr::H8, false, false},
    {Opcode::I16x8LeS, Vec3::cmge, Arr::H8, true, false},       {Opcode::I16x8LeU, Vec3::cmhs, Arr::H8, true, false},
    {Opcode::I16x8GeS, Vec3::cmge, Arr::H8, false, false},      {Opcode::I16x8GeU, Vec3::cmhs, Arr::H8, false, false},
    {Opcode::I32x4Eq, Vec3::cmeq, Arr::S4, false, false},       {Opcode::I32x4Ne, Vec3::cmeq, Arr::S4, false, true},
    {Opcode::I32x4LtS, Vec3::cmgt, Arr::S4, true, false},       {Opcode::I32x4LtU, Vec3::cmhi, Arr::S4, true, false},
    {Opcode::I32x4GtS, Vec3::cmgt, Arr::S4, false, false},      {Opcode::I32x4GtU, Vec3::cmhi, Arr::S4, false, false},
    {Opcode::I32x4LeS, Vec3::cmge, Arr::S4, true, false},       {Opcode::I32x4LeU, Vec3::cmhs, Arr::S4, true, false},
    {Opcode::I32x4GeS, Vec3::cmge, Arr::S4, false, false},      {Opcode::I32x4GeU, Vec3::cmhs, Arr::S4, false, false},
    {Opcode::I64x2Eq, Vec3::cmeq, Arr::D2, false, false},       {Opcode::I64x2Ne, Vec3::cmeq, Arr::D2, false, true},
    {Opcode::I64x2LtS, Vec3::cmgt, Arr::D2, true, false},       {Opcode::I64x2GtS, Vec3::cmgt, Arr::D2, false, false},
    {Opcode::I64x2LeS, Vec3::cmge, Arr::D2, true, false},       {Opcode::I64x2GeS, Vec3::cmge, Arr::D2, false, false},
    {Opcode::I8x16MinS, Vec3::smin, Arr::B16, false, false},    {Opcode::I8x16MinU, Vec3::umin, Arr::B16, false, false},
    {Opcode::I8x16MaxS, Vec3::smax, Arr::B16, false, false},    {Opcode::I8x16MaxU, Vec3::umax, Arr::B16, false, false},
    {Opcode::I16x8MinS, Vec3::smin, Arr::H8, false, false},     {Opcode::I16x8MinU, Vec3::umin, Arr::H8, false, false},
    {Opcode::I16x8MaxS, Vec3::smax, Arr::H8, false, false},     {Opcode::I16x8MaxU, Vec3::umax, Arr::H8, false, false},
    {Opcode::I32x4MinS, Vec3::smin, Arr::S4, false, false},     {Opcode::I32x4MinU, Vec3::umin, Arr::S4, false, false},
    {Opcode::I32x4MaxS, Vec3::smax, Arr::S4, false, false},     {Opcode::I32x4MaxU, Vec3::umax, Arr::S4, false, false},
    {Opcode::I8x16AddSatS, Vec3::sqadd, Arr::B16, false, false}, {Opcode::I8x16AddSatU, Vec3::uqadd, Arr::B16, false, false},
    {Opcode::I8x16SubSatS, Vec3::sqsub, Arr::B16, false, false}, {Opcode::I8x16SubSatU, Vec3::uqsub, Arr::B16, false, false},
    {Opcode::I16x8AddSatS, Vec3::sqadd, Arr::H8, false, false}, {Opcode::I16x8AddSatU, Vec3::uqadd, Arr::H8, false, false},
    {Opcode::I16x8SubSatS, Vec3::sqsub, Arr::H8, false, false}, {Opcode::I16x8SubSatU, Vec3::uqsub, Arr::H8, false, false},
    {Opcode::I8x16AvgrU, Vec3::urhadd, Arr::B16, false, false}, {Opcode::I16x8AvgrU, Vec3::urhadd, Arr::H8, false, false},
};
struct LogicRow {
  Opcode op;
  VecLogic logic;
};
constexpr LogicRow kLogicRows[] = {
    {Opcode::V128And, VecLogic::and_}, {Opcode::V128Or, VecLogic::orr},
    {Opcode::V128Xor, VecLogic::eor},  {Opcode::V128Andnot, VecLogic::bic},  // a & ~b
};
// Lanes to and from general registers: splat, extract (signed or not), replace.
struct ScalarLaneRow {
  Opcode op;
  Vw lane;
  Arr arr;
  ValType scalar;
  bool sign_extend;
};
constexpr ScalarLaneRow kSplatRows[] = {
    {Opcode::I8x16Splat, Vw::B, Arr::B16, ValType::I32, false}, {Opcode::I16x8Splat, Vw::H, Arr::H8, ValType::I32, false},
    {Opcode::I32x4Splat, Vw::S, Arr::S4, ValType::I32, false},  {Opcode::I64x2Splat, Vw::D, Arr::D2, ValType::I64, false},
    {Opcode::F32x4Splat, Vw::S, Arr::S4, ValType::F32, false},  {Opcode::F64x2Splat, Vw::D, Arr::D2, ValType::F64, false},
};
constexpr ScalarLaneRow kExtractRows[] = {
    {Opcode::I8x16ExtractLaneS, Vw::B, Arr::B16, ValType::I32, true},
    {Opcode::I8x16ExtractLaneU, Vw::B, Arr::B16, ValType::I32, false},
    {Opcode::I16x8ExtractLaneS, Vw::H, Arr::H8, ValType::I32, true},
    {Opcode::I16x8ExtractLaneU, Vw::H, Arr::H8, ValType::I32, false},
    {Opcode::I32x4ExtractLane, Vw::S, Arr::S4, ValType::I32, false},
    {Opcode::I64x2ExtractLane, Vw::D, Arr::D2, ValType::I64, false},
    {Opcode::F32x4ExtractLane, Vw::S, Arr::S4, ValType::F32, false},  // the bits, in a general register
    {Opcode::F64x2ExtractLane, Vw::D, Arr::D2, ValType::F64, false},
};
constexpr ScalarLaneRow kReplaceRows[] = {
    {Opcode::I8x16ReplaceLane, Vw::B, Arr::B16, ValType::I32, false},
    {Opcode::I16x8ReplaceLane, Vw::H, Arr::H8, ValType::I32, false},
    {Opcode::I32x4ReplaceLane, Vw::S, Arr::S4, ValType::I32, false},
    {Opcode::I64x2ReplaceLane, Vw::D, Arr::D2, ValType::I64, false},
    {Opcode::F32x4ReplaceLane, Vw::S, Arr::S4, ValType::F32, false},
    {Opcode::F64x2ReplaceLane, Vw::D, Arr::D2, ValType::F64, false},
};
struct NegRow {
  Opcode op;
  Arr arr;
};
constexpr NegRow kNegRows[] = {
    {Opcode::I8x16Neg, Arr::B16}, {Opcode::I16x8Neg, Arr::H8}, {Opcode::I32x4Neg, Arr::S4}, {Opcode::I64x2Neg, Arr::D2}};

constexpr RowIndex kLaneIndex(kLaneRows);
constexpr RowIndex kLogicIndex(kLogicRows);
constexpr RowIndex kSplatIndex(kSplatRows);
constexpr RowIndex kExtractIndex(kExtractRows);
constexpr RowIndex kReplaceIndex(kReplaceRows);
constexpr RowIndex kNegIndex(kNegRows);

bool compiled_here(Opcode op) {
  switch (op) {
    case Opcode::V128Const:
    case Opcode::V128Load:
    case Opcode::V128Store:
    case Opcode::V128Not:
    case Opcode::V128Bitselect: return true;
    default:
      return kLaneIndex.find(op) || kLogicIndex.find(op) || kSplatIndex.find(op) || kExtractIndex.find(op) ||
             kReplaceIndex.find(op) || kNegIndex.find(op);
  }
}

}  // namespace

// The v128 at slots s and s + 1 as a q-register operand: [x19 + 8s] when an offset field holds
// it, else through x16 (and x17 when the offset has no add immediate).
Mem Compiler::v128_slot(uint32_t s) {
  const Mem direct = Mem::at(kFp, int64_t(8) * s);
  if (Assembler::is_encodable(Ls::ldr_q, direct)) return direct;
  add_imm64(kScratch0, kFp, uint64_t(8) * s);
  return Mem::at(kScratch0);
}

// A v128 instruction with its operands ending at height h0; false (nothing emitted, the walk
// not moved) when it is not compiled yet.
bool Compiler::simd(const Instr& in, uint32_t h0) {
  if (!compiled_here(in.op)) return false;
  walk_.effect(in);
  const VReg x = kFpScratch0, y = kFpScratch1;
  if (const LaneRow* r = kLaneIndex.find(in.op)) {  // a at h0 - 4, b at h0 - 2; the result over a
    a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
    a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
    if (r->swap) a_.vec3(r->vec, r->arr, x, y, x);
    else a_.vec3(r->vec, r->arr, x, x, y);
    if (r->invert) {  // all ones from comparing a register with itself
      a_.vec3(Vec3::cmeq, Arr::B16, y, y, y);
      a_.vec_logic(VecLogic::eor, true, x, x, y);
    }
    a_.str(Vw::Q, x, v128_slot(h0 - 4));
    return true;
  }
  if (const LogicRow* r = kLogicIndex.find(in.op)) {
    a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
    a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
    a_.vec_logic(r->logic, true, x, x, y);
    a_.str(Vw::Q, x, v128_slot(h0 - 4));
    return true;
  }
  if (const NegRow* r = kNegIndex.find(in.op)) {  // 0 - a
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    a_.vec_logic(VecLogic::eor, true, y, y, y);
    a_.vec3(Vec3::sub, r->arr, x, y, x);
    a_.str(Vw::Q, x, v128_slot(h0 - 2));
    return true;
  }
  if (const ScalarLaneRow* r = kSplatIndex.find(in.op)) {  // the scalar at h0 - 1 becomes the v128 there
    vs_.copy_to(kScratch1, h0 - 1);
    vs_.set_slot(h0 - 1, ValType::V128);
    a_.dup(r->arr, x, kScratch1);
    a_.str(Vw::Q, x, v128_slot(h0 - 1));
    vs_.set_slot(h0, ValType::V128);
    return true;
  }
  if (const ScalarLaneRow* r = kExtractIndex.find(in.op)) {  // the v128 at h0 - 2 becomes the scalar there
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    const Reg d = vs_.take_gpr();
    if (r->sign_extend) a_.smov(r->lane, W::W32, d, x, in.lane);
    else a_.umov(r->lane, d, x, in.lane);
    vs_.set_slot(h0 - 1, ValType::I32);
    vs_.set_gpr(h0 - 2, d, r->scalar);
    return true;
  }
  if (const ScalarLaneRow* r = kReplaceIndex.find(in.op)) {  // the scalar at h0 - 1 into the v128 at h0 - 3
    a_.ldr(Vw::Q, x, v128_slot(h0 - 3));
    vs_.copy_to(kScratch1, h0 - 1);
    vs_.set_slot(h0 - 1, r->scalar);
    a_.ins(r->lane, x, in.lane, kScratch1);
    a_.str(Vw::Q, x, v128_slot(h0 - 3));
    return true;
  }
  switch (in.op) {
    case Opcode::V128Const: {
      uint64_t half[2];
      std::memcpy(half, in.v128.bytes.data(), 16);
      for (uint32_t k = 0; k < 2; ++k) {
        if (half[k] == 0) {
          a_.str(W::W64, Reg::zr, slot(h0 + k));
        } else {
          a_.mov_imm(W::W64, kScratch0, half[k]);
          a_.str(W::W64, kScratch0, slot(h0 + k));
        }
        vs_.set_slot(h0 + k, ValType::V128);
      }
      return true;
    }
    case Opcode::V128Not:
      a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
      a_.vec3(Vec3::cmeq, Arr::B16, y, y, y);
      a_.vec_logic(VecLogic::eor, true, x, x, y);
      a_.str(Vw::Q, x, v128_slot(h0 - 2));
      return true;
    case Opcode::V128Bitselect: {  // (v1 & c) | (v2 & ~c): bsl on c, with a free register for v2
      const VReg t = vs_.take_fpr();
      a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
      a_.ldr(Vw::Q, y, v128_slot(h0 - 6));
      a_.ldr(Vw::Q, t, v128_slot(h0 - 4));
      a_.vec_logic(VecLogic::bsl, true, x, y, t);
      a_.str(Vw::Q, x, v128_slot(h0 - 6));
      return true;
    }
    case Opcode::V128Load: {  // the address at h0 - 1 becomes the v128 there
      const uint32_t at = h0 - 1;
      if (vs_.at(at).kind != Loc::Const) vs_.to_gpr(at);
      Pins pins;
      pins.pin(vs_.at(at));
      const Mem host = address(in.mem, at, 16, MemoryAccess::Kind::Read, pins);
      a_.ldr(Vw::Q, x, host);
      vs_.set_slot(at, ValType::V128);
      a_.str(Vw::Q, x, v128_slot(at));
      vs_.set_slot(at + 1, ValType::V128);
      return true;
    }
    case Opcode::V128Store: {  // the v128 at h0 - 2 to the address at h0 - 3
      const uint32_t at = h0 - 3;
      a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
      if (vs_.at(at).kind != Loc::Const) vs_.to_gpr(at);
      const Mem host = address(in.mem, at, 16, MemoryAccess::Kind::Write, {});
      a_.str(Vw::Q, x, host);
      vs_.set_slot(at, ValType::I32);
      return true;
    }
    default: return false;  // unreached: compiled_here said yes
  }
}

}  // namespace mnemo::jit::arm64
