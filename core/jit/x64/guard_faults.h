// core/jit/x64/guard_faults.h: bounds checks by the hardware. Where a memory is Guarded
// (core/runtime/memory.h: 8 GiB + 64 KiB reserved, only its pages accessible), compiled code
// leaves out the explicit check and an access past the end faults on the reservation's
// inaccessible pages. A SIGSEGV handler finds the faulting instruction in a table of the accesses
// compiled that way, computes the WebAssembly address from the registers, and resumes at the
// access's trap stub, which records memory, kind, address and size as an explicit check would.
// Faults anywhere else go to the handler that was installed before.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mnemo::jit::x64 {

// One access compiled without a check: at code offset `pc`, the access is [base + index + disp]
// with the WebAssembly address (the instruction's offset not added) in register `index` (a Reg
// number, core/jit/x64/assembler.h; rsp: none, the address is a constant folded into disp), so
// the address that faulted is index + disp. `stub` is the
// offset of its trap stub, which wants that address in rax.
struct GuardSite {
  uint32_t pc = 0;
  int32_t disp = 0;
  uint32_t stub = 0;
  uint8_t index = 0;
};

// Installs the handler (once per process); false when the host refused it.
bool install_guard_fault_handler();

// The sites of a function placed at `code`; sorted by pc. Registered until unregistered.
class GuardRegistration {
 public:
  GuardRegistration(const uint8_t* code, size_t size, std::vector<GuardSite> sites);
  ~GuardRegistration();
  GuardRegistration(const GuardRegistration&) = delete;
  GuardRegistration& operator=(const GuardRegistration&) = delete;

 private:
  struct Node* node_;
};

}  // namespace mnemo::jit::x64
