// core/runtime/context.h: an instance as compiled code sees it. Plain structs at fixed offsets,
// pinned below with static_assert(offsetof), and no standard container's layout: a JIT's code
// holds a pointer to its instance's InstanceContext and reaches memory N's base and size, table
// T's elements, global G's value and function F's entry at offsets it computes once, when it
// compiles.
//
// Layout of one context (64-bit hosts; the JITs run nowhere else):
//   InstanceContext                  the header below
//   MemoryView*  [memory_count]      memory N at memory_offset(N): its {data, size}
//   TableView*   [table_count]       then table_offset(counts, T)
//   uint64_t*    [global_count]      each global's value slots (two for a v128)
//   FuncEntry*   [func_count]        each function's entry, imports first
// The views are the runtime objects' own (a memory IS a MemoryView; a table keeps its view in
// step with its elements), so an imported memory is the exporter's very view, and a grow is seen
// through every context that holds it. The data of a Guarded or Reserved memory never moves
// (core/runtime/memory.h); a Mapped or Heap one may move on grow, so code that keeps a base in a
// register reloads it after every call and every memory.grow.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mnemo {

// A linear memory's accessible bytes: MemoryInstance (core/runtime/memory.h) begins with one.
struct MemoryView {
  uint8_t* data = nullptr;
  uint64_t size = 0;  // bytes, a multiple of 64 KiB
};

// A table's elements in slot encoding (core/runtime/value.h): TableInstance keeps one in step.
struct TableView {
  uint64_t* elems = nullptr;
  uint64_t size = 0;
};

struct InstanceContext;

// What a call needs to enter a function: FuncInstance (core/runtime/store.h) begins with one.
struct FuncEntry {
  const void* native = nullptr;        // an engine's machine code for the function; null when none
  InstanceContext* context = nullptr;  // the defining instance's; null for host functions
  uint32_t type_id = 0;                // Store::intern: call_indirect compares these
};

struct InstanceContext {
  uint64_t* fuel = nullptr;            // the store's fuel counter (Store::fuel_counter)
  const uint32_t* type_ids = nullptr;  // the module's type index -> Store::intern id
  uint32_t memory_count = 0;
  uint32_t table_count = 0;
  uint32_t global_count = 0;
  uint32_t func_count = 0;

  // Byte offsets from the context's address, for compiled code.
  static constexpr size_t memory_offset(uint32_t memory) { return sizeof(InstanceContext) + sizeof(void*) * memory; }
  size_t table_offset(uint32_t table) const { return memory_offset(memory_count) + sizeof(void*) * table; }
  size_t global_offset(uint32_t global) const { return table_offset(table_count) + sizeof(void*) * global; }
  size_t func_offset(uint32_t func) const { return global_offset(global_count) + sizeof(void*) * func; }
  size_t total_bytes() const { return func_offset(func_count); }

  MemoryView* memory(uint32_t i) const { return at<MemoryView*>(memory_offset(i)); }
  TableView* table(uint32_t i) const { return at<TableView*>(table_offset(i)); }
  uint64_t* global(uint32_t i) const { return at<uint64_t*>(global_offset(i)); }
  FuncEntry* func(uint32_t i) const { return at<FuncEntry*>(func_offset(i)); }

 private:
  template <typename T>
  T at(size_t offset) const {
    return *reinterpret_cast<T const*>(reinterpret_cast<const std::byte*>(this) + offset);
  }
};

// The offsets compiled code is built on. A change here is a change of every JIT's code.
static_assert(offsetof(MemoryView, data) == 0 && offsetof(MemoryView, size) == 8, "MemoryView layout");
static_assert(offsetof(TableView, elems) == 0 && offsetof(TableView, size) == 8, "TableView layout");
static_assert(offsetof(FuncEntry, native) == 0 && offsetof(FuncEntry, context) == sizeof(void*) &&
                  offsetof(FuncEntry, type_id) == 2 * sizeof(void*),
              "FuncEntry layout");
static_assert(offsetof(InstanceContext, fuel) == 0 && offsetof(InstanceContext, type_ids) == sizeof(void*) &&
                  offsetof(InstanceContext, memory_count) == 2 * sizeof(void*) &&
                  offsetof(InstanceContext, func_count) == 2 * sizeof(void*) + 12 &&
                  sizeof(InstanceContext) == 2 * sizeof(void*) + 16,
              "InstanceContext layout");

}  // namespace mnemo
