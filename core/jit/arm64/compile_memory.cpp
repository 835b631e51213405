// core/jit/arm64/compile_memory.cpp: loads and stores on any memory, part of the AArch64
// Compiler (function_compiler.h): the address of an access, bounds checked by the guard pages or
// explicitly, and the access itself.
//
// Stores are always checked explicitly, before the access, so a store that straddles the end of
// memory writes none of its bytes before it traps: AArch64 may write the part of a faulting
// unaligned store that is in bounds (wasmtime#7237), and whether a store straddles depends on
// its address at run time. Loads, which write nothing, leave their check to the guard pages where
// the memory is Guarded.
#include "core/jit/arm64/function_compiler.h"
#include "core/jit/access_shapes.h"
#include "core/jit/memory_bases.h"

namespace mnemo::jit::arm64 {

// The operand of an access of `size` bytes at the WebAssembly address at slot `at` (a constant,
// or in a register already: the caller put it there), for the instruction emitted right after:
// x16 = the address plus the offset and the size (64 bits: no wrap-around), compared with the
// memory's size (a fault leaves through a stub that takes the size back off); then x8 = the
// memory's data plus x16, and the access is [x8 - size]. Uses x16, x17 and x8 only.
//
// A load from a Guarded memory instead: [base + index], the base in a register, the index the
// address (plus the offset, in x16, unless it is 0), the access recorded for the fault handler.
Mem Compiler::address(const MemArg& m, uint32_t at, uint32_t size, MemoryAccess::Kind kind, const Pins& pins) {
  const Loc l = vs_.at(at);
  if (kind == MemoryAccess::Kind::Read && bounds_by_guard_pages(inst_, calls_.guard_pages, m.memory)) {
    Pins keep = pins;
    keep.pin(l);
    const Reg base = vs_.base_of(m.memory, keep);
    Reg index = kScratch0;
    if (l.kind == Loc::Const) a_.mov_imm(W::W64, kScratch0, uint64_t(uint32_t(l.bits)) + m.offset);
    else if (m.offset != 0) add_imm64(kScratch0, Reg(l.reg), m.offset);
    else index = Reg(l.reg);  // zero-extended: an i32's upper half is zero
    guarded_.push_back({a_.size(), uint8_t(index), &fault_here(kind, m.memory, size)});
    return Mem::indexed(base, index);
  }
  const uint64_t extra = m.offset + uint64_t(size);
  if (l.kind == Loc::Const) a_.mov_imm(W::W64, kScratch0, uint64_t(uint32_t(l.bits)) + extra);
  else add_imm64(kScratch0, Reg(l.reg), extra);
  a_.ldr(W::W64, kScratch1, Mem::at(kCtx, int64_t(InstanceContext::memory_offset(m.memory))));
  static_assert(offsetof(MemoryView, data) == 0 && offsetof(MemoryView, size) == 8);
  a_.ldp(W::W64, kScratch2, kScratch1, Mem::at(kScratch1));  // x8 = data, x17 = size
  a_.cmp(W::W64, kScratch0, kScratch1);
  TrapSite& stub = fault_here(kind, m.memory, size);
  stub.address_past_access = true;
  a_.b(Cond::hi, stub.label);
  a_.add(W::W64, kScratch2, kScratch2, kScratch0);
  return Mem::at(kScratch2, -int64_t(size));
}

bool Compiler::load(const Instr& in, uint32_t h0) {
  const uint32_t at = h0 - 1;
  const LoadShape shape = load_shape(in.op);
  if (shape.size == 0) return false;
  const uint32_t size = shape.size;
  const ValType t = shape.type;
  if (vs_.at(at).kind != Loc::Const) vs_.to_gpr(at);
  Pins pins;
  pins.pin(vs_.at(at));
  if (floating(t)) {
    const VReg d = vs_.take_fpr(pins);
    pins.fprs |= 1u << uint8_t(d);
    const Mem host = address(in.mem, at, size, MemoryAccess::Kind::Read, pins);
    a_.ldr(size == 4 ? Vw::S : Vw::D, d, host);
    vs_.set_fpr(at, d, t);
    return true;
  }
  // The loaded value may replace the address in its register (the address is in x16 by then).
  const Reg d = vs_.at(at).kind == Loc::Gpr && vs_.sole_owner(at) ? Reg(vs_.at(at).reg) : vs_.take_gpr(pins);
  pins.gprs |= 1u << uint8_t(d);  // not the base's register
  const Mem host = address(in.mem, at, size, MemoryAccess::Kind::Read, pins);
  const W w = width(t);
  const bool sx = shape.sign_extends;
  switch (size) {
    case 1: sx ? a_.ldrsb(w, d, host) : a_.ldrb(d, host); break;
    case 2: sx ? a_.ldrsh(w, d, host) : a_.ldrh(d, host); break;
    case 4: sx ? a_.ldrsw(d, host) : a_.ldr(W::W32, d, host); break;  // a W load zero-extends
    default: a_.ldr(W::W64, d, host); break;
  }
  vs_.set_gpr(at, d, t);
  return true;
}

bool Compiler::store(const Instr& in, uint32_t h0) {
  const uint32_t at = h0 - 2, value = h0 - 1;
  const uint32_t size = store_size(in.op);
  if (size == 0) return false;
  // A float store takes its value from either file (the bits are the same); an integer store's
  // narrow forms want a general register.
  const bool float_store = in.op == Opcode::F32Store || in.op == Opcode::F64Store;
  Pins pins;
  const Loc::Kind kind = vs_.at(value).kind;
  if (kind == Loc::Slot || (!float_store && kind == Loc::Fpr)) {
    if (float_store) vs_.to_fpr(value);
    else vs_.to_gpr(value);
  }
  pins.pin(vs_.at(value));
  if (vs_.at(at).kind != Loc::Const) vs_.to_gpr(at, pins);
  pins.pin(vs_.at(at));
  const Loc v = vs_.at(value);
  const Mem host = address(in.mem, at, size, MemoryAccess::Kind::Write, pins);
  if (v.kind == Loc::Fpr) {
    a_.str(size == 4 ? Vw::S : Vw::D, VReg(v.reg), host);
  } else {
    Reg r = Reg::zr;
    if (v.kind == Loc::Gpr) {
      r = Reg(v.reg);
    } else if (v.bits != 0) {  // a constant: x17 is free once the bounds are checked
      a_.mov_imm(W::W64, kScratch1, size == 8 ? v.bits : uint32_t(v.bits));
      r = kScratch1;
    }
    switch (size) {
      case 1: a_.strb(r, host); break;
      case 2: a_.strh(r, host); break;
      case 4: a_.str(W::W32, r, host); break;
      default: a_.str(W::W64, r, host); break;
    }
  }
  vs_.set_slot(value, ValType::I32);
  vs_.set_slot(at, ValType::I32);
  return true;
}

}  // namespace mnemo::jit::arm64
