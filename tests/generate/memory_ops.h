// tests/generate/memory_ops.h: the memory instructions of a generated body: loads and stores of
// every width and alignment on every memory (v128 ones included), memory.size / memory.grow
// (growth that succeeds and growth past the maximum), memory.copy within and between memories
// with overlapping ranges, memory.fill, memory.init and data.drop. Addresses lean toward each
// memory's last valid byte and the first invalid one, read from memory.size at run time so they
// stay on the edge after a grow: both successful accesses and out-of-bounds traps occur.
#pragma once

#include <cstdint>

#include "core/module.h"

namespace mnemo::gen {

class FunctionBuilder;

class MemoryOps {
 public:
  explicit MemoryOps(FunctionBuilder& b) : b_(b) {}

  bool any_memory() const;
  void load(ValType t, int depth);   // pushes a t read from some memory (v128: every v128 load form)
  void store(int depth);             // a scalar or v128 store, or a v128 lane store
  void size_value();                 // memory.size of some memory (i32)
  void grow_value(int depth);        // memory.grow of some memory (i32: old size or -1)
  void bulk(int depth);              // memory.copy / fill / init or data.drop

 private:
  uint32_t pick_memory();
  // Pushes an i32 address for an access of `width` bytes with static `offset` into `memory`.
  void address(uint32_t memory, uint32_t width, uint64_t offset, int depth);
  // Pushes a byte count, often reaching exactly to the end of the memory from the address in `local`.
  void length(uint32_t memory, uint32_t address_local, int depth);
  uint64_t offset(uint32_t width);
  MemArg memarg(uint32_t memory, uint32_t natural_align, uint32_t width);

  FunctionBuilder& b_;
  bool bulk_ = false;  // addresses for memory.copy / fill / init
};

}  // namespace mnemo::gen
