// tests/fuzz/extract_seeds.cpp: the fuzzers' seed corpora, generated into the build folder from
// the spec suites and examples/ (never committed):
//   OUT/wasm/  one .wasm per module of every script and .wat file: a `(module binary ...)` as its
//              bytes (malformed ones too: they start the decoder off at its error paths), a text
//              or quoted module that parses as the binary writer encodes it (invalid ones too:
//              the validator's seeds)
//   OUT/text/  for the text parser: each .wat file whole, and each .wast script cut into small
//              scripts of its own text: every command holding a module alone, and the first
//              kActionRunsPerScript runs of up to kCommandsPerSeed of the other commands (invokes
//              and assertions on them). libFuzzer runs every seed before it mutates any: whole,
//              the suites' files (up to a megabyte each) would hold the parser to a few inputs a
//              second, and all their actions (8.7 MB of the 10.6, thousands of assert_return of the
//              same few shapes) would take most of a minute's budget just to load.
// Usage: extract_seeds OUT PATH...   (a PATH is a .wast / .wat file or a folder of them)
// Prints how many seeds it wrote; exits 1 when a path cannot be read or nothing was found.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/binary/writer.h"
#include "core/script/load.h"
#include "core/text/wast.h"
#include "core/text/wat_parser.h"

namespace fs = std::filesystem;
using namespace mnemo;

namespace {

constexpr size_t kCommandsPerSeed = 32;
constexpr size_t kActionRunsPerScript = 3;

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream content;
  content << in.rdbuf();
  out = std::move(content).str();
  return !in.bad();
}

bool write_file(const fs::path& path, const void* data, size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), std::streamsize(size));
  return bool(out);
}

struct Counts {
  size_t wasm = 0;
  size_t text = 0;
  size_t unreadable = 0;  // text modules that do not parse: no binary seed (the text seed has them)
};

// The bytes a module of a script stands for, or nothing when its text does not parse.
std::optional<std::string> module_bytes(const Script& script, const ScriptModule& m) {
  if (m.form == ScriptModule::Form::Binary) return m.bytes;
  CheckedModule checked = check_script_module(script, m);
  if (checked.stage == CheckedModule::Stage::Malformed) return std::nullopt;
  std::vector<uint8_t> bytes = encode_module(checked.module);
  return std::string(bytes.begin(), bytes.end());
}

// "multi-memory/load0.wast" -> "multi-memory_load0": seed names that say where they come from.
std::string seed_stem(const fs::path& file) {
  std::string stem = file.parent_path().filename().string() + "_" + file.stem().string();
  for (char& c : stem)
    if (c == '/' || c == ' ') c = '_';
  return stem;
}

bool extract_file(const fs::path& file, const fs::path& out, Counts& counts) {
  std::string source;
  if (!read_file(file, source)) {
    std::fprintf(stderr, "extract_seeds: cannot read %s\n", file.string().c_str());
    return false;
  }
  const std::string stem = seed_stem(file);
  auto write_text = [&](std::string_view text, const std::string& name) {
    ++counts.text;
    return write_file(out / "text" / name, text.data(), text.size());
  };
  auto write_wasm = [&](const std::string& bytes, const std::string& name) {
    ++counts.wasm;
    return write_file(out / "wasm" / (name + ".wasm"), bytes.data(), bytes.size());
  };
  if (file.extension() == ".wat") {
    if (!write_text(source, stem + ".wat")) return false;
    Result<Module> module = parse_wat(source);
    if (!module) {
      ++counts.unreadable;
      return true;
    }
    std::vector<uint8_t> bytes = encode_module(*module);
    return write_wasm(std::string(bytes.begin(), bytes.end()), stem);
  }
  Result<Script> script = parse_wast(source);
  if (!script) {
    std::fprintf(stderr, "extract_seeds: %s: not a WAST script: %s\n", file.string().c_str(),
                 script.error().str().c_str());
    return false;
  }
  const std::vector<Command>& commands = script->commands;
  // A command's text runs to the next command's (comments and blank lines between them included).
  auto text_end = [&](size_t i) { return i + 1 < commands.size() ? size_t(commands[i + 1].pos) : source.size(); };
  auto write_commands = [&](size_t first, size_t last) {
    const size_t begin = commands[first].pos;
    return write_text(std::string_view(source).substr(begin, text_end(last) - begin),
                      stem + "-" + std::to_string(commands[first].line) + ".wast");
  };
  size_t run = 0, run_length = 0, runs = 0;  // the pending run of commands without a module
  auto flush_run = [&](size_t last) {
    const bool written = runs >= kActionRunsPerScript || write_commands(run, last);
    ++runs;
    run_length = 0;
    return written;
  };
  for (size_t i = 0; i < commands.size(); ++i) {
    const Command& command = commands[i];
    if (!command.module) {
      if (run_length == 0) run = i;
      if ((++run_length == kCommandsPerSeed || i + 1 == commands.size()) && !flush_run(i)) return false;
      continue;
    }
    if (run_length > 0 && !flush_run(i - 1)) return false;
    if (!write_commands(i, i)) return false;
    const std::string name = stem + "-" + std::to_string(command.line);
    std::optional<std::string> bytes = module_bytes(*script, *command.module);
    if (!bytes) {
      ++counts.unreadable;
      continue;
    }
    if (!write_wasm(*bytes, name)) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: extract_seeds OUT PATH...  (PATH: a .wast / .wat file or a folder of them)\n");
    return 2;
  }
  const fs::path out = argv[1];
  std::error_code ec;
  fs::create_directories(out / "wasm", ec);
  fs::create_directories(out / "text", ec);
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    const fs::path path = argv[i];
    if (fs::is_directory(path, ec)) {
      for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.path().extension() == ".wast" || entry.path().extension() == ".wat") files.push_back(entry.path());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      std::fprintf(stderr, "extract_seeds: no such file or folder: %s\n", path.string().c_str());
      return 1;
    }
  }
  Counts counts;
  for (const fs::path& file : files)
    if (!extract_file(file, out, counts)) return 1;
  std::printf("extract_seeds: %zu binary seeds, %zu text seeds (%zu text modules that do not parse)\n", counts.wasm,
              counts.text, counts.unreadable);
  return counts.wasm == 0 ? 1 : 0;
}
