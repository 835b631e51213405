// core/text/print_instr.h: one instruction in the flat text syntax (spec 6.5), immediates included.
#pragma once

#include <cstdint>
#include <string>

#include "core/module.h"
#include "core/text/print_names.h"

namespace mnemo {

struct InstrContext {
  const PrintNames* names = nullptr;
  const IdSpace* locals = nullptr;  // the enclosing function's local ids (may be empty)
  uint32_t depth = 0;               // enclosing blocks of this instruction, the function body excluded
  // Label comments: "(;@2;)" after branch targets, ";; label = @2" after block openers. Off for
  // instructions printed inside parentheses, where a line comment would swallow the ')'. Float
  // constants always carry their shortest decimal as a block comment: "0x1.8p+1 (;=3;)".
  bool comments = true;
};

// Appends the mnemonic and immediates of `instr`, without indentation or newline.
void append_instr(std::string& out, const Instr& instr, const InstrContext& ctx);

}  // namespace mnemo
