// core/jit/arm64/guard_faults.h: the AArch64 side of bounds checks by the guard pages
// (core/jit/guard_sites.h): the shared SIGSEGV handler (core/jit/guard_faults.h), installed with
// where AArch64's ucontext keeps the registers. Faults anywhere else go to the handler that
// was installed before.
#pragma once

namespace mnemo::jit::arm64 {

// Installs the handler (once per process); false when the host refused it.
bool install_guard_fault_handler();

}  // namespace mnemo::jit::arm64
