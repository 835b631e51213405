// core/runtime/stand_in_imports.h: an import resolver under which every import of a valid module
// links, for tools that need an instance of a module whatever it imports (`mnemo dump --code`,
// the fuzzers). Each import gets a fresh object of exactly the type it declares: a memory of its
// limits (so a module may import as many memories as it likes, each sized as it asks, within the
// store's budget), a table of its limits holding nulls, a global holding zero, or a host function
// that behaves as the caller says. When the store cannot make the object (a limit is reached) the
// import stays unresolved and instantiation fails cleanly.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/module.h"
#include "core/runtime/store.h"

namespace mnemo {

class StandInImports {
 public:
  // `function` is the body of every stand-in function, given the import's "module.name".
  using MakeFunction = std::function<HostCallback(const std::string& import_name)>;

  StandInImports(Store& store, const Module& module, MakeFunction function)
      : store_(store), module_(module), function_(std::move(function)) {}

  // The object for import `module`.`name`. The resolver is asked by name only: the import it
  // stands for is the first one so named, and a name asked twice gets the same object (a second
  // import of the name with another type then fails to link, as it would anywhere).
  std::optional<ExternVal> operator()(std::string_view module, std::string_view name);

 private:
  std::optional<ExternVal> make(const Import& import, const std::string& import_name);

  Store& store_;
  const Module& module_;
  MakeFunction function_;
  std::map<std::string, ExternVal, std::less<>> made_;
};

}  // namespace mnemo
