// core/jit/x64/function_compiler.h: the x86-64 baseline compiler of one function (compiler.h says
// what it compiles and the register convention), its member functions spread over files by
// concern: compiler.cpp (the walk over the body, the frame, locals and globals), compile_control,
// compile_calls, compile_memory, compile_integer, compile_float, compile_slot_forms and
// trap_stubs. What is not about x86-64 comes from core/jit/ (see core/jit/README.md). Only
// those files include this one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/jit/baseline_compiler.h"
#include "core/jit/trap_sites.h"
#include "core/jit/x64/assembler.h"
#include "core/jit/x64/compiler.h"
#include "core/jit/x64/value_stack.h"
#include "core/runtime/context.h"

namespace mnemo::jit::x64 {

constexpr Reg kFp = Reg::rbx;     // the frame's slots
constexpr Reg kCtx = Reg::r12;    // InstanceContext
constexpr Reg kState = Reg::r13;  // ThreadState

inline Mem slot(uint32_t index) { return Mem{kFp, int32_t(8 * index)}; }
inline Mem state_field(size_t offset) { return Mem{kState, int32_t(offset)}; }

// An out-of-line trap (core/jit/trap_sites.h): raised with the fault's address in rax for
// memory faults.
using TrapSite = jit::TrapSite<Label>;

// Which register a value of type `t` lives in when it is in one.
inline bool floating(ValType t) { return t == ValType::F32 || t == ValType::F64; }
inline W width(ValType t) { return t == ValType::I32 || t == ValType::F32 ? W::W32 : W::W64; }
inline Fp fp_of(ValType t) { return t == ValType::F32 ? Fp::F32 : Fp::F64; }
inline bool fits_imm32(W w, uint64_t bits) {
  return w == W::W32 || (int64_t(bits) >= INT32_MIN && int64_t(bits) <= INT32_MAX);
}

// What the shared compiler (core/jit/baseline_compiler.h) needs to know of x86-64.
struct Isa {
  using Assembler = x64::Assembler;
  using ValueStack = x64::ValueStack;
  using Label = x64::Label;
  using Cond = x64::Cond;
  using W = x64::W;
  using Reg = x64::Reg;
  using RuntimeCalls = x64::RuntimeCalls;
  static constexpr Reg kFp = x64::kFp;
  static constexpr Reg kCtx = x64::kCtx;
  // An if's or br_if's condition: a fused comparison's, in the flags already, or an i32 copied
  // into rcx whose test waits for the jump, so that what runs before it may reuse the value's
  // register.
  struct Condition {
    Cond cond;
    bool in_flags;
  };
};

class Compiler final : public jit::BaselineCompiler<Compiler, Isa> {
 public:
  Compiler(const Instance& inst, const IndexSpaces& spaces, uint32_t func_index, const RuntimeCalls& calls,
           InstrOffsets offsets, std::vector<uint8_t>* scratch)
      : BaselineCompiler(inst, spaces, func_index, calls, offsets,
                         Assembler(scratch ? std::move(*scratch) : std::vector<uint8_t>{}), view_offsets(inst),
                         int32_t(offsetof(MemoryView, data))),
        scratch_(scratch) {}

 private:
  friend class jit::BaselineCompiler<Compiler, Isa>;

  static std::vector<int32_t> view_offsets(const Instance& inst) {
    std::vector<int32_t> out;
    for (uint32_t m = 0; m < inst.memories.size(); ++m) out.push_back(int32_t(InstanceContext::memory_offset(m)));
    return out;
  }

  // --- the frame, locals and globals (compiler.cpp) ---------------------------------------------
  void prologue();
  void pin_hot_memory();
  void return_from(uint32_t results);
  void move_v128(uint32_t from, uint32_t to);
  bool select(ValType type, uint32_t h0);
  // Globals (the shared global() decides): rcx = the pointer to the global's cell.
  void load_cell_pointer(size_t cell) { a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(cell)}); }
  void global_v128(bool get, size_t cell, uint32_t h0);
  void load_global(ValType t, uint32_t s, const Pins& pins);
  void store_global(const Loc& l);
  bool v128_before_effect(const Instr&, uint32_t) { return false; }  // v128 goes the common way, in slot form
  void patch_imm32(uint32_t at, uint32_t value) { a_.patch32(at, value); }
  void finish(CompileResult& out);
  void release_buffer() {
    if (scratch_) a_.give_back_buffer(*scratch_);
  }

  // --- traps (trap_stubs.cpp) -------------------------------------------------------------------
  void propagate_if_trapped();
  void stubs();

  // --- calls (compile_calls.cpp) ----------------------------------------------------------------
  void call_out(const void* fn) {
    a_.mov_imm(W::W64, Reg::rax, reinterpret_cast<uintptr_t>(fn));
    a_.call(Reg::rax);
  }
  void load_pointer(Reg r, const void* p) { a_.mov_imm(W::W64, r, reinterpret_cast<uintptr_t>(p)); }
  void take_a_frame();
  void call(uint32_t func, uint32_t base);
  void call_entry_in_rax(uint32_t base);
  void bulk(const Instr& in, uint32_t base, const void* a, const void* b);
  void call_through_table(const Instr& in, uint32_t index, uint32_t base);
  void memory_grow(const Instr& in, uint32_t at);
  void memory_fill(const Instr& in, uint32_t at);
  void memory_copy(const Instr& in, uint32_t at);

  // --- memory (compile_memory.cpp) --------------------------------------------------------------
  Mem address(const MemArg& m, uint32_t at, Reg addr, uint32_t size, MemoryAccess::Kind kind, Pins pins);
  Reg address_register(uint32_t at, const Pins& pins);
  bool load(const Instr& in, uint32_t h0);
  bool store(const Instr& in, uint32_t h0);

  // --- operands ---------------------------------------------------------------------------------
  // A register holding slot `s`'s value that the instruction may overwrite: its own when nothing
  // else names it, else a copy.
  Reg writable_gpr(uint32_t s, const Pins& pins) { return writable<Reg>(s, pins); }
  Xmm writable_fpr(uint32_t s, const Pins& pins) { return writable<Xmm>(s, pins); }
  template <typename R>
  R writable(uint32_t s, const Pins& pins) {
    constexpr Loc::Kind kKind = std::is_same_v<R, Reg> ? Loc::Gpr : Loc::Fpr;
    if (vs_.at(s).kind == kKind && vs_.sole_owner(s)) return R(vs_.at(s).reg);
    Pins keep = pins;
    keep.pin(vs_.at(s));
    R r;
    if constexpr (kKind == Loc::Gpr) r = vs_.take_gpr(keep);
    else r = vs_.take_fpr(keep);
    vs_.copy_to(r, s);
    return r;
  }

  // --- integers in registers (compile_integer.cpp) ----------------------------------------------
  bool into_next_local(uint32_t a, uint32_t b, bool commutative, Reg* d, bool* swapped);
  void alu_with(Alu op, W w, Reg dst, uint32_t b, Pins pins);
  // The flags of `x` == 0; the condition that holds then.
  Cond test_zero(W w, Reg x) {
    a_.test(w, x, x);
    return Cond::e;
  }
  void condition_value(Cond c, uint32_t s, const Pins& pins);
  // The flags of x - slot b (the operands' registers in `pins`).
  void compare(W w, Reg x, uint32_t b, const Pins& pins);
  Cond condition_of(Compare c);
  bool numeric(const Instr& in, uint32_t h0);
  void divide(W w, bool is_signed, bool rem, uint32_t a, uint32_t b);
  void wrap_register(uint32_t s);
  // d = x's low `from_bits` bits, sign-extended to width w.
  void sign_extend(W w, uint8_t from_bits, Reg d, Reg x);

  // --- floats in registers (compile_float.cpp) --------------------------------------------------
  bool float_in_registers(const Instr& in, uint32_t h0);

  // --- everything else, in slot form (compile_slot_forms.cpp) -----------------------------------
  void in_slots(const Instr& in, uint32_t h0);

  // --- jumps and fuel (compile_control.cpp) -----------------------------------------------------
  void jump(Label& l) { a_.jmp(l); }
  void jump_if(Condition c, Label& l);
  void jump_unless(Condition c, Label& l) { jump_if({negate(c.cond), c.in_flags}, l); }
  Condition from_flags(Cond c) { return {c, true}; }
  Condition nonzero(uint32_t s);
  void table_index(uint32_t s) { vs_.copy_to(Reg::rcx, s); }
  void jump_if_index(uint32_t i, Label& l);
  void meter();

  std::vector<uint8_t>* const scratch_;  // compile_function's, or null
  struct Guarded {
    uint32_t pc;
    int32_t disp;
    uint8_t index;
    TrapSite* stub;
  };
  std::vector<Guarded> guarded_;  // accesses whose bounds the guard pages check
};

}  // namespace mnemo::jit::x64
