// core/vm/code.h: the translated form of a function (see core/vm/vm.h for the design).
#pragma once

#include <cstdint>
#include <vector>

#include "core/module.h"
#include "core/opcodes.h"

namespace mnemo::vm {

// Every op of translated code: WebAssembly's Opcode numbers first, then the internal ops.
enum class VmOp : uint16_t {
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) name,
#include "core/opcodes.def"
#undef OP
#define IOP(name, imms) name,
#include "core/vm/internal_ops.def"
#undef IOP
  Count_
};
static_assert(uint16_t(VmOp::Invalid) == kOpcodeCount, "internal ops are numbered after WebAssembly's");

inline constexpr uint64_t op_word(VmOp op) { return uint64_t(op); }

// The i32 comparisons that fuse with a following br_if / if into JumpIf<Cmp> / JumpUnless<Cmp>.
#define MNEMO_VM_FUSED_COMPARES(X) \
  X(I32Eq) X(I32Ne) X(I32LtS) X(I32LtU) X(I32GtS) X(I32GtU) X(I32LeS) X(I32LeU) X(I32GeS) X(I32GeU)

struct CompiledFunc {
  uint32_t func_index = 0;       // in the defining module's function index space
  const Function* source = nullptr;
  std::vector<uint64_t> code;    // op words and their immediates
  // For every word of `code`, the index in source->body of the instruction it was translated
  // from (immediates included): how a pc becomes a (function, instruction) location.
  std::vector<uint32_t> instr_at;
  std::vector<ValType> local_types;  // parameters first, then declared locals
  std::vector<uint32_t> local_slot;  // slot of each local
  uint32_t param_slots = 0;
  uint32_t local_slots = 0;      // declared locals only (zeroed on entry)
  uint32_t result_slots = 0;
  uint32_t max_slots = 0;        // locals + the deepest operand stack: what a call must have free
};

}  // namespace mnemo::vm
