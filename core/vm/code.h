// core/vm/code.h: the translated form of a function (see core/vm/vm.h for the design).
#pragma once

#include <cstdint>
#include <vector>

#include "core/module.h"
#include "core/opcodes.h"

namespace mnemo::vm {

// Operand variants. Every row of core/opcodes.def without immediates whose two operands are
// i32/i64/f32/f64 (the scalar binary ops) gets three more ops, generated here, whose operands
// are addressed instead of popped: Name_LL (two locals: `local.get a; local.get b; op`), Name_LC
// (a local and a constant: `local.get a; t.const c; op`) and Name_SC (the stack top and a
// constant: `t.const c; op`). Expanding core/opcodes.def with
//   #define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat)
//     MNEMO_VM_BINARY_ROW(X, name, imm, res, p0, p1, p2, feat)   (one line)
// calls X(name, res, p0, p1, ns) for each such row; the preprocessor filters rows by their columns.
#define MNEMO_VM_BINARY_ROW(X, name, imm, res, p0, p1, p2, feat) MNEMO_VM_BIN_##imm(name, res, p0, p1, p2, feat, X)
#define MNEMO_VM_BIN_None(name, res, p0, p1, p2, feat, X) MNEMO_VM_BIN_P2_##p2(name, res, p0, p1, feat, X)
#define MNEMO_VM_BIN_P2____(name, res, p0, p1, feat, X) MNEMO_VM_BIN_P1_##p1(name, res, p0, p1, feat, X)
#define MNEMO_VM_BIN_P1_I32(name, res, p0, p1, feat, X) MNEMO_VM_BIN_P0_##p0(name, res, p0, p1, feat, X)
#define MNEMO_VM_BIN_P1_I64 MNEMO_VM_BIN_P1_I32
#define MNEMO_VM_BIN_P1_F32 MNEMO_VM_BIN_P1_I32
#define MNEMO_VM_BIN_P1_F64 MNEMO_VM_BIN_P1_I32
#define MNEMO_VM_BIN_P0_I32(name, res, p0, p1, feat, X) MNEMO_VM_BIN_FEAT_##feat(name, res, p0, p1, X)
#define MNEMO_VM_BIN_P0_I64 MNEMO_VM_BIN_P0_I32
#define MNEMO_VM_BIN_P0_F32 MNEMO_VM_BIN_P0_I32
#define MNEMO_VM_BIN_P0_F64 MNEMO_VM_BIN_P0_I32
#define MNEMO_VM_BIN_FEAT_Mvp(name, res, p0, p1, X) X(name, res, p0, p1, num)
#define MNEMO_VM_BIN_NONE(...)
#define MNEMO_VM_BIN_P2_I32 MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P2_I64 MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P2_F32 MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P2_F64 MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P2_V128 MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P2_Spc MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P1____ MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P1_V128 MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P1_Spc MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P0____ MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P0_V128 MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_P0_Spc MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_FEAT_SignExt MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_FEAT_SatConv MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_FEAT_BulkMemory MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_FEAT_RefTypes MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_FEAT_Simd MNEMO_VM_BIN_NONE
#define MNEMO_VM_BIN_Hand(...)
#define MNEMO_VM_BIN_Block MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Label MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_BrTable MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Func MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_CallIndirect MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Local MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Global MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Table MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_TableCopy MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_TableInit MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Elem MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Memory MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_MemoryCopy MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_MemoryInit MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Data MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_MemArg MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_MemArgLane MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Lane MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_Shuffle MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_I32 MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_I64 MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_F32 MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_F64 MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_V128 MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_RefType MNEMO_VM_BIN_Hand
#define MNEMO_VM_BIN_SelectT MNEMO_VM_BIN_Hand

// Load variants: every scalar load row (MemArg immediate, i32/i64/f32/f64 result, MVP) gets
// Name_L, whose address is a local (`local.get a; t.loadN off`): op, memory, offset, slot.
// Expanding core/opcodes.def with OP(...) = MNEMO_VM_LOAD_ROW(X, name, text, imm, res, feat, align)
// calls X(name, text, res, align) for each such row.
#define MNEMO_VM_LOAD_ROW(X, name, text, imm, res, feat, align) MNEMO_VM_LD_##imm(X, name, text, res, feat, align)
#define MNEMO_VM_LD_NONE(...)
#define MNEMO_VM_LD_None MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Block MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Label MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_BrTable MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Func MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_CallIndirect MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Local MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Global MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Table MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_TableCopy MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_TableInit MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Elem MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Memory MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_MemoryCopy MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_MemoryInit MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Data MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_MemArg(X, name, text, res, feat, align) MNEMO_VM_LD_R_##res(X, name, text, res, feat, align)
#define MNEMO_VM_LD_MemArgLane MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Lane MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_Shuffle MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_I32 MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_I64 MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_F32 MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_F64 MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_V128 MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_RefType MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_SelectT MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_R_I32(X, name, text, res, feat, align) MNEMO_VM_LD_F_##feat(X, name, text, res, feat, align)
#define MNEMO_VM_LD_R_I64(X, name, text, res, feat, align) MNEMO_VM_LD_F_##feat(X, name, text, res, feat, align)
#define MNEMO_VM_LD_R_F32(X, name, text, res, feat, align) MNEMO_VM_LD_F_##feat(X, name, text, res, feat, align)
#define MNEMO_VM_LD_R_F64(X, name, text, res, feat, align) MNEMO_VM_LD_F_##feat(X, name, text, res, feat, align)
#define MNEMO_VM_LD_R_V128 MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_R____ MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_F_Mvp(X, name, text, res, feat, align) X(name, text, res, align)
#define MNEMO_VM_LD_F_Simd MNEMO_VM_LD_NONE

// Every op of translated code: WebAssembly's Opcode numbers first, then the internal ops.
enum class VmOp : uint16_t {
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) name,
#include "core/opcodes.def"
#undef OP
#define IOP(name, imms) name,
#include "core/vm/internal_ops.def"
#undef IOP
#define MNEMO_VM_OPERAND_VARIANT(name, res, p0, p1, ns) name##_LL, name##_LC, name##_SC,
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_BINARY_ROW(MNEMO_VM_OPERAND_VARIANT, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_VM_OPERAND_VARIANT
#define MNEMO_VM_LOAD_VARIANT(name, text, res, align) name##_L,
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_LOAD_ROW(MNEMO_VM_LOAD_VARIANT, name, text, imm, res, feat, align)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_VM_LOAD_VARIANT
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
