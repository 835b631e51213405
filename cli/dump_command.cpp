// cli/dump_command.cpp: `mnemo dump FILE` prints a .wasm or .wat module as WebAssembly text;
// `mnemo dump --code FUNC [--engine=interp|jit] FILE` prints what the engines make of one
// function: the interpreter's translated code, then the JIT's machine code, disassembled.
#include <iostream>
#include <optional>

#include "commands.h"
#include "core/engines/code_listing.h"
#include "core/engines/make_engine.h"
#include "core/text/printer.h"
#include "core/validate/validate.h"

namespace mnemo::cli {
namespace {

constexpr const char* kDumpUsage =
    "usage: mnemo dump FILE\n"
    "       mnemo dump --code FUNC [--engine=interp|jit] FILE\n"
    "  --code FUNC         list what the engines make of function FUNC (an export's name or a\n"
    "                      function index): the interpreter's translated code, then the JIT's\n"
    "                      machine code, disassembled; --engine picks one of them\n";

}  // namespace

int run_dump(const std::vector<std::string>& args) {
  std::string file;
  std::optional<std::string> func;
  std::optional<EngineKind> only;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--code" && i + 1 < args.size() && !func) {
      func = args[++i];
    } else if (args[i].rfind("--engine=", 0) == 0) {
      only = engine_kind(args[i].substr(9));
      if (!only) {
        std::cerr << "mnemo dump: --engine takes interp or jit, not '" << args[i].substr(9) << "'\n" << kDumpUsage;
        return kExitUsage;
      }
    } else if (file.empty() && args[i].rfind("--", 0) != 0) {
      file = args[i];
    } else {
      std::cerr << kDumpUsage;
      return kExitUsage;
    }
  }
  if (file.empty() || (only && !func)) {
    std::cerr << kDumpUsage;
    return kExitUsage;
  }
  Module module;
  if (int code = read_module_file(file, module); code != kExitOk) return code;
  if (!func) {
    std::cout << print_module(module);
    return kExitOk;
  }

  Status valid = validate_module(module);
  if (!valid) {
    std::cerr << file << ": invalid: " << valid.error().str() << "\n";
    return kExitFailure;
  }
  Result<uint32_t> index = find_listed_function(module, *func);
  if (!index) {
    std::cerr << "mnemo dump: " << file << ": --code " << *func << ": " << index.error().str() << "\n";
    return kExitUsage;
  }
  bool first = true;
  for (EngineKind kind : {EngineKind::Interp, EngineKind::Jit}) {
    if (only && kind != *only) continue;
    Result<std::string> listing = code_listing(module, *index, kind);
    if (!listing) {
      std::cerr << file << ": " << listing.error().str() << "\n";
      return kExitFailure;
    }
    std::cout << (first ? "" : "\n") << *listing;
    first = false;
  }
  return kExitOk;
}

}  // namespace mnemo::cli
