// core/jit/x64/x64_backend.cpp: the x86-64 backend behind the shared JIT engine
// (core/jit/backend.h): its entry trampoline, the CPU's features its compiler asks for, its
// compiler, its thunk into the interpreter, and its call linking.
#include <cpuid.h>

#include <cstring>

#include "core/jit/backend.h"
#include "core/jit/thread_state.h"
#include "core/jit/x64/assembler.h"
#include "core/jit/x64/compiler.h"
#include "core/jit/x64/guard_faults.h"

namespace mnemo::jit {
namespace x64 {
namespace {

class X64Backend final : public Backend {
 public:
  X64Backend() {
    // CPUID (Intel SDM vol. 2, CPUID): leaf 1 ECX bit 19 SSE4.1, bit 23 POPCNT; leaf 7 EBX bit 3
    // BMI1 (tzcnt); leaf 0x80000001 ECX bit 5 LZCNT.
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
      calls_.has_sse41 = ecx & (1u << 19);
      calls_.has_popcnt = ecx & (1u << 23);
    }
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) calls_.has_bmi1 = ebx & (1u << 3);
    if (__get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx)) calls_.has_lzcnt = ecx & (1u << 5);
  }

  MachineArch arch() const override { return MachineArch::X64; }
  bool install_guard_fault_handler() override { return x64::install_guard_fault_handler(); }
  void configure(const RuntimeEntries& runtime, bool guard_pages) override {
    static_cast<RuntimeEntries&>(calls_) = runtime;
    calls_.guard_pages = guard_pages;
  }

  // System V: rbx, rbp, r12-r15 are the caller's; the compiled code's registers rbx (slots), r12
  // (context) and r13 (state) come from the arguments.
  std::unique_ptr<CodeMemory> make_trampoline(uint32_t* trap_exit_offset) const override {
    Assembler a;
    const Reg saved[] = {Reg::rbx, Reg::rbp, Reg::r12, Reg::r13, Reg::r14, Reg::r15};
    for (Reg r : saved) a.push(r);
    a.alu_imm(Alu::sub, W::W64, Reg::rsp, 8);  // 16-byte aligned before the call below
    a.mov(W::W64, Reg::rbx, Reg::rsi);
    a.mov(W::W64, Reg::r12, Reg::rdx);
    a.mov(W::W64, Reg::r13, Reg::rcx);
    a.mov(W::W64, Mem{Reg::r13, int32_t(offsetof(ThreadState, entry_sp))}, Reg::rsp);
    a.call(Reg::rdi);
    a.alu(Alu::xor_, W::W32, Reg::rax, Reg::rax);
    Label leave;
    a.bind(leave);
    a.alu_imm(Alu::add, W::W64, Reg::rsp, 8);
    for (int i = 5; i >= 0; --i) a.pop(saved[i]);
    a.ret();
    *trap_exit_offset = a.size();  // a trap stub jumps here, from any depth
    a.mov(W::W64, Reg::rsp, Mem{Reg::r13, int32_t(offsetof(ThreadState, entry_sp))});
    a.mov_imm(W::W32, Reg::rax, 1);
    a.jmp(leave);
    return std::make_unique<CodeMemory>(a.code());
  }

  CompileResult compile(const Instance& instance, const IndexSpaces& spaces, uint32_t func, bool metered,
                        InstrOffsets offsets, std::vector<uint8_t>* scratch) const override {
    RuntimeCalls calls = calls_;
    calls.metered = metered;
    return compile_function(instance, spaces, func, calls, offsets, scratch);
  }

  std::vector<uint8_t> interpreter_thunk(const Instance& instance, uint32_t func) const override {
    return x64::interpreter_thunk(instance, func, calls_);
  }

  // call rel32: the field counts from the end of the instruction, which the field ends.
  void link_call(uint8_t* block, uint32_t site, uint32_t target) const override {
    const int32_t rel = int32_t(int64_t(target) - int64_t(site + 4));
    std::memcpy(block + site, &rel, 4);
  }

  void pad(uint8_t* at, size_t bytes) const override { std::memset(at, 0xcc, bytes); }  // int3

 private:
  RuntimeCalls calls_;
};

}  // namespace
}  // namespace x64

std::unique_ptr<Backend> make_host_backend() { return std::make_unique<x64::X64Backend>(); }

}  // namespace mnemo::jit
