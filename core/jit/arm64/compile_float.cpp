// core/jit/arm64/compile_float.cpp: the scalar float instructions in registers, part of the
// AArch64 Compiler (function_compiler.h). AArch64's scalar floating point is IEEE 754 as
// WebAssembly's is: fmin / fmax propagate NaN and order -0 below +0, frintn rounds ties to even,
// fcvtzs / fcvtzu truncate and saturate (NaN to 0) as the trunc_sat conversions want. Only the
// trapping conversions need more: their NaN and range checks, in the comparisons below.
#include <bit>

#include "core/jit/arm64/function_compiler.h"
#include "core/jit/opcode_rows.h"

namespace mnemo::jit::arm64 {
namespace {

struct BinaryRow {
  Opcode op;
  Fp fp;
  Fp2 fp2;
};
constexpr BinaryRow kBinaryRows[] = {
    {Opcode::F32Add, Fp::F32, Fp2::fadd}, {Opcode::F32Sub, Fp::F32, Fp2::fsub}, {Opcode::F32Mul, Fp::F32, Fp2::fmul},
    {Opcode::F32Div, Fp::F32, Fp2::fdiv}, {Opcode::F32Min, Fp::F32, Fp2::fmin}, {Opcode::F32Max, Fp::F32, Fp2::fmax},
    {Opcode::F64Add, Fp::F64, Fp2::fadd}, {Opcode::F64Sub, Fp::F64, Fp2::fsub}, {Opcode::F64Mul, Fp::F64, Fp2::fmul},
    {Opcode::F64Div, Fp::F64, Fp2::fdiv}, {Opcode::F64Min, Fp::F64, Fp2::fmin}, {Opcode::F64Max, Fp::F64, Fp2::fmax},
};
struct UnaryRow {
  Opcode op;
  Fp fp;
  Fp1 fp1;
};
constexpr UnaryRow kUnaryRows[] = {
    {Opcode::F32Abs, Fp::F32, Fp1::fabs},     {Opcode::F32Neg, Fp::F32, Fp1::fneg},
    {Opcode::F32Sqrt, Fp::F32, Fp1::fsqrt},   {Opcode::F32Ceil, Fp::F32, Fp1::frintp},
    {Opcode::F32Floor, Fp::F32, Fp1::frintm}, {Opcode::F32Trunc, Fp::F32, Fp1::frintz},
    {Opcode::F32Nearest, Fp::F32, Fp1::frintn}, {Opcode::F64Abs, Fp::F64, Fp1::fabs},
    {Opcode::F64Neg, Fp::F64, Fp1::fneg},     {Opcode::F64Sqrt, Fp::F64, Fp1::fsqrt},
    {Opcode::F64Ceil, Fp::F64, Fp1::frintp},  {Opcode::F64Floor, Fp::F64, Fp1::frintm},
    {Opcode::F64Trunc, Fp::F64, Fp1::frintz}, {Opcode::F64Nearest, Fp::F64, Fp1::frintn},
};
// After fcmp, an unordered pair (a NaN) sets C and V: eq, mi (less), ls (less or equal), gt and
// ge are false for it, ne true, as WebAssembly's comparisons want.
struct CompareRow {
  Opcode op;
  Fp fp;
  Cond cond;
};
constexpr CompareRow kCompareRows[] = {
    {Opcode::F32Eq, Fp::F32, Cond::eq}, {Opcode::F32Ne, Fp::F32, Cond::ne}, {Opcode::F32Lt, Fp::F32, Cond::mi},
    {Opcode::F32Gt, Fp::F32, Cond::gt}, {Opcode::F32Le, Fp::F32, Cond::ls}, {Opcode::F32Ge, Fp::F32, Cond::ge},
    {Opcode::F64Eq, Fp::F64, Cond::eq}, {Opcode::F64Ne, Fp::F64, Cond::ne}, {Opcode::F64Lt, Fp::F64, Cond::mi},
    {Opcode::F64Gt, Fp::F64, Cond::gt}, {Opcode::F64Le, Fp::F64, Cond::ls}, {Opcode::F64Ge, Fp::F64, Cond::ge},
};
// Float to integer: the source, the result's width, signedness, whether it traps (else it
// saturates), and for the trapping ones the open range (lo, hi) of sources that truncate into
// the result's range: the neighbours of the range's ends that the source type can hold.
struct TruncRow {
  Opcode op;
  Fp fp;
  W w;
  bool is_signed;
  bool traps;
  double lo, hi;
};
constexpr double k2p31 = 2147483648.0, k2p32 = 4294967296.0, k2p63 = 9223372036854775808.0,
                 k2p64 = 18446744073709551616.0;
constexpr TruncRow kTruncRows[] = {
    {Opcode::I32TruncF32S, Fp::F32, W::W32, true, true, -2147483904.0, k2p31},
    {Opcode::I32TruncF32U, Fp::F32, W::W32, false, true, -1.0, k2p32},
    {Opcode::I32TruncF64S, Fp::F64, W::W32, true, true, -2147483649.0, k2p31},
    {Opcode::I32TruncF64U, Fp::F64, W::W32, false, true, -1.0, k2p32},
    {Opcode::I64TruncF32S, Fp::F32, W::W64, true, true, -9223373136366403584.0, k2p63},
    {Opcode::I64TruncF32U, Fp::F32, W::W64, false, true, -1.0, k2p64},
    {Opcode::I64TruncF64S, Fp::F64, W::W64, true, true, -9223372036854777856.0, k2p63},
    {Opcode::I64TruncF64U, Fp::F64, W::W64, false, true, -1.0, k2p64},
    {Opcode::I32TruncSatF32S, Fp::F32, W::W32, true, false, 0, 0},
    {Opcode::I32TruncSatF32U, Fp::F32, W::W32, false, false, 0, 0},
    {Opcode::I32TruncSatF64S, Fp::F64, W::W32, true, false, 0, 0},
    {Opcode::I32TruncSatF64U, Fp::F64, W::W32, false, false, 0, 0},
    {Opcode::I64TruncSatF32S, Fp::F32, W::W64, true, false, 0, 0},
    {Opcode::I64TruncSatF32U, Fp::F32, W::W64, false, false, 0, 0},
    {Opcode::I64TruncSatF64S, Fp::F64, W::W64, true, false, 0, 0},
    {Opcode::I64TruncSatF64U, Fp::F64, W::W64, false, false, 0, 0},
};
// Integer to float: the result, the source's width and signedness.
struct ConvertRow {
  Opcode op;
  Fp fp;
  W w;
  bool is_signed;
};
constexpr ConvertRow kConvertRows[] = {
    {Opcode::F32ConvertI32S, Fp::F32, W::W32, true},  {Opcode::F32ConvertI32U, Fp::F32, W::W32, false},
    {Opcode::F32ConvertI64S, Fp::F32, W::W64, true},  {Opcode::F32ConvertI64U, Fp::F32, W::W64, false},
    {Opcode::F64ConvertI32S, Fp::F64, W::W32, true},  {Opcode::F64ConvertI32U, Fp::F64, W::W32, false},
    {Opcode::F64ConvertI64S, Fp::F64, W::W64, true},  {Opcode::F64ConvertI64U, Fp::F64, W::W64, false},
};
constexpr RowIndex kBinaryIndex(kBinaryRows);
constexpr RowIndex kUnaryIndex(kUnaryRows);
constexpr RowIndex kCompareIndex(kCompareRows);
constexpr RowIndex kTruncIndex(kTruncRows);
constexpr RowIndex kConvertIndex(kConvertRows);

ValType type_of(Fp fp) { return fp == Fp::F32 ? ValType::F32 : ValType::F64; }
W bits_width(Fp fp) { return fp == Fp::F32 ? W::W32 : W::W64; }

}  // namespace

// `value` (exact in the type) into v through x16.
void Compiler::load_float_constant(Fp fp, VReg v, double value) {
  const uint64_t bits = fp == Fp::F32 ? std::bit_cast<uint32_t>(float(value)) : std::bit_cast<uint64_t>(value);
  a_.mov_imm(bits_width(fp), kScratch0, bits);
  a_.fmov(bits_width(fp), v, kScratch0);
}

bool Compiler::float_in_registers(const Instr& in, uint32_t h0) {
  const uint32_t a = h0 - 2, b = h0 - 1, top = h0 - 1;
  if (const BinaryRow* row = kBinaryIndex.find(in.op)) {
    Pins pins;
    pins.pin(vs_.at(a));
    pins.pin(vs_.at(b));
    const VReg x = vs_.to_fpr(a, pins);
    pins.pin(vs_.at(a));
    const VReg y = vs_.to_fpr(b, pins);
    pins.pin(vs_.at(b));
    const VReg d = result_fpr(a, pins);
    a_.fp2(row->fp2, row->fp, d, x, y);
    vs_.set_slot(b, type_of(row->fp));
    vs_.set_fpr(a, d, type_of(row->fp));
    return true;
  }
  if (const UnaryRow* row = kUnaryIndex.find(in.op)) {
    const VReg x = vs_.to_fpr(top);
    Pins pins;
    pins.pin(vs_.at(top));
    const VReg d = result_fpr(top, pins);
    a_.fp1(row->fp1, row->fp, d, x);
    vs_.set_fpr(top, d, type_of(row->fp));
    return true;
  }
  if (const CompareRow* row = kCompareIndex.find(in.op)) {
    Pins pins;
    pins.pin(vs_.at(a));
    pins.pin(vs_.at(b));
    const VReg x = vs_.to_fpr(a, pins);
    pins.pin(vs_.at(a));
    const VReg y = vs_.to_fpr(b, pins);
    pins.pin(vs_.at(b));
    a_.fcmp(row->fp, x, y);
    vs_.set_slot(b, type_of(row->fp));
    vs_.set_slot(a, type_of(row->fp));
    condition_result(row->cond, a, pins);
    return true;
  }
  if (const TruncRow* row = kTruncIndex.find(in.op)) {
    const VReg x = vs_.to_fpr(top);
    Pins pins;
    pins.pin(vs_.at(top));
    if (row->traps) {  // NaN: invalid conversion; outside (lo, hi): overflow
      a_.fcmp(row->fp, x, x);
      a_.b(Cond::vs, trap_here(TrapCode::InvalidConversion).label);
      load_float_constant(row->fp, kFpScratch0, row->lo);
      a_.fcmp(row->fp, x, kFpScratch0);
      a_.b(Cond::ls, trap_here(TrapCode::IntegerOverflow).label);
      load_float_constant(row->fp, kFpScratch0, row->hi);
      a_.fcmp(row->fp, x, kFpScratch0);
      a_.b(Cond::ge, trap_here(TrapCode::IntegerOverflow).label);
    }
    const Reg d = vs_.take_gpr(pins);
    if (row->is_signed) a_.fcvtzs(row->w, d, row->fp, x);
    else a_.fcvtzu(row->w, d, row->fp, x);
    vs_.set_gpr(top, d, int_type(row->w));
    return true;
  }
  if (const ConvertRow* row = kConvertIndex.find(in.op)) {
    const Reg x = vs_.to_gpr(top);
    Pins pins;
    pins.pin(vs_.at(top));
    const VReg d = vs_.take_fpr(pins);
    if (row->is_signed) a_.scvtf(row->fp, d, row->w, x);
    else a_.ucvtf(row->fp, d, row->w, x);
    vs_.set_fpr(top, d, type_of(row->fp));
    return true;
  }
  switch (in.op) {
    case Opcode::F32DemoteF64:
    case Opcode::F64PromoteF32: {
      const Fp to = in.op == Opcode::F32DemoteF64 ? Fp::F32 : Fp::F64;
      const VReg x = vs_.to_fpr(top);
      Pins pins;
      pins.pin(vs_.at(top));
      const VReg d = result_fpr(top, pins);
      a_.fcvt(to, d, x);
      vs_.set_fpr(top, d, type_of(to));
      return true;
    }
    case Opcode::F32Copysign:
    case Opcode::F64Copysign: {  // a's magnitude with b's sign, through x16 and x17
      const Fp fp = in.op == Opcode::F32Copysign ? Fp::F32 : Fp::F64;
      const W w = bits_width(fp);
      const uint64_t sign = fp == Fp::F32 ? 0x80000000ull : 0x8000000000000000ull;
      Pins pins;
      pins.pin(vs_.at(a));
      pins.pin(vs_.at(b));
      const VReg x = vs_.to_fpr(a, pins);
      pins.pin(vs_.at(a));
      const VReg y = vs_.to_fpr(b, pins);
      pins.pin(vs_.at(b));
      a_.fmov(w, kScratch0, x);
      a_.fmov(w, kScratch1, y);
      a_.and_(w, kScratch0, kScratch0, sign - 1);
      a_.and_(w, kScratch1, kScratch1, sign);
      a_.orr(w, kScratch0, kScratch0, kScratch1);
      const VReg d = result_fpr(a, pins);
      a_.fmov(w, d, kScratch0);
      vs_.set_slot(b, type_of(fp));
      vs_.set_fpr(a, d, type_of(fp));
      return true;
    }
    default: return false;
  }
}

}  // namespace mnemo::jit::arm64
