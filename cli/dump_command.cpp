// cli/dump_command.cpp: `mnemo dump FILE` prints a .wasm or .wat module as WebAssembly text.
#include <iostream>

#include "commands.h"
#include "core/text/printer.h"

namespace mnemo::cli {

int run_dump(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: mnemo dump FILE\n";
    return kExitUsage;
  }
  Module module;
  if (int code = read_module_file(args[0], module); code != kExitOk) return code;
  std::cout << print_module(module);
  return kExitOk;
}

}  // namespace mnemo::cli
