// core/jit/baseline_values.h: the integer instructions whose decisions are the same on every
// instruction set, in the shared baseline compiler (baseline_compiler.h includes this; nothing
// else does): what only changes a value's type (the reinterpretations, i64.extend_i32_u of an
// i32 that is zero-extended already), i32.wrap_i64 of a constant or a slot, eqz and the sign
// extensions around the backend's test and extend, the comparisons around its compare, and which
// division an instruction is. The backend's numeric() tries these first; the machine code comes
// from its hooks (test_zero, compare, condition_of, wrap_register, sign_extend, divide).
#pragma once

#include <cstdint>

#include "core/jit/baseline_compiler.h"
#include "core/jit/opcode_rows.h"

namespace mnemo::jit {

// An integer comparison, as the backend's condition code names it (condition_of).
enum class Compare : uint8_t { eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u };

namespace value_rows {

struct CompareRow {
  Opcode op;
  bool wide;
  Compare compare;
};
inline constexpr CompareRow kCompareRows[] = {
    {Opcode::I32Eq, false, Compare::eq},    {Opcode::I32Ne, false, Compare::ne},    {Opcode::I32LtS, false, Compare::lt_s},
    {Opcode::I32LtU, false, Compare::lt_u}, {Opcode::I32GtS, false, Compare::gt_s}, {Opcode::I32GtU, false, Compare::gt_u},
    {Opcode::I32LeS, false, Compare::le_s}, {Opcode::I32LeU, false, Compare::le_u}, {Opcode::I32GeS, false, Compare::ge_s},
    {Opcode::I32GeU, false, Compare::ge_u}, {Opcode::I64Eq, true, Compare::eq},     {Opcode::I64Ne, true, Compare::ne},
    {Opcode::I64LtS, true, Compare::lt_s},  {Opcode::I64LtU, true, Compare::lt_u},  {Opcode::I64GtS, true, Compare::gt_s},
    {Opcode::I64GtU, true, Compare::gt_u},  {Opcode::I64LeS, true, Compare::le_s},  {Opcode::I64LeU, true, Compare::le_u},
    {Opcode::I64GeS, true, Compare::ge_s},  {Opcode::I64GeU, true, Compare::ge_u},
};
inline constexpr RowIndex kCompareIndex(kCompareRows);

struct DivisionRow {
  Opcode op;
  bool wide;  // i64
  bool is_signed;
  bool rem;
};
inline constexpr DivisionRow kDivisionRows[] = {
    {Opcode::I32DivS, false, true, false}, {Opcode::I32DivU, false, false, false},
    {Opcode::I32RemS, false, true, true},  {Opcode::I32RemU, false, false, true},
    {Opcode::I64DivS, true, true, false},  {Opcode::I64DivU, true, false, false},
    {Opcode::I64RemS, true, true, true},   {Opcode::I64RemU, true, false, true},
};
inline constexpr RowIndex kDivisionIndex(kDivisionRows);

// Sign extensions: the result's width, and how many low bits of the operand it extends.
struct ExtendRow {
  Opcode op;
  bool wide;
  uint8_t from_bits;
};
inline constexpr ExtendRow kExtendRows[] = {
    {Opcode::I32Extend8S, false, 8},  {Opcode::I32Extend16S, false, 16}, {Opcode::I64Extend8S, true, 8},
    {Opcode::I64Extend16S, true, 16}, {Opcode::I64Extend32S, true, 32},  {Opcode::I64ExtendI32S, true, 32},
};
inline constexpr RowIndex kExtendIndex(kExtendRows);

}  // namespace value_rows

template <typename Compiler, typename Isa>
bool BaselineCompiler<Compiler, Isa>::value_rules(const Instr& in, uint32_t h0) {
  const uint32_t top = h0 - 1;
  if (const value_rows::DivisionRow* row = value_rows::kDivisionIndex.find(in.op)) {
    self().divide(row->wide ? W::W64 : W::W32, row->is_signed, row->rem, h0 - 2, h0 - 1);
    return true;
  }
  if (const value_rows::CompareRow* row = value_rows::kCompareIndex.find(in.op)) {
    // The flags of a - b, then the condition as a value or left in the flags.
    const uint32_t a = h0 - 2, b = h0 - 1;
    Pins pins;
    pins.pin(vs_.at(b));
    const Reg x = vs_.to_gpr(a, pins);
    pins.pin(vs_.at(a));
    self().compare(row->wide ? W::W64 : W::W32, x, b, pins);
    pins.pin(vs_.at(b));
    vs_.set_slot(b, ValType::I32);
    condition_result(self().condition_of(row->compare), a, pins);
    return true;
  }
  if (const value_rows::ExtendRow* row = value_rows::kExtendIndex.find(in.op)) {
    // The result takes the operand's register when nothing else names it.
    const Reg x = vs_.to_gpr(top);
    Pins pins;
    pins.pin(vs_.at(top));
    const Reg d = vs_.sole_owner(top) ? x : vs_.take_gpr(pins);
    const W w = row->wide ? W::W64 : W::W32;
    self().sign_extend(w, row->from_bits, d, x);
    vs_.set_gpr(top, d, int_type(w));
    return true;
  }
  switch (in.op) {
    case Opcode::I32Eqz:
    case Opcode::I64Eqz: {
      const Reg x = vs_.to_gpr(top);
      const Cond zero = self().test_zero(in.op == Opcode::I32Eqz ? W::W32 : W::W64, x);
      Pins pins;
      pins.pin(vs_.at(top));
      condition_result(zero, top, pins);
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
        self().wrap_register(top);  // the upper half cleared in a register
      }
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

}  // namespace mnemo::jit
