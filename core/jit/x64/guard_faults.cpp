// core/jit/x64/guard_faults.cpp: where x86-64's ucontext keeps the registers the shared SIGSEGV
// handler (core/jit/guard_faults.h) reads and writes.
#include "core/jit/x64/guard_faults.h"

#include <ucontext.h>

#include "core/jit/guard_faults.h"

namespace mnemo::jit::x64 {
namespace {

greg_t* registers_of(void* context) { return static_cast<ucontext_t*>(context)->uc_mcontext.gregs; }

const uint8_t* fault_pc(void* context) { return reinterpret_cast<const uint8_t*>(registers_of(context)[REG_RIP]); }

void resume_at_stub(void* context, const GuardSite& site, const uint8_t* stub) {
  greg_t* regs = registers_of(context);
  // ucontext's slot of each Reg, in the encoding's order (rax, rcx, rdx, rbx, rsp, rbp, ...).
  static const int kSlotOf[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                  REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
  const uint64_t index = site.index == 4 ? 0 : uint64_t(regs[kSlotOf[site.index & 15]]);  // rsp: none
  regs[REG_RAX] = greg_t(index + uint64_t(int64_t(site.disp)));  // the stub wants the address in rax
  regs[REG_RIP] = greg_t(reinterpret_cast<uintptr_t>(stub));
}

}  // namespace

bool install_guard_fault_handler() { return jit::install_guard_fault_handler({fault_pc, resume_at_stub}); }

}  // namespace mnemo::jit::x64
