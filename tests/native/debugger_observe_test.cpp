// tests/native/debugger_observe_test.cpp: which runs the debugger model observes
// (web/ui/debugger_model.h). A full-speed run with recording off and no watchpoint reports no
// access, so it runs at the engine's speed: the ledger lacks its copy, the memory map has no heat
// from it, and "who wrote this?" says the bytes may have been written unseen in those steps.
// Recording, a watchpoint or stepping each keep the run observed. The gaps' bookkeeping itself
// (web/ui/provenance.h) is checked last.
#include <gtest/gtest.h>

#include <string>

#include "tests/native/debugger_test_helpers.h"
#include "web/ui/debugger_model.h"

namespace mnemo::ui {
namespace {

using testing::example_text;

// Calls the copy example's `run` at full speed to its end.
void run_copy_example(DebuggerModel& m) {
  m.animate = false;
  m.queue_call("run", "", /*stop_at_entry=*/false);
  m.update();
  for (int i = 0; i < 100 && m.in_call(); ++i) m.update();
  ASSERT_FALSE(m.in_call());
  ASSERT_EQ(m.output().back().text, "run returned i32:36");
}

bool ledger_has_copy(const DebuggerModel& m) {
  for (const Transfer& t : m.ledger())
    if (t.kind == Transfer::Kind::Copy) return true;
  return false;
}

TEST(DebuggerObserve, AFullSpeedRunWithoutRecordingOrWatchpointsIsNotObserved) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.set_recording(false);
  EXPECT_FALSE(m.observes_full_speed());
  run_copy_example(m);
  EXPECT_FALSE(m.timeline());  // nothing recorded to travel in
  ASSERT_EQ(m.unobserved_steps().size(), 1u);
  EXPECT_EQ(m.unobserved_steps()[0].first, 1u);
  EXPECT_EQ(m.unobserved_steps()[0].last, m.steps());
  EXPECT_FALSE(ledger_has_copy(m));           // the copy went unseen
  EXPECT_EQ(m.memory_map(1)[0].writes, 0.0);  // and fed no heat
  // The archived bytes: written unseen (they are no longer zero), so the answer names the gap
  // first, then what the debugger last knew: nothing had written them.
  const auto runs = m.who_wrote(1, 0x124, 1);
  ASSERT_EQ(runs.size(), 1u);
  ASSERT_EQ(runs[0].chain.size(), 2u);
  EXPECT_EQ(runs[0].chain[0].kind, WriteLink::Kind::Unobserved);
  EXPECT_EQ(runs[0].chain[0].step, 1u);
  EXPECT_EQ(runs[0].chain[0].last_step, m.steps());
  EXPECT_EQ(runs[0].chain[1].kind, WriteLink::Kind::NeverWritten);
}

TEST(DebuggerObserve, RecordingKeepsAFullSpeedRunObserved) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  ASSERT_TRUE(m.recording());  // the default
  EXPECT_TRUE(m.observes_full_speed());
  run_copy_example(m);
  EXPECT_TRUE(m.unobserved_steps().empty());
  EXPECT_TRUE(ledger_has_copy(m));
  EXPECT_GT(m.memory_map(1)[0].writes, 0.0);
  const auto runs = m.who_wrote(1, 0x124, 1);
  ASSERT_EQ(runs.size(), 1u);
  ASSERT_EQ(runs[0].chain.size(), 2u);
  EXPECT_EQ(runs[0].chain[0].kind, WriteLink::Kind::Copy);
  EXPECT_EQ(runs[0].chain[1].kind, WriteLink::Kind::Segment);
}

TEST(DebuggerObserve, AWatchpointKeepsAFullSpeedRunObserved) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.set_recording(false);
  // A read watchpoint on bytes nothing reads: the run is not stopped, but watched.
  ASSERT_TRUE(m.add_watchpoint(Watchpoint{0, 0x8000, 4, Watchpoint::On::Read}).ok());
  EXPECT_TRUE(m.observes_full_speed());
  run_copy_example(m);
  EXPECT_TRUE(m.unobserved_steps().empty());
  EXPECT_TRUE(ledger_has_copy(m));
}

TEST(DebuggerObserve, StepsAndAnimatedRunsAreObservedWithoutRecording) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.set_recording(false);
  m.animate = true;
  m.steps_per_frame = 1000;
  m.queue_call("run", "", /*stop_at_entry=*/true);
  m.update();
  m.queue(Command::StepInto);
  m.update();
  m.queue(Command::Continue);
  for (int i = 0; i < 10 && (i == 0 || m.in_call()); ++i) m.update();
  ASSERT_FALSE(m.in_call());
  EXPECT_TRUE(m.unobserved_steps().empty());
  EXPECT_TRUE(ledger_has_copy(m));
  EXPECT_GT(m.memory_map(1)[0].writes, 0.0);
}

TEST(DebuggerObserve, TurningRecordingOffForgetsTheHistoryAndOnRecordsAgain) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  m.queue_call("run", "", /*stop_at_entry=*/true);
  m.update();
  m.queue(Command::StepInto);
  m.update();
  ASSERT_TRUE(m.timeline());
  m.set_recording(false);
  EXPECT_FALSE(m.timeline());
  EXPECT_FALSE(m.travel_to(0).ok());
  m.set_recording(true);
  ASSERT_TRUE(m.timeline());
  EXPECT_EQ(m.timeline()->first, m.steps());  // from now on
}

TEST(ProvenanceGaps, ContiguousRunsMergeAndAChainNamesOnlyTheGapsAfterItsWrite) {
  Provenance p;
  p.record_segment(0, 0, 4, 0);
  p.record_unobserved(1, 10);
  p.record_unobserved(11, 20);  // the same full-speed run, in a later frame
  ASSERT_EQ(p.unobserved().size(), 1u);
  EXPECT_EQ(p.unobserved()[0].last, 20u);
  // A store observed at step 25 into byte 1: its chain has no gap (nothing unseen came after it).
  AccessRecord store;
  store.step = 25;
  store.op = Opcode::I32Store8;
  store.access = MemoryAccess{MemoryAccess::Kind::Write, 0, 1, 1};
  p.record(store, 25);
  p.record_unobserved(30, 40);
  auto runs = p.who_wrote(0, 0, 2);
  ASSERT_EQ(runs.size(), 2u);
  // Byte 0: the segment, then two gaps after it; the chain names the latest.
  ASSERT_EQ(runs[0].chain.size(), 2u);
  EXPECT_EQ(runs[0].chain[0].kind, WriteLink::Kind::Unobserved);
  EXPECT_EQ(runs[0].chain[0].step, 30u);
  EXPECT_EQ(runs[0].chain[1].kind, WriteLink::Kind::Segment);
  // Byte 1: the store at 25, after which steps 30-40 ran unseen.
  ASSERT_EQ(runs[1].chain.size(), 2u);
  EXPECT_EQ(runs[1].chain[0].kind, WriteLink::Kind::Unobserved);
  EXPECT_EQ(runs[1].chain[0].step, 30u);
  EXPECT_EQ(runs[1].chain[0].last_step, 40u);
  EXPECT_EQ(runs[1].chain[1].kind, WriteLink::Kind::Store);
  EXPECT_EQ(runs[1].chain[1].step, 25u);
  // A later store leaves no gap before it.
  store.step = 50;
  store.access.address = 0;
  p.record(store, 50);
  runs = p.who_wrote(0, 0, 1);
  ASSERT_EQ(runs[0].chain.size(), 1u);
  EXPECT_EQ(runs[0].chain[0].kind, WriteLink::Kind::Store);
}

TEST(ProvenanceGaps, PastTheBoundTheOldestGapsMergeAndStillCoverTheirSteps) {
  Provenance p;
  for (uint64_t i = 0; i < Provenance::kMaxUnobserved + 5; ++i) p.record_unobserved(10 * i + 1, 10 * i + 5);
  ASSERT_EQ(p.unobserved().size(), Provenance::kMaxUnobserved);
  EXPECT_EQ(p.unobserved().front().first, 1u);  // the first gap's steps are still covered
  EXPECT_EQ(p.unobserved().back().first, 10 * (Provenance::kMaxUnobserved + 4) + 1);
}

}  // namespace
}  // namespace mnemo::ui
