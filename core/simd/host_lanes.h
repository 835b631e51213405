// core/simd/host_lanes.h: the v128 ops whose lane index is an immediate, on every host path.
// A guest's lane index reaches the interpreter as a runtime value, while the host instructions
// (pextrb, vgetq_lane, wasm_i8x16_extract_lane, ...) need a compile-time constant; one
// byte-addressed copy in scalar:: is as fast as a switch over the lanes, so every host uses it.
// Included by core/simd/host_x86.h, host_neon.h and host_wasm.h.
#pragma once

#include "core/simd/scalar.h"

namespace mnemo::simd::host {

using scalar::V128Load8Lane;
using scalar::V128Load16Lane;
using scalar::V128Load32Lane;
using scalar::V128Load64Lane;
using scalar::V128Store8Lane;
using scalar::V128Store16Lane;
using scalar::V128Store32Lane;
using scalar::V128Store64Lane;

using scalar::F32x4ExtractLane;
using scalar::F32x4ReplaceLane;
using scalar::F64x2ExtractLane;
using scalar::F64x2ReplaceLane;
using scalar::I16x8ExtractLaneS;
using scalar::I16x8ExtractLaneU;
using scalar::I16x8ReplaceLane;
using scalar::I32x4ExtractLane;
using scalar::I32x4ReplaceLane;
using scalar::I64x2ExtractLane;
using scalar::I64x2ReplaceLane;
using scalar::I8x16ExtractLaneS;
using scalar::I8x16ExtractLaneU;
using scalar::I8x16ReplaceLane;

}  // namespace mnemo::simd::host
