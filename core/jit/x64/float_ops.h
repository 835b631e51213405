// core/jit/x64/float_ops.h: the f32/f64 instructions of the x86-64 baseline compiler, on scalar
// SSE, with every value in its frame slot (an f32 in the low half of its slot, the high half
// zero, as the interpreter keeps it). WebAssembly's rules that x86 does not follow by itself are
// spelled out: min/max of signed zeros and NaNs, truncations that trap (NaN: "invalid conversion
// to integer"; out of range: "integer overflow") or saturate, unsigned conversions.
#pragma once

#include <cstdint>
#include <functional>

#include "core/jit/x64/assembler.h"
#include "core/opcodes.h"
#include "core/runtime/trap.h"

namespace mnemo::jit::x64 {

struct FloatContext {
  Assembler& a;
  Reg frame;                                // the frame's slots
  std::function<Label&(TrapCode)> trap;     // an out-of-line trap at the current instruction
  bool has_sse41 = false;                   // ceil / floor / trunc / nearest (roundss)
};

// Emits `op` whose operands end at stack height `h0` (slots h0-1 and h0-2), its result where its
// first operand was. False when `op` is not one of the float instructions compiled here.
bool emit_float(FloatContext& c, Opcode op, uint32_t h0);

}  // namespace mnemo::jit::x64
