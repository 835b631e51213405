// tests/native/debugger_watch_test.cpp: the debugger model's watchpoints, "who wrote this?" and
// transfer ledger (web/ui/debugger_model.h, web/ui/provenance.h) without drawing: a watchpoint
// stops a full-speed run at the copy; the chain of a copied byte reaches the data segment; chains
// through several copies, fills and stores; the bound on tracked blocks.
#include <gtest/gtest.h>

#include <string>

#include "tests/native/debugger_test_helpers.h"
#include "web/ui/debugger_model.h"

namespace mnemo::ui {
namespace {

using testing::example_text;

// Runs the call at full speed (chunks of many instructions) until it stops.
void run_full_speed(DebuggerModel& m) {
  m.animate = false;
  m.queue(Command::Continue);
  m.update();
  for (int i = 0; i < 100 && m.running(); ++i) m.update();
}

// Calls `name` at full speed until the call ends.
void call_to_end(DebuggerModel& m, const std::string& name) {
  m.animate = false;
  m.queue_call(name, "", /*stop_at_entry=*/false);
  m.update();
  for (int i = 0; i < 100 && m.in_call(); ++i) m.update();
}

TEST(DebuggerWatch, WriteWatchpointStopsAFullSpeedRunAtTheCopy) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  auto id = m.add_watchpoint(Watchpoint{1, 0x120, 16, Watchpoint::On::Write});
  ASSERT_TRUE(id.ok()) << id.error().str();
  m.queue_call("run", "", /*stop_at_entry=*/true);
  m.update();
  run_full_speed(m);
  ASSERT_EQ(m.last_stop(), StopReason::Watchpoint);
  ASSERT_TRUE(m.last_watch_hit());
  EXPECT_EQ(m.last_watch_hit()->id, *id);
  EXPECT_EQ(m.last_watch_hit()->op, Opcode::MemoryCopy);
  EXPECT_EQ(m.last_watch_hit()->old_bytes, std::vector<uint8_t>(16, 0));
  EXPECT_EQ(m.last_watch_hit()->new_bytes[0], 'A');
  const std::string text = m.describe_watch_hit();
  EXPECT_NE(text.find("memory.copy"), std::string::npos) << text;
  EXPECT_NE(text.find("00 00 00"), std::string::npos) << text;
  EXPECT_NE(text.find("-> 41 64 61"), std::string::npos) << text;  // "Ada"
  // Restart keeps the watchpoint, as it keeps breakpoints.
  m.queue(Command::Restart);
  m.update();
  run_full_speed(m);
  EXPECT_EQ(m.last_stop(), StopReason::Watchpoint);
  EXPECT_TRUE(m.remove_watchpoint(*id));
  EXPECT_FALSE(m.remove_watchpoint(*id));
  run_full_speed(m);
  EXPECT_EQ(m.last_stop(), StopReason::Finished);
}

TEST(DebuggerWatch, BadWatchpointsAreRefusedWithTheReason) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  auto none = m.add_watchpoint(Watchpoint{2, 0, 4, Watchpoint::On::Write});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message, "no memory 2: the module has 2 memories");
  EXPECT_FALSE(m.add_watchpoint(Watchpoint{0, 0, 0, Watchpoint::On::Read}).ok());
  auto id = m.add_watchpoint(Watchpoint{0, 0, 4, Watchpoint::On::Read});
  ASSERT_TRUE(id.ok());
  EXPECT_FALSE(m.change_watchpoint(*id, Watchpoint{9, 0, 4, Watchpoint::On::Read}).ok());
  EXPECT_TRUE(m.change_watchpoint(*id, Watchpoint{1, 8, 2, Watchpoint::On::Any}).ok());
  ASSERT_EQ(m.watchpoints().size(), 1u);
  EXPECT_EQ(m.watchpoints()[0].id, *id);
  EXPECT_EQ(m.watchpoints()[0].watch.address, 8u);
}

TEST(DebuggerWatch, WhoWroteFollowsTheCopyBackToTheDataSegment) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(example_text("02-copy-record.wat"), "02-copy-record.wat"));
  call_to_end(m, "run");
  ASSERT_EQ(m.last_stop(), StopReason::Finished);
  const auto runs = m.who_wrote(1, 0x121, 4);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].address, 0x121u);
  EXPECT_EQ(runs[0].length, 4u);
  ASSERT_EQ(runs[0].chain.size(), 2u);
  const WriteLink& copy = runs[0].chain[0];
  EXPECT_EQ(copy.kind, WriteLink::Kind::Copy);
  EXPECT_EQ(copy.op, Opcode::MemoryCopy);
  EXPECT_GT(copy.step, 0u);
  EXPECT_EQ(copy.src_memory, 0u);
  EXPECT_EQ(copy.src_address, 0x21u);
  EXPECT_TRUE(m.line_of(copy.at).has_value());
  const WriteLink& segment = runs[0].chain[1];
  EXPECT_EQ(segment.kind, WriteLink::Kind::Segment);
  EXPECT_EQ(segment.data_segment, 0u);
  EXPECT_EQ(segment.memory, 0u);
  EXPECT_EQ(segment.address, 0x21u);
  // Bytes nothing wrote say so.
  EXPECT_EQ(m.who_wrote(1, 0x200, 1)[0].chain[0].kind, WriteLink::Kind::NeverWritten);
  // The ledger: the segment at instantiation, then the copy with its step.
  ASSERT_EQ(m.ledger().size(), 2u);
  EXPECT_EQ(m.ledger()[0].kind, Transfer::Kind::Segment);
  EXPECT_EQ(m.ledger()[1].kind, Transfer::Kind::Copy);
  EXPECT_EQ(m.ledger()[1].step, copy.step);
  EXPECT_EQ(m.ledger()[1].src_memory, 0u);
  EXPECT_EQ(m.ledger()[1].address, 0x120u);
}

// A store, a fill, then copies 0 -> 1 -> 0 over part of them, and a store over the source after
// the first copy: each byte's chain is the history as of each copy, not the source's bytes now.
TEST(DebuggerWatch, ChainsGoThroughSeveralCopiesAsOfEachCopy) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(R"((module
    (memory $a 1)
    (memory $b 1)
    (func (export "go")
      (i32.store8 $a (i32.const 0) (i32.const 7))                     ;; 0 1 2
      (memory.fill $a (i32.const 1) (i32.const 9) (i32.const 3))      ;; 3 4 5 6
      (memory.copy $b $a (i32.const 100) (i32.const 0) (i32.const 4)) ;; 7 8 9 10
      (i32.store8 $a (i32.const 0) (i32.const 1))                     ;; 11 12 13
      (memory.copy $a $b (i32.const 50) (i32.const 100) (i32.const 4)) ;; 14 15 16 17
      (drop (memory.grow $b (i32.const 1)))))                         ;; 18 19 20
  )",
                          "chain.wat"));
  call_to_end(m, "go");
  ASSERT_EQ(m.last_stop(), StopReason::Finished);
  const auto runs = m.who_wrote(0, 50, 4);
  ASSERT_EQ(runs.size(), 2u);  // byte 50 came from the store, 51..53 from the fill
  ASSERT_EQ(runs[0].chain.size(), 3u);
  EXPECT_EQ(runs[0].chain[0].kind, WriteLink::Kind::Copy);
  EXPECT_EQ(runs[0].chain[0].src_memory, 1u);
  EXPECT_EQ(runs[0].chain[1].kind, WriteLink::Kind::Copy);
  EXPECT_EQ(runs[0].chain[1].memory, 1u);
  EXPECT_EQ(runs[0].chain[2].kind, WriteLink::Kind::Store);
  EXPECT_EQ(runs[0].chain[2].at.instr, 2u);  // the first store, not the later one at 13
  EXPECT_EQ(runs[1].address, 51u);
  EXPECT_EQ(runs[1].length, 3u);
  EXPECT_EQ(runs[1].chain.back().kind, WriteLink::Kind::Fill);
  EXPECT_EQ(runs[1].chain.back().length, 3u);
  // Byte 0 of memory 0 now: the second store.
  EXPECT_EQ(m.who_wrote(0, 0, 1)[0].chain[0].at.instr, 13u);
  // Ledger: fill, copy, copy, grow, with increasing steps.
  const auto& ledger = m.ledger();
  ASSERT_EQ(ledger.size(), 4u);
  EXPECT_EQ(ledger[0].kind, Transfer::Kind::Fill);
  EXPECT_EQ(ledger[3].kind, Transfer::Kind::Grow);
  EXPECT_EQ(ledger[3].length, 65536u);
  EXPECT_LT(ledger[1].step, ledger[2].step);
}

TEST(DebuggerWatch, ProvenanceKeepsAtMostItsBoundOfBlocks) {
  Provenance p;
  AccessRecord a;
  a.op = Opcode::I32Store8;
  a.access = MemoryAccess{MemoryAccess::Kind::Write, 0, 0, 1};
  for (uint64_t i = 0; i < Provenance::kMaxBlocks + 10; ++i) {
    a.access.address = i * Provenance::kBlockBytes;
    p.record(a, i + 1);
  }
  EXPECT_EQ(p.blocks_tracked(), Provenance::kMaxBlocks);
  EXPECT_EQ(p.who_wrote(0, 0, 1)[0].chain[0].kind, WriteLink::Kind::Store);
  const uint64_t past = (Provenance::kMaxBlocks + 5) * Provenance::kBlockBytes;
  EXPECT_EQ(p.who_wrote(0, past, 1)[0].chain[0].kind, WriteLink::Kind::Untracked);
  // Overwriting the same byte many times keeps the writes bounded too (compaction).
  a.access.address = 0;
  for (uint64_t i = 0; i < 300000; ++i) p.record(a, i + 1);
  EXPECT_LT(p.writes_kept(), 140000u);
}

}  // namespace
}  // namespace mnemo::ui
