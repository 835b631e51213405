// tests/native/runtime_store_test.cpp: the runtime pieces the spec suite reaches poorly: host
// functions, a memory shared by two instances, growth limits, import matching.
#include <gtest/gtest.h>

#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::World;

TEST(RuntimeStore, HostFunctionReceivesArgumentsAndReturnsResults) {
  World w;
  Instance* host = w.store.add_instance().value();
  std::vector<uint32_t> seen;
  FuncInstance* add = w.store.add_host_func(
      FuncType{{ValType::I32, ValType::I32}, {ValType::I32}},
      [&](std::span<const WasmValue> args, std::span<WasmValue> results) -> std::optional<std::string> {
        seen.push_back(uint32_t(args[0].bits));
        results[0].bits = uint32_t(args[0].bits * 10 + args[1].bits);
        return std::nullopt;
      });
  host->exports["add"] = ExternVal{ExternKind::Func, add, nullptr, nullptr, nullptr};
  w.registered["env"] = host;
  Instance* inst = w.must_instantiate(R"((module
    (import "env" "add" (func $add (param i32 i32) (result i32)))
    (func (export "f") (param i32) (result i32)
      (i32.add (call $add (local.get 0) (i32.const 7)) (i32.const 1000)))))");
  EXPECT_EQ(w.call_value(inst, "f", {i32(4)}), 1047u);
  EXPECT_EQ(seen, std::vector<uint32_t>{4});
}

TEST(RuntimeStore, HostFunctionTrapIsAValueWithItsMessage) {
  World w;
  Instance* host = w.store.add_instance().value();
  FuncInstance* fail = w.store.add_host_func(FuncType{}, [](auto, auto) -> std::optional<std::string> {
    return std::string("host says no");
  });
  host->exports["fail"] = ExternVal{ExternKind::Func, fail, nullptr, nullptr, nullptr};
  w.registered["env"] = host;
  Instance* inst = w.must_instantiate(R"((module
    (import "env" "fail" (func $fail))
    (func (export "f") (result i32) (call $fail) (i32.const 1))))");
  CallResult r = w.call(inst, "f");
  ASSERT_TRUE(r.trap);
  EXPECT_EQ(r.trap->message, "host says no");
  // The thread is usable again after the trap.
  Instance* other = w.must_instantiate(R"((module (func (export "g") (result i32) (i32.const 5))))");
  EXPECT_EQ(w.call_value(other, "g"), 5u);
}

TEST(RuntimeStore, ImportedMemoryIsTheSameObjectForBothInstances) {
  World w;
  Instance* a = w.must_instantiate(R"((module
    (memory (export "mem") 1)
    (memory $other 1)
    (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))))");
  w.registered["a"] = a;
  // The importer uses the shared memory as its memory 0, beside a private memory 1.
  Instance* b = w.must_instantiate(R"((module
    (import "a" "mem" (memory $shared 1))
    (memory $own 1)
    (func (export "store") (param i32 i32) (i32.store $shared (local.get 0) (local.get 1)))
    (func (export "load") (param i32) (result i32) (i32.load $shared (local.get 0)))
    (func (export "load_own") (param i32) (result i32) (i32.load $own (local.get 0)))))");
  EXPECT_EQ(a->memories[0], b->memories[0]);
  EXPECT_NE(b->memories[0], b->memories[1]);
  w.call(a, "store", {i32(100), i32(0xABCD)});
  EXPECT_EQ(w.call_value(b, "load", {i32(100)}), 0xABCDu);
  EXPECT_EQ(w.call_value(b, "load_own", {i32(100)}), 0u);
  w.call(b, "store", {i32(8), i32(77)});
  EXPECT_EQ(w.call_value(a, "load", {i32(8)}), 77u);
}

TEST(RuntimeStore, GrowthSeenThroughTheSharedMemory) {
  World w;
  Instance* a = w.must_instantiate(R"((module
    (memory (export "mem") 1 3)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))))");
  w.registered["a"] = a;
  Instance* b = w.must_instantiate(R"((module
    (import "a" "mem" (memory 1))
    (func (export "size") (result i32) (memory.size))
    (func (export "poke") (i32.store8 (i32.const 0x1ffff) (i32.const 9)))))");
  EXPECT_EQ(w.call(b, "poke").trap->message, "out of bounds memory access");
  EXPECT_EQ(w.call_value(a, "grow", {i32(1)}), 1u);
  EXPECT_EQ(w.call_value(b, "size"), 2u);
  EXPECT_FALSE(w.call(b, "poke").trap);
  EXPECT_EQ(w.call_value(a, "grow", {i32(2)}), 0xFFFFFFFFu);  // past the maximum of 3
  EXPECT_EQ(w.call_value(a, "grow", {i32(1)}), 2u);
}

TEST(RuntimeStore, MemoryGrowRefusesPastTheAddressSpace) {
  MemoryInstance m;
  EXPECT_EQ(m.grow(MemoryInstance::kMaxPages + 1), -1);
  EXPECT_EQ(m.grow(2), 0);
  EXPECT_EQ(m.pages(), 2u);
  EXPECT_EQ(m.grow(MemoryInstance::kMaxPages - 1), -1);
  EXPECT_EQ(m.data[2 * MemoryInstance::kPageSize - 1], 0);
}

TEST(RuntimeStore, ImportMatchingErrors) {
  World w;
  Instance* a = w.must_instantiate(R"((module
    (memory (export "mem") 1 2)
    (global (export "g") i32 (i32.const 1))
    (func (export "f") (param i32))))");
  w.registered["a"] = a;
  EXPECT_EQ(w.instantiate(R"((module (import "a" "nope" (func))))").message, "unknown import");
  EXPECT_EQ(w.instantiate(R"((module (import "b" "f" (func))))").message, "unknown import");
  EXPECT_EQ(w.instantiate(R"((module (import "a" "f" (func (param i64)))))").message, "incompatible import type");
  EXPECT_EQ(w.instantiate(R"((module (import "a" "mem" (memory 1 1))))").message, "incompatible import type");
  EXPECT_EQ(w.instantiate(R"((module (import "a" "mem" (memory 2))))").message, "incompatible import type");
  EXPECT_EQ(w.instantiate(R"((module (import "a" "g" (global (mut i32)))))").message, "incompatible import type");
  EXPECT_EQ(w.instantiate(R"((module (import "a" "g" (func))))").message, "incompatible import type");
  EXPECT_EQ(w.instantiate(R"((module (import "a" "mem" (memory 1 3))))").kind, InstantiateResult::Kind::Ok);
}

TEST(RuntimeStore, DataSegmentTrapKeepsEarlierWritesToAnImportedMemory) {
  World w;
  Instance* a = w.must_instantiate(R"((module
    (memory (export "mem") 1)
    (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))))");
  w.registered["a"] = a;
  InstantiateResult r = w.instantiate(R"((module
    (import "a" "mem" (memory 1))
    (data (i32.const 10) "\2a")
    (data (i32.const 65535) "xy")))");
  EXPECT_EQ(r.kind, InstantiateResult::Kind::Trap);
  EXPECT_EQ(r.message, "out of bounds memory access");
  ASSERT_TRUE(r.trap && r.trap->fault);
  EXPECT_EQ(r.trap->fault->address, 65535u);
  EXPECT_EQ(r.trap->fault->size, 2u);
  EXPECT_EQ(w.call_value(a, "load8", {i32(10)}), 42u);
}

}  // namespace
}  // namespace mnemo

namespace mnemo {
namespace {

TEST(RuntimeStore, HostFunctionMayCallBackIntoWasm) {
  testing::World w;
  Instance* host = w.store.add_instance().value();
  FuncInstance* twice = nullptr;  // set once the wasm module exists
  FuncInstance* cb = w.store.add_host_func(
      FuncType{{ValType::I32}, {ValType::I32}},
      [&](std::span<const WasmValue> args, std::span<WasmValue> results) -> std::optional<std::string> {
        CallResult r = w.engine->call(*twice, std::vector<WasmValue>{args[0]});
        if (r.trap) return r.trap->message;
        results[0].bits = r.values[0].bits + 1;
        return std::nullopt;
      });
  host->exports["cb"] = ExternVal{ExternKind::Func, cb, nullptr, nullptr, nullptr};
  w.registered["env"] = host;
  Instance* inst = w.must_instantiate(R"((module
    (import "env" "cb" (func $cb (param i32) (result i32)))
    (func $twice (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
    (func (export "f") (param i32) (result i32)
      (i32.add (call $cb (local.get 0)) (call $twice (i32.const 100))))))");
  twice = inst->find_export("twice")->func;
  EXPECT_EQ(w.call_value(inst, "f", {testing::i32(20)}), 41u + 200u);
}

}  // namespace
}  // namespace mnemo
