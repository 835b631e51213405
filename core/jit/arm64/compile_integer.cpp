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
constexpr RowIndex kBinaryIndex(kBinaryRows);

uint64_t masked(W w, uint64_t bits) { return w == W::W32 ? uint32_t(bits) : bits; }
uint8_t bits_of(W w) { return w == W::W32 ? 32 : 64; }

}  // namespace

// A 0/1 result of condition `c` (in the flags now) at slot `s`.
void Compiler::condition_value(Cond c, uint32_t s, const Pins& pins) {
  const Reg d = result_gpr(s, pins);
  a_.cset(W::W32, d, c);
  vs_.set_gpr(s, d, ValType::I32);
}

Cond Compiler::condition_of(Compare c) {
  static constexpr Cond kCondOf[] = {Cond::eq, Cond::ne, Cond::lt, Cond::lo, Cond::gt, Cond::hi, Cond::le, Cond::ls, Cond::ge, Cond::hs};
  return kCondOf[uint8_t(c)];
}

// The flags of x - slot b: b as an immediate (cmp, or cmn of its negation) or a register.
void Compiler::compare(W w, Reg x, uint32_t b, const Pins& pins_in) {
  Pins pins = pins_in;
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
  if (value_rules(in, h0)) return true;
  const uint32_t a = h0 - 2, b = h0 - 1;  // binary operands; the result goes to a
  if (binary(in, a, b)) return true;
  const uint32_t top = h0 - 1;
  switch (in.op) {
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
    default: return false;
  }
}

// i32.wrap_i64 of a register: its upper half cleared by a 32-bit move.
void Compiler::wrap_register(uint32_t s) {
  const Reg x = vs_.to_gpr(s);
  Pins pins;
  pins.pin(vs_.at(s));
  const Reg d = result_gpr(s, pins);
  a_.mov(W::W32, d, x);
  vs_.set_gpr(s, d, ValType::I32);
}

void Compiler::sign_extend(W w, uint8_t from_bits, Reg d, Reg x) {
  if (from_bits == 8) a_.sxtb(w, d, x);
  else if (from_bits == 16) a_.sxth(w, d, x);
  else a_.sxtw(d, x);
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
