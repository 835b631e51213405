// tests/native/vm_session_test.cpp: the debugger's Session (core/vm/session.h): stepping,
// breakpoints, the memory effects of the last step, traps.
#include <gtest/gtest.h>

#include "core/bits.h"
#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::World;

// Function indices: 0 $leaf, 1 $main. Instruction indices are positions in Function::body.
constexpr const char* kModule = R"((module
  (memory $m0 1)
  (memory $m1 1)
  (data (memory $m1) (i32.const 16) "abcd")
  (func $leaf (param i32) (result i32)
    (i32.store $m0 (i32.const 0) (local.get 0))    ;; 0 i32.const, 1 local.get, 2 i32.store
    (i32.add (local.get 0) (i32.const 1)))         ;; 3 local.get, 4 i32.const, 5 i32.add, 6 end
  (func $main (export "main") (param i32) (result i32)
    (memory.copy $m0 $m1 (i32.const 100) (i32.const 16) (i32.const 4))  ;; 0 1 2 3
    (drop (memory.grow $m1 (i32.const 2)))                             ;; 4 5 6
    (call $leaf (local.get 0))                                         ;; 7 8
    (i32.load8_u $m0 (i32.const 101))                                  ;; 9 10
    (i32.add))                                                         ;; 11, 12 end
))";

std::unique_ptr<Session> start(World& w, Instance*& inst, uint32_t arg) {
  inst = w.must_instantiate(kModule, InstantiateOptions{.debuggable = true});
  return vm::start_session(*inst, *inst->find_export("main")->func, std::vector<WasmValue>{i32(arg)});
}

TEST(VmSession, StepIntoReportsMemoryCopyAcrossMemories) {
  World w;
  Instance* inst = nullptr;
  auto s = start(w, inst, 5);
  ASSERT_EQ(s->current(), (CodeLocation{1, 0, inst}));
  // i32.const x3, then memory.copy.
  for (int i = 0; i < 3; ++i) ASSERT_EQ(s->run(Session::Mode::StepInto), StopReason::Step);
  EXPECT_TRUE(s->last_effects().accesses.empty());
  ASSERT_EQ(s->current(), (CodeLocation{1, 3, inst}));
  ASSERT_EQ(s->run(Session::Mode::StepInto), StopReason::Step);
  const StepEffects& e = s->last_effects();
  ASSERT_EQ(e.accesses.size(), 2u);
  EXPECT_EQ(e.accesses[0].kind, MemoryAccess::Kind::Read);
  EXPECT_EQ(e.accesses[0].memory, 1u);
  EXPECT_EQ(e.accesses[0].address, 16u);
  EXPECT_EQ(e.accesses[0].size, 4u);
  EXPECT_EQ(e.accesses[1].kind, MemoryAccess::Kind::Write);
  EXPECT_EQ(e.accesses[1].memory, 0u);
  EXPECT_EQ(e.accesses[1].address, 100u);
  EXPECT_EQ(e.accesses[1].size, 4u);
  EXPECT_EQ(inst->memories[0]->data[101], 'b');
}

TEST(VmSession, MemoryGrowReportsOldSizeAndResult) {
  World w;
  Instance* inst = nullptr;
  auto s = start(w, inst, 5);
  s->set_breakpoint({1, 5}, true);  // memory.grow
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Breakpoint);
  EXPECT_EQ(s->current(), (CodeLocation{1, 5, inst}));
  ASSERT_EQ(s->run(Session::Mode::StepInto), StopReason::Step);
  ASSERT_TRUE(s->last_effects().grow);
  EXPECT_EQ(s->last_effects().grow->memory, 1u);
  EXPECT_EQ(s->last_effects().grow->old_pages, 1u);
  EXPECT_EQ(s->last_effects().grow->result, 1);
  EXPECT_EQ(inst->memories[1]->pages(), 3u);
}

TEST(VmSession, StepIntoEntersCallsStepOutLeavesThem) {
  World w;
  Instance* inst = nullptr;
  auto s = start(w, inst, 5);
  s->set_breakpoint({1, 8}, true);  // call $leaf
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Breakpoint);
  ASSERT_EQ(s->run(Session::Mode::StepInto), StopReason::Step);
  EXPECT_EQ(s->current(), (CodeLocation{0, 0, inst}));
  std::vector<FrameInfo> stack = s->call_stack();
  ASSERT_EQ(stack.size(), 2u);
  EXPECT_EQ(stack[0].at, (CodeLocation{1, 8, inst}));
  EXPECT_EQ(stack[1].locals.size(), 1u);
  EXPECT_EQ(stack[1].locals[0].bits, 5u);
  // Into the store: the write of 4 bytes at 0 in memory 0.
  for (int i = 0; i < 3; ++i) ASSERT_EQ(s->run(Session::Mode::StepInto), StopReason::Step);
  ASSERT_EQ(s->last_effects().accesses.size(), 1u);
  EXPECT_EQ(s->last_effects().accesses[0].kind, MemoryAccess::Kind::Write);
  EXPECT_EQ(s->last_effects().accesses[0].memory, 0u);
  EXPECT_EQ(s->last_effects().accesses[0].address, 0u);
  ASSERT_EQ(s->run(Session::Mode::StepOut), StopReason::Step);
  EXPECT_EQ(s->current(), (CodeLocation{1, 9, inst}));
  EXPECT_EQ(s->call_stack().size(), 1u);
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Finished);
  ASSERT_EQ(s->results().size(), 1u);
  EXPECT_EQ(s->results()[0].bits, 6u + 'b');
  EXPECT_FALSE(s->current());
}

TEST(VmSession, StepOverRunsThroughCalls) {
  World w;
  Instance* inst = nullptr;
  auto s = start(w, inst, 1);
  s->set_breakpoint({1, 8}, true);
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Breakpoint);
  s->set_breakpoint({1, 8}, false);
  EXPECT_TRUE(s->breakpoints().empty());
  ASSERT_EQ(s->run(Session::Mode::StepOver), StopReason::Step);
  EXPECT_EQ(s->current(), (CodeLocation{1, 9, inst}));
  // The call's operand (the leaf's result) is on main's stack now.
  std::vector<FrameInfo> stack = s->call_stack();
  ASSERT_EQ(stack.size(), 1u);
  ASSERT_EQ(stack[0].operands.size(), 1u);
  EXPECT_EQ(stack[0].operands[0].bits, 2u);
  EXPECT_EQ(stack[0].operands[0].type, ValType::I32);
}

TEST(VmSession, OperandsCarryTheirTypesAcrossBlocks) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (func (export "f") (result f64)
      (f64.const 2.5)                                 ;; 0
      (block (result i64)                             ;; 1
        (v128.const i32x4 1 2 3 4)                    ;; 2
        (i64.const -7)                                ;; 3
        (drop)                                        ;; 4: stop here
        (drop)
        (i64.const 1))
      (drop)))
  )", InstantiateOptions{.debuggable = true});
  auto s = vm::start_session(*inst, *inst->find_export("f")->func, {});
  s->set_breakpoint({0, 4}, true);
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Breakpoint);
  const std::vector<FrameInfo> stack = s->call_stack();
  ASSERT_EQ(stack.size(), 1u);
  const auto& ops = stack[0].operands;
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_EQ(ops[0].type, ValType::F64);
  EXPECT_EQ(ops[0].bits, bit_cast<uint64_t>(2.5));
  EXPECT_EQ(ops[1].type, ValType::V128);
  EXPECT_EQ(ops[1].v128.bytes[4], 2);
  EXPECT_EQ(ops[2].type, ValType::I64);
  EXPECT_EQ(int64_t(ops[2].bits), -7);
}

TEST(VmSession, BreakpointInACalleeAndBudgetPause) {
  World w;
  Instance* inst = nullptr;
  auto s = start(w, inst, 1);
  ASSERT_EQ(s->run(Session::Mode::Continue, 2), StopReason::Paused);
  EXPECT_EQ(s->current(), (CodeLocation{1, 2, inst}));
  s->set_breakpoint({0, 5}, true);  // i32.add in $leaf
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Breakpoint);
  EXPECT_EQ(s->current(), (CodeLocation{0, 5, inst}));
  EXPECT_EQ(s->call_stack().size(), 2u);
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Finished);
}

TEST(VmSession, TrapStopsWithLocationAndFault) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (memory 1)
    (memory 1)
    (func (export "f") (param i32) (result i32) (i32.load16_u 1 offset=2 (local.get 0)))))",
                                      InstantiateOptions{.debuggable = true});
  auto s = vm::start_session(*inst, *inst->find_export("f")->func, std::vector<WasmValue>{i32(0xffff)});
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Trapped);
  ASSERT_TRUE(s->trap());
  EXPECT_EQ(s->trap()->message, "out of bounds memory access");
  EXPECT_EQ(s->trap()->where, (CodeLocation{0, 1, inst}));
  ASSERT_TRUE(s->trap()->fault);
  EXPECT_EQ(s->trap()->fault->memory, 1u);
  EXPECT_EQ(s->trap()->fault->address, 0x10001u);
  EXPECT_EQ(s->trap()->fault->size, 2u);
  EXPECT_EQ(s->run(Session::Mode::Continue), StopReason::Trapped);  // stays trapped
}


// A Continue run with no breakpoint and nothing observing begins its ops in the fast lane
// (core/vm/debug.h: DebugControl::lane_end), without the checks before each: what it reports
// must not change. A budget stops it after exactly that many instructions, with the last one's
// effects; a budget run that ends in a trap reports the trapping instruction and its fault.
TEST(VmSession, ABudgetRunStopsAfterExactlyItsInstructionsWithTheLastOnesEffects) {
  for (uint64_t budget = 1; budget <= 12; ++budget) {
    World w;
    Instance* inst = nullptr;
    auto s = start(w, inst, 5);
    const StopReason r = s->run(Session::Mode::Continue, budget);
    // $main's instructions 0-8, then $leaf's 0-6 (the call at 8 enters it)
    ASSERT_EQ(r, StopReason::Paused) << budget;
    EXPECT_EQ(s->instructions_executed(), budget);
    if (budget == 4) {  // memory.copy ran last
      ASSERT_EQ(s->last_effects().accesses.size(), 2u);
      EXPECT_EQ(s->last_effects().accesses[1].memory, 0u);
      EXPECT_EQ(s->last_effects().accesses[1].address, 100u);
    } else if (budget == 6) {  // memory.grow ran last
      ASSERT_TRUE(s->last_effects().grow);
      EXPECT_EQ(s->last_effects().grow->old_pages, 1u);
      EXPECT_TRUE(s->last_effects().accesses.empty());
    } else if (budget == 12) {  // $leaf's i32.store ran last
      ASSERT_EQ(s->last_effects().accesses.size(), 1u);
      EXPECT_EQ(s->last_effects().accesses[0].kind, MemoryAccess::Kind::Write);
      EXPECT_FALSE(s->last_effects().grow);
    } else {
      EXPECT_TRUE(s->last_effects().accesses.empty()) << budget;
      EXPECT_FALSE(s->last_effects().grow) << budget;
    }
  }
}

TEST(VmSession, AFastRunThatTrapsReportsTheTrappingInstruction) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (memory 1)
    (func (export "main")
      (i32.store (i32.const 8) (i32.const 1))         ;; 0 1 2
      (i32.store (i32.const 65534) (i32.const 2))))   ;; 3 4 5: straddles the end
  )",
                                      InstantiateOptions{.debuggable = true});
  auto s = vm::start_session(*inst, *inst->find_export("main")->func, {});
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Trapped);
  EXPECT_EQ(s->instructions_executed(), 6u);
  ASSERT_TRUE(s->trap());
  EXPECT_EQ(s->trap()->where, (CodeLocation{0, 5, inst}));
  ASSERT_TRUE(s->trap()->fault);
  EXPECT_EQ(s->trap()->fault->address, 65534u);
}

// A host function the guest calls may pause the session or set a breakpoint: the run stops
// before the next instruction, or at the breakpoint, as when every op is checked.
TEST(VmSession, AHostFunctionPausesOrSetsABreakpointMidRun) {
  for (const bool pause : {true, false}) {
    World w;
    Session* session = nullptr;
    Instance* inst = w.instantiate_calling_host([&] {
      if (pause) session->pause();
      else session->set_breakpoint({1, 5}, true);
    });
    auto s = vm::start_session(*inst, *inst->find_export("main")->func, {});
    session = s.get();
    ASSERT_EQ(s->run(Session::Mode::Continue), pause ? StopReason::Paused : StopReason::Breakpoint);
    EXPECT_EQ(s->current(), (CodeLocation{1, pause ? 4u : 5u, inst}));
    EXPECT_EQ(s->instructions_executed(), pause ? 4u : 5u);
    EXPECT_EQ(s->run(Session::Mode::Continue), StopReason::Finished);
    EXPECT_EQ(s->instructions_executed(), 11u);
  }
}

}  // namespace
}  // namespace mnemo

namespace mnemo {
namespace {

TEST(VmSession, DebuggableInstanceStopsAtEveryInstruction) {
  testing::World w;
  Instance* inst = w.must_instantiate(R"((module
    (func (export "f") (result i32)
      (block (nop))
      (loop)
      (i32.const 7))))",
                                      InstantiateOptions{.debuggable = true});
  auto s = vm::start_session(*inst, *inst->find_export("f")->func, {});
  std::vector<uint32_t> seen;
  while (std::optional<CodeLocation> at = s->current()) {
    seen.push_back(at->instr);
    if (s->run(Session::Mode::StepInto) != StopReason::Step) break;
  }
  // block, nop, end, loop, end, i32.const, end (the return)
  EXPECT_EQ(seen, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6}));
  ASSERT_EQ(s->results().size(), 1u);
  EXPECT_EQ(s->results()[0].bits, 7u);
}

TEST(VmSession, FillAndInitReportTheirRangeTheirMemoryAndTheInstruction) {
  testing::World w;
  Instance* inst = w.must_instantiate(R"((module
    (memory $a 1) (memory $b 1)
    (data $seg "xyz")
    (func (export "f")
      (memory.fill $b (i32.const 10) (i32.const 7) (i32.const 3))   ;; 0 1 2 3
      (memory.init $b $seg (i32.const 20) (i32.const 1) (i32.const 2))  ;; 4 5 6 7
      (i32.store8 $a (i32.const 1) (i32.const 2))))                   ;; 8 9 10
  )",
                                      InstantiateOptions{.debuggable = true});
  auto s = vm::start_session(*inst, *inst->find_export("f")->func, {});
  std::vector<StepEffects> effects;
  while (s->run(Session::Mode::StepInto) == StopReason::Step)
    if (!s->last_effects().accesses.empty()) effects.push_back(s->last_effects());
  ASSERT_EQ(effects.size(), 3u);
  EXPECT_EQ(effects[0].op, Opcode::MemoryFill);
  ASSERT_EQ(effects[0].accesses.size(), 1u);
  EXPECT_EQ(effects[0].accesses[0].kind, MemoryAccess::Kind::Write);
  EXPECT_EQ(effects[0].accesses[0].memory, 1u);
  EXPECT_EQ(effects[0].accesses[0].address, 10u);
  EXPECT_EQ(effects[0].accesses[0].size, 3u);
  EXPECT_EQ(effects[1].op, Opcode::MemoryInit);
  EXPECT_EQ(effects[1].data_segment, 0u);
  EXPECT_EQ(effects[1].accesses[0].memory, 1u);
  EXPECT_EQ(effects[1].accesses[0].address, 20u);
  EXPECT_EQ(effects[1].accesses[0].size, 2u);
  EXPECT_EQ(effects[2].op, Opcode::I32Store8);
  EXPECT_EQ(effects[2].accesses[0].memory, 0u);
  EXPECT_EQ(effects[2].accesses[0].size, 1u);
  EXPECT_EQ(inst->memories[1]->data[11], 7);
  EXPECT_EQ(inst->memories[1]->data[20], 'y');
}

TEST(VmSession, NormalInstanceRunsUnderASessionToo) {
  testing::World w;
  Instance* inst = w.must_instantiate(R"((module
    (func (export "f") (param i32) (result i32)
      (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1))))");
  auto s = vm::start_session(*inst, *inst->find_export("f")->func, std::vector<WasmValue>{testing::i32(10)});
  uint32_t steps = 0;
  StopReason r;
  while ((r = s->run(Session::Mode::StepInto)) == StopReason::Step) ++steps;
  ASSERT_EQ(r, StopReason::Finished);
  EXPECT_GT(steps, 10u);
  EXPECT_EQ(s->results()[0].bits, 55u);
}

}  // namespace
TEST(VmSession, PositionsNameTheInstanceWhoseCodeRuns) {
  testing::World w;
  // $lib's function 0 writes its own memory; $app's function 0 is the import of it, 1 its caller.
  Instance* lib = w.must_instantiate(R"((module
    (memory (export "mem") 1)
    (func (export "poke") (param i32)
      (i32.store (i32.const 8) (local.get 0))))  ;; 0 i32.const, 1 local.get, 2 i32.store
  )",
                                     InstantiateOptions{.debuggable = true});
  w.registered["lib"] = lib;
  Instance* app = w.must_instantiate(R"((module
    (import "lib" "poke" (func $poke (param i32)))
    (import "lib" "mem" (memory 1))
    (func (export "main")
      (call $poke (i32.const 5))          ;; 0 i32.const, 1 call
      (drop (i32.load (i32.const 8)))))   ;; 2 i32.const, 3 i32.load, 4 drop
  )",
                                     InstantiateOptions{.debuggable = true});
  auto s = vm::start_session(*app, *app->find_export("main")->func, {});
  // Instruction 2 of function 0: in $lib the store, in $app nothing (function 0 is an import).
  s->set_breakpoint(CodeLocation{0, 2, lib}, true);
  // Instruction 2 of function 1 in the session's own instance (null: the session's).
  s->set_breakpoint(CodeLocation{1, 2}, true);
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Breakpoint);
  EXPECT_EQ(s->current(), (CodeLocation{0, 2, lib}));
  const std::vector<FrameInfo> frames = s->call_stack();
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].at, (CodeLocation{1, 1, app}));  // the caller, at its call
  EXPECT_EQ(frames[1].at, (CodeLocation{0, 2, lib}));
  ASSERT_EQ(s->run(Session::Mode::StepInto), StopReason::Step);
  ASSERT_EQ(s->last_effects().accesses.size(), 1u);
  EXPECT_EQ(s->last_effects().accesses[0].kind, MemoryAccess::Kind::Write);
  ASSERT_EQ(s->run(Session::Mode::Continue), StopReason::Breakpoint);
  EXPECT_EQ(s->current(), (CodeLocation{1, 2, app}));
  std::vector<CodeLocation> expected{{0, 2, lib}, {1, 2, app}};
  EXPECT_EQ(s->breakpoints(), expected);
  EXPECT_EQ(s->run(Session::Mode::Continue), StopReason::Finished);
}

}  // namespace mnemo
