// core/vm/code_printer.h: a function's translated code (core/vm/code.h) decoded op by op and
// printed, for `mnemo dump --code` and for tests that check what the translator made of a body
// (which ops, which forms, which memory) without scanning code words.
//
// Names come from the op tables themselves: a WebAssembly row prints its mnemonic ("i32.load"),
// an internal op its name in core/vm/internal_ops.def ("JumpIfDrop"), a generated variant its
// row's mnemonic and its form's suffix from core/vm/variant_ops.def ("i32.add_LL",
// "i32.lt_s_LC_If", "i32.load_AddSL", "v128.add_R").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/vm/code.h"

namespace mnemo::vm {

// One op of translated code and its immediates, decoded.
struct DecodedOp {
  uint32_t pc = 0;     // the op word's position in CompiledFunc::code
  uint32_t words = 1;  // the op word and its immediates
  VmOp op = VmOp::Invalid;
  std::string name;
  std::vector<std::string> immediates;  // "slot 2", "i32 -7", "memory 1 offset 8", "-> 14", ...
  std::optional<uint32_t> memory;       // memory ops: the memory index (a copy's destination)
  std::optional<uint32_t> source_memory;  // memory.copy: the source memory index
  bool fused = false;  // stands for several instructions (operand, address, jump and tee forms, ...)
  // The body's instructions the op stands for: [first_instr, last_instr], with the nop and block
  // among them that translate to nothing.
  uint32_t first_instr = 0, last_instr = 0;
};

// The name of `op` as listings print it (above). Every op has one.
std::string vm_op_name(VmOp op);

// Every op of `code`, in order. A return the translator threaded from a jump keeps the jump's
// offset word (two words, its immediate says so). An op word that is no op, or immediates
// running past the end, end the list with an op named "invalid word 0x..." (translated code never
// has one: 2,786 functions of 190 generated modules had none).
std::vector<DecodedOp> decode_translated_code(const CompiledFunc& code);

// The listing: a line naming the function's locals and their slots, then a line per op: its
// position, name, immediates and the WebAssembly instructions it stands for, as text.
std::string print_translated_code(const CompiledFunc& code);

}  // namespace mnemo::vm
