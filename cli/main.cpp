// cli/main.cpp: the `mnemo` command-line tool: subcommand dispatch and help.
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"

namespace {

constexpr const char* kUsage =
    "usage: mnemo COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  validate FILE                 read a .wasm or .wat module and validate it\n"
    "  dump FILE                     print a .wasm or .wat module as WebAssembly text\n"
    "  dump --code FUNC [--engine=interp|jit] FILE\n"
    "                                list what the engines make of function FUNC (an\n"
    "                                export's name or a function index): the interpreter's\n"
    "                                translated code, the JIT's machine code disassembled\n"
    "  wast [-v] FILE_OR_DIR...      run WAST scripts (a folder: every .wast in it);\n"
    "                                -v lists each failure and message mismatch;\n"
    "                                --debug runs them through the debugger's path\n"
    "  run FILE --invoke NAME [ARGS...] [--time] [--fuel N] [--max-memory BYTES]\n"
    "                                call an exported function and print its results\n"
    "                                (or the trap); --time prints the call's own time;\n"
    "                                --fuel N bounds the instructions, --max-memory BYTES\n"
    "                                the bytes of all memories together\n"
    "  --help                        show this help\n"
    "\n"
    "exit status: 0 success, 1 invalid module or failing test, 2 wrong usage or unreadable file\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace mnemo::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "validate") return run_validate(args);
  if (command == "dump") return run_dump(args);
  if (command == "wast") return run_wast(args);
  if (command == "run") return run_run(args);
  std::cerr << "mnemo: unknown command '" << command << "' (see mnemo --help)\n";
  return kExitUsage;
}
