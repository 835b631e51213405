// core/jit/x64/compile_float.cpp: the f32/f64 instructions compiled in XMM registers (arithmetic,
// comparisons, sqrt, conversions from integers, promotion and demotion), part of the x86-64
// Compiler (function_compiler.h); the rarer ones run in slot form (float_ops.h).
#include "core/jit/x64/function_compiler.h"

#include "core/jit/opcode_rows.h"

namespace mnemo::jit::x64 {

namespace {

// The f32/f64 rows compiled in registers: opcode, type, SSE operation.
struct SseRow {
  Opcode op;
  ValType t;
  Sse sse;
};
constexpr SseRow kSseRows[] = {
    {Opcode::F32Add, ValType::F32, Sse::add}, {Opcode::F32Sub, ValType::F32, Sse::sub},
    {Opcode::F32Mul, ValType::F32, Sse::mul}, {Opcode::F32Div, ValType::F32, Sse::div},
    {Opcode::F64Add, ValType::F64, Sse::add}, {Opcode::F64Sub, ValType::F64, Sse::sub},
    {Opcode::F64Mul, ValType::F64, Sse::mul}, {Opcode::F64Div, ValType::F64, Sse::div},
};
// Ordered float comparisons: ucomis of (first, second) operands, swapped for lt / le, true on
// `cond`, which an unordered pair (CF=ZF=PF=1) never satisfies.
struct FloatCompareRow {
  Opcode op;
  ValType t;
  bool swap;
  Cond cond;
};
constexpr FloatCompareRow kFloatCompareRows[] = {
    {Opcode::F32Gt, ValType::F32, false, Cond::a}, {Opcode::F32Ge, ValType::F32, false, Cond::ae},
    {Opcode::F32Lt, ValType::F32, true, Cond::a},  {Opcode::F32Le, ValType::F32, true, Cond::ae},
    {Opcode::F64Gt, ValType::F64, false, Cond::a}, {Opcode::F64Ge, ValType::F64, false, Cond::ae},
    {Opcode::F64Lt, ValType::F64, true, Cond::a},  {Opcode::F64Le, ValType::F64, true, Cond::ae},
};
constexpr RowIndex kSseIndex(kSseRows);
constexpr RowIndex kFloatCompareIndex(kFloatCompareRows);

}  // namespace

bool Compiler::float_in_registers(const Instr& in, uint32_t h0) {
  const uint32_t a = h0 - 2, b = h0 - 1;
  if (const SseRow* row = kSseIndex.find(in.op)) {
    const SseRow& r = *row;
    Pins pins;
    pins.pin(vs_.at(b));
    const Xmm d = writable_fpr(a, pins);
    pins.fprs |= 1u << uint8_t(d);
    if (vs_.at(b).kind == Loc::Slot) a_.sse(r.sse, fp_of(r.t), d, slot(b));
    else a_.sse(r.sse, fp_of(r.t), d, vs_.to_fpr(b, pins));
    vs_.set_slot(b, r.t);
    vs_.set_fpr(a, d, r.t);
    return true;
  }
  if (const FloatCompareRow* row = kFloatCompareIndex.find(in.op)) {
    const FloatCompareRow& r = *row;
    Pins pins;
    const Xmm x = vs_.to_fpr(a, pins);
    pins.pin(vs_.at(a));
    const Xmm y = vs_.to_fpr(b, pins);
    pins.pin(vs_.at(b));
    if (r.swap) a_.ucomis(fp_of(r.t), y, x);
    else a_.ucomis(fp_of(r.t), x, y);
    condition_result(r.cond, a, pins);
    vs_.set_slot(b, ValType::I32);
    return true;
  }
  const uint32_t top = h0 - 1;
  switch (in.op) {
    case Opcode::F32Eq:
    case Opcode::F64Eq:
    case Opcode::F32Ne:
    case Opcode::F64Ne: {  // equal: ZF and not PF (unordered sets both)
      const ValType t = in.op == Opcode::F32Eq || in.op == Opcode::F32Ne ? ValType::F32 : ValType::F64;
      const bool eq = in.op == Opcode::F32Eq || in.op == Opcode::F64Eq;
      Pins pins;
      const Xmm x = vs_.to_fpr(a, pins);
      pins.pin(vs_.at(a));
      const Xmm y = vs_.to_fpr(b, pins);
      pins.pin(vs_.at(b));
      const Reg d = vs_.take_gpr(pins);
      a_.mov_imm(W::W32, d, 0);
      a_.mov_imm(W::W32, Reg::rcx, 0);
      a_.ucomis(fp_of(t), x, y);
      a_.setcc(eq ? Cond::e : Cond::ne, d);
      a_.setcc(eq ? Cond::np : Cond::p, Reg::rcx);
      a_.alu(eq ? Alu::and_ : Alu::or_, W::W32, d, Reg::rcx);
      vs_.set_slot(b, ValType::I32);
      vs_.set_gpr(a, d, ValType::I32);
      return true;
    }
    case Opcode::F32Sqrt:
    case Opcode::F64Sqrt: {
      const ValType t = in.op == Opcode::F32Sqrt ? ValType::F32 : ValType::F64;
      const Xmm d = writable_fpr(top, {});
      a_.sse(Sse::sqrt, fp_of(t), d, d);
      vs_.set_fpr(top, d, t);
      return true;
    }
    case Opcode::F32ConvertI32S:
    case Opcode::F32ConvertI64S:
    case Opcode::F64ConvertI32S:
    case Opcode::F64ConvertI64S: {
      const ValType t = in.op == Opcode::F32ConvertI32S || in.op == Opcode::F32ConvertI64S ? ValType::F32 : ValType::F64;
      const W w = in.op == Opcode::F32ConvertI32S || in.op == Opcode::F64ConvertI32S ? W::W32 : W::W64;
      const Reg x = vs_.to_gpr(top);
      Pins pins;
      pins.pin(vs_.at(top));
      const Xmm d = vs_.take_fpr(pins);
      a_.bitwise(Bitwise::xor_, d, d);  // cvtsi2s writes the low lanes only: no wait for the old ones
      a_.cvt_from_int(fp_of(t), w, d, x);
      vs_.set_fpr(top, d, t);
      return true;
    }
    case Opcode::F64PromoteF32:
    case Opcode::F32DemoteF64: {
      const bool promote = in.op == Opcode::F64PromoteF32;
      const Xmm x = vs_.to_fpr(top);
      Pins pins;
      pins.pin(vs_.at(top));
      const Xmm d = vs_.take_fpr(pins);
      a_.bitwise(Bitwise::xor_, d, d);
      a_.cvt_fp(promote ? Fp::F32 : Fp::F64, d, x);
      vs_.set_fpr(top, d, promote ? ValType::F64 : ValType::F32);
      return true;
    }
    default: return false;
  }
}

}  // namespace mnemo::jit::x64
