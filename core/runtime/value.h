// core/runtime/value.h: WebAssembly values as the embedder sees them (WasmValue) and as the
// interpreter stores them (64-bit slots), with the conversions between the two.
//
// Slot encoding (the interpreter's operand stack, locals, globals, tables): i32 zero-extended,
// i64 as is, f32/f64 as their bit patterns, v128 in two consecutive slots (low half first),
// funcref as the FuncInstance address (0 = null), externref as host value + 1 (0 = null).
#pragma once

#include <cstdint>

#include "core/module.h"

namespace mnemo {

struct FuncInstance;

// A WebAssembly value as the embedder sees it.
struct WasmValue {
  ValType type = ValType::I32;
  uint64_t bits = 0;      // i32 (zero-extended) / i64 / f32 / f64 bit patterns; funcref: the
                          // engine's opaque handle (the FuncInstance address); externref: the host value
  V128 v128;              // v128
  bool is_null = false;   // funcref / externref
  uint32_t ref = 0;       // funcref: function index in its defining instance; externref: host value
};

inline constexpr uint32_t slot_count(ValType t) { return t == ValType::V128 ? 2 : 1; }

WasmValue value_from_slots(ValType type, const uint64_t* slots);
void value_to_slots(const WasmValue& value, uint64_t* slots);

inline uint64_t extern_slot(uint64_t host_value) { return host_value + 1; }
inline uint64_t func_slot(const FuncInstance* f) { return reinterpret_cast<uintptr_t>(f); }
inline FuncInstance* slot_func(uint64_t slot) { return reinterpret_cast<FuncInstance*>(uintptr_t(slot)); }

// The default (zero) value of a type: 0, +0.0, null.
inline WasmValue zero_value(ValType t) {
  WasmValue v;
  v.type = t;
  v.is_null = is_ref(t);
  return v;
}

}  // namespace mnemo
