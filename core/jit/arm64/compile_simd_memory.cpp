// core/jit/arm64/compile_simd_memory.cpp: the v128 loads and stores (part of the AArch64
// Compiler, function_compiler.h; the rest of v128 is compile_simd.cpp, whose conventions these
// follow): v128.load / store, the extending loads, load splats and load_zero, lane loads and
// stores. The address goes through Compiler::address (compile_memory.cpp) like any access's:
// the access is the instruction right after it, the one a guard page's fault names.
#include "core/jit/arm64/function_compiler.h"
#include "core/jit/opcode_rows.h"

namespace mnemo::jit::arm64 {
namespace {

using Arr = Assembler::Arr;

// Extending loads: 64 bits loaded, their lanes sign- or zero-extended to twice their width.
struct WidenLoadRow {
  Opcode op;
  Vw from;
  bool is_signed;
};
constexpr WidenLoadRow kWidenLoadRows[] = {
    {Opcode::V128Load8x8S, Vw::B, true},  {Opcode::V128Load8x8U, Vw::B, false},
    {Opcode::V128Load16x4S, Vw::H, true}, {Opcode::V128Load16x4U, Vw::H, false},
    {Opcode::V128Load32x2S, Vw::S, true}, {Opcode::V128Load32x2U, Vw::S, false},
};
// Lane loads and stores, splats and zero-extending loads from memory: the access's width.
struct MemoryLaneRow {
  Opcode op;
  Vw lane;
  Arr arr;
  uint32_t size;
};
constexpr MemoryLaneRow kLoadLaneRows[] = {
    {Opcode::V128Load8Lane, Vw::B, Arr::B16, 1}, {Opcode::V128Load16Lane, Vw::H, Arr::H8, 2},
    {Opcode::V128Load32Lane, Vw::S, Arr::S4, 4}, {Opcode::V128Load64Lane, Vw::D, Arr::D2, 8},
};
constexpr MemoryLaneRow kStoreLaneRows[] = {
    {Opcode::V128Store8Lane, Vw::B, Arr::B16, 1}, {Opcode::V128Store16Lane, Vw::H, Arr::H8, 2},
    {Opcode::V128Store32Lane, Vw::S, Arr::S4, 4}, {Opcode::V128Store64Lane, Vw::D, Arr::D2, 8},
};
constexpr MemoryLaneRow kLoadSplatRows[] = {
    {Opcode::V128Load8Splat, Vw::B, Arr::B16, 1}, {Opcode::V128Load16Splat, Vw::H, Arr::H8, 2},
    {Opcode::V128Load32Splat, Vw::S, Arr::S4, 4}, {Opcode::V128Load64Splat, Vw::D, Arr::D2, 8},
    {Opcode::V128Load32Zero, Vw::S, Arr::S4, 4},  {Opcode::V128Load64Zero, Vw::D, Arr::D2, 8},
};

constexpr RowIndex kWidenLoadIndex(kWidenLoadRows);
constexpr RowIndex kLoadLaneIndex(kLoadLaneRows);
constexpr RowIndex kStoreLaneIndex(kStoreLaneRows);
constexpr RowIndex kLoadSplatIndex(kLoadSplatRows);

}  // namespace

bool Compiler::accesses_memory(Opcode op) {
  return op == Opcode::V128Load || op == Opcode::V128Store || kWidenLoadIndex.find(op) || kLoadLaneIndex.find(op) ||
         kStoreLaneIndex.find(op) || kLoadSplatIndex.find(op);
}

// The `size`-byte scalar at `host` into x17, zero-extended: the access itself (a guard site's pc).
void Compiler::load_lane_scalar(uint32_t size, const Mem& host) {
  switch (size) {
    case 1: a_.ldrb(kScratch1, host); break;
    case 2: a_.ldrh(kScratch1, host); break;
    case 4: a_.ldr(W::W32, kScratch1, host); break;
    default: a_.ldr(W::W64, kScratch1, host); break;
  }
}

// One of accesses_memory's instructions, its operands ending at height h0 (the walk already past
// it). A store loads its v128 before the address takes the scratch registers.
void Compiler::simd_memory(const Instr& in, uint32_t h0) {
  const VReg x = kFpScratch0;
  const auto host_of = [&](uint32_t at, uint32_t size, MemoryAccess::Kind kind) {
    if (vs_.at(at).kind != Loc::Const) vs_.to_gpr(at);
    Pins pins;
    pins.pin(vs_.at(at));
    return address(in.mem, at, size, kind, pins);
  };
  const auto v128_result_at = [&](uint32_t at) {
    vs_.set_slot(at, ValType::V128);
    a_.str(Vw::Q, x, v128_slot(at));
    vs_.set_slot(at + 1, ValType::V128);
  };
  if (in.op == Opcode::V128Load) {  // the address at h0 - 1 becomes the v128 there
    a_.ldr(Vw::Q, x, host_of(h0 - 1, 16, MemoryAccess::Kind::Read));
    v128_result_at(h0 - 1);
    return;
  }
  if (const WidenLoadRow* r = kWidenLoadIndex.find(in.op)) {
    a_.ldr(Vw::D, x, host_of(h0 - 1, 8, MemoryAccess::Kind::Read));
    a_.xtl(r->is_signed, r->from, false, x, x);
    v128_result_at(h0 - 1);
    return;
  }
  if (const MemoryLaneRow* r = kLoadSplatIndex.find(in.op)) {
    const Mem host = host_of(h0 - 1, r->size, MemoryAccess::Kind::Read);
    if (in.op == Opcode::V128Load32Zero || in.op == Opcode::V128Load64Zero) {
      a_.ldr(r->lane, x, host);  // a scalar load clears the rest of the register
    } else {
      load_lane_scalar(r->size, host);
      a_.dup(r->arr, x, kScratch1);
    }
    v128_result_at(h0 - 1);
    return;
  }
  const uint32_t at = h0 - 3;  // the address; the v128 at h0 - 2
  if (const MemoryLaneRow* r = kLoadLaneIndex.find(in.op)) {
    load_lane_scalar(r->size, host_of(at, r->size, MemoryAccess::Kind::Read));  // into x17
    a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
    a_.ins(r->lane, x, in.lane, kScratch1);
    v128_result_at(at);
    return;
  }
  a_.ldr(Vw::Q, x, v128_slot(h0 - 2));
  if (const MemoryLaneRow* r = kStoreLaneIndex.find(in.op)) {
    const Mem host = host_of(at, r->size, MemoryAccess::Kind::Write);
    a_.umov(r->lane, kScratch1, x, in.lane);  // x17 is free once the bounds are checked
    switch (r->size) {
      case 1: a_.strb(kScratch1, host); break;
      case 2: a_.strh(kScratch1, host); break;
      case 4: a_.str(W::W32, kScratch1, host); break;
      default: a_.str(W::W64, kScratch1, host); break;
    }
  } else {  // V128Store
    a_.str(Vw::Q, x, host_of(at, 16, MemoryAccess::Kind::Write));
  }
  vs_.set_slot(at, ValType::I32);
}

}  // namespace mnemo::jit::arm64
