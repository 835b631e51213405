// core/script/match.h: whether an action's results match assert_return's patterns (reference
// interpreter README, `result_pat`; NaN patterns per spec 4.3.3 "NaN propagation").
#pragma once

#include <vector>

#include "core/text/wast.h"

namespace mnemo {

// Float bit patterns: canonical NaN = exponent all ones, payload exactly the quiet bit;
// arithmetic NaN = exponent all ones, quiet bit set. The sign is free in both.
bool is_canonical_nan_f32(uint32_t bits);
bool is_arithmetic_nan_f32(uint32_t bits);
bool is_canonical_nan_f64(uint64_t bits);
bool is_arithmetic_nan_f64(uint64_t bits);

bool matches(const Expected& expected, const Value& value);

// Same count and each value matching its pattern.
bool matches(const std::vector<Expected>& expected, const std::vector<Value>& values);

}  // namespace mnemo
