// core/text/wat_types.cpp: types in the text format (spec 6.4) and type uses with their
// abbreviation (6.6.2.1): an inline signature refers to the first identical type, or to a new
// type appended after all explicit `(type ...)` definitions.
#include <algorithm>

#include "core/text/numbers.h"
#include "core/text/wat_context.h"
#include "core/text/wat_literals.h"

namespace mnemo::wat {
namespace {

std::optional<ValType> valtype_named(std::string_view text) {
  if (text == "i32") return ValType::I32;
  if (text == "i64") return ValType::I64;
  if (text == "f32") return ValType::F32;
  if (text == "f64") return ValType::F64;
  if (text == "v128") return ValType::V128;
  if (text == "funcref") return ValType::FuncRef;
  if (text == "externref") return ValType::ExternRef;
  return std::nullopt;
}

}  // namespace

Result<ValType> Parser::parse_valtype() {
  const Token& t = cur_.peek();
  if (t.kind == TokenKind::Keyword) {
    if (auto v = valtype_named(t.text)) {
      cur_.take();
      return *v;
    }
  }
  return cur_.unexpected();
}

Result<ValType> Parser::parse_reftype() {
  const Token& t = cur_.peek();
  if (t.kind == TokenKind::Keyword && (t.text == "funcref" || t.text == "externref")) {
    cur_.take();
    return t.text == "funcref" ? ValType::FuncRef : ValType::ExternRef;
  }
  return cur_.unexpected();
}

// heaptype of `ref.null`: `func` or `extern`.
Result<ValType> Parser::parse_heaptype() {
  const Token& t = cur_.peek();
  if (t.kind == TokenKind::Keyword && (t.text == "func" || t.text == "extern")) {
    cur_.take();
    return t.text == "func" ? ValType::FuncRef : ValType::ExternRef;
  }
  return cur_.unexpected();
}

// A u32 of a limits pair: well-formed but too large is "i32 constant out of range".
Result<uint32_t> Parser::parse_u32_limit() {
  const Token& t = cur_.peek();
  if (t.kind != TokenKind::Number) return cur_.unexpected();
  auto value = parse_unsigned(t.text, 32);
  if (!value) {
    if (is_unsigned_literal(t.text)) return cur_.error(t.pos, "i32 constant out of range: " + std::string(t.text));
    return cur_.unexpected();
  }
  cur_.take();
  return uint32_t(*value);
}

Result<Limits> Parser::parse_limits() {
  Limits limits;
  WAT_ASSIGN(limits.min, parse_u32_limit());
  if (cur_.at(TokenKind::Number)) {
    WAT_ASSIGN(uint32_t max, parse_u32_limit());
    limits.max = max;
  }
  return limits;
}

Result<TableType> Parser::parse_table_type() {
  TableType type;
  WAT_ASSIGN(type.limits, parse_limits());
  WAT_ASSIGN(type.elem, parse_reftype());
  return type;
}

Result<MemoryType> Parser::parse_memory_type() {
  MemoryType type;
  WAT_ASSIGN(type.limits, parse_limits());
  return type;
}

// globaltype ::= valtype | (mut valtype)
Result<GlobalType> Parser::parse_global_type() {
  GlobalType type;
  if (cur_.take_open("mut")) {
    type.mut = true;
    WAT_ASSIGN(type.type, parse_valtype());
    WAT_TRY(cur_.expect_close());
    return type;
  }
  WAT_ASSIGN(type.type, parse_valtype());
  return type;
}

// (param $x t) | (param t*), repeated. `ids` is null where ids are not allowed (block types,
// call_indirect); otherwise it receives one entry per parameter (Eof when unnamed).
Status Parser::parse_params(FuncType& type, std::vector<Token>* ids) {
  while (cur_.take_open("param")) {
    if (cur_.at(TokenKind::Id)) {
      if (!ids) return cur_.unexpected();
      const Token& id = cur_.take();
      WAT_ASSIGN(ValType t, parse_valtype());
      type.params.push_back(t);
      ids->push_back(id);
    } else {
      while (!cur_.at_close()) {
        WAT_ASSIGN(ValType t, parse_valtype());
        type.params.push_back(t);
        if (ids) ids->push_back(Token{});
      }
    }
    WAT_TRY(cur_.expect_close());
  }
  return {};
}

Status Parser::parse_results(FuncType& type) {
  while (cur_.take_open("result")) {
    while (!cur_.at_close()) {
      WAT_ASSIGN(ValType t, parse_valtype());
      type.results.push_back(t);
    }
    WAT_TRY(cur_.expect_close());
  }
  return {};
}

// typeuse ::= (type x)? (param ...)* (result ...)* in this order.
Result<TypeUse> Parser::parse_type_use(bool param_ids_allowed) {
  TypeUse use;
  use.pos = cur_.peek().pos;
  if (cur_.take_open("type")) {
    WAT_ASSIGN(use.index, parse_index(Space::Type));
    WAT_TRY(cur_.expect_close());
  }
  WAT_TRY(parse_params(use.type, param_ids_allowed ? &use.param_ids : nullptr));
  WAT_TRY(parse_results(use.type));
  // Clauses out of order, e.g. `(result i32) (param i32)`, are malformed.
  if (cur_.at_open("type") || cur_.at_open("param")) return cur_.unexpected(cur_.peek(1));
  use.has_inline = !use.type.params.empty() || !use.type.results.empty();
  return use;
}

// The type index a use denotes. With both `(type x)` and an inline signature they must agree;
// an inline signature alone finds the first identical type or appends one (spec 6.6.2.1).
Result<uint32_t> Parser::resolve_type_use(const TypeUse& use) {
  auto& types = module_.types;
  if (use.index) {
    if (!use.has_inline) return *use.index;  // range-checked by the validator
    if (*use.index >= types.size()) return cur_.error(use.pos, "unknown type " + std::to_string(*use.index));
    if (!(types[*use.index] == use.type)) return cur_.error(use.pos, "inline function type does not match (type " + std::to_string(*use.index) + ")");
    return *use.index;
  }
  auto it = std::find(types.begin(), types.end(), use.type);
  if (it != types.end()) return uint32_t(it - types.begin());
  types.push_back(use.type);
  return uint32_t(types.size() - 1);
}

// blocktype (spec 6.5.2): empty, one result, or a type use.
Result<BlockType> Parser::parse_block_type() {
  WAT_ASSIGN(TypeUse use, parse_type_use(false));
  BlockType bt;
  if (!use.index && use.type.params.empty() && use.type.results.size() <= 1) {
    if (use.type.results.empty()) {
      bt.kind = BlockType::Kind::Empty;
    } else {
      bt.kind = BlockType::Kind::Value;
      bt.value = use.type.results[0];
    }
    return bt;
  }
  bt.kind = BlockType::Kind::TypeIndex;
  WAT_ASSIGN(bt.type_index, resolve_type_use(use));
  return bt;
}

}  // namespace mnemo::wat
