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
#include "core/jit/frame_labels.h"
#include "core/jit/fuel_runs.h"
#include "core/jit/control_rules.h"
#include "core/jit/loop_uses.h"
#include "core/jit/next_use.h"
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
using FrameLabels = jit::FrameLabels<Label>;

class Compiler {
 public:
  Compiler(const Instance& inst, const IndexSpaces& spaces, uint32_t func_index, const RuntimeCalls& calls,
           InstrOffsets offsets)
      : inst_(inst),
        fn_(*inst.funcs[func_index]->code),
        walk_(*inst.module, spaces, fn_),
        calls_(calls),
        func_index_(func_index),
        offsets_(offsets),
        vs_(a_, kFp, kCtx, walk_.local_types(), walk_.local_slots(), walk_.param_slots() + walk_.declared_local_slots(),
            inst.memories.size()) {}

  CompileResult run();

 private:
  CompileResult& refuse(CompileResult& out, std::string stopped_at, std::string why);
  void unsupported(const Instr& in);

  // --- the walk, the frame, locals and globals (compiler.cpp) -----------------------------------
  void step(const Instr& in);
  void prologue();
  void pin_hot_memory();
  void return_from(uint32_t results);
  void results_in_slots(uint32_t from) { vs_.results_in_slots(walk_, from); }
  void global(const Instr& in, uint32_t h0);
  // dst = src + imm (64 bits), through kScratch1 when the immediate has no field of its own.
  void add_imm64(Reg dst, Reg src, uint64_t imm);
  // A movz / movk pair for a 32-bit constant known later (patch_mov32); its offset.
  uint32_t mov32_later(Reg dst);
  void patch_mov32(uint32_t at, uint32_t value);

  // --- traps (trap_stubs.cpp) -------------------------------------------------------------------
  TrapSite& trap_here(TrapCode code) { return traps_.trap(code, instr_); }
  TrapSite& fault_here(MemoryAccess::Kind kind, uint32_t memory, uint32_t size) {
    return traps_.fault(kind, memory, size, instr_);
  }
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
  void call_instr(const Instr& in, uint32_t h0);
  void call_indirect(const Instr& in, uint32_t h0);

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
  ValType int_type(W w) const { return w == W::W32 ? ValType::I32 : ValType::I64; }
  // The next instruction reads the i32 this one leaves as a condition (br_if, if): leave it in
  // the flags instead.
  bool condition_follows() const {
    if (instr_ + 1 >= fn_.body.size()) return false;
    const Opcode next = fn_.body[instr_ + 1].op;
    return next == Opcode::BrIf || next == Opcode::If;
  }

  // --- integers in registers (compile_integer.cpp) ----------------------------------------------
  void condition_result(Cond c, uint32_t s, const Pins& pins);
  void compare(W w, Reg x, uint32_t b, Pins pins);
  bool numeric(const Instr& in, uint32_t h0);
  bool binary(const Instr& in, uint32_t a, uint32_t b);
  void divide(W w, bool is_signed, bool rem, uint32_t a, uint32_t b);
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

  // --- control and fuel (compile_control.cpp) ---------------------------------------------------
  const MergeState& target_of(FrameLabels& l) { return branch_target(l, vs_); }
  void branch(uint32_t depth, uint32_t h);
  void branch_if(Cond c, uint32_t depth, uint32_t h);
  void meter();
  void close_segment();
  Cond condition_flags(uint32_t s);
  void enter_block(const Instr& in, uint32_t h0);
  void enter_loop(const Instr& in, uint32_t h0);
  void enter_if(const Instr& in, uint32_t h0);
  void enter_else(uint32_t h0);
  void end_frame(uint32_t h0);
  void br_table(const Instr& in, uint32_t h0);

  const Instance& inst_;
  const Function& fn_;
  BodyWalk walk_;
  const RuntimeCalls& calls_;
  const uint32_t func_index_;
  const InstrOffsets offsets_;
  Assembler a_;
  ValueStack vs_;
  LabelStack<Label> labels_;
  TrapSites<Label> traps_;
  struct Guarded {
    uint32_t pc;
    uint8_t index;
    TrapSite* stub;
  };
  std::vector<Guarded> guarded_;  // accesses whose bounds the guard pages check
  std::vector<DirectCall> direct_calls_;
  std::optional<Cond> flags_;     // the i32 condition on top is in the flags (a fused comparison)
  uint32_t frame_size_at_ = 0;
  FuelRuns fuel_;
  uint32_t instr_ = 0;
  std::string why_not_;
  std::string stopped_at_;
  LoopUses loop_uses_;  // jit::preload_for_loop's (control_rules.h), kept for the next loop
  BodyLookAhead next_use_{fn_.body, walk_.local_slots(), walk_.param_slots() + walk_.declared_local_slots()};  // last: it reads walk_ when made
};

}  // namespace mnemo::jit::arm64
