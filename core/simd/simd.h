// core/simd/simd.h: the one SIMD path the VM calls, simd::active::Name, chosen at compile time
// by the CMake option MNEMO_SIMD: host (the default) or scalar (defines MNEMO_SIMD_SCALAR).
#pragma once

#include "core/simd/host.h"
#include "core/simd/scalar.h"

namespace mnemo::simd {

#if defined(MNEMO_SIMD_SCALAR)
namespace active = scalar;
inline constexpr const char* kActiveKind = "scalar";
#else
namespace active = host;
inline constexpr const char* kActiveKind = kHostKind;
#endif

}  // namespace mnemo::simd
