// tests/native/vm_time_travel_test.cpp: time travel of the debugger's Session (core/vm/session.h,
// core/vm/history.h): every kind of state comes back (memories written, copied, grown and
// initialised, globals, tables, dropped segments, frames and locals), host functions are answered
// from the record and not called again, step back and reverse-continue, the budget, refused input.
#include <gtest/gtest.h>

#include "core/vm/history.h"
#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::World;

// Function 0 is the import, 1 $f, 2 $main.
constexpr const char* kModule = R"((module
  (import "env" "next" (func $next (result i32)))
  (memory $a 1)
  (memory $b 1 3)
  (global $g (mut i32) (i32.const 5))
  (table $t 2 funcref)
  (elem declare func $f)
  (data $d "hello")
  (func $f)
  (func $main (export "main") (result i32) (local $i i32)
    (loop $l
      (i32.store $a (i32.mul (local.get $i) (i32.const 4)) (call $next))
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 10))))
    (memory.copy $b $a (i32.const 16) (i32.const 0) (i32.const 40))
    (drop (memory.grow $b (i32.const 1)))
    (i32.store $b (i32.const 70000) (i32.const 77))
    (table.set $t (i32.const 1) (ref.func $f))
    (memory.init $a $d (i32.const 100) (i32.const 0) (i32.const 5))
    (data.drop $d)
    (global.get $g))
))";

// Everything a moment of the run holds that the module can see.
struct Moment {
  std::vector<std::vector<uint8_t>> memories;
  std::vector<uint64_t> globals;
  std::vector<std::vector<uint64_t>> tables;
  std::vector<size_t> data_sizes;
  std::vector<std::vector<uint64_t>> frames;  // each frame's locals and operands, as bits
  std::optional<CodeLocation> at;
  bool operator==(const Moment&) const = default;
};

Moment moment(Session& s) {
  Moment m;
  Instance& inst = s.instance();
  for (const MemoryInstance* mem : inst.memories) m.memories.emplace_back(mem->data, mem->data + mem->size);
  for (const GlobalInstance* g : inst.globals) m.globals.push_back(g->value[0]);
  for (const TableInstance* t : inst.tables) m.tables.push_back(t->elems);
  for (const DataInstance& d : inst.datas) m.data_sizes.push_back(d.bytes.size());
  for (const FrameInfo& f : s.call_stack()) {
    std::vector<uint64_t> values;
    for (const WasmValue& v : f.locals) values.push_back(v.bits);
    for (const WasmValue& v : f.operands) values.push_back(v.bits);
    m.frames.push_back(values);
  }
  m.at = s.current();
  return m;
}

struct Recorded {
  World w;
  Instance* inst = nullptr;
  std::unique_ptr<Session> s;
  int host_calls = 0;
  explicit Recorded(uint64_t budget = uint64_t(64) << 20) {
    FuncInstance* next = w.store.add_host_func(
        FuncType{{}, {ValType::I32}},
        [this](std::span<const WasmValue>, std::span<WasmValue> results) -> std::optional<std::string> {
          results[0].bits = uint32_t(1000 + 7 * host_calls++);  // a different answer every call
          return std::nullopt;
        },
        "env.next");
    Result<Instance*> env = w.store.add_instance();
    EXPECT_TRUE(env.ok());
    (*env)->exports["next"] = ExternVal{ExternKind::Func, next, nullptr, nullptr, nullptr};
    w.registered["env"] = *env;
    inst = w.must_instantiate(kModule, InstantiateOptions{.debuggable = true});
    s = vm::start_session(*inst, *inst->find_export("main")->func, {});
    s->record_history(budget);
  }
};

TEST(VmTimeTravel, EveryStepComesBackExactly) {
  Recorded r;
  std::vector<Moment> seen{moment(*r.s)};
  StopReason reason = StopReason::Step;
  while ((reason = r.s->run(Session::Mode::StepInto)) == StopReason::Step) seen.push_back(moment(*r.s));
  ASSERT_EQ(reason, StopReason::Finished);
  const uint64_t last = r.s->instructions_executed();
  ASSERT_EQ(r.s->timeline()->last, last);
  ASSERT_EQ(r.s->results().size(), 1u);
  EXPECT_EQ(r.s->results()[0].bits, 15u);
  EXPECT_EQ(r.host_calls, 10);
  // Backwards over every step: the grow, the drop, the table and the globals are undone too.
  for (uint64_t step = last - 1;; --step) {
    auto travelled = r.s->travel_to(step);
    ASSERT_TRUE(travelled.ok()) << travelled.error().str();
    EXPECT_EQ(*travelled, StopReason::Step);
    ASSERT_EQ(r.s->instructions_executed(), step);
    EXPECT_TRUE(moment(*r.s) == seen[step]) << "at step " << step;
    if (step == 0) break;
  }
  EXPECT_EQ(r.inst->memories[1]->size, 65536u);
  EXPECT_EQ(r.inst->datas[0].bytes.size(), 5u);
  // Forwards again to the end: the same answer, and the host was never called again.
  auto end = r.s->travel_to(last);
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, StopReason::Finished);
  EXPECT_EQ(r.s->results()[0].bits, 15u);
  EXPECT_EQ(r.host_calls, 10);
  EXPECT_EQ(r.inst->memories[1]->size, 2u * 65536);
  EXPECT_EQ(r.inst->memories[1]->data[70000], 77);
  EXPECT_TRUE(r.inst->datas[0].bytes.empty());
}

TEST(VmTimeTravel, StepBackThenRunOnRecordsTheSameAndCallsNoHostTwice) {
  Recorded r;
  ASSERT_EQ(r.s->run(Session::Mode::Continue, 40), StopReason::Paused);
  const Moment at40 = moment(*r.s);
  const int calls = r.host_calls;
  for (int i = 0; i < 15; ++i) ASSERT_TRUE(r.s->step_back().ok());
  EXPECT_EQ(r.s->instructions_executed(), 25u);
  EXPECT_EQ(r.s->run(Session::Mode::Continue, 15), StopReason::Paused);
  EXPECT_TRUE(moment(*r.s) == at40);
  EXPECT_EQ(r.host_calls, calls);
  EXPECT_EQ(r.s->run(Session::Mode::Continue), StopReason::Finished);
  EXPECT_EQ(r.s->results()[0].bits, 15u);
  EXPECT_EQ(r.host_calls, 10);
}

TEST(VmTimeTravel, ReverseContinueFindsTheLatestWatchpointAndBreakpointHits) {
  Recorded r;
  // The third store of the loop writes a[8, 12).
  auto id = r.s->add_watchpoint(Watchpoint{0, 8, 4, Watchpoint::On::Write});
  ASSERT_TRUE(id.ok());
  ASSERT_EQ(r.s->run(Session::Mode::Continue), StopReason::Watchpoint);
  const uint64_t hit_step = r.s->instructions_executed();
  const WatchHit hit = *r.s->watch_hit();
  // The memory.copy reads a[8, 12) but writes b: a write watch does not stop there.
  ASSERT_EQ(r.s->run(Session::Mode::Continue), StopReason::Finished);
  auto back = r.s->reverse_continue();
  ASSERT_TRUE(back.ok()) << back.error().str();
  EXPECT_EQ(*back, StopReason::Watchpoint);
  EXPECT_EQ(r.s->instructions_executed(), hit_step);
  ASSERT_TRUE(r.s->watch_hit());
  EXPECT_EQ(r.s->watch_hit()->old_bytes, hit.old_bytes);
  EXPECT_EQ(r.s->watch_hit()->new_bytes, hit.new_bytes);
  // Nothing earlier: back to the start of the history.
  auto start = r.s->reverse_continue();
  ASSERT_TRUE(start.ok());
  EXPECT_EQ(*start, StopReason::Step);
  EXPECT_EQ(r.s->instructions_executed(), 0u);
  EXPECT_FALSE(r.s->reverse_continue().ok());  // at the start already

  // A breakpoint on the loop's global.set (function 2): ten hits, found newest first.
  ASSERT_TRUE(r.s->remove_watchpoint(*id));
  std::optional<CodeLocation> global_set;
  while (!global_set && r.s->run(Session::Mode::StepInto) == StopReason::Step) {
    const CodeLocation at = *r.s->current();
    if (r.inst->module->funcs[at.func - 1].body[at.instr].op == Opcode::GlobalSet) global_set = at;
  }
  ASSERT_TRUE(global_set);
  r.s->set_breakpoint(*global_set, true);
  std::vector<uint64_t> hits{r.s->instructions_executed()};
  while (r.s->run(Session::Mode::Continue) == StopReason::Breakpoint) hits.push_back(r.s->instructions_executed());
  ASSERT_EQ(hits.size(), 10u);
  for (size_t k = hits.size(); k-- > 0;) {
    auto rc = r.s->reverse_continue();
    ASSERT_TRUE(rc.ok());
    EXPECT_EQ(*rc, StopReason::Breakpoint);
    EXPECT_EQ(r.s->instructions_executed(), hits[k]);
    EXPECT_EQ(r.s->current(), global_set);
  }
}

TEST(VmTimeTravel, TheBudgetDropsTheOldestHistory) {
  World w;
  Instance* inst = w.must_instantiate(R"((module (memory 1)
    (func (export "spin") (local $i i32)
      (loop $l
        (i64.store (i32.and (i32.mul (local.get $i) (i32.const 8)) (i32.const 0xfff8)) (i64.extend_i32_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))))",
                                      InstantiateOptions{.debuggable = true});
  auto s = vm::start_session(*inst, *inst->find_export("spin")->func, {});
  constexpr uint64_t kBudget = 1 << 20;
  s->record_history(kBudget);
  ASSERT_EQ(s->run(Session::Mode::Continue, 2'000'000), StopReason::Paused);
  const Timeline t = *s->timeline();
  EXPECT_GT(t.first, 0u);
  EXPECT_EQ(t.steps_dropped, t.first);
  EXPECT_EQ(t.last, 2'000'000u);
  EXPECT_LE(t.bytes, kBudget + kBudget / 4);  // over by at most the stretch being written
  const std::vector<uint8_t> now(inst->memories[0]->data, inst->memories[0]->data + 65536);
  ASSERT_TRUE(s->travel_to(t.first).ok());
  EXPECT_EQ(s->instructions_executed(), t.first);
  auto before = s->travel_to(t.first - 1);
  ASSERT_FALSE(before.ok());
  EXPECT_NE(before.error().str().find("outside the recorded history"), std::string::npos) << before.error().str();
  ASSERT_TRUE(s->travel_to(t.last).ok());
  EXPECT_EQ(std::vector<uint8_t>(inst->memories[0]->data, inst->memories[0]->data + 65536), now);
}

TEST(VmTimeTravel, RefusesWhatItCannotDo) {
  Recorded r;
  auto s2 = vm::start_session(*r.inst, *r.inst->find_export("main")->func, {});
  auto unrecorded = s2->travel_to(0);
  ASSERT_FALSE(unrecorded.ok());
  EXPECT_NE(unrecorded.error().str().find("keeps no history"), std::string::npos);
  EXPECT_FALSE(s2->timeline());
  EXPECT_FALSE(s2->step_back().ok());

  auto at_start = r.s->step_back();
  ASSERT_FALSE(at_start.ok());
  EXPECT_NE(at_start.error().str().find("at the start of the recorded history"), std::string::npos);
  ASSERT_EQ(r.s->run(Session::Mode::Continue, 10), StopReason::Paused);
  auto future = r.s->travel_to(11);
  ASSERT_FALSE(future.ok());
  EXPECT_NE(future.error().str().find("step 11 is outside the recorded history [0, 10]"), std::string::npos)
      << future.error().str();
  // An edit from outside: the history starts again at the moment of the edit.
  r.inst->memories[0]->data[500] = 9;
  r.s->restart_history();
  EXPECT_EQ(r.s->timeline()->first, 10u);
  EXPECT_FALSE(r.s->step_back().ok());
}

}  // namespace
}  // namespace mnemo

namespace mnemo {
namespace {

// The history alone (core/vm/history.h): stretches in which nothing was written keep their
// checkpoints when a run goes over them again and on past the end of the record.
TEST(VmHistory, StretchesWithoutWritesKeepTheirCheckpoints) {
  Store store;
  Result<MemoryInstance*> memory = store.add_memory(MemoryType{Limits{1, std::nullopt}});
  ASSERT_TRUE(memory.ok());
  auto checkpoint = [](uint64_t step) {
    vm::Checkpoint c;
    c.step = step;
    return c;
  };
  vm::History h(uint64_t(64) << 20, {*memory}, checkpoint(0));
  for (uint64_t step : {70000u, 140000u}) {
    ASSERT_TRUE(h.checkpoint_due(step));
    h.reached(step);
    h.add_checkpoint(checkpoint(step));
  }
  EXPECT_EQ(h.rewind_to_checkpoint_before(10).step, 0u);
  // Run again to the end of the record (nothing written) and on: the next checkpoint comes when
  // due, and a write past the end is recorded without dropping the checkpoints before it.
  EXPECT_FALSE(h.checkpoint_due(100000));
  EXPECT_TRUE(h.checkpoint_due(210000));
  h.reached(210000);
  h.add_checkpoint(checkpoint(210000));
  (*memory)->data[8] = 1;
  h.on_write(*memory, 8, 1, 210001);
  (*memory)->data[8] = 2;
  h.reached(210001);
  EXPECT_EQ(h.checkpoint_steps(), (std::vector<uint64_t>{0, 70000, 140000, 210000}));
  EXPECT_EQ(h.rewind_to_checkpoint_before(210000).step, 210000u);
  EXPECT_EQ((*memory)->data[8], 1);  // the write at 210001 undone
}

}  // namespace
}  // namespace mnemo
