// core/text/wat_context.h: the state of one text-module parse, shared by the parser's pieces:
//   wat_parser.cpp     entry point, `(module ...)`, the first pass that binds every $id
//   wat_fields.cpp     module fields and their abbreviations (spec 6.6)
//   wat_types.cpp      value/reference/table/memory/global types, limits, type uses (6.4, 6.6.2)
//   wat_instr.cpp      instruction sequences, flat and folded, blocks and labels (6.5)
//   wat_immediates.cpp immediates by ImmKind: indices, memargs, lanes, constants (6.5)
//   wat_names.cpp      $id scopes and index resolution (6.6.4 identifier contexts)
//   wat_cursor.*       token lookahead and error wording; wat_literals.* numeric literal shapes
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/module.h"
#include "core/result.h"
#include "core/text/wat_cursor.h"

namespace mnemo::wat {

// Propagate an error out of a function returning Status or Result<T>.
#define WAT_TRY(expr)                       \
  do {                                      \
    auto wat_status_ = (expr);              \
    if (!wat_status_) return wat_status_.error(); \
  } while (0)

#define WAT_CONCAT_(a, b) a##b
#define WAT_CONCAT(a, b) WAT_CONCAT_(a, b)
#define WAT_ASSIGN_(tmp, lhs, expr) \
  auto tmp = (expr);                \
  if (!tmp) return tmp.error();     \
  lhs = std::move(tmp.value())
// `WAT_ASSIGN(auto x, parse());` declares x from a Result or returns its error.
#define WAT_ASSIGN(lhs, expr) WAT_ASSIGN_(WAT_CONCAT(wat_result_, __LINE__), lhs, expr)

// The module-level index spaces that $ids name.
enum class Space : uint8_t { Type, Func, Table, Memory, Global, Elem, Data };
inline constexpr size_t kSpaceCount = 7;

// Identifiers bound in one index space (or the locals of one function): `$x` -> index.
class NameScope {
 public:
  bool bind(std::string_view id, uint32_t index);  // false when `id` is already bound
  std::optional<uint32_t> find(std::string_view id) const;
  void clear() { ids_.clear(); }

 private:
  std::map<std::string, uint32_t, std::less<>> ids_;
};

// A type use as written (spec 6.6.2): `(type x)?` then inline `(param ...)* (result ...)*`.
struct TypeUse {
  std::optional<uint32_t> index;         // the explicit `(type x)`
  bool has_inline = false;               // some `(param ...)` or `(result ...)` clause
  FuncType type;                         // the inline signature
  std::vector<Token> param_ids;          // one per inline parameter: an Id, or Eof when unnamed
  uint32_t pos = 0;
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::vector<uint32_t> line_starts);
  Parser(const Parser&) = delete;  // cur_ refers to line_starts_
  Parser& operator=(const Parser&) = delete;
  Result<Module> run();

 private:
  // wat_parser.cpp
  Result<std::optional<Error>> scan_fields(std::vector<size_t>& fields);
  Status scan_field();
  Status scan_definition(Space space);
  Status parse_field();

  // wat_fields.cpp
  Status parse_type_field();
  Status parse_import_field();
  Status parse_func_field();
  Status parse_table_field();
  Status parse_memory_field();
  Status parse_global_field();
  Status parse_export_field();
  Status parse_start_field();
  Status parse_elem_field();
  Status parse_data_field();
  Status parse_inline_exports(ExternKind kind, uint32_t index);
  Result<std::optional<std::pair<std::string, std::string>>> parse_inline_import();
  Status parse_func_body(Function& func, uint32_t func_index, const TypeUse& use);
  Status parse_elem_list(ElemSegment& seg, bool bare_indices_allowed);
  Status parse_elem_funcs(ElemSegment& seg);
  Status parse_elem_exprs(ElemSegment& seg);
  Status parse_offset(Expr& out);

  // wat_types.cpp
  Result<ValType> parse_valtype();
  Result<ValType> parse_reftype();
  Result<ValType> parse_heaptype();
  Result<uint32_t> parse_u32_limit();
  Result<Limits> parse_limits();
  Result<TableType> parse_table_type();
  Result<MemoryType> parse_memory_type();
  Result<GlobalType> parse_global_type();
  Status parse_params(FuncType& type, std::vector<Token>* ids);
  Status parse_results(FuncType& type);
  Result<TypeUse> parse_type_use(bool param_ids_allowed);
  Result<uint32_t> resolve_type_use(const TypeUse& use);
  Result<BlockType> parse_block_type();

  // wat_instr.cpp
  Status parse_instrs(Expr& out);
  Status parse_expr(Expr& out);  // instructions up to `)`, then End
  Status parse_folded(Expr& out);
  Status parse_plain(Expr& out);
  Status parse_flat_block(Expr& out, Opcode op, uint32_t pos);
  Status parse_folded_block(Expr& out, Opcode op, uint32_t pos);
  Status parse_folded_if(Expr& out, uint32_t pos);
  Result<std::string> parse_label_binding();
  Status check_end_label(const std::string& label);
  Result<Instr> parse_operator(const Token& token);

  // wat_immediates.cpp
  Status parse_immediates(Instr& instr);
  Result<uint32_t> parse_memory_use(bool lane_follows);
  Status parse_memarg(Instr& instr, bool lane_follows);
  Result<uint8_t> parse_lane();
  Status parse_shuffle(Instr& instr);
  Status parse_v128_const(Instr& instr);
  Result<uint64_t> parse_int_token(unsigned bits);
  Result<uint64_t> parse_float_token(unsigned bits);

  // wat_names.cpp
  Status bind(Space space, const Token& id, uint32_t index);
  Result<uint32_t> parse_index(Space space);
  Result<uint32_t> parse_local();
  Result<uint32_t> parse_label();
  Status bind_local(const Token& id, uint32_t index, uint32_t func_index);

  std::vector<uint32_t> line_starts_;
  Cursor cur_;
  Module module_;
  std::array<NameScope, kSpaceCount> scopes_;
  std::array<uint32_t, kSpaceCount> scan_counts_{};   // first pass: entries seen per space
  std::optional<Space> first_definition_;            // first pass: kind of the first non-import definition
  std::array<uint32_t, kSpaceCount> counts_{};        // second pass: next index per space

  // The function being parsed.
  NameScope locals_;
  uint32_t local_count_ = 0;
  std::vector<std::string> labels_;  // innermost last; "" for an unnamed block
  uint32_t depth_ = 0;               // nesting of blocks and folded instructions
  bool uses_data_index_ = false;     // memory.init / data.drop seen: the binary needs DataCount
  // `(data $x (offset ..) ..)`: the multi-memory shorthand when $x names a memory, else the
  // segment's own id (spec 6.6.12). Collected by the first pass, decided once all ids are bound.
  std::vector<std::pair<uint32_t, Token>> data_id_or_memory_;
  std::set<uint32_t> data_naming_memory_;  // data segment indices whose $x is their memory
};

}  // namespace mnemo::wat
