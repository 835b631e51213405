// core/validate/operand_stack.cpp: push/pop of operands and control frames (spec section 7.3).
#include "operand_stack.h"

#include <array>

namespace mnemo::validate {
namespace {
constexpr std::array<ValType, 7> kAllValTypes = {ValType::I32,  ValType::I64,     ValType::F32,      ValType::F64,
                                                 ValType::V128, ValType::FuncRef, ValType::ExternRef};
}  // namespace

bool is_num(ValType t) {
  return t == ValType::I32 || t == ValType::I64 || t == ValType::F32 || t == ValType::F64 || t == kUnknown;
}
bool is_vec(ValType t) { return t == ValType::V128 || t == kUnknown; }
bool is_ref_or_unknown(ValType t) { return is_ref(t) || t == kUnknown; }

std::span<const ValType> single(ValType t) {
  for (const ValType& v : kAllValTypes)
    if (v == t) return {&v, 1};
  return {};
}

ValType OperandStack::pop_at_base() {
  if (ctrls_.empty() || !ctrls_.back().unreachable) fail("type mismatch");
  return kUnknown;
}

void OperandStack::push_ctrl(Opcode op, std::span<const ValType> in, std::span<const ValType> out) {
  ctrls_.push_back(CtrlFrame{op, in, out, vals_.size(), false});
  update_base();
  push(in);
}

CtrlFrame OperandStack::pop_ctrl() {
  if (ctrls_.empty()) {
    fail("unexpected end");
    return {};
  }
  CtrlFrame frame = ctrls_.back();
  pop(frame.end_types);
  if (vals_.size() != frame.height) fail("type mismatch");
  ctrls_.pop_back();
  update_base();
  // Drop whatever a failed frame left behind so the stack stays consistent.
  if (vals_.size() > frame.height) vals_.resize(frame.height);
  return frame;
}

const CtrlFrame* OperandStack::frame(uint32_t depth) const {
  if (depth >= ctrls_.size()) return nullptr;
  return &ctrls_[ctrls_.size() - 1 - depth];
}

void OperandStack::mark_unreachable() {
  if (ctrls_.empty()) return;
  vals_.resize(ctrls_.back().height);
  ctrls_.back().unreachable = true;
}

void OperandStack::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

}  // namespace mnemo::validate
