// core/runtime/host_pages.h: the host's virtual memory, as linear memories use it. On hosts with
// mmap (Linux, macOS, the BSDs) address space can be reserved without being backed, and pages made
// accessible later, in place; elsewhere (Emscripten's 32-bit heap, Windows for now) `available()`
// is false and memories live in the C heap instead (core/runtime/memory.cpp).
#pragma once

#include <cstdint>

namespace mnemo::host_pages {

// Whether reserve / commit / release work on this host.
bool available();

// The host's page size (commit granularity), e.g. 4096.
uint64_t page_size();

// Reserves `bytes` of address space with no access and no backing store (a reservation costs no
// memory until pages are committed and touched). Null when the address space is exhausted or the
// host refuses. `bytes` is a multiple of page_size().
uint8_t* reserve(uint64_t bytes);

// Makes [base + from, base + to) readable and writable; the bytes read as zero until written, and
// the host backs a page only once it is touched. `from` and `to` are multiples of page_size().
bool commit(uint8_t* base, uint64_t from, uint64_t to);

// Returns a reservation (committed pages included) to the host.
void release(uint8_t* base, uint64_t bytes);

// Readable and writable zero pages, backed only once touched; null when the host refuses. For
// memories that may move: resize() keeps the bytes (moving them when it must, without copying on
// Linux) and the new ones read as zero; null when refused, and the old mapping stays as it was.
// Free with release().
uint8_t* map_zeroed(uint64_t bytes);
uint8_t* resize(uint8_t* base, uint64_t old_bytes, uint64_t new_bytes);

// Physical memory plus swap, in bytes: what this machine can hold at once (0 when unknown).
uint64_t physical_bytes();

}  // namespace mnemo::host_pages
