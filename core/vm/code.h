// core/vm/code.h: the translated form of a function (see core/vm/vm.h for the design).
#pragma once

#include <cstdint>
#include <vector>

#include "core/module.h"
#include "core/opcodes.h"
#include "core/runtime/store.h"


namespace mnemo::vm {

// Operand forms. Every row of core/opcodes.def without immediates whose two operands are
// i32/i64/f32/f64 (the scalar binary ops) runs in five forms, named by where its operands a and b
// come from (S: the stack, L: a local, C: a constant):
//   SS  the row's own op: both popped                                   no immediates
//   LL  `local.get a; local.get b; op`  -> Name_LL                      a's slot, b's slot
//   LC  `local.get a; t.const c; op`    -> Name_LC                      a's slot, c
//   SC  `t.const c; op`                 -> Name_SC                      c
//   SL  `local.get b; op`               -> Name_SL                      b's slot
// A row with an i32 result also fuses, in each form, with the br_if / if consuming it:
// Name_F_If / Name_F_Unless carry the form's immediates, then the branch offset. Every row also
// fuses, in each form, with a local.tee of its result: Name_F_Tee, the form's immediates, then the
// local's slot.
// Expanding core/opcodes.def with
//   #define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat)
//     MNEMO_VM_BINARY_ROW(X, name, imm, res, p0, p1, p2, feat)   (one line)
// calls X(name, res, p0, p1, ns) for each such row; the preprocessor filters rows by their columns.
// MNEMO_VM_FORMS(X, args) calls X(F, args) for the four fused forms, MNEMO_VM_ALL_FORMS adds SS;
// MNEMO_VM_IF_I32_##res(M, args) is M(args) when res is I32 and nothing otherwise.
#define MNEMO_VM_FORMS(X, ...) X(LL, __VA_ARGS__) X(LC, __VA_ARGS__) X(SC, __VA_ARGS__) X(SL, __VA_ARGS__)
#define MNEMO_VM_ALL_FORMS(X, ...) X(SS, __VA_ARGS__) MNEMO_VM_FORMS(X, __VA_ARGS__)
#define MNEMO_VM_IF_I32_I32(M, ...) M(__VA_ARGS__)
#define MNEMO_VM_IF_I32_I64(M, ...)
#define MNEMO_VM_IF_I32_F32(M, ...)
#define MNEMO_VM_IF_I32_F64(M, ...)
// The op of form F of row `name`: SS is the row's own op.
#define MNEMO_VM_FORM_OP_SS(name) name
#define MNEMO_VM_FORM_OP_LL(name) name##_LL
#define MNEMO_VM_FORM_OP_LC(name) name##_LC
#define MNEMO_VM_FORM_OP_SC(name) name##_SC
#define MNEMO_VM_FORM_OP_SL(name) name##_SL
#define MNEMO_VM_FORM_OP_SA(name) name##_SA
#define MNEMO_VM_FORM_OP_AC(name) name##_AC
#define MNEMO_VM_FORM_OP_AL(name) name##_AL

// The accumulator (issue 14's lever 2). In the normal loop a scalar value may skip its slot and
// stay in a register, the accumulator, from the op that produces it to the op right after, when
// that op takes it as its top operand and no jump lands between the two: the producer runs as its
// `_toA` twin, which leaves its result there instead of pushing it, and the consumer as its twin
// that takes the operand from there instead of popping it. The translator's last pass pairs them
// (core/vm/translate.cpp, accumulate). Values below the top stay in their slots and sp stays the
// top of the slots, so an op that is not a twin never sees the accumulator. A top operand from
// the accumulator is written A in the operand forms:
//   SA  a popped, b the accumulator     the twin of SS (the row's own op)
//   AC  a the accumulator, b constant   the twin of SC
//   AL  a the accumulator, b a local    the twin of SL
// and as Name_A for a load (its address) and for a unary row (its operand).
// MNEMO_VM_ACC_FORMS(X, args) calls X(F, args) for the three, MNEMO_VM_EVERY_FORM for all eight.
#define MNEMO_VM_ACC_FORMS(X, ...) X(SA, __VA_ARGS__) X(AC, __VA_ARGS__) X(AL, __VA_ARGS__)
#define MNEMO_VM_EVERY_FORM(X, ...) MNEMO_VM_ALL_FORMS(X, __VA_ARGS__) MNEMO_VM_ACC_FORMS(X, __VA_ARGS__)
// A twin stands for its stack op (the same op with the top of the stack in its slot), which is
// how the debug loops run it: there the top of the stack is always in its slot, and each twin's
// entry in their tables is its stack op's handler. The def files name it: VMOP_TWIN(name, stack op).
// MNEMO_VM_STACK_FORM_F is the stack form of form F; MNEMO_VM_STACK_OP(F, name) the op of row
// `name` in it; MNEMO_VM_PASTE3 pastes after expanding.
#define MNEMO_VM_STACK_FORM_SS SS
#define MNEMO_VM_STACK_FORM_LL LL
#define MNEMO_VM_STACK_FORM_LC LC
#define MNEMO_VM_STACK_FORM_SC SC
#define MNEMO_VM_STACK_FORM_SL SL
#define MNEMO_VM_STACK_FORM_SA SS
#define MNEMO_VM_STACK_FORM_AC SC
#define MNEMO_VM_STACK_FORM_AL SL
#define MNEMO_VM_PASTE3(a, b, c) MNEMO_VM_PASTE3_(a, b, c)
#define MNEMO_VM_PASTE3_(a, b, c) a##b##c
#define MNEMO_VM_STACK_OP(form, name) MNEMO_VM_STACK_OP_(MNEMO_VM_STACK_FORM_##form, name)
#define MNEMO_VM_STACK_OP_(f, name) MNEMO_VM_STACK_OP__(f, name)
#define MNEMO_VM_STACK_OP__(f, name) MNEMO_VM_FORM_OP_##f(name)
// Expanding core/opcodes.def with
//   #define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat)
//     MNEMO_VM_UNARY_ROW(X, name, imm, res, p0, p1, p2, feat)   (one line)
// calls X(name, res, p0, ns) for every scalar unary row without immediates (i32.eqz, the
// conversions, f64.sqrt, ...), ns the namespace of its function.
#define MNEMO_VM_UNARY_ROW(X, name, imm, res, p0, p1, p2, feat) MNEMO_VM_UN_##imm(X, name, res, p0, p1, p2, feat)
#define MNEMO_VM_UN_None(X, name, res, p0, p1, p2, feat) MNEMO_VM_UN_P1_##p1(X, name, res, p0, feat)
#define MNEMO_VM_UN_P1____(X, name, res, p0, feat) MNEMO_VM_UN_P0_##p0(X, name, res, p0, feat)
#define MNEMO_VM_UN_P0_I32(X, name, res, p0, feat) MNEMO_VM_UN_R_##res(X, name, res, p0, feat)
#define MNEMO_VM_UN_P0_I64 MNEMO_VM_UN_P0_I32
#define MNEMO_VM_UN_P0_F32 MNEMO_VM_UN_P0_I32
#define MNEMO_VM_UN_P0_F64 MNEMO_VM_UN_P0_I32
#define MNEMO_VM_UN_R_I32(X, name, res, p0, feat) MNEMO_VM_UN_F_##feat(X, name, res, p0)
#define MNEMO_VM_UN_R_I64 MNEMO_VM_UN_R_I32
#define MNEMO_VM_UN_R_F32 MNEMO_VM_UN_R_I32
#define MNEMO_VM_UN_R_F64 MNEMO_VM_UN_R_I32
#define MNEMO_VM_UN_F_Mvp(X, name, res, p0) X(name, res, p0, num)
#define MNEMO_VM_UN_F_SignExt MNEMO_VM_UN_F_Mvp
#define MNEMO_VM_UN_F_SatConv MNEMO_VM_UN_F_Mvp
#define MNEMO_VM_UN_NONE(...)
#define MNEMO_VM_UN_F_BulkMemory MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_F_RefTypes MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_F_Simd MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_R____ MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_R_V128 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_R_Spc MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P0____ MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P0_V128 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P0_Spc MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P1_I32 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P1_I64 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P1_F32 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P1_F64 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P1_V128 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_P1_Spc MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Block MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Label MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_BrTable MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Func MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_CallIndirect MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Local MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Global MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Table MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_TableCopy MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_TableInit MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Elem MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Memory MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_MemoryCopy MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_MemoryInit MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Data MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_MemArg MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_MemArgLane MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Lane MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_Shuffle MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_I32 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_I64 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_F32 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_F64 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_V128 MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_RefType MNEMO_VM_UN_NONE
#define MNEMO_VM_UN_SelectT MNEMO_VM_UN_NONE

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

// Address forms of the scalar loads (MemArg immediate, i32/i64/f32/f64 result, MVP): Name_L takes
// its address from a local (`local.get a; t.loadN`), Name_AddF from the i32.add just before it in
// form F (`i32.add; t.loadN` and its fused forms, the sum wrapping to 32 bits as the add's own).
// The scalar stores take their address (a) and value (b) in the operand forms LL, LC, SC and SL.
// Immediates: memory, offset, then the local's slot / the add's / the form's immediates.
// Expanding core/opcodes.def with
//   OP(...) = MNEMO_VM_MEMARG_ROW(LOAD, STORE, name, text, imm, res, feat, align)
// calls LOAD(name, text, res, align) for each such load and STORE(name, text, align) for each such
// store (the access size is 1 << align).
#define MNEMO_VM_MEMARG_ROW(LOAD, STORE, name, text, imm, res, feat, align) \
  MNEMO_VM_LD_##imm(LOAD, STORE, name, text, res, feat, align)
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
#define MNEMO_VM_LD_MemArg(LOAD, STORE, name, text, res, feat, align) \
  MNEMO_VM_LD_F_##feat(MNEMO_VM_LD_R_##res, LOAD, STORE, name, text, res, align)
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
#define MNEMO_VM_LD_F_Mvp(R, LOAD, STORE, name, text, res, align) R(LOAD, STORE, name, text, res, align)
#define MNEMO_VM_LD_F_Simd MNEMO_VM_LD_NONE
#define MNEMO_VM_LD_R_I32(LOAD, STORE, name, text, res, align) LOAD(name, text, res, align)
#define MNEMO_VM_LD_R_I64 MNEMO_VM_LD_R_I32
#define MNEMO_VM_LD_R_F32 MNEMO_VM_LD_R_I32
#define MNEMO_VM_LD_R_F64 MNEMO_VM_LD_R_I32
#define MNEMO_VM_LD_R____(LOAD, STORE, name, text, res, align) STORE(name, text, align)

// Register forms of the v128 rows. A v128 op's work is a few host instructions, so what costs is
// the dispatch and the 16-byte copies around it: local.get pushes, local.set / local.tee pops.
// Every row of core/opcodes.def with a v128 result, no immediates and at most two operands (the
// v128 arithmetic, shifts, splats) and every v128 load runs, besides its own op, in a form that
// names where its operands are and where its result goes, all as slots from the frame base (the
// translator knows every stack height, so a stack operand is a slot like a local):
//   Name_R   d1 d2 h a [b]           operands at slots a (and b)
//   Name_RC  d1 d2 h a c...          b is the constant c (one word, or two for a v128)
//   Name_R   d1 d2 h mem offset a    a v128 load whose address is at slot a
// The result is written to slots d1 and d2 and the stack height becomes h: a push has d1 = d2 =
// the stack top; fused with local.tee x, d2 = x; with local.set x, d1 = d2 = x and h drops by 2.
// Expanding core/opcodes.def with
//   #define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat)
//     MNEMO_VM_V128_ROW(X, name, imm, res, p0, p1, p2, feat)   (one line)
// calls X(name, kind, p0, p1) for each such row, kind Op or Load; MNEMO_VM_IF_RC_##kind##_##p1(M,
// args) is M(args) for the rows that also have Name_RC (binary ops) and nothing otherwise.
#define MNEMO_VM_V128_ROW(X, name, imm, res, p0, p1, p2, feat) MNEMO_VM_V_F_##feat(X, name, imm, res, p0, p1, p2)
#define MNEMO_VM_V_NONE(...)
#define MNEMO_VM_V_F_Mvp MNEMO_VM_V_NONE
#define MNEMO_VM_V_F_SignExt MNEMO_VM_V_NONE
#define MNEMO_VM_V_F_SatConv MNEMO_VM_V_NONE
#define MNEMO_VM_V_F_BulkMemory MNEMO_VM_V_NONE
#define MNEMO_VM_V_F_RefTypes MNEMO_VM_V_NONE
#define MNEMO_VM_V_F_Simd(X, name, imm, res, p0, p1, p2) MNEMO_VM_V_R_##res(X, name, imm, p0, p1, p2)
#define MNEMO_VM_V_R____ MNEMO_VM_V_NONE
#define MNEMO_VM_V_R_I32 MNEMO_VM_V_NONE
#define MNEMO_VM_V_R_I64 MNEMO_VM_V_NONE
#define MNEMO_VM_V_R_F32 MNEMO_VM_V_NONE
#define MNEMO_VM_V_R_F64 MNEMO_VM_V_NONE
#define MNEMO_VM_V_R_Spc MNEMO_VM_V_NONE
#define MNEMO_VM_V_R_V128(X, name, imm, p0, p1, p2) MNEMO_VM_V_P2_##p2(X, name, imm, p0, p1)
#define MNEMO_VM_V_P2_I32 MNEMO_VM_V_NONE
#define MNEMO_VM_V_P2_V128 MNEMO_VM_V_NONE
#define MNEMO_VM_V_P2____(X, name, imm, p0, p1) MNEMO_VM_V_I_##imm(X, name, p0, p1)
#define MNEMO_VM_V_I_None(X, name, p0, p1) X(name, Op, p0, p1)
#define MNEMO_VM_V_I_MemArg(X, name, p0, p1) X(name, Load, p0, p1)
#define MNEMO_VM_V_I_MemArgLane MNEMO_VM_V_NONE
#define MNEMO_VM_V_I_Lane MNEMO_VM_V_NONE
#define MNEMO_VM_V_I_Shuffle MNEMO_VM_V_NONE
#define MNEMO_VM_V_I_V128 MNEMO_VM_V_NONE
#define MNEMO_VM_IF_RC_Op_V128(M, ...) M(__VA_ARGS__)
#define MNEMO_VM_IF_RC_Op_I32(M, ...) M(__VA_ARGS__)
#define MNEMO_VM_IF_RC_Op____(M, ...)
#define MNEMO_VM_IF_RC_Load____(M, ...)

// Every op of translated code: WebAssembly's Opcode numbers first, then the internal ops, then the
// generated variants (core/vm/variant_ops.def).
enum class VmOp : uint16_t {
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) name,
#include "core/opcodes.def"
#undef OP
#define IOP(name, imms) name,
#include "core/vm/internal_ops.def"
#undef IOP
#define VMOP(name) name,
#include "core/vm/variant_ops.def"
#undef VMOP
  Count_
};
static_assert(uint16_t(VmOp::Invalid) == kOpcodeCount, "internal ops are numbered after WebAssembly's");

// The ops that return from a function: WebAssembly's, and the one-result forms of normal
// translations (core/vm/internal_ops.def).
constexpr bool is_return(VmOp op) { return op == VmOp::Return || op == VmOp::Return1 || op == VmOp::ReturnA; }

// The word that starts op `op` in translated code, and the op a word starts.
// Direct threading: in native builds with computed-goto dispatch, the normal loop
// (execute<LoopHooks::None>) jumps to the address an op word carries, in bits 16 and up above the
// VmOp number (user-space code addresses fit in 48 bits), so a dispatch is one load and a shift
// where a table of handlers adds a dependent load. The debug loops, the printer and the translator
// read the number from the low 16 bits; switch builds (Emscripten) carry the number alone.
uint64_t op_word(VmOp op);  // core/vm/interp.cpp
inline constexpr unsigned kHandlerShift = 16;  // the VmOp number's bits below the address
inline constexpr VmOp op_of_word(uint64_t word) { return VmOp(uint16_t(word)); }
inline const void* handler_of_word(uint64_t word) { return reinterpret_cast<const void*>(uintptr_t(word >> kHandlerShift)); }

// How a memory instruction names its memory in translated code: the MemoryInstance* word, through
// which the handler reads base and size, and an offset word, whose low half is the memarg offset
// (below 2^32: memories are 32-bit) and whose high half is the memory index. Handlers read the
// offset as a 32-bit load, so carrying the index costs nothing on the fast path, and a trap or a
// debugger's access report names its memory from the handler itself. memory.size, grow, fill and
// init carry an offset word of offset 0; memory.copy carries both indices in one word.
struct MemoryWords {
  uint64_t instance;  // MemoryInstance*
  uint64_t offset;    // offset_word(index, offset)
};
inline constexpr uint64_t offset_word(uint32_t memory, uint32_t offset) { return uint64_t(memory) << 32 | offset; }
inline constexpr uint32_t offset_of_word(uint64_t word) { return uint32_t(word); }
inline constexpr uint32_t memory_of_word(uint64_t word) { return uint32_t(word >> 32); }
inline constexpr uint64_t memory_pair_word(uint32_t dst, uint32_t src) { return uint64_t(src) << 32 | dst; }
inline constexpr uint32_t dst_memory_of_pair(uint64_t word) { return uint32_t(word); }
inline constexpr uint32_t src_memory_of_pair(uint64_t word) { return uint32_t(word >> 32); }

// A wasm call (VmOp::Call) carries its callee's CompiledFunc*, then kCallFrameWords words that
// make the call's fast path independent of loads through that pointer: the callee's entry
// (code.data()), its parameter and declared-local slot counts packed in one word, and its
// max_slots. core/vm/translate.h: link_calls fills them.
inline constexpr uint32_t kCallFrameWords = 3;
inline constexpr uint64_t call_frame_word(uint32_t param_slots, uint32_t local_slots) {
  return uint64_t(local_slots) << 32 | param_slots;
}
inline constexpr uint32_t params_of_frame_word(uint64_t word) { return uint32_t(word); }
inline constexpr uint32_t locals_of_frame_word(uint64_t word) { return uint32_t(word >> 32); }

// Slots (64-bit words) a value of type `s` takes on the stack or in the code: two for a v128, none
// for ___ (the ValType twin is slot_count in core/runtime/value.h).
inline constexpr uint32_t slot_count(SigType s) { return s == SigType::___ ? 0 : s == SigType::V128 ? 2 : 1; }

struct CompiledFunc final : EngineCode {
  uint32_t func_index = 0;       // in the defining module's function index space
  const Function* source = nullptr;
  const Instance* instance = nullptr;  // the defining instance: positions name it (CodeLocation)
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
  std::vector<uint32_t> call_sites;  // pc of each wasm call op, whose frame words link_calls fills
};

// The interpreter's translation of wasm function `f`. Every wasm function the interpreter calls was
// instantiated by it (vm::instantiate makes a CompiledFunc for each); an engine of another kind
// that hands functions to the interpreter keeps a translation of this kind beside its own.
inline CompiledFunc* interp_code(const FuncInstance& f) { return static_cast<CompiledFunc*>(f.compiled.get()); }

}  // namespace mnemo::vm
