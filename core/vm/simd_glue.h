// core/vm/simd_glue.h: the names the interpreter's v128 handlers call: simd::active::Name
// (core/simd, one function per 0xFD row) when core/simd is present, plus v128.load, which the VM
// does itself. MNEMO_VM_SIMD says whether the v128 handlers are compiled; without it v128 ops
// trap as invalid.
#pragma once

#include <cstring>

#include "core/module.h"

#if __has_include("core/simd/simd.h")
#include "core/simd/simd.h"
#define MNEMO_VM_SIMD 1
namespace mnemo::vm::vsimd {
using namespace ::mnemo::simd::active;
inline V128 V128Load(const uint8_t* p) {
  V128 v;
  std::memcpy(v.bytes.data(), p, 16);
  return v;
}
}  // namespace mnemo::vm::vsimd
#else
#define MNEMO_VM_SIMD 0
#endif
