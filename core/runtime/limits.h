// core/runtime/limits.h: what one Store may hold and spend. Every limit is checked where the
// resource is made, and going past it is a clear error (at instantiation) or a trap / failed grow
// (at run time), never a crash: a module is never trusted to ask for a sane amount.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mnemo {

struct StoreLimits {
  // Bytes of linear memory all the store's memories may hold together (their sizes, page by
  // page; reserved but inaccessible address space does not count). Instantiating a memory past it
  // is an error naming the memory; memory.grow past it fails with -1, as the spec allows.
  // Default: default_memory_budget().
  uint64_t max_memory_bytes = 0;
  uint32_t max_memories = 200'000;   // memories, tables and instances the store may hold at once
  uint32_t max_tables = 200'000;
  uint32_t max_instances = 100'000;
  // One call's stack: wasm frames, and bytes of locals and operands; deeper traps "call stack
  // exhausted". Smaller in the browser, where the engine's whole heap is 32-bit.
#if defined(__EMSCRIPTEN__)
  uint32_t max_call_depth = 1u << 14;
  uint64_t max_stack_bytes = uint64_t(2) << 20;
#else
  uint32_t max_call_depth = 1u << 16;
  uint64_t max_stack_bytes = uint64_t(8) << 20;
#endif
  // Instructions a store's calls may run; nullopt: unmetered. See Store::set_fuel.
  std::optional<uint64_t> fuel;

  static StoreLimits defaults();
};

// What this machine can actually hold: physical memory plus swap natively (memories are committed
// lazily, but a guest may touch every page it declares), what the 32-bit heap can still grow to
// under Emscripten. 4 GiB when the host does not say.
uint64_t default_memory_budget();

// "4 GiB", "64 KiB", "1.5 MiB (1572865 bytes)", "100 bytes": a byte count for messages.
std::string format_bytes(uint64_t bytes);

}  // namespace mnemo
