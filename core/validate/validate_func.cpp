// core/validate/validate_func.cpp: a function body (spec section 3.4.1): locals are the
// parameters followed by the declared locals; the body is typed [] -> results as one block.
#include "func_validator.h"

namespace mnemo::validate {

Status validate_function(const Context& c, uint32_t func_index, const Function& func) {
  return FuncValidator(c, func_index, func).run();
}

Status FuncValidator::run(size_t stop_before) {
  Site at{func_.pos, "function", func_index_, {}};
  if (func_.type >= c_.module.types.size()) return fail(c_.module, at, unknown("type", func_.type));
  const FuncType& type = c_.module.types[func_.type];
  results_ = type.results;
  locals_.reserve(type.params.size() + func_.locals.size());
  locals_ = type.params;
  locals_.insert(locals_.end(), func_.locals.begin(), func_.locals.end());

  stack_.push_ctrl(Opcode::Block, {}, results_);
  for (size_t i = 0; i < func_.body.size(); ++i) {
    const Instr& in = func_.body[i];
    if (i == stop_before) return {};
    if (stack_.ctrl_depth() == 0) return error(in, "unexpected instruction after the function's end");
    if (Status s = instr(in); !s) return s;
  }
  if (stack_.ctrl_depth() != 0) {
    if (!func_.body.empty()) at.pos = func_.body.back().pos;
    return fail(c_.module, at, "unexpected end of function body", "missing end");
  }
  return {};
}

}  // namespace mnemo::validate
