// tests/native/jit_x64_engine_test.cpp: the x86-64 JIT behind the Engine seam: what it compiles
// runs as the interpreter runs it, traps carry the same values, calls go every way (compiled,
// interpreted, host, another instance, through tables), and the engine stays usable after a trap.
#include <gtest/gtest.h>

#include "core/engines/make_engine.h"
#include "core/jit/jit.h"
#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::i64;

// A World whose engine is the JIT.
struct JitWorld : testing::World {
  explicit JitWorld(jit::JitOptions options = {}) {
    std::string why_not;
    engine = jit::make_jit(store, why_not, options);
    EXPECT_TRUE(engine) << why_not;
  }
  const jit::JitStats& stats() const { return *jit::jit_stats(*engine); }
};

TEST(JitX64Engine, CompilesIntegerCodeAndRunsItAsTheInterpreterDoes) {
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
  Instance* a = jit.must_instantiate(kModule);
  Instance* b = interp.must_instantiate(kModule);
  EXPECT_EQ(jit.stats().compiled, 4u);
  EXPECT_EQ(jit.stats().interpreted, 0u);
  EXPECT_EQ(jit.call_value(a, "fib", {i32(20)}), 6765u);
  for (uint64_t x : {0ull, 1ull, 0x8000000000000000ull, 12345678901ull})
    EXPECT_EQ(jit.call_value(a, "mix", {i64(x), i64(x * 3 + 1)}), interp.call_value(b, "mix", {i64(x), i64(x * 3 + 1)}));
  for (uint32_t p : {0u, 7u, 65000u}) EXPECT_EQ(jit.call_value(a, "mem", {i32(p)}), interp.call_value(b, "mem", {i32(p)}));
  for (uint32_t i : {0u, 1u, 2u, 3u, 1000u})
    EXPECT_EQ(jit.call_value(a, "table", {i32(i)}), interp.call_value(b, "table", {i32(i)}));
}

TEST(JitX64Engine, TrapsCarryTheInterpretersValues) {
  constexpr const char* kModule = R"((module
    (memory 1) (memory $small 1)
    (table 2 funcref)
    (elem (i32.const 0) $f)
    (func $f (result i32) (i32.const 1))
    (func (export "load") (param i32) (result i64) (nop) (i64.load $small offset=4 (local.get 0)))
    (func (export "store") (param i32) (i32.store8 $small (local.get 0) (i32.const 1)))
    (func (export "fill") (param i32) (memory.fill $small (local.get 0) (i32.const 0) (i32.const 9)))
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "rem") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
    (func (export "unreachable") unreachable)
    (func (export "indirect") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
    (func (export "mismatch") (param i32) (call_indirect (local.get 0)))
    (func $deep (export "deep") (param i32) (result i32) (i32.add (i32.const 1) (call $deep (local.get 0))))))";
  JitWorld jit;
  testing::World interp;
  Instance* a = jit.must_instantiate(kModule);
  Instance* b = interp.must_instantiate(kModule);
  struct Call {
    const char* name;
    std::vector<WasmValue> args;
  };
  const Call calls[] = {
      {"load", {i32(65530)}},  {"store", {i32(65536)}}, {"fill", {i32(65530)}},
      {"div", {i32(1), i32(0)}}, {"div", {i32(0x80000000u), i32(-1)}}, {"unreachable", {}},
      {"indirect", {i32(1)}},  {"indirect", {i32(7)}},  {"deep", {i32(0)}},
  };
  for (const Call& c : calls) {
    SCOPED_TRACE(c.name);
    CallResult j = jit.call(a, c.name, c.args), i = interp.call(b, c.name, c.args);
    ASSERT_TRUE(j.trap && i.trap);
    EXPECT_EQ(j.trap->code, i.trap->code);
    EXPECT_EQ(j.trap->message, i.trap->message);
    EXPECT_EQ(j.trap->where.func, i.trap->where.func);
    if (i.trap->code != TrapCode::CallStackExhausted) EXPECT_EQ(j.trap->where.instr, i.trap->where.instr);
    EXPECT_EQ(j.trap->where.instance, a);
    ASSERT_EQ(bool(j.trap->fault), bool(i.trap->fault));
    if (i.trap->fault) {
      EXPECT_EQ(j.trap->fault->memory, 1u);
      EXPECT_EQ(j.trap->fault->memory, i.trap->fault->memory);
      EXPECT_EQ(j.trap->fault->kind, i.trap->fault->kind);
      EXPECT_EQ(j.trap->fault->address, i.trap->fault->address);
      EXPECT_EQ(j.trap->fault->size, i.trap->fault->size);
    }
  }
  // INT64_MIN rem -1 is 0, not a trap; the engine is usable after every trap above.
  EXPECT_EQ(jit.call_value(a, "rem", {i64(0x8000000000000000ull), i64(~0ull)}), 0u);
  EXPECT_EQ(jit.call_value(a, "indirect", {i32(0)}), 1u);
  EXPECT_TRUE(jit.call(a, "mismatch", {i32(0)}).trap);
}

// Guard pages and explicit checks give the same traps; a store that straddles the end writes
// none of its bytes; the engine runs on after a fault.
TEST(JitX64Engine, GuardPagesAndExplicitChecksTrapAlike) {
  constexpr const char* kModule = R"((module
    (memory 1) (memory $m 1)
    (func (export "load") (param i32) (result i32) (i32.load16_u $m offset=7 (local.get 0)))
    (func (export "store") (param i32) (i64.store $m (local.get 0) (i64.const 0x1122334455667788)))
    (func (export "far") (param i32) (result i32) (i32.load8_u $m offset=4294967295 (local.get 0)))
    (func (export "peek") (param i32) (result i32) (i32.load8_u $m (local.get 0)))))";
  for (auto bounds : {jit::JitOptions::Bounds::GuardPages, jit::JitOptions::Bounds::Explicit}) {
    SCOPED_TRACE(bounds == jit::JitOptions::Bounds::GuardPages ? "guard pages" : "explicit");
    JitWorld w({bounds});
    Instance* inst = w.must_instantiate(kModule);
    EXPECT_EQ(w.stats().compiled, 4u);
    if (bounds == jit::JitOptions::Bounds::GuardPages) {
      EXPECT_NE(w.engine->description().find("guard-page"), std::string::npos);
      if (!inst->memories[1]->guarded()) GTEST_SKIP() << "this host gave memory 1 no guard region";
    }
    struct Case {
      const char* name;
      uint32_t arg;
      MemoryAccess::Kind kind;
      uint64_t address, size;
    };
    for (const Case& c : {Case{"load", 65529, MemoryAccess::Kind::Read, 65536, 2},
                          Case{"store", 65532, MemoryAccess::Kind::Write, 65532, 8},
                          Case{"far", 0xffffffffu, MemoryAccess::Kind::Read, 0x1fffffffeull, 1}}) {
      CallResult r = w.call(inst, c.name, {i32(c.arg)});
      ASSERT_TRUE(r.trap && r.trap->fault) << c.name;
      EXPECT_EQ(r.trap->code, TrapCode::MemoryOutOfBounds);
      EXPECT_EQ(r.trap->fault->memory, 1u);
      EXPECT_EQ(r.trap->fault->kind, c.kind);
      EXPECT_EQ(r.trap->fault->address, c.address) << c.name;
      EXPECT_EQ(r.trap->fault->size, c.size);
      EXPECT_EQ(r.trap->where.func, c.name == std::string("load") ? 0u : c.name == std::string("store") ? 1u : 2u);
    }
    for (uint32_t a = 65532; a < 65536; ++a) EXPECT_EQ(w.call_value(inst, "peek", {i32(a)}), 0u) << a;
    EXPECT_EQ(w.call_value(inst, "load", {i32(65527)}), 0u);  // the last two bytes: in bounds
  }
}

TEST(JitX64Engine, CallsGoEveryWay) {
  JitWorld w;
  int host_calls = 0;
  FuncInstance* twice = nullptr;
  FuncInstance* host = w.store.add_host_func(
      FuncType{{ValType::I32}, {ValType::I32}},
      [&](std::span<const WasmValue> args, std::span<WasmValue> results) -> std::optional<std::string> {
        ++host_calls;
        if (args[0].bits == 99) return std::string("host says no");
        // Back into compiled code from the host, one level deeper.
        CallResult r = w.engine->call(*twice, std::vector<WasmValue>{args[0]});
        if (r.trap) return r.trap->message;
        results[0].bits = r.values[0].bits + 1;
        return std::nullopt;
      },
      "env.host");
  Result<Instance*> env = w.store.add_instance();
  ASSERT_TRUE(env);
  (*env)->exports["host"] = ExternVal{ExternKind::Func, host, nullptr, nullptr, nullptr};
  w.registered["env"] = *env;
  Instance* lib = w.must_instantiate(R"((module
    (memory (export "mem") 1)
    (func (export "twice") (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1)))
    (func (export "float") (param i32) (result i32)  ;; v128: not compiled, the interpreter runs it
      (i32.shr_u (i32x4.extract_lane 0 (i32x4.mul (i32x4.splat (local.get 0)) (i32x4.splat (i32.const 3))))
                 (i32.const 1)))))");
  twice = lib->find_export("twice")->func;
  w.registered["lib"] = lib;
  Instance* app = w.must_instantiate(R"((module
    (import "env" "host" (func $host (param i32) (result i32)))
    (import "lib" "twice" (func $twice (param i32) (result i32)))
    (import "lib" "float" (func $float (param i32) (result i32)))
    (import "lib" "mem" (memory 1))
    (table funcref (elem $twice $float $host))
    (type $t (func (param i32) (result i32)))
    (func (export "all") (param i32) (result i32)
      (i32.store (i32.const 8) (call $twice (local.get 0)))
      (i32.add (i32.add (call $float (local.get 0)) (call $host (local.get 0)))
               (i32.add (call_indirect (type $t) (local.get 0) (i32.const 1))
                        (i32.load (i32.const 8)))))
    (func (export "host_trap") (result i32) (call $host (i32.const 99)))))");
  EXPECT_EQ(w.stats().interpreted, 1u);  // lib's "float"
  EXPECT_EQ(w.stats().stopped_at.count("i32x4.splat"), 1u);
  // twice 10 = 20 (stored in lib's memory), float 10 = 15, host 10 = twice 10 + 1 = 21,
  // call_indirect float 10 = 15, load = 20.
  EXPECT_EQ(w.call_value(app, "all", {i32(10)}), 15u + 21u + 15u + 20u);
  EXPECT_EQ(lib->memories[0]->data[8], 20);
  EXPECT_EQ(host_calls, 1);
  CallResult r = w.call(app, "host_trap");
  ASSERT_TRUE(r.trap);
  EXPECT_EQ(r.trap->message, "host says no");
  EXPECT_EQ(r.trap->where.instance, app);
  EXPECT_EQ(w.call_value(app, "all", {i32(1)}), 1u + 3u + 1u + 2u);
}

TEST(JitX64Engine, DebuggableInstancesStayInTheInterpreter) {
  JitWorld w;
  w.must_instantiate("(module (func (export \"f\") (result i32) (i32.const 1)))", InstantiateOptions{true});
  EXPECT_EQ(w.stats().compiled, 0u);
}

// Compiled code charges fuel where the interpreter's translation does: the same fuel is left
// after a call, and an endless loop runs out at the same instruction with the same fuel left.
TEST(JitX64Engine, FuelIsChargedAsTheInterpreterChargesIt) {
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
  EXPECT_LT(*jit.store.fuel(), 100000u);
  CallResult j = jit.call(a, "spin"), i = interp.call(b, "spin");
  ASSERT_TRUE(j.trap && i.trap);
  EXPECT_EQ(j.trap->code, TrapCode::OutOfFuel);
  EXPECT_EQ(j.trap->where.instr, i.trap->where.instr);
  EXPECT_EQ(*jit.store.fuel(), *interp.store.fuel());
  jit.store.set_fuel(1000);  // refilled, the instance runs again
  EXPECT_EQ(jit.call_value(a, "sum", {i32(3)}), 3u);
}

}  // namespace
}  // namespace mnemo
