// tests/native/debugger_share_test.cpp: what a share link carries (web/ui/share.h), taken from one
// debugger model and put into a fresh one: the text as written (comments included), the
// breakpoints and the watchpoints; what the module cannot have is left out and named; a text that
// does not load is refused and the loaded module stays. The link's encoding is tested in node
// (tests/web/share-link.test.mjs) and in the page (tests/e2e/share-link.test.mjs).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/native/debugger_test_helpers.h"
#include "web/ui/debugger_model.h"
#include "web/ui/share.h"

namespace mnemo::ui {
namespace {

using testing::code_line_with;
using testing::example_text;

TEST(DebuggerShare, TextBreakpointsAndWatchpointsGoToAFreshDebugger) {
  DebuggerModel from;
  ASSERT_TRUE(from.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  const std::optional<uint32_t> copy = code_line_with(from, "(memory.copy");
  ASSERT_TRUE(copy);
  ASSERT_TRUE(from.queue_toggle_breakpoint_at_line(*copy));
  from.update();
  ASSERT_TRUE(from.add_watchpoint(Watchpoint{1, 0x120, 16, Watchpoint::On::Write}).ok());
  ASSERT_TRUE(from.add_watchpoint(Watchpoint{0, 0x20, 4, Watchpoint::On::Read}).ok());
  auto shared = capture_shared(from);
  ASSERT_TRUE(shared.ok()) << shared.error().str();
  EXPECT_EQ(shared->name, "02-copy-record.wat");
  EXPECT_EQ(shared->text, example_text("02-copy-record.wat"));
  ASSERT_EQ(shared->breakpoints.size(), 1u);

  DebuggerModel to;
  ASSERT_TRUE(to.load_text(example_text("08-pause-a-loop.wat"), "08-pause-a-loop.wat"));
  std::vector<std::string> skipped;
  ASSERT_TRUE(apply_shared(to, *shared, &skipped).ok());
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(to.source_name(), "02-copy-record.wat");
  EXPECT_EQ(to.source_lines(), from.source_lines());  // comments and all
  EXPECT_EQ(to.breakpoints(), from.breakpoints());
  EXPECT_TRUE(to.has_breakpoint_on_line(*copy));
  ASSERT_EQ(to.watchpoints().size(), 2u);
  EXPECT_EQ(to.watchpoints()[0].watch.memory, 1u);
  EXPECT_EQ(to.watchpoints()[0].watch.address, 0x120u);
  EXPECT_EQ(to.watchpoints()[0].watch.length, 16u);
  EXPECT_EQ(to.watchpoints()[0].watch.on, Watchpoint::On::Write);
  EXPECT_EQ(to.watchpoints()[1].watch.on, Watchpoint::On::Read);

  // And they work: the call stops at the breakpoint, then at the write watchpoint.
  to.animate = false;
  to.queue_call("run", "", /*stop_at_entry=*/false);
  to.update();
  for (int i = 0; i < 100 && to.running(); ++i) to.update();
  EXPECT_EQ(to.last_stop(), StopReason::Breakpoint);
  EXPECT_EQ(to.line_of(*to.current()), copy);
  to.queue(Command::Continue);
  for (int i = 0; i < 100 && (i == 0 || to.running()); ++i) to.update();
  EXPECT_EQ(to.last_stop(), StopReason::Watchpoint);
}

TEST(DebuggerShare, WhatTheModuleCannotHaveIsLeftOutAndNamed) {
  SharedSession s;
  s.name = "tiny.wat";
  s.text = "(module (memory 1) (func (export \"f\") nop))";
  s.breakpoints = {CodeLocation{0, 0}, CodeLocation{0, 9}, CodeLocation{4, 0}};
  s.watchpoints = {Watchpoint{0, 0, 4, Watchpoint::On::Any}, Watchpoint{3, 0, 4, Watchpoint::On::Write}};
  DebuggerModel m;
  std::vector<std::string> skipped;
  ASSERT_TRUE(apply_shared(m, s, &skipped).ok());
  EXPECT_EQ(m.breakpoints().size(), 1u);
  EXPECT_EQ(m.watchpoints().size(), 1u);
  ASSERT_EQ(skipped.size(), 3u);
  EXPECT_EQ(skipped[0], "breakpoint at function 0, instruction 9: the module has no such instruction");
  EXPECT_EQ(skipped[1], "breakpoint at function 4, instruction 0: the module has no such instruction");
  EXPECT_EQ(skipped[2], "watchpoint on memory 3: no memory 3: the module has 1 memory");
}

TEST(DebuggerShare, ATextThatDoesNotLoadIsRefusedAndTheModuleStays) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  SharedSession s;
  s.text = "(module (func (i32.nope)))";
  auto applied = apply_shared(m, s, nullptr);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.error().str().find("the module in the link does not load: line 1:"), std::string::npos)
      << applied.error().str();
  EXPECT_EQ(m.source_name(), "02-copy-record.wat");
  s.text.clear();
  EXPECT_EQ(apply_shared(m, s, nullptr).error().str(), "the link holds no module text");
  EXPECT_FALSE(capture_shared(DebuggerModel()).ok());
}

}  // namespace
}  // namespace mnemo::ui
