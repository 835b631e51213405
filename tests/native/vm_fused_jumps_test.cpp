// tests/native/vm_fused_jumps_test.cpp: the conditional jumps the translator fuses with the op
// computing their condition (core/vm/translate.cpp, conditional_jump), against the debuggable
// translation, which runs every instruction as its own op.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <limits>

#include "vm_twin.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::Twin;
using vm::VmOp;

WasmValue f64(double v) {
  WasmValue w;
  w.type = ValType::F64;
  std::memcpy(&w.bits, &v, sizeof v);
  return w;
}

// `x; i32.eqz` before a br_if or an if is x's own fused jump, inverted, with no op for the eqz:
// for comparisons (floats with NaN among them: the inverse of `gt` is not `le`), for any other
// i32 result, and for an eqz of an eqz.
TEST(VmFusedJumps, EqzOfAConditionIsTheInverseJump) {
  Twin t(R"((module
    (func (export "br_if_lt") (param i32 i32) (result i32)
      (block (br_if 0 (i32.eqz (i32.lt_s (local.get 0) (local.get 1)))) (return (i32.const 1)))
      (i32.const 2))
    (func (export "if_gt") (param f64) (result i32)
      (if (result i32) (i32.eqz (f64.gt (local.get 0) (f64.const 4)))
        (then (i32.const 10)) (else (i32.const 20))))
    (func (export "if_and") (param i32) (result i32)
      (if (result i32) (i32.eqz (i32.and (local.get 0) (i32.const 6)))
        (then (i32.const 10)) (else (i32.const 20))))
    (func (export "eqz_eqz") (param i32) (result i32)
      (block (br_if 0 (i32.eqz (i32.eqz (local.get 0)))) (return (i32.const 1)))
      (i32.const 2))
    (func (export "count") (param i32) (result i32) (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $l (i32.eqz (i32.ge_u (local.get 1) (local.get 0)))))
      (local.get 1))))");
  for (uint32_t a : {0u, 1u, 5u, 6u, 0x80000000u, 0xffffffffu}) {
    t.agree("if_and", {i32(a)});
    t.agree("eqz_eqz", {i32(a)});
    for (uint32_t b : {0u, 1u, 6u, 0x80000000u, 0xffffffffu}) t.agree("br_if_lt", {i32(a), i32(b)});
  }
  for (double x : {0.0, 4.0, 4.5, -1e300, 1e300, std::numeric_limits<double>::quiet_NaN()}) t.agree("if_gt", {f64(x)});
  for (uint32_t n : {0u, 1u, 3u, 100u}) t.agree("count", {i32(n)});

  EXPECT_EQ(t.agree("br_if_lt", {i32(1), i32(2)}).values.at(0).bits, 1u);
  EXPECT_EQ(t.agree("br_if_lt", {i32(3), i32(2)}).values.at(0).bits, 2u);
  EXPECT_EQ(t.agree("if_gt", {f64(std::numeric_limits<double>::quiet_NaN())}).values.at(0).bits, 10u);
  EXPECT_EQ(t.agree("if_gt", {f64(5)}).values.at(0).bits, 20u);
  EXPECT_EQ(t.agree("if_and", {i32(1)}).values.at(0).bits, 10u);
  EXPECT_EQ(t.agree("eqz_eqz", {i32(0)}).values.at(0).bits, 1u);
  EXPECT_EQ(t.agree("count", {i32(100)}).values.at(0).bits, 100u);

  for (const char* name : {"br_if_lt", "if_gt", "if_and", "count"}) {
    EXPECT_FALSE(t.has(name, VmOp::I32Eqz)) << name;
    EXPECT_FALSE(t.has(name, VmOp::JumpIfI32Eqz) || t.has(name, VmOp::JumpUnlessI32Eqz)) << name;
  }
  EXPECT_TRUE(t.has("br_if_lt", VmOp::I32LtS_LL_Unless));
  EXPECT_TRUE(t.has("if_gt", VmOp::F64Gt_LC_If));
  EXPECT_TRUE(t.has("if_and", VmOp::I32And_LC_If));
  // Its first operand comes through the accumulator from the local.set / local.get before it.
  EXPECT_TRUE(t.has("count", VmOp::I32GeU_AL_Unless));
}

// A label between the condition and its eqz (a block's end) keeps them apart, whether a branch
// lands there or not: the value may come from the branch.
TEST(VmFusedJumps, NoFoldAcrossALabel) {
  Twin t(R"((module
    (func (export "landed") (param i32 i32) (result i32)
      (if (result i32)
        (i32.eqz (block (result i32)
          (br_if 0 (i32.const 0) (local.get 1))
          (drop)
          (i32.lt_u (local.get 0) (i32.const 10))))
        (then (i32.const 10)) (else (i32.const 20))))
    (func (export "block_end") (param i32) (result i32)
      (if (result i32)
        (i32.eqz (block (result i32) (i32.lt_u (local.get 0) (i32.const 10))))
        (then (i32.const 10)) (else (i32.const 20))))))");
  for (uint32_t a : {0u, 9u, 10u, 0xffffffffu}) {
    t.agree("block_end", {i32(a)});
    for (uint32_t b : {0u, 1u}) t.agree("landed", {i32(a), i32(b)});
  }
  EXPECT_EQ(t.agree("landed", {i32(50), i32(1)}).values.at(0).bits, 10u);  // the branch's 0
  EXPECT_EQ(t.agree("landed", {i32(5), i32(0)}).values.at(0).bits, 20u);
  EXPECT_EQ(t.agree("block_end", {i32(50)}).values.at(0).bits, 10u);
  EXPECT_FALSE(t.has("landed", VmOp::I32LtU_LC_If));
  EXPECT_FALSE(t.has("block_end", VmOp::I32LtU_LC_If));
}

}  // namespace
}  // namespace mnemo
