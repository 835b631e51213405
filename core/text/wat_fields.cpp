// core/text/wat_fields.cpp: module fields (spec 6.6) and their abbreviations: inline imports
// and exports, `(table reftype (elem ...))`, `(memory (data ...))`, offset and item shorthands,
// and the multi-memory `(data (memory x) ...)` form. Ids were bound by the first pass; each
// parser here only advances the per-space counter to learn the index it defines.
#include "core/text/wat_context.h"

namespace mnemo::wat {
namespace {

constexpr uint64_t kPageSize = 65536;

Instr make_instr(Opcode op, uint32_t pos) {
  Instr in;
  in.op = op;
  in.pos = pos;
  return in;
}

// `(i32.const 0)` as an offset expression, for the inline segment abbreviations.
Expr zero_offset(uint32_t pos) {
  Instr c = make_instr(Opcode::I32Const, pos);
  c.bits = 0;
  return {c, make_instr(Opcode::End, pos)};
}

Expr ref_func(uint32_t index, uint32_t pos) {
  Instr r = make_instr(Opcode::RefFunc, pos);
  r.index = index;
  return {r, make_instr(Opcode::End, pos)};
}

}  // namespace

Status Parser::parse_type_field() {
  return cur_.skip_group();  // read in full by the first pass
}

// (export "name")* after a definition's id.
Status Parser::parse_inline_exports(ExternKind kind, uint32_t index) {
  while (cur_.at_open("export")) {
    uint32_t pos = cur_.peek().pos;
    cur_.take_open("export");
    WAT_ASSIGN(std::string name, cur_.take_name());
    WAT_TRY(cur_.expect_close());
    module_.exports.push_back(Export{std::move(name), kind, index, pos});
  }
  return {};
}

// (import "module" "name")? after a definition's id and exports.
Result<std::optional<std::pair<std::string, std::string>>> Parser::parse_inline_import() {
  if (!cur_.take_open("import")) return std::optional<std::pair<std::string, std::string>>();
  WAT_ASSIGN(std::string module, cur_.take_name());
  WAT_ASSIGN(std::string name, cur_.take_name());
  WAT_TRY(cur_.expect_close());
  return std::optional<std::pair<std::string, std::string>>(std::pair{std::move(module), std::move(name)});
}

// (import "m" "n" importdesc)
Status Parser::parse_import_field() {
  Import imp;
  imp.pos = cur_.take().pos;
  cur_.take();
  WAT_ASSIGN(imp.module, cur_.take_name());
  WAT_ASSIGN(imp.name, cur_.take_name());
  if (!cur_.at(TokenKind::LParen)) return cur_.unexpected();
  cur_.take();
  const Token& kind = cur_.peek();
  if (kind.kind != TokenKind::Keyword) return cur_.unexpected(kind);
  cur_.take();
  cur_.take_id();  // bound by the first pass
  if (kind.text == "func") {
    imp.kind = ExternKind::Func;
    ++counts_[size_t(Space::Func)];
    WAT_ASSIGN(TypeUse use, parse_type_use(true));
    WAT_ASSIGN(imp.func_type, resolve_type_use(use));
  } else if (kind.text == "table") {
    imp.kind = ExternKind::Table;
    ++counts_[size_t(Space::Table)];
    WAT_ASSIGN(imp.table, parse_table_type());
  } else if (kind.text == "memory") {
    imp.kind = ExternKind::Memory;
    ++counts_[size_t(Space::Memory)];
    WAT_ASSIGN(imp.memory, parse_memory_type());
  } else if (kind.text == "global") {
    imp.kind = ExternKind::Global;
    ++counts_[size_t(Space::Global)];
    WAT_ASSIGN(imp.global, parse_global_type());
  } else {
    return cur_.unexpected(kind);
  }
  WAT_TRY(cur_.expect_close());
  WAT_TRY(cur_.expect_close());
  module_.imports.push_back(std::move(imp));
  return {};
}

// (func id? (export ..)* (import ..)? typeuse local* instr*)
Status Parser::parse_func_field() {
  uint32_t pos = cur_.take().pos;
  cur_.take();
  cur_.take_id();
  uint32_t index = counts_[size_t(Space::Func)]++;
  WAT_TRY(parse_inline_exports(ExternKind::Func, index));
  WAT_ASSIGN(auto import, parse_inline_import());
  WAT_ASSIGN(TypeUse use, parse_type_use(true));
  WAT_ASSIGN(uint32_t type, resolve_type_use(use));
  if (import) {
    WAT_TRY(cur_.expect_close());
    Import imp;
    imp.module = std::move(import->first);
    imp.name = std::move(import->second);
    imp.kind = ExternKind::Func;
    imp.func_type = type;
    imp.pos = pos;
    module_.imports.push_back(std::move(imp));
    return {};
  }
  Function func;
  func.type = type;
  func.pos = pos;
  WAT_TRY(parse_func_body(func, index, use));
  WAT_TRY(cur_.expect_close());
  module_.funcs.push_back(std::move(func));
  return {};
}

// Parameters and `(local ...)` declarations share the local index space (spec 6.6.5).
Status Parser::parse_func_body(Function& func, uint32_t func_index, const TypeUse& use) {
  locals_.clear();
  labels_.clear();
  local_count_ = 0;
  if (use.has_inline) {
    for (const Token& id : use.param_ids) {
      if (id.kind == TokenKind::Id) WAT_TRY(bind_local(id, local_count_, func_index));
      ++local_count_;
    }
  } else if (use.index && *use.index < module_.types.size()) {
    local_count_ = uint32_t(module_.types[*use.index].params.size());
  }
  while (cur_.take_open("local")) {
    if (auto id = cur_.take_id()) {
      WAT_TRY(bind_local(*id, local_count_, func_index));
      WAT_ASSIGN(ValType t, parse_valtype());
      func.locals.push_back(t);
      ++local_count_;
    } else {
      while (!cur_.at_close()) {
        WAT_ASSIGN(ValType t, parse_valtype());
        func.locals.push_back(t);
        ++local_count_;
      }
    }
    WAT_TRY(cur_.expect_close());
  }
  WAT_TRY(parse_expr(func.body));
  locals_.clear();
  return {};
}

// (table id? (export ..)* (import ..)? tabletype) | (table id? (export ..)* reftype (elem ...))
Status Parser::parse_table_field() {
  uint32_t pos = cur_.take().pos;
  cur_.take();
  cur_.take_id();
  uint32_t index = counts_[size_t(Space::Table)]++;
  WAT_TRY(parse_inline_exports(ExternKind::Table, index));
  WAT_ASSIGN(auto import, parse_inline_import());
  if (import) {
    Import imp;
    imp.module = std::move(import->first);
    imp.name = std::move(import->second);
    imp.kind = ExternKind::Table;
    imp.pos = pos;
    WAT_ASSIGN(imp.table, parse_table_type());
    WAT_TRY(cur_.expect_close());
    module_.imports.push_back(std::move(imp));
    return {};
  }
  if (cur_.at_keyword("funcref") || cur_.at_keyword("externref")) {
    // (table reftype (elem ...)) == (table n n reftype) (elem (table id) (i32.const 0) reftype ...)
    ElemSegment seg;
    WAT_ASSIGN(seg.type, parse_reftype());
    seg.pos = cur_.peek().pos;
    WAT_TRY(cur_.expect_open("elem"));
    seg.mode = ElemSegment::Mode::Active;
    seg.table = index;
    seg.offset = zero_offset(seg.pos);
    if (cur_.at_index()) {
      WAT_TRY(parse_elem_funcs(seg));
    } else {
      WAT_TRY(parse_elem_exprs(seg));
    }
    WAT_TRY(cur_.expect_close());
    WAT_TRY(cur_.expect_close());
    uint64_t n = seg.init.size();
    module_.tables.push_back(TableType{seg.type, Limits{n, n}});
    module_.elems.push_back(std::move(seg));
    ++counts_[size_t(Space::Elem)];
    return {};
  }
  WAT_ASSIGN(TableType type, parse_table_type());
  WAT_TRY(cur_.expect_close());
  module_.tables.push_back(type);
  return {};
}

// (memory id? (export ..)* (import ..)? memtype) | (memory id? (export ..)* (data string*))
Status Parser::parse_memory_field() {
  uint32_t pos = cur_.take().pos;
  cur_.take();
  cur_.take_id();
  uint32_t index = counts_[size_t(Space::Memory)]++;
  WAT_TRY(parse_inline_exports(ExternKind::Memory, index));
  WAT_ASSIGN(auto import, parse_inline_import());
  if (import) {
    Import imp;
    imp.module = std::move(import->first);
    imp.name = std::move(import->second);
    imp.kind = ExternKind::Memory;
    imp.pos = pos;
    WAT_ASSIGN(imp.memory, parse_memory_type());
    WAT_TRY(cur_.expect_close());
    module_.imports.push_back(std::move(imp));
    return {};
  }
  if (cur_.at_open("data")) {
    // (memory (data b*)) == (memory m m) (data (memory id) (i32.const 0) b*), m = ceil(|b*| / 64Ki)
    DataSegment seg;
    seg.pos = cur_.peek().pos;
    cur_.take_open("data");
    while (cur_.at(TokenKind::String)) {
      std::string bytes = decode_string(cur_.take());
      seg.bytes.insert(seg.bytes.end(), bytes.begin(), bytes.end());
    }
    WAT_TRY(cur_.expect_close());
    WAT_TRY(cur_.expect_close());
    uint64_t pages = (uint64_t(seg.bytes.size()) + kPageSize - 1) / kPageSize;
    module_.memories.push_back(MemoryType{Limits{pages, pages}});
    seg.mode = DataSegment::Mode::Active;
    seg.memory = index;
    seg.offset = zero_offset(seg.pos);
    module_.datas.push_back(std::move(seg));
    ++counts_[size_t(Space::Data)];
    return {};
  }
  WAT_ASSIGN(MemoryType type, parse_memory_type());
  WAT_TRY(cur_.expect_close());
  module_.memories.push_back(type);
  return {};
}

// (global id? (export ..)* (import ..)? globaltype expr)
Status Parser::parse_global_field() {
  uint32_t pos = cur_.take().pos;
  cur_.take();
  cur_.take_id();
  uint32_t index = counts_[size_t(Space::Global)]++;
  WAT_TRY(parse_inline_exports(ExternKind::Global, index));
  WAT_ASSIGN(auto import, parse_inline_import());
  WAT_ASSIGN(GlobalType type, parse_global_type());
  if (import) {
    Import imp;
    imp.module = std::move(import->first);
    imp.name = std::move(import->second);
    imp.kind = ExternKind::Global;
    imp.global = type;
    imp.pos = pos;
    WAT_TRY(cur_.expect_close());
    module_.imports.push_back(std::move(imp));
    return {};
  }
  Global global;
  global.type = type;
  global.pos = pos;
  labels_.clear();
  WAT_TRY(parse_expr(global.init));
  WAT_TRY(cur_.expect_close());
  module_.globals.push_back(std::move(global));
  return {};
}

// (export "name" (func|table|memory|global x))
Status Parser::parse_export_field() {
  Export exp;
  exp.pos = cur_.take().pos;
  cur_.take();
  WAT_ASSIGN(exp.name, cur_.take_name());
  if (!cur_.at(TokenKind::LParen)) return cur_.unexpected();
  const Token& kind = cur_.peek(1);
  Space space = Space::Func;
  if (kind.kind == TokenKind::Keyword && kind.text == "func") {
    exp.kind = ExternKind::Func, space = Space::Func;
  } else if (kind.kind == TokenKind::Keyword && kind.text == "table") {
    exp.kind = ExternKind::Table, space = Space::Table;
  } else if (kind.kind == TokenKind::Keyword && kind.text == "memory") {
    exp.kind = ExternKind::Memory, space = Space::Memory;
  } else if (kind.kind == TokenKind::Keyword && kind.text == "global") {
    exp.kind = ExternKind::Global, space = Space::Global;
  } else {
    return cur_.unexpected(kind);
  }
  cur_.take();
  cur_.take();
  WAT_ASSIGN(exp.index, parse_index(space));
  WAT_TRY(cur_.expect_close());
  WAT_TRY(cur_.expect_close());
  module_.exports.push_back(std::move(exp));
  return {};
}

Status Parser::parse_start_field() {
  uint32_t pos = cur_.take().pos;
  cur_.take();
  if (module_.start) return cur_.error(pos, "multiple start sections");
  WAT_ASSIGN(uint32_t func, parse_index(Space::Func));
  module_.start = func;
  WAT_TRY(cur_.expect_close());
  return {};
}

// (offset instr*) | foldedinstr   -- the latter abbreviates (offset foldedinstr)
Status Parser::parse_offset(Expr& out) {
  labels_.clear();
  if (cur_.take_open("offset")) {
    WAT_TRY(parse_expr(out));
    return cur_.expect_close();
  }
  if (!cur_.at(TokenKind::LParen)) return cur_.unexpected();
  uint32_t pos = cur_.peek().pos;
  WAT_TRY(parse_folded(out));
  out.push_back(make_instr(Opcode::End, pos));
  return {};
}

// funcidx* as `ref.func` items of a funcref segment.
Status Parser::parse_elem_funcs(ElemSegment& seg) {
  seg.type = ValType::FuncRef;
  while (cur_.at_index()) {
    uint32_t pos = cur_.peek().pos;
    WAT_ASSIGN(uint32_t func, parse_index(Space::Func));
    seg.init.push_back(ref_func(func, pos));
  }
  return {};
}

// elemexpr* ::= ((item instr*) | foldedinstr)*
Status Parser::parse_elem_exprs(ElemSegment& seg) {
  labels_.clear();
  while (cur_.at(TokenKind::LParen)) {
    Expr item;
    if (cur_.take_open("item")) {
      WAT_TRY(parse_expr(item));
      WAT_TRY(cur_.expect_close());
    } else {
      uint32_t pos = cur_.peek().pos;
      WAT_TRY(parse_folded(item));
      item.push_back(make_instr(Opcode::End, pos));
    }
    seg.init.push_back(std::move(item));
  }
  return {};
}

// elemlist ::= reftype elemexpr* | func funcidx*; an active segment without a table use may
// also list bare function indices (spec 6.6.12 abbreviation).
Status Parser::parse_elem_list(ElemSegment& seg, bool bare_indices_allowed) {
  if (cur_.take_keyword("func")) return parse_elem_funcs(seg);
  if (cur_.at_keyword("funcref") || cur_.at_keyword("externref")) {
    WAT_ASSIGN(seg.type, parse_reftype());
    return parse_elem_exprs(seg);
  }
  if (bare_indices_allowed) return parse_elem_funcs(seg);
  return cur_.unexpected();
}

// (elem id? elemlist)                        passive
// (elem id? declare elemlist)                declarative
// (elem id? (table x)? (offset ...) elemlist) active; `(offset e)` may be a single folded instr,
// and the 1.0 form `(elem x (offset ...) funcidx*)` names the table without `(table ...)`.
Status Parser::parse_elem_field() {
  ElemSegment seg;
  seg.pos = cur_.take().pos;
  cur_.take();
  cur_.take_id();
  ++counts_[size_t(Space::Elem)];
  if (cur_.take_keyword("declare")) {
    seg.mode = ElemSegment::Mode::Declarative;
    WAT_TRY(parse_elem_list(seg, false));
  } else {
    bool table_use = false;
    if (cur_.take_open("table")) {
      WAT_ASSIGN(seg.table, parse_index(Space::Table));
      WAT_TRY(cur_.expect_close());
      table_use = true;
    } else if (cur_.at_index()) {
      WAT_ASSIGN(seg.table, parse_index(Space::Table));
      table_use = true;
    }
    if (table_use || cur_.at(TokenKind::LParen)) {
      seg.mode = ElemSegment::Mode::Active;
      WAT_TRY(parse_offset(seg.offset));
    }
    WAT_TRY(parse_elem_list(seg, seg.mode == ElemSegment::Mode::Active));
  }
  WAT_TRY(cur_.expect_close());
  module_.elems.push_back(std::move(seg));
  return {};
}

// (data id? string*)                             passive
// (data id? (memory x)? (offset ...) string*)     active; the offset may be one folded instr,
// and the 1.0 form `(data x (offset ...) ...)` names the memory without `(memory ...)`.
// `(data $m (offset ...) ...)` where $m names a memory is that memory's segment (the first pass
// decided it: data_naming_memory_); otherwise $m is the segment's id.
Status Parser::parse_data_field() {
  DataSegment seg;
  seg.pos = cur_.take().pos;
  cur_.take();
  auto id = cur_.take_id();
  uint32_t index = counts_[size_t(Space::Data)]++;
  bool memory_use = false;
  if (id && data_naming_memory_.count(index)) {
    seg.memory = *scopes_[size_t(Space::Memory)].find(id->text);
    memory_use = true;
  } else if (cur_.take_open("memory")) {
    WAT_ASSIGN(seg.memory, parse_index(Space::Memory));
    WAT_TRY(cur_.expect_close());
    memory_use = true;
  } else if (cur_.at_index()) {
    WAT_ASSIGN(seg.memory, parse_index(Space::Memory));
    memory_use = true;
  }
  if (memory_use || cur_.at(TokenKind::LParen)) {
    seg.mode = DataSegment::Mode::Active;
    WAT_TRY(parse_offset(seg.offset));
  }
  while (cur_.at(TokenKind::String)) {
    std::string bytes = decode_string(cur_.take());
    seg.bytes.insert(seg.bytes.end(), bytes.begin(), bytes.end());
  }
  WAT_TRY(cur_.expect_close());
  module_.datas.push_back(std::move(seg));
  return {};
}

}  // namespace mnemo::wat
