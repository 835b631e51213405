// core/text/wast_values.cpp: the constants of WAST scripts (`const`) and the result patterns of
// assert_return (`result_pat`, with nan:canonical / nan:arithmetic and v128 lane shapes).
#include <optional>

#include "core/text/numbers.h"
#include "core/text/wast_cursor.h"

namespace mnemo {
namespace {

std::optional<LaneShape> shape_from_text(std::string_view t) {
  if (t == "i8x16") return LaneShape::I8x16;
  if (t == "i16x8") return LaneShape::I16x8;
  if (t == "i32x4") return LaneShape::I32x4;
  if (t == "i64x2") return LaneShape::I64x2;
  if (t == "f32x4") return LaneShape::F32x4;
  if (t == "f64x2") return LaneShape::F64x2;
  return std::nullopt;
}

std::optional<ValType> num_type_of(std::string_view keyword) {
  if (keyword == "i32.const") return ValType::I32;
  if (keyword == "i64.const") return ValType::I64;
  if (keyword == "f32.const") return ValType::F32;
  if (keyword == "f64.const") return ValType::F64;
  return std::nullopt;
}

// The bits of a numeric literal of `type`, or nothing when it is malformed or out of range.
std::optional<uint64_t> parse_number(ValType type, std::string_view text) {
  switch (type) {
    case ValType::I32: return parse_int(text, 32);
    case ValType::I64: return parse_int(text, 64);
    case ValType::F32: {
      auto bits = parse_f32(text);
      if (!bits) return std::nullopt;
      return uint64_t(*bits);
    }
    case ValType::F64: return parse_f64(text);
    default: return std::nullopt;
  }
}

ValType lane_type(LaneShape shape) {
  switch (shape) {
    case LaneShape::F32x4: return ValType::F32;
    case LaneShape::F64x2: return ValType::F64;
    case LaneShape::I64x2: return ValType::I64;
    default: return ValType::I32;
  }
}

// Reads one number or, when `allow_nan_pattern` (float results), a NaN pattern.
Result<NumPattern> read_num(WastCursor& c, ValType type, unsigned int_bits, bool allow_nan_pattern) {
  const Token& t = c.peek();
  if (t.kind != TokenKind::Number && t.kind != TokenKind::Keyword)
    return c.error_here("expected a " + std::string(to_string(type)) + " literal, found " + c.found());
  c.next();
  bool is_float = type == ValType::F32 || type == ValType::F64;
  if (allow_nan_pattern && is_float) {
    if (t.text == "nan:canonical") return NumPattern{0, NanPattern::Canonical};
    if (t.text == "nan:arithmetic") return NumPattern{0, NanPattern::Arithmetic};
  }
  std::optional<uint64_t> bits = is_float ? parse_number(type, t.text) : parse_int(t.text, int_bits);
  if (!bits) return c.error_at(t, "malformed " + std::string(to_string(type)) + " literal '" + std::string(t.text) + "'");
  return NumPattern{*bits, NanPattern::None};
}

// After `v128.const`: a shape and its lanes. Lane patterns go to `lanes`; the bytes to `out`.
Status read_lanes(WastCursor& c, bool allow_nan_pattern, LaneShape& shape, std::vector<NumPattern>& lanes, V128& out) {
  auto shape_token = c.expect(TokenKind::Keyword, "a lane shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)");
  if (!shape_token) return shape_token.error();
  auto s = shape_from_text(shape_token->text);
  if (!s) return c.error_at(*shape_token, "unknown lane shape '" + std::string(shape_token->text) + "'");
  shape = *s;
  const unsigned width = lane_bits(shape) / 8;
  for (unsigned i = 0; i < lane_count(shape); ++i) {
    if (c.peek().kind == TokenKind::RParen)
      return c.error_here("v128 " + std::string(to_string(shape)) + " needs " + std::to_string(lane_count(shape)) +
                          " lanes, found " + std::to_string(i));
    auto lane = read_num(c, lane_type(shape), lane_bits(shape), allow_nan_pattern);
    if (!lane) return lane.error();
    lanes.push_back(*lane);
    for (unsigned b = 0; b < width; ++b) out.bytes[i * width + b] = uint8_t(lane->bits >> (8 * b));
  }
  return {};
}

Result<ValType> read_ref_kind(WastCursor& c) {
  auto t = c.expect(TokenKind::Keyword, "'func' or 'extern'");
  if (!t) return t.error();
  if (t->text == "func" || t->text == "funcref") return ValType::FuncRef;
  if (t->text == "extern" || t->text == "externref") return ValType::ExternRef;
  return c.error_at(*t, "unknown reference type '" + std::string(t->text) + "'");
}

Result<uint64_t> read_host_index(WastCursor& c) {
  auto t = c.expect(TokenKind::Number, "a host reference number");
  if (!t) return t.error();
  auto n = parse_unsigned(t->text, 32);
  if (!n) return c.error_at(*t, "malformed host reference '" + std::string(t->text) + "'");
  return *n;
}

// Reads `(` keyword, returning the keyword token.
Result<Token> open_form(WastCursor& c, std::string_view what) {
  if (c.peek().kind != TokenKind::LParen) return c.error_here("expected " + std::string(what) + ", found " + c.found());
  c.next();
  return c.expect(TokenKind::Keyword, what);
}

}  // namespace

std::string_view to_string(LaneShape shape) {
  switch (shape) {
    case LaneShape::I8x16: return "i8x16";
    case LaneShape::I16x8: return "i16x8";
    case LaneShape::I32x4: return "i32x4";
    case LaneShape::I64x2: return "i64x2";
    case LaneShape::F32x4: return "f32x4";
    case LaneShape::F64x2: return "f64x2";
  }
  return "?";
}

unsigned lane_count(LaneShape shape) { return 128 / lane_bits(shape); }

unsigned lane_bits(LaneShape shape) {
  switch (shape) {
    case LaneShape::I8x16: return 8;
    case LaneShape::I16x8: return 16;
    case LaneShape::I32x4: case LaneShape::F32x4: return 32;
    case LaneShape::I64x2: case LaneShape::F64x2: return 64;
  }
  return 32;
}

bool is_float_shape(LaneShape shape) { return shape == LaneShape::F32x4 || shape == LaneShape::F64x2; }

Result<Value> read_const(WastCursor& c) {
  auto head = open_form(c, "a constant");
  if (!head) return head.error();
  std::string_view kw = head->text;
  Value value;
  if (auto type = num_type_of(kw)) {
    value.type = *type;
    auto n = read_num(c, *type, *type == ValType::I64 ? 64 : 32, false);
    if (!n) return n.error();
    value.bits = n->bits;
  } else if (kw == "v128.const") {
    value.type = ValType::V128;
    LaneShape shape;
    std::vector<NumPattern> lanes;
    if (auto s = read_lanes(c, false, shape, lanes, value.v128); !s) return s.error();
  } else if (kw == "ref.null") {
    auto type = read_ref_kind(c);
    if (!type) return type.error();
    value.type = *type;
    value.is_null = true;
  } else if (kw == "ref.extern" || kw == "ref.host") {
    value.type = ValType::ExternRef;
    auto n = read_host_index(c);
    if (!n) return n.error();
    value.bits = *n;
  } else {
    return c.error_at(*head, "unknown constant '" + std::string(kw) + "'");
  }
  if (auto s = c.expect_rparen(); !s) return s.error();
  return value;
}

namespace {

// `either` may nest; the depth is bounded so hostile input cannot exhaust the stack.
constexpr int kMaxEitherDepth = 16;

Result<Expected> read_expected_at(WastCursor& c, int depth) {
  auto head = open_form(c, "a result");
  if (!head) return head.error();
  std::string_view kw = head->text;
  Expected e;
  if (auto type = num_type_of(kw)) {
    e.kind = Expected::Kind::Num;
    e.type = *type;
    auto n = read_num(c, *type, *type == ValType::I64 ? 64 : 32, true);
    if (!n) return n.error();
    e.num = *n;
  } else if (kw == "v128.const") {
    e.kind = Expected::Kind::Vec;
    e.type = ValType::V128;
    V128 ignored;
    if (auto s = read_lanes(c, true, e.shape, e.lanes, ignored); !s) return s.error();
  } else if (kw == "ref.null") {
    e.kind = Expected::Kind::RefNull;
    if (c.peek().kind == TokenKind::RParen) {
      e.any = true;
      e.type = ValType::FuncRef;
    } else {
      auto type = read_ref_kind(c);
      if (!type) return type.error();
      e.type = *type;
    }
  } else if (kw == "ref.func") {
    e.kind = Expected::Kind::RefFunc;
    e.type = ValType::FuncRef;
    e.any = true;
  } else if (kw == "ref.extern" || kw == "ref.host") {
    e.kind = Expected::Kind::RefExtern;
    e.type = ValType::ExternRef;
    if (c.peek().kind == TokenKind::RParen) {
      e.any = true;
    } else {
      auto n = read_host_index(c);
      if (!n) return n.error();
      e.num.bits = *n;
    }
  } else if (kw == "either") {
    e.kind = Expected::Kind::Either;
    if (depth >= kMaxEitherDepth) return c.error_at(*head, "'either' nested too deeply");
    while (c.peek().kind == TokenKind::LParen) {
      auto alt = read_expected_at(c, depth + 1);
      if (!alt) return alt.error();
      e.alternatives.push_back(std::move(*alt));
    }
    if (e.alternatives.empty()) return c.error_here("'either' needs at least one result");
  } else {
    return c.error_at(*head, "unknown result '" + std::string(kw) + "'");
  }
  if (auto s = c.expect_rparen(); !s) return s.error();
  return e;
}

}  // namespace

Result<Expected> read_expected(WastCursor& c) { return read_expected_at(c, 0); }

}  // namespace mnemo
