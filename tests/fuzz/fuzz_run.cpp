// tests/fuzz/fuzz_run.cpp: libFuzzer entry point for the engines. Input that decodes and
// validates is instantiated (every import satisfied: any_import.h) and every exported function is
// called in export order, with zero arguments (each parameter 0, +0.0 or null), as one instance
// whose state carries from call to call. Instantiation and each call get a budget of instructions
// (fuel) and all memories together a budget of bytes, so that any module finishes quickly and
// small: a guest's infinite loop traps "out of fuel", a guest's huge memory fails to instantiate
// or to grow. Traps and failed instantiations are fine; a crash, a sanitizer report, a hang or a
// call that returns values not of its declared result types is a finding. Where the build has the
// JIT, the input runs again on it, and any difference from the interpreter (a result's bits, NaN
// payloads aside, a trap, the fuel left, a memory's bytes) is a finding too.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <memory>
#include <span>
#include <vector>

#include "any_import.h"
#include "core/binary/reader.h"
#include "core/engines/make_engine.h"
#include "core/runtime/limits.h"
#include "core/runtime/value.h"
#include "core/validate/validate.h"
#include "fuzz_check.h"

namespace {

using namespace mnemo;

// About 10 ms of interpretation under the sanitizers per call; libFuzzer's -timeout catches more.
constexpr uint64_t kFuelPerCall = 200'000;
// All memories of one input together: room for many memories of a few pages each, far below
// libFuzzer's -rss_limit_mb, so that memory.fill / memory.copy over all of it stays fast.
constexpr uint64_t kMemoryBytes = uint64_t(64) << 20;
// Tables are plain vectors (8 bytes an element): a few large ones would take gigabytes.
constexpr uint32_t kMaxTables = 32;

StoreLimits fuzz_limits() {
  StoreLimits limits = StoreLimits::defaults();
  limits.max_memory_bytes = kMemoryBytes;
  limits.max_memories = 256;
  limits.max_tables = kMaxTables;
  limits.max_instances = 16;
  return limits;
}

// What one engine made of the input, in words: the instantiation's outcome, then each call's
// trap (code and message) or result bits, then the fuel each left and every memory's size and
// hash. Two engines must write the same words.
using Outcome = std::vector<std::string>;

uint64_t hash_bytes(const uint8_t* p, uint64_t n) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (uint64_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

// Float bits with every NaN written as "nan": which NaN an operation returns is left open by
// the spec (4.3.3, NaN propagation), and engines choose differently (x86 returns the first
// operand's, a translation may have swapped the operands of a commutative one). A v128's lanes
// are unknown: a 64-bit half that is a NaN as an f64, else each 32-bit lane that is one as an f32.
std::string float_bits(ValType t, const uint64_t slots[2]) {
  auto nan64 = [](uint64_t b) { return (b & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (b & 0xfffffffffffffull); };
  auto nan32 = [](uint32_t b) { return (b & 0x7f800000u) == 0x7f800000u && (b & 0x7fffffu); };
  if (t == ValType::F32) return nan32(uint32_t(slots[0])) ? "nan" : std::to_string(slots[0]);
  if (t == ValType::F64) return nan64(slots[0]) ? "nan" : std::to_string(slots[0]);
  std::string out;
  for (int h = 0; h < 2; ++h) {
    if (h) out += ",";
    if (nan64(slots[h])) {
      out += "nan";
      continue;
    }
    const uint32_t lo = uint32_t(slots[h]), hi = uint32_t(slots[h] >> 32);
    out += (nan32(hi) ? "nan" : std::to_string(hi)) + ":" + (nan32(lo) ? "nan" : std::to_string(lo));
  }
  return out;
}

// A function reference by what it names, not where it lives: null, or its index in `instance`.
std::string funcref_name(const Instance& instance, uint64_t ref) {
  if (ref == 0) return "null";
  for (size_t i = 0; i < instance.funcs.size(); ++i)
    if (func_slot(instance.funcs[i]) == ref) return "func " + std::to_string(i);
  return "func of another instance";
}

void call_every_export(Engine& engine, const Module& module, Instance& instance, Outcome& out) {
  Store& store = engine.store();
  for (const Export& e : module.exports) {
    if (e.kind != ExternKind::Func) continue;
    FuncInstance& func = *instance.funcs[e.index];
    std::vector<WasmValue> args;
    for (ValType t : func.type.params) args.push_back(zero_value(t));
    store.set_fuel(kFuelPerCall);
    CallResult r = engine.call(func, args);
    std::string line = e.name + ":";
    if (r.trap) {
      fuzz::check(!r.trap->message.empty(), "a trap without a message");
      line += " trap " + std::to_string(int(r.trap->code)) + " " + r.trap->message;
    } else {
      fuzz::check(r.values.size() == func.type.results.size(), "a call returned the wrong number of values");
      for (size_t i = 0; i < r.values.size(); ++i) {
        fuzz::check(r.values[i].type == func.type.results[i], "a call returned a value of the wrong type");
        uint64_t slots[2] = {0, 0};
        value_to_slots(r.values[i], slots);
        if (r.values[i].type == ValType::FuncRef) {
          line += " " + funcref_name(instance, slots[0]);  // an address: each engine has its own store
        } else if (r.values[i].type == ValType::F32 || r.values[i].type == ValType::F64 ||
                   r.values[i].type == ValType::V128) {
          line += " " + float_bits(r.values[i].type, slots);
        } else {
          line += " " + std::to_string(slots[0]) + "," + std::to_string(slots[1]);
        }
      }
    }
    out.push_back(line + " fuel " + std::to_string(store.fuel().value_or(0)));
  }
  for (const MemoryInstance* m : instance.memories)
    out.push_back("memory " + std::to_string(m->size) + " " + std::to_string(hash_bytes(m->data, m->size)));
}

Outcome run_on(EngineKind kind, const std::shared_ptr<const Module>& module) {
  Outcome out;
  const StoreLimits limits = fuzz_limits();
  Store store(limits);
  std::string why_not;
  std::unique_ptr<Engine> engine = make_engine(kind, store, why_not);
  fuzz::check(engine != nullptr, why_not);
  store.set_fuel(kFuelPerCall);  // the start function's budget; metering applies to later instances
  fuzz::AnyImport imports(store, *module);
  InstantiateResult made =
      engine->instantiate(module, [&](std::string_view m, std::string_view n) { return imports(m, n); });
  if (made.kind != InstantiateResult::Kind::Ok) {
    fuzz::check(!made.message.empty(), "a failed instantiation without a message");
    out.push_back("instantiation " + std::to_string(int(made.kind)) + " " + made.message);
    return out;
  }
  call_every_export(*engine, *module, *made.instance, out);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Result<Module> decoded = decode_module(std::span<const uint8_t>(data, size));
  if (!decoded || !validate_module(*decoded)) return 0;
  auto module = std::make_shared<const Module>(std::move(*decoded));
  const Outcome interpreted = run_on(EngineKind::Interp, module);
#if MNEMO_JIT
  // The JIT on the same input, in a store of its own: every word must be the interpreter's.
  const Outcome compiled = run_on(EngineKind::Jit, module);
  if (compiled != interpreted) {
    for (size_t i = 0; i < std::max(compiled.size(), interpreted.size()); ++i)
      std::fprintf(stderr, "%s\n    interp: %s\n    jit:    %s\n", i < compiled.size() && i < interpreted.size() &&
                   compiled[i] == interpreted[i] ? "same" : "DIFFERENT",
                   i < interpreted.size() ? interpreted[i].c_str() : "-", i < compiled.size() ? compiled[i].c_str() : "-");
    fuzz::check(false, "the JIT and the interpreter disagree");
  }
#endif
  return 0;
}
