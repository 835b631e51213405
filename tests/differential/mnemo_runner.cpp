// tests/differential/mnemo_runner.cpp: see mnemo_runner.h.
#include "tests/differential/mnemo_runner.h"

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include "core/binary/reader.h"
#include "core/validate/validate.h"
#include "core/engines/make_engine.h"
#if MNEMO_JIT
#include "core/jit/jit.h"
#endif
#include "core/vm/vm.h"
#include "tests/generate/memory_hash.h"

namespace mnemo::diff {

namespace {

// The one place that instantiates.
InstantiateResult instantiate_with_fresh_memories(Engine& engine, std::shared_ptr<const Module> shared) {
  Store& store = engine.store();
  const Module& module = *shared;
  std::map<std::string, MemoryInstance*, std::less<>> made;
  auto resolve = [&](std::string_view mod, std::string_view name) -> std::optional<ExternVal> {
    for (const Import& imp : module.imports) {
      if (imp.module != mod || imp.name != name || imp.kind != ExternKind::Memory) continue;
      std::string key = std::string(mod) + "." + std::string(name);
      auto it = made.find(key);
      if (it == made.end()) {
        Result<MemoryInstance*> m = store.add_memory(imp.memory);
        if (!m) return std::nullopt;  // instantiation then reports the import as unknown
        it = made.emplace(key, *m).first;
      }
      ExternVal v;
      v.kind = ExternKind::Memory;
      v.memory = it->second;
      return v;
    }
    return std::nullopt;
  };
  return engine.instantiate(std::move(shared), resolve);
}

std::string format_result(const WasmValue& v, FloatFormat floats) {
  char buf[64];
  switch (v.type) {
    case ValType::I32: std::snprintf(buf, sizeof buf, "i32:%" PRIu32, uint32_t(v.bits)); return buf;
    case ValType::I64: std::snprintf(buf, sizeof buf, "i64:%" PRIu64, v.bits); return buf;
    case ValType::F32: return format_f32(uint32_t(v.bits), floats);
    case ValType::F64: return format_f64(v.bits, floats);
    default: return "unsupported-result-type:" + std::string(to_string(v.type));
  }
}

}  // namespace

RunCounts run_module_file(const std::string& path, FloatFormat floats, EngineKind engine_kind, std::ostream& out) {
  RunCounts counts;
  out << "module " << std::filesystem::path(path).filename().string() << "\n";
  // A folder opens as a stream on Linux, and reading it throws: it is asked for, not read.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    out << "error: not a file: " << path << "\n";
    ++counts.self_check_failures;
    return counts;
  }
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    out << "error: cannot read " << path << "\n";
    ++counts.self_check_failures;
    return counts;
  }
  Result<Module> decoded = decode_module(bytes);
  if (!decoded) {
    out << "error: malformed: " << decoded.error().str() << "\n";
    ++counts.self_check_failures;
    return counts;
  }
  auto module = std::make_shared<const Module>(std::move(decoded).value());
  if (Status valid = validate_module(*module); !valid) {
    out << "error: invalid: " << valid.error().str() << "\n";
    ++counts.self_check_failures;
    return counts;
  }
  Store store;
  std::string why_not;
  std::unique_ptr<Engine> engine = make_engine(engine_kind, store, why_not);
  if (!engine) {
    out << "error: " << why_not << "\n";
    ++counts.self_check_failures;
    return counts;
  }
  InstantiateResult inst = instantiate_with_fresh_memories(*engine, module);
  if (inst.kind != InstantiateResult::Kind::Ok) {
    out << "error: instantiation: " << inst.message << "\n";
    ++counts.self_check_failures;
    return counts;
  }
  std::map<uint32_t, uint64_t> wasm_hashes;  // memory index -> hash_mem<i>'s result
  for (const Export& e : module->exports) {
    if (e.kind != ExternKind::Func) continue;
    FuncInstance& f = *inst.instance->funcs[e.index];
    if (!f.type.params.empty()) continue;  // wasm-interp runs these with no arguments too; none are generated
    ++counts.exports;
    CallResult r = engine->call(f, {});
    out << e.name << ":";
    if (r.trap) {
      out << " trap:" << trap_category(r.trap->message);
    } else {
      for (const WasmValue& v : r.values) out << " " << format_result(v, floats);
      if (e.name.rfind("hash_mem", 0) == 0 && r.values.size() == 1 && r.values[0].type == ValType::I64)
        wasm_hashes[uint32_t(std::stoul(e.name.substr(8)))] = r.values[0].bits;
    }
    out << "\n";
  }
  for (uint32_t m = 0; m < inst.instance->memories.size(); ++m) {
    const MemoryInstance& mem = *inst.instance->memories[m];
    const uint64_t h = gen::memory_hash(mem.data, mem.size);
    char buf[96];
    std::snprintf(buf, sizeof buf, "mem%" PRIu32 ": pages=%" PRIu64 " hash=%" PRIu64 "\n", m, mem.pages(), h);
    out << buf;
    auto it = wasm_hashes.find(m);
    if (it != wasm_hashes.end() && it->second != h) {
      out << "self-check: memory " << m << " hashes to " << h << " natively but " << it->second << " in Wasm\n";
      ++counts.self_check_failures;
    }
  }
#if MNEMO_JIT
  if (const jit::JitStats* stats = jit::jit_stats(*engine)) {
    counts.jit_compiled = stats->compiled;
    counts.jit_interpreted = stats->interpreted;
    counts.jit_code_bytes = stats->code_bytes;
    counts.jit_instructions = stats->instructions;
    counts.jit_stopped_at = stats->stopped_at;
  }
#endif
  return counts;
}

}  // namespace mnemo::diff
