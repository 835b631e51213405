// tests/fuzz/any_import.h: an import resolver under which every import of a valid module links, so
// that fuzz_run gets to run the code of any module it is given, whatever it imports. A name the
// spec suite's `spectest` module exports (core/script/vm_executor.h) comes from it; any other
// import gets a fresh object of exactly the type the import declares: a memory of its limits
// (so a module may import as many memories as it likes, each sized as it asks, within the store's
// budget), a table of its limits holding nulls, a global holding zero, or a host function that
// returns zeros. When the store cannot make the object (a limit is reached) the import stays
// unresolved and instantiation fails cleanly.
#pragma once

#include <optional>
#include <string_view>

#include "core/module.h"
#include "core/runtime/store.h"

namespace mnemo::fuzz {

class AnyImport {
 public:
  AnyImport(Store& store, const Module& module);
  std::optional<ExternVal> operator()(std::string_view module, std::string_view name);

 private:
  std::optional<ExternVal> make(const Import& import);

  Store& store_;
  const Module& module_;
  Instance* spectest_ = nullptr;
};

}  // namespace mnemo::fuzz
