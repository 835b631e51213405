// core/runtime/stand_in_imports.cpp: every import gets what it declares (stand_in_imports.h).
#include "core/runtime/stand_in_imports.h"

namespace mnemo {

std::optional<ExternVal> StandInImports::operator()(std::string_view module, std::string_view name) {
  const std::string import_name = std::string(module) + "." + std::string(name);
  if (auto it = made_.find(import_name); it != made_.end()) return it->second;
  for (const Import& import : module_.imports)
    if (import.module == module && import.name == name) {
      std::optional<ExternVal> made = make(import, import_name);
      if (made) made_.emplace(import_name, *made);
      return made;
    }
  return std::nullopt;
}

std::optional<ExternVal> StandInImports::make(const Import& import, const std::string& import_name) {
  ExternVal e;
  e.kind = import.kind;
  switch (import.kind) {
    case ExternKind::Func:
      e.func = store_.add_host_func(module_.types[import.func_type], function_(import_name), import_name);
      return e;
    case ExternKind::Table:
      if (Result<TableInstance*> table = store_.add_table(import.table)) {
        e.table = *table;
        return e;
      }
      return std::nullopt;
    case ExternKind::Memory:
      if (Result<MemoryInstance*> memory = store_.add_memory(import.memory)) {
        e.memory = *memory;
        return e;
      }
      return std::nullopt;
    case ExternKind::Global:
      e.global = store_.add_global(import.global);
      return e;
  }
  return std::nullopt;
}

}  // namespace mnemo
