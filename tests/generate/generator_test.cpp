// tests/generate/generator_test.cpp: the generator's promises: every module it makes is valid
// (a module that fails validation is a generator bug), with or without its memory imports; the
// same seed gives the same bytes; seeds differ; the modules have the shape the differential
// check relies on (several memories, the digest and hash exports last).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/binary/reader.h"
#include "core/binary/writer.h"
#include "core/validate/validate.h"
#include "tests/generate/memory_hash.h"
#include "tests/generate/module_generator.h"

namespace mnemo::gen {
namespace {

constexpr uint64_t kSeeds = 600;

TEST(GeneratorTest, EveryModuleValidatesAndDecodesBack) {
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    GeneratedModule g = generate_module(seed);
    Status valid = validate_module(g.module);
    ASSERT_TRUE(valid.ok()) << "seed " << seed << ": " << valid.error().str();
    Status standalone = validate_module(without_memory_imports(g.module));
    ASSERT_TRUE(standalone.ok()) << "seed " << seed << " without imports: " << standalone.error().str();
    const std::vector<uint8_t> bytes = encode_module(g.module);
    Result<Module> back = decode_module(bytes);
    ASSERT_TRUE(back.ok()) << "seed " << seed << ": " << back.error().str();
    EXPECT_EQ(structural_difference(g.module, *back), "") << "seed " << seed;
  }
}

TEST(GeneratorTest, SameSeedSameBytes) {
  for (uint64_t seed : {0ull, 1ull, 77ull, 0xFFFFFFFFFFFFFFFFull}) {
    EXPECT_EQ(encode_module(generate_module(seed).module), encode_module(generate_module(seed).module)) << seed;
  }
}

TEST(GeneratorTest, SeedsGiveDifferentModules) {
  EXPECT_NE(encode_module(generate_module(1).module), encode_module(generate_module(2).module));
}

TEST(GeneratorTest, ShapeOfEveryModule) {
  uint32_t imported = 0, aliased = 0;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    GeneratedModule g = generate_module(seed);
    ASSERT_GE(g.memories, 2u) << seed;
    EXPECT_EQ(g.module.memory_count(), g.memories) << seed;
    imported += g.imported_memories;
    const auto& ex = g.module.exports;
    ASSERT_EQ(ex.size(), g.exports) << seed;
    ASSERT_GE(ex.size(), g.memories + 1) << seed;
    EXPECT_EQ(ex[ex.size() - g.memories - 1].name, "digest") << seed;
    for (uint32_t m = 0; m < g.memories; ++m)
      EXPECT_EQ(ex[ex.size() - g.memories + m].name, "hash_mem" + std::to_string(m)) << seed;
    // An aliased module imports one memory under one name twice, with one type.
    std::map<std::string, MemoryType> by_name;
    uint32_t repeats = 0;
    for (const Import& imp : g.module.imports) {
      if (imp.kind != ExternKind::Memory) continue;
      auto [it, fresh] = by_name.emplace(imp.name, imp.memory);
      if (!fresh) {
        ++repeats;
        EXPECT_EQ(it->second, imp.memory) << seed << ": " << imp.name;
      }
    }
    EXPECT_EQ(repeats > 0, g.aliased) << seed;
    aliased += g.aliased;
    // Without imports: the same memories, all defined, in the same order.
    Module s = without_memory_imports(g.module);
    EXPECT_EQ(s.imported_count(ExternKind::Memory), 0u);
    for (uint32_t m = 0; m < g.memories; ++m) EXPECT_EQ(s.memory_type(m), g.module.memory_type(m)) << seed;
  }
  EXPECT_GT(imported, 0u) << "no module imports a memory";
  EXPECT_GT(aliased, 0u) << "no module imports one memory twice";
}

TEST(GeneratorTest, MemoryHashReadsLittleEndianWordsAndPages) {
  std::vector<uint8_t> page(65536, 0);
  const uint64_t zero = memory_hash(page.data(), page.size());
  page[65535] = 1;  // the last byte is part of the last word
  EXPECT_NE(memory_hash(page.data(), page.size()), zero);
  // Empty memory: the basis xor 0 pages.
  EXPECT_EQ(memory_hash(nullptr, 0), kHashBasis);
  // One word: (basis ^ 0x0807060504030201) * prime, little-endian whatever the host.
  const uint8_t word[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_EQ(memory_hash(word, 8), (kHashBasis ^ 0x0807060504030201ull) * kHashPrime);
}

}  // namespace
}  // namespace mnemo::gen
