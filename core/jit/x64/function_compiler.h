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

#include "core/jit/frame_labels.h"
#include "core/jit/fuel_runs.h"
#include "core/jit/control_rules.h"
#include "core/jit/loop_uses.h"
#include "core/jit/next_use.h"
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
using FrameLabels = jit::FrameLabels<Label>;

// Which register a value of type `t` lives in when it is in one.
inline bool floating(ValType t) { return t == ValType::F32 || t == ValType::F64; }
inline W width(ValType t) { return t == ValType::I32 || t == ValType::F32 ? W::W32 : W::W64; }
inline Fp fp_of(ValType t) { return t == ValType::F32 ? Fp::F32 : Fp::F64; }
inline bool fits_imm32(W w, uint64_t bits) {
  return w == W::W32 || (int64_t(bits) >= INT32_MIN && int64_t(bits) <= INT32_MAX);
}

class Compiler {
 public:
  Compiler(const Instance& inst, const IndexSpaces& spaces, uint32_t func_index, const RuntimeCalls& calls,
           InstrOffsets offsets, std::vector<uint8_t>* scratch)
      : inst_(inst),
        fn_(*inst.funcs[func_index]->code),
        walk_(*inst.module, spaces, fn_),
        calls_(calls),
        func_index_(func_index),
        offsets_(offsets),
        scratch_(scratch),
        a_(scratch ? std::move(*scratch) : std::vector<uint8_t>{}),
        vs_(a_, kFp, kCtx, walk_.local_types(), walk_.local_slots(), walk_.param_slots() + walk_.declared_local_slots(),
            view_offsets(inst), int32_t(offsetof(MemoryView, data))) {}

  CompileResult run();

 private:
  static std::vector<int32_t> view_offsets(const Instance& inst) {
    std::vector<int32_t> out;
    for (uint32_t m = 0; m < inst.memories.size(); ++m) out.push_back(int32_t(InstanceContext::memory_offset(m)));
    return out;
  }
  CompileResult& refuse(CompileResult& out, std::string why);
  void unsupported(const Instr& in);

  // --- the walk, the frame, locals and globals (compiler.cpp) -----------------------------------
  void step(const Instr& in);
  void prologue();
  void pin_hot_memory();
  void return_from(uint32_t results);
  void move_v128(uint32_t from, uint32_t to);
  void results_in_slots(uint32_t from) { vs_.results_in_slots(walk_, from); }

  // --- traps (trap_stubs.cpp) -------------------------------------------------------------------
  TrapSite& trap_here(TrapCode code) { return traps_.trap(code, instr_); }
  TrapSite& fault_here(MemoryAccess::Kind kind, uint32_t memory, uint32_t size) {
    return traps_.fault(kind, memory, size, instr_);
  }
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
  void call_instr(const Instr& in, uint32_t h0);
  void call_indirect(const Instr& in, uint32_t h0);

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
  ValType int_type(W w) const { return w == W::W32 ? ValType::I32 : ValType::I64; }
  // The next instruction reads the i32 this one leaves as a condition (br_if, if): leave it in
  // the flags instead.
  bool condition_follows() const {
    if (instr_ + 1 >= fn_.body.size()) return false;
    const Opcode next = fn_.body[instr_ + 1].op;
    return next == Opcode::BrIf || next == Opcode::If;
  }

  // --- integers in registers (compile_integer.cpp) ----------------------------------------------
  bool into_next_local(uint32_t a, uint32_t b, bool commutative, Reg* d, bool* swapped);
  void alu_with(Alu op, W w, Reg dst, uint32_t b, Pins pins);
  void condition_result(Cond c, uint32_t s, const Pins& pins);
  bool numeric(const Instr& in, uint32_t h0);
  void divide(W w, bool is_signed, bool rem, uint32_t a, uint32_t b);

  // --- floats in registers (compile_float.cpp) --------------------------------------------------
  bool float_in_registers(const Instr& in, uint32_t h0);

  // --- everything else, in slot form (compile_slot_forms.cpp) -----------------------------------
  void in_slots(const Instr& in, uint32_t h0);

  // --- control and fuel (compile_control.cpp) ---------------------------------------------------
  // The state a branch to frame `l` leaves: taken from this arrival when it is the first.
  const MergeState& target_of(FrameLabels& l) { return branch_target(l, vs_); }
  void branch(uint32_t depth, uint32_t h);
  void branch_if(Cond c, uint32_t depth, uint32_t h);
  void meter();
  void close_segment();
  Cond condition_in_rcx(uint32_t s, bool* in_flags);
  void enter_block(const Instr& in, uint32_t h0);
  void enter_loop(const Instr& in, uint32_t h0);
  void enter_if(const Instr& in, uint32_t h0);
  void enter_else(uint32_t h0);
  void end_frame(uint32_t h0);
  void br_if(const Instr& in, uint32_t h0);
  void br_table(const Instr& in, uint32_t h0);

  const Instance& inst_;
  const Function& fn_;
  BodyWalk walk_;
  const RuntimeCalls& calls_;
  const uint32_t func_index_;
  const InstrOffsets offsets_;
  std::vector<uint8_t>* const scratch_;  // compile_function's, or null
  Assembler a_;
  ValueStack vs_;
  LabelStack<Label> labels_;
  TrapSites<Label> traps_;
  struct Guarded {
    uint32_t pc;
    int32_t disp;
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

}  // namespace mnemo::jit::x64
