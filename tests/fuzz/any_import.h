// tests/fuzz/any_import.h: an import resolver under which every import of a valid module links, so
// that fuzz_run gets to run the code of any module it is given, whatever it imports. A name the
// spec suite's `spectest` module exports (core/script/vm_executor.h) comes from it; any other
// import gets a stand-in of exactly its type (core/runtime/stand_in_imports.h), and stand-in
// functions return zeros.
#pragma once

#include <optional>
#include <string_view>

#include "core/module.h"
#include "core/runtime/stand_in_imports.h"
#include "core/runtime/store.h"

namespace mnemo::fuzz {

class AnyImport {
 public:
  AnyImport(Store& store, const Module& module);
  std::optional<ExternVal> operator()(std::string_view module, std::string_view name);

 private:
  StandInImports stand_ins_;
  Instance* spectest_ = nullptr;
};

}  // namespace mnemo::fuzz
