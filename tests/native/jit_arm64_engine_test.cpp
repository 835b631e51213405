// tests/native/jit_arm64_engine_test.cpp: the ARM64 JIT behind the Engine seam (run under
// qemu-aarch64 by the arm64 preset): what it compiles runs as the interpreter runs it, traps carry
// the interpreter's values, a store straddling the end of memory writes none of its bytes, fuel is
// charged as the interpreter charges it, and a function it cannot finish is left, function by
// function, to the interpreter with what stopped it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/jit/jit.h"
#include "core/jit/machine_listing.h"
#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::i64;
using testing::v128;

// A World whose engine is the JIT.
struct JitWorld : testing::World {
  explicit JitWorld(jit::JitOptions options = {}) {
    std::string why_not;
    engine = jit::make_jit(store, why_not, options);
    EXPECT_TRUE(engine) << why_not;
  }
  const jit::JitStats& stats() const { return *jit::jit_stats(*engine); }
};

WasmValue f32(float v) {
  WasmValue w;
  w.type = ValType::F32;
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  w.bits = bits;
  return w;
}
WasmValue f64(double v) {
  WasmValue w;
  w.type = ValType::F64;
  std::memcpy(&w.bits, &v, 8);
  return w;
}

TEST(JitArm64Engine, NamesItselfAndCompilesIntegerCode) {
  constexpr const char* kModule = R"((module
    (memory 1) (memory $m1 2)
    (global $g (mut i64) (i64.const 5))
    (func $fib (export "fib") (param i32) (result i32)
      (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
        (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                       (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
    (func (export "mix") (param i64 i64) (result i64) (local i64)
      (local.set 2 (i64.mul (local.get 0) (local.get 1)))
      (global.set $g (i64.add (global.get $g) (i64.rotl (local.get 2) (i64.const 7))))
      (i64.xor (global.get $g) (i64.div_u (local.get 0) (i64.or (local.get 1) (i64.const 1)))))
    (func (export "bits") (param i32 i64) (result i64)
      (i64.add (i64.extend_i32_u (i32.add (i32.popcnt (local.get 0))
                                  (i32.add (i32.clz (local.get 0)) (i32.ctz (local.get 0)))))
               (i64.add (i64.popcnt (local.get 1))
                        (i64.add (i64.rotr (local.get 1) (i64.extend_i32_u (local.get 0)))
                                 (i64.extend_i32_s (i32.rotl (local.get 0) (i32.wrap_i64 (local.get 1))))))))
    (func (export "mem") (param i32) (result i32) (local i32)
      (i32.store $m1 offset=3 (local.get 0) (i32.const 0x11223344))
      (i32.store16 (local.get 0) (i32.const -2))
      (memory.copy $m1 0 (i32.const 100) (local.get 0) (i32.const 2))
      (local.set 1 (i32.add (i32.load8_s $m1 offset=4 (local.get 0)) (i32.load16_u $m1 (i32.const 100))))
      (i32.add (local.get 1) (i32.add (memory.size $m1) (memory.grow $m1 (i32.const 1)))))
    (func (export "table") (param i32) (result i32)
      (block $a (block $b (block $c (br_table $a $b $c (local.get 0))) (return (i32.const 30)))
        (return (i32.const 20)))
      (i32.const 10))))";
  JitWorld jit;
  testing::World interp;
  EXPECT_NE(jit.engine->description().find("jit: arm64 baseline"), std::string::npos) << jit.engine->description();
  Instance* a = jit.must_instantiate(kModule);
  Instance* b = interp.must_instantiate(kModule);
  EXPECT_EQ(jit.stats().compiled, 5u);
  EXPECT_EQ(jit.stats().interpreted, 0u);
  EXPECT_EQ(jit.call_value(a, "fib", {i32(20)}), 6765u);
  for (uint64_t x : {0ull, 1ull, 0x8000000000000000ull, 12345678901ull, ~0ull})
    EXPECT_EQ(jit.call_value(a, "mix", {i64(x), i64(x * 3 + 1)}), interp.call_value(b, "mix", {i64(x), i64(x * 3 + 1)}));
  for (uint32_t x : {0u, 1u, 0x80000000u, 0xdeadbeefu, ~0u})
    for (uint64_t y : {0ull, 63ull, 0x0123456789abcdefull, ~0ull})
      EXPECT_EQ(jit.call_value(a, "bits", {i32(x), i64(y)}), interp.call_value(b, "bits", {i32(x), i64(y)})) << x << " " << y;
  for (uint32_t p : {0u, 7u, 65000u}) EXPECT_EQ(jit.call_value(a, "mem", {i32(p)}), interp.call_value(b, "mem", {i32(p)}));
  for (uint32_t i : {0u, 1u, 2u, 3u, 1000u})
    EXPECT_EQ(jit.call_value(a, "table", {i32(i)}), interp.call_value(b, "table", {i32(i)}));
}

TEST(JitArm64Engine, TrapsCarryTheInterpretersValues) {
  constexpr const char* kModule = R"((module
    (memory 1) (memory $small 1)
    (table 2 funcref)
    (elem (i32.const 0) $f $again)
    (func $f (result i32) (i32.const 1))
    (type $r (func (param i32) (result i32)))
    (func $again (export "deep_indirect") (param i32) (result i32)
      (i32.add (i32.const 2) (call_indirect (type $r) (local.get 0) (i32.const 1))))
    (func (export "load") (param i32) (result i64) (nop) (i64.load $small offset=4 (local.get 0)))
    (func (export "store") (param i32) (i32.store8 $small (local.get 0) (i32.const 1)))
    (func (export "fill") (param i32) (memory.fill $small (local.get 0) (i32.const 0) (i32.const 9)))
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "rem") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
    (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
    (func (export "unreachable") unreachable)
    (func (export "indirect") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
    (func $deep (export "deep") (param i32) (result i32) (i32.add (i32.const 1) (call $deep (local.get 0))))))";
  JitWorld jit;
  testing::World interp;
  Instance* a = jit.must_instantiate(kModule);
  Instance* b = interp.must_instantiate(kModule);
  EXPECT_EQ(jit.stats().interpreted, 0u);
  struct Call {
    const char* name;
    std::vector<WasmValue> args;
  };
  const Call calls[] = {
      {"load", {i32(65530)}},    {"store", {i32(65536)}},  {"fill", {i32(65530)}},
      {"div", {i32(1), i32(0)}}, {"div", {i32(0x80000000u), i32(-1)}}, {"unreachable", {}},
      {"indirect", {i32(1)}},    {"indirect", {i32(7)}},   {"deep", {i32(0)}},
      {"deep_indirect", {i32(0)}}, {"trunc", {f64(NAN)}},  {"trunc", {f64(2147483648.0)}},
      {"trunc", {f64(-2147483649.0)}},
  };
  for (const Call& c : calls) {
    SCOPED_TRACE(c.name);
    CallResult j = jit.call(a, c.name, c.args), i = interp.call(b, c.name, c.args);
    ASSERT_TRUE(j.trap && i.trap);
    EXPECT_EQ(j.trap->code, i.trap->code);
    EXPECT_EQ(j.trap->message, i.trap->message);
    EXPECT_EQ(j.trap->where.func, i.trap->where.func);
    EXPECT_EQ(j.trap->where.instr, i.trap->where.instr);
    EXPECT_EQ(j.trap->where.instance, a);
    ASSERT_EQ(bool(j.trap->fault), bool(i.trap->fault));
    if (i.trap->fault) {
      EXPECT_EQ(j.trap->fault->memory, i.trap->fault->memory);
      EXPECT_EQ(j.trap->fault->kind, i.trap->fault->kind);
      EXPECT_EQ(j.trap->fault->address, i.trap->fault->address);
      EXPECT_EQ(j.trap->fault->size, i.trap->fault->size);
    }
  }
  EXPECT_EQ(jit.call_value(a, "rem", {i64(0x8000000000000000ull), i64(~0ull)}), 0u);
  EXPECT_EQ(jit.call_value(a, "indirect", {i32(0)}), 1u);
  EXPECT_EQ(jit.call_value(a, "trunc", {f64(-2147483648.9)}), 0x80000000u);
}

// wasmtime#7237: an unaligned store that straddles the end of memory must trap before it writes
// any of its bytes (AArch64 may write the part of a faulting store that is in bounds). Every
// width, every straddling address, constant and register values; the last bytes stay zero.
TEST(JitArm64Engine, AStoreStraddlingTheEndWritesNothing) {
  constexpr const char* kModule = R"((module
    (memory 1)
    (func (export "s8") (param i32) (i64.store (local.get 0) (i64.const -1)))
    (func (export "s4") (param i32) (i32.store (local.get 0) (i32.const -1)))
    (func (export "s2") (param i32) (i32.store16 (local.get 0) (i32.const -1)))
    (func (export "f8") (param i32) (f64.store (local.get 0) (f64.const -1)))
    (func (export "r8") (param i32 i64) (i64.store offset=1 (local.get 0) (local.get 1)))
    (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))))";
  JitWorld w;
  Instance* inst = w.must_instantiate(kModule);
  EXPECT_EQ(w.stats().interpreted, 0u);
  struct Store {
    const char* name;
    uint32_t size;
  };
  for (const Store& s : {Store{"s8", 8}, Store{"s4", 4}, Store{"s2", 2}, Store{"f8", 8}}) {
    for (uint32_t at = 65536 - s.size + 1; at < 65536; ++at) {
      CallResult r = w.call(inst, s.name, {i32(at)});
      ASSERT_TRUE(r.trap && r.trap->fault) << s.name << " at " << at;
      EXPECT_EQ(r.trap->fault->address, at);
      EXPECT_EQ(r.trap->fault->size, s.size);
    }
  }
  for (uint32_t at = 65529; at < 65536; ++at) EXPECT_TRUE(w.call(inst, "r8", {i32(at), i64(~0ull)}).trap) << at;
  for (uint32_t a = 65520; a < 65536; ++a) EXPECT_EQ(w.call_value(inst, "peek", {i32(a)}), 0u) << a;
  EXPECT_FALSE(w.call(inst, "s8", {i32(65528)}).trap);  // the last eight bytes: in bounds
  EXPECT_EQ(w.call_value(inst, "peek", {i32(65535)}), 0xffu);
}

// Guard pages (loads; stores are checked explicitly either way) and explicit checks give the same
// traps, and the engine runs on after a fault. Under qemu the arm64 tests turn guarded memories
// off (MNEMO_MAX_GUARDED_MEMORIES=0, the preset); the test jit_arm64_guard_pages runs this one
// with them on (tests/CMakeLists.txt).
TEST(JitArm64Engine, GuardPagesAndExplicitChecksTrapAlike) {
  constexpr const char* kModule = R"((module
    (memory 1) (memory $m 1)
    (func (export "load") (param i32) (result i32) (i32.load16_u $m offset=7 (local.get 0)))
    (func (export "wide") (param i32) (result i64) (i64.load $m (local.get 0)))
    (func (export "store") (param i32) (i64.store $m (local.get 0) (i64.const 0x1122334455667788)))
    (func (export "far") (param i32) (result i32) (i32.load8_u $m offset=4294967295 (local.get 0)))
    (func (export "at") (result i32) (i32.load $m offset=65534 (i32.const 1)))
    (func (export "v") (param i32) (result i32) (i32x4.extract_lane 3 (v128.load $m (local.get 0))))
    (func (export "peek") (param i32) (result i32) (i32.load8_u $m (local.get 0)))))";
  for (auto bounds : {jit::JitOptions::Bounds::GuardPages, jit::JitOptions::Bounds::Explicit}) {
    SCOPED_TRACE(bounds == jit::JitOptions::Bounds::GuardPages ? "guard pages" : "explicit");
    JitWorld w({bounds});
    Instance* inst = w.must_instantiate(kModule);
    EXPECT_EQ(w.stats().compiled, 7u);
    if (bounds == jit::JitOptions::Bounds::GuardPages) {
      EXPECT_NE(w.engine->description().find("guard-page"), std::string::npos);
      if (!inst->memories[1]->guarded()) GTEST_SKIP() << "this host gave memory 1 no guard region";
    }
    struct Case {
      const char* name;
      std::vector<WasmValue> args;
      MemoryAccess::Kind kind;
      uint64_t address, size;
    };
    for (const Case& c : {Case{"load", {i32(65529)}, MemoryAccess::Kind::Read, 65536, 2},
                          Case{"wide", {i32(65530)}, MemoryAccess::Kind::Read, 65530, 8},
                          Case{"store", {i32(65532)}, MemoryAccess::Kind::Write, 65532, 8},
                          Case{"far", {i32(0xffffffffu)}, MemoryAccess::Kind::Read, 0x1fffffffeull, 1},
                          Case{"at", {}, MemoryAccess::Kind::Read, 65535, 4},
                          Case{"v", {i32(65521)}, MemoryAccess::Kind::Read, 65521, 16}}) {
      CallResult r = w.call(inst, c.name, c.args);
      ASSERT_TRUE(r.trap && r.trap->fault) << c.name;
      EXPECT_EQ(r.trap->code, TrapCode::MemoryOutOfBounds);
      EXPECT_EQ(r.trap->fault->memory, 1u);
      EXPECT_EQ(r.trap->fault->kind, c.kind);
      EXPECT_EQ(r.trap->fault->address, c.address) << c.name;
      EXPECT_EQ(r.trap->fault->size, c.size);
    }
    for (uint32_t a = 65532; a < 65536; ++a) EXPECT_EQ(w.call_value(inst, "peek", {i32(a)}), 0u) << a;
    EXPECT_EQ(w.call_value(inst, "load", {i32(65527)}), 0u);  // the last two bytes: in bounds
    EXPECT_EQ(w.call_value(inst, "v", {i32(65520)}), 0u);
  }
}

// Floats against the interpreter, bit for bit (NaNs included), through every kind of location.
TEST(JitArm64Engine, FloatsRunAsTheInterpreterRunsThem) {
  constexpr const char* kModule = R"((module
    (func (export "f64") (param f64 f64) (result f64)
      (f64.add (f64.min (local.get 0) (local.get 1))
               (f64.mul (f64.nearest (local.get 0)) (f64.copysign (f64.sqrt (f64.abs (local.get 1))) (local.get 0)))))
    (func (export "f32") (param f32 f32) (result f32)
      (f32.sub (f32.max (local.get 0) (local.get 1))
               (f32.div (f32.floor (local.get 0)) (f32.demote_f64 (f64.promote_f32 (f32.ceil (local.get 1)))))))
    (func (export "cmp") (param f64 f64) (result i32)
      (i32.add (i32.add (f64.lt (local.get 0) (local.get 1)) (i32.shl (f64.ge (local.get 0) (local.get 1)) (i32.const 1)))
               (i32.shl (f64.ne (local.get 0) (local.get 1)) (i32.const 2))))
    (func (export "conv") (param f64) (result i64)
      (i64.add (i64.trunc_sat_f64_u (local.get 0))
               (i64.add (i64.extend_i32_s (i32.trunc_sat_f32_s (f32.demote_f64 (local.get 0))))
                        (i64.reinterpret_f64 (f64.convert_i64_u (i64.trunc_sat_f64_s (local.get 0)))))))))";
  JitWorld jit;
  testing::World interp;
  Instance* a = jit.must_instantiate(kModule);
  Instance* b = interp.must_instantiate(kModule);
  EXPECT_EQ(jit.stats().interpreted, 0u);
  const double values[] = {0.0, -0.0, 1.5, -2.5, 3.5, 1e300, -1e-300, INFINITY, -INFINITY, NAN, 4294967296.5, -9.3e18};
  for (double x : values)
    for (double y : values) {
      SCOPED_TRACE(std::to_string(x) + " " + std::to_string(y));
      EXPECT_EQ(jit.call_value(a, "f64", {f64(x), f64(y)}), interp.call_value(b, "f64", {f64(x), f64(y)}));
      EXPECT_EQ(jit.call_value(a, "f32", {f32(float(x)), f32(float(y))}),
                interp.call_value(b, "f32", {f32(float(x)), f32(float(y))}));
      EXPECT_EQ(jit.call_value(a, "cmp", {f64(x), f64(y)}), interp.call_value(b, "cmp", {f64(x), f64(y)}));
    }
  for (double x : values) EXPECT_EQ(jit.call_value(a, "conv", {f64(x)}), interp.call_value(b, "conv", {f64(x)})) << x;
}

// The v128 instructions that reshape lanes (table lookups, narrowing and widening, conversions,
// bitmask, i64x2.mul through general registers) against the interpreter, bit for bit, over lanes
// at the edges: signed and unsigned extremes, NaNs with payloads, infinities, floats past every
// integer range, and indices past the table.
TEST(JitArm64Engine, ReshapingV128RunsAsTheInterpreterRunsIt) {
  const char* const binary[] = {
      "i8x16.swizzle",          "i8x16.narrow_i16x8_s",     "i8x16.narrow_i16x8_u",     "i16x8.narrow_i32x4_s",
      "i16x8.narrow_i32x4_u",   "i64x2.mul",                "i32x4.dot_i16x8_s",        "i16x8.q15mulr_sat_s",
      "i16x8.extmul_low_i8x16_s", "i16x8.extmul_high_i8x16_u", "i32x4.extmul_low_i16x8_u", "i32x4.extmul_high_i16x8_s",
      "i64x2.extmul_low_i32x4_s", "i64x2.extmul_high_i32x4_u"};
  const char* const unary[] = {
      "f32x4.convert_i32x4_s",        "f32x4.convert_i32x4_u",        "i32x4.trunc_sat_f32x4_s",
      "i32x4.trunc_sat_f32x4_u",      "f64x2.convert_low_i32x4_s",    "f64x2.convert_low_i32x4_u",
      "i32x4.trunc_sat_f64x2_s_zero", "i32x4.trunc_sat_f64x2_u_zero", "f32x4.demote_f64x2_zero",
      "f64x2.promote_low_f32x4",      "i16x8.extadd_pairwise_i8x16_s", "i32x4.extadd_pairwise_i16x8_u"};
  const char* const to_i32[] = {"i8x16.bitmask", "i16x8.bitmask", "i32x4.bitmask", "i64x2.bitmask"};
  std::string module = R"((module
    (func (export "i8x16.shuffle") (param v128 v128) (result v128)
      (i8x16.shuffle 0 17 2 19 31 30 5 16 8 9 26 11 15 14 13 12 (local.get 0) (local.get 1))))";
  for (const char* op : binary)
    module += std::string("(func (export \"") + op + "\") (param v128 v128) (result v128) (" + op +
              " (local.get 0) (local.get 1)))\n";
  for (const char* op : unary)
    module += std::string("(func (export \"") + op + "\") (param v128) (result v128) (" + op + " (local.get 0)))\n";
  for (const char* op : to_i32)
    module += std::string("(func (export \"") + op + "\") (param v128) (result i32) (" + op + " (local.get 0)))\n";
  module += ")";
  JitWorld jit;
  testing::World interp;
  Instance* a = jit.must_instantiate(module);
  Instance* b = interp.must_instantiate(module);
  EXPECT_EQ(jit.stats().interpreted, 0u);
  const WasmValue values[] = {
      v128(0, 0),
      v128(~0ull, ~0ull),
      v128(0x8000000080000000ull, 0x7fffffff7fffffffull),            // i32 extremes
      v128(0x80007fff00ff8001ull, 0xff7f0180fffe7ffeull),            // i16 and i8 extremes
      v128(0x0123456789abcdefull, 0xfedcba9876543210ull),            // tbl: some indices past 16 or 32
      v128(0x0f0e0d0c03020100ull, 0x1f1e1d1c13121110ull),            // tbl: indices in range
      v128(0x7fc00000ffc00001ull, 0x7f800000ff800000ull),            // f32: NaNs with payloads, infinities
      v128(0x4f8000004f7fffffull, 0xcf000001bf800000ull),            // f32: 2^32, past the i32 ranges, -1
      v128(0x7ff8000000000001ull, 0xfff0000000000000ull),            // f64: a NaN with a payload, -inf
      v128(0x41efffffffff0000ull, 0xc1e0000000200000ull),            // f64: 2^32 - 0.5, just below INT32_MIN
      v128(0x47efffffe0000000ull, 0x3810000000000001ull),            // f64: FLT_MAX, below f32's normals
  };
  for (const WasmValue& x : values) {
    for (const WasmValue& y : values)
      for (const char* op : binary) {
        CallResult j = jit.call(a, op, {x, y}), i = interp.call(b, op, {x, y});
        ASSERT_FALSE(j.trap || i.trap) << op;
        EXPECT_EQ(j.values[0].v128, i.values[0].v128) << op;
      }
    for (const WasmValue& y : values) {
      CallResult j = jit.call(a, "i8x16.shuffle", {x, y}), i = interp.call(b, "i8x16.shuffle", {x, y});
      EXPECT_EQ(j.values[0].v128, i.values[0].v128);
    }
    for (const char* op : unary) {
      CallResult j = jit.call(a, op, {x}), i = interp.call(b, op, {x});
      ASSERT_FALSE(j.trap || i.trap) << op;
      EXPECT_EQ(j.values[0].v128, i.values[0].v128) << op;
    }
    for (const char* op : to_i32) EXPECT_EQ(jit.call_value(a, op, {x}), interp.call_value(b, op, {x})) << op;
  }
}

// A function the compiler cannot finish runs in the interpreter, and the stats say what stopped
// it; the others are compiled and call it (through a thunk). Every instruction compiles, so the
// refusal here is the assembler's: a local past the 4096 slots that an ldr / str offset reaches,
// stored there around a call.
TEST(JitArm64Engine, WhatItDoesNotCompileRunsInTheInterpreter) {
  std::string locals;
  for (int i = 0; i < 4200; ++i) locals += " i64";
  const std::string module = R"((module
    (func $nothing)
    (func $v (result i32) (local)" + locals + R"()
      (local.set 4199 (i64.const 2))
      (call $nothing)
      (i32.wrap_i64 (local.get 4199)))
    (func (export "run") (result i32) (i32.add (call $v) (i32.const 40)))))";
  JitWorld jit;
  Instance* a = jit.must_instantiate(module);
  EXPECT_EQ(jit.stats().compiled, 2u);
  EXPECT_EQ(jit.stats().interpreted, 1u);
  EXPECT_EQ(jit.stats().stopped_at.count("assembler"), 1u);
  EXPECT_EQ(jit.call_value(a, "run"), 42u);
}

// `mnemo dump --code` on ARM64: the engine gives the installed AArch64 words, with the offsets
// of the WebAssembly instructions, listed by capstone (the cross build links the arm64 package's);
// without a disassembler the listing shows one word a row.
TEST(JitArm64Engine, ListsItsMachineCode) {
  JitWorld jit;
  Instance* a = jit.must_instantiate(R"((module (func (export "f") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))))");
  Result<jit::MachineCode> code = jit::function_code(*jit.engine, *a->funcs[0]);
  ASSERT_TRUE(code) << code.error().str();
  EXPECT_EQ(code->arch, jit::MachineArch::Arm64);
  ASSERT_GE(code->bytes.size(), 8u);
  EXPECT_EQ(code->bytes.size() % 4, 0u);
  EXPECT_EQ(std::memcmp(code->bytes.data(), code->address, code->bytes.size()), 0);
  const uint8_t stp[] = {0xfd, 0x7b, 0xbf, 0xa9};  // stp x29, x30, [sp, #-16]!: the prologue's first
  EXPECT_EQ(std::memcmp(code->bytes.data(), stp, 4), 0);
  EXPECT_FALSE(code->instr_offsets.empty());
  const std::string text = jit::print_machine_code(*code, 4, [](uint32_t i) { return "instr" + std::to_string(i); });
  EXPECT_NE(text.find("bytes of arm64 at"), std::string::npos) << text;
  EXPECT_NE(text.find(";; 2: instr2"), std::string::npos) << text;
  if (jit::disassembler_name().empty()) {
    EXPECT_NE(text.find("fd 7b bf a9  "), std::string::npos) << text;
    EXPECT_NE(text.find(".inst 0xa9bf7bfd"), std::string::npos) << text;
  } else {
    EXPECT_NE(text.find("stp x29, x30, [sp, #-0x10]!"), std::string::npos) << text;
    EXPECT_EQ(text.find(".inst"), std::string::npos) << text;  // every word decodes
  }
}

// Compiled code charges fuel where the interpreter's translation does.
TEST(JitArm64Engine, FuelIsChargedAsTheInterpreterChargesIt) {
  constexpr const char* kModule = R"((module
    (func (export "sum") (param i32) (result i32) (local i32)
      (block $done
        (loop $l
          (br_if $done (i32.eqz (local.get 0)))
          (if (i32.and (local.get 0) (i32.const 1))
            (then (local.set 1 (i32.add (local.get 1) (local.get 0))))
            (else (local.set 1 (i32.sub (local.get 1) (i32.const 1)))))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br $l)))
      (local.get 1))
    (func (export "spin") (loop $forever (br $forever)))))";
  JitWorld jit;
  testing::World interp;
  jit.store.set_fuel(100000);
  interp.store.set_fuel(100000);
  Instance* a = jit.must_instantiate(kModule);
  Instance* b = interp.must_instantiate(kModule);
  EXPECT_EQ(jit.stats().compiled, 2u);
  EXPECT_EQ(jit.call_value(a, "sum", {i32(100)}), interp.call_value(b, "sum", {i32(100)}));
  EXPECT_EQ(*jit.store.fuel(), *interp.store.fuel());
  CallResult j = jit.call(a, "spin"), i = interp.call(b, "spin");
  ASSERT_TRUE(j.trap && i.trap);
  EXPECT_EQ(j.trap->code, TrapCode::OutOfFuel);
  EXPECT_EQ(j.trap->where.instr, i.trap->where.instr);
  EXPECT_EQ(*jit.store.fuel(), *interp.store.fuel());
}

}  // namespace
}  // namespace mnemo
