// core/jit/machine_listing.h: a compiled function's machine code (jit::MachineCode) as a listing
// for `mnemo dump --code`, on any architecture a JIT backend compiles for.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/jit/jit.h"

namespace mnemo::jit {

// A line saying where the code runs, its size and architecture and what disassembled it; then a
// line per machine instruction: offset, bytes, instruction, the symbols its constants name and the
// notes of that offset. Where
// the compiler recorded instruction offsets, a comment line names each WebAssembly instruction
// (`instr_text(i)`, the body's instruction i as text) before its code; code before the first is
// the prologue, an instruction index past the body (`body_size`) starts the trap stubs. Without
// a disassembler the bytes are listed in hex, after a line that says why.
std::string print_machine_code(const MachineCode& code, uint32_t body_size,
                               const std::function<std::string(uint32_t)>& instr_text);

// The addresses of `instance` and its objects that compiled code may hold as constants, named
// ("memory 1", "function 3", ...), for MachineCode::symbols.
std::vector<std::pair<uint64_t, std::string>> instance_symbols(const Instance& instance);

}  // namespace mnemo::jit
