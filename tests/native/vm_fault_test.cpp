// tests/native/vm_fault_test.cpp: every family of memory handler records its own fault (memory
// index, kind, address, size) and the trap's code, in fused and debuggable translations alike:
// nothing is recovered afterwards from the instruction.
#include <gtest/gtest.h>

#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::World;

// Memory 2 (one page) is where every access faults; memories 0 and 1 are there so that index 2 is
// not the default. Each export makes one kind of access at `addr`.
constexpr const char* kModule = R"((module
  (memory $a 1)
  (memory $b 1)
  (memory $c 1)
  (data $d "0123456789")
  (func (export "load") (param $p i32) (result i32) (i32.load16_u $c offset=2 (local.get $p)))
  (func (export "load_add") (param $p i32) (result i64)
    (i64.load $c (i32.add (local.get $p) (i32.const 8))))
  (func (export "load_stack") (param $p i32) (result i32)
    (i32.load8_s $c (i32.xor (local.get $p) (i32.const 0))))
  (func (export "store") (param $p i32) (i64.store32 $c offset=1 (local.get $p) (i64.const 7)))
  (func (export "store_stack") (param $p i32)
    (f64.store $c (i32.xor (local.get $p) (i32.const 0)) (f64.add (f64.const 1) (f64.const 2))))
  (func (export "mixed_load") (param $p i32) (result i32)  ;; memory $a used more
    (i32.add (i32.add (i32.load $a (i32.const 0)) (i32.load $a (i32.const 4)))
             (i32.load16_u $c offset=2 (local.get $p))))
  (func (export "mixed_store") (param $p i32)
    (i32.store $a (i32.const 0) (i32.const 1))
    (i32.store $a (i32.const 4) (i32.const 2))
    (i64.store32 $c offset=1 (local.get $p) (i64.const 7)))
  (func (export "v128_load") (param $p i32) (result i32)
    (i32x4.extract_lane 0 (v128.load $c (local.get $p))))
  (func (export "lane_load") (param $p i32) (result i32)
    (i32x4.extract_lane 0 (v128.load32_lane $c 1 (local.get $p) (v128.const i32x4 0 0 0 0))))
  (func (export "lane_store") (param $p i32)
    (v128.store64_lane $c 1 (local.get $p) (v128.const i64x2 1 2)))
  (func (export "fill") (param $p i32) (memory.fill $c (local.get $p) (i32.const 0) (i32.const 3)))
  (func (export "init") (param $p i32) (memory.init $c $d (local.get $p) (i32.const 0) (i32.const 5)))
  (func (export "copy_to") (param $p i32) (memory.copy $c $a (local.get $p) (i32.const 0) (i32.const 6)))
  (func (export "copy_from") (param $p i32) (memory.copy $a $c (i32.const 0) (local.get $p) (i32.const 6))))
)";

struct Case {
  const char* name;
  uint32_t arg;
  MemoryAccess::Kind kind;
  uint64_t address, size;
};

class VmFault : public ::testing::TestWithParam<bool> {};

TEST_P(VmFault, EveryHandlerNamesTheMemoryKindAddressAndSize) {
  World w;
  Instance* inst = w.must_instantiate(kModule, InstantiateOptions{GetParam()});
  using K = MemoryAccess::Kind;
  const Case cases[] = {
      {"load", 0xffff, K::Read, 0x10001, 2},
      {"load_add", 0xfffc, K::Read, 0x10004, 8},
      {"load_stack", 0x10000, K::Read, 0x10000, 1},
      {"store", 0xfffe, K::Write, 0xffff, 4},
      {"store_stack", 0xfffc, K::Write, 0xfffc, 8},
      {"mixed_load", 0xffff, K::Read, 0x10001, 2},
      {"mixed_store", 0xfffe, K::Write, 0xffff, 4},
      {"v128_load", 0xfff8, K::Read, 0xfff8, 16},
      {"lane_load", 0xfffd, K::Read, 0xfffd, 4},
      {"lane_store", 0xfffa, K::Write, 0xfffa, 8},
      {"fill", 0xfffe, K::Write, 0xfffe, 3},
      {"init", 0xfffc, K::Write, 0xfffc, 5},
      {"copy_to", 0xfffb, K::Write, 0xfffb, 6},
      {"copy_from", 0xfffb, K::Read, 0xfffb, 6},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CallResult r = w.call(inst, c.name, {i32(c.arg)});
    ASSERT_TRUE(r.trap);
    EXPECT_EQ(r.trap->code, TrapCode::MemoryOutOfBounds);
    EXPECT_EQ(r.trap->message, "out of bounds memory access");
    ASSERT_TRUE(r.trap->fault);
    EXPECT_EQ(r.trap->fault->memory, 2u);
    EXPECT_EQ(r.trap->fault->kind, c.kind);
    EXPECT_EQ(r.trap->fault->address, c.address);
    EXPECT_EQ(r.trap->fault->size, c.size);
    // Moved down by the bytes it overshot, the same access ends at the last byte and succeeds:
    // the bound is exact.
    const uint32_t overshoot = uint32_t(c.address + c.size - 0x10000);
    CallResult ok = w.call(inst, c.name, {i32(c.arg - overshoot)});
    EXPECT_FALSE(ok.trap) << ok.trap->message;
  }
}

INSTANTIATE_TEST_SUITE_P(FusedAndDebuggable, VmFault, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Debuggable" : "Fused"; });

TEST(VmFaultCodes, EveryTrapCarriesItsCode) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (table 1 funcref)
    (func (export "unreachable") unreachable)
    (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
    (func (export "indirect") (call_indirect (i32.const 0)))))");
  EXPECT_EQ(w.call(inst, "unreachable").trap->code, TrapCode::Unreachable);
  EXPECT_EQ(w.call(inst, "div", {i32(0)}).trap->code, TrapCode::IntegerDivideByZero);
  CallResult r = w.call(inst, "indirect");
  EXPECT_EQ(r.trap->code, TrapCode::UninitializedElement);
  EXPECT_FALSE(r.trap->fault);
}

}  // namespace
}  // namespace mnemo
