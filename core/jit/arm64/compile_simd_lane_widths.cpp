// core/jit/arm64/compile_simd_lane_widths.cpp: the v128 instructions whose result lanes are
// wider or narrower than their operands' (part of the AArch64 Compiler, function_compiler.h; the
// rest of v128 is compile_simd.cpp, whose conventions these follow): extends, extmul,
// extadd_pairwise, dot, the narrows, and the conversions between f64x2 and 32-bit lanes. NEON has
// a long or narrowing form for nearly each; its saturating narrows and conversions saturate as
// WebAssembly's do (NaN -> 0).
#include "core/jit/arm64/function_compiler.h"
#include "core/jit/opcode_rows.h"

namespace mnemo::jit::arm64 {
namespace {

using Arr = Assembler::Arr;
using VecNarrow = Assembler::VecNarrow;
using F1 = Assembler::VecFp1;

// Lanes of `from` width made twice as wide: extend (a register's low or high half), extmul (the
// same halves of two, multiplied), extadd_pairwise (adjacent lanes added; `high` unused).
struct WidenRow {
  Opcode op;
  Vw from;
  bool is_signed;
  bool high;
};
constexpr WidenRow kExtendRows[] = {
    {Opcode::I16x8ExtendLowI8x16S, Vw::B, true, false},  {Opcode::I16x8ExtendHighI8x16S, Vw::B, true, true},
    {Opcode::I16x8ExtendLowI8x16U, Vw::B, false, false}, {Opcode::I16x8ExtendHighI8x16U, Vw::B, false, true},
    {Opcode::I32x4ExtendLowI16x8S, Vw::H, true, false},  {Opcode::I32x4ExtendHighI16x8S, Vw::H, true, true},
    {Opcode::I32x4ExtendLowI16x8U, Vw::H, false, false}, {Opcode::I32x4ExtendHighI16x8U, Vw::H, false, true},
    {Opcode::I64x2ExtendLowI32x4S, Vw::S, true, false},  {Opcode::I64x2ExtendHighI32x4S, Vw::S, true, true},
    {Opcode::I64x2ExtendLowI32x4U, Vw::S, false, false}, {Opcode::I64x2ExtendHighI32x4U, Vw::S, false, true},
};
constexpr WidenRow kExtmulRows[] = {
    {Opcode::I16x8ExtmulLowI8x16S, Vw::B, true, false},  {Opcode::I16x8ExtmulHighI8x16S, Vw::B, true, true},
    {Opcode::I16x8ExtmulLowI8x16U, Vw::B, false, false}, {Opcode::I16x8ExtmulHighI8x16U, Vw::B, false, true},
    {Opcode::I32x4ExtmulLowI16x8S, Vw::H, true, false},  {Opcode::I32x4ExtmulHighI16x8S, Vw::H, true, true},
    {Opcode::I32x4ExtmulLowI16x8U, Vw::H, false, false}, {Opcode::I32x4ExtmulHighI16x8U, Vw::H, false, true},
    {Opcode::I64x2ExtmulLowI32x4S, Vw::S, true, false},  {Opcode::I64x2ExtmulHighI32x4S, Vw::S, true, true},
    {Opcode::I64x2ExtmulLowI32x4U, Vw::S, false, false}, {Opcode::I64x2ExtmulHighI32x4U, Vw::S, false, true},
};
constexpr WidenRow kExtaddRows[] = {
    {Opcode::I16x8ExtaddPairwiseI8x16S, Vw::B, true, false},
    {Opcode::I16x8ExtaddPairwiseI8x16U, Vw::B, false, false},
    {Opcode::I32x4ExtaddPairwiseI16x8S, Vw::H, true, false},
    {Opcode::I32x4ExtaddPairwiseI16x8U, Vw::H, false, false},
};
// Two operands' lanes halved to `to` and saturated, a's into the low half of the result, b's the
// high: signed to signed, or signed to unsigned.
struct NarrowRow {
  Opcode op;
  VecNarrow narrow;
  Vw to;
};
constexpr NarrowRow kNarrowRows[] = {
    {Opcode::I8x16NarrowI16x8S, VecNarrow::sqxtn, Vw::B},
    {Opcode::I8x16NarrowI16x8U, VecNarrow::sqxtun, Vw::B},
    {Opcode::I16x8NarrowI32x4S, VecNarrow::sqxtn, Vw::H},
    {Opcode::I16x8NarrowI32x4U, VecNarrow::sqxtun, Vw::H},
};

constexpr RowIndex kExtendIndex(kExtendRows);
constexpr RowIndex kExtmulIndex(kExtmulRows);
constexpr RowIndex kExtaddIndex(kExtaddRows);
constexpr RowIndex kNarrowIndex(kNarrowRows);

// The conversions between f64x2 and the low two 32-bit lanes (the others zero in a result).
bool converts_f64x2(Opcode op) {
  switch (op) {
    case Opcode::F64x2ConvertLowI32x4S:
    case Opcode::F64x2ConvertLowI32x4U:
    case Opcode::I32x4TruncSatF64x2SZero:
    case Opcode::I32x4TruncSatF64x2UZero:
    case Opcode::F32x4DemoteF64x2Zero:
    case Opcode::F64x2PromoteLowF32x4: return true;
    default: return false;
  }
}

}  // namespace

bool Compiler::changes_lane_width(Opcode op) {
  return kExtendIndex.find(op) || kExtmulIndex.find(op) || kExtaddIndex.find(op) || kNarrowIndex.find(op) ||
         op == Opcode::I32x4DotI16x8S || converts_f64x2(op);
}

// One of changes_lane_width's instructions, its operands ending at height h0 (the walk already
// past it).
void Compiler::simd_lane_width(const Instr& in, uint32_t h0) {
  const VReg x = kFpScratch0, y = kFpScratch1;
  if (const WidenRow* r = kExtendIndex.find(in.op)) {
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    a_.xtl(r->is_signed, r->from, r->high, x, x);
    a_.str(Vw::Q, x, v128_slot(h0 - 2));
    return;
  }
  if (const WidenRow* r = kExtaddIndex.find(in.op)) {
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    a_.addlp(r->is_signed, r->from, x, x);
    a_.str(Vw::Q, x, v128_slot(h0 - 2));
    return;
  }
  if (const WidenRow* r = kExtmulIndex.find(in.op)) {  // a at h0 - 4, b at h0 - 2; the result over a
    a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
    a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
    a_.mull(r->is_signed, r->from, r->high, x, x, y);
    a_.str(Vw::Q, x, v128_slot(h0 - 4));
    return;
  }
  if (const NarrowRow* r = kNarrowIndex.find(in.op)) {
    a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
    a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
    a_.narrow(r->narrow, r->to, false, x, x);
    a_.narrow(r->narrow, r->to, true, x, y);
    a_.str(Vw::Q, x, v128_slot(h0 - 4));
    return;
  }
  if (in.op == Opcode::I32x4DotI16x8S) {  // the products of the low and high halves, added in pairs
    const VReg high = vs_.take_fpr();
    a_.ldr(Vw::Q, x, v128_slot(h0 - 4));
    a_.ldr(Vw::Q, y, v128_slot(h0 - 2));
    a_.mull(true, Vw::H, true, high, x, y);
    a_.mull(true, Vw::H, false, x, x, y);
    // Only -32768 * -32768 twice overflows: 2^31 wraps to INT32_MIN, as WebAssembly's sum does.
    a_.vec3(Assembler::Vec3::addp, Arr::S4, x, x, high);
    a_.str(Vw::Q, x, v128_slot(h0 - 4));
    return;
  }
  // One operand, in place. The narrowing steps write the low half and clear the high one: the
  // zero lanes of the _zero forms.
  a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
  switch (in.op) {
    case Opcode::F64x2ConvertLowI32x4S:
      a_.xtl(true, Vw::S, false, x, x);
      a_.vec_fp1(F1::scvtf, Fp::F64, x, x);  // exact: every i32 is an f64
      break;
    case Opcode::F64x2ConvertLowI32x4U:
      a_.xtl(false, Vw::S, false, x, x);
      a_.vec_fp1(F1::ucvtf, Fp::F64, x, x);
      break;
    case Opcode::I32x4TruncSatF64x2SZero:  // saturated to i64 first, then to i32
      a_.vec_fp1(F1::fcvtzs, Fp::F64, x, x);
      a_.narrow(VecNarrow::sqxtn, Vw::S, false, x, x);
      break;
    case Opcode::I32x4TruncSatF64x2UZero:
      a_.vec_fp1(F1::fcvtzu, Fp::F64, x, x);
      a_.narrow(VecNarrow::uqxtn, Vw::S, false, x, x);
      break;
    case Opcode::F32x4DemoteF64x2Zero: a_.fcvtn(false, x, x); break;
    default: a_.fcvtl(false, x, x); break;  // F64x2PromoteLowF32x4
  }
  a_.str(Vw::Q, x, v128_slot(h0 - 2));
}

}  // namespace mnemo::jit::arm64
