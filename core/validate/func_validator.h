// core/validate/func_validator.h: validation of one function body: its locals, and each
// instruction typed against the operand/control stacks (spec sections 3.3 and 7.3).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "context.h"
#include "operand_stack.h"

namespace mnemo::validate {

class FuncValidator {
 public:
  FuncValidator(const Context& c, uint32_t func_index, const Function& func)
      : c_(c), func_index_(func_index), func_(func) {}

  // Validates the body (validate_func.cpp); with `stop_before`, only the instructions before that
  // index, leaving their operand types on the stack for operand_types().
  Status run(size_t stop_before = SIZE_MAX);
  std::span<const ValType> operand_types() const { return stack_.values(); }

 private:
  // validate_instr.cpp
  Status instr(const Instr& in);
  Status special(const Instr& in);     // rows typed Spc in core/opcodes.def
  Status immediates(const Instr& in);  // index and lane checks of the table-typed rows
  Status block_type(const Instr& in, std::span<const ValType>& params, std::span<const ValType>& results) const;
  Status br_table(const Instr& in);
  Status check_table(const Instr& in, uint32_t table) const;

  Site site(const Instr& in) const { return Site{in.pos, "function", func_index_, mnemonic(in.op)}; }
  Status error(const Instr& in, std::string message, std::string_view detail = {}) const {
    return fail(c_.module, site(in), std::move(message), detail);
  }

  const Context& c_;
  uint32_t func_index_;  // in the function index space (imports first)
  const Function& func_;
  std::span<const ValType> results_;
  std::vector<ValType> locals_;  // parameters, then declared locals
  OperandStack stack_;
};

}  // namespace mnemo::validate
