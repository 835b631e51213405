// cli/wast_command.cpp: `mnemo wast [-v] [--debug] [--engine=interp|jit] FILE_OR_DIR...` runs spec
// test scripts (on the build's default engine, the JIT where the build has one, unless --engine
// says otherwise; --debug: in the interpreter, through the debugger's path,
// core/script/vm_executor.h) and prints one line per file, the JIT's counts of compiled and
// interpreted functions when it ran, and a total line "N passed, N failed, N skipped" last.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "commands.h"
#include "core/engines/make_engine.h"
#include "core/script/runner.h"
#include "core/script/vm_executor.h"
#include "core/text/wast.h"
#include "core/vm/vm.h"
#if MNEMO_JIT
#include "core/jit/jit.h"
#endif

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

// The machine the engine was compiled for.
#if defined(__EMSCRIPTEN__)
constexpr const char* kTargetName = "wasm32 (Emscripten)";
#elif defined(__x86_64__) || defined(_M_X64)
constexpr const char* kTargetName = "x86-64";
#elif defined(__aarch64__)
constexpr const char* kTargetName = "arm64";
#else
constexpr const char* kTargetName = "other";
#endif

struct Totals {
  uint64_t passed = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;
  uint64_t message_mismatches = 0;
  // What the JIT compiled over every script (jit::JitStats), when it ran them.
  bool jit = false;
  uint64_t compiled = 0;
  uint64_t interpreted = 0;
  std::map<std::string, uint64_t> stopped_at;
};

// "jit: 1200 functions compiled, 30 left to the interpreter (f64.add 20, v128.const 10)": the
// reasons most often first, at most five.
std::string jit_line(const Totals& t) {
  std::string out = "jit: " + std::to_string(t.compiled) + " functions compiled, " + std::to_string(t.interpreted) +
                    " left to the interpreter";
  std::vector<std::pair<std::string, uint64_t>> reasons(t.stopped_at.begin(), t.stopped_at.end());
  std::stable_sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (size_t i = 0; i < reasons.size() && i < 5; ++i)
    out += (i == 0 ? " (" : ", ") + reasons[i].first + " " + std::to_string(reasons[i].second);
  if (!reasons.empty()) out += reasons.size() > 5 ? ", ...)" : ")";
  return out;
}

// The scripts named on the command line: files as given, folders as their .wast files, sorted.
// Prints why and returns false when a path does not exist.
bool collect_scripts(const std::vector<std::string>& paths, std::vector<std::string>& out) {
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
        std::error_code file_ec;
        if (entry.is_regular_file(file_ec) && entry.path().extension() == ".wast")
          found.push_back((fs::path(path) / entry.path().filename()).generic_string());
      }
      if (ec) {
        std::cerr << "mnemo: cannot list " << path << ": " << ec.message() << "\n";
        return false;
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      out.push_back(path);
    } else {
      std::cerr << "mnemo: no such file or directory: " << path << "\n";
      return false;
    }
  }
  return true;
}

void print_details(const ScriptReport& report) {
  for (const CommandReport& c : report.commands) {
    std::string at = "  " + std::to_string(c.line) + ":" + std::to_string(c.column) + ": " + std::string(to_string(c.kind));
    if (c.verdict == Verdict::Failed) {
      std::cout << at << ": FAILED\n    expected: " << c.expected << "\n    got:      " << c.actual << "\n";
    } else if (c.verdict == Verdict::Skipped && c.actual != kNeedsInterpreter) {
      std::cout << at << ": note: skipped\n    expected: " << c.expected << "\n    why:      " << c.actual << "\n";
    } else if (c.message_mismatch) {
      std::cout << at << ": note: message differs\n    expected: " << c.expected << "\n    ours:     " << c.actual
                << "\n";
    }
  }
}

void run_one(const std::string& path, bool verbose, bool debug, EngineKind engine, Totals& totals) {
  auto content = read_file(path);
  if (!content) {
    ++totals.failed;
    return;
  }
  auto script = parse_wast(*content);
  if (!script) {
    std::cout << path << ": error: " << script.error().str() << "\n";
    ++totals.failed;
    return;
  }
  VmExecutor executor(debug, engine);
  RunOptions options;
  options.executor = &executor;
  ScriptReport report = run_script(*script, options);
  std::cout << path << ": " << report.passed << " passed, " << report.failed << " failed, " << report.skipped
            << " skipped";
  if (report.message_mismatches > 0) std::cout << " (" << report.message_mismatches << " message mismatches)";
  std::cout << "\n";
  if (verbose) print_details(report);
  totals.passed += report.passed;
  totals.failed += report.failed;
  totals.skipped += report.skipped;
  totals.message_mismatches += report.message_mismatches;
#if MNEMO_JIT
  if (const jit::JitStats* stats = jit::jit_stats(executor.engine())) {
    totals.jit = true;
    totals.compiled += stats->compiled;
    totals.interpreted += stats->interpreted;
    for (const auto& [op, n] : stats->stopped_at) totals.stopped_at[op] += n;
  }
#endif
}

}  // namespace

int run_wast(const std::vector<std::string>& args) {
  bool verbose = false;
  bool debug = false;
  std::optional<EngineKind> chosen;
  std::vector<std::string> paths;
  for (const std::string& arg : args) {
    if (arg == "-v" || arg == "--verbose") {
      verbose = true;
    } else if (arg == "--debug") {
      debug = true;
    } else if (arg.rfind("--engine=", 0) == 0) {
      std::optional<EngineKind> kind = engine_kind(arg.substr(9));
      if (!kind) {
        std::cerr << "mnemo wast: --engine takes interp or jit, not '" << arg.substr(9) << "'\n";
        return kExitUsage;
      }
      chosen = *kind;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "mnemo wast: unknown option '" << arg << "'\n";
      return kExitUsage;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: mnemo wast [-v] [--debug] [--engine=interp|jit] FILE_OR_DIR...\n";
    return kExitUsage;
  }
  // The debugger steps in the interpreter; otherwise the build's default engine (the JIT where
  // the build has one).
  EngineKind engine = chosen ? *chosen : debug ? EngineKind::Interp : default_engine_kind();
  std::vector<std::string> scripts;
  if (!collect_scripts(paths, scripts)) return kExitUsage;

  Store probe;
  std::string why_not;
  std::unique_ptr<Engine> described = make_engine(engine, probe, why_not);
  if (!described) {
    if (chosen) {
      std::cerr << "mnemo wast: --engine=" << engine_name(engine) << ": " << why_not << "\n";
      return kExitUsage;
    }
    engine = EngineKind::Interp;  // the default JIT cannot run on this host
    described = make_engine(engine, probe, why_not);
  }
  Totals totals;
  for (const std::string& script : scripts) run_one(script, verbose, debug, engine, totals);
  if (totals.message_mismatches > 0)
    std::cout << totals.message_mismatches << " message mismatches (our message does not start with the expected text"
              << (verbose ? ")" : "; -v lists them)") << "\n";
  // Which build counted: the suites run on several (README, "What the tests cover").
  std::cout << "build: " << kTargetName << ", " << described->description() << "\n";
  if (totals.jit) std::cout << jit_line(totals) << "\n";
  std::cout << totals.passed << " passed, " << totals.failed << " failed, " << totals.skipped << " skipped\n";
  return totals.failed == 0 ? kExitOk : kExitFailure;
}

}  // namespace mnemo::cli
