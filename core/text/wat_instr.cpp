// core/text/wat_instr.cpp: instruction sequences (spec 6.5): plain and folded instructions,
// structured blocks with their labels, all flattened into Expr order (operands first).
#include "core/text/wat_context.h"

namespace mnemo::wat {
namespace {

// Nesting of blocks and folded instructions the parser follows before giving up (each level
// is a few stack frames; hostile input must not exhaust the stack).
constexpr uint32_t kMaxNesting = 1500;

class NestingGuard {
 public:
  explicit NestingGuard(uint32_t& depth) : depth_(depth) { ++depth_; }
  ~NestingGuard() { --depth_; }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
  bool too_deep() const { return depth_ > kMaxNesting; }

 private:
  uint32_t& depth_;
};

Instr make_instr(Opcode op, uint32_t pos) {
  Instr in;
  in.op = op;
  in.pos = pos;
  return in;
}

}  // namespace

// Instructions up to `)`, `end`, `else` or the end of input; the caller checks which it wants.
Status Parser::parse_instrs(Expr& out) {
  for (;;) {
    const Token& t = cur_.peek();
    switch (t.kind) {
      case TokenKind::LParen:
        WAT_TRY(parse_folded(out));
        break;
      case TokenKind::Keyword:
        if (t.text == "end" || t.text == "else") return {};
        WAT_TRY(parse_plain(out));
        break;
      case TokenKind::RParen:
      case TokenKind::Eof:
        return {};
      default:
        return cur_.unexpected();
    }
  }
}

// An expression closed by `)` (not consumed): its instructions, then End at the `)`.
Status Parser::parse_expr(Expr& out) {
  WAT_TRY(parse_instrs(out));
  if (!cur_.at_close()) return cur_.unexpected();
  out.push_back(make_instr(Opcode::End, cur_.peek().pos));
  return {};
}

// The mnemonic at `token` (already consumed) with its immediates; structured instructions and
// `else`/`end` are the callers' business.
Result<Instr> Parser::parse_operator(const Token& token) {
  auto op = opcode_from_text(token.text);
  if (token.kind != TokenKind::Keyword || !op) return cur_.unexpected(token);
  if (*op == Opcode::Block || *op == Opcode::Loop || *op == Opcode::If || *op == Opcode::Else || *op == Opcode::End)
    return cur_.unexpected(token);
  Instr in = make_instr(*op, token.pos);
  if (in.op == Opcode::Select && cur_.at_open("result")) in.op = Opcode::SelectT;  // typed select
  WAT_TRY(parse_immediates(in));
  return in;
}

Status Parser::parse_plain(Expr& out) {
  const Token& t = cur_.take();
  auto op = opcode_from_text(t.text);
  if (op && (*op == Opcode::Block || *op == Opcode::Loop || *op == Opcode::If)) return parse_flat_block(out, *op, t.pos);
  WAT_ASSIGN(Instr in, parse_operator(t));
  out.push_back(std::move(in));
  return {};
}

Result<std::string> Parser::parse_label_binding() {
  if (auto id = cur_.take_id()) return std::string(id->text);
  return std::string();
}

// `end $l` / `else $l`: the id, when present, must repeat the block's label.
Status Parser::check_end_label(const std::string& label) {
  if (auto id = cur_.take_id()) {
    if (label.empty() || id->text != label)
      return cur_.error(id->pos, "mismatching label " + std::string(id->text) +
                                     (label.empty() ? " (the block has no label)" : " (the block is " + label + ")"));
  }
  return {};
}

// block label? blocktype instr* end id?   (likewise loop; if has an optional `else id? instr*`)
Status Parser::parse_flat_block(Expr& out, Opcode op, uint32_t pos) {
  NestingGuard guard(depth_);
  if (guard.too_deep()) return cur_.error(pos, "nesting too deep");
  WAT_ASSIGN(std::string label, parse_label_binding());
  Instr head = make_instr(op, pos);
  WAT_ASSIGN(head.block, parse_block_type());
  out.push_back(std::move(head));
  labels_.push_back(label);
  WAT_TRY(parse_instrs(out));
  if (op == Opcode::If && cur_.at_keyword("else")) {
    out.push_back(make_instr(Opcode::Else, cur_.take().pos));
    WAT_TRY(check_end_label(label));
    WAT_TRY(parse_instrs(out));
  }
  if (!cur_.at_keyword("end")) return cur_.unexpected();
  out.push_back(make_instr(Opcode::End, cur_.take().pos));
  WAT_TRY(check_end_label(label));
  labels_.pop_back();
  return {};
}

// ( block label? blocktype instr* )   and   ( loop ... )
Status Parser::parse_folded_block(Expr& out, Opcode op, uint32_t pos) {
  WAT_ASSIGN(std::string label, parse_label_binding());
  Instr head = make_instr(op, pos);
  WAT_ASSIGN(head.block, parse_block_type());
  out.push_back(std::move(head));
  labels_.push_back(label);
  WAT_TRY(parse_instrs(out));
  if (!cur_.at_close()) return cur_.unexpected();
  out.push_back(make_instr(Opcode::End, cur_.take().pos));
  labels_.pop_back();
  return {};
}

// ( if label? blocktype foldedinstr* (then instr*) (else instr*)? ): the condition operands are
// outside the if's label scope.
Status Parser::parse_folded_if(Expr& out, uint32_t pos) {
  WAT_ASSIGN(std::string label, parse_label_binding());
  Instr head = make_instr(Opcode::If, pos);
  WAT_ASSIGN(head.block, parse_block_type());
  while (cur_.at(TokenKind::LParen) && !cur_.at_open("then")) WAT_TRY(parse_folded(out));
  out.push_back(std::move(head));
  labels_.push_back(label);
  WAT_TRY(cur_.expect_open("then"));
  WAT_TRY(parse_instrs(out));
  WAT_TRY(cur_.expect_close());
  if (cur_.at_open("else")) {
    out.push_back(make_instr(Opcode::Else, cur_.peek(1).pos));
    cur_.take_open("else");
    WAT_TRY(parse_instrs(out));
    WAT_TRY(cur_.expect_close());
  }
  if (!cur_.at_close()) return cur_.unexpected();
  out.push_back(make_instr(Opcode::End, cur_.take().pos));
  labels_.pop_back();
  return {};
}

// ( plaininstr foldedinstr* ) == foldedinstr* plaininstr, and the block forms above.
Status Parser::parse_folded(Expr& out) {
  const Token& open = cur_.take();  // `(`
  NestingGuard guard(depth_);
  if (guard.too_deep()) return cur_.error(open.pos, "nesting too deep");
  const Token& t = cur_.peek();
  if (t.kind != TokenKind::Keyword) return cur_.unexpected();
  auto op = opcode_from_text(t.text);
  if (op && (*op == Opcode::Block || *op == Opcode::Loop)) {
    cur_.take();
    return parse_folded_block(out, *op, t.pos);
  }
  if (op && *op == Opcode::If) {
    cur_.take();
    return parse_folded_if(out, t.pos);
  }
  cur_.take();
  WAT_ASSIGN(Instr in, parse_operator(t));
  while (cur_.at(TokenKind::LParen)) WAT_TRY(parse_folded(out));
  WAT_TRY(cur_.expect_close());
  out.push_back(std::move(in));
  return {};
}

}  // namespace mnemo::wat
