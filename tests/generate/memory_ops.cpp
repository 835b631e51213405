// tests/generate/memory_ops.cpp: see memory_ops.h.
#include "tests/generate/memory_ops.h"

#include "tests/generate/function_builder.h"

namespace mnemo::gen {

namespace {

using O = Opcode;

const std::vector<Opcode> kI32Loads = {O::I32Load, O::I32Load8S, O::I32Load8U, O::I32Load16S, O::I32Load16U};
const std::vector<Opcode> kI64Loads = {O::I64Load, O::I64Load8S, O::I64Load8U, O::I64Load16S,
                                       O::I64Load16U, O::I64Load32S, O::I64Load32U};
const std::vector<Opcode> kV128Loads = {O::V128Load, O::V128Load8x8S, O::V128Load8x8U, O::V128Load16x4S,
                                        O::V128Load16x4U, O::V128Load32x2S, O::V128Load32x2U, O::V128Load8Splat,
                                        O::V128Load16Splat, O::V128Load32Splat, O::V128Load64Splat,
                                        O::V128Load32Zero, O::V128Load64Zero};
const std::vector<Opcode> kV128LaneLoads = {O::V128Load8Lane, O::V128Load16Lane, O::V128Load32Lane, O::V128Load64Lane};
const std::vector<Opcode> kV128LaneStores = {O::V128Store8Lane, O::V128Store16Lane, O::V128Store32Lane,
                                             O::V128Store64Lane};
struct StoreOp {
  Opcode op;
  ValType value;
};
const std::vector<StoreOp> kStores = {
    {O::I32Store, ValType::I32},  {O::I32Store8, ValType::I32},  {O::I32Store16, ValType::I32},
    {O::I64Store, ValType::I64},  {O::I64Store8, ValType::I64},  {O::I64Store16, ValType::I64},
    {O::I64Store32, ValType::I64}, {O::F32Store, ValType::F32},  {O::F64Store, ValType::F64},
    {O::V128Store, ValType::V128}};

uint32_t width_of(Opcode op) {
  // The bytes an access touches; v128.load8x8_s and friends read 8, the lane forms one lane.
  return 1u << info(op).align;
}

}  // namespace

bool MemoryOps::any_memory() const { return !b_.plan_.memories.empty(); }

uint32_t MemoryOps::pick_memory() {
  // Memories of 0 pages trap on every access until grown: pick them less often.
  const auto& memories = b_.plan_.memories;
  const uint32_t any = b_.rng_.below(uint32_t(memories.size()));
  if (memories[any].min_pages > 0 || b_.rng_.chance(10)) return any;
  std::vector<uint32_t> sized;
  for (uint32_t m = 0; m < memories.size(); ++m)
    if (memories[m].min_pages > 0) sized.push_back(m);
  return sized.empty() ? any : b_.rng_.pick(sized);
}

uint64_t MemoryOps::offset(uint32_t width) {
  // Mostly none: a large static offset makes almost every access trap.
  const uint32_t r = b_.rng_.below(100);
  if (r < 78) return 0;
  if (r < 93) return b_.rng_.below(64);
  if (r < 99) return width;
  return b_.rng_.pick(std::vector<uint64_t>{65536u - width, 0x10000, 0xFFFFFFFFu});
}

MemArg MemoryOps::memarg(uint32_t memory, uint32_t natural_align, uint32_t width) {
  MemArg m;
  m.memory = memory;
  m.align = b_.rng_.range(0, natural_align);
  m.offset = offset(width);
  return m;
}

void MemoryOps::address(uint32_t memory, uint32_t width, uint64_t offset, int depth) {
  // Most accesses succeed (a trap ends the export's call, and everything after it goes untested;
  // an export makes dozens of accesses): one in ten lands at the end of the memory, at its last
  // valid bytes, and one in twenty-five past it.
  Rng& r = b_.rng_;
  // Bulk operations (width 1 here) mostly stay clear of the end: their lengths reach past it.
  const uint32_t form = width == 1 && bulk_ ? r.below(93) : r.below(100);
  if (form < 60) return b_.i32_const(r.below(256));
  if (form < 86) {
    b_.value(ValType::I32, depth);
    b_.i32_const(0xFFF);
    b_.emit(O::I32And);
    return;
  }
  if (form < 98) {
    // The end of the memory as it is now (memory.size, so it follows grows): the access ends
    // exactly at the last byte, a little before it, or (k one short) one byte past it.
    int64_t k = int64_t(width) + int64_t(offset);
    if (form < 96) {
      k += r.below(16);
    } else if (form < 97) {
      k -= 1;
    } else {
      k -= int64_t(r.range(2, 8));
    }
    b_.emit(O::MemorySize).mem.memory = memory;
    b_.i32_const(16);
    b_.emit(O::I32Shl);
    b_.i32_const(uint32_t(k));
    b_.emit(O::I32Sub);
    return;
  }
  const uint32_t page_end = 65536u * r.range(1, 2);
  const std::vector<uint32_t> edges = {page_end - width, page_end - width + 1, page_end, 0xFFFFFFFFu,
                                       0x7FFFFFFFu, 0xFFFFFFFFu - width};
  b_.i32_const(r.pick(edges));
}

void MemoryOps::load(ValType t, int depth) {
  const uint32_t m = pick_memory();
  Opcode op;
  switch (t) {
    case ValType::I32: op = b_.rng_.pick(kI32Loads); break;
    case ValType::I64: op = b_.rng_.pick(kI64Loads); break;
    case ValType::F32: op = O::F32Load; break;
    case ValType::F64: op = O::F64Load; break;
    default: op = b_.rng_.chance(25) ? b_.rng_.pick(kV128LaneLoads) : b_.rng_.pick(kV128Loads); break;
  }
  const uint32_t width = width_of(op);
  const MemArg arg = memarg(m, info(op).align, width);
  address(m, width, arg.offset, depth);
  const bool lane = info(op).imm == ImmKind::MemArgLane;
  if (lane) b_.v128_value(depth);
  Instr& i = b_.emit(op);
  i.mem = arg;
  if (lane) i.lane = uint8_t(b_.rng_.below(16u / width));
}

void MemoryOps::store(int depth) {
  const uint32_t m = pick_memory();
  if (b_.rng_.chance(15)) {
    const Opcode op = b_.rng_.pick(kV128LaneStores);
    const uint32_t width = width_of(op);
    const MemArg arg = memarg(m, info(op).align, width);
    address(m, width, arg.offset, depth);
    b_.v128_value(depth);
    Instr& i = b_.emit(op);
    i.mem = arg;
    i.lane = uint8_t(b_.rng_.below(16u / width));
    return;
  }
  const StoreOp s = b_.rng_.pick(kStores);
  const uint32_t width = width_of(s.op);
  const MemArg arg = memarg(m, info(s.op).align, width);
  address(m, width, arg.offset, depth);
  b_.value(s.value, depth);
  b_.canonicalize(s.value);  // stored float bits must not depend on the engine's NaN choice
  b_.emit(s.op).mem = arg;
}

void MemoryOps::size_value() { b_.emit(O::MemorySize).mem.memory = pick_memory(); }

void MemoryOps::grow_value(int depth) {
  Rng& r = b_.rng_;
  const uint32_t m = pick_memory();
  const MemoryPlan& plan = b_.plan_.memories[m];
  // Deltas that must fail everywhere: past the declared maximum, or past 65536 pages (4 GiB).
  const std::vector<uint32_t> failing = {65537, 0x7FFFFFFFu, 0xFFFFFFFFu};
  if (plan.max_pages) {
    std::vector<uint32_t> deltas = {0, 1, 1, 2, *plan.max_pages + 1};
    deltas.insert(deltas.end(), failing.begin(), failing.end());
    b_.i32_const(r.pick(deltas));
    b_.emit(O::MemoryGrow).mem.memory = m;
    return;
  }
  // No maximum: growth succeeds only while the budget global lasts (every engine can give a
  // few pages; how many more it can give is its own business).
  const uint32_t budget = *plan.grow_budget_global;
  b_.emit(O::GlobalGet).index = budget;
  Instr& i = b_.emit(O::If);
  i.block.kind = BlockType::Kind::Value;
  i.block.value = ValType::I32;
  b_.labels_.push_back(false);
  b_.emit(O::GlobalGet).index = budget;
  b_.i32_const(1);
  b_.emit(O::I32Sub);
  b_.emit(O::GlobalSet).index = budget;
  b_.i32_const(r.range(0, 1));
  b_.emit(O::MemoryGrow).mem.memory = m;
  b_.emit(O::Else);
  b_.i32_const(r.pick(failing));
  b_.emit(O::MemoryGrow).mem.memory = m;
  b_.emit(O::End);
  b_.labels_.pop_back();
  (void)depth;
}

void MemoryOps::length(uint32_t memory, uint32_t address_local, int depth) {
  Rng& r = b_.rng_;
  switch (r.below(12)) {
    case 0:
      // Up to the end of the memory (from the address), or one byte past it, or one short.
      b_.emit(O::MemorySize).mem.memory = memory;
      b_.i32_const(16);
      b_.emit(O::I32Shl);
      b_.emit(O::LocalGet).index = address_local;
      b_.emit(O::I32Sub);
      b_.i32_const(r.range(0, 2) - 1);
      b_.emit(O::I32Add);
      return;
    case 1: return b_.i32_const(r.pick(std::vector<uint32_t>{0, 0, 0x10000, 0xFFFFFFFFu}));
    case 2: case 3:
      b_.value(ValType::I32, depth);
      b_.i32_const(0x3FF);
      b_.emit(O::I32And);
      return;
    default: return b_.i32_const(r.below(65));
  }
}

void MemoryOps::bulk(int depth) {
  Rng& r = b_.rng_;
  bulk_ = true;
  const uint32_t dst_mem = pick_memory();
  const uint32_t dst = b_.add_local(ValType::I32, true);
  switch (r.below(5)) {
    case 0: case 1: {  // memory.copy, within one memory (ranges that overlap) or between two
      const uint32_t src_mem = r.chance(40) ? dst_mem : pick_memory();
      address(dst_mem, 1, 0, depth);
      b_.emit(O::LocalTee).index = dst;
      if (src_mem == dst_mem && r.chance(70)) {
        b_.emit(O::LocalGet).index = dst;
        b_.i32_const(uint32_t(int32_t(r.range(0, 32)) - 16));
        b_.emit(O::I32Add);
      } else {
        address(src_mem, 1, 0, depth);
      }
      length(dst_mem, dst, depth);
      Instr& i = b_.emit(O::MemoryCopy);
      i.mem.memory = dst_mem;
      i.mem_src = src_mem;
      return;
    }
    case 2: {  // memory.fill
      address(dst_mem, 1, 0, depth);
      b_.emit(O::LocalTee).index = dst;
      b_.value(ValType::I32, depth);
      length(dst_mem, dst, depth);
      b_.emit(O::MemoryFill).mem.memory = dst_mem;
      return;
    }
    default: {  // memory.init from a passive (or dropped) segment, or data.drop
      if (b_.plan_.datas.empty()) return b_.i32_const(0), b_.emit(O::Drop), void();
      // Mostly passive segments: an active one counts as dropped once placed, so any
      // memory.init from it with a non-zero length traps.
      std::vector<uint32_t> passive;
      for (uint32_t d = 0; d < b_.plan_.datas.size(); ++d)
        if (b_.plan_.datas[d].passive) passive.push_back(d);
      const uint32_t seg =
          !passive.empty() && r.chance(85) ? r.pick(passive) : r.below(uint32_t(b_.plan_.datas.size()));
      if (r.chance(3)) {
        b_.emit(O::DataDrop).index = seg;
        return;
      }
      const uint32_t seg_size = b_.plan_.datas[seg].size;
      address(dst_mem, 1, 0, depth);
      b_.emit(O::LocalTee).index = dst;
      const uint32_t src = r.chance(85) ? r.range(0, seg_size) : seg_size + 1;
      b_.i32_const(src);
      b_.i32_const(r.chance(85) ? r.range(0, seg_size > src ? seg_size - src : 0) : r.range(0, seg_size + 2));
      Instr& i = b_.emit(O::MemoryInit);
      i.index = seg;
      i.mem.memory = dst_mem;
      return;
    }
  }
}

}  // namespace mnemo::gen
