// core/jit/arm64/guard_faults.cpp: the SIGSEGV handler (see guard_faults.h); the table of sites it
// reads is shared (core/jit/guard_sites.h). A site's access is [base + index] with the
// WebAssembly address (its offset added) in general register `index`; the stub wants that
// address in x16.
#include "core/jit/arm64/guard_faults.h"

#include <signal.h>
#include <ucontext.h>

#include <cstdint>

#include "core/jit/guard_sites.h"

namespace mnemo::jit::arm64 {
namespace {

struct sigaction previous;

void on_fault(int sig, siginfo_t* info, void* context) {
  auto* uc = static_cast<ucontext_t*>(context);
  mcontext_t& m = uc->uc_mcontext;  // Linux: regs[0..30], sp, pc
  const auto* pc = reinterpret_cast<const uint8_t*>(m.pc);
  const uint8_t* code = nullptr;
  if (const GuardSite* site = find_guard_site(pc, &code)) {
    m.regs[16] = m.regs[site->index & 31] + uint64_t(int64_t(site->disp));
    m.pc = reinterpret_cast<uintptr_t>(code + site->stub);
    return;
  }
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

}  // namespace mnemo::jit::arm64
