// core/text/wat_immediates.cpp: the immediates of plain instructions (spec 6.5), chosen by
// info(op).imm alone. The memory index of every memory instruction is read by
// parse_memory_use, the one place that knows the multi-memory text syntax.
#include <bit>
#include <cstring>

#include "core/text/numbers.h"
#include "core/text/wat_context.h"
#include "core/text/wat_literals.h"

namespace mnemo::wat {
namespace {

bool is_memarg_keyword(const Token& t) {
  return t.kind == TokenKind::Keyword && (t.text.substr(0, 7) == "offset=" || t.text.substr(0, 6) == "align=");
}

// A token that stands where a lane literal of v128.const or i8x16.shuffle may: a number, `inf` / `nan...` for
// floats, or a reserved token (a malformed literal such as `.0` or `_1`, reported when parsed).
bool is_lane_literal(const Token& t) {
  if (t.kind == TokenKind::Number || t.kind == TokenKind::Reserved) return true;
  return t.kind == TokenKind::Keyword && (t.text.substr(0, 3) == "inf" || t.text.substr(0, 3) == "nan");
}

}  // namespace

Status Parser::parse_immediates(Instr& in) {
  switch (info(in.op).imm) {
    case ImmKind::None:
    case ImmKind::Block:  // structured instructions are read by the block parsers
      return {};
    case ImmKind::Label: {
      WAT_ASSIGN(in.index, parse_label());
      return {};
    }
    case ImmKind::BrTable: {
      while (cur_.at_index()) {
        WAT_ASSIGN(uint32_t label, parse_label());
        in.labels.push_back(label);
      }
      if (in.labels.empty()) return cur_.unexpected();
      return {};
    }
    case ImmKind::Func: {
      WAT_ASSIGN(in.index, parse_index(Space::Func));
      return {};
    }
    case ImmKind::CallIndirect: {  // call_indirect tableidx? typeuse
      if (cur_.at_index()) {
        WAT_ASSIGN(in.index2, parse_index(Space::Table));
      }
      WAT_ASSIGN(TypeUse use, parse_type_use(false));
      WAT_ASSIGN(in.index, resolve_type_use(use));
      return {};
    }
    case ImmKind::Local: {
      WAT_ASSIGN(in.index, parse_local());
      return {};
    }
    case ImmKind::Global: {
      WAT_ASSIGN(in.index, parse_index(Space::Global));
      return {};
    }
    case ImmKind::Table: {  // tableidx? (0 when absent)
      if (cur_.at_index()) {
        WAT_ASSIGN(in.index, parse_index(Space::Table));
      }
      return {};
    }
    case ImmKind::TableCopy: {  // (dst src)? -- both or neither
      if (cur_.at_index()) {
        WAT_ASSIGN(in.index, parse_index(Space::Table));
        WAT_ASSIGN(in.index2, parse_index(Space::Table));
      }
      return {};
    }
    case ImmKind::TableInit: {  // tableidx? elemidx
      if (cur_.at_index() && cur_.at_index(1)) {
        WAT_ASSIGN(in.index2, parse_index(Space::Table));
      }
      WAT_ASSIGN(in.index, parse_index(Space::Elem));
      return {};
    }
    case ImmKind::Elem: {
      WAT_ASSIGN(in.index, parse_index(Space::Elem));
      return {};
    }
    case ImmKind::Memory: {
      WAT_ASSIGN(in.mem.memory, parse_memory_use(false));
      return {};
    }
    case ImmKind::MemoryCopy: {  // (dst src)? -- both or neither
      if (cur_.at_index()) {
        WAT_ASSIGN(in.mem.memory, parse_memory_use(false));
        if (!cur_.at_index()) return cur_.unexpected();
        WAT_ASSIGN(in.mem_src, parse_memory_use(false));
      }
      return {};
    }
    case ImmKind::MemoryInit: {  // memidx? dataidx
      if (cur_.at_index() && cur_.at_index(1)) {
        WAT_ASSIGN(in.mem.memory, parse_memory_use(false));
      }
      WAT_ASSIGN(in.index, parse_index(Space::Data));
      uses_data_index_ = true;
      return {};
    }
    case ImmKind::Data: {
      WAT_ASSIGN(in.index, parse_index(Space::Data));
      uses_data_index_ = true;
      return {};
    }
    case ImmKind::MemArg:
      return parse_memarg(in, false);
    case ImmKind::MemArgLane: {
      WAT_TRY(parse_memarg(in, true));
      WAT_ASSIGN(in.lane, parse_lane());
      return {};
    }
    case ImmKind::Lane: {
      WAT_ASSIGN(in.lane, parse_lane());
      return {};
    }
    case ImmKind::Shuffle:
      return parse_shuffle(in);
    case ImmKind::I32: {
      WAT_ASSIGN(in.bits, parse_int_token(32));
      return {};
    }
    case ImmKind::I64: {
      WAT_ASSIGN(in.bits, parse_int_token(64));
      return {};
    }
    case ImmKind::F32: {
      WAT_ASSIGN(in.bits, parse_float_token(32));
      return {};
    }
    case ImmKind::F64: {
      WAT_ASSIGN(in.bits, parse_float_token(64));
      return {};
    }
    case ImmKind::V128:
      return parse_v128_const(in);
    case ImmKind::RefType: {
      WAT_ASSIGN(in.ref_type, parse_heaptype());
      return {};
    }
    case ImmKind::SelectT: {  // select (result t*)+
      FuncType sig;
      WAT_TRY(parse_results(sig));
      in.types = std::move(sig.results);
      return {};
    }
  }
  return {};
}

// memidx? of a memory instruction (multi-memory text format): a $id, or a u32. Before the lane
// of a *_lane instruction a lone number is the lane, so a number is a memory index there only
// when another number or a memarg keyword follows it.
Result<uint32_t> Parser::parse_memory_use(bool lane_follows) {
  const Token& t = cur_.peek();
  if (t.kind == TokenKind::Id) return parse_index(Space::Memory);
  if (t.kind != TokenKind::Number) return 0u;
  if (lane_follows && !(cur_.at(TokenKind::Number, 1) || is_memarg_keyword(cur_.peek(1)))) return 0u;
  return parse_index(Space::Memory);
}

// memarg ::= memidx? (offset=u32)? (align=u32)?; align is a power of two, stored as log2, and
// defaults to the natural alignment.
Status Parser::parse_memarg(Instr& in, bool lane_follows) {
  WAT_ASSIGN(in.mem.memory, parse_memory_use(lane_follows));
  in.mem.align = info(in.op).align;
  in.mem.offset = 0;
  if (cur_.at(TokenKind::Keyword) && cur_.peek().text.substr(0, 7) == "offset=") {
    const Token& t = cur_.take();
    std::string_view digits = t.text.substr(7);
    if (!is_unsigned_literal(digits)) return cur_.error(t.pos, "unknown operator " + std::string(t.text));
    auto value = parse_unsigned(digits, 32);
    if (!value) return cur_.error(t.pos, "i32 constant out of range: " + std::string(t.text));
    in.mem.offset = *value;
  }
  if (cur_.at(TokenKind::Keyword) && cur_.peek().text.substr(0, 6) == "align=") {
    const Token& t = cur_.take();
    if (!is_unsigned_literal(t.text.substr(6))) return cur_.error(t.pos, "unknown operator " + std::string(t.text));
    auto value = parse_unsigned(t.text.substr(6), 32);
    if (!value || *value == 0 || !std::has_single_bit(*value))
      return cur_.error(t.pos, "alignment must be a power of two: " + std::string(t.text));
    in.mem.align = uint32_t(std::countr_zero(*value));
  }
  return {};
}

// A lane index: an unsigned literal below 256 (the validator checks it against the shape).
Result<uint8_t> Parser::parse_lane() {
  const Token& t = cur_.peek();
  if (t.kind != TokenKind::Number) return cur_.unexpected();
  auto value = parse_unsigned(t.text, 64);
  if (!value) return cur_.unexpected();
  if (*value > 255) return cur_.error(t.pos, "malformed lane index " + std::string(t.text));
  cur_.take();
  return uint8_t(*value);
}

Status Parser::parse_shuffle(Instr& in) {
  uint32_t pos = cur_.peek().pos;
  size_t count = 0;
  while (is_lane_literal(cur_.peek(count))) ++count;
  if (count != 16) return cur_.error(pos, "invalid lane length: i8x16.shuffle takes 16 lane indices, found " + std::to_string(count));
  for (size_t i = 0; i < 16; ++i) {
    const Token& t = cur_.take();
    auto value = parse_unsigned(t.text, 8);
    if (!value) return cur_.error(t.pos, "malformed lane index " + std::string(t.text));
    in.v128.bytes[i] = uint8_t(*value);
  }
  return {};
}

// v128.const shape lane*: each lane an iN or fN literal of the shape, stored little-endian.
Status Parser::parse_v128_const(Instr& in) {
  const Token& shape = cur_.peek();
  unsigned lane_bits = 0;
  bool is_float = false;
  if (shape.kind == TokenKind::Keyword) {
    if (shape.text == "i8x16") lane_bits = 8;
    if (shape.text == "i16x8") lane_bits = 16;
    if (shape.text == "i32x4") lane_bits = 32;
    if (shape.text == "i64x2") lane_bits = 64;
    if (shape.text == "f32x4") lane_bits = 32, is_float = true;
    if (shape.text == "f64x2") lane_bits = 64, is_float = true;
  }
  if (lane_bits == 0) return cur_.unexpected();
  cur_.take();
  const size_t lanes = 128 / lane_bits;
  size_t count = 0;
  while (is_lane_literal(cur_.peek(count))) ++count;
  if (count != lanes)
    return cur_.error(shape.pos, "wrong number of lane literals: " + std::string(shape.text) + " takes " +
                                     std::to_string(lanes) + ", found " + std::to_string(count));
  for (size_t i = 0; i < lanes; ++i) {
    WAT_ASSIGN(uint64_t bits, is_float ? parse_float_token(lane_bits) : parse_int_token(lane_bits));
    for (unsigned b = 0; b < lane_bits / 8; ++b) in.v128.bytes[i * (lane_bits / 8) + b] = uint8_t(bits >> (8 * b));
  }
  return {};
}

// iN literal (signed or unsigned form) as its two's complement bits.
Result<uint64_t> Parser::parse_int_token(unsigned bits) {
  const Token& t = cur_.peek();
  if (t.kind != TokenKind::Number) return cur_.unexpected();
  auto value = parse_int(t.text, bits);
  if (!value) {
    if (is_int_literal(t.text)) return cur_.error(t.pos, "constant out of range: " + std::string(t.text));
    return cur_.error(t.pos, "unknown operator " + std::string(t.text));
  }
  cur_.take();
  return *value;
}

// fN literal as its bit pattern (32 or 64 bits).
Result<uint64_t> Parser::parse_float_token(unsigned bits) {
  const Token& t = cur_.peek();
  bool keyword_literal = t.kind == TokenKind::Keyword && (t.text == "inf" || t.text == "nan" || t.text.substr(0, 4) == "nan:");
  if (t.kind != TokenKind::Number && !keyword_literal) return cur_.unexpected();
  std::optional<uint64_t> value;
  if (bits == 32) {
    if (auto v = parse_f32(t.text)) value = *v;
  } else {
    value = parse_f64(t.text);
  }
  if (!value) {
    if (is_float_literal(t.text)) return cur_.error(t.pos, "constant out of range: " + std::string(t.text));
    if (t.kind == TokenKind::Keyword) return cur_.unexpected();
    return cur_.error(t.pos, "unknown operator " + std::string(t.text));
  }
  cur_.take();
  return *value;
}

}  // namespace mnemo::wat
