// tests/native/vm_test_helpers.h: building instances from WebAssembly text for the runtime and
// interpreter tests.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string_view>

#include "core/text/wat_parser.h"
#include "core/validate/validate.h"
#include "core/vm/vm.h"

namespace mnemo::testing {

inline Module parse_valid(std::string_view wat) {
  Result<Module> m = parse_wat(wat);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().str());
  if (!m.ok()) return {};
  Status v = validate_module(*m);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().str());
  return std::move(m).value();
}

inline WasmValue i32(uint32_t v) {
  WasmValue w;
  w.type = ValType::I32;
  w.bits = v;
  return w;
}
inline WasmValue i64(uint64_t v) {
  WasmValue w;
  w.type = ValType::I64;
  w.bits = v;
  return w;
}
inline WasmValue v128(uint64_t lo, uint64_t hi) {
  WasmValue w;
  w.type = ValType::V128;
  std::memcpy(w.v128.bytes.data(), &lo, 8);
  std::memcpy(w.v128.bytes.data() + 8, &hi, 8);
  return w;
}

// A store, an engine on it and a resolver over named instances: the minimum to run modules.
struct World {
  explicit World(const StoreLimits& limits = StoreLimits::defaults())
      : store(limits), engine(vm::make_interpreter(store)) {}

  Store store;
  std::unique_ptr<Engine> engine;
  std::map<std::string, Instance*, std::less<>> registered;

  InstantiateResult instantiate(std::string_view wat, InstantiateOptions options = {}) {
    auto m = std::make_shared<const Module>(parse_valid(wat));
    auto resolve = [this](std::string_view mod, std::string_view name) -> std::optional<ExternVal> {
      auto it = registered.find(mod);
      if (it == registered.end()) return std::nullopt;
      return it->second->find_export(name);
    };
    return engine->instantiate(m, resolve, options);
  }
  Instance* must_instantiate(std::string_view wat, InstantiateOptions options = {}) {
    InstantiateResult r = instantiate(wat, options);
    EXPECT_EQ(r.kind, InstantiateResult::Kind::Ok) << r.message;
    return r.instance;
  }
  CallResult call(Instance* inst, std::string_view name, std::vector<WasmValue> args = {}) {
    std::optional<ExternVal> e = inst->find_export(name);
    EXPECT_TRUE(e && e->kind == ExternKind::Func) << name;
    return engine->call(*e->func, args);
  }
  uint64_t call_value(Instance* inst, std::string_view name, std::vector<WasmValue> args = {}) {
    CallResult r = call(inst, name, std::move(args));
    EXPECT_FALSE(r.trap) << (r.trap ? r.trap->message : "");
    EXPECT_EQ(r.values.size(), 1u);
    return r.values.empty() ? 0 : r.values[0].bits;
  }

  // A debuggable instance whose export "main" (function 1) stores, calls the host function
  // `on_call` mid-run, then stores twice:
  //   0 1 2  i32.store 1 at 8      3  call     4 5 6  i32.store 2 at 8
  //   7 8 9  i32.store 3 at 64    10  end
  Instance* instantiate_calling_host(std::function<void()> on_call) {
    Instance* host = store.add_instance().value();
    FuncInstance* f = store.add_host_func(
        FuncType{{}, {}}, [on_call](std::span<const WasmValue>, std::span<WasmValue>) -> std::optional<std::string> {
          on_call();
          return std::nullopt;
        });
    host->exports["on_call"] = ExternVal{ExternKind::Func, f, nullptr, nullptr, nullptr};
    registered["env"] = host;
    return must_instantiate(R"((module
      (import "env" "on_call" (func $on_call))
      (memory 1)
      (func (export "main")
        (i32.store (i32.const 8) (i32.const 1))
        (call $on_call)
        (i32.store (i32.const 8) (i32.const 2))
        (i32.store (i32.const 64) (i32.const 3)))))",
                           InstantiateOptions{.debuggable = true});
  }
};

}  // namespace mnemo::testing
