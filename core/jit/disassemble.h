// core/jit/disassemble.h: machine code as text, for `mnemo dump --code` and for tests that check
// what a JIT emitted by its mnemonics. One seam for every backend: the caller names the
// architecture (x86-64 now, ARM64 for its backend). Built on capstone where the build found it
// (core/CMakeLists.txt); elsewhere disassemble() says so and listings fall back to hex bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mnemo::jit {

enum class MachineArch : uint8_t { X64, Arm64 };

// "x86-64", "arm64".
std::string_view arch_name(MachineArch arch);

struct MachineInstr {
  uint32_t offset = 0;  // from the start of the code
  uint32_t size = 0;    // its bytes: code[offset, offset + size)
  std::string text;     // mnemonic and operands, Intel syntax on x86-64: "add eax, ecx"
};

// The disassembler this build has, with its version ("capstone 4.0"), or empty when it has none.
std::string disassembler_name();

// `code`, instruction by instruction, as if it started at `address` (0: branch targets read as
// offsets into the code). Bytes that are no instruction become one entry each, ".byte 0x..".
// An Error when this build has no disassembler or it refused the architecture.
Result<std::vector<MachineInstr>> disassemble(MachineArch arch, std::span<const uint8_t> code, uint64_t address = 0);

}  // namespace mnemo::jit
