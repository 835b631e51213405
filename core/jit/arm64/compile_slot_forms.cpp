// core/jit/arm64/compile_slot_forms.cpp: the instructions compiled with their operands in their
// slots, part of the AArch64 Compiler (function_compiler.h): memory.size, and what calls out to
// the runtime (memory.grow / fill / copy / init, tables and segments), and select on v128.
// Anything else is not compiled yet: the function is left to the interpreter.
#include "core/jit/arm64/function_compiler.h"

namespace mnemo::jit::arm64 {

void Compiler::in_slots(const Instr& in, uint32_t h0) {
  switch (in.op) {
    case Opcode::MemorySize: {  // the size in pages, from the memory's view
      const Reg d = vs_.take_gpr();
      a_.ldr(W::W64, d, Mem::at(kCtx, int64_t(InstanceContext::memory_offset(in.mem.memory))));
      a_.ldr(W::W64, d, Mem::at(d, int64_t(offsetof(MemoryView, size))));
      a_.lsr(W::W64, d, d, uint8_t(16));
      vs_.set_gpr(h0, d, ValType::I32);
      return;
    }
    case Opcode::Select:
    case Opcode::SelectT: {  // v128 (the others are in registers): b (at h0 - 3) over a (h0 - 5) when the condition is 0
      vs_.flush_operands(h0);
      Label keep;
      a_.ldr(W::W32, kScratch0, slot(h0 - 1));
      a_.cbnz(W::W32, kScratch0, keep);
      a_.ldp(W::W64, kScratch0, kScratch1, Mem::at(kFp, int64_t(8) * (h0 - 3)));
      a_.str(W::W64, kScratch0, slot(h0 - 5));
      a_.str(W::W64, kScratch1, slot(h0 - 4));
      a_.bind(keep);
      results_in_slots(vs_.locals_end());
      return;
    }
    default: break;
  }
  if (!runtime_call(in, h0)) unsupported(in);  // core/jit/baseline_calls.h
}

}  // namespace mnemo::jit::arm64
