// core/simd/each_op.h: expands MNEMO_SIMD_OP(Name, "text", Imm, align) once for every row of
// core/opcodes.def that has a function in scalar:: and host:: (every 0xFD row except
// v128.load, v128.store and v128.const, which the VM performs itself). Include it after
// defining MNEMO_SIMD_OP; it may be included any number of times and undefines its helpers.
//   Imm    the row's ImmKind enumerator name: None, Lane, Shuffle, MemArg or MemArgLane
//   align  MemArg(Lane): log2 of the access size; Lane: log2 of the lane count
// The rows are filtered by token pasting on the prefix, the immediate kind and (for MemArg)
// the access size, so the table stays the only list of opcodes.
#ifndef MNEMO_SIMD_OP
#error "define MNEMO_SIMD_OP(Name, text, Imm, align) before including core/simd/each_op.h"
#endif

#define MNEMO_SIMD_PREFIX_0x00(name, text, imm, align)
#define MNEMO_SIMD_PREFIX_0xFC(name, text, imm, align)
#define MNEMO_SIMD_PREFIX_0xFD(name, text, imm, align) MNEMO_SIMD_IMM_##imm(name, text, align)
#define MNEMO_SIMD_IMM_None(name, text, align) MNEMO_SIMD_OP(name, text, None, align)
#define MNEMO_SIMD_IMM_Lane(name, text, align) MNEMO_SIMD_OP(name, text, Lane, align)
#define MNEMO_SIMD_IMM_Shuffle(name, text, align) MNEMO_SIMD_OP(name, text, Shuffle, align)
#define MNEMO_SIMD_IMM_MemArgLane(name, text, align) MNEMO_SIMD_OP(name, text, MemArgLane, align)
#define MNEMO_SIMD_IMM_V128(name, text, align) /* v128.const */
#define MNEMO_SIMD_IMM_MemArg(name, text, align) MNEMO_SIMD_MEMARG_##align(name, text)
#define MNEMO_SIMD_MEMARG_0(name, text) MNEMO_SIMD_OP(name, text, MemArg, 0)
#define MNEMO_SIMD_MEMARG_1(name, text) MNEMO_SIMD_OP(name, text, MemArg, 1)
#define MNEMO_SIMD_MEMARG_2(name, text) MNEMO_SIMD_OP(name, text, MemArg, 2)
#define MNEMO_SIMD_MEMARG_3(name, text) MNEMO_SIMD_OP(name, text, MemArg, 3)
#define MNEMO_SIMD_MEMARG_4(name, text) /* v128.load, v128.store */

#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_SIMD_PREFIX_##prefix(name, text, imm, align)
#include "core/opcodes.def"
#undef OP

#undef MNEMO_SIMD_PREFIX_0x00
#undef MNEMO_SIMD_PREFIX_0xFC
#undef MNEMO_SIMD_PREFIX_0xFD
#undef MNEMO_SIMD_IMM_None
#undef MNEMO_SIMD_IMM_Lane
#undef MNEMO_SIMD_IMM_Shuffle
#undef MNEMO_SIMD_IMM_MemArgLane
#undef MNEMO_SIMD_IMM_V128
#undef MNEMO_SIMD_IMM_MemArg
#undef MNEMO_SIMD_MEMARG_0
#undef MNEMO_SIMD_MEMARG_1
#undef MNEMO_SIMD_MEMARG_2
#undef MNEMO_SIMD_MEMARG_3
#undef MNEMO_SIMD_MEMARG_4
