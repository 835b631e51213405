// core/validate/context.h: the validation context C of the spec (section 3.1.1), flattened so
// every lookup is O(1), and the shared helpers that report where a check failed.
// Internal to core/validate.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/module.h"
#include "core/result.h"

namespace mnemo::validate {

// C: the types of every entity in its index space (imports first), plus C.refs.
struct Context {
  explicit Context(const Module& m);

  const Module& module;
  std::vector<uint32_t> func_types;  // type index of each function (may be out of range: checked)
  std::vector<TableType> tables;
  std::vector<MemoryType> memories;
  std::vector<GlobalType> globals;
  uint32_t imported_globals = 0;  // constant expressions see only these (2.0, section 3.4.10)
  std::vector<bool> refs;         // C.refs: functions referenced outside function bodies

  uint32_t func_count() const { return uint32_t(func_types.size()); }
  // The function type of function f; f < func_count() and its type index already checked.
  const FuncType& func_type(uint32_t f) const { return module.types[func_types[f]]; }
};

// Where a check happens, formatted only when it fails: "byte offset 0x2a, function 3, i32.load".
struct Site {
  static constexpr uint32_t kNoPos = 0xFFFF'FFFF;  // the entity has no recorded source position
  uint32_t pos = kNoPos;
  std::string_view kind;  // "function", "global", "data segment", "element segment", ...
  uint32_t index = 0;     // index of that entity
  std::string_view op;    // instruction mnemonic, or empty
};

Error make_error(const Module& m, const Site& site, std::string message, std::string_view detail = {});
inline Status fail(const Module& m, const Site& site, std::string message, std::string_view detail = {}) {
  return make_error(m, site, std::move(message), detail);
}

// "unknown memory 3": the spec's message for an index out of its space, with the index.
std::string unknown(std::string_view what, uint32_t index);

// I32..V128; the caller never passes ___ or Spc. Inline: the validator maps every operand of
// the table-typed instructions through it.
inline ValType to_valtype(SigType t) {
  switch (t) {
    case SigType::I32: return ValType::I32;
    case SigType::I64: return ValType::I64;
    case SigType::F32: return ValType::F32;
    case SigType::F64: return ValType::F64;
    case SigType::V128: return ValType::V128;
    case SigType::___:
    case SigType::Spc: break;
  }
  return ValType::I32;  // not reached for the rows the callers pass
}

// The one check of a memory index (section 3.3.7 and multi-memory): C.memories[memory] exists.
Status check_memory_index(const Context& c, const Site& site, uint32_t memory);

// The one check of a memory operand: its memory index, and 2^align <= the natural alignment of
// `op` (info(op).align is log2 of it).
Status check_memarg(const Context& c, const Site& site, Opcode op, const MemArg& mem);

// Limits of memory and table types (section 3.2.4-3.2.6).
Status check_memory_type(const Context& c, const Site& site, const MemoryType& type);
Status check_table_type(const Context& c, const Site& site, const TableType& type);

// A constant expression of result type `expected` (section 3.3.10), in the context C' whose
// globals are the imported ones only.
Status validate_const_expr(const Context& c, const Site& site, const Expr& expr, ValType expected);

// One function body (section 3.4.1) by the algorithm of the appendix (section 7.3).
Status validate_function(const Context& c, uint32_t func_index, const Function& func);

// Every defined function's body; the error is the first failing function's (validate_bodies.cpp).
Status validate_bodies(const Context& c);

}  // namespace mnemo::validate
