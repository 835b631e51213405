// tests/differential/main.cpp: `mnemo-diff`, the mnemo side of the differential check
// (tests/differential/run.sh drives it and the other engines):
//   mnemo-diff gen --seed S --count N --out DIR
//       writes DIR/full/<seed>.wasm (may import memories from "env") and
//       DIR/standalone/<seed>.wasm (those memories defined instead; none when one memory is
//       imported twice) for seeds S .. S+N-1, checks that every one validates, and prints
//       `generated: M modules, I instructions, X memories (Y imported), E exports, A aliased`
//   mnemo-diff run [--floats exact|fixed] [--engine=interp|jit] FILE...
//       canonical lines for each module (tests/differential/mnemo_runner.h), run by the
//       interpreter or the JIT (where the build has one); exits 1 when a
//       self-check (native memory hash = in-Wasm hash) fails or a module does not load
//   mnemo-diff normalize-wabt < wasm-interp output
//       canonical lines (tests/differential/wabt_output.h)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "core/binary/writer.h"
#include "core/validate/validate.h"
#include "core/engines/make_engine.h"
#include "core/vm/vm.h"
#include "tests/differential/mnemo_runner.h"
#include "tests/differential/wabt_output.h"
#include "tests/generate/module_generator.h"

namespace {

constexpr const char* kUsage =
    "usage: mnemo-diff gen --seed S --count N --out DIR\n"
    "       mnemo-diff run [--floats exact|fixed] [--engine=interp|jit] FILE...\n"
    "       mnemo-diff normalize-wabt < wasm-interp-output\n";

bool parse_u64(const std::string& text, uint64_t& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoull(text.c_str(), &end, 0);
  return errno == 0 && *end == '\0' && text[0] != '-';
}

bool write_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  return bool(out);
}

int run_gen(const std::vector<std::string>& args) {
  uint64_t seed = 0, count = 0;
  std::string dir;
  bool have_seed = false, have_count = false;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--seed" && parse_u64(args[i + 1], seed)) {
      have_seed = true;
    } else if (args[i] == "--count" && parse_u64(args[i + 1], count)) {
      have_count = true;
    } else if (args[i] == "--out") {
      dir = args[i + 1];
    } else {
      std::cerr << "mnemo-diff gen: bad argument '" << args[i] << "'\n" << kUsage;
      return 2;
    }
  }
  if (!have_seed || !have_count || dir.empty() || args.size() % 2 != 0) {
    std::cerr << kUsage;
    return 2;
  }
  std::error_code ec;
  for (const char* sub : {"full", "standalone"}) {
    std::filesystem::create_directories(std::filesystem::path(dir) / sub, ec);
    if (ec) {
      std::cerr << "mnemo-diff gen: cannot create " << dir << "/" << sub << ": " << ec.message() << "\n";
      return 2;
    }
  }
  uint64_t instructions = 0, memories = 0, imported = 0, exports = 0, aliased = 0;
  int invalid = 0;
  for (uint64_t i = 0; i < count; ++i) {
    const uint64_t s = seed + i;
    mnemo::gen::GeneratedModule g = mnemo::gen::generate_module(s);
    const mnemo::Module standalone = mnemo::gen::without_memory_imports(g.module);
    for (const mnemo::Module* m : std::initializer_list<const mnemo::Module*>{&g.module, &standalone}) {
      if (mnemo::Status v = mnemo::validate_module(*m); !v) {
        std::cerr << "mnemo-diff gen: seed " << s << " is invalid (a generator bug): " << v.error().str() << "\n";
        ++invalid;
      }
    }
    const std::string name = std::to_string(s) + ".wasm";
    // An aliased module (one memory imported twice) has no standalone twin.
    if (!write_file(std::filesystem::path(dir) / "full" / name, mnemo::encode_module(g.module)) ||
        (!g.aliased &&
         !write_file(std::filesystem::path(dir) / "standalone" / name, mnemo::encode_module(standalone)))) {
      std::cerr << "mnemo-diff gen: cannot write " << dir << "/*/" << name << "\n";
      return 2;
    }
    instructions += g.instructions;
    memories += g.memories;
    imported += g.imported_memories;
    exports += g.exports;
    aliased += g.aliased;
  }
  std::printf(
      "generated: %llu modules, %llu instructions, %llu memories (%llu imported), %llu exports, %llu aliased\n",
      (unsigned long long)count, (unsigned long long)instructions, (unsigned long long)memories,
      (unsigned long long)imported, (unsigned long long)exports, (unsigned long long)aliased);
  return invalid == 0 ? 0 : 1;
}

int run_run(const std::vector<std::string>& args) {
  mnemo::diff::FloatFormat floats = mnemo::diff::FloatFormat::Exact;
  mnemo::EngineKind engine = mnemo::EngineKind::Interp;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--floats" && i + 1 < args.size()) {
      const std::string& f = args[++i];
      if (f == "exact") {
        floats = mnemo::diff::FloatFormat::Exact;
      } else if (f == "fixed") {
        floats = mnemo::diff::FloatFormat::Fixed;
      } else {
        std::cerr << "mnemo-diff run: --floats takes exact or fixed\n";
        return 2;
      }
    } else if (args[i].rfind("--engine=", 0) == 0) {
      std::optional<mnemo::EngineKind> kind = mnemo::engine_kind(args[i].substr(9));
      if (!kind) {
        std::cerr << "mnemo-diff run: --engine takes interp or jit\n";
        return 2;
      }
      engine = *kind;
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  uint32_t failures = 0, compiled = 0, interpreted = 0;
  uint64_t code_bytes = 0, instructions = 0;
  std::map<std::string, uint32_t> stopped_at;
  for (const std::string& f : files) {
    const mnemo::diff::RunCounts c = mnemo::diff::run_module_file(f, floats, engine, std::cout);
    failures += c.self_check_failures;
    compiled += c.jit_compiled;
    interpreted += c.jit_interpreted;
    code_bytes += c.jit_code_bytes;
    instructions += c.jit_instructions;
    for (const auto& [what, n] : c.jit_stopped_at) stopped_at[what] += n;
  }
  std::cout.flush();
  if (engine == mnemo::EngineKind::Jit) {  // what the JIT covered, for run.sh's report
    std::cerr << "jit: " << compiled << " functions compiled (" << instructions << " instructions, " << code_bytes
              << " bytes of machine code), " << interpreted << " interpreted;";
    for (const auto& [what, n] : stopped_at) std::cerr << " " << what << " " << n;
    std::cerr << "\n";
  }
  if (failures) std::cerr << "mnemo-diff run: " << failures << " self-check failure(s)\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "gen") return run_gen(args);
  if (command == "run") return run_run(args);
  if (command == "normalize-wabt" && args.empty()) {
    mnemo::diff::normalize_wabt_output(std::cin, std::cout);
    return 0;
  }
  if (command == "build") {  // which interpreter this is, for run.sh's report
    std::cout << mnemo::vm::build_description() << "\n";
    return 0;
  }
  if (command == "has-jit") {  // exit 0 when this build has a JIT for this host (run.sh)
    mnemo::Store store;
    std::string why_not;
    return mnemo::make_engine(mnemo::EngineKind::Jit, store, why_not) ? 0 : 1;
  }
  std::cerr << kUsage;
  return 2;
}
