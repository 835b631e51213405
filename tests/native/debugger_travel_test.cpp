// tests/native/debugger_travel_test.cpp: the debugger model's time travel (web/ui/debugger_travel.cpp)
// without drawing: a call run to its end travels back to its memory.copy by the ledger's step,
// steps back and forth over it, reverse-continues to a watchpoint; an edit restarts the history;
// the budget; refusals.
#include <gtest/gtest.h>

#include <string>

#include "tests/native/debugger_test_helpers.h"
#include "web/ui/debugger_model.h"

namespace mnemo::ui {
namespace {

using testing::example_text;

std::vector<uint8_t> bytes(const DebuggerModel& m, uint32_t memory, uint64_t address, uint64_t n) {
  std::vector<uint8_t> out(n);
  out.resize(m.read_memory(memory, address, out.data(), n));
  return out;
}

// Loads the copy example and runs `run` to its end at full speed.
void run_copy_example_to_end(DebuggerModel& m) {
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.animate = false;
  m.queue_call("run", "", /*stop_at_entry=*/false);
  m.update();
  for (int i = 0; i < 100 && m.in_call(); ++i) m.update();
  ASSERT_EQ(m.last_stop(), StopReason::Finished);
}

const Transfer* copy_row(const DebuggerModel& m) {
  for (const Transfer& t : m.ledger())
    if (t.kind == Transfer::Kind::Copy) return &t;
  return nullptr;
}

TEST(DebuggerTravel, AFinishedCallTravelsBackToItsCopy) {
  DebuggerModel m;
  run_copy_example_to_end(m);
  const std::optional<Timeline> t = m.timeline();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->first, 0u);
  EXPECT_EQ(t->current, t->last);
  EXPECT_EQ(t->last, m.steps());
  const Transfer* copy = copy_row(m);
  ASSERT_TRUE(copy);
  const std::vector<uint8_t> record = bytes(m, 0, 0x20, 16);
  EXPECT_EQ(bytes(m, 1, 0x120, 16), record);

  // Just before the copy: the archive slot is empty; at the copy's step it holds the record.
  ASSERT_TRUE(m.travel_to(copy->step - 1).ok());
  EXPECT_TRUE(m.in_call());
  EXPECT_EQ(bytes(m, 1, 0x120, 16), std::vector<uint8_t>(16, 0));
  EXPECT_EQ(bytes(m, 0, 0x20, 16), record);
  m.queue(Command::StepInto);
  m.update();
  EXPECT_EQ(m.steps(), copy->step);
  EXPECT_EQ(bytes(m, 1, 0x120, 16), record);
  EXPECT_EQ(m.last_effects().op, Opcode::MemoryCopy);
  m.queue(Command::StepBack);
  m.update();
  EXPECT_EQ(m.steps(), copy->step - 1);
  EXPECT_EQ(bytes(m, 1, 0x120, 16), std::vector<uint8_t>(16, 0));
  ASSERT_TRUE(m.travel_to(copy->step).ok());
  EXPECT_EQ(m.last_step_summary(),
            "memory.copy: 16 bytes from memory 0 $staging [0x20, 0x30) to memory 1 $archive [0x120, 0x130)");
  // On to the end again: the same result, and the call is over (but still travellable).
  m.queue(Command::Continue);
  for (int i = 0; i < 100 && m.in_call(); ++i) m.update();
  EXPECT_EQ(m.last_stop(), StopReason::Finished);
  EXPECT_EQ(m.output().back().text, "run returned i32:36");
  EXPECT_TRUE(m.timeline());
}

TEST(DebuggerTravel, ReverseContinueStopsAtTheWatchpoint) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  ASSERT_TRUE(m.add_watchpoint(Watchpoint{1, 0x120, 16, Watchpoint::On::Write}).ok());
  m.animate = false;
  m.queue_call("run", "", /*stop_at_entry=*/false);
  m.update();
  for (int i = 0; i < 100 && m.running(); ++i) m.update();
  ASSERT_EQ(m.last_stop(), StopReason::Watchpoint);
  const uint64_t hit = m.steps();
  m.queue(Command::Continue);
  for (int i = 0; i < 100 && m.in_call(); ++i) m.update();
  ASSERT_EQ(m.last_stop(), StopReason::Finished);
  m.queue(Command::ReverseContinue);
  m.update();
  EXPECT_EQ(m.last_stop(), StopReason::Watchpoint);
  EXPECT_EQ(m.steps(), hit);
  ASSERT_TRUE(m.last_watch_hit());
  EXPECT_EQ(m.last_watch_hit()->new_bytes, bytes(m, 0, 0x20, 16));
}

TEST(DebuggerTravel, AnEditRestartsTheHistoryAndTheBudgetIsASetting) {
  DebuggerModel m;
  run_copy_example_to_end(m);
  ASSERT_TRUE(m.travel_to(2).ok());
  ASSERT_TRUE(m.edit_value(0, 0x20, InspectType::U8, "66").ok());
  const std::optional<Timeline> t = m.timeline();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->first, 2u);
  EXPECT_EQ(t->last, 2u);
  m.queue(Command::StepBack);
  m.update();
  EXPECT_NE(m.output().back().text.find("at the start of the recorded history"), std::string::npos)
      << m.output().back().text;

  EXPECT_EQ(m.history_budget(), DebuggerModel::kDefaultHistoryBudget);
  m.set_history_budget(5 << 20);
  EXPECT_EQ(m.timeline()->budget, uint64_t(5) << 20);
  m.set_history_budget(1);
  EXPECT_EQ(m.history_budget(), DebuggerModel::kMinHistoryBudget);
}

TEST(DebuggerTravel, StepBackStopsARunningCallFirst) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.animate = true;
  m.steps_per_frame = 3;
  m.queue_call("run", "", /*stop_at_entry=*/false);
  m.update();
  m.update();
  ASSERT_TRUE(m.running());
  const uint64_t at = m.steps();
  m.queue(Command::StepBack);
  m.update();
  EXPECT_FALSE(m.running());
  EXPECT_EQ(m.steps(), at - 1);
  // The slider's travel is refused while a call runs, with the reason.
  m.queue(Command::Continue);
  m.update();
  ASSERT_TRUE(m.running());
  auto refused = m.travel_to(0);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().str().find("pause it"), std::string::npos);
}

TEST(DebuggerTravel, RefusesWithReasons) {
  DebuggerModel m;
  auto none = m.travel_to(0);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().str().find("no call to travel in"), std::string::npos);
  run_copy_example_to_end(m);
  const uint64_t last = m.timeline()->last;
  auto past = m.travel_to(last + 1);
  ASSERT_FALSE(past.ok());
  EXPECT_NE(past.error().str().find("outside the recorded history"), std::string::npos) << past.error().str();
  EXPECT_FALSE(m.in_call());  // a refusal leaves the finished call as it was
  EXPECT_EQ(m.timeline()->current, last);
  // A new call forgets the old one's history.
  m.queue_call("staging_intact", "", /*stop_at_entry=*/true);
  m.update();
  EXPECT_EQ(m.timeline()->first, last);
  EXPECT_EQ(m.timeline()->current, last);
}

}  // namespace
}  // namespace mnemo::ui
