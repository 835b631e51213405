// core/validate/validate_const.cpp: constant expressions (spec 2.0 section 3.3.10): global
// initializers, element and data segment offsets, element items.
#include <vector>

#include "context.h"

namespace mnemo::validate {

Status validate_const_expr(const Context& c, const Site& site, const Expr& expr, ValType expected) {
  std::vector<ValType> stack;
  bool ended = false;
  for (const Instr& in : expr) {
    Site at{in.pos, site.kind, site.index, mnemonic(in.op)};
    if (ended) return fail(c.module, at, "constant expression required", "instruction after end");
    switch (in.op) {
      case Opcode::I32Const:
      case Opcode::I64Const:
      case Opcode::F32Const:
      case Opcode::F64Const:
      case Opcode::V128Const:
        stack.push_back(to_valtype(info(in.op).result));
        break;
      case Opcode::RefNull:
        if (!is_ref(in.ref_type)) return fail(c.module, at, "type mismatch", "ref.null of a non-reference type");
        stack.push_back(in.ref_type);
        break;
      case Opcode::RefFunc:
        if (in.index >= c.func_count()) return fail(c.module, at, unknown("function", in.index));
        stack.push_back(ValType::FuncRef);
        break;
      case Opcode::GlobalGet:
        // C' holds the imported globals only: a defined global is unknown here.
        if (in.index >= c.imported_globals) return fail(c.module, at, unknown("global", in.index));
        if (c.globals[in.index].mut)
          return fail(c.module, at, "constant expression required",
                      "global " + std::to_string(in.index) + " is mutable");
        stack.push_back(c.globals[in.index].type);
        break;
      case Opcode::End:
        ended = true;
        break;
      default:
        return fail(c.module, at, "constant expression required");
    }
  }
  Site end_site = site;
  if (!expr.empty()) end_site.pos = expr.back().pos;
  if (!ended) return fail(c.module, end_site, "type mismatch", "constant expression without end");
  if (stack.size() != 1 || stack[0] != expected)
    return fail(c.module, end_site, "type mismatch",
                "constant expression must produce exactly one " + std::string(to_string(expected)));
  return {};
}

}  // namespace mnemo::validate
