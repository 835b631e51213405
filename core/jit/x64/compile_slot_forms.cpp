// core/jit/x64/compile_slot_forms.cpp: the instructions compiled with every operand in its slot,
// part of the x86-64 Compiler (function_compiler.h): the rarer floats (float_ops.h), v128
// (simd_ops.h), memory.size / grow / fill / copy, tables and segments, and select on floats
// and v128.
#include "core/jit/x64/function_compiler.h"

#include "core/jit/x64/float_ops.h"
#include "core/jit/x64/simd_ops.h"

namespace mnemo::jit::x64 {

// Everything else, in the slot forms (float_ops, memory.size / grow / fill / copy, tables and
// segments): the operands go to their slots first; these use scratch registers only, or call
// out with every value in its slot.
void Compiler::in_slots(const Instr& in, uint32_t h0) {
  switch (in.op) {
    case Opcode::MemorySize:
      vs_.flush_operands(h0);
      a_.mov(W::W64, Reg::rax, Mem{kCtx, int32_t(InstanceContext::memory_offset(in.mem.memory))});
      a_.mov(W::W64, Reg::rax, Mem{Reg::rax, int32_t(offsetof(MemoryView, size))});
      a_.shift_imm(Shift::shr, W::W64, Reg::rax, 16);
      a_.mov(W::W64, slot(h0), Reg::rax);
      results_in_slots(vs_.locals_end());
      return;
    case Opcode::Select:
    case Opcode::SelectT: {
      vs_.flush_operands(h0);
      vs_.claim(Reg::rdx);
      if (walk_.operand(0) == ValType::V128) {  // b (at h0 - 3) moves over a (h0 - 5) when the condition is 0
        Label keep;
        a_.mov(W::W32, Reg::rax, slot(h0 - 1));
        a_.test(W::W32, Reg::rax, Reg::rax);
        a_.jcc(Cond::ne, keep);
        move_v128(h0 - 3, h0 - 5);
        a_.bind(keep);
        results_in_slots(vs_.locals_end());
        return;
      }
      const uint32_t cond = h0 - 1, b = h0 - 2, a = h0 - 3;
      a_.mov(W::W32, Reg::rax, slot(cond));
      a_.mov(W::W64, Reg::rcx, slot(a));
      a_.mov(W::W64, Reg::rdx, slot(b));
      a_.test(W::W32, Reg::rax, Reg::rax);
      a_.cmov(Cond::e, W::W64, Reg::rcx, Reg::rdx);
      a_.mov(W::W64, slot(a), Reg::rcx);
      results_in_slots(vs_.locals_end());
      return;
    }
    default: break;
  }
  if (runtime_call(in, h0)) return;  // core/jit/baseline_calls.h
  // The float and v128 instructions use scratch registers only.
  FloatContext floats{a_, kFp, [this](TrapCode code) -> Label& { return trap_here(code).label; }, calls_.has_sse41};
  vs_.flush_operands(h0);
  vs_.claim(Reg::rdx);
  if (info(in.op).prefix == 0xFD) {  // v128 on SSE4.1; its memory forms through address()
    if (!calls_.has_sse41) return unsupported(in);
    SimdContext simd{a_, kFp, [this](const MemArg& m, uint32_t at, uint32_t size, MemoryAccess::Kind kind) {
                       Pins pins;  // rdx carries a store's value across the address
                       pins.gprs |= 1u << uint8_t(Reg::rdx);
                       const Reg addr = address_register(at, pins);
                       pins.pin(vs_.at(at));
                       return address(m, at, addr, size, kind, pins);
                     }};
    if (!emit_simd(simd, in, h0)) return unsupported(in);
  } else if (!emit_float(floats, in.op, h0)) {
    return unsupported(in);
  }
  results_in_slots(vs_.locals_end());
}

}  // namespace mnemo::jit::x64
