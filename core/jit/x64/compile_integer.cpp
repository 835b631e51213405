// core/jit/x64/compile_integer.cpp: the integer instructions in registers (the ALU, comparisons
// into the flags or a 0/1 value, shifts, multiplication, division, bit counts, extensions and
// wraps), part of the x86-64 Compiler (function_compiler.h).
#include "core/jit/x64/function_compiler.h"

#include "core/jit/opcode_rows.h"

namespace mnemo::jit::x64 {

namespace {

// The integer ALU rows: opcode, width, operation.
struct AluRow {
  Opcode op;
  W w;
  Alu alu;
};
constexpr AluRow kAluRows[] = {
    {Opcode::I32Add, W::W32, Alu::add}, {Opcode::I32Sub, W::W32, Alu::sub}, {Opcode::I32And, W::W32, Alu::and_},
    {Opcode::I32Or, W::W32, Alu::or_},  {Opcode::I32Xor, W::W32, Alu::xor_}, {Opcode::I64Add, W::W64, Alu::add},
    {Opcode::I64Sub, W::W64, Alu::sub}, {Opcode::I64And, W::W64, Alu::and_}, {Opcode::I64Or, W::W64, Alu::or_},
    {Opcode::I64Xor, W::W64, Alu::xor_},
};
struct ShiftRow {
  Opcode op;
  W w;
  Shift shift;
};
constexpr ShiftRow kShiftRows[] = {
    {Opcode::I32Shl, W::W32, Shift::shl},  {Opcode::I32ShrS, W::W32, Shift::sar}, {Opcode::I32ShrU, W::W32, Shift::shr},
    {Opcode::I32Rotl, W::W32, Shift::rol}, {Opcode::I32Rotr, W::W32, Shift::ror}, {Opcode::I64Shl, W::W64, Shift::shl},
    {Opcode::I64ShrS, W::W64, Shift::sar}, {Opcode::I64ShrU, W::W64, Shift::shr}, {Opcode::I64Rotl, W::W64, Shift::rol},
    {Opcode::I64Rotr, W::W64, Shift::ror},
};
constexpr RowIndex kAluIndex(kAluRows);
constexpr RowIndex kShiftIndex(kShiftRows);

}  // namespace

// When the next instruction sets a local that is in a register, a binary operation on slots a
// and b can compute straight into that register (the local's old value dies there): in place
// when a is that register and the local is its only other name (or b is, for a commutative
// operation: *swapped, the operation then reads a), or after copying a into it when nothing else
// names it. The local then takes the result without a move (set_local).
bool Compiler::into_next_local(uint32_t a, uint32_t b, bool commutative, Reg* d, bool* swapped) {
  if (instr_ + 1 >= fn_.body.size()) return false;
  const Instr& next = fn_.body[instr_ + 1];
  if (next.op != Opcode::LocalSet && next.op != Opcode::LocalTee) return false;
  const uint32_t s = walk_.local_slots()[next.index];
  const Loc local = vs_.at(s);
  if (local.kind != Loc::Gpr) return false;
  const Loc la = vs_.at(a), lb = vs_.at(b);
  auto is_local_reg = [&](const Loc& l) { return l.kind == Loc::Gpr && l.reg == local.reg; };
  const uint32_t n = vs_.uses(local);
  if (is_local_reg(la) && !is_local_reg(lb) && n == 2) {
    *d = Reg(local.reg);
    return true;
  }
  if (commutative && is_local_reg(lb) && !is_local_reg(la) && n == 2) {
    *d = Reg(local.reg);
    *swapped = true;
    return true;
  }
  if (n == 1 && !is_local_reg(la) && !is_local_reg(lb)) {
    vs_.copy_to(Reg(local.reg), a);
    *d = Reg(local.reg);
    return true;
  }
  return false;
}

// `dst op= slot b` for the integer ALU: b as an immediate, its register, or its slot in memory.
// `pins` hold the registers the instruction holds already.
void Compiler::alu_with(Alu op, W w, Reg dst, uint32_t b, Pins pins) {
  const Loc l = vs_.at(b);
  pins.gprs |= 1u << uint8_t(dst);
  if (l.kind == Loc::Const && fits_imm32(w, l.bits)) a_.alu_imm(op, w, dst, int32_t(uint32_t(l.bits)));
  else if (l.kind == Loc::Slot) a_.alu(op, w, dst, slot(b));
  else a_.alu(op, w, dst, vs_.to_gpr(b, pins));
}

// The flags of x - slot b.
void Compiler::compare(W w, Reg x, uint32_t b, const Pins& pins) { alu_with(Alu::cmp, w, x, b, pins); }

Cond Compiler::condition_of(Compare c) {
  static constexpr Cond kCondOf[] = {Cond::e, Cond::ne, Cond::l, Cond::b, Cond::g, Cond::a, Cond::le, Cond::be, Cond::ge, Cond::ae};
  return kCondOf[uint8_t(c)];
}

// A 0/1 result of condition `c` (in the flags now) at slot `s`.
void Compiler::condition_value(Cond c, uint32_t s, const Pins& pins) {
  const Reg d = vs_.take_gpr(pins);
  a_.setcc(c, d);
  a_.movzx8(d, d);
  vs_.set_gpr(s, d, ValType::I32);
}

bool Compiler::numeric(const Instr& in, uint32_t h0) {
  if (value_rules(in, h0)) return true;
  const uint32_t a = h0 - 2, b = h0 - 1;  // binary operands; the result goes to a
  if (const AluRow* row = kAluIndex.find(in.op)) {
    const AluRow& r = *row;
    Pins pins;
    pins.pin(vs_.at(b));
    pins.pin(vs_.at(a));
    const bool commutative = r.alu != Alu::sub;
    bool swapped = false;
    Reg d;
    if (!into_next_local(a, b, commutative, &d, &swapped)) {
      const Loc la = vs_.at(a), lb = vs_.at(b);
      if (r.alu == Alu::add && !(la.kind == Loc::Gpr && vs_.sole_owner(a)) && la.kind == Loc::Gpr &&
          (lb.kind == Loc::Gpr || (lb.kind == Loc::Const && fits_imm32(r.w, lb.bits)))) {
        // a + b into a fresh register in one instruction, a left as it is
        d = vs_.take_gpr(pins);
        if (lb.kind == Loc::Gpr) a_.lea(r.w, d, Mem{Reg(la.reg), 0, Reg(lb.reg)});
        else a_.lea(r.w, d, Mem{Reg(la.reg), int32_t(uint32_t(lb.bits))});
        vs_.set_slot(b, int_type(r.w));
        vs_.set_gpr(a, d, int_type(r.w));
        return true;
      }
      d = writable_gpr(a, pins);
    }
    alu_with(r.alu, r.w, d, swapped ? a : b, pins);
    vs_.set_slot(b, int_type(r.w));
    vs_.set_gpr(a, d, int_type(r.w));
    return true;
  }
  if (const ShiftRow* row = kShiftIndex.find(in.op)) {  // x86 masks the count to the width, as WebAssembly does
    const ShiftRow& r = *row;
    const Loc count = vs_.at(b);
    Pins pins;
    pins.pin(count);
    pins.pin(vs_.at(a));
    Reg d;
    bool swapped = false;
    if (!into_next_local(a, b, false, &d, &swapped)) d = writable_gpr(a, pins);
    if (count.kind == Loc::Const) {
      a_.shift_imm(r.shift, r.w, d, uint8_t(count.bits & (r.w == W::W32 ? 31 : 63)));
    } else {
      vs_.copy_to(Reg::rcx, b);
      a_.shift_cl(r.shift, r.w, d);
    }
    vs_.set_slot(b, int_type(r.w));
    vs_.set_gpr(a, d, int_type(r.w));
    return true;
  }
  const uint32_t top = h0 - 1;
  switch (in.op) {
    case Opcode::I32Mul:
    case Opcode::I64Mul: {
      const W w = in.op == Opcode::I32Mul ? W::W32 : W::W64;
      Pins pins;
      pins.pin(vs_.at(b));
      pins.pin(vs_.at(a));
      Reg d;
      bool swapped = false;
      if (!into_next_local(a, b, true, &d, &swapped)) d = writable_gpr(a, pins);
      pins.gprs |= 1u << uint8_t(d);
      a_.imul(w, d, vs_.to_gpr(swapped ? a : b, pins));
      vs_.set_slot(b, int_type(w));
      vs_.set_gpr(a, d, int_type(w));
      return true;
    }
    case Opcode::I32Clz:
    case Opcode::I64Clz:
    case Opcode::I32Ctz:
    case Opcode::I64Ctz:
    case Opcode::I32Popcnt:
    case Opcode::I64Popcnt: {
      const bool wide = in.op == Opcode::I64Clz || in.op == Opcode::I64Ctz || in.op == Opcode::I64Popcnt;
      const BitCount op = (in.op == Opcode::I32Clz || in.op == Opcode::I64Clz)   ? BitCount::lzcnt
                          : (in.op == Opcode::I32Ctz || in.op == Opcode::I64Ctz) ? BitCount::tzcnt
                                                                                 : BitCount::popcnt;
      const bool have = op == BitCount::lzcnt ? calls_.has_lzcnt : op == BitCount::tzcnt ? calls_.has_bmi1 : calls_.has_popcnt;
      if (!have) return false;
      const W w = wide ? W::W64 : W::W32;
      const Reg x = vs_.to_gpr(top);
      Pins pins;
      pins.pin(vs_.at(top));
      const Reg d = vs_.take_gpr(pins);
      a_.bit_count(op, w, d, x);
      vs_.set_gpr(top, d, int_type(w));
      return true;
    }
    default: return false;
  }
}

// i32.wrap_i64 of a register: its upper half cleared, in place when nothing else names it.
void Compiler::wrap_register(uint32_t s) {
  const Reg d = writable_gpr(s, {});
  a_.mov(W::W32, d, d);
  vs_.set_gpr(s, d, ValType::I32);
}

void Compiler::sign_extend(W w, uint8_t from_bits, Reg d, Reg x) {
  if (from_bits == 8) a_.movsx8(w, d, x);
  else if (from_bits == 16) a_.movsx16(w, d, x);
  else a_.movsxd(d, x);
}

// div / rem in rax / rdx: division by zero and INT_MIN / -1 trap; INT_MIN rem -1 is 0 (x86 would
// fault).
void Compiler::divide(W w, bool is_signed, bool rem, uint32_t a, uint32_t b) {
  Label compute, done;
  vs_.claim(Reg::rdx);
  vs_.copy_to(Reg::rax, a);
  vs_.copy_to(Reg::rcx, b);
  a_.test(w, Reg::rcx, Reg::rcx);
  a_.jcc(Cond::e, trap_here(TrapCode::IntegerDivideByZero).label);
  if (is_signed) {
    a_.alu_imm(Alu::cmp, w, Reg::rcx, -1);
    a_.jcc(Cond::ne, compute);
    if (rem) {
      a_.alu(Alu::xor_, W::W32, Reg::rdx, Reg::rdx);
      a_.jmp(done);
    } else {
      a_.mov_imm(W::W64, Reg::rdx, w == W::W32 ? 0x80000000ull : 0x8000000000000000ull);
      a_.alu(Alu::cmp, w, Reg::rax, Reg::rdx);
      a_.jcc(Cond::e, trap_here(TrapCode::IntegerOverflow).label);
    }
  }
  a_.bind(compute);
  if (is_signed) {
    a_.sign_extend_ax(w);
    a_.unary(Unary::idiv, w, Reg::rcx);
  } else {
    a_.alu(Alu::xor_, W::W32, Reg::rdx, Reg::rdx);
    a_.unary(Unary::div, w, Reg::rcx);
  }
  if (!rem) a_.mov(W::W64, Reg::rdx, Reg::rax);
  a_.bind(done);  // 32-bit division leaves its results zero-extended
  vs_.set_slot(b, int_type(w));
  vs_.set_slot(a, int_type(w));
  const Reg d = vs_.take_gpr();
  a_.mov(W::W64, d, Reg::rdx);
  vs_.set_gpr(a, d, int_type(w));
}

}  // namespace mnemo::jit::x64
