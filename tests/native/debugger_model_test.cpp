// tests/native/debugger_model_test.cpp: the debugger's model (web/ui/debugger_model.h) over the
// interpreter, without drawing: loading examples, stepping to a cross-memory memory.copy, the
// highlights it derives from the step's memory effects, traps, memory.fill and memory.grow, and
// output printed through imports.
#include <gtest/gtest.h>

#include <string>

#include "tests/native/debugger_test_helpers.h"
#include "web/ui/debugger_model.h"

namespace mnemo::ui {
namespace {

using testing::example_text;

// Steps into instructions until the next one to execute is `op` (or the call ends).
bool step_until(DebuggerModel& m, Opcode op) {
  for (int i = 0; i < 1000 && m.in_call(); ++i) {
    if (m.current_op() == op) return true;
    m.queue(Command::StepInto);
    m.update();
  }
  return false;
}

std::string read_text(const DebuggerModel& m, uint32_t memory, uint64_t address, uint64_t size) {
  std::string out(size, '\0');
  out.resize(m.read_memory(memory, address, reinterpret_cast<uint8_t*>(out.data()), size));
  return out;
}

TEST(DebuggerModel, StepsToTheCrossMemoryCopyAndHighlightsBothRanges) {
  DebuggerModel m;
  ASSERT_TRUE(m.interpreter_available());
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.queue_call("run", "", /*stop_at_entry=*/true);
  m.update();
  ASSERT_TRUE(m.in_call());
  ASSERT_TRUE(step_until(m, Opcode::MemoryCopy));
  EXPECT_EQ(read_text(m, 1, 0x120, 12), std::string(12, '\0'));  // not yet copied

  m.queue(Command::StepInto);
  m.update();
  ASSERT_EQ(m.highlights().size(), 2u);
  const Highlight& src = m.highlights()[0];
  const Highlight& dst = m.highlights()[1];
  EXPECT_EQ(src.role, Highlight::Role::CopySource);
  EXPECT_EQ(src.memory, 0u);
  EXPECT_EQ(src.address, 0x20u);
  EXPECT_EQ(src.size, 16u);
  EXPECT_EQ(dst.role, Highlight::Role::CopyDestination);
  EXPECT_EQ(dst.memory, 1u);
  EXPECT_EQ(dst.address, 0x120u);
  EXPECT_EQ(dst.size, 16u);
  EXPECT_EQ(read_text(m, 1, 0x120, 12), "Ada Lovelace");
  EXPECT_EQ(read_text(m, 0, 0x20, 12), "Ada Lovelace");  // a copy, not a move
  EXPECT_EQ(m.last_step_summary(),
            "memory.copy: 16 bytes from memory 0 $staging [0x20, 0x30) to memory 1 $archive [0x120, 0x130)");

  m.queue(Command::Continue);
  for (int frame = 0; frame < 100 && (m.running() || frame == 0); ++frame) m.update();  // animated: a step a frame
  EXPECT_FALSE(m.in_call());
  ASSERT_FALSE(m.output().empty());
  EXPECT_EQ(m.output().back().kind, OutputLine::Kind::Result);
  EXPECT_EQ(m.output().back().text, "run returned i32:36");
}

TEST(DebuggerModel, BreakpointStopsBeforeTheCopy) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  // The memory.copy instruction's line in the example as written.
  const std::optional<uint32_t> copy_line = testing::code_line_with(m, "(memory.copy");
  ASSERT_TRUE(copy_line);
  const auto at = m.location_at_line(*copy_line);
  ASSERT_TRUE(at);
  m.queue_toggle_breakpoint(*at);
  m.queue_call("run", "", /*stop_at_entry=*/false);
  m.update();
  for (int frame = 0; frame < 100 && m.running(); ++frame) m.update();
  EXPECT_EQ(m.last_stop(), StopReason::Breakpoint);
  ASSERT_TRUE(m.current());
  EXPECT_EQ(m.current()->func, at->func);
  EXPECT_EQ(m.current()->instr, at->instr);
}

TEST(DebuggerModel, RunToCursorStopsAtTheCursorsLine) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.animate = false;
  const std::optional<uint32_t> copy_line = testing::code_line_with(m, "(memory.copy");
  ASSERT_TRUE(copy_line);
  m.queue_call("run", "", /*stop_at_entry=*/true);
  m.update();
  ASSERT_TRUE(m.in_call());
  m.set_cursor(m.location_at_line(*copy_line));
  m.queue(Command::RunToCursor);
  for (int frame = 0; frame < 1000 && (frame == 0 || m.running()); ++frame) m.update();
  EXPECT_FALSE(m.running());
  ASSERT_TRUE(m.current());
  EXPECT_EQ(m.line_of(*m.current()), copy_line);
}

TEST(DebuggerModel, TrapNamesTheSmallMemoryAndHighlightsTheFault) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("06-trap-small-memory.wat"), "06-trap-small-memory.wat"));
  m.animate = false;
  m.queue_call("load_small", "", false);
  m.update();
  ASSERT_TRUE(m.last_trap());
  EXPECT_EQ(m.last_trap()->message, "out of bounds memory access");
  ASSERT_TRUE(m.last_trap()->fault);
  EXPECT_EQ(m.last_trap()->fault->memory, 0u);
  EXPECT_EQ(m.last_trap()->fault->address, 0x10000u);
  ASSERT_FALSE(m.highlights().empty());
  EXPECT_EQ(m.highlights().back().role, Highlight::Role::Fault);
  EXPECT_EQ(m.last_step_summary(), "trap: 4 bytes at 0x10000 are outside memory 0 $small");
  EXPECT_EQ(m.output().back().kind, OutputLine::Kind::Trap);
  EXPECT_NE(m.output().back().text.find("memory 0, address 65536, 4 bytes"), std::string::npos) << m.output().back().text;
}

TEST(DebuggerModel, FillGrowAndImportedPrint) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(R"((module
    (import "env" "print" (func $print (param i32)))
    (memory $a 1) (memory $b 1 3)
    (func (export "go") (result i32)
      (memory.fill $b (i32.const 8) (i32.const 0x5a) (i32.const 4))
      (call $print (i32.load8_u $b (i32.const 9)))
      (memory.grow $b (i32.const 1)))))",
                          "fill.wat"));
  m.queue_call("go", "", true);
  m.update();
  ASSERT_TRUE(step_until(m, Opcode::MemoryFill));
  m.queue(Command::StepInto);
  m.update();
  ASSERT_EQ(m.highlights().size(), 1u);
  EXPECT_EQ(m.highlights()[0].role, Highlight::Role::Fill);
  EXPECT_EQ(m.highlights()[0].memory, 1u);
  EXPECT_EQ(m.highlights()[0].address, 8u);
  EXPECT_EQ(m.highlights()[0].size, 4u);
  EXPECT_EQ(m.last_step_summary(), "memory.fill: 4 bytes of memory 1 $b [0x8, 0xc) set");

  ASSERT_TRUE(step_until(m, Opcode::MemoryGrow));
  m.queue(Command::StepInto);
  m.update();
  ASSERT_TRUE(m.last_effects().grow);
  EXPECT_EQ(m.last_effects().grow->memory, 1u);
  EXPECT_EQ(m.last_effects().grow->old_pages, 1u);
  EXPECT_EQ(m.last_effects().grow->result, 1);
  EXPECT_EQ(m.describe_memory(1).pages, 2u);
  EXPECT_EQ(m.describe_memory(0).pages, 1u);
  EXPECT_EQ(m.last_step_summary(), "memory.grow on memory 1 $b: 1 -> 2 pages");

  bool printed = false;
  for (const OutputLine& line : m.output())
    if (line.kind == OutputLine::Kind::Print && line.text == "env.print(i32:90)") printed = true;
  EXPECT_TRUE(printed);
}

TEST(DebuggerModel, EveryExampleInstantiatesAndItsExportsCanStart) {
  for (const Example& e : examples()) {
    DebuggerModel m;
    ASSERT_TRUE(m.load_text(std::string(e.text), std::string(e.file))) << e.file;
    ASSERT_FALSE(m.exported_functions().empty()) << e.file;
    const ExportedFunction& f = m.exported_functions().front();
    std::string args;
    for (size_t i = 0; i < f.type.params.size(); ++i) args += "0 ";
    m.queue_call(f.name, args, true);
    m.update();
    EXPECT_TRUE(m.in_call()) << e.file << ": " << m.output().back().text;
    EXPECT_TRUE(m.has_instance()) << e.file;
  }
}

// An endless loop at full speed: each update runs a slice of time and returns; Pause stops it
// inside the loop, and the first step after the pause moves on by one instruction (a pause
// requested between frames once swallowed it).
TEST(DebuggerModel, PauseStopsAnEndlessLoopAndTheNextStepMoves) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("08-pause-a-loop.wat"), "08-pause-a-loop.wat"));
  m.animate = false;
  m.queue_call("spin", "", /*stop_at_entry=*/false);
  for (int frame = 0; frame < 3; ++frame) m.update();  // each returns: a slice of time, not the call
  ASSERT_TRUE(m.running());
  m.queue(Command::Pause);
  m.update();
  EXPECT_FALSE(m.running());
  ASSERT_TRUE(m.in_call());
  const std::optional<CodeLocation> paused = m.current();
  ASSERT_TRUE(paused);
  const uint64_t serial = m.step_serial();
  m.queue(Command::StepInto);
  m.update();
  EXPECT_GT(m.step_serial(), serial);
  ASSERT_TRUE(m.current());
  EXPECT_FALSE(m.current()->func == paused->func && m.current()->instr == paused->instr);
  m.queue(Command::Stop);
  m.update();
  EXPECT_FALSE(m.in_call());
}

}  // namespace
}  // namespace mnemo::ui
