// tests/native/vm_accumulator_test.cpp: the accumulator twins (core/vm/code.h). In a normal
// translation a scalar value produced by one op and taken as the top operand by the next skips
// its slot: the producer's `_toA` twin leaves it in the accumulator and the consumer's twin reads
// it there. Every function runs in both translations (vm_twin.h) and must give the same results
// and traps; known answers guard against both being wrong alike, and the op lists show the twins
// were emitted, and not where a jump lands between the two ops.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "vm_twin.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::Twin;
using vm::VmOp;

const std::vector<uint32_t> kValues = {0, 1, 2, 7, 255, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff};

// The twins of the ops of `name`: how many ops read or write the accumulator.
size_t twins(Twin& t, std::string_view name) {
  size_t n = 0;
  for (VmOp op : t.ops(name)) {
    const std::string s = vm::vm_op_name(op);
    if (s.find("toA") != std::string::npos || s.find("_SA") != std::string::npos || s.find("_AC") != std::string::npos ||
        s.find("_AL") != std::string::npos || s.find("AddSA") != std::string::npos || s.ends_with("_A") ||
        (s.size() > 1 && s.back() == 'A' && s.find('.') == std::string::npos))
      ++n;
  }
  return n;
}

TEST(VmAccumulator, ChainsOfOperandForms) {
  Twin t(R"((module
    (func (export "mix") (param i32 i32) (result i32)
      (i32.xor (i32.and (i32.shl (local.get 0) (i32.const 3)) (i32.const 0xff0))
               (i32.shr_u (local.get 1) (i32.const 4))))
    (func (export "deep") (param i32 i32) (result i32)
      (i32.sub (i32.mul (local.get 0) (local.get 1))
               (i32.add (i32.rotl (local.get 1) (i32.const 5)) (local.get 0))))
    (func (export "cmp") (param i32 i32) (result i32)
      (i32.add (i32.lt_u (i32.add (local.get 0) (local.get 1)) (i32.const 100))
               (i32.eqz (i32.and (local.get 0) (i32.const 1)))))
    (func (export "div") (param i32 i32) (result i32)
      (i32.div_s (i32.add (local.get 0) (i32.const 1)) (local.get 1)))
    (func (export "rem") (param i32 i32) (result i32)
      (i32.rem_u (local.get 0) (i32.sub (local.get 1) (i32.const 1))))
    (func (export "i64") (param i32 i32) (result i64)
      (i64.mul (i64.extend_i32_u (i32.add (local.get 0) (i32.const 1))) (i64.const 0x100000001)))
    (func (export "f64") (param i32 i32) (result f64)
      (f64.sqrt (f64.add (f64.mul (f64.convert_i32_s (local.get 0)) (f64.const 0.5))
                         (f64.convert_i32_u (local.get 1)))))
    (func (export "trunc") (param i32 i32) (result i32)
      (i32.trunc_f64_s (f64.div (f64.convert_i32_s (local.get 0)) (f64.convert_i32_s (local.get 1)))))))");
  for (const char* name : {"mix", "deep", "cmp", "div", "rem", "i64", "f64", "trunc"})
    for (uint32_t a : kValues)
      for (uint32_t b : {0u, 1u, 3u, 0x10u, 0xffffffffu}) t.agree(name, {i32(a), i32(b)});

  EXPECT_EQ(t.ops("mix"), (std::vector<VmOp>{VmOp::I32Shl_LC_toA, VmOp::I32And_AC, VmOp::I32ShrU_LC_toA,
                                             VmOp::I32Xor_SA_toA, VmOp::ReturnA}));
  EXPECT_GE(twins(t, "deep"), 3u);
  EXPECT_GE(twins(t, "f64"), 4u);
  EXPECT_TRUE(t.has("trunc", VmOp::I32TruncF64S_A_toA));  // and on to the one-result return

  EXPECT_EQ(t.agree("mix", {i32(0x12), i32(0x340)}).values.at(0).bits, ((0x12u << 3) & 0xff0) ^ (0x340u >> 4));
  EXPECT_EQ(t.agree("deep", {i32(6), i32(7)}).values.at(0).bits, 6u * 7 - ((7u << 5) + 6));
  EXPECT_EQ(t.agree("cmp", {i32(2), i32(3)}).values.at(0).bits, 2u);
  EXPECT_EQ(t.agree("div", {i32(0xffffffff), i32(0)}).trap->message, "integer divide by zero");
  EXPECT_EQ(t.agree("rem", {i32(5), i32(1)}).trap->message, "integer divide by zero");
  EXPECT_EQ(t.agree("i64", {i32(1), i32(0)}).values.at(0).bits, 0x200000002ull);
  EXPECT_EQ(t.agree("trunc", {i32(1), i32(0)}).trap->message, "integer overflow");
  EXPECT_EQ(t.agree("trunc", {i32(0), i32(0)}).trap->message, "invalid conversion to integer");
  EXPECT_EQ(t.agree("trunc", {i32(-9), i32(2)}).values.at(0).bits, uint32_t(-4));
}

// Loads take their address from the accumulator and leave their value there; stores take their
// value (or, with a constant value, their address) from it. Faults name the memory and address.
TEST(VmAccumulator, MemoryAccessesOnEveryMemory) {
  Twin t(R"((module
    (memory $a 1)
    (memory $b 1)
    (func (export "loop") (param i32) (result i32) (local i32 i32 i32)
      (loop $l
        (local.set 1 (i32.and (i32.shl (local.get 0) (i32.const 2)) (i32.const 0xfff8)))
        (local.set 2 (i32.load $b (local.get 1)))
        (i32.store $b (local.get 1) (i32.add (local.get 2) (local.get 0)))
        (i32.store8 $a offset=6 (local.get 1) (i32.xor (i32.load8_u $b offset=5 (local.get 1)) (local.get 0)))
        (local.set 3 (i32.add (local.get 3) (i32.add (local.get 2) (i32.load8_u $a offset=6 (local.get 1)))))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 3))
    (func (export "at") (param i32) (result i32)
      (i32.load16_s $b offset=2 (i32.add (i32.mul (local.get 0) (i32.const 2)) (i32.const 8))))
    (func (export "put") (param i32) (result i32)
      (i64.store32 $b (i32.shl (local.get 0) (i32.const 1)) (i64.const 0x1234567890))
      (i32.load $b (i32.shl (local.get 0) (i32.const 1))))
    (func (export "chase") (param i32) (result i32)
      (i32.load $a (i32.load $a (i32.load $a (local.get 0)))))))");
  for (uint32_t n : {1u, 2u, 17u, 1000u}) t.agree("loop", {i32(n)});
  for (uint32_t a : {0u, 1u, 100u, 32763u, 32764u, 32765u, 0x7fffffffu, 0xffffffffu}) {
    t.agree("at", {i32(a)});
    t.agree("put", {i32(a)});
    t.agree("chase", {i32(a)});
  }
  EXPECT_GE(twins(t, "loop"), 10u);
  EXPECT_TRUE(t.has("chase", VmOp::I32Load_A_toA));
  EXPECT_TRUE(t.has("at", VmOp::I32Load16S_AddAC_toA));

  EXPECT_EQ(t.agree("put", {i32(4)}).values.at(0).bits, 0x34567890u);
  const CallResult out = t.agree("at", {i32(32764)});
  ASSERT_TRUE(out.trap.has_value());
  EXPECT_EQ(out.trap->message, "out of bounds memory access");
  ASSERT_TRUE(out.trap->fault.has_value());
  EXPECT_EQ(out.trap->fault->memory, 1u);
  EXPECT_EQ(out.trap->fault->address, 32764u * 2 + 8 + 2);
}

// The conditional jumps, select and the local ops on the accumulator, and values that meet at a
// label: an op a jump lands on never reads the accumulator, since the jump's value is in a slot.
TEST(VmAccumulator, JumpsLocalsAndLabels) {
  Twin t(R"((module
    (func (export "count") (param i32) (result i32) (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (local.get 0))))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1))
    (func (export "branches") (param i32) (result i32)
      (if (result i32) (i32.eqz (i32.and (local.get 0) (i32.const 1)))
        (then (select (i32.const 10) (i32.const 20) (i32.gt_u (local.get 0) (i32.const 5))))
        (else (i32.add (local.get 0) (i32.const 1)))))
    (func (export "meet") (param i32 i32) (result i32)
      (block (result i32)
        (br_if 0 (i32.mul (local.get 1) (i32.const 3)) (local.get 0))
        (drop)
        (i32.add (local.get 1) (i32.const 1)))
      (i32.eqz))
    (func (export "meet2") (param i32 i32) (result i32)
      (i32.sub (local.get 1)
        (block (result i32)
          (br_if 0 (i32.shl (local.get 1) (i32.const 2)) (local.get 0))
          (drop)
          (i32.add (local.get 1) (i32.const 1)))))
    (func (export "tees") (param i32) (result i32) (local i32 i32)
      (local.set 2 (local.tee 1 (i32.load8_u (i32.and (local.get 0) (i32.const 0xff)))))
      (i32.add (local.get 1) (i32.shl (local.get 2) (i32.const 1))))
    (memory 1)
    (data (i32.const 0) "\01\02\03\04\05\06\07\08")))");
  for (uint32_t a : kValues) {
    t.agree("branches", {i32(a)});
    t.agree("tees", {i32(a)});
    for (uint32_t b : {0u, 1u, 5u, 0xffffffffu}) {
      t.agree("meet", {i32(a), i32(b)});
      t.agree("meet2", {i32(a), i32(b)});
    }
  }
  for (uint32_t n : {1u, 2u, 10u}) t.agree("count", {i32(n)});
  EXPECT_EQ(t.agree("count", {i32(3)}).values.at(0).bits, 9u + 4 + 1);
  EXPECT_EQ(t.agree("branches", {i32(8)}).values.at(0).bits, 10u);
  EXPECT_EQ(t.agree("branches", {i32(4)}).values.at(0).bits, 20u);
  EXPECT_EQ(t.agree("branches", {i32(7)}).values.at(0).bits, 8u);
  EXPECT_EQ(t.agree("meet", {i32(1), i32(0)}).values.at(0).bits, 1u);  // the branch's 0 * 3
  EXPECT_EQ(t.agree("meet", {i32(0), i32(0)}).values.at(0).bits, 0u);  // the fall-through's 1
  EXPECT_EQ(t.agree("meet2", {i32(1), i32(3)}).values.at(0).bits, uint32_t(3 - 12));
  EXPECT_EQ(t.agree("meet2", {i32(0), i32(3)}).values.at(0).bits, uint32_t(3 - 4));
  EXPECT_EQ(t.agree("tees", {i32(2)}).values.at(0).bits, 3u + 6);

  // After the block's end label: its operand in a slot on both paths (the result goes on to the
  // return in the accumulator).
  EXPECT_TRUE(t.has("meet", VmOp::I32Eqz_toA));
  EXPECT_TRUE(t.has("meet2", VmOp::I32Sub_SA) == false);
  EXPECT_TRUE(t.has("count", VmOp::JumpIfA) || t.has("count", VmOp::I32Sub_LC_Tee_toA));
}

// A function with one result slot returns by Return1, or by ReturnA when the value comes from the
// op before; early returns, returns reached by a jump and a block's end that no branch targets.
TEST(VmAccumulator, OneResultReturns) {
  Twin t(R"((module
    (func $fib (export "fib") (param i32) (result i32)
      (if (result i32) (i32.ge_s (local.get 0) (i32.const 2))
        (then (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                       (call $fib (i32.sub (local.get 0) (i32.const 2)))))
        (else (local.get 0))))
    (func (export "early") (param i32) (result i64)
      (if (i32.eqz (local.get 0)) (then (return (i64.const -5))))
      (i64.mul (i64.extend_i32_s (local.get 0)) (i64.const 3)))
    (func (export "f64") (param i32) (result f64)
      (block (result f64) (f64.mul (f64.convert_i32_s (local.get 0)) (f64.const 0.5)))
      (f64.neg))
    (func (export "pair") (param i32) (result i32 i32)
      (local.get 0) (i32.add (local.get 0) (i32.const 1)))
    (func (export "v128") (param i32) (result v128)
      (i32x4.splat (local.get 0)))))");
  for (uint32_t a : kValues) {
    t.agree("early", {i32(a)});
    t.agree("f64", {i32(a)});
    t.agree("pair", {i32(a)});
    t.agree("v128", {i32(a)});
  }
  for (uint32_t n : {0u, 1u, 2u, 10u, 20u}) t.agree("fib", {i32(n)});
  EXPECT_EQ(t.agree("fib", {i32(20)}).values.at(0).bits, 6765u);
  EXPECT_EQ(t.agree("early", {i32(0)}).values.at(0).bits, uint64_t(-5));
  EXPECT_EQ(t.agree("early", {i32(7)}).values.at(0).bits, 21u);
  EXPECT_EQ(t.agree("pair", {i32(4)}).values.at(1).bits, 5u);

  // fib's sum goes to the then arm's jump to the end, threaded into a ReturnA.
  EXPECT_TRUE(t.has("fib", VmOp::I32Add_SS_toA));
  EXPECT_TRUE(t.has("fib", VmOp::ReturnA));
  EXPECT_TRUE(t.has("early", VmOp::Return1));
  // No branch targets the block's end: the product reaches the negation in the accumulator.
  EXPECT_TRUE(t.has("f64", VmOp::F64Neg_A_toA));
  // Two result slots, or one v128 (two slots): the general return.
  for (const char* name : {"pair", "v128"}) {
    EXPECT_TRUE(t.has(name, VmOp::Return)) << name;
    EXPECT_FALSE(t.has(name, VmOp::Return1) || t.has(name, VmOp::ReturnA)) << name;
  }
}

}  // namespace
}  // namespace mnemo
