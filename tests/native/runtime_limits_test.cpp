// The store's limits (core/runtime/limits.h) and what a failed instantiation leaves behind:
// fuel, counts of memories / tables / instances, call depth, rollback, one shared module.
#include <gtest/gtest.h>

#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::World;

constexpr const char* kLoops = R"((module
  (func (export "spin") (loop $l (br $l)))
  (func (export "count") (param i32) (result i32) (local i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br $next)))
    (local.get 1))))";

StoreLimits fueled(uint64_t fuel) {
  StoreLimits l = StoreLimits::defaults();
  l.fuel = fuel;
  return l;
}

TEST(RuntimeLimits, AnEndlessLoopRunsOutOfFuelAndTheInstanceStaysUsable) {
  World w(fueled(10'000));
  Instance* inst = w.must_instantiate(kLoops);
  ASSERT_NE(inst, nullptr);
  CallResult r = w.call(inst, "spin");
  ASSERT_TRUE(r.trap);
  EXPECT_EQ(r.trap->message, "out of fuel");
  EXPECT_EQ(r.trap->where.instr, 0u);  // the loop, whose every iteration pays
  EXPECT_LT(*w.store.fuel(), 10u);     // what is left is less than one more iteration
  w.store.set_fuel(1'000'000);
  EXPECT_EQ(w.call_value(inst, "count", {i32(1000)}), 1000u);
}

// Fuel counts the WebAssembly instructions of each straight-line run, charged as the run begins.
TEST(RuntimeLimits, FuelCountsInstructions) {
  World w(fueled(1'000'000));
  Instance* inst = w.must_instantiate(kLoops);
  ASSERT_NE(inst, nullptr);
  const uint64_t before = *w.store.fuel();
  EXPECT_EQ(w.call_value(inst, "count", {i32(100)}), 100u);
  const uint64_t used = before - *w.store.fuel();
  // Each of the 100 iterations runs the 9 instructions from `loop` to `br` (the br_if's operands
  // included); the last iteration leaves at the br_if, having paid for all 9.
  EXPECT_GE(used, 100u * 9);
  EXPECT_LE(used, 101u * 9 + 10);
  // Not enough for the whole count: the trap comes, and nothing was charged for the refused run.
  w.store.set_fuel(500);
  CallResult r = w.call(inst, "count", {i32(100)});
  ASSERT_TRUE(r.trap);
  EXPECT_EQ(r.trap->message, "out of fuel");
}

TEST(RuntimeLimits, UnmeteredStoresHaveNoFuel) {
  World w;
  EXPECT_FALSE(w.store.fuel());
  Instance* inst = w.must_instantiate(kLoops);
  EXPECT_EQ(w.call_value(inst, "count", {i32(5)}), 5u);
}

TEST(RuntimeLimits, TheStartFunctionPaysToo) {
  World w(fueled(1000));
  InstantiateResult r = w.instantiate(R"((module (func $forever (loop $l (br $l))) (start $forever)))");
  EXPECT_EQ(r.kind, InstantiateResult::Kind::Trap);
  EXPECT_EQ(r.message, "out of fuel");
}

TEST(RuntimeLimits, CountsOfMemoriesTablesAndInstances) {
  StoreLimits l = StoreLimits::defaults();
  l.max_memories = 2;
  l.max_tables = 1;
  l.max_instances = 2;
  World w(l);
  InstantiateResult r = w.instantiate("(module (memory 0) (memory 0) (memory 0))");
  EXPECT_EQ(r.kind, InstantiateResult::Kind::Error);
  EXPECT_EQ(r.message, "memory 2: the store already holds 2 memories, its limit");
  r = w.instantiate("(module (table 0 funcref) (table 0 funcref))");
  EXPECT_EQ(r.message, "table 1: the store already holds 1 tables, its limit");
  // Nothing was kept by the failures: two instances with two memories and a table still fit.
  w.must_instantiate("(module (memory 0) (table 0 funcref))");
  w.must_instantiate("(module (memory 0))");
  r = w.instantiate("(module)");
  EXPECT_EQ(r.message, "instance: the store already holds 2 instances, its limit");
}

TEST(RuntimeLimits, CallDepthComesFromTheLimits) {
  StoreLimits l = StoreLimits::defaults();
  l.max_call_depth = 100;
  World w(l);
  Instance* inst = w.must_instantiate(R"((module
    (func $down (export "down") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))))");
  EXPECT_EQ(w.call_value(inst, "down", {i32(90)}), 90u);
  CallResult r = w.call(inst, "down", {i32(150)});
  ASSERT_TRUE(r.trap);
  EXPECT_TRUE(r.exhausted());
}

// The slot stack too: 1,000 locals of i64 are 8,000 bytes a frame, so a 64 KiB stack holds a
// handful of frames and no more, however deep calls may otherwise nest.
TEST(RuntimeLimits, StackBytesComeFromTheLimits) {
  StoreLimits l = StoreLimits::defaults();
  l.max_stack_bytes = 64 << 10;
  World w(l);
  Instance* inst = w.must_instantiate(R"((module
    (func $down (export "down") (param i32) (result i32) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))))");
  EXPECT_EQ(w.call_value(inst, "down", {i32(100)}), 100u);  // ~20 slots a frame: 2,000 slots
  CallResult r = w.call(inst, "down", {i32(1000)});          // 20,000 slots, over 8,192
  ASSERT_TRUE(r.trap);
  EXPECT_TRUE(r.exhausted());
  EXPECT_EQ(r.trap->code, TrapCode::CallStackExhausted);
}

// A table too large after a memory was made: the memory is given back, and nothing remains.
TEST(RuntimeLimits, AFailedInstantiationLeavesNothingBehind) {
  World w;
  InstantiateResult r = w.instantiate("(module (memory 100) (table 20000000 funcref))");
  EXPECT_EQ(r.kind, InstantiateResult::Kind::Error);
  EXPECT_EQ(r.message.rfind("table 0: table too large", 0), 0u) << r.message;
  EXPECT_EQ(r.instance, nullptr);
  EXPECT_EQ(w.store.memory_budget().used, 0u);
  // A trap in a data segment: the instance's own memory goes too.
  r = w.instantiate(R"((module (memory 1) (data (i32.const 65535) "ab")))");
  EXPECT_EQ(r.kind, InstantiateResult::Kind::Trap);
  EXPECT_EQ(r.instance, nullptr);
  EXPECT_EQ(w.store.memory_budget().used, 0u);
}

// What the spec makes visible stays: bytes written into an imported memory before the trap, and
// an instance whose functions went into an imported table (they may be called through it).
TEST(RuntimeLimits, AFailedInstantiationKeepsWhatEscaped) {
  World w;
  Instance* host = w.must_instantiate(R"((module
    (memory (export "mem") 1) (table (export "tab") 2 funcref)
    (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
    (func (export "call0") (result i32) (call_indirect (result i32) (i32.const 0)))))");
  w.registered["host"] = host;
  InstantiateResult r = w.instantiate(R"((module
    (import "host" "mem" (memory 1)) (import "host" "tab" (table 2 funcref))
    (memory $own 1)
    (func $seven (result i32) (i32.store8 $own (i32.const 0) (i32.const 7)) (i32.load8_u $own (i32.const 0)))
    (elem (table 0) (i32.const 0) func $seven)
    (data (memory 0) (i32.const 10) "x")
    (data (memory 0) (i32.const 65536) "too far")))");
  EXPECT_EQ(r.kind, InstantiateResult::Kind::Trap);
  ASSERT_NE(r.instance, nullptr);  // it escaped through the table
  EXPECT_EQ(w.call_value(host, "peek", {i32(10)}), uint32_t('x'));
  EXPECT_EQ(w.call_value(host, "call0"), 7u);  // its own memory is still there
}

TEST(RuntimeLimits, InstancesShareOneModule) {
  World w;
  auto module = std::make_shared<const Module>(testing::parse_valid("(module (memory 1) (func (export \"f\")))"));
  auto none = [](std::string_view, std::string_view) -> std::optional<ExternVal> { return std::nullopt; };
  InstantiateResult a = w.engine->instantiate(module, none);
  InstantiateResult b = w.engine->instantiate(module, none);
  ASSERT_TRUE(a.instance && b.instance);
  EXPECT_EQ(a.instance->module.get(), module.get());
  EXPECT_EQ(b.instance->module.get(), module.get());
  EXPECT_NE(a.instance->memories[0], b.instance->memories[0]);
}

}  // namespace
}  // namespace mnemo
