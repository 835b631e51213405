// core/script/executor.h: what the script runner needs from an execution engine. The runner
// decodes, parses and validates modules itself; an Executor instantiates them and performs
// actions. Without one (RunOptions::executor == nullptr) every command that needs execution
// is reported as skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <memory>

#include "core/module.h"
#include "core/result.h"
#include "core/text/wast.h"

namespace mnemo {

struct InstantiateOutcome {
  enum class Kind : uint8_t {
    Ok,
    Unlinkable,  // an import is missing or does not match (spec 4.5.4, "link failure")
    Trap,        // the start function or a segment initialisation trapped
  };
  Kind kind = Kind::Ok;
  std::string message;  // Unlinkable / Trap: the spec's wording ("unknown import", "out of bounds memory access")
};

struct ActionOutcome {
  enum class Kind : uint8_t {
    Values,      // normal completion with `values`
    Trap,        // a trap; `message` in the spec's wording
    Exhaustion,  // call stack exhausted
    Error,       // the action itself was wrong: no such instance or export; `message` says which
  };
  Kind kind = Kind::Values;
  std::vector<Value> values;
  std::string message;
};

class Executor {
 public:
  virtual ~Executor() = default;

  // Instantiates a decoded and validated module against the registered instances (and the
  // `spectest` host module). On success it becomes the most recent instance, and the instance
  // named `id` when `id` is not empty ("$name", as the script spells it).
  virtual InstantiateOutcome instantiate(std::shared_ptr<const Module> module, std::string_view id) = 0;

  // (register "name" $id?): makes an instance's exports importable as module `name`.
  virtual Status register_instance(std::string_view name, std::string_view id) = 0;

  // invoke / get on the instance the action names (or the most recent one).
  virtual ActionOutcome perform(const Action& action) = 0;
};

}  // namespace mnemo
