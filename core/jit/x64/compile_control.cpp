// core/jit/x64/compile_control.cpp: control flow, part of the x86-64 Compiler
// (function_compiler.h): blocks, loops (their registers preloaded, core/jit/loop_uses.h), if /
// else, branches with their merge states, and the fuel charges at the starts of straight-line
// runs (core/jit/fuel_runs.h).
#include "core/jit/x64/function_compiler.h"

#include <deque>

#include "core/jit/control_rules.h"

namespace mnemo::jit::x64 {

// A branch to label `depth` from stack height `h`: the label's values into their slots, the
// locals and memory bases where the label's merge state has them, then the jump. The value
// stack here is unchanged (a conditional branch falls through with it).
void Compiler::branch(uint32_t depth, uint32_t h) {
  const WalkFrame& f = walk_.label(depth);
  const uint32_t keep = f.label_slots();
  if (depth == walk_.depth() - 1) {  // the function's own label: a return
    return_from(h - keep);
    return;
  }
  vs_.store_values(h - keep, f.base, keep);
  FrameLabels& l = labels_.at_depth(depth);
  vs_.conform(target_of(l));
  a_.jmp(l.target);
}

// Jumps to label `depth` when `c` holds (falls through with the value stack as it is).
void Compiler::branch_if(Cond c, uint32_t depth, uint32_t h) {
  if (jit::branch_is_bare(walk_, vs_, labels_, depth, h)) {
    a_.jcc(c, labels_.at_depth(depth).target);
    return;
  }
  Label skip;
  a_.jcc(negate(c), skip);
  branch(depth, h);
  a_.bind(skip);
}

// In a metered store, every straight-line run starts by taking its instruction count from the
// store's fuel (core/jit/fuel_runs.h): a sub with a 32-bit immediate patched when the run ends.
void Compiler::meter() {
  if (!calls_.metered) return;
  close_segment();
  a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(offsetof(InstanceContext, fuel))});
  a_.mov(W::W64, Reg::rax, Mem{Reg::rcx, 0});
  a_.alu_imm32(Alu::sub, W::W64, Reg::rax, 0);
  fuel_.open(a_.size() - 4);
  a_.jcc(Cond::b, trap_here(TrapCode::OutOfFuel).label);  // the fuel left stays as it was
  a_.mov(W::W64, Mem{Reg::rcx, 0}, Reg::rax);
}

void Compiler::close_segment() {
  FuelRuns::Charge charge;
  if (fuel_.close(&charge)) a_.patch32(charge.at, charge.instrs);
}

// The condition (an i32 at slot s) as flags; `c` holds when it is nonzero. A value in a
// register goes through rcx, so that what runs before the test may reuse its register.
Cond Compiler::condition_in_rcx(uint32_t s, bool* in_flags) {
  if (flags_) {
    *in_flags = true;
    const Cond c = *flags_;
    flags_.reset();
    vs_.set_slot(s, ValType::I32);
    return c;
  }
  *in_flags = false;
  vs_.copy_to(Reg::rcx, s);
  vs_.set_slot(s, ValType::I32);
  return Cond::ne;
}

// Operands below a frame stay in their slots while it runs.
void Compiler::enter_block(const Instr& in, uint32_t h0) {
  walk_.enter(in);
  labels_.push();
  vs_.flush_operands(h0);
}

// A loop's header: the state settled, the locals it writes before reading dropped, the locals and
// bases it uses preloaded; that state is every back edge's merge state. Its body's run of
// straight-line code starts with a fuel charge.
void Compiler::enter_loop(const Instr& in, uint32_t h0) {
  walk_.enter(in);
  vs_.settle_for_loop(h0);
  const std::vector<uint32_t> dead = written_before_read(fn_.body, instr_, walk_.local_types(), walk_.local_slots());
  for (uint32_t s : dead) vs_.set_slot(s, vs_.at(s).type);  // dropped: never read again
  jit::preload_for_loop(loop_uses_, vs_, walk_, fn_.body, instr_, inst_, calls_.guard_pages, dead);
  FrameLabels& l = labels_.push();
  l.state = vs_.snapshot();
  for (uint32_t s : dead) l.state.locals[s].dead = true;
  l.has_state = true;
  vs_.adopt(l.state);
  a_.bind(l.target);
  meter();
}

// if: the condition (in the flags, or tested in rcx) jumps to the else, or to the end, where the
// false path begins in the state at the if's start.
void Compiler::enter_if(const Instr& in, uint32_t h0) {
  bool in_flags = false;
  const Cond c = condition_in_rcx(h0 - 1, &in_flags);
  walk_.enter(in);
  FrameLabels& l = labels_.push();
  vs_.flush_operands(h0 - 1);  // stores only: the flags survive
  l.entry = vs_.exact();
  l.has_else = true;
  if (!in_flags) a_.test(W::W32, Reg::rcx, Reg::rcx);
  a_.jcc(negate(c), l.else_);
}

// else: the true path goes to the end's merge state; the false path starts from the if's entry.
void Compiler::enter_else(uint32_t h0) {
  FrameLabels& l = labels_.innermost();
  if (!walk_.dead()) {
    vs_.flush_operands(h0);  // the results, in their slots
    vs_.conform(target_of(l));
    a_.jmp(l.target);
  }
  a_.bind(l.else_);
  l.has_else = false;
  walk_.enter_else();
  vs_.adopt(l.entry);
  results_in_slots(walk_.innermost().base);
  meter();
}

// end: the function's end returns; any other frame's arrivals meet in its merge state, an if
// without else bringing its false path there too.
void Compiler::end_frame(uint32_t h0) {
  const bool fell_through = !walk_.dead();
  if (walk_.depth() == 1) {  // the function's end: its results go to the frame's base
    const uint32_t results = walk_.result_slots();
    walk_.leave();
    labels_.pop();
    meter();
    if (fell_through) return_from(h0 - results);
    return;
  }
  const bool loop = walk_.innermost().kind == Opcode::Loop;
  if (fell_through && !loop) {
    vs_.flush_operands(h0);  // the results, in their slots
    vs_.conform(target_of(labels_.innermost()));
  }
  const WalkFrame f = walk_.leave();
  FrameLabels l = labels_.take_innermost();
  if (l.has_else) {  // an if without else: its false path arrives here in the if's state
    vs_.adopt(l.entry);
    if (vs_.already_in(target_of(l))) {
      a_.bind(l.else_);
    } else {
      if (fell_through) a_.jmp(l.target);
      a_.bind(l.else_);
      vs_.conform(l.state);
    }
  }
  if (l.target.at < 0) a_.bind(l.target);  // a loop's was bound at its start
  // A loop's end is no merge point (its label is its start): what fell through goes on as
  // it is. Anything else starts from the merge state.
  if (!(loop && fell_through)) {
    vs_.adopt(target_of(l));
    results_in_slots(f.base);
  }
  meter();
}

// br_if: the condition as flags, then a conditional branch.
void Compiler::br_if(const Instr& in, uint32_t h0) {
  bool in_flags = false;
  const Cond c = condition_in_rcx(h0 - 1, &in_flags);
  if (!in_flags) a_.test(W::W32, Reg::rcx, Reg::rcx);
  branch_if(c, in.index, h0 - 1);
}

// br_table: the index in rcx compared with each case; past the list, the default (the last label).
void Compiler::br_table(const Instr& in, uint32_t h0) {
  const uint32_t h = h0 - 1;
  vs_.copy_to(Reg::rcx, h);
  vs_.set_slot(h, ValType::I32);
  std::deque<Label> cases(in.labels.size());
  for (uint32_t i = 0; i + 1 < in.labels.size(); ++i) {
    a_.alu_imm(Alu::cmp, W::W32, Reg::rcx, int32_t(i));
    a_.jcc(Cond::e, cases[i]);
  }
  a_.jmp(cases.back());  // the default, for every index past the list
  for (uint32_t i = 0; i < in.labels.size(); ++i) {
    a_.bind(cases[i]);
    branch(in.labels[i], h);
  }
}

}  // namespace mnemo::jit::x64
