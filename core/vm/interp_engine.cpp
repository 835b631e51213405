// core/vm/interp_engine.cpp: the interpreter behind the Engine seam (core/runtime/engine.h). It
// owns its threads: one per level of nesting (a host function that calls back in gets the next),
// made when first needed and kept, each sized from the store's limits.
#include <string>
#include <vector>

#include "core/vm/thread.h"
#include "core/vm/vm.h"

namespace mnemo::vm {
namespace {

class InterpEngine final : public Engine {
 public:
  explicit InterpEngine(Store& store) : store_(store) {}

  InstantiateResult instantiate(std::shared_ptr<const Module> module, const ImportResolver& resolve,
                                const InstantiateOptions& options) override {
    Nested thread(*this);
    return vm::instantiate(store_, thread.get(), std::move(module), resolve, options);
  }

  CallResult call(FuncInstance& func, std::span<const WasmValue> args) override {
    Nested thread(*this);
    return vm::call(thread.get(), func, args);
  }

  std::unique_ptr<Session> start_session(Instance& instance, FuncInstance& func, std::span<const WasmValue> args,
                                         std::string& why) override {
    std::unique_ptr<Session> s = vm::start_session(instance, func, args, store_.limits());
    if (!s) why = kNoDebugHooks;
    return s;
  }

  Store& store() override { return store_; }
  EngineKind kind() const override { return EngineKind::Interp; }
  std::string description() const override { return std::string("interpreter: ") + build_description(); }

 private:
  // The thread of one level of nesting, for as long as the call runs.
  class Nested {
   public:
    explicit Nested(InterpEngine& e) : engine_(e) {
      if (e.active_ == e.threads_.size()) e.threads_.push_back(std::make_unique<Thread>(e.store_.limits()));
      thread_ = e.threads_[e.active_++].get();
    }
    ~Nested() { --engine_.active_; }
    Thread& get() { return *thread_; }

   private:
    InterpEngine& engine_;
    Thread* thread_;
  };

  Store& store_;
  std::vector<std::unique_ptr<Thread>> threads_;
  size_t active_ = 0;
};

}  // namespace

std::unique_ptr<Engine> make_interpreter(Store& store) { return std::make_unique<InterpEngine>(store); }

}  // namespace mnemo::vm
