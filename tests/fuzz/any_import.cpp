// tests/fuzz/any_import.cpp: every import gets what it declares (any_import.h).
#include "any_import.h"

#include "core/script/vm_executor.h"

namespace mnemo::fuzz {

AnyImport::AnyImport(Store& store, const Module& module) : store_(store), module_(module) {
  spectest_ = make_spectest(store);
}

std::optional<ExternVal> AnyImport::operator()(std::string_view module, std::string_view name) {
  if (module == "spectest" && spectest_)
    if (std::optional<ExternVal> e = spectest_->find_export(name)) return e;
  // The resolver is asked by name only: the import it stands for is the first one so named (a
  // second import of the same name with another type then fails to link, as it would anywhere).
  for (const Import& import : module_.imports)
    if (import.module == module && import.name == name) return make(import);
  return std::nullopt;
}

std::optional<ExternVal> AnyImport::make(const Import& import) {
  ExternVal e;
  e.kind = import.kind;
  switch (import.kind) {
    case ExternKind::Func:
      // Results are pre-filled with zeros (HostCallback): returning nothing leaves them so.
      e.func = store_.add_host_func(
          module_.types[import.func_type],
          [](std::span<const WasmValue>, std::span<WasmValue>) -> std::optional<std::string> { return std::nullopt; },
          import.module + "." + import.name);
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

}  // namespace mnemo::fuzz
