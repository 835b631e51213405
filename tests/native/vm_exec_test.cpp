// tests/native/vm_exec_test.cpp: interpreter behaviour the spec suite checks poorly: deep
// recursion, trap locations with memory/address/size, memory N equal to memory 0.
#include <gtest/gtest.h>

#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::i64;
using testing::World;

TEST(VmExec, DeepRecursionTrapsInsteadOfOverflowingTheHostStack) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (func $down (export "down") (param i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
        (else (i64.add (i64.const 1) (call $down (i64.sub (local.get 0) (i64.const 1)))))))
    (func $forever (export "forever") (call $forever))))");
  EXPECT_EQ(w.call_value(inst, "down", {i64(10000)}), 10000u);
  CallResult r = w.call(inst, "forever");
  ASSERT_TRUE(r.trap);
  EXPECT_TRUE(r.exhausted());
  EXPECT_EQ(r.trap->message, "call stack exhausted");
  // Still usable afterwards.
  EXPECT_EQ(w.call_value(inst, "down", {i64(3)}), 3u);
}

TEST(VmExec, MemoryFaultNamesMemoryAddressSizeAndInstruction) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (memory $a 1)
    (memory $b 2)
    (func (export "load") (param i32) (result i64)
      (nop)
      (i64.load $b offset=4 (local.get 0)))
    (func (export "copy") (param i32 i32 i32)
      (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))))");
  CallResult r = w.call(inst, "load", {i32(0x1fffc)});
  ASSERT_TRUE(r.trap);
  EXPECT_EQ(r.trap->message, "out of bounds memory access");
  EXPECT_EQ(r.trap->where.func, 0u);
  EXPECT_EQ(r.trap->where.instr, 2u);  // nop, local.get, i64.load
  ASSERT_TRUE(r.trap->fault);
  EXPECT_EQ(r.trap->fault->memory, 1u);
  EXPECT_EQ(r.trap->fault->address, 0x20000u);
  EXPECT_EQ(r.trap->fault->size, 8u);
  EXPECT_EQ(r.trap->fault->kind, MemoryAccess::Kind::Read);

  // memory.copy from memory 1 into memory 0: the destination range overflows memory 0.
  r = w.call(inst, "copy", {i32(0xff00), i32(0x10000), i32(0x200)});
  ASSERT_TRUE(r.trap && r.trap->fault);
  EXPECT_EQ(r.trap->fault->memory, 0u);
  EXPECT_EQ(r.trap->fault->address, 0xff00u);
  EXPECT_EQ(r.trap->fault->size, 0x200u);
  EXPECT_EQ(r.trap->fault->kind, MemoryAccess::Kind::Write);
  // The source range overflows memory 1.
  r = w.call(inst, "copy", {i32(0), i32(0x1ff00), i32(0x200)});
  ASSERT_TRUE(r.trap && r.trap->fault);
  EXPECT_EQ(r.trap->fault->memory, 1u);
  EXPECT_EQ(r.trap->fault->address, 0x1ff00u);
  EXPECT_EQ(r.trap->fault->kind, MemoryAccess::Kind::Read);
}

TEST(VmExec, SameCodeOnMemoryZeroAndMemoryOne) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (memory $m0 1)
    (memory $m1 1)
    (func (export "sum0") (result i32) (local i32 i32)
      (loop $l
        (i32.store $m0 (local.get 0) (local.get 0))
        (local.set 1 (i32.add (local.get 1) (i32.load $m0 (local.get 0))))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 4))) (i32.const 4096))))
      (local.get 1))
    (func (export "sum1") (result i32) (local i32 i32)
      (loop $l
        (i32.store $m1 (local.get 0) (local.get 0))
        (local.set 1 (i32.add (local.get 1) (i32.load $m1 (local.get 0))))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 4))) (i32.const 4096))))
      (local.get 1))))");
  const uint64_t s0 = w.call_value(inst, "sum0");
  EXPECT_EQ(s0, 2095104u);  // 4 * (0 + 1 + ... + 1023)
  EXPECT_EQ(w.call_value(inst, "sum1"), s0);
  // Each function wrote only its own memory.
  EXPECT_EQ(inst->memories[0]->data[8], 8);
  EXPECT_EQ(inst->memories[1]->data[8], 8);
  EXPECT_NE(inst->memories[0], inst->memories[1]);
}

TEST(VmExec, MultiValueBlocksAndBranchesKeepTheRightValues) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (func (export "f") (param i32) (result i32 i32)
      (i32.const 99)
      (block (result i32 i32)
        (i32.const 1) (i32.const 2)
        (br_if 0 (local.get 0))
        (drop) (drop)
        (i32.const 3) (i32.const 4))
      (return))))");
  CallResult r = w.call(inst, "f", {i32(1)});
  ASSERT_EQ(r.values.size(), 2u);
  EXPECT_EQ(r.values[0].bits, 1u);
  EXPECT_EQ(r.values[1].bits, 2u);
  r = w.call(inst, "f", {i32(0)});
  ASSERT_EQ(r.values.size(), 2u);
  EXPECT_EQ(r.values[0].bits, 3u);
  EXPECT_EQ(r.values[1].bits, 4u);
}

}  // namespace
}  // namespace mnemo
