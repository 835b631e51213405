// core/jit/x64/guard_faults.cpp: the SIGSEGV handler (see guard_faults.h); the table of sites it
// reads is shared (core/jit/guard_sites.h).
#include "core/jit/x64/guard_faults.h"

#include <signal.h>
#include <ucontext.h>

#include "core/jit/guard_sites.h"

namespace mnemo::jit::x64 {
namespace {

struct sigaction previous;

void on_fault(int sig, siginfo_t* info, void* context) {
  auto* uc = static_cast<ucontext_t*>(context);
  greg_t* regs = uc->uc_mcontext.gregs;
  const auto* pc = reinterpret_cast<const uint8_t*>(regs[REG_RIP]);
  const uint8_t* code = nullptr;
  if (const GuardSite* site = find_guard_site(pc, &code)) {
    // ucontext's slot of each Reg, in the encoding's order (rax, rcx, rdx, rbx, rsp, rbp, ...).
    static const int kSlotOf[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    const uint64_t index = site->index == 4 ? 0 : uint64_t(regs[kSlotOf[site->index & 15]]);  // rsp: none
    regs[REG_RAX] = greg_t(index + uint64_t(int64_t(site->disp)));  // the stub wants the address in rax
    regs[REG_RIP] = greg_t(reinterpret_cast<uintptr_t>(code + site->stub));
    return;
  }
  // Not a guarded access of ours: whoever handled SIGSEGV before, or the default (the faulting
  // instruction runs again and the process ends as it would have).
  if (previous.sa_flags & SA_SIGINFO) {
    previous.sa_sigaction(sig, info, context);
  } else if (previous.sa_handler == SIG_DFL || previous.sa_handler == SIG_IGN) {
    sigaction(SIGSEGV, &previous, nullptr);
  } else {
    previous.sa_handler(sig);
  }
}

}  // namespace

bool install_guard_fault_handler() {
  static bool installed = [] {
    struct sigaction action = {};
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGSEGV, &action, &previous) == 0;
  }();
  return installed;
}

}  // namespace mnemo::jit::x64
