// cli/run_command.cpp: `mnemo run FILE --invoke NAME [ARGS...] [--time] [--fuel N] [--max-memory BYTES]`
// instantiates a .wasm or .wat module (imports may name the spec suite's `spectest` module), calls
// one exported function with arguments typed by its signature, and prints the results, one per
// line, or the trap. --fuel bounds the instructions run (start function included), --max-memory
// the bytes all memories may hold (core/runtime/limits.h). --time reports on stderr how long the
// call took, and before it decoding with validation, instantiation and, for the JIT, its compile
// step (bench/measure.mjs reads these lines).
#include <charconv>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "commands.h"
#include "core/bits.h"
#include "core/script/load.h"
#include "core/script/vm_executor.h"
#include "core/validate/validate.h"
#include "core/engines/make_engine.h"
#include "core/vm/vm.h"
#if MNEMO_JIT
#include "core/jit/jit.h"
#endif

namespace mnemo::cli {
namespace {

constexpr const char* kRunUsage =
    "usage: mnemo run FILE --invoke NAME [ARGS...] [--time] [--fuel N] [--max-memory BYTES]\n"
    "                [--engine=interp|jit]\n"
    "  ARGS: numbers typed by the export's parameters, optionally prefixed\n"
    "        (i32:5, i64:-1, f32:1.5, f64:nan, 0x10); `null` for references\n"
    "  --time              print on stderr the call's time (time:), and the times of decoding with\n"
    "                      validation (load:), instantiation (instantiate:) and the JIT's compile step\n"
    "                      (compile:, within instantiate)\n"
    "  --fuel N            trap \"out of fuel\" after about N instructions (start function included)\n"
    "  --max-memory BYTES  the memory budget of all memories together, e.g. 64MiB, 8GiB, 100000\n"
    "                      (K/M/G/T and KiB/MiB/GiB/TiB are powers of 1024, KB/MB/GB/TB of 1000);\n"
    "                      default: this machine's memory plus swap\n"
    "  --engine=interp|jit the interpreter, or the baseline JIT, which runs what it compiles and\n"
    "                      leaves the rest to the interpreter; default: the JIT where this build\n"
    "                      has one (x86-64, ARM64), else the interpreter\n";

// A count of bytes with an optional unit suffix; nullopt when it is not one.
std::optional<uint64_t> parse_bytes(const std::string& text) {
  uint64_t n = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto [rest, ec] = std::from_chars(begin, end, n);
  if (ec != std::errc() || rest == begin) return std::nullopt;
  const std::string unit(rest, end);
  struct Unit {
    const char* name;
    uint64_t scale;
  };
  static constexpr Unit kUnits[] = {
      {"", 1},           {"B", 1},
      {"K", 1ull << 10}, {"KiB", 1ull << 10}, {"KB", 1000ull},
      {"M", 1ull << 20}, {"MiB", 1ull << 20}, {"MB", 1000ull * 1000},
      {"G", 1ull << 30}, {"GiB", 1ull << 30}, {"GB", 1000ull * 1000 * 1000},
      {"T", 1ull << 40}, {"TiB", 1ull << 40}, {"TB", 1000ull * 1000 * 1000 * 1000},
  };
  for (const Unit& u : kUnits)
    if (unit == u.name) {
      if (n > UINT64_MAX / u.scale) return std::nullopt;
      return n * u.scale;
    }
  return std::nullopt;
}

std::optional<uint64_t> parse_count(const std::string& text) {
  uint64_t n = 0;
  auto [rest, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || rest != text.data() + text.size() || text.empty()) return std::nullopt;
  return n;
}

// Parses one argument for a parameter of type `type`; nullopt (after a message) when it does not fit.
std::optional<WasmValue> parse_arg(std::string text, ValType type) {
  WasmValue v;
  v.type = type;
  const size_t colon = text.find(':');
  if (colon != std::string::npos) {
    const std::string prefix = text.substr(0, colon);
    if (prefix != to_string(type)) {
      std::cerr << "mnemo run: argument '" << text << "' is " << prefix << ", the parameter is " << to_string(type)
                << "\n";
      return std::nullopt;
    }
    text = text.substr(colon + 1);
  }
  const char* s = text.c_str();
  char* end = nullptr;
  errno = 0;
  switch (type) {
    case ValType::I32:
    case ValType::I64: {
      const bool neg = s[0] == '-';
      const uint64_t mag = std::strtoull(neg ? s + 1 : s, &end, 0);
      v.bits = neg ? uint64_t(0) - mag : mag;
      if (type == ValType::I32) {
        if ((!neg && mag > 0xFFFFFFFFull) || (neg && mag > 0x80000000ull)) errno = ERANGE;
        v.bits = uint32_t(v.bits);
      } else if (neg && mag > 0x8000000000000000ull) {
        errno = ERANGE;
      }
      break;
    }
    case ValType::F32: v.bits = bit_cast<uint32_t>(std::strtof(s, &end)); break;
    case ValType::F64: v.bits = bit_cast<uint64_t>(std::strtod(s, &end)); break;
    case ValType::FuncRef:
    case ValType::ExternRef:
      if (text == "null") {
        v.is_null = true;
        return v;
      }
      if (type == ValType::ExternRef) {
        v.bits = std::strtoull(s, &end, 0);
        break;
      }
      [[fallthrough]];
    case ValType::V128:
      std::cerr << "mnemo run: cannot pass a " << to_string(type) << " argument from the command line\n";
      return std::nullopt;
  }
  if (end == s || *end != '\0' || errno == ERANGE) {
    std::cerr << "mnemo run: '" << text << "' is not a valid " << to_string(type) << "\n";
    return std::nullopt;
  }
  return v;
}

std::string format_value(const WasmValue& v) {
  char buf[64];
  switch (v.type) {
    case ValType::I32: std::snprintf(buf, sizeof buf, "i32:%" PRId32, int32_t(uint32_t(v.bits))); break;
    case ValType::I64: std::snprintf(buf, sizeof buf, "i64:%" PRId64, int64_t(v.bits)); break;
    case ValType::F32: std::snprintf(buf, sizeof buf, "f32:%.9g", double(bit_cast<float>(uint32_t(v.bits)))); break;
    case ValType::F64: std::snprintf(buf, sizeof buf, "f64:%.17g", bit_cast<double>(v.bits)); break;
    case ValType::V128: {
      std::string out = "v128:i32x4";
      for (int i = 0; i < 4; ++i) {
        uint32_t lane;
        std::memcpy(&lane, v.v128.bytes.data() + 4 * i, 4);
        std::snprintf(buf, sizeof buf, " 0x%08" PRIx32, lane);
        out += buf;
      }
      return out;
    }
    case ValType::FuncRef:
      if (v.is_null) return "ref.null func";
      std::snprintf(buf, sizeof buf, "ref.func %" PRIu32, v.ref);
      break;
    case ValType::ExternRef:
      if (v.is_null) return "ref.null extern";
      std::snprintf(buf, sizeof buf, "ref.extern %" PRIu64, v.bits);
      break;
  }
  return buf;
}

}  // namespace

std::string describe_trap(const TrapInfo& trap) {
  std::string out = trap.message + " at function " + std::to_string(trap.where.func) + ", instruction " +
                    std::to_string(trap.where.instr);
  if (trap.fault) {
    char buf[128];
    std::snprintf(buf, sizeof buf, " (%s of %" PRIu64 " bytes at address 0x%" PRIx64 " in memory %" PRIu32 ")",
                  trap.fault->kind == MemoryAccess::Kind::Write ? "write" : "read", trap.fault->size,
                  trap.fault->address, trap.fault->memory);
    out += buf;
  }
  return out;
}

int run_run(const std::vector<std::string>& args) {
  std::string file, name;
  std::vector<std::string> values;
  bool time = false, have_invoke = false;
  StoreLimits limits = StoreLimits::defaults();
  EngineKind engine_choice = default_engine_kind();
  bool engine_chosen = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--invoke" && i + 1 < args.size() && !have_invoke) {
      name = args[++i];
      have_invoke = true;
    } else if (args[i] == "--time") {
      time = true;
    } else if (args[i].rfind("--engine=", 0) == 0) {
      std::optional<EngineKind> kind = engine_kind(args[i].substr(9));
      if (!kind) {
        std::cerr << "mnemo run: --engine takes interp or jit, not '" << args[i].substr(9) << "'\n" << kRunUsage;
        return kExitUsage;
      }
      engine_choice = *kind;
      engine_chosen = true;
    } else if (args[i] == "--fuel" || args[i] == "--max-memory") {
      const bool fuel = args[i] == "--fuel";
      std::optional<uint64_t> n = i + 1 < args.size() ? (fuel ? parse_count(args[i + 1]) : parse_bytes(args[i + 1]))
                                                      : std::nullopt;
      if (!n) {
        std::cerr << "mnemo run: " << args[i] << " wants " << (fuel ? "a count of instructions" : "a number of bytes")
                  << (i + 1 < args.size() ? ", not '" + args[i + 1] + "'" : "") << "\n"
                  << kRunUsage;
        return kExitUsage;
      }
      ++i;
      if (fuel)
        limits.fuel = *n;
      else
        limits.max_memory_bytes = *n;
    } else if (file.empty() && !have_invoke) {
      file = args[i];
    } else if (have_invoke) {
      values.push_back(args[i]);
    } else {
      std::cerr << kRunUsage;
      return kExitUsage;
    }
  }
  if (file.empty() || !have_invoke) {
    std::cerr << kRunUsage;
    return kExitUsage;
  }
  auto content = read_file(file);
  if (!content) return kExitUsage;
  using Clock = std::chrono::steady_clock;
  const auto ms_since = [](Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  };
  const auto load_start = Clock::now();
  auto module = read_module_content(*content);
  if (!module) {
    std::cerr << file << ": malformed: " << module.error().str() << "\n";
    return kExitFailure;
  }
  Status valid = validate_module(*module);
  if (!valid) {
    std::cerr << file << ": invalid: " << valid.error().str() << "\n";
    return kExitFailure;
  }
  const double load_ms = ms_since(load_start);

  Store store(limits);
  std::string why_not;
  std::unique_ptr<Engine> engine = make_engine(engine_choice, store, why_not);
  if (!engine && !engine_chosen) {  // the default JIT cannot run here: the interpreter then
    engine_choice = EngineKind::Interp;
    engine = make_engine(engine_choice, store, why_not);
  }
  if (!engine) {
    std::cerr << "mnemo run: --engine=" << engine_name(engine_choice) << ": " << why_not << "\n";
    return kExitUsage;
  }
  // Made only when imported from: its memory would otherwise take a page of the budget.
  bool imports_spectest = false;
  for (const Import& imp : module->imports) imports_spectest |= imp.module == "spectest";
  Instance* spectest = imports_spectest ? make_spectest(store) : nullptr;
  auto resolve = [&](std::string_view m, std::string_view n) -> std::optional<ExternVal> {
    if (m != "spectest" || !spectest) return std::nullopt;
    return spectest->find_export(n);
  };
  const auto instantiate_start = Clock::now();
  InstantiateResult inst = engine->instantiate(std::make_shared<const Module>(std::move(*module)), resolve);
  const double instantiate_ms = ms_since(instantiate_start);
  if (inst.kind == InstantiateResult::Kind::Trap) {
    std::cerr << file << ": trap during instantiation: " << (inst.trap ? describe_trap(*inst.trap) : inst.message)
              << "\n";
    return kExitFailure;
  }
  if (inst.kind != InstantiateResult::Kind::Ok) {
    std::cerr << file << ": cannot instantiate: " << inst.message;
    if (inst.message.find("memory budget") != std::string::npos) std::cerr << " (set with --max-memory)";
    std::cerr << "\n";
    return kExitFailure;
  }
  std::optional<ExternVal> e = inst.instance->find_export(name);
  if (!e || e->kind != ExternKind::Func) {
    std::cerr << file << ": no exported function \"" << name << "\"\n";
    return kExitFailure;
  }
  FuncInstance& f = *e->func;
  if (values.size() != f.type.params.size()) {
    std::cerr << "mnemo run: \"" << name << "\" takes " << f.type.params.size() << " argument(s), " << values.size()
              << " given\n";
    return kExitUsage;
  }
  std::vector<WasmValue> call_args;
  for (size_t i = 0; i < values.size(); ++i) {
    std::optional<WasmValue> v = parse_arg(values[i], f.type.params[i]);
    if (!v) return kExitUsage;
    call_args.push_back(*v);
  }
  const auto start = Clock::now();
  CallResult r = engine->call(f, call_args);
  const double call_ms = ms_since(start);
  if (r.trap) {
    std::cerr << "trap: " << describe_trap(*r.trap);
    if (limits.fuel && r.trap->code == TrapCode::OutOfFuel)
      std::cerr << " (--fuel " << *limits.fuel << ": " << *store.fuel() << " left, less than the next run of instructions needs)";
    std::cerr << "\n";
  } else {
    for (const WasmValue& v : r.values) std::cout << format_value(v) << "\n";
  }
  if (time) {
    std::fprintf(stderr, "load: %.3f ms\ninstantiate: %.3f ms\n", load_ms, instantiate_ms);
#if MNEMO_JIT
    if (const jit::JitStats* stats = jit::jit_stats(*engine)) {
      std::fprintf(stderr,
                   "compile: %.3f ms (%" PRIu32 " functions compiled, %" PRIu32
                   " left to the interpreter, %" PRIu64 " bytes of machine code)\n",
                   double(stats->compile_ns) / 1e6, stats->compiled, stats->interpreted, stats->code_bytes);
    }
#endif
    std::fprintf(stderr, "time: %.3f ms\n", call_ms);
  }
  return r.trap ? kExitFailure : kExitOk;
}

}  // namespace mnemo::cli
