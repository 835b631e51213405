// core/validate/memory_index.cpp: the single place that checks a memory index and a memory
// operand. Every memory instruction, data segment and export reaches memories through here.
#include "context.h"

namespace mnemo::validate {

Status check_memory_index(const Context& c, const Site& site, uint32_t memory) {
  if (memory >= c.memories.size())
    return fail(c.module, site, unknown("memory", memory), "memory index " + std::to_string(memory));
  return {};
}

Status check_memarg(const Context& c, const Site& site, Opcode op, const MemArg& mem) {
  if (Status s = check_memory_index(c, site, mem.memory); !s) return s;
  // Memories are 32-bit: the binary format reads the offset as a u32 and the text format parses
  // it so, but a module built in memory is not trusted to have done either.
  if (mem.offset > UINT32_MAX)
    return fail(c.module, site, "offset out of range",
                "offset " + std::to_string(mem.offset) + " > 2^32-1, memory index " + std::to_string(mem.memory));
  // Section 3.3.7: 2^memarg.align must not exceed the access width in bytes.
  if (mem.align > info(op).align)
    return fail(c.module, site, "alignment must not be larger than natural",
                "alignment 2^" + std::to_string(mem.align) + " > " + std::to_string(1u << info(op).align) +
                    ", memory index " + std::to_string(mem.memory));
  return {};
}

}  // namespace mnemo::validate
