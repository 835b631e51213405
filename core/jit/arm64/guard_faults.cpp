// core/jit/arm64/guard_faults.cpp: where AArch64's ucontext keeps the registers the shared
// SIGSEGV handler (core/jit/guard_faults.h) reads and writes. A site's access is [base + index]
// with the WebAssembly address (its offset added) in general register `index`; the stub wants
// that address in x16.
#include "core/jit/arm64/guard_faults.h"

#include <ucontext.h>

#include <cstdint>

#include "core/jit/guard_faults.h"

namespace mnemo::jit::arm64 {
namespace {

mcontext_t& machine_of(void* context) { return static_cast<ucontext_t*>(context)->uc_mcontext; }  // Linux: regs[0..30], sp, pc

const uint8_t* fault_pc(void* context) { return reinterpret_cast<const uint8_t*>(machine_of(context).pc); }

void resume_at_stub(void* context, const GuardSite& site, const uint8_t* stub) {
  mcontext_t& m = machine_of(context);
  m.regs[16] = m.regs[site.index & 31] + uint64_t(int64_t(site.disp));
  m.pc = reinterpret_cast<uintptr_t>(stub);
}

}  // namespace

bool install_guard_fault_handler() { return jit::install_guard_fault_handler({fault_pc, resume_at_stub}); }

}  // namespace mnemo::jit::arm64
