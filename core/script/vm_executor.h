// core/script/vm_executor.h: the Executor (core/script/executor.h) backed by an Engine (the
// interpreter): one Store per script, the `spectest` host module, registered and named instances.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/runtime/store.h"
#include "core/script/executor.h"
#include "core/runtime/engine.h"

namespace mnemo {

class VmExecutor final : public Executor {
 public:
  // `debug`: instances are translated debuggable and invocations run through a Session (the
  // debug instantiation of the dispatch loop), so the suite checks the debugger's path too.
  // `engine` runs the script (core/engines/make_engine.h); it must exist in this build.
  explicit VmExecutor(bool debug = false, EngineKind engine = EngineKind::Interp);
  InstantiateOutcome instantiate(std::shared_ptr<const Module> module, std::string_view id) override;
  Status register_instance(std::string_view name, std::string_view id) override;
  ActionOutcome perform(const Action& action) override;
  // The engine the script ran on (the JIT's stats are read off it).
  const Engine& engine() const { return *engine_; }

 private:
  Instance* find_instance(std::string_view id);

  Store store_;
  std::unique_ptr<Engine> engine_;  // runs on store_
  std::map<std::string, Instance*, std::less<>> registered_;  // import module name -> instance
  std::map<std::string, Instance*, std::less<>> named_;       // "$id" -> instance
  Instance* last_ = nullptr;
  bool debug_ = false;
};

// The `spectest` module of the spec suite (testsuite README): print functions, the globals
// global_i32/i64 = 666 and global_f32/f64 = 666.6, a funcref table of 10..20 and a memory of 1..2 pages.
// Null when the store may hold no more instances.
Instance* make_spectest(Store& store);

}  // namespace mnemo
