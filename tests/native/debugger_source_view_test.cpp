// tests/native/debugger_source_view_test.cpp: the Source panel shows an example as written, its
// comments included (web/ui/source_view.h), and every instruction lands on the line it is written
// on: stepping highlights that line, a breakpoint set on a line stops at the first instruction
// that runs there. A module loaded from binary is shown as the printer writes it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/binary/writer.h"
#include "core/text/wat_parser.h"
#include "tests/native/debugger_test_helpers.h"
#include "web/ui/debugger_model.h"
#include "web/ui/source_view.h"

namespace mnemo::ui {
namespace {

using testing::code_line_with;
using testing::example_text;

// The part of a line before its `;;` comment.
std::string code_of(const std::string& line) { return line.substr(0, line.find(";;")); }

// What a line holding `op` shows of it: its mnemonic, or for an `end`, the `end` or `)` that closes
// its block or function.
std::string written_as(Opcode op, const std::string& code) {
  if (op != Opcode::End) return std::string(mnemonic(op));
  return code.find("end") != std::string::npos ? "end" : ")";
}

TEST(DebuggerSourceView, TheCopyExampleIsShownAsWrittenWithItsComments) {
  DebuggerModel m;
  const std::string text = example_text("02-copy-record.wat");
  ASSERT_TRUE(m.load_text(text, "02-copy-record.wat"));
  EXPECT_TRUE(m.shows_original_text());
  EXPECT_EQ(m.source_lines(), split_source_lines(text));
  ASSERT_GT(m.source_lines().size(), 20u);
  EXPECT_EQ(m.source_lines()[0], ";; 02-copy-record.wat: copying a record from one memory to another with `memory.copy`.");
  // The comment inside `run` is there too, on the line before the copy.
  const std::optional<uint32_t> copy = code_line_with(m, "(memory.copy");
  ASSERT_TRUE(copy);
  EXPECT_NE(m.source_lines()[*copy - 2].find(";; memory.copy <dst memory> <src memory>"), std::string::npos);
  // A comment line has no instruction: no breakpoint can be set on it.
  EXPECT_FALSE(m.location_at_line(1));
  EXPECT_FALSE(m.queue_toggle_breakpoint_at_line(*copy - 1));
}

// Every instruction of every example sits on a line whose code names it (an `end` is the `)` or
// `end` that closes its block or function).
TEST(DebuggerSourceView, EveryInstructionOfEveryExampleIsOnTheLineThatNamesIt) {
  size_t checked = 0;
  for (const Example& e : examples()) {
    DebuggerModel m;
    ASSERT_TRUE(m.load_text(std::string(e.text), std::string(e.file))) << e.file;
    ASSERT_TRUE(m.shows_original_text()) << e.file;
    const Module& mod = *m.module();
    const uint32_t imported = mod.imported_count(ExternKind::Func);
    for (uint32_t f = 0; f < mod.funcs.size(); ++f)
      for (uint32_t i = 0; i < mod.funcs[f].body.size(); ++i) {
        const Opcode op = mod.funcs[f].body[i].op;
        const std::optional<uint32_t> line = m.line_of(CodeLocation{imported + f, i});
        ASSERT_TRUE(line) << e.file << " function " << f << " instruction " << i;
        ASSERT_LE(*line, m.source_lines().size());
        const std::string code = code_of(m.source_lines()[*line - 1]);
        EXPECT_NE(code.find(written_as(op, code)), std::string::npos)
            << e.file << " line " << *line << " '" << code << "' does not hold " << mnemonic(op);
        ++checked;
      }
  }
  EXPECT_GT(checked, 150u);
}

TEST(DebuggerSourceView, SteppingHighlightsTheOriginalLines) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.queue_call("run", "", /*stop_at_entry=*/true);
  m.update();
  ASSERT_TRUE(m.in_call());
  // The call's first instruction is `i32.const 2`, inside `(local.set $dst (call $slot (i32.const 2)))`.
  const std::optional<uint32_t> first = code_line_with(m, "(local.set $dst (call $slot (i32.const 2)))");
  ASSERT_TRUE(first);
  EXPECT_EQ(m.line_of(*m.current()), first);
  // Step on: every line the highlight visits holds the instruction about to run; the operands of
  // the folded copy, written on the line below it, run before it.
  std::vector<uint32_t> visited;
  for (int i = 0; i < 100 && m.in_call() && m.current_op() != Opcode::MemoryCopy; ++i) {
    const std::optional<uint32_t> line = m.line_of(*m.current());
    ASSERT_TRUE(line);
    visited.push_back(*line);
    const std::string code = code_of(m.source_lines()[*line - 1]);
    EXPECT_NE(code.find(written_as(*m.current_op(), code)), std::string::npos)
        << "line " << *line << " does not hold " << mnemonic(*m.current_op());
    m.queue(Command::StepInto);
    m.update();
  }
  ASSERT_EQ(m.current_op(), Opcode::MemoryCopy);
  const std::optional<uint32_t> copy = code_line_with(m, "(memory.copy $archive $staging");
  EXPECT_EQ(m.line_of(*m.current()), copy);
  EXPECT_EQ(visited.back(), *copy + 1);  // `(global.get $record_size)`, the copy's last operand
  // $slot's body ran on its own lines, above `run`.
  const std::optional<uint32_t> slot = code_line_with(m, "(i32.mul (local.get $n)");
  ASSERT_TRUE(slot);
  EXPECT_NE(std::find(visited.begin(), visited.end(), *slot), visited.end());
}

TEST(DebuggerSourceView, ABreakpointOnALineStopsAtItsFirstInstructionAndTogglesOff) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  const std::optional<uint32_t> line = code_line_with(m, "(local.set $dst (call $slot (i32.const 2)))");
  ASSERT_TRUE(line);
  // Four instructions are written there; i32.const runs first.
  const auto at = m.location_at_line(*line);
  ASSERT_TRUE(at);
  EXPECT_EQ(m.module()->funcs[at->func - m.module()->imported_count(ExternKind::Func)].body[at->instr].op,
            Opcode::I32Const);
  ASSERT_TRUE(m.queue_toggle_breakpoint_at_line(*line));
  m.update();
  EXPECT_TRUE(m.has_breakpoint_on_line(*line));
  EXPECT_FALSE(m.has_breakpoint_on_line(*line + 1));
  // A breakpoint on another instruction of the line (set by location) also marks it; a click on
  // the line then removes both.
  m.queue_toggle_breakpoint(CodeLocation{at->func, at->instr + 1});
  m.update();
  EXPECT_EQ(m.breakpoints().size(), 2u);
  ASSERT_TRUE(m.queue_toggle_breakpoint_at_line(*line));
  m.update();
  EXPECT_TRUE(m.breakpoints().empty());
  EXPECT_FALSE(m.has_breakpoint_on_line(*line));
}

TEST(DebuggerSourceView, ABinaryModuleIsShownAsPrinted) {
  auto parsed = parse_wat(example_text("02-copy-record.wat"));
  ASSERT_TRUE(parsed);
  DebuggerModel m;
  ASSERT_TRUE(m.load_binary(encode_module(*parsed), "copy.wasm"));
  EXPECT_FALSE(m.shows_original_text());
  EXPECT_EQ(m.source_lines(), split_source_lines(m.printed().text));
  const std::optional<uint32_t> copy = code_line_with(m, "memory.copy");
  ASSERT_TRUE(copy);
  const auto at = m.location_at_line(*copy);
  ASSERT_TRUE(at);
  EXPECT_EQ(m.module()->funcs[at->func - m.module()->imported_count(ExternKind::Func)].body[at->instr].op,
            Opcode::MemoryCopy);
}

TEST(DebuggerSourceView, LinesAreCutAtNewlinesWithTabsExpanded) {
  EXPECT_EQ(split_source_lines("a\r\n\tb\n"), (std::vector<std::string>{"a", "    b"}));
  EXPECT_EQ(split_source_lines("x\n\ny"), (std::vector<std::string>{"x", "", "y"}));
  EXPECT_TRUE(split_source_lines("").empty());
}

}  // namespace
}  // namespace mnemo::ui
