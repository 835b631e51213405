// core/walk/body_walk.h: one walk over a validated function body, as every compiler of it needs
// it: the type stack and its height in 64-bit slots (a v128 takes two), the control frames with
// their label arities, and which code is unreachable. The interpreter's translator (core/vm) and
// the JITs (core/jit) drive the same walk, so they agree on every stack height and branch arity;
// what they emit, and what they remember per frame to patch jumps, stays theirs.
//
// The body must be valid (core/validate): the walk checks nothing. A compiler calls, per
// instruction: reached() (false: skip it, it is unreachable), then for block / loop / if / else /
// end the control entries, and for everything else effect(), which pops the operands and pushes
// the results. Branch targets are label(depth).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/module.h"

namespace mnemo {

// Slots of a value of type `t` (two for a v128); ValType's twin of vm::slot_count.
inline uint32_t walk_slots(ValType t) { return t == ValType::V128 ? 2 : 1; }

// The types of a module's index spaces, imports first, looked up once for all of its bodies (the
// module's own lookups walk the imports every time).
struct IndexSpaces {
  explicit IndexSpaces(const Module& module);
  std::vector<uint32_t> func_types;  // each function's type index
  std::vector<ValType> table_elems;  // each table's element type
  std::vector<ValType> global_types;
};

struct WalkFrame {
  Opcode kind = Opcode::Block;  // Block, Loop, If; End for the function's own frame
  uint32_t base = 0;            // slot height below the frame's parameters
  size_t type_base = 0;         // type-stack depth below them
  std::vector<ValType> params, results;
  uint32_t param_slots = 0, result_slots = 0;
  bool dead = false;  // the rest of the frame is unreachable
  // Slots a branch to this frame's label carries: a loop's parameters, any other frame's results.
  uint32_t label_slots() const { return kind == Opcode::Loop ? param_slots : result_slots; }
};

class BodyWalk {
 public:
  // `fn` is a defined function of `module`, whose index spaces are `spaces`; its parameters and
  // locals take the first slots.
  BodyWalk(const Module& module, const IndexSpaces& spaces, const Function& fn);

  // Locals, parameters first: types and slots from the frame base.
  const std::vector<ValType>& local_types() const { return local_types_; }
  const std::vector<uint32_t>& local_slots() const { return local_slots_; }
  uint32_t param_slots() const { return param_slots_; }
  uint32_t declared_local_slots() const { return locals_end_ - param_slots_; }
  uint32_t result_slots() const { return frames_.front().result_slots; }

  // False when `in` is unreachable and must be skipped (blocks nested in dead code included);
  // true for the else / end that brings code back into reach.
  bool reached(const Instr& in);
  bool dead() const { return frames_.back().dead; }
  bool finished() const { return frames_.empty(); }
  size_t depth() const { return frames_.size(); }  // open frames, the function's own included

  // block / loop / if: an if pops its condition, then the frame opens over its parameters.
  void enter(const Instr& in);
  // else: the if's frame starts over from its parameters, reachable again.
  void enter_else();
  // end: closes the innermost frame (the function's own last) and leaves its results on the
  // stack; returns the frame.
  WalkFrame leave();
  // The frame a branch of relative depth `depth` targets.
  const WalkFrame& label(uint32_t depth) const { return frames_[frames_.size() - 1 - depth]; }
  WalkFrame& innermost() { return frames_.back(); }

  // Every other instruction: pops its operands, pushes its results; unreachable, br, br_table and
  // return make the rest of the frame dead.
  void effect(const Instr& in);

  uint32_t height() const { return height_; }          // slots in use: locals, then operands
  uint32_t max_height() const { return max_height_; }  // the most ever in use
  ValType operand(size_t from_top) const { return types_[types_.size() - 1 - from_top]; }

 private:
  void push(ValType t);
  ValType pop();
  void reset_to(const WalkFrame& f, const std::vector<ValType>& top);

  const Module& module_;
  const IndexSpaces& spaces_;
  std::vector<ValType> local_types_;
  std::vector<uint32_t> local_slots_;
  uint32_t param_slots_ = 0;
  uint32_t locals_end_ = 0;
  std::vector<ValType> types_;
  std::vector<WalkFrame> frames_;
  uint32_t height_ = 0;
  uint32_t max_height_ = 0;
  uint32_t dead_depth_ = 0;  // blocks opened inside dead code
};

}  // namespace mnemo
