// tests/native/validate_robustness_test.cpp: the validator on random instruction sequences with
// random immediates (indices out of range, bad lanes, odd block types): it must never crash, and
// every rejection must say where and what.
#include <gtest/gtest.h>

#include <random>

#include "validate_helpers.h"

namespace mnemo::test {
namespace {

constexpr ValType kTypes[] = {ValType::I32,  ValType::I64,     ValType::F32,      ValType::F64,
                              ValType::V128, ValType::FuncRef, ValType::ExternRef};

Instr random_instr(std::mt19937& rng) {
  auto pick = [&rng](uint32_t n) { return uint32_t(rng() % n); };
  Instr in;
  in.op = static_cast<Opcode>(pick(kOpcodeCount));
  in.index = pick(4);
  in.index2 = pick(4);
  in.mem = MemArg{pick(4), pick(6), pick(100)};
  in.mem_src = pick(4);
  in.lane = uint8_t(pick(40));
  for (uint8_t& b : in.v128.bytes) b = uint8_t(pick(34));
  in.block.kind = static_cast<BlockType::Kind>(pick(3));
  in.block.value = kTypes[pick(7)];
  in.block.type_index = pick(4);
  in.ref_type = kTypes[pick(7)];
  for (uint32_t n = pick(4); n > 0; --n) in.labels.push_back(pick(5));
  for (uint32_t n = pick(3); n > 0; --n) in.types.push_back(kTypes[pick(7)]);
  return in;
}

TEST(ValidateRobustness, RandomBodiesNeverCrash) {
  std::mt19937 rng(12345);
  int accepted = 0, rejected = 0;
  for (int round = 0; round < 5000; ++round) {
    Module m = with_memories(2);
    m.types.push_back(FuncType{{ValType::I32}, {ValType::I32, ValType::I64}});
    m.tables.push_back(TableType{ValType::FuncRef, Limits{1, std::nullopt}});
    m.tables.push_back(TableType{ValType::ExternRef, Limits{1, std::nullopt}});
    m.globals.push_back(Global{GlobalType{ValType::I32, true}, body({i32c(0)})});
    m.datas.push_back(DataSegment{});
    m.elems.push_back(ElemSegment{});
    std::vector<Instr> code;
    if (round % 2 == 0) code.push_back(op(Opcode::Unreachable));  // makes more bodies typeable
    const int length = int(rng() % 12);
    for (int i = 0; i < length; ++i) code.push_back(random_instr(rng));
    // Some bodies are left without their final end or with extra instructions after it.
    Expr b = body(code);
    if (rng() % 8 == 0) b.pop_back();
    if (rng() % 8 == 0) b.push_back(random_instr(rng));
    Function f;
    f.type = 0;
    f.locals = {ValType::F64};
    f.body = std::move(b);
    m.funcs.push_back(std::move(f));
    Status s = validate_module(m);
    if (s.ok()) {
      ++accepted;
    } else {
      ++rejected;
      EXPECT_FALSE(s.error().message.empty());
      EXPECT_NE(s.error().where.find("function 0"), std::string::npos) << s.error().str();
    }
  }
  EXPECT_GT(rejected, 1000);
  EXPECT_GT(accepted, 10);
}

}  // namespace
}  // namespace mnemo::test
