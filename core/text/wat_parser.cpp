// core/text/wat_parser.cpp: parse_wat, `(module id? field*)`, and the first pass over the
// fields that binds every module-level $id (so references may precede definitions), reads the
// explicit type definitions and enforces that all imports precede every function, table, memory
// and global definition (spec 6.6.13).
#include "core/text/wat_parser.h"

#include <algorithm>
#include <charconv>

#include "core/text/lexer.h"
#include "core/text/wat_context.h"

namespace mnemo {
namespace wat {
namespace {

std::string_view kind_word(Space s) {
  switch (s) {
    case Space::Func: return "function";
    case Space::Table: return "table";
    case Space::Memory: return "memory";
    case Space::Global: return "global";
    default: return "?";
  }
}

std::optional<Space> definition_space(std::string_view keyword) {
  if (keyword == "func") return Space::Func;
  if (keyword == "table") return Space::Table;
  if (keyword == "memory") return Space::Memory;
  if (keyword == "global") return Space::Global;
  return std::nullopt;
}

}  // namespace

Parser::Parser(std::vector<Token> tokens, std::vector<uint32_t> line_starts)
    : line_starts_(std::move(line_starts)), cur_(std::move(tokens), line_starts_) {}

Result<Module> Parser::run() {
  bool wrapped = cur_.at_open("module");
  if (wrapped) {
    cur_.take_open("module");
    if (auto id = cur_.take_id()) module_.names.module = std::string(id->text.substr(1));
  }
  std::vector<size_t> fields;
  WAT_ASSIGN(std::optional<Error> stray, scan_fields(fields));
  if (!stray && wrapped) {
    if (Status closed = cur_.expect_close(); !closed) stray = closed.error();
  }
  if (!stray && !cur_.at(TokenKind::Eof)) stray = cur_.unexpected();

  for (const auto& [index, id] : data_id_or_memory_) {
    if (scopes_[size_t(Space::Memory)].find(id.text)) {
      data_naming_memory_.insert(index);
    } else {
      WAT_TRY(bind(Space::Data, id, index));
    }
  }

  // A stray token after the fields is reported after the fields before it are parsed, so the
  // first error in source order wins.
  for (size_t field : fields) {
    cur_.reset(field);
    WAT_TRY(parse_field());
  }
  if (stray) return *stray;
  if (uses_data_index_) module_.data_count = uint32_t(module_.datas.size());
  module_.line_starts = line_starts_;
  return std::move(module_);
}

// First pass: remembers where each field starts and binds ids. Errors inside a field end the
// parse; a token that starts no field (or unbalanced parentheses) is returned as a value, to be
// reported once the preceding fields are parsed.
Result<std::optional<Error>> Parser::scan_fields(std::vector<size_t>& fields) {
  while (!cur_.at_close() && !cur_.at(TokenKind::Eof)) {
    if (!cur_.at(TokenKind::LParen)) return std::optional<Error>(cur_.unexpected());
    size_t start = cur_.mark();
    WAT_TRY(scan_field());
    cur_.reset(start);
    if (Status skipped = cur_.skip_group(); !skipped) return std::optional<Error>(skipped.error());
    fields.push_back(start);
  }
  return std::optional<Error>();
}

Status Parser::scan_field() {
  const Token& open = cur_.peek();
  const Token& keyword = cur_.peek(1);
  if (keyword.kind != TokenKind::Keyword) return cur_.unexpected(keyword);
  std::string_view kw = keyword.text;

  if (kw == "type") {  // (type id? (func param* result*)) -- read in full now
    cur_.take();
    cur_.take();
    auto id = cur_.take_id();
    WAT_TRY(cur_.expect_open("func"));
    FuncType type;
    std::vector<Token> ignored_ids;
    WAT_TRY(parse_params(type, &ignored_ids));
    WAT_TRY(parse_results(type));
    WAT_TRY(cur_.expect_close());
    WAT_TRY(cur_.expect_close());
    uint32_t index = uint32_t(module_.types.size());
    module_.types.push_back(std::move(type));
    if (id) WAT_TRY(bind(Space::Type, *id, index));
    return {};
  }
  if (kw == "import") {  // (import "m" "n" (kind id? ...)); a malformed one is reported by pass 2
    if (!cur_.at(TokenKind::String, 2) || !cur_.at(TokenKind::String, 3) || !cur_.at(TokenKind::LParen, 4))
      return {};
    const Token& kind = cur_.peek(5);
    auto space = kind.kind == TokenKind::Keyword ? definition_space(kind.text) : std::nullopt;
    if (!space) return {};
    if (first_definition_) return cur_.error(open.pos, "import after " + std::string(kind_word(*first_definition_)));
    uint32_t index = scan_counts_[size_t(*space)]++;
    if (cur_.at(TokenKind::Id, 6)) WAT_TRY(bind(*space, cur_.peek(6), index));
    return {};
  }
  if (auto space = definition_space(kw)) return scan_definition(*space);
  if (kw == "elem" || kw == "data") {
    Space space = kw == "elem" ? Space::Elem : Space::Data;
    uint32_t index = scan_counts_[size_t(space)]++;
    if (!cur_.at(TokenKind::Id, 2)) return {};
    bool offset_follows = cur_.at(TokenKind::LParen, 3) && !cur_.at_keyword("memory", 4);
    if (space == Space::Data && offset_follows) {
      data_id_or_memory_.emplace_back(index, cur_.peek(2));
      return {};
    }
    WAT_TRY(bind(space, cur_.peek(2), index));
    return {};
  }
  if (kw == "export" || kw == "start") return {};
  return cur_.unexpected(keyword);
}

// (func|table|memory|global id? (export ..)* (import ..)? ...): binds the id, tracks the
// imports-first rule and counts the segment an inline (elem ..) / (data ..) adds.
Status Parser::scan_definition(Space space) {
  const Token& open = cur_.take();
  cur_.take();
  auto id = cur_.take_id();
  uint32_t index = scan_counts_[size_t(space)]++;
  if (id) WAT_TRY(bind(space, *id, index));
  while (cur_.at_open("export")) WAT_TRY(cur_.skip_group());
  if (cur_.at_open("import")) {
    if (first_definition_) return cur_.error(open.pos, "import after " + std::string(kind_word(*first_definition_)));
    return {};
  }
  if (!first_definition_) first_definition_ = space;
  if (space != Space::Table && space != Space::Memory) return {};
  std::string_view segment = space == Space::Table ? "elem" : "data";
  while (!cur_.at_close() && !cur_.at(TokenKind::Eof)) {
    if (cur_.at_open(segment)) {
      ++scan_counts_[size_t(space == Space::Table ? Space::Elem : Space::Data)];
      break;
    }
    if (cur_.at(TokenKind::LParen)) {
      WAT_TRY(cur_.skip_group());
    } else {
      cur_.take();
    }
  }
  return {};
}

Status Parser::parse_field() {
  std::string_view kw = cur_.peek(1).text;
  if (kw == "type") return parse_type_field();
  if (kw == "import") return parse_import_field();
  if (kw == "func") return parse_func_field();
  if (kw == "table") return parse_table_field();
  if (kw == "memory") return parse_memory_field();
  if (kw == "global") return parse_global_field();
  if (kw == "export") return parse_export_field();
  if (kw == "start") return parse_start_field();
  if (kw == "elem") return parse_elem_field();
  if (kw == "data") return parse_data_field();
  return cur_.unexpected(cur_.peek(1));
}

}  // namespace wat

Result<Module> parse_wat(std::string_view source, size_t begin, size_t end) {
  end = std::min(end, source.size());
  begin = std::min(begin, end);
  std::vector<uint32_t> line_starts = compute_line_starts(source.substr(0, end));
  auto tokens = tokenize(source, begin, end);
  if (!tokens) {
    // The lexer says "offset N"; restate it as line:column.
    const Error& e = tokens.error();
    uint32_t pos = uint32_t(begin);
    if (e.where.substr(0, 7) == "offset ") std::from_chars(e.where.data() + 7, e.where.data() + e.where.size(), pos);
    return wat::error_at(line_starts, pos, e.message);
  }
  wat::Parser parser(std::move(tokens->tokens), std::move(line_starts));
  return parser.run();
}

}  // namespace mnemo
