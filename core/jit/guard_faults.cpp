// core/jit/guard_faults.cpp: the SIGSEGV handler (see guard_faults.h).
#include "core/jit/guard_faults.h"

#include <signal.h>

namespace mnemo::jit {
namespace {

struct sigaction previous;
GuardFaultRegisters registers;

void on_fault(int sig, siginfo_t* info, void* context) {
  const uint8_t* code = nullptr;
  if (const GuardSite* site = find_guard_site(registers.pc(context), &code)) {
    registers.resume_at_stub(context, *site, code + site->stub);
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

bool install_guard_fault_handler(const GuardFaultRegisters& backend_registers) {
  static bool installed = [&backend_registers] {
    registers = backend_registers;
    struct sigaction action = {};
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGSEGV, &action, &previous) == 0;
  }();
  return installed;
}

}  // namespace mnemo::jit
