// tests/generate/memory_hash.h: the fingerprint of a memory's final bytes, computed the same way
// natively (by mnemo's runner) and inside Wasm (by the exported hash functions the generator
// appends, so that engines that cannot dump memory, like wasm-interp, report it too): FNV-1a's
// xor-multiply step over the memory's little-endian 8-byte words, then xor the page count.
// Words instead of bytes make the in-Wasm loop 8x shorter in a slow interpreter.
#pragma once

#include <cstdint>

#include "core/module.h"

namespace mnemo::gen {

inline constexpr uint64_t kHashBasis = 0xCBF29CE484222325ull;
inline constexpr uint64_t kHashPrime = 0x100000001B3ull;

uint64_t memory_hash(const uint8_t* data, uint64_t size);

// A function () -> i64 that computes memory_hash of memory `memory` (which must exist).
Function memory_hash_function(uint32_t type_index, uint32_t memory);

}  // namespace mnemo::gen
