// tests/native/vm_watchpoint_test.cpp: watchpoints and the access observer of the debugger's
// Session (core/vm/session.h): which accesses stop a run, where the stop lands, the old and new
// bytes it reports, memories shared between instances, refused input.
#include <gtest/gtest.h>

#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::World;

// Function 0 $main: a copy from memory 1 into memory 0, a fill, an init, a grow, a store.
constexpr const char* kModule = R"((module
  (memory $m0 1)
  (memory $m1 1)
  (data (memory $m1) (i32.const 16) "abcd")
  (data $tail "wxyz")
  (func $main (export "main")
    (memory.copy $m0 $m1 (i32.const 100) (i32.const 16) (i32.const 4))  ;; 0 1 2 3
    (memory.fill $m0 (i32.const 200) (i32.const 7) (i32.const 8))      ;; 4 5 6 7
    (memory.init $m1 $tail (i32.const 300) (i32.const 0) (i32.const 4)) ;; 8 9 10 11
    (drop (memory.grow $m1 (i32.const 1)))                             ;; 12 13 14
    (i32.store $m0 (i32.const 102) (i32.const 0x01020304)))            ;; 15 16 17, 18 end
))";

struct WatchedRun {
  World w;
  Instance* inst = nullptr;
  std::unique_ptr<Session> s;
  WatchedRun() {
    inst = w.must_instantiate(kModule, InstantiateOptions{.debuggable = true});
    s = vm::start_session(*inst, *inst->find_export("main")->func, {});
  }
  uint32_t watch(uint32_t memory, uint64_t address, uint64_t length, Watchpoint::On on) {
    auto id = s->add_watchpoint(Watchpoint{memory, address, length, on});
    EXPECT_TRUE(id.ok()) << id.error().str();
    return id.ok() ? *id : 0;
  }
};

TEST(VmWatchpoint, WriteStopsAfterTheCopyWithOldAndNewBytes) {
  WatchedRun r;
  const uint32_t id = r.watch(0, 101, 2, Watchpoint::On::Write);
  ASSERT_EQ(r.s->run(Session::Mode::Continue), StopReason::Watchpoint);
  const auto& hit = r.s->watch_hit();
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->id, id);
  EXPECT_EQ(hit->at, (CodeLocation{0, 3, r.inst}));
  EXPECT_EQ(r.s->current(), (CodeLocation{0, 4, r.inst}));  // stopped after the copy completed
  EXPECT_EQ(hit->op, Opcode::MemoryCopy);
  EXPECT_EQ(hit->access.kind, MemoryAccess::Kind::Write);
  EXPECT_EQ(hit->access.address, 100u);
  EXPECT_EQ(hit->access.size, 4u);
  EXPECT_EQ(hit->address, 101u);  // the watched part of the access
  EXPECT_EQ(hit->length, 2u);
  EXPECT_EQ(hit->old_bytes, (std::vector<uint8_t>{0, 0}));
  EXPECT_EQ(hit->new_bytes, (std::vector<uint8_t>{'b', 'c'}));
  // The store at the end writes 102..105: the watch fires again, with the copy's bytes as old.
  ASSERT_EQ(r.s->run(Session::Mode::Continue), StopReason::Watchpoint);
  EXPECT_EQ(r.s->watch_hit()->at, (CodeLocation{0, 17, r.inst}));
  EXPECT_EQ(r.s->watch_hit()->address, 102u);
  EXPECT_EQ(r.s->watch_hit()->old_bytes, (std::vector<uint8_t>{'c'}));
  EXPECT_EQ(r.s->watch_hit()->new_bytes, (std::vector<uint8_t>{0x04}));
  EXPECT_EQ(r.s->run(Session::Mode::Continue), StopReason::Finished);
}

TEST(VmWatchpoint, ReadWatchSeesTheCopySourceAndNotWrites) {
  WatchedRun r;
  r.watch(1, 19, 1, Watchpoint::On::Read);
  r.watch(1, 300, 4, Watchpoint::On::Read);  // only memory.init writes there: never fires
  ASSERT_EQ(r.s->run(Session::Mode::Continue), StopReason::Watchpoint);
  EXPECT_EQ(r.s->watch_hit()->at.instr, 3u);
  EXPECT_EQ(r.s->watch_hit()->access.kind, MemoryAccess::Kind::Read);
  EXPECT_EQ(r.s->watch_hit()->old_bytes, (std::vector<uint8_t>{'d'}));
  EXPECT_EQ(r.s->watch_hit()->new_bytes, (std::vector<uint8_t>{'d'}));
  EXPECT_EQ(r.s->run(Session::Mode::Continue), StopReason::Finished);
}

TEST(VmWatchpoint, FillAndInitCountAndAnyMatchesBoth) {
  WatchedRun r;
  r.watch(0, 207, 100, Watchpoint::On::Any);  // the fill's last byte
  r.watch(1, 302, 1, Watchpoint::On::Write);  // inside the init's range
  ASSERT_EQ(r.s->run(Session::Mode::Continue), StopReason::Watchpoint);
  EXPECT_EQ(r.s->watch_hit()->op, Opcode::MemoryFill);
  EXPECT_EQ(r.s->watch_hit()->address, 207u);
  EXPECT_EQ(r.s->watch_hit()->new_bytes, (std::vector<uint8_t>{7}));
  ASSERT_EQ(r.s->run(Session::Mode::Continue), StopReason::Watchpoint);
  EXPECT_EQ(r.s->watch_hit()->op, Opcode::MemoryInit);
  EXPECT_EQ(r.s->watch_hit()->new_bytes, (std::vector<uint8_t>{'y'}));
  EXPECT_EQ(r.s->run(Session::Mode::Continue), StopReason::Finished);
}

TEST(VmWatchpoint, RemovedWatchpointNoLongerStopsAndBadInputIsRefused) {
  WatchedRun r;
  const uint32_t id = r.watch(0, 100, 4, Watchpoint::On::Write);
  EXPECT_EQ(r.s->watchpoints().size(), 1u);
  EXPECT_TRUE(r.s->remove_watchpoint(id));
  EXPECT_FALSE(r.s->remove_watchpoint(id));
  EXPECT_TRUE(r.s->watchpoints().empty());
  auto no_memory = r.s->add_watchpoint(Watchpoint{2, 0, 4, Watchpoint::On::Write});
  ASSERT_FALSE(no_memory.ok());
  EXPECT_EQ(no_memory.error().message, "no memory 2: the instance has 2 memories");
  EXPECT_FALSE(r.s->add_watchpoint(Watchpoint{0, 0, 0, Watchpoint::On::Write}).ok());
  EXPECT_FALSE(r.s->add_watchpoint(Watchpoint{0, UINT64_MAX, 2, Watchpoint::On::Write}).ok());
  EXPECT_FALSE(r.s->add_watchpoint(Watchpoint{0, 0, 1, Watchpoint::On(0)}).ok());
  EXPECT_EQ(r.s->run(Session::Mode::Continue), StopReason::Finished);
  EXPECT_FALSE(r.s->watch_hit());
}

TEST(VmWatchpoint, AStepThatHitsReportsTheWatchpoint) {
  WatchedRun r;
  r.watch(0, 100, 1, Watchpoint::On::Write);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(r.s->run(Session::Mode::StepInto), StopReason::Step);
  EXPECT_EQ(r.s->run(Session::Mode::StepInto), StopReason::Watchpoint);
  EXPECT_EQ(r.s->current(), (CodeLocation{0, 4, r.inst}));
  EXPECT_EQ(r.s->run(Session::Mode::StepInto), StopReason::Step);  // the next run starts afresh
  EXPECT_FALSE(r.s->watch_hit());
}

// Another instance's code writes the memory the two share: the watchpoint, set through the
// session's own index, still fires, and the observer names the session's index.
TEST(VmWatchpoint, WritesThroughASharedMemoryCount) {
  World w;
  Instance* lib = w.must_instantiate(R"((module
    (memory (export "mem") 1)
    (func (export "poke") (param i32)
      (i32.store (i32.const 8) (local.get 0))))  ;; 0 i32.const, 1 local.get, 2 i32.store
  )",
                                     InstantiateOptions{.debuggable = true});
  w.registered["lib"] = lib;
  Instance* app = w.must_instantiate(R"((module
    (import "lib" "poke" (func $poke (param i32)))
    (import "lib" "mem" (memory $shared 1))
    (memory $own 1)
    (func (export "main")
      (call $poke (i32.const 5))))
  )",
                                     InstantiateOptions{.debuggable = true});
  auto s = vm::start_session(*app, *app->find_export("main")->func, {});
  // The import comes first in the memory index space: memory 0 is lib's, memory 1 app's own.
  ASSERT_TRUE(s->add_watchpoint(Watchpoint{0, 10, 1, Watchpoint::On::Write}).ok());
  std::vector<AccessRecord> seen;
  s->observe_accesses([&](const AccessRecord& r) { seen.push_back(r); });
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Watchpoint);
  EXPECT_EQ(s->watch_hit()->at, (CodeLocation{0, 2, lib}));
  EXPECT_EQ(s->watch_hit()->new_bytes, (std::vector<uint8_t>{0}));
  EXPECT_EQ(lib->memories[0]->data[8], 5);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].access.memory, 0u);
  EXPECT_EQ(seen[0].at, (CodeLocation{0, 2, lib}));
  EXPECT_EQ(seen[0].op, Opcode::I32Store);
  EXPECT_EQ(seen[0].step, 5u);  // i32.const, call, i32.const, local.get, then the store
  EXPECT_EQ(s->run(Session::Mode::Continue), StopReason::Finished);
}

TEST(VmWatchpoint, ObserverSeesEveryAccessAndGrowAtFullSpeed) {
  WatchedRun r;
  std::vector<AccessRecord> seen;
  r.s->observe_accesses([&](const AccessRecord& a) { seen.push_back(a); });
  ASSERT_EQ(r.s->run(Session::Mode::Continue), StopReason::Finished);
  ASSERT_EQ(seen.size(), 6u);  // copy read + write, fill, init, grow, store
  EXPECT_EQ(seen[0].op, Opcode::MemoryCopy);
  EXPECT_EQ(seen[0].access.kind, MemoryAccess::Kind::Read);
  EXPECT_EQ(seen[0].access.memory, 1u);
  EXPECT_EQ(seen[1].access.kind, MemoryAccess::Kind::Write);
  EXPECT_EQ(seen[1].step, 4u);
  EXPECT_EQ(seen[2].op, Opcode::MemoryFill);
  EXPECT_EQ(seen[3].op, Opcode::MemoryInit);
  EXPECT_EQ(seen[3].data_segment, 1u);
  ASSERT_TRUE(seen[4].grow);
  EXPECT_EQ(seen[4].grow->memory, 1u);
  EXPECT_EQ(seen[4].grow->old_pages, 1u);
  EXPECT_EQ(seen[4].step, 14u);
  EXPECT_EQ(seen[5].op, Opcode::I32Store);
  EXPECT_EQ(seen[5].at.instr, 17u);
}

// A watchpoint set while the run is under way (here by a host function the guest calls) holds
// from the next instruction on: a run that began with nothing observing goes on in the loop that
// reports (core/vm/debug_loop_choice.cpp, where the quiet loop is built).
TEST(VmWatchpoint, AWatchpointSetDuringTheRunHoldsFromTheNextInstruction) {
  World w;
  Session* session = nullptr;
  // The first store runs before the watchpoint exists.
  Instance* inst = w.instantiate_calling_host(
      [&] { EXPECT_TRUE(session->add_watchpoint(Watchpoint{0, 8, 4, Watchpoint::On::Write}).ok()); });
  auto s = vm::start_session(*inst, *inst->find_export("main")->func, {});
  session = s.get();
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Watchpoint);
  EXPECT_EQ(s->watch_hit()->at, (CodeLocation{1, 6, inst}));
  EXPECT_EQ(s->watch_hit()->old_bytes, (std::vector<uint8_t>{1, 0, 0, 0}));
  EXPECT_EQ(s->watch_hit()->new_bytes, (std::vector<uint8_t>{2, 0, 0, 0}));
  EXPECT_EQ(s->instructions_executed(), 7u);
  EXPECT_EQ(s->run(Session::Mode::Continue), StopReason::Finished);
  EXPECT_EQ(s->instructions_executed(), 11u);
}

}  // namespace
}  // namespace mnemo
