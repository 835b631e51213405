// core/jit/guard_sites.h: the table behind bounds checks by the hardware, shared by the backends.
// Where a memory is Guarded (core/runtime/memory.h: 8 GiB + 64 KiB reserved, only its pages
// accessible), compiled code leaves out the explicit check and an access past the end faults on
// the reservation's inaccessible pages. The SIGSEGV handler (guard_faults.h) looks
// the faulting instruction up here, computes the WebAssembly address from the registers its
// ucontext holds, and resumes at the access's trap stub, which records memory, kind, address and
// size as an explicit check would.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mnemo::jit {

// One access compiled without a check: at code offset `pc`, with the WebAssembly address (the
// instruction's offset not added) in the backend's register number `index` (or, in a number the
// backend reserves for it, none: the address is a constant folded into disp), so the address that
// faulted is index + disp. `stub` is the offset of its trap stub.
struct GuardSite {
  uint32_t pc = 0;
  int32_t disp = 0;
  uint32_t stub = 0;
  uint8_t index = 0;
};

// The sites of the functions placed in one block of code at `code`. Registered until unregistered.
class GuardRegistration {
 public:
  GuardRegistration(const uint8_t* code, size_t size, std::vector<GuardSite> sites);
  ~GuardRegistration();
  GuardRegistration(const GuardRegistration&) = delete;
  GuardRegistration& operator=(const GuardRegistration&) = delete;

 private:
  struct Node* node_;
};

// For a fault handler (async-signal-safe: it reads a lock-free list and allocates nothing): the
// registered site at `pc`, with *code set to the start of its block; null when `pc` is none.
const GuardSite* find_guard_site(const uint8_t* pc, const uint8_t** code);

}  // namespace mnemo::jit
