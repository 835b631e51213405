// core/jit/x64/simd_ops.h: the v128 instructions of the x86-64 baseline compiler, on SSE4.1
// (SSE2, SSSE3 and SSE4.1; no VEX), with every value in its frame slots: a v128 takes two
// 8-byte slots, low half first, exactly as the interpreter keeps it (core/runtime/value.h).
// Operands end at stack height h0; the result is written to the slots of the first operand.
//
// Registers: only rax, rcx, rdx and xmm0-xmm3 (the compiler owns every other one), plus what
// the compiler's address callback uses for the memory forms. Slots and guest bytes are not
// 16-byte aligned, so vectors are read and written with movdqu (or the narrower movd / movq /
// pmovsx / pmovzx accesses) and every packed operation works between registers.
//
// WebAssembly's rules that SSE does not follow by itself are spelled out inline (simd_ops.cpp):
// min / max (NaNs and signed zeros), pmin / pmax (operand order), the saturating truncations,
// unsigned conversions, unsigned and i64x2 comparisons, i64x2 abs / shr_s / mul, byte shifts,
// popcnt, q15mulr's one overflow, extadd_pairwise. Nothing calls out: every instruction has an
// inline sequence.
#pragma once

#include <cstdint>
#include <functional>

#include "core/jit/x64/assembler.h"
#include "core/module.h"
#include "core/runtime/trap_info.h"

namespace mnemo::jit::x64 {

struct SimdContext {
  Assembler& a;
  Reg frame;  // the frame's slots
  // The host address of the access of `size` bytes whose WebAssembly address is in slot
  // `address_slot`: the compiler's bounds check (explicit, or left to the guard pages) on memory
  // `m.memory`, faulting with `kind`. The access itself must be the very next instruction
  // emitted (a guard-page fault is found by its pc). It may use rax, rcx and the compiler's own
  // registers, never rdx or xmm0-xmm3, which carry a store's value across it.
  std::function<Mem(const MemArg& m, uint32_t address_slot, uint32_t size, MemoryAccess::Kind kind)> address;
};

// Emits `in` (a 0xFD instruction: v128.const, lanes, arithmetic, conversions, and the memory
// forms through c.address) whose operands end at stack height `h0`. False when it is not one.
bool emit_simd(SimdContext& c, const Instr& in, uint32_t h0);

}  // namespace mnemo::jit::x64
