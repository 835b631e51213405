// tests/native/vm_memory_follow_test.cpp: what an interpreter keeps of a memory between two
// accesses (a base, a size, which memory the running function uses; bench/README.md, lever 3)
// must follow every change: a grow in the function itself, in a callee, in a host function, a
// call into another instance with a memory of its own, two memories used unevenly by one
// function. Each runs in the fused and the debuggable translation.
#include <gtest/gtest.h>

#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::World;

class VmMemoryFollow : public ::testing::TestWithParam<bool> {
 protected:
  InstantiateOptions options() const { return InstantiateOptions{GetParam()}; }
};

// Reads 8 bytes into the second page, which exists only after the grow.
constexpr const char* kGrowItself = R"((module
  (memory 1 3)
  (func (export "main") (result i32)
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 65544) (i32.const 41))
    (i32.add (i32.load (i32.const 65544)) (i32.const 1))))
)";

TEST_P(VmMemoryFollow, ItsOwnGrowIsSeenByTheNextAccess) {
  World w;
  Instance* inst = w.must_instantiate(kGrowItself, options());
  EXPECT_EQ(w.call_value(inst, "main"), 42u);
}

constexpr const char* kGrowInCallee = R"((module
  (memory 1 3)
  (func $grow (drop (memory.grow (i32.const 1))))
  (func (export "main") (result i32)
    (local $i i32)
    (loop $l  ;; memory 0 used in a loop before the callee grows it
      (i32.store (local.get $i) (local.get $i))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 64))))
    (call $grow)
    (i32.store (i32.const 65600) (i32.const 7))
    (i32.add (i32.load (i32.const 65600)) (i32.load (i32.const 60)))))
)";

TEST_P(VmMemoryFollow, AGrowInACalleeIsSeenAfterItReturns) {
  World w;
  Instance* inst = w.must_instantiate(kGrowInCallee, options());
  EXPECT_EQ(w.call_value(inst, "main"), 67u);
}

TEST_P(VmMemoryFollow, AGrowInAHostFunctionIsSeenAfterItReturns) {
  World w;
  Instance* env = w.store.add_instance().value();
  Instance* grown = nullptr;  // the instance below, once made
  FuncInstance* f = w.store.add_host_func(
      FuncType{{}, {}}, [&grown](std::span<const WasmValue>, std::span<WasmValue>) -> std::optional<std::string> {
        grown->memories[0]->grow(1);
        return std::nullopt;
      });
  env->exports["grow"] = ExternVal{ExternKind::Func, f, nullptr, nullptr, nullptr};
  w.registered["env"] = env;
  grown = w.must_instantiate(R"((module
    (import "env" "grow" (func $grow))
    (memory 1 3)
    (func (export "main") (result i32)
      (i32.store (i32.const 16) (i32.const 5))
      (call $grow)
      (i32.store (i32.const 65536) (i32.const 6))
      (i32.add (i32.load (i32.const 65536)) (i32.load (i32.const 16))))))",
                             options());
  EXPECT_EQ(w.call_value(grown, "main"), 11u);
}

// Instance "other" writes its own memory; the caller's stores and loads after the call must reach
// the caller's memory again, not the callee's (nor the callee's smaller size).
TEST_P(VmMemoryFollow, ACallIntoAnotherInstanceReachesItsMemoryAndBack) {
  World w;
  w.registered["other"] = w.must_instantiate(R"((module
    (memory 1)
    (func (export "poke") (param $a i32) (i32.store (local.get $a) (i32.const 99)))
    (func (export "peek") (param $a i32) (result i32) (i32.load (local.get $a)))))",
                                             options());
  Instance* main = w.must_instantiate(R"((module
    (import "other" "poke" (func $poke (param i32)))
    (import "other" "peek" (func $peek (param i32) (result i32)))
    (memory 2)
    (func (export "main") (result i32)
      (i32.store (i32.const 100) (i32.const 1))
      (call $poke (i32.const 100))
      (i32.store (i32.const 70000) (i32.const 2))  ;; past the callee's one page
      (i32.add (i32.add (i32.load (i32.const 100)) (i32.load (i32.const 70000)))
               (call $peek (i32.const 100))))))",
                                      options());
  EXPECT_EQ(w.call_value(main, "main"), 1u + 2u + 99u);
}

// Memory 1 is used in the loop, memory 0 once, at the end: each access reaches its own memory,
// and a fault names memory 0.
constexpr const char* kTwoMemories = R"((module
  (memory $m0 1)
  (memory $m1 1)
  (func (export "main") (param $p i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $l
      (i32.store $m1 (local.get $i) (i32.add (local.get $i) (i32.const 1)))
      (local.set $sum (i32.add (local.get $sum) (i32.load $m1 (local.get $i))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 40))))
    (i32.store $m0 offset=4 (local.get $p) (local.get $sum))
    (i32.load $m0 offset=4 (local.get $p))))
)";

TEST_P(VmMemoryFollow, AFunctionUsingTwoMemoriesUnevenlyReachesEach) {
  World w;
  Instance* inst = w.must_instantiate(kTwoMemories, options());
  // 1 + 5 + 9 + ... + 37: the values the loop stored in memory 1 and read back.
  EXPECT_EQ(w.call_value(inst, "main", {i32(8)}), 190u);
  EXPECT_EQ(inst->memories[0]->data[12], 190);
  EXPECT_EQ(inst->memories[1]->data[36], 37);

  CallResult r = w.call(inst, "main", {i32(65534)});
  ASSERT_TRUE(r.trap);
  ASSERT_TRUE(r.trap->fault);
  EXPECT_EQ(r.trap->fault->memory, 0u);
  EXPECT_EQ(r.trap->fault->kind, MemoryAccess::Kind::Write);
  EXPECT_EQ(r.trap->fault->address, 65538u);
  EXPECT_EQ(r.trap->fault->size, 4u);
}

INSTANTIATE_TEST_SUITE_P(Translations, VmMemoryFollow, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Debuggable" : "Fused"; });

}  // namespace
}  // namespace mnemo
