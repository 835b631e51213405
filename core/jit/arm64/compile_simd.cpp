// core/jit/arm64/compile_simd.cpp: v128 on NEON, part of the AArch64 Compiler
// (function_compiler.h). v128 values live in their two frame slots (as on x86-64): an instruction
// loads its operands into v30 / v31, computes, and stores the result back. Every v128 instruction
// is compiled: here v128.const, the lanes' splat / extract / replace, shuffle and swizzle (tbl),
// the integer lanes' add, sub, mul (i64x2's through general registers), neg, abs, popcnt, shifts,
// comparisons, min / max, saturating add / sub, avgr_u, q15mulr_sat_s, all_true and bitmask, the
// float lanes' arithmetic, min / max / pmin / pmax, rounding and comparisons, the conversions
// between f32x4 and i32x4, and the bitwise instructions with any_true; the loads and stores in
// compile_simd_memory.cpp; extends, extmul, extadd_pairwise, dot, the narrows and the
// conversions between f64x2 and 32-bit lanes in compile_simd_lane_widths.cpp.
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
    {Opcode::I16x8Q15mulrSatS, Vec3::sqrdmulh, Arr::H8, false, false},  // (ab + 2^14) >> 15, saturated: the same
};
// The float lanes: IEEE operations as WebAssembly's (fmin / fmax propagate NaN and order -0 below
// +0); comparisons as the integer ones, a NaN lane false but for ne.
struct FloatLaneRow {
  Opcode op;
  Fp fp;
  Assembler::VecFp3 vec;
  bool swap;
  bool invert;
};
using F3 = Assembler::VecFp3;
constexpr FloatLaneRow kFloatLaneRows[] = {
    {Opcode::F32x4Add, Fp::F32, F3::fadd, false, false},  {Opcode::F32x4Sub, Fp::F32, F3::fsub, false, false},
    {Opcode::F32x4Mul, Fp::F32, F3::fmul, false, false},  {Opcode::F32x4Div, Fp::F32, F3::fdiv, false, false},
    {Opcode::F32x4Min, Fp::F32, F3::fmin, false, false},  {Opcode::F32x4Max, Fp::F32, F3::fmax, false, false},
    {Opcode::F32x4Eq, Fp::F32, F3::fcmeq, false, false},  {Opcode::F32x4Ne, Fp::F32, F3::fcmeq, false, true},
    {Opcode::F32x4Lt, Fp::F32, F3::fcmgt, true, false},   {Opcode::F32x4Gt, Fp::F32, F3::fcmgt, false, false},
    {Opcode::F32x4Le, Fp::F32, F3::fcmge, true, false},   {Opcode::F32x4Ge, Fp::F32, F3::fcmge, false, false},
    {Opcode::F64x2Add, Fp::F64, F3::fadd, false, false},  {Opcode::F64x2Sub, Fp::F64, F3::fsub, false, false},
    {Opcode::F64x2Mul, Fp::F64, F3::fmul, false, false},  {Opcode::F64x2Div, Fp::F64, F3::fdiv, false, false},
    {Opcode::F64x2Min, Fp::F64, F3::fmin, false, false},  {Opcode::F64x2Max, Fp::F64, F3::fmax, false, false},
    {Opcode::F64x2Eq, Fp::F64, F3::fcmeq, false, false},  {Opcode::F64x2Ne, Fp::F64, F3::fcmeq, false, true},
    {Opcode::F64x2Lt, Fp::F64, F3::fcmgt, true, false},   {Opcode::F64x2Gt, Fp::F64, F3::fcmgt, false, false},
    {Opcode::F64x2Le, Fp::F64, F3::fcmge, true, false},   {Opcode::F64x2Ge, Fp::F64, F3::fcmge, false, false},
};
// One operand, lanes of one width: the float lanes' unary operations, and the conversions between
// f32x4 and i32x4 (fcvtzs / fcvtzu saturate and take NaN to 0, as trunc_sat does).
struct FloatUnaryRow {
  Opcode op;
  Fp fp;
  Assembler::VecFp1 vec;
};
using F1 = Assembler::VecFp1;
constexpr FloatUnaryRow kFloatUnaryRows[] = {
    {Opcode::F32x4Abs, Fp::F32, F1::fabs},     {Opcode::F32x4Neg, Fp::F32, F1::fneg},
    {Opcode::F32x4Sqrt, Fp::F32, F1::fsqrt},   {Opcode::F32x4Ceil, Fp::F32, F1::frintp},
    {Opcode::F32x4Floor, Fp::F32, F1::frintm}, {Opcode::F32x4Trunc, Fp::F32, F1::frintz},
    {Opcode::F32x4Nearest, Fp::F32, F1::frintn}, {Opcode::F64x2Abs, Fp::F64, F1::fabs},
    {Opcode::F64x2Neg, Fp::F64, F1::fneg},     {Opcode::F64x2Sqrt, Fp::F64, F1::fsqrt},
    {Opcode::F64x2Ceil, Fp::F64, F1::frintp},  {Opcode::F64x2Floor, Fp::F64, F1::frintm},
    {Opcode::F64x2Trunc, Fp::F64, F1::frintz}, {Opcode::F64x2Nearest, Fp::F64, F1::frintn},
    {Opcode::F32x4ConvertI32x4S, Fp::F32, F1::scvtf}, {Opcode::F32x4ConvertI32x4U, Fp::F32, F1::ucvtf},
    {Opcode::I32x4TruncSatF32x4S, Fp::F32, F1::fcvtzs}, {Opcode::I32x4TruncSatF32x4U, Fp::F32, F1::fcvtzu},
};
// pmin / pmax: b where b < a (pmin) or a < b (pmax), else a; NaNs and signed zeros as that says.
struct PseudoRow {
  Opcode op;
  Fp fp;
  bool max;
};
constexpr PseudoRow kPseudoRows[] = {{Opcode::F32x4Pmin, Fp::F32, false}, {Opcode::F32x4Pmax, Fp::F32, true},
                                     {Opcode::F64x2Pmin, Fp::F64, false}, {Opcode::F64x2Pmax, Fp::F64, true}};

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
// One v128 operand: neg, abs (wrapping: abs of the lane minimum is itself, as NEON's is), popcnt.
struct MiscRow {
  Opcode op;
  Assembler::VecMisc misc;
  Arr arr;
};
using VM = Assembler::VecMisc;
constexpr MiscRow kMiscRows[] = {
    {Opcode::I8x16Neg, VM::neg, Arr::B16}, {Opcode::I16x8Neg, VM::neg, Arr::H8}, {Opcode::I32x4Neg, VM::neg, Arr::S4},
    {Opcode::I64x2Neg, VM::neg, Arr::D2},  {Opcode::I8x16Abs, VM::abs, Arr::B16}, {Opcode::I16x8Abs, VM::abs, Arr::H8},
    {Opcode::I32x4Abs, VM::abs, Arr::S4},  {Opcode::I64x2Abs, VM::abs, Arr::D2}, {Opcode::I8x16Popcnt, VM::cnt, Arr::B16},
};

// Shifts by a scalar count: NEON shifts each lane by the signed low byte of the count's lane,
// right for a negative one.
struct ShiftRow {
  Opcode op;
  Arr arr;
  uint8_t bits;
  bool right;
  Vec3 vec;
};
constexpr ShiftRow kShiftRows[] = {
    {Opcode::I8x16Shl, Arr::B16, 8, false, Vec3::ushl},   {Opcode::I8x16ShrS, Arr::B16, 8, true, Vec3::sshl},
    {Opcode::I8x16ShrU, Arr::B16, 8, true, Vec3::ushl},   {Opcode::I16x8Shl, Arr::H8, 16, false, Vec3::ushl},
    {Opcode::I16x8ShrS, Arr::H8, 16, true, Vec3::sshl},   {Opcode::I16x8ShrU, Arr::H8, 16, true, Vec3::ushl},
    {Opcode::I32x4Shl, Arr::S4, 32, false, Vec3::ushl},   {Opcode::I32x4ShrS, Arr::S4, 32, true, Vec3::sshl},
    {Opcode::I32x4ShrU, Arr::S4, 32, true, Vec3::ushl},   {Opcode::I64x2Shl, Arr::D2, 64, false, Vec3::ushl},
    {Opcode::I64x2ShrS, Arr::D2, 64, true, Vec3::sshl},   {Opcode::I64x2ShrU, Arr::D2, 64, true, Vec3::ushl},
};
// all_true: no lane is zero.
struct AllTrueRow {
  Opcode op;
  Arr arr;
};
constexpr AllTrueRow kAllTrueRows[] = {{Opcode::I8x16AllTrue, Arr::B16},
                                       {Opcode::I16x8AllTrue, Arr::H8},
                                       {Opcode::I32x4AllTrue, Arr::S4},
                                       {Opcode::I64x2AllTrue, Arr::D2}};

// bitmask: each lane's top bit, lane k's in bit k of an i32.
struct BitmaskRow {
  Opcode op;
  Vw lane;
};
constexpr BitmaskRow kBitmaskRows[] = {{Opcode::I8x16Bitmask, Vw::B},
                                       {Opcode::I16x8Bitmask, Vw::H},
                                       {Opcode::I32x4Bitmask, Vw::S},
                                       {Opcode::I64x2Bitmask, Vw::D}};

constexpr RowIndex kLaneIndex(kLaneRows);
constexpr RowIndex kFloatLaneIndex(kFloatLaneRows);
constexpr RowIndex kFloatUnaryIndex(kFloatUnaryRows);
constexpr RowIndex kPseudoIndex(kPseudoRows);
constexpr RowIndex kShiftIndex(kShiftRows);
constexpr RowIndex kAllTrueIndex(kAllTrueRows);
constexpr RowIndex kLogicIndex(kLogicRows);
constexpr RowIndex kSplatIndex(kSplatRows);
constexpr RowIndex kExtractIndex(kExtractRows);
constexpr RowIndex kReplaceIndex(kReplaceRows);
constexpr RowIndex kMiscIndex(kMiscRows);
constexpr RowIndex kBitmaskIndex(kBitmaskRows);

bool compiled_here(Opcode op) {
  switch (op) {
    case Opcode::V128Const:
    case Opcode::V128Not:
    case Opcode::V128Bitselect:
    case Opcode::V128AnyTrue:
    case Opcode::I8x16Shuffle:
    case Opcode::I8x16Swizzle:
    case Opcode::I64x2Mul: return true;
    default:
      return kLaneIndex.find(op) || kLogicIndex.find(op) || kSplatIndex.find(op) || kExtractIndex.find(op) ||
             kReplaceIndex.find(op) || kMiscIndex.find(op) || kShiftIndex.find(op) || kAllTrueIndex.find(op) ||
             kFloatLaneIndex.find(op) || kFloatUnaryIndex.find(op) || kPseudoIndex.find(op) ||
             kBitmaskIndex.find(op);
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

// The v128 in v30 tested for any nonzero bit (its two halves or-ed in x16), the i32 result
// at slot `s`: 1 when `c` holds of that test (ne: some bit set, eq: none).
void Compiler::any_true_to(uint32_t s, Cond c) {
  a_.umov(Vw::D, kScratch0, kFpScratch0, 0);
  a_.umov(Vw::D, kScratch1, kFpScratch0, 1);
  a_.orr(W::W64, kScratch0, kScratch0, kScratch1);
  a_.cmp(W::W64, kScratch0, 0);
  vs_.set_slot(s + 1, ValType::I32);
  condition_result(c, s, {});
}

// bitmask of the v128 in v30, whose lanes are `lane` wide, into `d`. Signed saturating narrows
// keep each lane's sign, so the lanes are first narrowed to bytes (the upper ones zero); then per
// 64-bit half, each byte's top bit shifted to the byte's bit 0, and a multiply that gathers byte
// k's bit 0 into bit 56 + k (its partial products land on distinct bits: no carries).
void Compiler::bitmask_to(Vw lane, Reg d) {
  for (Vw to = lane; to != Vw::B;) {
    to = Vw(uint8_t(to) - 1);
    a_.narrow(Assembler::VecNarrow::sqxtn, to, false, kFpScratch0, kFpScratch0);
  }
  a_.mov_imm(W::W64, kScratch2, 0x0102040810204080);
  const auto gather = [&](Reg r, uint8_t half) {
    a_.umov(Vw::D, r, kFpScratch0, half);
    a_.lsr(W::W64, r, r, uint8_t(7));
    a_.and_(W::W64, r, r, uint64_t(0x0101010101010101));
    a_.mul(W::W64, r, r, kScratch2);
    a_.lsr(W::W64, r, r, uint8_t(56));
  };
  gather(d, 0);
  if (lane == Vw::B) {  // sixteen bytes: the high half's eight bits above the low half's
    gather(kScratch1, 1);
    a_.orr(W::W32, d, d, kScratch1, Shift::lsl, 8);
  }
}

// A v128 instruction with its operands ending at height h0; false (nothing emitted, the walk
// not moved) when it is not compiled (every one is now: the check stays for instructions to come).
bool Compiler::simd(const Instr& in, uint32_t h0) {
  if (accesses_memory(in.op) || changes_lane_width(in.op)) {
    walk_.effect(in);
    if (accesses_memory(in.op)) simd_memory(in, h0);
    else simd_lane_width(in, h0);
    return true;
  }
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
  if (const FloatLaneRow* r = kFloatLaneIndex.find(in.op)) {
    a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
    a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
    if (r->swap) a_.vec_fp3(r->vec, r->fp, x, y, x);
    else a_.vec_fp3(r->vec, r->fp, x, x, y);
    if (r->invert) {
      a_.vec3(Vec3::cmeq, Arr::B16, y, y, y);
      a_.vec_logic(VecLogic::eor, true, x, x, y);
    }
    a_.str(Vw::Q, x, v128_slot(h0 - 4));
    return true;
  }
  if (const FloatUnaryRow* r = kFloatUnaryIndex.find(in.op)) {
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    a_.vec_fp1(r->vec, r->fp, x, x);
    a_.str(Vw::Q, x, v128_slot(h0 - 2));
    return true;
  }
  if (const PseudoRow* r = kPseudoIndex.find(in.op)) {  // the mask where b wins, then bsl picks b or a
    const VReg t = vs_.take_fpr();
    a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
    a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
    if (r->max) a_.vec_fp3(F3::fcmgt, r->fp, t, y, x);  // a < b
    else a_.vec_fp3(F3::fcmgt, r->fp, t, x, y);         // b < a
    a_.vec_logic(VecLogic::bsl, true, t, y, x);
    a_.str(Vw::Q, t, v128_slot(h0 - 4));
    return true;
  }
  if (const LogicRow* r = kLogicIndex.find(in.op)) {
    a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
    a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
    a_.vec_logic(r->logic, true, x, x, y);
    a_.str(Vw::Q, x, v128_slot(h0 - 4));
    return true;
  }
  if (const MiscRow* r = kMiscIndex.find(in.op)) {
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    a_.vec_misc(r->misc, r->arr, x, x);
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
  if (const ShiftRow* r = kShiftIndex.find(in.op)) {  // v128 at h0 - 3, the count at h0 - 1
    vs_.copy_to(kScratch1, h0 - 1);
    vs_.set_slot(h0 - 1, ValType::I32);
    a_.and_(W::W32, kScratch1, kScratch1, uint64_t(r->bits - 1));  // the count modulo the lane width
    if (r->right) a_.neg(W::W32, kScratch1, kScratch1);
    a_.dup(r->arr, y, kScratch1);  // the count's low byte in every lane
    a_.ldr(Vw::Q, x, v128_slot(h0 - 3));
    a_.vec3(r->vec, r->arr, x, x, y);
    a_.str(Vw::Q, x, v128_slot(h0 - 3));
    return true;
  }
  if (const BitmaskRow* r = kBitmaskIndex.find(in.op)) {  // the v128 at h0 - 2 becomes the i32 there
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    const Reg d = vs_.take_gpr();
    bitmask_to(r->lane, d);
    vs_.set_slot(h0 - 1, ValType::I32);
    vs_.set_gpr(h0 - 2, d, ValType::I32);
    return true;
  }
  if (const AllTrueRow* r = kAllTrueIndex.find(in.op)) {  // no lane equal to zero: any_true of the compare, inverted
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    a_.vec_logic(VecLogic::eor, true, y, y, y);
    a_.vec3(Vec3::cmeq, r->arr, x, x, y);
    any_true_to(h0 - 2, Cond::eq);
    return true;
  }
  switch (in.op) {
    case Opcode::V128AnyTrue:
      a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
      any_true_to(h0 - 2, Cond::ne);
      return true;
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
    case Opcode::I8x16Swizzle:  // tbl gives 0 for an index past the table, as swizzle wants
      a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
      a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
      a_.tbl(x, x, 1, y);
      a_.str(Vw::Q, x, v128_slot(h0 - 4));
      return true;
    case Opcode::I8x16Shuffle: {  // tbl over a:b, v30:v31 (adjacent, as a table must be), the indices elsewhere
      const VReg indices = vs_.take_fpr();
      a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
      a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
      uint64_t half[2];
      std::memcpy(half, in.v128.bytes.data(), 16);
      a_.mov_imm(W::W64, kScratch0, half[0]);
      a_.fmov(W::W64, indices, kScratch0);
      a_.mov_imm(W::W64, kScratch1, half[1]);
      a_.ins(Vw::D, indices, 1, kScratch1);
      a_.tbl(indices, x, 2, indices);
      a_.str(Vw::Q, indices, v128_slot(h0 - 4));
      return true;
    }
    case Opcode::I64x2Mul:  // no 64-bit lane multiply in NEON: each lane through general registers
      a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
      a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
      for (uint8_t lane = 0; lane < 2; ++lane) {
        a_.umov(Vw::D, kScratch0, x, lane);
        a_.umov(Vw::D, kScratch1, y, lane);
        a_.mul(W::W64, kScratch0, kScratch0, kScratch1);
        a_.ins(Vw::D, x, lane, kScratch0);
      }
      a_.str(Vw::Q, x, v128_slot(h0 - 4));
      return true;
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
    default: return false;  // unreached: compiled_here said yes
  }
}

}  // namespace mnemo::jit::arm64
