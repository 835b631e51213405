// tests/generate/module_generator.h: generates valid WebAssembly modules from a seed, biased
// toward multiple memories: 2 to 5 of them, some imported, some of 0 pages, some with maxima;
// every load and store width on every memory, bulk memory between and within memories,
// accesses at the edges, memory.grow that succeeds and that fails, call_indirect through a table
// with null entries and mismatched types, traps on purpose. The same seed gives the same module,
// byte for byte, on every build and host (tests/generate/rng.h).
//
// Exports, in order: the generated functions (no parameters, one i32/i64/f32/f64 result; they
// run in export order and share state), "digest" (the bits of every float result so far, as the
// engines print floats differently), and "hash_mem<i>" for each memory i (memory_hash.h).
#pragma once

#include <cstdint>
#include <string>

#include "core/module.h"

namespace mnemo::gen {

struct GeneratedModule {
  Module module;
  uint32_t instructions = 0;      // in all function bodies
  uint32_t memories = 0;
  uint32_t imported_memories = 0; // imported from module "env" as "mem<i>"
  bool aliased = false;           // two imports name the same memory ("mem<i>" twice)
  uint32_t exports = 0;           // exported functions, digest and hashes included
};

GeneratedModule generate_module(uint64_t seed);

// The module with each imported memory turned into a defined memory of the same type, for
// engines that cannot link memories. Imported memories come first in the index space, so
// prepending them to the defined ones keeps every memory index; a fresh imported memory (zero
// bytes, its minimum size) behaves exactly like the defined one. Not for aliased modules: two
// indices of one memory would become two memories.
Module without_memory_imports(const Module& module);

}  // namespace mnemo::gen
