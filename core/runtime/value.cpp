// core/runtime/value.cpp: WasmValue <-> slot conversions (encoding in core/runtime/value.h).
#include "core/runtime/value.h"

#include <cstring>

#include "core/runtime/store.h"

namespace mnemo {

WasmValue value_from_slots(ValType type, const uint64_t* slots) {
  WasmValue v;
  v.type = type;
  switch (type) {
    case ValType::I32:
    case ValType::F32: v.bits = uint32_t(slots[0]); break;
    case ValType::I64:
    case ValType::F64: v.bits = slots[0]; break;
    case ValType::V128: std::memcpy(v.v128.bytes.data(), slots, 16); break;
    case ValType::FuncRef:
      v.bits = slots[0];
      v.is_null = slots[0] == 0;
      if (!v.is_null) v.ref = slot_func(slots[0])->index;
      break;
    case ValType::ExternRef:
      v.is_null = slots[0] == 0;
      v.bits = v.is_null ? 0 : slots[0] - 1;
      v.ref = uint32_t(v.bits);
      break;
  }
  return v;
}

void value_to_slots(const WasmValue& v, uint64_t* slots) {
  switch (v.type) {
    case ValType::I32:
    case ValType::F32: slots[0] = uint32_t(v.bits); break;
    case ValType::I64:
    case ValType::F64: slots[0] = v.bits; break;
    case ValType::V128: std::memcpy(slots, v.v128.bytes.data(), 16); break;
    case ValType::FuncRef: slots[0] = v.is_null ? 0 : v.bits; break;
    case ValType::ExternRef: slots[0] = v.is_null ? 0 : extern_slot(v.bits); break;
  }
}

}  // namespace mnemo
