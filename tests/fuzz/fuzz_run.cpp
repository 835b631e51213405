// tests/fuzz/fuzz_run.cpp: libFuzzer entry point for the interpreter. Input that decodes and
// validates is instantiated (every import satisfied: any_import.h) and every exported function is
// called in export order, with zero arguments (each parameter 0, +0.0 or null), as one instance
// whose state carries from call to call. Instantiation and each call get a budget of instructions
// (fuel) and all memories together a budget of bytes, so that any module finishes quickly and
// small: a guest's infinite loop traps "out of fuel", a guest's huge memory fails to instantiate
// or to grow. Traps and failed instantiations are fine; a crash, a sanitizer report, a hang or a
// call that returns values not of its declared result types is a finding.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "any_import.h"
#include "core/binary/reader.h"
#include "core/runtime/limits.h"
#include "core/validate/validate.h"
#include "core/vm/vm.h"
#include "fuzz_check.h"

namespace {

using namespace mnemo;

// About 10 ms of interpretation under the sanitizers per call; libFuzzer's -timeout catches more.
constexpr uint64_t kFuelPerCall = 200'000;
// All memories of one input together: room for many memories of a few pages each, far below
// libFuzzer's -rss_limit_mb, so that memory.fill / memory.copy over all of it stays fast.
constexpr uint64_t kMemoryBytes = uint64_t(64) << 20;
// Tables are plain vectors (8 bytes an element): a few large ones would take gigabytes.
constexpr uint32_t kMaxTables = 32;

StoreLimits fuzz_limits() {
  StoreLimits limits = StoreLimits::defaults();
  limits.max_memory_bytes = kMemoryBytes;
  limits.max_memories = 256;
  limits.max_tables = kMaxTables;
  limits.max_instances = 16;
  return limits;
}

void call_every_export(Engine& engine, const Module& module, Instance& instance) {
  Store& store = engine.store();
  for (const Export& e : module.exports) {
    if (e.kind != ExternKind::Func) continue;
    FuncInstance& func = *instance.funcs[e.index];
    std::vector<WasmValue> args;
    for (ValType t : func.type.params) args.push_back(zero_value(t));
    store.set_fuel(kFuelPerCall);
    CallResult r = engine.call(func, args);
    if (r.trap) {
      fuzz::check(!r.trap->message.empty(), "a trap without a message");
      continue;
    }
    fuzz::check(r.values.size() == func.type.results.size(), "a call returned the wrong number of values");
    for (size_t i = 0; i < r.values.size(); ++i)
      fuzz::check(r.values[i].type == func.type.results[i], "a call returned a value of the wrong type");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Result<Module> decoded = decode_module(std::span<const uint8_t>(data, size));
  if (!decoded || !validate_module(*decoded)) return 0;
  auto module = std::make_shared<const Module>(std::move(*decoded));

  const StoreLimits limits = fuzz_limits();
  Store store(limits);
  std::unique_ptr<Engine> engine = vm::make_interpreter(store);
  store.set_fuel(kFuelPerCall);  // the start function's budget; metering applies to later instances
  fuzz::AnyImport imports(store, *module);
  InstantiateResult made =
      engine->instantiate(module, [&](std::string_view m, std::string_view n) { return imports(m, n); });
  if (made.kind != InstantiateResult::Kind::Ok) {
    fuzz::check(!made.message.empty(), "a failed instantiation without a message");
    return 0;
  }
  call_every_export(*engine, *module, *made.instance);
  return 0;
}
