// cli/dump_command.cpp: `mnemo dump FILE` prints a .wasm or .wat module as WebAssembly text.
#include <iostream>

#include "commands.h"
#include "core/script/load.h"
#include "core/text/printer.h"

namespace mnemo::cli {

int run_dump(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: mnemo dump FILE\n";
    return kExitUsage;
  }
  auto content = read_file(args[0]);
  if (!content) return kExitUsage;
  auto module = read_module_content(*content);
  if (!module) {
    std::cerr << args[0] << ": malformed: " << module.error().str() << "\n";
    return kExitFailure;
  }
  std::cout << print_module(*module);
  return kExitOk;
}

}  // namespace mnemo::cli
