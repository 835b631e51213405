// core/text/printer.h: turns a Module back into readable WebAssembly text (WAT) that the text
// parser reads back into the same module. The debugger's disassembly view uses the line map.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/module.h"

namespace mnemo {

struct PrintedModule {
  std::string text;
  // func_lines[i][j]: 1-based line of instruction j of defined function i in `text`.
  std::vector<std::vector<uint32_t>> func_lines;
};

PrintedModule print_module_with_lines(const Module& module);
std::string print_module(const Module& module);

}  // namespace mnemo
