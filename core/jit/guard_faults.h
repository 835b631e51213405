// core/jit/guard_faults.h: the SIGSEGV handler behind bounds checks by the guard pages
// (guard_sites.h), shared by the backends: a fault at a registered site resumes at its trap stub;
// any other fault goes to the handler that was installed before (or the default). What is about
// the architecture is only where its ucontext keeps the program counter and the registers: the
// backend's GuardFaultRegisters (x64/guard_faults.cpp, arm64/guard_faults.cpp).
#pragma once

#include <cstdint>

#include "core/jit/guard_sites.h"

namespace mnemo::jit {

// A backend's access to the signal's ucontext (a ucontext_t*): plain functions, called from the
// handler, so async-signal-safe.
struct GuardFaultRegisters {
  // The faulting instruction's address.
  const uint8_t* (*pc)(void* ucontext);
  // Resumes at `stub` with the faulting WebAssembly address (site's index register + disp)
  // where the stub takes it.
  void (*resume_at_stub)(void* ucontext, const GuardSite& site, const uint8_t* stub);
};

// Installs the handler (once per process; a process has one backend); false when the host
// refused it.
bool install_guard_fault_handler(const GuardFaultRegisters& registers);

}  // namespace mnemo::jit
