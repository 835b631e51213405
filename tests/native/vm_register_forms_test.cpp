// tests/native/vm_register_forms_test.cpp: the v128 register forms (core/vm/code.h). Every
// function runs twice, in a normal translation (fused into Name_R / Name_RC) and a debuggable
// one (one op per instruction, the generic handlers the spec suite checks), and must give the same
// results; the tests also check that the fused forms were emitted, so that they test something.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "vm_twin.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::v128;
using testing::Twin;

const std::vector<std::vector<WasmValue>> kPairs = {
    {v128(0x0123456789abcdefull, 0xfedcba9876543210ull), v128(0x1111111122222222ull, 0x80000000ffffffffull), i32(3)},
    {v128(0x7fc000003f800000ull, 0xc0000000ff800000ull), v128(0x3f8000007fc00001ull, 0x0000000080000000ull), i32(37)},
    {v128(0, 0), v128(~0ull, ~0ull), i32(0)},
};

TEST(VmRegisterForms, OperandsFromLocalsConstantsAndTheStack) {
  Twin t(R"((module
    (func (export "ll") (param v128 v128 i32) (result v128)
      (i32x4.add (local.get 0) (local.get 1)))
    (func (export "sl") (param v128 v128 i32) (result v128)
      (f32x4.mul (i32x4.sub (local.get 0) (local.get 1)) (local.get 1)))
    (func (export "sc") (param v128 v128 i32) (result v128)
      (i32x4.mul (v128.xor (local.get 0) (local.get 1)) (v128.const i32x4 3 5 7 -9)))
    (func (export "lc") (param v128 v128 i32) (result v128)
      (i8x16.sub_sat_s (local.get 1) (v128.const i8x16 1 2 3 4 5 6 7 8 -1 -2 -3 -4 -5 -6 -7 -128)))
    (func (export "ss") (param v128 v128 i32) (result v128)
      (f32x4.min (f32x4.add (local.get 0) (local.get 1)) (f32x4.sub (local.get 1) (local.get 0))))
    (func (export "shift_lc") (param v128 v128 i32) (result v128)
      (i32x4.shl (local.get 0) (i32.const 35)))
    (func (export "shift_ll") (param v128 v128 i32) (result v128)
      (i16x8.shr_u (local.get 1) (local.get 2)))
    (func (export "shift_sl") (param v128 v128 i32) (result v128)
      (i64x2.shr_s (i64x2.add (local.get 0) (local.get 1)) (local.get 2)))
    (func (export "shift_ss") (param v128 v128 i32) (result v128)
      (i8x16.shr_s (local.get 0) (i32.add (local.get 2) (i32.const 1))))
    (func (export "unary_l") (param v128 v128 i32) (result v128)
      (f64x2.neg (local.get 1)))
    (func (export "unary_s") (param v128 v128 i32) (result v128)
      (i8x16.popcnt (v128.and (local.get 0) (local.get 1))))
    (func (export "splat_l") (param v128 v128 i32) (result v128)
      (i32x4.splat (local.get 2)))
    (func (export "splat_s") (param v128 v128 i32) (result v128)
      (i16x8.splat (i32.mul (local.get 2) (local.get 2))))))");
  for (const char* name : {"ll", "sl", "sc", "lc", "ss", "shift_lc", "shift_ll", "shift_sl", "shift_ss", "unary_l",
                           "unary_s", "splat_l", "splat_s"})
    for (const auto& args : kPairs) t.agree(name, args);

  using vm::VmOp;
  EXPECT_TRUE(t.has("ll", VmOp::I32x4Add_R));
  EXPECT_FALSE(t.has("ll", VmOp::LocalGetV128));  // both operands read in place
  EXPECT_TRUE(t.has("sl", VmOp::F32x4Mul_R));
  EXPECT_TRUE(t.has("sc", VmOp::I32x4Mul_RC));
  EXPECT_TRUE(t.has("lc", VmOp::I8x16SubSatS_RC));
  EXPECT_FALSE(t.has("lc", VmOp::V128Const));
  EXPECT_TRUE(t.has("ss", VmOp::F32x4Min_R));
  EXPECT_TRUE(t.has("shift_lc", VmOp::I32x4Shl_RC));
  EXPECT_TRUE(t.has("shift_ll", VmOp::I16x8ShrU_R));
  EXPECT_FALSE(t.has("shift_ll", VmOp::LocalGet));
  EXPECT_TRUE(t.has("shift_sl", VmOp::I64x2ShrS_R));
  EXPECT_TRUE(t.has("unary_l", VmOp::F64x2Neg_R));
  EXPECT_TRUE(t.has("splat_l", VmOp::I32x4Splat_R));

  // Known answers, so that both translations being wrong the same way cannot pass.
  CallResult r = t.agree("shift_lc", kPairs[0]);  // 35 shifts by 3
  ASSERT_EQ(r.values.size(), 1u);
  uint32_t lane0;
  std::memcpy(&lane0, r.values[0].v128.bytes.data(), 4);
  EXPECT_EQ(lane0, 0x89abcdefu << 3);
  r = t.agree("splat_l", kPairs[1]);
  ASSERT_EQ(r.values.size(), 1u);
  std::memcpy(&lane0, r.values[0].v128.bytes.data() + 12, 4);
  EXPECT_EQ(lane0, 37u);
}

TEST(VmRegisterForms, ResultsWrittenStraightIntoLocals) {
  Twin t(R"((module
    ;; local.set into an operand's own local, in a loop whose label sits on the fused op
    (func (export "accumulate") (param v128 v128 i32) (result v128)
      (loop $l
        (local.set 0 (i32x4.add (local.get 0) (local.get 1)))
        (local.set 1 (i32x4.shl (local.get 1) (i32.const 1)))
        (br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
      (local.get 0))
    ;; after a set, ops that push at the stack top and ops that read slots by height must agree
    (func (export "set_then_stack") (param v128 v128 i32) (result v128)
      (local.set 0 (i32x4.add (local.get 0) (local.get 1)))
      (i32x4.add (local.get 0) (i32x4.splat (i32.add (local.get 2) (i32.const 1)))))
    ;; local.tee keeps the value on the stack too; a set after a tee must not move the tee
    (func (export "tee") (param v128 v128 i32) (result v128) (local v128 v128)
      (local.set 4 (local.tee 3 (f32x4.sub (local.get 0) (local.get 1))))
      (v128.xor (i64x2.add (local.tee 3 (i64x2.mul (local.get 3) (local.get 1))) (local.get 4)) (local.get 3)))
    ;; a v128 result set into a local while other values wait on the stack below it
    (func (export "deep") (param v128 v128 i32) (result i32) (local v128)
      (i32.add (local.get 2)
        (i32x4.extract_lane 1 (block (result v128)
          (local.set 3 (i8x16.avgr_u (local.get 0) (local.get 1)))
          (i16x8.add (local.get 3) (local.get 0))))))))");
  for (const auto& args : kPairs) {
    std::vector<WasmValue> a = args;
    a[2] = i32(5);
    t.agree("accumulate", a);
    t.agree("set_then_stack", args);
    t.agree("tee", args);
    t.agree("deep", args);
  }
  using vm::VmOp;
  EXPECT_FALSE(t.has("accumulate", VmOp::LocalSetV128));
  EXPECT_FALSE(t.has("tee", VmOp::LocalTeeV128));
  // The set after a tee stays a set of its own (the tee's value already went to local 3).
  EXPECT_TRUE(t.has("tee", VmOp::LocalSetV128));

  // Known answer: 5 rounds of a += b; b <<= 1 is a + 31 b (lane-wise, wrapping).
  CallResult r = t.agree("accumulate", {v128(1, 0), v128(1, 0), i32(5)});
  ASSERT_EQ(r.values.size(), 1u);
  uint32_t lane0;
  std::memcpy(&lane0, r.values[0].v128.bytes.data(), 4);
  EXPECT_EQ(lane0, 32u);
}

TEST(VmRegisterForms, LoadsFromEveryMemoryAndTheirTraps) {
  Twin t(R"((module
    (memory $a 1)
    (memory $b 1)
    (data (memory $b) (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\f1\f2\f3\f4\f5\f6\f7\f8")
    (func (export "local_address") (param i32) (result v128)
      (v128.load $b offset=1 (local.get 0)))
    (func (export "stack_address") (param i32) (result v128)
      (v128.load8x8_s $b (i32.add (local.get 0) (i32.const 8))))
    (func (export "splat") (param i32) (result v128)
      (v128.load32_splat $b (local.get 0)))
    (func (export "zero_tee") (param i32) (result v128) (local v128)
      (i32x4.add (local.tee 1 (v128.load64_zero $b (local.get 0))) (local.get 1)))))");
  for (uint32_t address : {0u, 3u, 7u, 65519u, 65520u, 65530u, 70000u, 0xfffffff0u}) {
    t.agree("local_address", {i32(address)});
    t.agree("stack_address", {i32(address)});
    t.agree("splat", {i32(address)});
    t.agree("zero_tee", {i32(address)});
  }
  using vm::VmOp;
  EXPECT_TRUE(t.has("local_address", VmOp::V128Load_R));
  EXPECT_FALSE(t.has("local_address", VmOp::LocalGet));
  EXPECT_TRUE(t.has("stack_address", VmOp::V128Load8x8S_R));
  EXPECT_TRUE(t.has("zero_tee", VmOp::V128Load64Zero_R));
  EXPECT_FALSE(t.has("zero_tee", VmOp::LocalTeeV128));

  CallResult r = t.agree("local_address", {i32(0)});
  ASSERT_EQ(r.values.size(), 1u);
  EXPECT_EQ(r.values[0].v128.bytes[0], 0x02);
  EXPECT_EQ(r.values[0].v128.bytes[15], 0xf1);
  // A fault names memory 1, the address and the size, at the load.
  r = t.agree("local_address", {i32(65520)});
  ASSERT_TRUE(r.trap);
  EXPECT_EQ(r.trap->message, "out of bounds memory access");
  ASSERT_TRUE(r.trap->fault);
  EXPECT_EQ(r.trap->fault->memory, 1u);
  EXPECT_EQ(r.trap->fault->address, 65521u);
  EXPECT_EQ(r.trap->fault->size, 16u);
}

}  // namespace
}  // namespace mnemo
