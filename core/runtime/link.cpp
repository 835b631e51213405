// core/runtime/link.cpp: import matching and constant expressions.
#include "core/runtime/link.h"

#include <cstring>

namespace mnemo {

bool limits_match(const Limits& actual, const Limits& required) {
  if (actual.min < required.min) return false;
  if (!required.max) return true;
  return actual.max && *actual.max <= *required.max;
}

namespace {

bool extern_matches(const Module& module, const Import& im, const ExternVal& v) {
  if (v.kind != im.kind) return false;
  switch (im.kind) {
    case ExternKind::Func: return v.func->type == module.types[im.func_type];
    case ExternKind::Table:
      return v.table->elem == im.table.elem && limits_match(v.table->type().limits, im.table.limits);
    case ExternKind::Memory: return limits_match(v.memory->type().limits, im.memory.limits);
    case ExternKind::Global: return v.global->type == im.global;
  }
  return false;
}

}  // namespace

Result<std::vector<ExternVal>> resolve_imports(const Module& module, const ImportResolver& resolve) {
  std::vector<ExternVal> out;
  out.reserve(module.imports.size());
  for (const Import& im : module.imports) {
    std::optional<ExternVal> v = resolve(im.module, im.name);
    const std::string what = "import \"" + im.module + "\" \"" + im.name + "\"";
    if (!v) return Error{what, "unknown import"};
    if (!extern_matches(module, im, *v)) return Error{what, "incompatible import type"};
    out.push_back(*v);
  }
  return out;
}

void eval_const(const Expr& expr, const std::vector<FuncInstance*>& funcs,
                const std::vector<GlobalInstance*>& globals, uint64_t out[2]) {
  out[0] = out[1] = 0;
  for (const Instr& in : expr) {
    switch (in.op) {
      case Opcode::I32Const:
      case Opcode::F32Const: out[0] = uint32_t(in.bits); break;
      case Opcode::I64Const:
      case Opcode::F64Const: out[0] = in.bits; break;
      case Opcode::V128Const: std::memcpy(out, in.v128.bytes.data(), 16); break;
      case Opcode::RefNull: out[0] = 0; break;
      case Opcode::RefFunc: out[0] = in.index < funcs.size() ? func_slot(funcs[in.index]) : 0; break;
      case Opcode::GlobalGet:
        if (in.index < globals.size()) {
          out[0] = globals[in.index]->value[0];
          out[1] = globals[in.index]->value[1];
        }
        break;
      default: break;  // End; validation admits nothing else
    }
  }
}

}  // namespace mnemo
