// core/jit/x64/compile_memory.cpp: loads and stores on any memory, part of the x86-64 Compiler
// (function_compiler.h): the address of an access, bounds checked by the guard pages or
// explicitly, and the access itself.
#include "core/jit/x64/function_compiler.h"

#include "core/jit/access_shapes.h"
#include "core/jit/memory_bases.h"

namespace mnemo::jit::x64 {

// The operand of an access of `size` bytes at the WebAssembly address at slot `at` (in `addr`,
// zero-extended), for the instruction emitted right after. On a Guarded memory: [base + addr + offset], the base
// in a register, the bounds left to the guard pages (the access is recorded for the fault
// handler). Explicitly checked: rax = the address plus the offset and the size, compared with
// the memory's size (a fault leaves through a stub that takes the size off), then
// [data + rax - size].
// `addr` is rsp when the address is the constant at slot `at` (no register holds it).
Mem Compiler::address(const MemArg& m, uint32_t at, Reg addr, uint32_t size, MemoryAccess::Kind kind, Pins pins) {
  const uint64_t constant = addr == Reg::rsp ? uint32_t(vs_.at(at).bits) : 0;
  // rax = the address plus `extra` (64 bits: no wrap-around).
  auto address_plus_in_rax = [&](uint64_t extra) {
    if (addr == Reg::rsp) {
      a_.mov_imm(W::W64, Reg::rax, constant + extra);
      return;
    }
    if (addr != Reg::rax) a_.mov(W::W64, Reg::rax, addr);
    if (extra == 0) return;
    if (extra <= 0x7fffffff) {
      a_.alu_imm(Alu::add, W::W64, Reg::rax, int32_t(extra));
    } else {
      a_.mov_imm(W::W64, Reg::rcx, extra);
      a_.alu(Alu::add, W::W64, Reg::rax, Reg::rcx);
    }
  };
  if (bounds_by_guard_pages(inst_, calls_.guard_pages, m.memory)) {
    if (addr != Reg::rsp) pins.gprs |= 1u << uint8_t(addr);
    const Reg base = vs_.base_of(m.memory, pins);
    const uint64_t disp = (addr == Reg::rsp ? constant : 0) + m.offset;
    if (disp <= 0x7fffffff) {
      guarded_.push_back({a_.size(), int32_t(disp), uint8_t(addr), &fault_here(kind, m.memory, size)});
      return Mem{base, int32_t(disp), addr};
    }
    address_plus_in_rax(m.offset);
    guarded_.push_back({a_.size(), 0, uint8_t(Reg::rax), &fault_here(kind, m.memory, size)});
    return Mem{base, 0, Reg::rax};
  }
  // rax = address + offset + size, compared with the memory's size; the stub takes the size
  // back off, and the access reads below rax.
  address_plus_in_rax(uint64_t(m.offset) + size);
  a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(InstanceContext::memory_offset(m.memory))});
  a_.alu(Alu::cmp, W::W64, Reg::rax, Mem{Reg::rcx, int32_t(offsetof(MemoryView, size))});
  TrapSite& stub = fault_here(kind, m.memory, size);
  stub.address_past_access = true;
  a_.jcc(Cond::a, stub.label);
  a_.mov(W::W64, Reg::rcx, Mem{Reg::rcx, int32_t(offsetof(MemoryView, data))});
  return Mem{Reg::rcx, -int32_t(size), Reg::rax};
}

// The register holding the address at slot `at`, or rsp for a constant address (folded into
// the access).
Reg Compiler::address_register(uint32_t at, const Pins& pins) {
  if (vs_.at(at).kind == Loc::Const) return Reg::rsp;
  return vs_.to_gpr(at, pins);
}

bool Compiler::load(const Instr& in, uint32_t h0) {
  const uint32_t at = h0 - 1;
  const LoadShape shape = load_shape(in.op);
  if (shape.size == 0) return false;
  const uint32_t size = shape.size;
  const ValType t = shape.type;
  const Reg addr = address_register(at, {});
  Pins pins;
  pins.pin(vs_.at(at));
  if (floating(t)) {
    const Xmm d = vs_.take_fpr(pins);
    const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Read, pins);
    a_.movs(fp_of(t), d, host);
    vs_.set_fpr(at, d, t);
    return true;
  }
  // The loaded value may replace the address in its register (a faulting access leaves it).
  const Reg d = addr != Reg::rsp && vs_.sole_owner(at) ? addr : vs_.take_gpr(pins);
  pins.gprs |= 1u << uint8_t(d);
  const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Read, pins);
  const W w = width(t);
  const bool sx = shape.sign_extends;
  switch (size) {
    case 1: sx ? a_.load_sx8(w, d, host) : a_.load_zx8(d, host); break;
    case 2: sx ? a_.load_sx16(w, d, host) : a_.load_zx16(d, host); break;
    case 4: sx ? a_.load_sx32(d, host) : a_.mov(W::W32, d, host); break;  // a 32-bit load zero-extends
    default: a_.mov(W::W64, d, host); break;
  }
  vs_.set_gpr(at, d, t);
  return true;
}

bool Compiler::store(const Instr& in, uint32_t h0) {
  const uint32_t at = h0 - 2, value = h0 - 1;
  const uint32_t size = store_size(in.op);
  if (size == 0) return false;
  const bool float_store = in.op == Opcode::F32Store || in.op == Opcode::F64Store;
  const Loc v = vs_.at(value);
  Pins pins;
  pins.pin(v);
  const Reg addr = address_register(at, pins);
  pins.pin(vs_.at(at));
  if (float_store && v.kind != Loc::Gpr && v.kind != Loc::Const) {
    const Xmm x = vs_.to_fpr(value, pins);
    pins.pin(vs_.at(value));
    const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Write, pins);
    a_.movs(size == 4 ? Fp::F32 : Fp::F64, host, x);
  } else if (v.kind == Loc::Const && (size != 8 || fits_imm32(W::W64, v.bits))) {
    const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Write, pins);
    if (size == 1) a_.store8_imm(host, uint8_t(v.bits));
    else if (size == 2) a_.store16_imm(host, uint16_t(v.bits));
    else a_.mov_imm(size == 4 ? W::W32 : W::W64, host, int32_t(uint32_t(v.bits)));
  } else {
    const Reg r = vs_.to_gpr(value, pins);
    pins.pin(vs_.at(value));
    const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Write, pins);
    switch (size) {
      case 1: a_.store8(host, r); break;
      case 2: a_.store16(host, r); break;
      case 4: a_.mov(W::W32, host, r); break;
      default: a_.mov(W::W64, host, r); break;
    }
  }
  vs_.set_slot(value, ValType::I32);
  vs_.set_slot(at, ValType::I32);
  return true;
}

}  // namespace mnemo::jit::x64
