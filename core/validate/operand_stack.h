// core/validate/operand_stack.h: the operand and control stacks of the validation algorithm in
// the spec appendix (section 7.3), with the bottom type Unknown for unreachable code.
//
// Errors are sticky: the first failure is recorded and later operations become no-ops on the
// result, so a caller checks failed() once per instruction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/module.h"

namespace mnemo::validate {

// The bottom operand type: matches every value type (popped from an unreachable frame's base).
inline constexpr ValType kUnknown = ValType{0};

bool is_num(ValType t);  // i32 i64 f32 f64 or Unknown
bool is_vec(ValType t);  // v128 or Unknown
bool is_ref_or_unknown(ValType t);

// A span of one value type with static storage, for block types of Kind::Value.
std::span<const ValType> single(ValType t);

struct CtrlFrame {
  Opcode opcode = Opcode::Block;  // Block, Loop, If or Else
  std::span<const ValType> start_types;
  std::span<const ValType> end_types;
  size_t height = 0;
  bool unreachable = false;

  // A branch to a loop targets its start; to anything else its end.
  std::span<const ValType> label_types() const { return opcode == Opcode::Loop ? start_types : end_types; }
};

// push and pop run for nearly every operand of every instruction, so they are inline, and the
// common pop (a value above the current frame's base) tests one condition.
class OperandStack {
 public:
  void push(ValType t) { vals_.push_back(t); }
  void push(std::span<const ValType> ts) { vals_.insert(vals_.end(), ts.begin(), ts.end()); }
  ValType pop() {
    if (vals_.size() > base_) {
      const ValType t = vals_.back();
      vals_.pop_back();
      return t;
    }
    return pop_at_base();
  }
  ValType pop(ValType expect) {
    const ValType actual = pop();
    if (actual != expect && actual != kUnknown && expect != kUnknown) fail("type mismatch");
    return actual;
  }
  void pop(std::span<const ValType> expect) {  // in reverse order, as the spec's pop_vals
    for (size_t i = expect.size(); i-- > 0;) pop(expect[i]);
  }

  void push_ctrl(Opcode op, std::span<const ValType> in, std::span<const ValType> out);
  CtrlFrame pop_ctrl();
  // The frame `depth` labels out (0: innermost), or nullptr for an unknown label.
  const CtrlFrame* frame(uint32_t depth) const;
  size_t ctrl_depth() const { return ctrls_.size(); }
  std::span<const ValType> values() const { return vals_; }  // bottom first
  void mark_unreachable();

  void fail(std::string message);
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  ValType pop_at_base();  // at the frame's base: Unknown when unreachable, else a mismatch
  // With no frame, nothing may be popped: the base is then above any height.
  void update_base() { base_ = ctrls_.empty() ? SIZE_MAX : ctrls_.back().height; }

  std::vector<ValType> vals_;
  std::vector<CtrlFrame> ctrls_;
  size_t base_ = SIZE_MAX;  // the innermost frame's height: values below it are not its to pop
  std::string error_;
};

}  // namespace mnemo::validate
