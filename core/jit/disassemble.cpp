// core/jit/disassemble.cpp: the capstone wrapper (core/jit/disassemble.h). Decodes with
// cs_disasm_iter, one instruction at a time, so that a byte capstone cannot read costs one
// ".byte" entry and decoding goes on after it, as objdump does.
#include "core/jit/disassemble.h"

#include <cstdio>
#include <memory>

#if MNEMO_HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

namespace mnemo::jit {

std::string_view arch_name(MachineArch arch) { return arch == MachineArch::X64 ? "x86-64" : "arm64"; }

#if MNEMO_HAVE_CAPSTONE

std::string disassembler_name() {
  int major = 0, minor = 0;
  cs_version(&major, &minor);
  return "capstone " + std::to_string(major) + "." + std::to_string(minor);
}

Result<std::vector<MachineInstr>> disassemble(MachineArch arch, std::span<const uint8_t> code, uint64_t address) {
#if CS_API_MAJOR >= 6
  const cs_arch arm64 = CS_ARCH_AARCH64;  // capstone 6 renamed it
#else
  const cs_arch arm64 = CS_ARCH_ARM64;
#endif
  const cs_arch cs = arch == MachineArch::X64 ? CS_ARCH_X86 : arm64;
  const cs_mode mode = arch == MachineArch::X64 ? CS_MODE_64 : CS_MODE_LITTLE_ENDIAN;
  csh handle = 0;
  if (cs_err err = cs_open(cs, mode, &handle); err != CS_ERR_OK)
    return Error{disassembler_name(), "cannot disassemble " + std::string(arch_name(arch)) + ": " + cs_strerror(err)};
  const std::unique_ptr<csh, void (*)(csh*)> close(&handle, [](csh* h) { cs_close(h); });
  const std::unique_ptr<cs_insn, void (*)(cs_insn*)> insn(cs_malloc(handle), [](cs_insn* i) { cs_free(i, 1); });
  if (!insn) return Error{disassembler_name(), "out of memory"};

  std::vector<MachineInstr> out;
  const uint8_t* at = code.data();
  size_t left = code.size();
  uint64_t pc = address;
  while (left > 0) {
    const uint32_t offset = uint32_t(at - code.data());
    if (cs_disasm_iter(handle, &at, &left, &pc, insn.get())) {
      std::string text = insn->mnemonic;
      if (insn->op_str[0]) text += std::string(" ") + insn->op_str;
      out.push_back({offset, uint32_t(insn->size), std::move(text)});
      continue;
    }
    char byte[16];
    std::snprintf(byte, sizeof byte, ".byte 0x%02x", *at);
    out.push_back({offset, 1, byte});
    ++at;
    --left;
    ++pc;
  }
  return out;
}

#else

std::string disassembler_name() { return ""; }

Result<std::vector<MachineInstr>> disassemble(MachineArch arch, std::span<const uint8_t>, uint64_t) {
  return Error{"", "this build has no disassembler for " + std::string(arch_name(arch)) +
                       " (capstone was not found when it was configured: install libcapstone-dev)"};
}

#endif

}  // namespace mnemo::jit
