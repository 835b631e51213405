// core/jit/arm64/function_compiler.h: the AArch64 baseline compiler of one function (compiler.h
// says what it compiles and the register convention), its member functions spread over files by
// concern, as the x86-64 compiler's are: compiler.cpp (the walk over the body, the frame, locals
// and globals), compile_control, compile_calls, compile_memory, compile_integer, compile_float,
// compile_slot_forms and trap_stubs. What is not about AArch64 comes from core/jit/ (see
// core/jit/README.md). Only those files include this one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/jit/arm64/assembler.h"
#include "core/jit/arm64/compiler.h"
#include "core/jit/arm64/value_stack.h"
#include "core/jit/baseline_compiler.h"
#include "core/jit/trap_sites.h"
#include "core/runtime/context.h"

namespace mnemo::jit::arm64 {

constexpr Reg kFp = Reg::x19;     // the frame's slots
constexpr Reg kCtx = Reg::x20;    // InstanceContext
constexpr Reg kState = Reg::x21;  // ThreadState

inline Mem slot(uint32_t index) { return Mem::at(kFp, int64_t(8) * index); }
inline Mem state_field(size_t offset) { return Mem::at(kState, int64_t(offset)); }

// An out-of-line trap (core/jit/trap_sites.h): raised with the fault's address in x16 for memory
// faults.
using TrapSite = jit::TrapSite<Label>;

// What the shared compiler (core/jit/baseline_compiler.h) needs to know of AArch64.
struct Isa {
  using Assembler = arm64::Assembler;
  using ValueStack = arm64::ValueStack;
  using Label = arm64::Label;
  using Cond = arm64::Cond;
  using W = arm64::W;
  using Reg = arm64::Reg;
  using RuntimeCalls = arm64::RuntimeCalls;
  static constexpr Reg kFp = arm64::kFp;
  static constexpr Reg kCtx = arm64::kCtx;
  // An if's or br_if's condition is in the flags by the time it is taken (cmp leaves them to
  // the jump; the stores between leave them alone).
  using Condition = Cond;
};

class Compiler final : public jit::BaselineCompiler<Compiler, Isa> {
 public:
  Compiler(const Instance& inst, const IndexSpaces& spaces, uint32_t func_index, const RuntimeCalls& calls,
           InstrOffsets offsets)
      : BaselineCompiler(inst, spaces, func_index, calls, offsets, Assembler(), inst.memories.size()) {}

 private:
  friend class jit::BaselineCompiler<Compiler, Isa>;

  // --- the frame, locals and globals (compiler.cpp) ---------------------------------------------
  void prologue();
  void pin_hot_memory();
  void return_from(uint32_t results);
  bool select(ValType type, uint32_t h0);
  // Globals (the shared global() decides): x16 = the pointer to the global's cell.
  void load_cell_pointer(size_t cell) { a_.ldr(W::W64, kScratch0, Mem::at(kCtx, int64_t(cell))); }
  void global_v128(bool get, size_t cell, uint32_t h0);
  void load_global(ValType t, uint32_t s, const Pins& pins);
  void store_global(const Loc& l);
  void move_v128(uint32_t from, uint32_t to) {
    vs_.store(to, from);
    vs_.store(to + 1, from + 1);
  }
  void finish(CompileResult& out);
  void release_buffer() {}
  // dst = src + imm (64 bits), through kScratch1 when the immediate has no field of its own.
  void add_imm64(Reg dst, Reg src, uint64_t imm);
  // A movz / movk pair for a 32-bit constant known later (patch_imm32); its offset.
  uint32_t mov32_later(Reg dst);
  void patch_imm32(uint32_t at, uint32_t value);

  // --- traps (trap_stubs.cpp) -------------------------------------------------------------------
  void propagate_if_trapped();
  void stubs();

  // --- calls (compile_calls.cpp) ----------------------------------------------------------------
  void call_out(const void* fn) {
    load_pointer(kScratch0, fn);
    a_.blr(kScratch0);
  }
  void load_pointer(Reg r, const void* p) { a_.mov_imm(W::W64, r, reinterpret_cast<uintptr_t>(p)); }
  void take_a_frame();
  void move_frame(AddSub op, uint32_t base);
  void call(uint32_t func, uint32_t base);
  void call_entry_in_x16(uint32_t base);
  void bulk(const Instr& in, uint32_t base, const void* a, const void* b);
  void call_through_table(const Instr& in, uint32_t index, uint32_t base);
  void memory_grow(const Instr& in, uint32_t at);
  void memory_fill(const Instr& in, uint32_t at);
  void memory_copy(const Instr& in, uint32_t at);

  // --- memory (compile_memory.cpp) --------------------------------------------------------------
  Mem address(const MemArg& m, uint32_t at, uint32_t size, MemoryAccess::Kind kind, const Pins& pins);
  bool load(const Instr& in, uint32_t h0);
  bool store(const Instr& in, uint32_t h0);

  // --- operands ---------------------------------------------------------------------------------
  // A register for the result of an instruction reading slot `s` (and others, pinned): s's own
  // when nothing else names it (AArch64's three-operand forms read before they write), else a
  // fresh one.
  Reg result_gpr(uint32_t s, const Pins& pins) {
    if (vs_.at(s).kind == Loc::Gpr && vs_.sole_owner(s)) return Reg(vs_.at(s).reg);
    return vs_.take_gpr(pins);
  }
  VReg result_fpr(uint32_t s, const Pins& pins) {
    if (vs_.at(s).kind == Loc::Fpr && vs_.sole_owner(s)) return VReg(vs_.at(s).reg);
    return vs_.take_fpr(pins);
  }

  // --- integers in registers (compile_integer.cpp) ----------------------------------------------
  // The flags of `x` == 0; the condition that holds then.
  Cond test_zero(W w, Reg x) {
    a_.cmp(w, x, 0);
    return Cond::eq;
  }
  void condition_value(Cond c, uint32_t s, const Pins& pins);
  // The flags of x - slot b (the operands' registers in `pins`).
  void compare(W w, Reg x, uint32_t b, const Pins& pins);
  Cond condition_of(Compare c);
  bool numeric(const Instr& in, uint32_t h0);
  bool binary(const Instr& in, uint32_t a, uint32_t b);
  void divide(W w, bool is_signed, bool rem, uint32_t a, uint32_t b);
  void wrap_register(uint32_t s);
  // d = x's low `from_bits` bits, sign-extended to width w.
  void sign_extend(W w, uint8_t from_bits, Reg d, Reg x);
  void popcount(W w, Reg d, Reg x);

  // --- floats in registers (compile_float.cpp) --------------------------------------------------
  bool float_in_registers(const Instr& in, uint32_t h0);
  void load_float_constant(Fp fp, VReg v, double value);

  // --- v128 on NEON (compile_simd.cpp; its loads and stores in compile_simd_memory.cpp, the
  // instructions that widen or narrow lanes in compile_simd_lane_widths.cpp) -----------------------
  Mem v128_slot(uint32_t s);
  bool simd(const Instr& in, uint32_t h0);
  void any_true_to(uint32_t s, Cond c);
  void bitmask_to(Vw lane, Reg d);
  static bool accesses_memory(Opcode op);
  void simd_memory(const Instr& in, uint32_t h0);
  void load_lane_scalar(uint32_t size, const Mem& host);
  static bool changes_lane_width(Opcode op);
  void simd_lane_width(const Instr& in, uint32_t h0);

  // --- everything else, in slot form (compile_slot_forms.cpp) -----------------------------------
  void in_slots(const Instr& in, uint32_t h0);

  // --- jumps and fuel (compile_control.cpp) -----------------------------------------------------
  // v128 instructions (compile_simd.cpp), before the walk moves on: one not compiled yet leaves
  // the function to the interpreter.
  bool v128_before_effect(const Instr& in, uint32_t h0) {
    if (info(in.op).prefix != 0xFD) return false;
    if (!simd(in, h0)) unsupported(in);
    return true;
  }
  void jump(Label& l) { a_.b(l); }
  void jump_if(Cond c, Label& l) { a_.b(c, l); }
  void jump_unless(Cond c, Label& l) { a_.b(negate(c), l); }
  Cond from_flags(Cond c) { return c; }
  Cond nonzero(uint32_t s);
  void table_index(uint32_t s) { vs_.copy_to(kScratch1, s); }
  void jump_if_index(uint32_t i, Label& l);
  void meter();

  struct Guarded {
    uint32_t pc;
    uint8_t index;
    TrapSite* stub;
  };
  std::vector<Guarded> guarded_;  // accesses whose bounds the guard pages check
};

}  // namespace mnemo::jit::arm64
