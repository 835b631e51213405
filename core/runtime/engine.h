// core/runtime/engine.h: the seam between the runtime and whatever runs code. An Engine
// instantiates modules into its Store and calls their functions; the interpreter (core/vm) is
// one, the JITs (core/jit) the others. Each keeps its own execution state (the interpreter's
// threads: slot stack and frames), sized from the store's limits, so a caller never builds or
// sizes it, and every engine reports results and traps in the same values
// (core/runtime/trap_info.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/module.h"
#include "core/runtime/link.h"
#include "core/runtime/store.h"
#include "core/runtime/trap_info.h"

namespace mnemo {

class Session;  // core/vm/session.h: a debuggable call

struct InstantiateResult {
  enum class Kind : uint8_t { Ok, Unlinkable, Trap, Error };
  Kind kind = Kind::Ok;
  Instance* instance = nullptr;  // Ok; also Trap when the partly initialised instance stayed in the
                                 // store (its functions escaped: core/vm/instantiate.cpp), else null
  std::string message;           // Unlinkable / Trap / Error: the spec's wording
  std::optional<TrapInfo> trap;  // Trap
};

struct CallResult {
  std::vector<WasmValue> values;
  std::optional<TrapInfo> trap;  // set when the call trapped
  bool exhausted() const { return trap && trap->code == TrapCode::CallStackExhausted; }
};

struct InstantiateOptions {
  // = false  // made to be debugged: a Session can stop at, and break on, every instruction (the
  //          // interpreter translates one op per instruction, with no fused pairs)
  bool debuggable = false;
  // An engine that runs functions as machine code (core/jit) hooks in here. `compile` is called
  // once the instance is laid out, before its segments are written and its start function runs
  // (never for a debuggable instance); it returns true when every defined function got machine
  // code, and then the interpreter translates none of them and the start function runs through
  // `run`. (The interpreter calls the translations of its callees directly: one function left
  // to it needs every function translated.)
  std::function<bool(Instance&)> compile = nullptr;
  std::function<CallResult(FuncInstance&)> run = nullptr;
};

enum class EngineKind : uint8_t { Interp, Jit };

class Engine {
 public:
  virtual ~Engine() = default;

  // Spec 4.5.4: resolves imports, allocates, initialises element then data segments, runs the
  // start function. `module` must be valid; every instance of it shares it, unchanged. The store's
  // limits apply: past one, the result is an Error naming the memory, table or instance and the
  // limit, and the store is left as it was.
  virtual InstantiateResult instantiate(std::shared_ptr<const Module> module, const ImportResolver& resolve,
                                        const InstantiateOptions& options = {}) = 0;
  // Calls a function (wasm or host) of this engine's store with arguments of its parameter types.
  // A host function may call back in: calls nest.
  virtual CallResult call(FuncInstance& func, std::span<const WasmValue> args) = 0;
  // A debuggable call of `func`, reached through `instance` (its own, or the one that imports a
  // host function), as a Session (core/vm/session.h): nothing runs until Session::run. Null, with
  // `why` set, when this engine or build cannot debug.
  virtual std::unique_ptr<Session> start_session(Instance& instance, FuncInstance& func,
                                                 std::span<const WasmValue> args, std::string& why) = 0;

  virtual Store& store() = 0;
  virtual EngineKind kind() const = 0;
  // How this engine was built, for reports, e.g. "interpreter: v128 on sse4.1, computed-goto dispatch".
  virtual std::string description() const = 0;
};

const char* engine_name(EngineKind kind);  // "interp", "jit"

}  // namespace mnemo
