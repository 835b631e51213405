// core/text/wat_names.cpp: $id binding and index resolution (spec 6.6.4 identifier contexts).
// Module-level ids are bound by the first pass, so references may come before definitions;
// locals and labels are bound while a function is parsed.
#include <string>

#include "core/text/numbers.h"
#include "core/text/wat_context.h"
#include "core/text/wat_literals.h"

namespace mnemo::wat {
namespace {

// Word used in "duplicate ..." errors (the reference interpreter's wording).
std::string_view duplicate_word(Space s) {
  switch (s) {
    case Space::Type: return "type";
    case Space::Func: return "func";
    case Space::Table: return "table";
    case Space::Memory: return "memory";
    case Space::Global: return "global";
    case Space::Elem: return "elem";
    case Space::Data: return "data";
  }
  return "?";
}

// Word used in "unknown ..." errors (the validator's wording for out-of-range indices).
std::string_view unknown_word(Space s) {
  switch (s) {
    case Space::Type: return "type";
    case Space::Func: return "function";
    case Space::Table: return "table";
    case Space::Memory: return "memory";
    case Space::Global: return "global";
    case Space::Elem: return "elem segment";
    case Space::Data: return "data segment";
  }
  return "?";
}

std::map<uint32_t, std::string>* names_of(Names& names, Space s) {
  switch (s) {
    case Space::Type: return &names.types;
    case Space::Func: return &names.funcs;
    case Space::Table: return &names.tables;
    case Space::Memory: return &names.memories;
    case Space::Global: return &names.globals;
    case Space::Elem: return &names.elems;
    case Space::Data: return &names.datas;
  }
  return nullptr;
}

// A u32 index literal at the cursor.
Result<uint32_t> number_index(Cursor& cur) {
  const Token& t = cur.peek();
  if (t.kind != TokenKind::Number) return cur.unexpected();
  auto value = parse_unsigned(t.text, 32);
  if (!value && !is_unsigned_literal(t.text)) return cur.error(t.pos, "unknown operator " + std::string(t.text));
  if (!value) return cur.error(t.pos, "constant out of range: index " + std::string(t.text));
  cur.take();
  return uint32_t(*value);
}

}  // namespace

bool NameScope::bind(std::string_view id, uint32_t index) {
  return ids_.emplace(std::string(id), index).second;
}

std::optional<uint32_t> NameScope::find(std::string_view id) const {
  auto it = ids_.find(id);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

Status Parser::bind(Space space, const Token& id, uint32_t index) {
  if (!scopes_[size_t(space)].bind(id.text, index))
    return cur_.error(id.pos, "duplicate " + std::string(duplicate_word(space)) + " " + std::string(id.text));
  (*names_of(module_.names, space))[index] = std::string(id.text.substr(1));
  return {};
}

// An index: a bound $id or a u32 literal. Numeric indices are range-checked by the validator.
Result<uint32_t> Parser::parse_index(Space space) {
  const Token& t = cur_.peek();
  if (t.kind == TokenKind::Id) {
    auto found = scopes_[size_t(space)].find(t.text);
    if (!found) return cur_.error(t.pos, "unknown " + std::string(unknown_word(space)) + " " + std::string(t.text));
    cur_.take();
    return *found;
  }
  return number_index(cur_);
}

Status Parser::bind_local(const Token& id, uint32_t index, uint32_t func_index) {
  if (!locals_.bind(id.text, index)) return cur_.error(id.pos, "duplicate local " + std::string(id.text));
  module_.names.locals[func_index][index] = std::string(id.text.substr(1));
  return {};
}

Result<uint32_t> Parser::parse_local() {
  const Token& t = cur_.peek();
  if (t.kind == TokenKind::Id) {
    auto found = locals_.find(t.text);
    if (!found) return cur_.error(t.pos, "unknown local " + std::string(t.text));
    cur_.take();
    return *found;
  }
  return number_index(cur_);
}

// A label: a $id names the innermost enclosing block with that label (ids may shadow);
// a number is a relative depth.
Result<uint32_t> Parser::parse_label() {
  const Token& t = cur_.peek();
  if (t.kind == TokenKind::Id) {
    for (size_t i = labels_.size(); i-- > 0;) {
      if (labels_[i] == t.text) {
        cur_.take();
        return uint32_t(labels_.size() - 1 - i);
      }
    }
    return cur_.error(t.pos, "unknown label " + std::string(t.text));
  }
  return number_index(cur_);
}

}  // namespace mnemo::wat
