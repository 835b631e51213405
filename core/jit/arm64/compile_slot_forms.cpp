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
    case Opcode::TableGet:
    case Opcode::TableSet:
    case Opcode::TableSize:
    case Opcode::TableGrow:
    case Opcode::TableFill:
    case Opcode::TableCopy:
    case Opcode::TableInit:
    case Opcode::ElemDrop:
    case Opcode::MemoryInit:
    case Opcode::DataDrop:
    case Opcode::MemoryGrow:
    case Opcode::MemoryFill:
    case Opcode::MemoryCopy: vs_.flush_all(h0); break;  // calls out: every value to its slot
    default: return unsupported(in);
  }
  switch (in.op) {
    case Opcode::TableGet: bulk(in, h0 - 1, inst_.tables[in.index], nullptr); break;
    case Opcode::TableSet: bulk(in, h0 - 2, inst_.tables[in.index], nullptr); break;
    case Opcode::TableSize: bulk(in, h0, inst_.tables[in.index], nullptr); break;
    case Opcode::TableGrow: bulk(in, h0 - 2, inst_.tables[in.index], nullptr); break;
    case Opcode::TableFill: bulk(in, h0 - 3, inst_.tables[in.index], nullptr); break;
    case Opcode::TableCopy: bulk(in, h0 - 3, inst_.tables[in.index], inst_.tables[in.index2]); break;
    case Opcode::TableInit: bulk(in, h0 - 3, inst_.tables[in.index2], const_cast<ElemInstance*>(&inst_.elems[in.index])); break;
    case Opcode::ElemDrop: bulk(in, h0, const_cast<ElemInstance*>(&inst_.elems[in.index]), nullptr); break;
    case Opcode::MemoryInit:
      bulk(in, h0 - 3, inst_.memories[in.mem.memory], const_cast<DataInstance*>(&inst_.datas[in.index]));
      break;
    case Opcode::DataDrop: bulk(in, h0, const_cast<DataInstance*>(&inst_.datas[in.index]), nullptr); break;
    case Opcode::MemoryGrow:
      load_pointer(Reg::x0, inst_.memories[in.mem.memory]);
      add_imm64(Reg::x1, kFp, uint64_t(8) * (h0 - 1));
      call_out(reinterpret_cast<const void*>(calls_.memory_grow));
      break;
    case Opcode::MemoryFill:
      a_.mov(W::W64, Reg::x0, kState);
      load_pointer(Reg::x1, inst_.memories[in.mem.memory]);
      a_.mov_imm(W::W64, Reg::x2, in.mem.memory);
      add_imm64(Reg::x3, kFp, uint64_t(8) * (h0 - 3));
      call_out(reinterpret_cast<const void*>(calls_.memory_fill));
      propagate_if_trapped();
      break;
    case Opcode::MemoryCopy:
      a_.mov(W::W64, Reg::x0, kState);
      load_pointer(Reg::x1, inst_.memories[in.mem.memory]);
      load_pointer(Reg::x2, inst_.memories[in.mem_src]);
      add_imm64(Reg::x3, kFp, uint64_t(8) * (h0 - 3));
      a_.mov_imm(W::W64, Reg::x4, uint64_t(in.mem_src) << 32 | in.mem.memory);
      call_out(reinterpret_cast<const void*>(calls_.memory_copy));
      propagate_if_trapped();
      break;
    default: break;
  }
  results_in_slots(vs_.locals_end());
}

}  // namespace mnemo::jit::arm64
