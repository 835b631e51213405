// tests/native/vm_time_travel_diff_test.cpp: the differential check of time travel. The
// benchmark's mm_loadstore kernel runs forward one step at a time while every memory's hash is
// written down at each step; then the session travels to 200 random steps of the record (and
// back to its end) and every memory must hash as it did then.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>

#include "core/binary/reader.h"
#include "core/validate/validate.h"
#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::World;

// FNV-1a over the bytes' 8-byte words, then the size: enough to tell two memories apart.
uint64_t memory_hash(const MemoryInstance& m) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (uint64_t i = 0; i + 8 <= m.size; i += 8) {
    uint64_t word;
    std::memcpy(&word, m.data + i, 8);
    h = (h ^ word) * 0x100000001B3ull;
  }
  return h ^ m.size;
}

std::vector<uint64_t> hashes(const Instance& inst) {
  std::vector<uint64_t> out;
  for (const MemoryInstance* m : inst.memories) out.push_back(memory_hash(*m));
  return out;
}

std::shared_ptr<const Module> bench_module(const char* name) {
  const std::string path = std::string(MNEMO_SOURCE_DIR) + "/../shared/bench/wasm/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open the benchmark guest " << path;
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<Module> m = decode_module(bytes);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().str());
  if (!m.ok()) return nullptr;
  EXPECT_TRUE(validate_module(*m).ok());
  return std::make_shared<const Module>(std::move(*m));
}

// 140,000 steps cross two checkpoints (every 65,536 steps for this kernel).
TEST(VmTimeTravelDiff, MmLoadstoreHashesMatchAtRandomSteps) {
  constexpr uint64_t kSteps = 140000;
  World w;
  auto module = bench_module("mm_loadstore.wasm");
  ASSERT_TRUE(module);
  InstantiateResult r = w.engine->instantiate(module, [](auto, auto) { return std::nullopt; }, InstantiateOptions{.debuggable = true});
  ASSERT_EQ(r.kind, InstantiateResult::Kind::Ok) << r.message;
  Instance* inst = r.instance;
  // Different bytes in each memory, so that a travel that mixed them up would show.
  for (uint32_t i = 0; i < inst->memories.size(); ++i)
    for (uint64_t a = 0; a < inst->memories[i]->size; a += 7) inst->memories[i]->data[a] = uint8_t(a * (i + 3));
  for (const char* bench : {"bench0", "bench1"}) {
    SCOPED_TRACE(bench);
    auto s = vm::start_session(*inst, *inst->find_export(bench)->func, {});
    ASSERT_TRUE(s);
    s->record_history(uint64_t(256) << 20);
    std::vector<std::vector<uint64_t>> at{hashes(*inst)};
    for (uint64_t i = 0; i < kSteps; ++i) {
      ASSERT_EQ(s->run(Session::Mode::StepInto), StopReason::Step);
      ASSERT_EQ(s->instructions_executed(), i + 1);  // a debuggable instance: one op per instruction
      at.push_back(hashes(*inst));
    }
    const auto timeline = s->timeline();
    ASSERT_TRUE(timeline);
    EXPECT_EQ(timeline->first, 0u);
    EXPECT_EQ(timeline->last, kSteps);

    std::mt19937_64 rng(13);
    int differences = 0;
    for (int k = 0; k < 200; ++k) {
      const uint64_t step = rng() % (kSteps + 1);
      auto travelled = s->travel_to(step);
      ASSERT_TRUE(travelled.ok()) << travelled.error().str();
      ASSERT_EQ(s->instructions_executed(), step);
      if (hashes(*inst) != at[step]) ++differences;
    }
    EXPECT_EQ(differences, 0);
    // And on from the past: the run goes on to where it was, and further, recording again.
    ASSERT_TRUE(s->travel_to(kSteps).ok());
    EXPECT_EQ(hashes(*inst), at[kSteps]);
    EXPECT_EQ(s->run(Session::Mode::Continue, 1000), StopReason::Paused);
    EXPECT_EQ(s->timeline()->last, kSteps + 1000);
  }
}

// Without `debuggable` the translation fuses instructions, and a step may count more than one op:
// travel lands on the first boundary at or after the step asked for, step back on the one before.
TEST(VmTimeTravelDiff, FusedCodeTravelsBetweenItsBoundaries) {
  World w;
  auto module = bench_module("mm_loadstore.wasm");
  ASSERT_TRUE(module);
  InstantiateResult r = w.engine->instantiate(module, [](auto, auto) { return std::nullopt; }, InstantiateOptions{});
  ASSERT_EQ(r.kind, InstantiateResult::Kind::Ok) << r.message;
  auto s = vm::start_session(*r.instance, *r.instance->find_export("bench1")->func, {});
  s->record_history(uint64_t(16) << 20);
  std::vector<uint64_t> boundaries{0};
  std::vector<std::vector<uint64_t>> at{hashes(*r.instance)};
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(s->run(Session::Mode::StepInto), StopReason::Step);
    boundaries.push_back(s->instructions_executed());
    at.push_back(hashes(*r.instance));
  }
  for (size_t k = boundaries.size() - 1; k > 0; --k) {
    auto back = s->step_back();
    ASSERT_TRUE(back.ok()) << back.error().str();
    ASSERT_EQ(s->instructions_executed(), boundaries[k - 1]);
    ASSERT_EQ(hashes(*r.instance), at[k - 1]);
  }
  std::mt19937_64 rng(5);
  for (int k = 0; k < 200; ++k) {
    const uint64_t step = rng() % (boundaries.back() + 1);
    ASSERT_TRUE(s->travel_to(step).ok());
    const size_t landed = size_t(std::lower_bound(boundaries.begin(), boundaries.end(), step) - boundaries.begin());
    ASSERT_EQ(s->instructions_executed(), boundaries[landed]);
    ASSERT_EQ(hashes(*r.instance), at[landed]);
  }
}

}  // namespace
}  // namespace mnemo
