// tests/native/jit_x64_engine_test.cpp: the x86-64 JIT behind the Engine seam: what it compiles
// runs as the interpreter runs it, traps carry the same values, calls go every way (compiled,
// interpreted, host, another instance, through tables), and the engine stays usable after a trap.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/engines/make_engine.h"
#include "core/jit/jit.h"
#include "core/script/load.h"
#include "core/vm/code.h"
#include "core/script/vm_executor.h"
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
    (elem (i32.const 0) $f $again)
    (func $f (result i32) (i32.const 1))
    (type $r (func (param i32) (result i32)))
    (func $again (export "deep_indirect") (param i32) (result i32)
      (i32.add (i32.const 2) (call_indirect (type $r) (local.get 0) (i32.const 1))))
    (func $ping (export "ping") (param i32) (result i32) (nop) (call $pong (local.get 0)))
    (func $pong (param i32) (result i32) (i32.sub (call $ping (local.get 0)) (i32.const 1)))
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
      {"deep_indirect", {i32(0)}}, {"ping", {i32(0)}},
  };
  for (const Call& c : calls) {
    SCOPED_TRACE(c.name);
    CallResult j = jit.call(a, c.name, c.args), i = interp.call(b, c.name, c.args);
    ASSERT_TRUE(j.trap && i.trap);
    EXPECT_EQ(j.trap->code, i.trap->code);
    EXPECT_EQ(j.trap->message, i.trap->message);
    EXPECT_EQ(j.trap->where.func, i.trap->where.func);
    EXPECT_EQ(j.trap->where.instr, i.trap->where.instr);  // a stack exhausted names the call
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
    (func (export "twice") (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1)))))");
  twice = lib->find_export("twice")->func;
  w.registered["lib"] = lib;
  // A debuggable instance: not compiled, the interpreter runs it.
  Instance* slow = w.must_instantiate(R"((module
    (func (export "float") (param i32) (result i32)
      (i32.shr_u (i32x4.extract_lane 0 (i32x4.mul (i32x4.splat (local.get 0)) (i32x4.splat (i32.const 3))))
                 (i32.const 1)))))", InstantiateOptions{.debuggable = true});
  w.registered["slow"] = slow;
  Instance* app = w.must_instantiate(R"((module
    (import "env" "host" (func $host (param i32) (result i32)))
    (import "lib" "twice" (func $twice (param i32) (result i32)))
    (import "slow" "float" (func $float (param i32) (result i32)))
    (import "lib" "mem" (memory 1))
    (table funcref (elem $twice $float $host))
    (type $t (func (param i32) (result i32)))
    (func (export "all") (param i32) (result i32)
      (i32.store (i32.const 8) (call $twice (local.get 0)))
      (i32.add (i32.add (call $float (local.get 0)) (call $host (local.get 0)))
               (i32.add (call_indirect (type $t) (local.get 0) (i32.const 1))
                        (i32.load (i32.const 8)))))
    (func (export "host_trap") (result i32) (call $host (i32.const 99)))))");
  EXPECT_EQ(w.stats().compiled, 3u);  // lib's "twice", app's two
  EXPECT_EQ(w.stats().interpreted, 0u);
  EXPECT_FALSE(slow->funcs[0]->native);
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

// Interpreted code (a debuggable instance) calling a function of an instance compiled whole, which
// has no translation to enter: a trap that says so, directly and through a table, and the engine
// goes on working (it used to jump to a null entry).
TEST(JitX64Engine, InterpretedCodeCallingMachineCodeOnlyTrapsAndTheEngineGoesOn) {
  JitWorld w;
  Instance* lib = w.must_instantiate(R"((module
    (func (export "twice") (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1)))))");
  ASSERT_TRUE(lib->funcs[0]->native);
  w.registered["lib"] = lib;
  Instance* slow = w.must_instantiate(R"((module
    (import "lib" "twice" (func $twice (param i32) (result i32)))
    (table funcref (elem $twice))
    (type $t (func (param i32) (result i32)))
    (func (export "direct") (param i32) (result i32) (call $twice (local.get 0)))
    (func (export "indirect") (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0)))))",
                                      InstantiateOptions{.debuggable = true});
  for (const char* name : {"direct", "indirect"}) {
    CallResult r = w.call(slow, name, {i32(5)});
    ASSERT_TRUE(r.trap) << name;
    EXPECT_EQ(r.trap->code, TrapCode::MachineCodeOnly) << name;
    EXPECT_NE(r.trap->message.find("machine code only"), std::string::npos) << r.trap->message;
  }
  EXPECT_EQ(w.call_value(lib, "twice", {i32(5)}), 10u);
}

// ---- v128 ------------------------------------------------------------------------------------

WasmValue scalar(ValType t, uint64_t bits) {
  WasmValue w;
  w.type = t;
  w.bits = t == ValType::I32 || t == ValType::F32 ? uint32_t(bits) : bits;
  return w;
}
const char* type_name(SigType t) {
  switch (t) {
    case SigType::I32: return "i32";
    case SigType::I64: return "i64";
    case SigType::F32: return "f32";
    case SigType::F64: return "f64";
    default: return "v128";
  }
}
ValType val_type(SigType t) {
  switch (t) {
    case SigType::I32: return ValType::I32;
    case SigType::I64: return ValType::I64;
    case SigType::F32: return ValType::F32;
    case SigType::F64: return ValType::F64;
    default: return ValType::V128;
  }
}
uint64_t half(const WasmValue& v, int i) {
  uint64_t h;
  std::memcpy(&h, v.v128.bytes.data() + 8 * i, 8);
  return h;
}

// The same value, or for float lanes (`float_lanes`: 4 or 2) NaN where the other has NaN: the
// spec leaves a NaN result's payload open, and the two engines may pick differently.
bool same_result(const WasmValue& a, const WasmValue& b, int float_lanes) {
  if (a.type != ValType::V128) return a.bits == b.bits;
  if (a.v128 == b.v128) return true;
  if (float_lanes == 0) return false;
  const int size = 16 / float_lanes;
  for (int i = 0; i < float_lanes; ++i) {
    uint64_t x = 0, y = 0;
    std::memcpy(&x, a.v128.bytes.data() + i * size, size);
    std::memcpy(&y, b.v128.bytes.data() + i * size, size);
    const uint64_t exp = size == 4 ? 0x7f800000ull : 0x7ff0000000000000ull;
    const uint64_t sign = size == 4 ? 0x80000000ull : 0x8000000000000000ull;
    const bool x_nan = (x & ~sign) > exp, y_nan = (y & ~sign) > exp;
    if (x != y && !(x_nan && y_nan)) return false;
  }
  return true;
}

// Every v128 instruction without a memory operand (as core/opcodes.def lists them), compiled,
// run on edge values of every lane shape and on pseudo-random ones, against the interpreter.
TEST(JitX64Engine, EveryV128InstructionRunsAsTheInterpreterRunsIt) {
  std::string wat = "(module\n";
  struct Op {
    Opcode op;
    std::string name;  // the export
    uint32_t lane = 0;
  };
  std::vector<Op> ops;
  for (uint32_t i = 0; i < kOpcodeCount; ++i) {
    const OpcodeInfo& inf = kOpcodeInfo[i];
    if (inf.prefix != 0xFD || inf.imm == ImmKind::MemArg || inf.imm == ImmKind::MemArgLane || inf.imm == ImmKind::V128)
      continue;
    std::vector<uint32_t> lanes{0};
    if (inf.imm == ImmKind::Lane) {  // the first, the last and one between (for two lanes: both)
      lanes = {0, (1u << inf.align) - 1};
      if (inf.align > 1) lanes.push_back((1u << inf.align) / 2 - 1);
    }
    if (inf.imm == ImmKind::Shuffle) lanes = {0, 1, 2, 3};  // shuffle patterns, below
    for (uint32_t lane : lanes) {
      const std::string name = std::string(inf.text) + "/" + std::to_string(lane);
      std::string params, body;
      for (uint32_t p = 0; p < inf.param_count(); ++p) {
        params += std::string(" ") + type_name(inf.params[p]);
        body += " (local.get " + std::to_string(p) + ")";
      }
      std::string imm;
      if (inf.imm == ImmKind::Lane) imm = " " + std::to_string(lane);
      if (inf.imm == ImmKind::Shuffle) {
        static const char* const kPatterns[] = {
            "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15", "16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31",
            "31 0 30 1 29 2 28 3 27 4 26 5 25 6 24 7", "7 7 7 7 16 16 16 16 3 19 15 31 0 0 1 17"};
        imm = std::string(" ") + kPatterns[lane];
      }
      wat += "  (func (export \"" + name + "\") (param" + params + ") (result " + type_name(inf.result) + ") (" +
             std::string(inf.text) + imm + body + "))\n";
      ops.push_back({Opcode(i), name, lane});
    }
  }
  wat += ")";
  JitWorld jit;
  testing::World interp;
  Instance* a = jit.must_instantiate(wat);
  Instance* b = interp.must_instantiate(wat);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(jit.stats().interpreted, 0u);
  EXPECT_EQ(jit.stats().compiled, ops.size());

  // Lane patterns: edges of each shape, float specials (NaNs quiet and signalling, zeros of both
  // signs, infinities, the truncation bounds), then pseudo-random vectors.
  std::vector<WasmValue> vectors = {
      v128(0, 0), v128(~0ull, ~0ull), v128(0x8080808080808080ull, 0x7f7f7f7f7f7f7f7full),
      v128(0x8000800080007fffull, 0x0001ffff7fff8000ull), v128(0x800000007fffffffull, 0xffffffff00000001ull),
      v128(0x8000000000000000ull, 0x7fffffffffffffffull), v128(0x0102030405060708ull, 0x1f10ff80e0f01122ull),
      v128(0x7fc000007fa00000ull, 0x80000000ffc00001ull),   // f32: NaN, sNaN | -0, -NaN
      v128(0x7f800000ff800000ull, 0x4f0000004f800000ull),   // f32: inf, -inf | 2^31, 2^32
      v128(0xcf000000cf000001ull, 0x3fc00000c0200000ull),   // f32: -2^31, below | 1.5, -2.5
      v128(0x4f7fffff3f000000ull, 0xbf0000004effffffull),   // f32: max below 2^32, 0.5 | -0.5, max below 2^31
      v128(0x7ff8000000000000ull, 0x7ff4000000000000ull),   // f64: NaN | sNaN
      v128(0x8000000000000000ull, 0xfff8000000000001ull),   // f64: -0 | -NaN
      v128(0x41dfffffffc00000ull, 0xc1e0000000200000ull),   // f64: INT32_MAX | just below INT32_MIN
      v128(0x41efffffffe00000ull, 0x41f0000000000000ull),   // f64: UINT32_MAX | 2^32
      v128(0x4004000000000000ull, 0xc002000000000000ull),   // f64: 2.5 | -2.25
  };
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  auto next = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  for (int i = 0; i < 8; ++i) vectors.push_back(v128(next(), next()));
  const uint64_t scalars[] = {0, 1, 7, 8, 15, 16, 31, 33, 63, 64, 65, 0x80, 0xffff, 0x7fffffff, 0x80000000,
                              0xffffffff, 0x7fc00000, 0xff800000, 0x8000000000000000ull, 0x7ff4000000000000ull,
                              0x123456789abcdef0ull};

  size_t calls = 0;
  for (const Op& o : ops) {
    const OpcodeInfo& inf = info(o.op);
    const std::string text(inf.text);
    const int float_lanes = inf.result != SigType::V128 ? 0
                            : text.rfind("f32x4.", 0) == 0 ? 4
                            : text.rfind("f64x2.", 0) == 0 ? 2 : 0;
    // Operand lists: each vector with each other for two vectors (and a third one rotating in),
    // each vector with each scalar.
    std::vector<std::vector<WasmValue>> arg_lists;
    const uint32_t n = inf.param_count();
    if (n == 1 && inf.params[0] != SigType::V128) {
      for (uint64_t x : scalars) arg_lists.push_back({scalar(val_type(inf.params[0]), x)});
    } else if (n == 1) {
      for (const WasmValue& v : vectors) arg_lists.push_back({v});
    } else if (inf.params[1] != SigType::V128) {
      for (const WasmValue& v : vectors)
        for (uint64_t x : scalars) arg_lists.push_back({v, scalar(val_type(inf.params[1]), x)});
    } else {
      for (size_t i = 0; i < vectors.size(); ++i)
        for (size_t j = 0; j < vectors.size(); ++j) {
          if (n == 2) {
            arg_lists.push_back({vectors[i], vectors[j]});
          } else {
            arg_lists.push_back({vectors[i], vectors[j], vectors[(i + j) % vectors.size()]});
          }
        }
    }
    for (const std::vector<WasmValue>& args : arg_lists) {
      CallResult j = jit.call(a, o.name, args), i = interp.call(b, o.name, args);
      ASSERT_FALSE(j.trap || i.trap) << o.name;
      ASSERT_EQ(j.values.size(), 1u);
      ++calls;
      if (!same_result(j.values[0], i.values[0], float_lanes)) {
        std::string operands;
        for (const WasmValue& v : args) {
          char buf[64];
          if (v.type == ValType::V128) std::snprintf(buf, sizeof buf, " %016llx:%016llx", (unsigned long long)half(v, 1), (unsigned long long)half(v, 0));
          else std::snprintf(buf, sizeof buf, " %llx", (unsigned long long)v.bits);
          operands += buf;
        }
        ADD_FAILURE() << o.name << operands << ": jit " << std::hex << half(j.values[0], 1) << ":" << half(j.values[0], 0)
                      << " / " << j.values[0].bits << ", interpreter " << half(i.values[0], 1) << ":"
                      << half(i.values[0], 0) << " / " << i.values[0].bits;
      }
    }
  }
  EXPECT_GT(calls, 10000u);
}

// v128 values through every way they travel: parameters, locals, results (one function to
// another, and out of the engine), select, globals, block parameters, a call_indirect, and a
// call of a function the interpreter runs (with a v128 parameter and result).
TEST(JitX64Engine, V128ValuesTravelEveryWay) {
  constexpr const char* kSlow = R"((module
    (func (export "neg") (param i32 v128) (result v128 i32)
      (i32x4.neg (local.get 1)) (i32.add (local.get 0) (i32.const 1)))))";
  constexpr const char* kModule = R"((module
    (import "slow" "neg" (func $neg (param i32 v128) (result v128 i32)))
    (global $g (mut v128) (v128.const i32x4 1 2 3 4))
    (table 2 funcref)
    (elem (i32.const 0) $swap)
    (type $t (func (param v128 i32 v128) (result v128 v128)))
    (func $swap (param v128 i32 v128) (result v128 v128) (local.get 2) (local.get 0))
    (func (export "run") (param $a v128) (param $b v128) (param $c i32) (result v128) (local $l v128)
      (local.set $l (select (local.get $a) (local.get $b) (local.get $c)))
      (global.set $g (i32x4.add (global.get $g) (local.get $l)))
      (call_indirect (type $t) (local.get $l) (i32.const 9) (global.get $g) (i32.const 0))
      (block (param v128 v128) (result v128) (v128.xor) (br 0))
      (call $neg (i32.const 5) (local.get $a))  ;; the interpreter's
      (drop)
      (i64x2.add)
      (i64x2.add (local.get $a)))
    (func $deep (export "deep") (param v128) (param i32) (result v128)
      (if (result v128) (i32.eqz (local.get 1)) (then (local.get 0))
        (else (call $deep (i8x16.add (local.get 0) (local.get 0)) (i32.sub (local.get 1) (i32.const 1))))))))";
  JitWorld jit;
  testing::World interp;
  jit.registered["slow"] = jit.must_instantiate(kSlow, InstantiateOptions{.debuggable = true});  // debuggable: interpreted
  interp.registered["slow"] = interp.must_instantiate(kSlow);
  Instance* a = jit.must_instantiate(kModule);
  Instance* b = interp.must_instantiate(kModule);
  EXPECT_EQ(jit.stats().interpreted, 0u);
  EXPECT_EQ(jit.stats().compiled, 3u);
  for (uint32_t c : {0u, 1u}) {
    const std::vector<WasmValue> args{v128(0x1111222233334444ull, 0x5555666677778888ull),
                                      v128(0x0123456789abcdefull, 0xfedcba9876543210ull), i32(c)};
    CallResult j = jit.call(a, "run", args), i = interp.call(b, "run", args);
    ASSERT_FALSE(j.trap || i.trap);
    EXPECT_EQ(j.values[0].v128, i.values[0].v128) << c;
  }
  const std::vector<WasmValue> args{v128(0x0102030405060708ull, 0x090a0b0c0d0e0f10ull), i32(3)};
  CallResult j = jit.call(a, "deep", args), i = interp.call(b, "deep", args);
  EXPECT_EQ(j.values[0].v128, i.values[0].v128);
  EXPECT_EQ(half(j.values[0], 0), 0x0810182028303840ull);
}

// v128 loads and stores trap as the interpreter's do, on memory 1: address, size (the access's,
// 16 for a whole vector, the lane's for lanes), kind and instruction; with guard pages and with
// explicit checks; a vector store straddling the end writes none of its bytes.
TEST(JitX64Engine, V128AccessesTrapWithTheInterpretersFaults) {
  constexpr const char* kModule = R"((module
    (memory 1) (memory $m 1)
    (func (export "load") (param i32) (result v128) (v128.load $m offset=3 (local.get 0)))
    (func (export "store") (param i32) (v128.store $m (local.get 0) (v128.const i64x2 -1 -1)))
    (func (export "extend") (param i32) (result v128) (v128.load16x4_s $m (local.get 0)))
    (func (export "splat") (param i32) (result v128) (v128.load16_splat $m offset=1 (local.get 0)))
    (func (export "zero") (param i32) (result v128) (v128.load32_zero $m (local.get 0)))
    (func (export "load_lane") (param i32) (result v128) (v128.load64_lane $m 1 (local.get 0) (v128.const i64x2 0 0)))
    (func (export "store_lane") (param i32) (v128.store8_lane $m offset=4294967295 15 (local.get 0) (v128.const i64x2 0 0)))
    (func (export "peek") (param i32) (result i32) (i32.load8_u $m (local.get 0)))))";
  struct Case {
    const char* name;
    uint32_t arg;
    MemoryAccess::Kind kind;
    uint64_t address, size;
  };
  const Case cases[] = {
      {"load", 65520, MemoryAccess::Kind::Read, 65523, 16},
      {"load", 0xffffffffu, MemoryAccess::Kind::Read, 0x100000002ull, 16},
      {"store", 65521, MemoryAccess::Kind::Write, 65521, 16},
      {"extend", 65529, MemoryAccess::Kind::Read, 65529, 8},
      {"splat", 65534, MemoryAccess::Kind::Read, 65535, 2},
      {"zero", 65533, MemoryAccess::Kind::Read, 65533, 4},
      {"load_lane", 65536, MemoryAccess::Kind::Read, 65536, 8},
      {"store_lane", 1, MemoryAccess::Kind::Write, 0x100000000ull, 1},
  };
  testing::World interp;
  Instance* b = interp.must_instantiate(kModule);
  for (auto bounds : {jit::JitOptions::Bounds::GuardPages, jit::JitOptions::Bounds::Explicit}) {
    SCOPED_TRACE(bounds == jit::JitOptions::Bounds::GuardPages ? "guard pages" : "explicit");
    JitWorld w({bounds});
    Instance* a = w.must_instantiate(kModule);
    EXPECT_EQ(w.stats().interpreted, 0u);
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      CallResult j = w.call(a, c.name, {i32(c.arg)}), i = interp.call(b, c.name, {i32(c.arg)});
      ASSERT_TRUE(j.trap && j.trap->fault && i.trap && i.trap->fault);
      EXPECT_EQ(j.trap->code, TrapCode::MemoryOutOfBounds);
      EXPECT_EQ(j.trap->message, i.trap->message);
      EXPECT_EQ(j.trap->fault->memory, 1u);
      EXPECT_EQ(j.trap->fault->kind, c.kind);
      EXPECT_EQ(j.trap->fault->address, c.address);
      EXPECT_EQ(j.trap->fault->size, c.size);
      EXPECT_EQ(j.trap->fault->kind, i.trap->fault->kind);
      EXPECT_EQ(j.trap->fault->address, i.trap->fault->address);
      EXPECT_EQ(j.trap->fault->size, i.trap->fault->size);
      EXPECT_EQ(j.trap->where.func, i.trap->where.func);
      EXPECT_EQ(j.trap->where.instr, i.trap->where.instr);
    }
    for (uint32_t at = 65521; at < 65536; ++at) EXPECT_EQ(w.call_value(a, "peek", {i32(at)}), 0u) << at;
    // In bounds, the last bytes: the engine runs on after every fault.
    EXPECT_FALSE(w.call(a, "store", {i32(65520)}).trap);
    EXPECT_EQ(w.call_value(a, "peek", {i32(65535)}), 0xffu);
    CallResult r = w.call(a, "load", {i32(65517)});
    ASSERT_FALSE(r.trap);
    EXPECT_EQ(half(r.values[0], 1), ~0ull);
  }
}

// Every function of every module of the spec's core/simd suite gets machine code: the suite's
// counts through --engine=jit (tests/CMakeLists.txt) would pass as well if the compiler left
// v128 to the interpreter.
TEST(JitX64Engine, CompilesEveryFunctionOfTheSimdSuite) {
  const std::filesystem::path dir = MNEMO_TESTSUITE_DIR "/core/simd";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no spec suite at " << dir;
  uint32_t modules = 0, unlinked = 0, compiled = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".wast") continue;
    SCOPED_TRACE(entry.path().filename().string());
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    Result<Script> script = parse_wast(text.str());
    ASSERT_TRUE(script.ok());
    JitWorld w;
    w.registered["spectest"] = make_spectest(w.store);
    Instance* last = nullptr;
    auto resolve = [&w](std::string_view mod, std::string_view name) -> std::optional<ExternVal> {
      auto it = w.registered.find(mod);
      if (it == w.registered.end()) return std::nullopt;
      return it->second->find_export(name);
    };
    for (const Command& c : script->commands) {
      if (c.kind == CommandKind::Register && last) w.registered[c.name] = last;
      if (c.kind != CommandKind::Module || !c.module || c.module->definition) continue;
      CheckedModule m = check_script_module(*script, *c.module);
      if (m.stage != CheckedModule::Stage::Valid) continue;
      ++modules;
      InstantiateResult r = w.engine->instantiate(std::make_shared<const Module>(std::move(m.module)), resolve, {});
      if (r.kind == InstantiateResult::Kind::Ok) last = r.instance;
      else ++unlinked;
    }
    EXPECT_EQ(w.stats().interpreted, 0u);
    for (const auto& [what, n] : w.stats().stopped_at) ADD_FAILURE() << n << " stopped at " << what;
    compiled += w.stats().compiled;
  }
  EXPECT_GT(modules, 400u);
  EXPECT_EQ(unlinked, 0u);
  EXPECT_GT(compiled, 1600u);
}

TEST(JitX64Engine, DebuggableInstancesStayInTheInterpreter) {
  JitWorld w;
  w.must_instantiate("(module (func (export \"f\") (result i32) (i32.const 1)))", InstantiateOptions{.debuggable = true});
  EXPECT_EQ(w.stats().compiled, 0u);
}

// An instance whose functions all compile is not translated for the interpreter at all: its start
// function runs as machine code (after the data segments, as the spec orders them), and a debug
// session on it is refused with a reason, not run on translations that do not exist.
TEST(JitX64Engine, AllCompiledInstancesRunTheirStartAsMachineCode) {
  constexpr const char* kModule = R"((module
    (memory 1)
    (data (i32.const 0) "\05")
    (global $g (mut i32) (i32.const 0))
    (func $start (global.set $g (i32.add (i32.load8_u (i32.const 0)) (i32.const 1))))
    (start $start)
    (func (export "g") (result i32) (global.get $g))))";
  JitWorld w;
  Instance* a = w.must_instantiate(kModule);
  ASSERT_TRUE(a);
  EXPECT_EQ(w.stats().compiled, 2u);
  EXPECT_EQ(w.stats().interpreted, 0u);
  EXPECT_EQ(w.call_value(a, "g"), 6u);
  EXPECT_EQ(vm::interp_code(*a->funcs[0]), nullptr);  // never translated
  std::string why;
  EXPECT_EQ(w.engine->start_session(*a, *a->funcs[1], {}, why), nullptr);
  EXPECT_NE(why.find("machine code"), std::string::npos) << why;
}

// A module big enough to be compiled on two threads (core/jit/compile_functions.h) gets the
// same machine code, laid out and linked the same, as on one: the functions' places in the block,
// their sizes and what they compute agree.
TEST(JitX64Engine, ABigModuleCompilesOnTwoThreadsAsOnOne) {
  std::ostringstream wat;
  wat << "(module (memory 1)\n";
  constexpr int kFuncs = 400;  // 60 instructions each: past the threshold for a second thread
  for (int f = 0; f < kFuncs; ++f) {
    wat << "(func $f" << f << " (export \"f" << f << "\") (param $x i32) (result i32) (local $a i32)\n"
        << "  (local.set $a (local.get $x))\n";
    for (int k = 0; k < 9; ++k)
      wat << "  (local.set $a (i32.add (i32.mul (local.get $a) (i32.const " << (2 * k + f) << ")) (i32.const " << k
          << ")))\n";
    wat << "  (i32.store (i32.const " << 4 * f << ") (local.get $a))\n";
    if (f == 0) wat << "  (local.get $a))\n";
    else wat << "  (i32.add (local.get $a) (call $f" << f - 1 << " (local.get $x))))\n";
  }
  wat << ")";
  jit::JitOptions two, one;
  one.compile_threads = 1;
  JitWorld a(two), b(one);
  Instance* ia = a.must_instantiate(wat.str());
  Instance* ib = b.must_instantiate(wat.str());
  ASSERT_TRUE(ia && ib);
  EXPECT_EQ(a.stats().compiled, uint32_t(kFuncs));
  EXPECT_EQ(a.stats().code_bytes, b.stats().code_bytes);
  EXPECT_EQ(a.stats().instructions, b.stats().instructions);
  const uint8_t* base_a = static_cast<const uint8_t*>(ia->funcs[0]->native);
  const uint8_t* base_b = static_cast<const uint8_t*>(ib->funcs[0]->native);
  for (int f = 0; f < kFuncs; ++f) {
    const auto* at_a = static_cast<const uint8_t*>(ia->funcs[f]->native);
    const auto* at_b = static_cast<const uint8_t*>(ib->funcs[f]->native);
    ASSERT_TRUE(at_a && at_b) << f;
    EXPECT_EQ(at_a - base_a, at_b - base_b) << "function " << f << " placed elsewhere";
  }
  for (uint64_t x : {0ull, 7ull, 123456ull})
    EXPECT_EQ(a.call_value(ia, "f" + std::to_string(kFuncs - 1), {i32(uint32_t(x))}),
              b.call_value(ib, "f" + std::to_string(kFuncs - 1), {i32(uint32_t(x))}));
}

// The register allocator's merge points, on shapes chosen to stress them: locals swapped around
// a loop (a cycle of register moves on the back edge), a local written before it is read at a
// loop's top (dead at the header) and read after the loop, more live values than registers
// (spills inside nested loops), if / else arms that leave locals in different places, br_table
// exits carrying a value, tee chains, and f64 locals beside i64 ones. Run against the interpreter
// on several inputs.
TEST(JitX64Engine, MergePointsKeepEveryLocalRight) {
  constexpr const char* kModule = R"((module
    (memory 1)
    (func (export "swap") (param i32) (result i64) (local i64 i64 i64)
      (local.set 1 (i64.const 1)) (local.set 2 (i64.const 2)) (local.set 3 (i64.const 3))
      (loop $l
        (local.set 1 (i64.add (local.get 2) (local.get 3)))
        (local.set 2 (local.get 3))
        (local.set 3 (local.get 1))
        ;; a swap through the stack: the two locals trade registers, so the back edge moves them
        ;; in a cycle
        (local.get 2) (local.get 3) (local.set 2) (local.set 3)
        (local.set 3 (i64.add (local.get 3) (i64.const 1)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i64.add (i64.mul (local.get 1) (i64.const 1000003)) (i64.xor (local.get 2) (local.get 3))))
    (func (export "dead_at_top") (param i32) (result i32) (local i32 i32)
      (loop $l
        (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
        (local.set 2 (i32.add (local.get 2) (local.get 1)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i32.add (local.get 1) (local.get 2)))
    (func (export "pressure") (param i32) (result i32)
      (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
      (local.set 1 (i32.const 1)) (local.set 2 (i32.const 2)) (local.set 3 (i32.const 3))
      (local.set 4 (i32.const 4)) (local.set 5 (i32.const 5)) (local.set 6 (i32.const 6))
      (local.set 7 (i32.const 7)) (local.set 8 (i32.const 8)) (local.set 9 (i32.const 9))
      (local.set 10 (i32.const 10)) (local.set 11 (i32.const 11)) (local.set 12 (i32.const 12))
      (loop $outer
        (local.set 13 (i32.const 4))
        (loop $inner
          (local.set 1 (i32.add (local.get 1) (local.get 12)))
          (local.set 2 (i32.xor (local.get 2) (local.get 1)))
          (local.set 3 (i32.add (local.get 3) (i32.rotl (local.get 2) (local.get 4))))
          (local.set 5 (i32.sub (local.get 5) (local.get 3)))
          (local.set 6 (i32.add (local.get 6) (i32.mul (local.get 5) (local.get 7))))
          (local.set 8 (i32.xor (local.get 8) (local.get 6)))
          (local.set 9 (i32.add (local.get 9) (i32.shr_u (local.get 8) (i32.const 3))))
          (local.set 10 (i32.add (local.get 10) (local.get 9)))
          (local.set 11 (i32.xor (local.get 11) (i32.add (local.get 10) (local.get 1))))
          (i32.store (i32.and (local.get 11) (i32.const 0xfffc)) (local.get 2))
          (local.set 12 (i32.add (local.get 12) (i32.load (i32.and (local.get 3) (i32.const 0xfffc)))))
          (br_if $inner (local.tee 13 (i32.sub (local.get 13) (i32.const 1)))))
        (local.set 4 (i32.add (local.get 4) (i32.const 1)))
        (br_if $outer (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i32.add (i32.add (i32.add (local.get 1) (local.get 2)) (i32.add (local.get 3) (local.get 5)))
               (i32.add (i32.add (local.get 6) (local.get 8)) (i32.add (local.get 11) (local.get 12)))))
    (func (export "arms") (param i32) (result f64) (local i64 f64 i32)
      (local.set 2 (f64.const 1.5))
      (loop $l
        (if (i32.and (local.get 0) (i32.const 1))
          (then (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
                (local.set 2 (f64.mul (local.get 2) (f64.const 1.25))))
          (else (local.set 3 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))
                (local.set 2 (f64.add (local.get 2) (f64.convert_i32_s (local.get 3))))))
        (br_if $l (i32.gt_s (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 0))))
      (f64.add (local.get 2) (f64.convert_i64_s (local.get 1))))
    (func (export "exits") (param i32) (result i32) (local i32)
      (block $a (result i32)
        (block $b (result i32)
          (block $c (result i32)
            (local.set 1 (i32.mul (local.get 0) (i32.const 7)))
            (br_table $a $b $c (local.get 1) (i32.rem_u (local.get 0) (i32.const 3))))
          (return (i32.add (local.get 1) (i32.const 100))))
        (return (i32.sub (local.get 1) (i32.const 100)))))))";
  JitWorld jit;
  testing::World interp;
  Instance* a = jit.must_instantiate(kModule);
  Instance* b = interp.must_instantiate(kModule);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(jit.stats().interpreted, 0u);
  for (uint32_t n : {1u, 2u, 3u, 7u, 50u, 1001u}) {
    SCOPED_TRACE(n);
    for (const char* f : {"swap", "dead_at_top", "pressure", "arms", "exits"})
      EXPECT_EQ(jit.call_value(a, f, {i32(n)}), interp.call_value(b, f, {i32(n)})) << f;
  }
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
