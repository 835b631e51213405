// core/text/wast_parser.cpp: the commands of WAST scripts (reference interpreter README,
// "Scripts"). Modules stay unparsed; constants are read by wast_values.cpp.
#include <algorithm>
#include <charconv>

#include "core/text/wast_cursor.h"

namespace mnemo {
namespace {

Result<std::string> read_string(WastCursor& c, std::string_view what) {
  auto t = c.expect(TokenKind::String, what);
  if (!t) return t.error();
  return decode_string(*t);
}

// At `(module`: `(module $id? field*)`, `(module definition? $id? binary "..."*)`,
// `(module definition? $id? quote "..."*)`.
Result<ScriptModule> read_module(WastCursor& c) {
  ScriptModule m;
  const Token& open = c.next();  // '('
  m.begin = open.pos;
  c.next();  // 'module'
  if (c.peek().kind == TokenKind::Keyword && c.peek().text == "definition") {
    m.definition = true;
    c.next();
  }
  m.id = c.optional_id();
  const Token& head = c.peek();
  if (head.kind == TokenKind::Keyword && (head.text == "binary" || head.text == "quote")) {
    m.form = head.text == "binary" ? ScriptModule::Form::Binary : ScriptModule::Form::Quote;
    c.next();
    while (c.peek().kind == TokenKind::String) m.bytes += decode_string(c.next());
    const Token& close = c.peek();
    if (auto s = c.expect_rparen(); !s) return s.error();
    m.end = close.pos + 1;
    return m;
  }
  // A text module: skip to the matching ')'; parse_wat reads it later from the source span.
  size_t depth = 1;
  while (true) {
    const Token& t = c.peek();
    if (t.kind == TokenKind::Eof) return c.error_at(open, "unclosed '(module'");
    c.next();
    if (t.kind == TokenKind::LParen) {
      ++depth;
    } else if (t.kind == TokenKind::RParen && --depth == 0) {
      m.end = t.pos + 1;
      return m;
    }
  }
}

// At `(invoke` or `(get`.
Result<Action> read_action(WastCursor& c) {
  Action a;
  if (!c.at_form("invoke") && !c.at_form("get"))
    return c.error_here("expected an action (invoke or get), found " + c.found());
  a.pos = c.next().pos;
  a.kind = c.next().text == "invoke" ? Action::Kind::Invoke : Action::Kind::Get;
  a.instance = c.optional_id();
  auto name = read_string(c, "an export name");
  if (!name) return name.error();
  a.name = std::move(*name);
  if (a.kind == Action::Kind::Invoke) {
    while (c.peek().kind == TokenKind::LParen) {
      auto v = read_const(c);
      if (!v) return v.error();
      a.args.push_back(std::move(*v));
    }
  }
  if (auto s = c.expect_rparen(); !s) return s.error();
  return a;
}

Status read_message(WastCursor& c, Command& cmd) {
  auto m = read_string(c, "the expected failure message");
  if (!m) return m.error();
  cmd.message = std::move(*m);
  return {};
}

Status read_module_into(WastCursor& c, Command& cmd) {
  if (!c.at_form("module")) return c.error_here("expected '(module', found " + c.found());
  auto m = read_module(c);
  if (!m) return m.error();
  cmd.module = std::move(*m);
  return {};
}

Status read_action_into(WastCursor& c, Command& cmd) {
  auto a = read_action(c);
  if (!a) return a.error();
  cmd.action = std::move(*a);
  return {};
}

// Reads the rest of a command whose `(` and keyword have not been consumed.
Result<Command> read_command(WastCursor& c) {
  Command cmd;
  if (c.peek().kind != TokenKind::LParen || c.peek(1).kind != TokenKind::Keyword)
    return c.error_here("expected a command, found " + c.found());
  cmd.pos = c.peek().pos;
  const Token head = c.peek(1);
  std::string_view kw = head.text;

  if (kw == "module") {
    if (c.peek(2).kind == TokenKind::Keyword && c.peek(2).text == "instance") {
      cmd.kind = CommandKind::Instance;
      c.next();
      c.next();
      c.next();
      cmd.instance = c.optional_id();
      cmd.module_id = c.optional_id();
      if (auto s = c.expect_rparen(); !s) return s.error();
      return cmd;
    }
    cmd.kind = CommandKind::Module;
    if (auto s = read_module_into(c, cmd); !s) return s.error();
    return cmd;
  }
  if (kw == "invoke" || kw == "get") {
    cmd.kind = CommandKind::Action;
    if (auto s = read_action_into(c, cmd); !s) return s.error();
    return cmd;
  }

  c.next();
  c.next();
  Status s;
  if (kw == "register") {
    cmd.kind = CommandKind::Register;
    auto name = read_string(c, "the name to register under");
    if (!name) return name.error();
    cmd.name = std::move(*name);
    cmd.instance = c.optional_id();
  } else if (kw == "assert_return") {
    cmd.kind = CommandKind::AssertReturn;
    s = read_action_into(c, cmd);
    while (s && c.peek().kind == TokenKind::LParen) {
      auto e = read_expected(c);
      if (!e) return e.error();
      cmd.expected.push_back(std::move(*e));
    }
  } else if (kw == "assert_trap") {
    cmd.kind = CommandKind::AssertTrap;
    s = c.at_form("module") ? read_module_into(c, cmd) : read_action_into(c, cmd);
    if (s) s = read_message(c, cmd);
  } else if (kw == "assert_exhaustion") {
    cmd.kind = CommandKind::AssertExhaustion;
    s = read_action_into(c, cmd);
    if (s) s = read_message(c, cmd);
  } else if (kw == "assert_malformed" || kw == "assert_invalid" || kw == "assert_unlinkable" ||
             kw == "assert_uninstantiable") {
    cmd.kind = kw == "assert_malformed"    ? CommandKind::AssertMalformed
               : kw == "assert_invalid"    ? CommandKind::AssertInvalid
               : kw == "assert_unlinkable" ? CommandKind::AssertUnlinkable
                                           : CommandKind::AssertUninstantiable;
    s = read_module_into(c, cmd);
    if (s) s = read_message(c, cmd);
  } else {
    return c.error_at(head, "unknown command '" + std::string(kw) + "'");
  }
  if (!s) return s.error();
  if (auto r = c.expect_rparen(); !r) return r.error();
  return cmd;
}

// A script may instead be one module's fields without `(module ...)` around them (the reference
// interpreter's `inline_module`): it starts with a module field.
bool starts_inline_module(const WastCursor& c) {
  if (c.peek().kind != TokenKind::LParen || c.peek(1).kind != TokenKind::Keyword) return false;
  std::string_view kw = c.peek(1).text;
  return kw == "type" || kw == "import" || kw == "func" || kw == "table" || kw == "memory" || kw == "global" ||
         kw == "export" || kw == "start" || kw == "elem" || kw == "data";
}

// The lexer reports "offset N"; a script names line:column instead.
Error redescribe_lex_error(const Script& script, const Error& e) {
  std::string_view where = e.where;
  uint32_t offset = 0;
  if (where.substr(0, 7) == "offset ") {
    auto [p, ec] = std::from_chars(where.data() + 7, where.data() + where.size(), offset);
    if (ec == std::errc()) return Error{"line " + script.line_column(offset), e.message};
  }
  return e;
}

}  // namespace

std::string_view to_string(CommandKind kind) {
  switch (kind) {
    case CommandKind::Module: return "module";
    case CommandKind::Instance: return "module instance";
    case CommandKind::Register: return "register";
    case CommandKind::Action: return "action";
    case CommandKind::AssertReturn: return "assert_return";
    case CommandKind::AssertTrap: return "assert_trap";
    case CommandKind::AssertExhaustion: return "assert_exhaustion";
    case CommandKind::AssertMalformed: return "assert_malformed";
    case CommandKind::AssertInvalid: return "assert_invalid";
    case CommandKind::AssertUnlinkable: return "assert_unlinkable";
    case CommandKind::AssertUninstantiable: return "assert_uninstantiable";
  }
  return "?";
}

std::string Script::line_column(uint32_t pos) const {
  if (line_starts.empty()) return "1:" + std::to_string(pos + 1);
  return mnemo::line_column(line_starts, pos);
}

Result<Script> parse_wast(std::string_view source) {
  // Positions are 32-bit offsets (Token::pos, Command::pos).
  if (source.size() >= UINT32_MAX) return Error{"", "script too large (4 GiB or more)"};
  Script script;
  script.source = std::string(source);
  script.line_starts = compute_line_starts(script.source);
  auto tokens = tokenize(script.source);
  if (!tokens) return redescribe_lex_error(script, tokens.error());
  WastCursor c(script, tokens->tokens);
  if (starts_inline_module(c)) {
    Command cmd;
    cmd.kind = CommandKind::Module;
    cmd.pos = c.peek().pos;
    cmd.module = ScriptModule{};
    cmd.module->begin = cmd.pos;
    cmd.module->end = uint32_t(script.source.size());
    script.commands.push_back(std::move(cmd));
  } else {
    while (c.peek().kind != TokenKind::Eof) {
      auto cmd = read_command(c);
      if (!cmd) return cmd.error();
      script.commands.push_back(std::move(*cmd));
    }
  }
  for (Command& cmd : script.commands) {
    auto it = std::upper_bound(script.line_starts.begin(), script.line_starts.end(), cmd.pos);
    cmd.line = uint32_t(it - script.line_starts.begin());
    cmd.column = cmd.pos - script.line_starts[cmd.line - 1] + 1;
  }
  return script;
}

}  // namespace mnemo
