// core/jit/arm64/compile_integer.cpp: the integer instructions in registers (the ALU with its
// immediate forms, comparisons into the flags or a 0/1 value, shifts and rotates, multiplication,
// division with its traps, bit counts, extensions and wraps), part of the AArch64 Compiler
// (function_compiler.h). Three-operand forms: a result takes its first operand's register when
// nothing else names it, else a fresh one.
#include "core/jit/arm64/function_compiler.h"
#include "core/jit/opcode_rows.h"

namespace mnemo::jit::arm64 {
namespace {

enum class Bin : uint8_t { add, sub, and_, orr, eor, mul, shl, shr_s, shr_u, rotl, rotr };
struct BinaryRow {
  Opcode op;
  W w;
  Bin bin;
};
constexpr BinaryRow kBinaryRows[] = {
    {Opcode::I32Add, W::W32, Bin::add},     {Opcode::I32Sub, W::W32, Bin::sub},     {Opcode::I32And, W::W32, Bin::and_},
    {Opcode::I32Or, W::W32, Bin::orr},      {Opcode::I32Xor, W::W32, Bin::eor},     {Opcode::I32Mul, W::W32, Bin::mul},
    {Opcode::I32Shl, W::W32, Bin::shl},     {Opcode::I32ShrS, W::W32, Bin::shr_s},  {Opcode::I32ShrU, W::W32, Bin::shr_u},
    {Opcode::I32Rotl, W::W32, Bin::rotl},   {Opcode::I32Rotr, W::W32, Bin::rotr},   {Opcode::I64Add, W::W64, Bin::add},
    {Opcode::I64Sub, W::W64, Bin::sub},     {Opcode::I64And, W::W64, Bin::and_},    {Opcode::I64Or, W::W64, Bin::orr},
    {Opcode::I64Xor, W::W64, Bin::eor},     {Opcode::I64Mul, W::W64, Bin::mul},     {Opcode::I64Shl, W::W64, Bin::shl},
    {Opcode::I64ShrS, W::W64, Bin::shr_s},  {Opcode::I64ShrU, W::W64, Bin::shr_u},  {Opcode::I64Rotl, W::W64, Bin::rotl},
    {Opcode::I64Rotr, W::W64, Bin::rotr},
};
struct CompareRow {
  Opcode op;
  W w;
  Cond cond;
};
constexpr CompareRow kCompareRows[] = {
    {Opcode::I32Eq, W::W32, Cond::eq},  {Opcode::I32Ne, W::W32, Cond::ne},  {Opcode::I32LtS, W::W32, Cond::lt},
    {Opcode::I32LtU, W::W32, Cond::lo}, {Opcode::I32GtS, W::W32, Cond::gt}, {Opcode::I32GtU, W::W32, Cond::hi},
    {Opcode::I32LeS, W::W32, Cond::le}, {Opcode::I32LeU, W::W32, Cond::ls}, {Opcode::I32GeS, W::W32, Cond::ge},
    {Opcode::I32GeU, W::W32, Cond::hs}, {Opcode::I64Eq, W::W64, Cond::eq},  {Opcode::I64Ne, W::W64, Cond::ne},
    {Opcode::I64LtS, W::W64, Cond::lt}, {Opcode::I64LtU, W::W64, Cond::lo}, {Opcode::I64GtS, W::W64, Cond::gt},
    {Opcode::I64GtU, W::W64, Cond::hi}, {Opcode::I64LeS, W::W64, Cond::le}, {Opcode::I64LeU, W::W64, Cond::ls},
    {Opcode::I64GeS, W::W64, Cond::ge}, {Opcode::I64GeU, W::W64, Cond::hs},
};
constexpr RowIndex kBinaryIndex(kBinaryRows);
constexpr RowIndex kCompareIndex(kCompareRows);

uint64_t masked(W w, uint64_t bits) { return w == W::W32 ? uint32_t(bits) : bits; }
uint8_t bits_of(W w) { return w == W::W32 ? 32 : 64; }

}  // namespace

// A 0/1 result of condition `c` (in the flags now) at slot `s`.
void Compiler::condition_value(Cond c, uint32_t s, const Pins& pins) {
  const Reg d = result_gpr(s, pins);
  a_.cset(W::W32, d, c);
  vs_.set_gpr(s, d, ValType::I32);
}

// The flags of x - slot b: b as an immediate (cmp, or cmn of its negation) or a register.
void Compiler::compare(W w, Reg x, uint32_t b, Pins pins) {
  const Loc l = vs_.at(b);
  if (l.kind == Loc::Const) {
    const uint64_t k = masked(w, l.bits), negated = masked(w, 0 - l.bits);
    if (Assembler::is_add_sub_immediate(k)) return a_.cmp(w, x, k);
    if (Assembler::is_add_sub_immediate(negated)) return a_.cmn(w, x, negated);
  }
  pins.gprs |= 1u << uint8_t(x);
  a_.cmp(w, x, vs_.to_gpr(b, pins));
}

// Binary integer operations, the result where the first operand was.
bool Compiler::binary(const Instr& in, uint32_t a, uint32_t b) {
  const BinaryRow* row = kBinaryIndex.find(in.op);
  if (!row) return false;
  const W w = row->w;
  const uint8_t n = bits_of(w);
  Pins pins;
  pins.pin(vs_.at(a));
  pins.pin(vs_.at(b));
  const Reg x = vs_.to_gpr(a, pins);
  pins.pin(vs_.at(a));
  const Loc lb = vs_.at(b);
  const bool constant = lb.kind == Loc::Const;
  const uint64_t k = masked(w, lb.bits);
  // The second operand in a register, unless an immediate form takes it.
  auto y = [&] {
    const Reg r = vs_.to_gpr(b, pins);
    pins.pin(vs_.at(b));
    return r;
  };
  switch (row->bin) {
    case Bin::add:
    case Bin::sub: {
      const AddSub op = row->bin == Bin::add ? AddSub::add : AddSub::sub;
      const AddSub other = row->bin == Bin::add ? AddSub::sub : AddSub::add;
      if (constant && Assembler::is_add_sub_immediate(k)) {
        const Reg d = result_gpr(a, pins);
        a_.add_sub_imm(op, w, d, x, k);
        vs_.set_slot(b, int_type(w));
        vs_.set_gpr(a, d, int_type(w));
        return true;
      }
      if (constant && Assembler::is_add_sub_immediate(masked(w, 0 - k))) {
        const Reg d = result_gpr(a, pins);
        a_.add_sub_imm(other, w, d, x, masked(w, 0 - k));
        vs_.set_slot(b, int_type(w));
        vs_.set_gpr(a, d, int_type(w));
        return true;
      }
      const Reg r = y();
      const Reg d = result_gpr(a, pins);
      a_.add_sub(op, w, d, x, r);
      vs_.set_slot(b, int_type(w));
      vs_.set_gpr(a, d, int_type(w));
      return true;
    }
    case Bin::and_:
    case Bin::orr:
    case Bin::eor: {
      const Logic op = row->bin == Bin::and_ ? Logic::and_ : row->bin == Bin::orr ? Logic::orr : Logic::eor;
      if (constant && Assembler::is_logical_immediate(w, k)) {
        const Reg d = result_gpr(a, pins);
        a_.logical_imm(op, w, d, x, k);
        vs_.set_slot(b, int_type(w));
        vs_.set_gpr(a, d, int_type(w));
        return true;
      }
      const Reg r = y();
      const Reg d = result_gpr(a, pins);
      a_.logical(op, w, d, x, r);
      vs_.set_slot(b, int_type(w));
      vs_.set_gpr(a, d, int_type(w));
      return true;
    }
    case Bin::mul: {
      const Reg r = y();
      const Reg d = result_gpr(a, pins);
      a_.mul(w, d, x, r);
      vs_.set_slot(b, int_type(w));
      vs_.set_gpr(a, d, int_type(w));
      return true;
    }
    default: break;
  }
  // Shifts and rotates: a register count is taken modulo the width by the instruction itself, as
  // WebAssembly wants; AArch64 rotates right only, so rotl rotates right by the negated count.
  Reg d;
  if (constant) {
    const uint8_t count = uint8_t(k & (n - 1));
    d = result_gpr(a, pins);
    switch (row->bin) {
      case Bin::shl: a_.lsl(w, d, x, count); break;
      case Bin::shr_s: a_.asr(w, d, x, count); break;
      case Bin::shr_u: a_.lsr(w, d, x, count); break;
      case Bin::rotr: a_.ror(w, d, x, count); break;
      default: a_.ror(w, d, x, uint8_t((n - count) & (n - 1))); break;
    }
  } else {
    const Reg r = y();
    d = result_gpr(a, pins);
    switch (row->bin) {
      case Bin::shl: a_.lsl(w, d, x, r); break;
      case Bin::shr_s: a_.asr(w, d, x, r); break;
      case Bin::shr_u: a_.lsr(w, d, x, r); break;
      case Bin::rotr: a_.ror(w, d, x, r); break;
      default:  // -count modulo 2^32 is -count modulo 64 and 32 too
        a_.neg(W::W32, kScratch0, r);
        a_.ror(w, d, x, kScratch0);
        break;
    }
  }
  vs_.set_slot(b, int_type(w));
  vs_.set_gpr(a, d, int_type(w));
  return true;
}

bool Compiler::numeric(const Instr& in, uint32_t h0) {
  const uint32_t a = h0 - 2, b = h0 - 1;  // binary operands; the result goes to a
  if (binary(in, a, b)) return true;
  if (const CompareRow* row = kCompareIndex.find(in.op)) {
    Pins pins;
    pins.pin(vs_.at(b));
    const Reg x = vs_.to_gpr(a, pins);
    pins.pin(vs_.at(a));
    compare(row->w, x, b, pins);
    pins.pin(vs_.at(b));
    vs_.set_slot(b, ValType::I32);
    condition_result(row->cond, a, pins);
    return true;
  }
  const uint32_t top = h0 - 1;
  switch (in.op) {
    case Opcode::I32DivS: divide(W::W32, true, false, a, b); return true;
    case Opcode::I32DivU: divide(W::W32, false, false, a, b); return true;
    case Opcode::I32RemS: divide(W::W32, true, true, a, b); return true;
    case Opcode::I32RemU: divide(W::W32, false, true, a, b); return true;
    case Opcode::I64DivS: divide(W::W64, true, false, a, b); return true;
    case Opcode::I64DivU: divide(W::W64, false, false, a, b); return true;
    case Opcode::I64RemS: divide(W::W64, true, true, a, b); return true;
    case Opcode::I64RemU: divide(W::W64, false, true, a, b); return true;
    case Opcode::I32Eqz:
    case Opcode::I64Eqz: {
      const W w = in.op == Opcode::I32Eqz ? W::W32 : W::W64;
      const Reg x = vs_.to_gpr(top);
      const Cond zero = test_zero(w, x);
      Pins pins;
      pins.pin(vs_.at(top));
      condition_result(zero, top, pins);
      return true;
    }
    case Opcode::I32Clz:
    case Opcode::I64Clz:
    case Opcode::I32Ctz:
    case Opcode::I64Ctz:
    case Opcode::I32Popcnt:
    case Opcode::I64Popcnt: {
      const W w = in.op == Opcode::I64Clz || in.op == Opcode::I64Ctz || in.op == Opcode::I64Popcnt ? W::W64 : W::W32;
      const Reg x = vs_.to_gpr(top);
      Pins pins;
      pins.pin(vs_.at(top));
      const Reg d = result_gpr(top, pins);
      if (in.op == Opcode::I32Clz || in.op == Opcode::I64Clz) {
        a_.clz(w, d, x);
      } else if (in.op == Opcode::I32Ctz || in.op == Opcode::I64Ctz) {  // the leading zeros of the reversed bits
        a_.rbit(w, d, x);
        a_.clz(w, d, d);
      } else {
        popcount(w, d, x);
      }
      vs_.set_gpr(top, d, int_type(w));
      return true;
    }
    case Opcode::I64ExtendI32U: {  // an i32 in a general register is zero-extended already
      if (vs_.at(top).kind != Loc::Gpr && vs_.at(top).kind != Loc::Const) vs_.to_gpr(top);
      Loc l = vs_.at(top);
      if (l.kind == Loc::Const) l.bits = uint32_t(l.bits);
      l.type = ValType::I64;
      vs_.set(top, l);
      return true;
    }
    case Opcode::I32WrapI64: {
      const Loc l = vs_.at(top);
      if (l.kind == Loc::Const) {
        vs_.set_const(top, uint32_t(l.bits), ValType::I32);
      } else if (l.kind == Loc::Slot) {  // the slot's low half, zero-extended by the load
        vs_.set_slot(top, ValType::I32);
        vs_.to_gpr(top);
      } else {
        const Reg x = vs_.to_gpr(top);
        Pins pins;
        pins.pin(vs_.at(top));
        const Reg d = result_gpr(top, pins);
        a_.mov(W::W32, d, x);
        vs_.set_gpr(top, d, ValType::I32);
      }
      return true;
    }
    case Opcode::I32Extend8S:
    case Opcode::I32Extend16S:
    case Opcode::I64Extend8S:
    case Opcode::I64Extend16S:
    case Opcode::I64Extend32S:
    case Opcode::I64ExtendI32S: {
      const bool wide = in.op != Opcode::I32Extend8S && in.op != Opcode::I32Extend16S;
      const Reg x = vs_.to_gpr(top);
      Pins pins;
      pins.pin(vs_.at(top));
      const Reg d = result_gpr(top, pins);
      const W w = wide ? W::W64 : W::W32;
      if (in.op == Opcode::I32Extend8S || in.op == Opcode::I64Extend8S) a_.sxtb(w, d, x);
      else if (in.op == Opcode::I32Extend16S || in.op == Opcode::I64Extend16S) a_.sxth(w, d, x);
      else a_.sxtw(d, x);
      vs_.set_gpr(top, d, int_type(w));
      return true;
    }
    // The same bits under another type: the location stays.
    case Opcode::I32ReinterpretF32:
    case Opcode::F32ReinterpretI32:
    case Opcode::I64ReinterpretF64:
    case Opcode::F64ReinterpretI64: {
      Loc l = vs_.at(top);
      l.type = in.op == Opcode::I32ReinterpretF32   ? ValType::I32
               : in.op == Opcode::F32ReinterpretI32 ? ValType::F32
               : in.op == Opcode::I64ReinterpretF64 ? ValType::I64
                                                    : ValType::F64;
      vs_.set(top, l);
      return true;
    }
    default: return false;
  }
}

// Division by zero and INT_MIN / -1 trap (AArch64's divisions give 0 and INT_MIN instead);
// INT_MIN rem -1 is 0, which sdiv's INT_MIN and msub give without a check.
void Compiler::divide(W w, bool is_signed, bool rem, uint32_t a, uint32_t b) {
  Pins pins;
  pins.pin(vs_.at(a));
  pins.pin(vs_.at(b));
  const Reg y = vs_.to_gpr(b, pins);
  pins.pin(vs_.at(b));
  const Reg x = vs_.to_gpr(a, pins);
  pins.pin(vs_.at(a));
  const Reg d = result_gpr(a, pins);
  a_.cbz(w, y, trap_here(TrapCode::IntegerDivideByZero).label);
  if (is_signed && !rem) {
    Label compute;
    a_.cmn(w, y, 1);
    a_.b(Cond::ne, compute);
    a_.mov_imm(w, kScratch0, w == W::W32 ? 0x80000000ull : 0x8000000000000000ull);
    a_.cmp(w, x, kScratch0);
    a_.b(Cond::eq, trap_here(TrapCode::IntegerOverflow).label);
    a_.bind(compute);
  }
  if (rem) {
    if (is_signed) a_.sdiv(w, kScratch0, x, y);
    else a_.udiv(w, kScratch0, x, y);
    a_.msub(w, d, kScratch0, y, x);
  } else if (is_signed) {
    a_.sdiv(w, d, x, y);
  } else {
    a_.udiv(w, d, x, y);
  }
  vs_.set_slot(b, int_type(w));
  vs_.set_gpr(a, d, int_type(w));
}

// popcnt without a loop or NEON: bits summed in pairs, nibbles, bytes, then the bytes added up
// by one multiplication into the top byte.
void Compiler::popcount(W w, Reg d, Reg x) {
  const uint64_t m1 = masked(w, 0x5555555555555555ull), m2 = masked(w, 0x3333333333333333ull),
                 m4 = masked(w, 0x0f0f0f0f0f0f0f0full), ones = masked(w, 0x0101010101010101ull);
  const Reg t = kScratch0;
  a_.lsr(w, t, x, uint8_t(1));
  a_.and_(w, t, t, m1);
  a_.sub(w, d, x, t);
  a_.lsr(w, t, d, uint8_t(2));
  a_.and_(w, t, t, m2);
  a_.and_(w, d, d, m2);
  a_.add(w, d, d, t);
  a_.add(w, d, d, d, Shift::lsr, 4);
  a_.and_(w, d, d, m4);
  a_.mov_imm(w, kScratch1, ones);
  a_.mul(w, d, d, kScratch1);
  a_.lsr(w, d, d, uint8_t(bits_of(w) - 8));
}

}  // namespace mnemo::jit::arm64
