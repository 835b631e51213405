// core/validate/context.cpp: builds the flattened context C and formats validation errors.
#include "context.h"

namespace mnemo::validate {

Context::Context(const Module& m) : module(m) {
  for (const Import& i : m.imports) {
    switch (i.kind) {
      case ExternKind::Func:
        func_types.push_back(i.func_type);
        break;
      case ExternKind::Table:
        tables.push_back(i.table);
        break;
      case ExternKind::Memory:
        memories.push_back(i.memory);
        break;
      case ExternKind::Global:
        globals.push_back(i.global);
        break;
    }
  }
  imported_globals = uint32_t(globals.size());
  for (const Function& f : m.funcs) func_types.push_back(f.type);
  tables.insert(tables.end(), m.tables.begin(), m.tables.end());
  memories.insert(memories.end(), m.memories.begin(), m.memories.end());
  for (const Global& g : m.globals) globals.push_back(g.type);
  refs.assign(func_types.size(), false);
}

Error make_error(const Module& m, const Site& site, std::string message, std::string_view detail) {
  std::string where = site.pos == Site::kNoPos ? std::string() : m.describe_pos(site.pos);
  if (!site.kind.empty()) {
    if (!where.empty()) where += ", ";
    where += site.kind;
    where += ' ';
    where += std::to_string(site.index);
    if (site.kind == "function") {
      if (auto it = m.names.funcs.find(site.index); it != m.names.funcs.end()) where += " $" + it->second;
    }
  }
  if (!site.op.empty()) {
    where += ", ";
    where += site.op;
  }
  if (!detail.empty()) {
    where += ", ";
    where += detail;
  }
  return Error{std::move(where), std::move(message)};
}

std::string unknown(std::string_view what, uint32_t index) {
  return "unknown " + std::string(what) + " " + std::to_string(index);
}

}  // namespace mnemo::validate
