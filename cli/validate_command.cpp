// cli/validate_command.cpp: `mnemo validate FILE` reads a .wasm or .wat module (by its first
// bytes) and validates it.
#include <iostream>

#include "commands.h"
#include "core/validate/validate.h"

namespace mnemo::cli {

int run_validate(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: mnemo validate FILE\n";
    return kExitUsage;
  }
  Module module;
  if (int code = read_module_file(args[0], module); code != kExitOk) return code;
  Status valid = validate_module(module);
  if (!valid) {
    std::cerr << args[0] << ": invalid: " << valid.error().str() << "\n";
    return kExitFailure;
  }
  std::cout << "valid\n";
  return kExitOk;
}

}  // namespace mnemo::cli
