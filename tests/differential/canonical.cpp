// tests/differential/canonical.cpp: see canonical.h.
#include "tests/differential/canonical.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

namespace mnemo::diff {

std::string trap_category(std::string_view message) {
  // Message fragments of mnemo (the spec interpreter's words), wasm-interp and V8.
  static const std::vector<std::pair<std::string_view, std::string_view>> kCategories = {
      {"out of bounds memory access", "oob"},
      {"memory access out of bounds", "oob"},
      {"integer divide by zero", "div0"},
      {"divide by zero", "div0"},
      {"remainder by zero", "div0"},
      {"integer overflow", "int-overflow"},
      {"divide result unrepresentable", "int-overflow"},
      {"invalid conversion to integer", "invalid-conv"},
      {"float unrepresentable in integer range", "invalid-conv"},
      {"unreachable", "unreachable"},
      {"indirect call type mismatch", "indirect-type"},
      {"indirect call signature mismatch", "indirect-type"},
      {"undefined element", "undefined-element"},
      {"undefined table index", "undefined-element"},
      {"uninitialized element", "uninitialized-element"},
      {"uninitialized table element", "uninitialized-element"},
      {"out of bounds table access", "table-oob"},
      {"call stack exhausted", "stack"},
      {"Maximum call stack size exceeded", "stack"},
  };
  for (const auto& [fragment, category] : kCategories)
    if (message.find(fragment) != std::string_view::npos) return std::string(category);
  return "other(" + std::string(message) + ")";
}

std::string format_f32(uint32_t bits, FloatFormat format) {
  float f;
  std::memcpy(&f, &bits, 4);
  if (std::isnan(f)) return "f32:nan";
  char buf[128];
  if (format == FloatFormat::Exact) {
    std::snprintf(buf, sizeof buf, "f32:0x%08" PRIx32, bits);
  } else {
    std::snprintf(buf, sizeof buf, "f32:%f", double(f));
  }
  return buf;
}

std::string format_f64(uint64_t bits, FloatFormat format) {
  double d;
  std::memcpy(&d, &bits, 8);
  if (std::isnan(d)) return "f64:nan";
  if (format == FloatFormat::Exact) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "f64:0x%016" PRIx64, bits);
    return buf;
  }
  // "%f" of a large double has over 300 digits.
  std::vector<char> buf(400);
  std::snprintf(buf.data(), buf.size(), "f64:%f", d);
  return buf.data();
}

}  // namespace mnemo::diff
