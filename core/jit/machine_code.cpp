// core/jit/machine_code.cpp: see machine_code.h.
#include "core/jit/machine_code.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace mnemo::jit {
namespace {

std::string hex(uint32_t offset) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04x", offset);
  return buf;
}

}  // namespace

MachineCode machine_code(MachineArch arch, const uint8_t* installed, size_t available, const CompileResult& compiled,
                         const RuntimeEntries& calls) {
  MachineCode m;
  m.arch = arch;
  m.address = installed;
  m.bytes.assign(installed, installed + std::min(compiled.code.size(), available));
  if (m.bytes != compiled.code) {
    m.notes.emplace_back(0, "compiled again, the function differs from this code: no instruction offsets");
    return m;
  }
  m.instr_offsets = compiled.instr_offsets;
  for (const GuardSite& g : compiled.guard_sites) {
    m.notes.emplace_back(g.pc, "bounds checked by the guard pages (trap stub at " + hex(g.stub) + ")");
    m.notes.emplace_back(g.stub, "trap stub of the access at " + hex(g.pc));
  }
  std::sort(m.notes.begin(), m.notes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::pair<const void*, const char*> runtime[] = {
      {reinterpret_cast<const void*>(calls.call), "runtime: call without machine code"},
      {reinterpret_cast<const void*>(calls.call_indirect), "runtime: call_indirect's callee"},
      {reinterpret_cast<const void*>(calls.memory_grow), "runtime: memory.grow"},
      {reinterpret_cast<const void*>(calls.memory_fill), "runtime: memory.fill"},
      {reinterpret_cast<const void*>(calls.memory_copy), "runtime: memory.copy"},
      {reinterpret_cast<const void*>(calls.bulk), "runtime: tables and segments"}};
  for (auto [address, name] : runtime) m.symbols.emplace_back(uint64_t(uintptr_t(address)), name);
  return m;
}

}  // namespace mnemo::jit
