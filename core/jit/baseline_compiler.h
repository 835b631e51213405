// core/jit/baseline_compiler.h: the part of a baseline compiler of one function that is the same
// on every instruction set, as a base class template over the backend's Compiler (CRTP, so that
// the per-instruction path has no virtual calls): the function's state while it compiles (the
// typed walk, the value stack, the frames' labels, the trap sites, the fuel runs), the run over
// the body, the dispatch of each instruction, the instructions that only move values between
// locations (locals, globals, constants, drop), and control flow (baseline_control.h). The backend
// supplies the machine code through hooks: its prologue and return, jumps and condition tests,
// and the instruction selection of everything else.
//
// `Isa` names the backend's types: Assembler, ValueStack (a ValueStackPolicy), Label, Cond, W,
// Reg, RuntimeCalls, the frame and context registers (kFp, kCtx), and Condition: how an if or
// br_if holds its condition between the test and the jump (a condition code, or one that still
// needs its test emitted).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/jit/compile_result.h"
#include "core/jit/control_rules.h"
#include "core/jit/frame_labels.h"
#include "core/jit/fuel_runs.h"
#include "core/jit/loop_uses.h"
#include "core/jit/next_use.h"
#include "core/jit/trap_sites.h"
#include "core/jit/value_stack_policy.h"
#include "core/runtime/store.h"
#include "core/walk/body_walk.h"

namespace mnemo::jit {

template <typename Compiler, typename Isa>
class BaselineCompiler {
 public:
  using Assembler = typename Isa::Assembler;
  using ValueStack = typename Isa::ValueStack;
  using Label = typename Isa::Label;
  using Cond = typename Isa::Cond;
  using Condition = typename Isa::Condition;
  using W = typename Isa::W;
  using Reg = typename Isa::Reg;
  using RuntimeCalls = typename Isa::RuntimeCalls;

  CompileResult run();

 protected:
  // `value_stack_args` follow the value stack's common ones (assembler, frame and context
  // registers, the locals' types and slots, where the locals end): how it reaches the memories.
  template <typename... ValueStackArgs>
  BaselineCompiler(const Instance& inst, const IndexSpaces& spaces, uint32_t func_index, const RuntimeCalls& calls,
                   InstrOffsets offsets, Assembler assembler, ValueStackArgs&&... value_stack_args)
      : inst_(inst),
        fn_(*inst.funcs[func_index]->code),
        walk_(*inst.module, spaces, fn_),
        calls_(calls),
        func_index_(func_index),
        offsets_(offsets),
        a_(std::move(assembler)),
        vs_(a_, Isa::kFp, Isa::kCtx, walk_.local_types(), walk_.local_slots(),
            walk_.param_slots() + walk_.declared_local_slots(), std::forward<ValueStackArgs>(value_stack_args)...) {}

  Compiler& self() { return static_cast<Compiler&>(*this); }

  // The function is left to the interpreter: no code, and the instruction that stopped it.
  CompileResult& refuse(CompileResult& out, std::string stopped_at, std::string why);
  void unsupported(const Instr& in);

  // --- the walk (this file) ---------------------------------------------------------------------
  void step(const Instr& in);
  void global(const Instr& in, uint32_t h0);
  void results_in_slots(uint32_t from) { vs_.results_in_slots(walk_, from); }
  TrapSite<Label>& trap_here(TrapCode code) { return traps_.trap(code, instr_); }
  TrapSite<Label>& fault_here(MemoryAccess::Kind kind, uint32_t memory, uint32_t size) {
    return traps_.fault(kind, memory, size, instr_);
  }
  ValType int_type(W w) const { return w == W::W32 ? ValType::I32 : ValType::I64; }
  // The next instruction reads the i32 this one leaves as a condition (br_if, if): leave it in
  // the flags instead.
  bool condition_follows() const {
    if (instr_ + 1 >= fn_.body.size()) return false;
    const Opcode next = fn_.body[instr_ + 1].op;
    return next == Opcode::BrIf || next == Opcode::If;
  }
  // A 0/1 result of condition `c` (in the flags now) at slot `s`, or left in the flags for the
  // br_if / if that follows.
  void condition_result(Cond c, uint32_t s, const Pins& pins);
  // The integer instructions whose decisions are not about the instruction set
  // (baseline_values.h): true when `in` is one of them, compiled.
  bool value_rules(const Instr& in, uint32_t h0);

  // --- calls (baseline_calls.h) -----------------------------------------------------------------
  void call_instr(const Instr& in, uint32_t h0);
  void call_indirect(const Instr& in, uint32_t h0);
  bool runtime_call(const Instr& in, uint32_t h0);

  // --- control flow (baseline_control.h) --------------------------------------------------------
  // The state a branch to frame `l` leaves: taken from this arrival when it is the first.
  const MergeState& target_of(FrameLabels<Label>& l) { return branch_target(l, vs_); }
  void branch(uint32_t depth, uint32_t h);
  void branch_if(Condition c, uint32_t depth, uint32_t h);
  Condition condition(uint32_t s);
  void close_segment();
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
  std::vector<DirectCall> direct_calls_;
  std::optional<Cond> flags_;  // the i32 condition on top is in the flags (a fused comparison)
  uint32_t frame_size_at_ = 0;
  FuelRuns fuel_;
  uint32_t instr_ = 0;
  std::string why_not_;
  std::string stopped_at_;
  LoopUses loop_uses_;  // jit::preload_for_loop's (control_rules.h), kept for the next loop
  BodyLookAhead next_use_{fn_.body, walk_.local_slots(), walk_.param_slots() + walk_.declared_local_slots()};  // last: it reads walk_ when made
};

template <typename Compiler, typename Isa>
CompileResult BaselineCompiler<Compiler, Isa>::run() {
  CompileResult out;
  // About 12 bytes of code and one offset per instruction: room for them up front.
  a_.reserve(16 * fn_.body.size() + 256);
  const bool offsets = offsets_ == InstrOffsets::Record;
  if (offsets) out.instr_offsets.reserve(fn_.body.size() + 1);
  vs_.set_next_use(&next_use_);
  self().prologue();
  labels_.push();  // the function's own frame: its label is the return
  self().meter();
  for (uint32_t i = 0; i < fn_.body.size() && !walk_.finished() && why_not_.empty(); ++i) {
    instr_ = i;
    next_use_.at(i);
    if (offsets) out.instr_offsets.emplace_back(i, a_.size());
    step(fn_.body[i]);
  }
  close_segment();
  if (!why_not_.empty()) return refuse(out, stopped_at_, why_not_);
  self().patch_imm32(frame_size_at_, 8 * (walk_.max_height() + 4));
  if (offsets) out.instr_offsets.emplace_back(uint32_t(fn_.body.size()), a_.size());  // the trap stubs start
  self().stubs();
  self().finish(out);  // the guard sites and the code
  return out;
}

template <typename Compiler, typename Isa>
CompileResult& BaselineCompiler<Compiler, Isa>::refuse(CompileResult& out, std::string stopped_at, std::string why) {
  out.code.clear();
  out.instr_offsets.clear();
  self().release_buffer();
  out.stopped_at = std::move(stopped_at);
  out.why_not = std::move(why);
  return out;
}

template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::unsupported(const Instr& in) {
  if (!why_not_.empty()) return;
  stopped_at_ = std::string(info(in.op).text);
  why_not_ = stopped_at_ + " (instruction " + std::to_string(instr_) + ")";
}

// One instruction. Every instruction the walk reaches alive counts toward the open fuel run.
// Control and the moves between locations are decided here; the backend selects the machine
// instructions of the rest (calls, memory accesses, numeric instructions, select, globals).
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::step(const Instr& in) {
  if (!walk_.dead()) fuel_.count();
  if (!walk_.reached(in)) return;
  const uint32_t h0 = walk_.height();
  switch (in.op) {
    case Opcode::Block: enter_block(in, h0); return;
    case Opcode::Loop: enter_loop(in, h0); return;
    case Opcode::If: enter_if(in, h0); return;
    case Opcode::Else: enter_else(h0); return;
    case Opcode::End: end_frame(h0); return;
    default: break;
  }
  // A backend may take v128 instructions whole, before the walk moves on.
  if (self().v128_before_effect(in, h0)) return;
  // Reads of what the walk is about to pop.
  const ValType popped_type = in.op == Opcode::Select || in.op == Opcode::SelectT ? walk_.operand(1) : ValType::I32;
  walk_.effect(in);
  switch (in.op) {
    case Opcode::Nop: return;
    case Opcode::Drop:
      for (uint32_t s = walk_.height(); s < h0; ++s) vs_.set_slot(s, vs_.at(s).type);
      return;
    case Opcode::Unreachable: self().jump(trap_here(TrapCode::Unreachable).label); return;
    case Opcode::Br: branch(in.index, h0); return;
    case Opcode::Return: branch(walk_.depth() - 1, h0); return;
    case Opcode::BrIf: branch_if(condition(h0 - 1), in.index, h0 - 1); return;
    case Opcode::BrTable: br_table(in, h0); return;
    case Opcode::Select:
    case Opcode::SelectT:
      if (self().select(popped_type, h0)) return;
      break;  // in slots, below
    case Opcode::LocalGet: {
      const uint32_t s = walk_.local_slots()[in.index];
      const ValType t = walk_.local_types()[in.index];
      if (t == ValType::V128) {  // v128 values live in their slots
        self().move_v128(s, h0);
        vs_.set_slot(h0, t);
        vs_.set_slot(h0 + 1, t);
        return;
      }
      if (vs_.at(s).kind == Loc::Slot) {
        if (t == ValType::F32 || t == ValType::F64) vs_.to_fpr(s);
        else vs_.to_gpr(s);
      }
      vs_.set(h0, vs_.at(s));
      return;
    }
    case Opcode::LocalSet:
    case Opcode::LocalTee: {
      const uint32_t s = walk_.local_slots()[in.index];
      const ValType t = walk_.local_types()[in.index];
      if (t == ValType::V128) {
        self().move_v128(h0 - 2, s);
        if (in.op == Opcode::LocalSet) {
          vs_.set_slot(h0 - 2, t);
          vs_.set_slot(h0 - 1, t);
        }
        return;
      }
      const uint32_t v = h0 - 1;
      // A tee's operand keeps its register when it has one of its own (the local got a copy),
      // so that what consumes it may overwrite it.
      vs_.assign_local(s, t, v);
      const Loc operand = vs_.at(v);
      if (in.op == Opcode::LocalSet) vs_.set_slot(v, t);
      else if (!operand.in_register() || !vs_.sole_owner(v)) vs_.set(v, vs_.at(s));
      return;
    }
    case Opcode::GlobalGet:
    case Opcode::GlobalSet: global(in, h0); return;
    case Opcode::I32Const: vs_.set_const(h0, uint32_t(in.bits), ValType::I32); return;
    case Opcode::F32Const: vs_.set_const(h0, uint32_t(in.bits), ValType::F32); return;
    case Opcode::I64Const: vs_.set_const(h0, in.bits, ValType::I64); return;
    case Opcode::F64Const: vs_.set_const(h0, in.bits, ValType::F64); return;
    case Opcode::Call: call_instr(in, h0); return;
    case Opcode::CallIndirect: call_indirect(in, h0); return;
    case Opcode::RefNull: vs_.set_const(h0, 0, ValType::I64); return;
    case Opcode::RefFunc: vs_.set_const(h0, func_slot(inst_.funcs[in.index]), ValType::I64); return;
    case Opcode::RefIsNull: {
      const Reg x = vs_.to_gpr(h0 - 1);
      const Cond zero = self().test_zero(W::W64, x);
      Pins pins;
      pins.pin(vs_.at(h0 - 1));
      condition_result(zero, h0 - 1, pins);
      return;
    }
    default: break;
  }
  if (info(in.op).prefix != 0xFD && info(in.op).imm == ImmKind::MemArg && (self().load(in, h0) || self().store(in, h0)))
    return;
  if (self().numeric(in, h0) || self().float_in_registers(in, h0)) return;
  self().in_slots(in, h0);
}

// global.get / global.set: the context holds a pointer to the global's value cell (two for a
// v128, which the backend moves whole). A value to set goes into a register first, so that the
// cell's pointer takes none of its.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::global(const Instr& in, uint32_t h0) {
  const ValType t = inst_.globals[in.index]->type.type;
  const size_t cell = inst_.context()->global_offset(in.index);
  const bool get = in.op == Opcode::GlobalGet;
  if (t == ValType::V128) {
    self().global_v128(get, cell, h0);
    return;
  }
  const bool floating = t == ValType::F32 || t == ValType::F64;
  Pins pins;
  if (!get) {
    if (floating) vs_.to_fpr(h0 - 1);
    else vs_.to_gpr(h0 - 1);
    pins.pin(vs_.at(h0 - 1));
  }
  self().load_cell_pointer(cell);
  if (get) {
    self().load_global(t, h0, pins);
    return;
  }
  self().store_global(vs_.at(h0 - 1));
  vs_.set_slot(h0 - 1, t);
}

template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::condition_result(Cond c, uint32_t s, const Pins& pins) {
  if (condition_follows()) {
    flags_ = c;
    vs_.set_slot(s, ValType::I32);
    return;
  }
  self().condition_value(c, s, pins);
}

}  // namespace mnemo::jit

#include "core/jit/baseline_calls.h"
#include "core/jit/baseline_control.h"
#include "core/jit/baseline_values.h"
