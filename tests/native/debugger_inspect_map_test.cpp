// tests/native/debugger_inspect_map_test.cpp: the typed inspector and the memory map through the
// debugger's model (web/ui/debugger_model.h) on the copy example: values read from live memory,
// edits allowed only while stopped, and the map telling memory 0's reads from memory 1's writes.
#include <gtest/gtest.h>

#include <string>

#include "tests/native/debugger_test_helpers.h"
#include "web/ui/debugger_model.h"

namespace mnemo::ui {
namespace {

std::string copy_example() { return testing::example_text("02-copy-record.wat"); }

std::string value(const DebuggerModel& m, uint32_t memory, uint64_t address, InspectType type) {
  for (const TypedValue& v : m.inspect(memory, address))
    if (v.type == type) return v.text ? *v.text : "<none>";
  return "<missing>";
}

// Loads the copy example and steps into `run` until its memory.copy has executed.
void step_past_copy(DebuggerModel& m) {
  ASSERT_TRUE(m.load_text(copy_example(), "02-copy-record.wat"));
  m.queue_call("run", "", /*stop_at_entry=*/true);
  m.update();
  for (int i = 0; i < 100 && m.in_call() && m.current_op() != Opcode::MemoryCopy; ++i) {
    m.queue(Command::StepInto);
    m.update();
  }
  ASSERT_EQ(m.current_op(), Opcode::MemoryCopy);
  m.queue(Command::StepInto);
  m.update();
  ASSERT_TRUE(m.in_call());
}

TEST(DebuggerInspector, ShowsTheCopiedRecordInMemoryOne) {
  DebuggerModel m;
  step_past_copy(m);
  EXPECT_EQ(value(m, 1, 0x120, InspectType::Utf8), "Ada Lovelace$");
  EXPECT_EQ(value(m, 1, 0x12c, InspectType::I32), "36");  // the age field
  EXPECT_EQ(value(m, 1, 0x120, InspectType::U8), "65");   // 'A'
  EXPECT_EQ(value(m, 1, 0x120, InspectType::I32x4), "543253569 1702260556 1701011820 36");
  EXPECT_EQ(value(m, 0, 0x20, InspectType::Utf8), "Ada Lovelace$");  // the source stays
  // The last bytes of a 64 KiB memory hold no i32 at 0xfffe, but a u16.
  EXPECT_EQ(value(m, 1, 0xfffe, InspectType::I32), "<none>");
  EXPECT_EQ(value(m, 1, 0xfffe, InspectType::U16), "0");
}

TEST(DebuggerInspector, EditsAnI32WhileStoppedAndTheProgramSeesIt) {
  DebuggerModel m;
  step_past_copy(m);
  ASSERT_FALSE(m.edit_blocker());
  ASSERT_TRUE(m.edit_value(1, 0x12c, InspectType::I32, "-7"));
  uint8_t bytes[4];
  ASSERT_EQ(m.read_memory(1, 0x12c, bytes, 4), 4u);
  EXPECT_EQ(bytes[0], 0xf9);
  EXPECT_EQ(bytes[3], 0xff);
  EXPECT_EQ(value(m, 1, 0x12c, InspectType::I32), "-7");
  // run reads the age back from memory 1: it returns the edited value.
  m.queue(Command::Continue);
  for (int frame = 0; frame < 100 && m.in_call(); ++frame) m.update();
  EXPECT_EQ(m.output().back().text, "run returned i32:-7");
}

TEST(DebuggerInspector, RefusesBadTextAddressesPastTheEndAndEditsWhileRunning) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(copy_example(), "02-copy-record.wat"));
  auto before = m.edit_value(1, 0, InspectType::I32, "1");
  ASSERT_FALSE(before);  // no instance yet: the views show the initial image
  EXPECT_EQ(before.error().str(), "the memories show the module's initial image: start a call (Debug) to edit them");

  step_past_copy(m);
  auto bad = m.edit_value(1, 0x12c, InspectType::U8, "300");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().str(), "'300' is out of range for a u8 (0 to 255)");
  auto past = m.edit_value(1, 0xfffe, InspectType::I32, "1");
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().str(), "memory 1 has 65536 bytes: 4 bytes at 0xfffe would end past it");
  EXPECT_FALSE(m.edit_value(2, 0, InspectType::I32, "1"));  // no memory 2

  // Animated with a breakpoint-free run: running after the frame, so edits are refused.
  m.steps_per_frame = 1;
  m.queue(Command::Continue);
  m.update();
  ASSERT_TRUE(m.running());
  auto running = m.edit_value(1, 0x12c, InspectType::I32, "1");
  ASSERT_FALSE(running);
  EXPECT_EQ(running.error().str(), "the call is running: pause it (F6) to edit memory");
  EXPECT_FALSE(m.write_memory(1, 0x12c, {1, 2, 3, 4}));
  m.queue(Command::Pause);
  m.update();
  EXPECT_TRUE(m.edit_value(1, 0x12c, InspectType::I32, "1"));
}

TEST(DebuggerMemoryMap, DataSegmentsTouchPagesBeforeAnyCall) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(copy_example(), "02-copy-record.wat"));
  const auto staging = m.memory_map(0);
  const auto archive = m.memory_map(1);
  ASSERT_EQ(staging.size(), 1u);
  ASSERT_EQ(archive.size(), 1u);
  EXPECT_TRUE(staging[0].touched);   // the record's data segment
  EXPECT_FALSE(archive[0].touched);  // nothing placed in memory 1
  EXPECT_TRUE(m.memory_map(5).empty());
}

TEST(DebuggerMemoryMap, TheCopyReadsMemoryZeroAndWritesMemoryOneThenCools) {
  DebuggerModel m;
  step_past_copy(m);
  const PageHeat staging = m.memory_map(0)[0];
  const PageHeat archive = m.memory_map(1)[0];
  EXPECT_TRUE(archive.touched);
  EXPECT_GT(archive.writes, 0.9);
  EXPECT_EQ(archive.reads, 0);
  EXPECT_GT(staging.reads, 0.9);
  EXPECT_EQ(staging.writes, 0);
  // The steps after the copy touch no memory until the age is loaded: the copy's heat fades.
  m.queue(Command::StepInto);
  m.update();
  EXPECT_LT(m.memory_map(1)[0].writes, archive.writes);
  EXPECT_GT(m.memory_map(1)[0].writes, 0);
}

TEST(DebuggerMemoryMap, AnAnimatedRunRecordsEveryStepsAccesses) {
  DebuggerModel m;
  ASSERT_TRUE(m.load_text(copy_example(), "02-copy-record.wat"));
  m.steps_per_frame = 1000;  // the whole call in one frame
  m.queue_call("run", "", /*stop_at_entry=*/false);
  m.update();
  m.update();
  ASSERT_FALSE(m.in_call());
  // The copy was not the call's last instruction (the load of the age was), yet the map has it.
  EXPECT_GT(m.memory_map(0)[0].reads, 0);
  EXPECT_GT(m.memory_map(1)[0].writes, 0);
  EXPECT_GT(m.memory_map(1)[0].reads, 0);
  EXPECT_GT(m.activity_steps(), 5u);
  // Restart forgets it: a fresh instance, only the data segment's page touched.
  m.queue(Command::Restart);
  m.update();
  EXPECT_FALSE(m.memory_map(1)[0].touched);
  EXPECT_TRUE(m.memory_map(0)[0].touched);
  EXPECT_EQ(m.memory_map(0)[0].reads, 0);
}

}  // namespace
}  // namespace mnemo::ui
