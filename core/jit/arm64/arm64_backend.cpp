// core/jit/arm64/arm64_backend.cpp: the AArch64 backend behind the shared JIT engine
// (core/jit/backend.h): its entry trampoline, its compiler, its thunk into the interpreter and
// its call linking, and its guard pages' fault handler.
#include <cstring>

#include "core/jit/arm64/assembler.h"
#include "core/jit/arm64/compiler.h"
#include "core/jit/arm64/guard_faults.h"
#include "core/jit/backend.h"
#include "core/jit/thread_state.h"

namespace mnemo::jit {
namespace arm64 {
namespace {

class Arm64Backend final : public Backend {
 public:
  MachineArch arch() const override { return MachineArch::Arm64; }
  bool install_guard_fault_handler() override { return arm64::install_guard_fault_handler(); }
  void configure(const RuntimeEntries& runtime, bool guard_pages) override {
    static_cast<RuntimeEntries&>(calls_) = runtime;
    calls_.guard_pages = guard_pages;
  }

  // AAPCS64: x19..x28, x29, x30 and d8..d15 are the caller's. Compiled code leaves d8..d15 alone
  // (value_stack.h) and saves x29 / x30 itself; the trampoline saves x19..x28 and gives x19 the
  // slots, x20 the context, x21 the state.
  std::unique_ptr<CodeMemory> make_trampoline(uint32_t* trap_exit_offset) const override {
    Assembler a;
    a.stp(W::W64, Reg::x29, Reg::x30, Mem::pre(Reg::sp, -96));
    a.stp(W::W64, Reg::x19, Reg::x20, Mem::at(Reg::sp, 16));
    a.stp(W::W64, Reg::x21, Reg::x22, Mem::at(Reg::sp, 32));
    a.stp(W::W64, Reg::x23, Reg::x24, Mem::at(Reg::sp, 48));
    a.stp(W::W64, Reg::x25, Reg::x26, Mem::at(Reg::sp, 64));
    a.stp(W::W64, Reg::x27, Reg::x28, Mem::at(Reg::sp, 80));
    a.mov(W::W64, Reg::x29, Reg::sp);
    a.mov(W::W64, Reg::x19, Reg::x1);
    a.mov(W::W64, Reg::x20, Reg::x2);
    a.mov(W::W64, Reg::x21, Reg::x3);
    a.mov(W::W64, Reg::x16, Reg::sp);
    a.str(W::W64, Reg::x16, Mem::at(Reg::x21, int64_t(offsetof(ThreadState, entry_sp))));
    a.blr(Reg::x0);
    a.mov_imm(W::W32, Reg::x0, 0);
    Label leave;
    a.bind(leave);
    a.ldp(W::W64, Reg::x19, Reg::x20, Mem::at(Reg::sp, 16));
    a.ldp(W::W64, Reg::x21, Reg::x22, Mem::at(Reg::sp, 32));
    a.ldp(W::W64, Reg::x23, Reg::x24, Mem::at(Reg::sp, 48));
    a.ldp(W::W64, Reg::x25, Reg::x26, Mem::at(Reg::sp, 64));
    a.ldp(W::W64, Reg::x27, Reg::x28, Mem::at(Reg::sp, 80));
    a.ldp(W::W64, Reg::x29, Reg::x30, Mem::post(Reg::sp, 96));
    a.ret();
    *trap_exit_offset = a.size();  // a trap stub jumps here, from any depth: x21 is still the state
    a.ldr(W::W64, Reg::x16, Mem::at(Reg::x21, int64_t(offsetof(ThreadState, entry_sp))));
    a.mov(W::W64, Reg::sp, Reg::x16);
    a.mov_imm(W::W32, Reg::x0, 1);
    a.b(leave);
    if (a.failed()) return nullptr;
    return std::make_unique<CodeMemory>(a.code());
  }

  CompileResult compile(const Instance& instance, const IndexSpaces& spaces, uint32_t func, bool metered,
                        InstrOffsets offsets, std::vector<uint8_t>*) const override {
    RuntimeCalls calls = calls_;
    calls.metered = metered;
    return compile_function(instance, spaces, func, calls, offsets);
  }

  std::vector<uint8_t> interpreter_thunk(const Instance& instance, uint32_t func) const override {
    return arm64::interpreter_thunk(instance, func, calls_);
  }

  // bl: imm26, in words from the branch itself (+-128 MiB, far more than a block of code).
  void link_call(uint8_t* block, uint32_t site, uint32_t target) const override {
    const int64_t words = (int64_t(target) - int64_t(site)) / 4;
    const uint32_t insn = 0x94000000u | (uint32_t(words) & 0x3ffffffu);
    std::memcpy(block + site, &insn, 4);
  }

  // udf #0: the all-zero word is permanently undefined, so the padding traps if ever run.
  void pad(uint8_t* at, size_t bytes) const override { std::memset(at, 0, bytes); }

 private:
  RuntimeCalls calls_;
};

}  // namespace
}  // namespace arm64

std::unique_ptr<Backend> make_host_backend() { return std::make_unique<arm64::Arm64Backend>(); }

}  // namespace mnemo::jit
