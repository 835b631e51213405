// core/jit/baseline_control.h: control flow in the shared baseline compiler (baseline_compiler.h
// includes this; nothing else does): blocks, loops (their registers preloaded, control_rules.h),
// if / else, branches with their merge states, br_table, and the fuel charges at the starts of
// straight-line runs (fuel_runs.h). The decisions are taken here; the backend emits the jumps,
// the condition tests and the fuel charge through its hooks (jump, jump_if, jump_unless,
// nonzero, from_flags, table_index, jump_if_index, meter, patch_imm32).
#pragma once

#include <deque>
#include <vector>

#include "core/jit/baseline_compiler.h"
#include "core/jit/control_rules.h"
#include "core/jit/loop_uses.h"

namespace mnemo::jit {

// A branch to label `depth` from stack height `h`: the label's values into their slots, the
// locals and memory bases where the label's merge state has them, then the jump. The value
// stack here is unchanged (a conditional branch falls through with it).
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::branch(uint32_t depth, uint32_t h) {
  const WalkFrame& f = walk_.label(depth);
  const uint32_t keep = f.label_slots();
  if (depth == walk_.depth() - 1) {  // the function's own label: a return
    self().return_from(h - keep);
    return;
  }
  vs_.store_values(h - keep, f.base, keep);
  FrameLabels<Label>& l = labels_.at_depth(depth);
  vs_.conform(target_of(l));
  self().jump(l.target);
}

// Jumps to label `depth` when `c` holds (falls through with the value stack as it is).
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::branch_if(Condition c, uint32_t depth, uint32_t h) {
  if (branch_is_bare(walk_, vs_, labels_, depth, h)) {
    self().jump_if(c, labels_.at_depth(depth).target);
    return;
  }
  Label skip;
  self().jump_unless(c, skip);
  branch(depth, h);
  a_.bind(skip);
}

// The condition an if or a br_if tests (an i32 at slot s), holding when it is nonzero: a fused
// comparison left its own in the flags.
template <typename Compiler, typename Isa>
typename Isa::Condition BaselineCompiler<Compiler, Isa>::condition(uint32_t s) {
  if (flags_) {
    const Cond c = *flags_;
    flags_.reset();
    vs_.set_slot(s, ValType::I32);
    return self().from_flags(c);
  }
  const Condition c = self().nonzero(s);
  vs_.set_slot(s, ValType::I32);
  return c;
}

// The open fuel run ends here: its instruction count goes into its charge.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::close_segment() {
  FuelRuns::Charge charge;
  if (fuel_.close(&charge)) self().patch_imm32(charge.at, charge.instrs);
}

// Operands below a frame stay in their slots while it runs.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::enter_block(const Instr& in, uint32_t h0) {
  walk_.enter(in);
  labels_.push();
  vs_.flush_operands(h0);
}

// A loop's header: the state settled, the locals it writes before reading dropped, the locals and
// bases it uses preloaded; that state is every back edge's merge state. Its body's run of
// straight-line code starts with a fuel charge.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::enter_loop(const Instr& in, uint32_t h0) {
  walk_.enter(in);
  vs_.settle_for_loop(h0);
  const std::vector<uint32_t> dead = written_before_read(fn_.body, instr_, walk_.local_types(), walk_.local_slots());
  for (uint32_t s : dead) vs_.set_slot(s, vs_.at(s).type);  // dropped: never read again
  preload_for_loop(loop_uses_, vs_, walk_, fn_.body, instr_, inst_, calls_.guard_pages, dead);
  FrameLabels<Label>& l = labels_.push();
  l.state = vs_.snapshot();
  for (uint32_t s : dead) l.state.locals[s].dead = true;
  l.has_state = true;
  vs_.adopt(l.state);
  a_.bind(l.target);
  self().meter();
}

// if: the condition jumps to the else, or to the end, where the false path begins in the state
// at the if's start. The operands' stores leave the flags alone, so the test may come before
// them and the jump after.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::enter_if(const Instr& in, uint32_t h0) {
  const Condition c = condition(h0 - 1);
  walk_.enter(in);
  FrameLabels<Label>& l = labels_.push();
  vs_.flush_operands(h0 - 1);
  l.entry = vs_.exact();
  l.has_else = true;
  self().jump_unless(c, l.else_);
}

// else: the true path goes to the end's merge state; the false path starts from the if's entry.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::enter_else(uint32_t h0) {
  FrameLabels<Label>& l = labels_.innermost();
  if (!walk_.dead()) {
    vs_.flush_operands(h0);  // the results, in their slots
    vs_.conform(target_of(l));
    self().jump(l.target);
  }
  a_.bind(l.else_);
  l.has_else = false;
  walk_.enter_else();
  vs_.adopt(l.entry);
  results_in_slots(walk_.innermost().base);
  self().meter();
}

// end: the function's end returns; any other frame's arrivals meet in its merge state, an if
// without else bringing its false path there too.
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::end_frame(uint32_t h0) {
  const bool fell_through = !walk_.dead();
  if (walk_.depth() == 1) {  // the function's end: its results go to the frame's base
    const uint32_t results = walk_.result_slots();
    walk_.leave();
    labels_.pop();
    self().meter();
    if (fell_through) self().return_from(h0 - results);
    return;
  }
  const bool loop = walk_.innermost().kind == Opcode::Loop;
  if (fell_through && !loop) {
    vs_.flush_operands(h0);  // the results, in their slots
    vs_.conform(target_of(labels_.innermost()));
  }
  const WalkFrame f = walk_.leave();
  FrameLabels<Label> l = labels_.take_innermost();
  if (l.has_else) {  // an if without else: its false path arrives here in the if's state
    vs_.adopt(l.entry);
    if (vs_.already_in(target_of(l))) {
      a_.bind(l.else_);
    } else {
      if (fell_through) self().jump(l.target);
      a_.bind(l.else_);
      vs_.conform(l.state);
    }
  }
  if (!l.target.bound()) a_.bind(l.target);  // a loop's was bound at its start
  // A loop's end is no merge point (its label is its start): what fell through goes on as
  // it is. Anything else starts from the merge state.
  if (!(loop && fell_through)) {
    vs_.adopt(target_of(l));
    results_in_slots(f.base);
  }
  self().meter();
}

// br_table: the index compared with each case; past the list, the default (the last label).
template <typename Compiler, typename Isa>
void BaselineCompiler<Compiler, Isa>::br_table(const Instr& in, uint32_t h0) {
  const uint32_t h = h0 - 1;
  self().table_index(h);
  vs_.set_slot(h, ValType::I32);
  std::deque<Label> cases(in.labels.size());
  for (uint32_t i = 0; i + 1 < in.labels.size(); ++i) self().jump_if_index(i, cases[i]);
  self().jump(cases.back());  // the default, for every index past the list
  for (uint32_t i = 0; i < in.labels.size(); ++i) {
    a_.bind(cases[i]);
    branch(in.labels[i], h);
  }
}

}  // namespace mnemo::jit
