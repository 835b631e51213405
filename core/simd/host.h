// core/simd/host.h: the host SIMD path (namespace mnemo::simd::host), the same functions as
// core/simd/scalar.h with the same signatures and results, built on the host's vector unit:
// SSE4.1 on x86-64, NEON on ARM64, simd128 when mnemo itself runs as Wasm. Ops without a
// good host form forward to scalar:: by using-declarations in the per-host files; on a host
// with none of these units every function is the scalar one.
#pragma once

#include "core/simd/scalar.h"

#if defined(__SSE4_1__) && (defined(__x86_64__) || defined(_M_X64))
#define MNEMO_SIMD_HOST_KIND "sse4.1"
#include "core/simd/host_x86.h"
#elif defined(__aarch64__) && defined(__ARM_NEON)
#define MNEMO_SIMD_HOST_KIND "neon"
#include "core/simd/host_neon.h"
#elif defined(__wasm_simd128__)
#define MNEMO_SIMD_HOST_KIND "simd128"
#include "core/simd/host_wasm.h"
#else
#define MNEMO_SIMD_HOST_KIND "scalar"
namespace mnemo::simd::host {
using namespace scalar;
}  // namespace mnemo::simd::host
#endif

namespace mnemo::simd {
// The vector unit host:: is built on: "sse4.1", "neon", "simd128", or "scalar" (no host form).
inline constexpr const char* kHostKind = MNEMO_SIMD_HOST_KIND;
}  // namespace mnemo::simd
