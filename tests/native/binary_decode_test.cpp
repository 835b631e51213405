// tests/native/binary_decode_test.cpp: decode_module on hand-built binaries: memargs with and
// without a memory index, the memory-index immediates, data and element segment forms, positions,
// custom and name sections, and malformed input with its message and offset.
#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

#include "core/binary/reader.h"

namespace mnemo {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes leb(uint64_t v) {
  Bytes out;
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    out.push_back(v ? b | 0x80 : b);
  } while (v);
  return out;
}

// The bytes of an opcode, from the table.
Bytes op(Opcode o) {
  const OpcodeInfo& i = info(o);
  if (i.prefix == 0) return {uint8_t(i.code)};
  return cat({{i.prefix}, leb(i.code)});
}

Bytes section(uint8_t id, const Bytes& body) { return cat({{id}, leb(body.size()), body}); }
Bytes header() { return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}; }
Bytes wasm(std::initializer_list<Bytes> sections) { return cat({header(), cat(sections)}); }

Bytes type_section() { return section(1, {0x01, 0x60, 0x00, 0x00}); }  // one type: [] -> []
Bytes memory_section(int count) {
  Bytes b = leb(count);
  for (int i = 0; i < count; ++i) b.insert(b.end(), {0x00, 0x01});  // min 1, no max
  return section(5, b);
}
Bytes code_section(const Bytes& body, const Bytes& locals = {0x00}) {
  const Bytes entry = cat({locals, body});
  return section(10, cat({{0x01}, leb(entry.size()), entry}));
}
// One function of type [] -> [] with `body` (which must end with `end`), and `memories` memories.
Bytes func_module(const Bytes& body, int memories = 4, const Bytes& before_code = {}) {
  return wasm({type_section(), section(3, {0x01, 0x00}), memory_section(memories), before_code, code_section(body)});
}

const Expr& body_of(const Module& m) { return m.funcs.at(0).body; }

TEST(BinaryDecode, MemArgWithoutMemoryIndexIsMemoryZero) {
  const Bytes body = cat({op(Opcode::I32Const), {0x00}, op(Opcode::I32Load), {0x02, 0x08}, op(Opcode::Drop), op(Opcode::End)});
  auto m = decode_module(func_module(body));
  ASSERT_TRUE(m.ok()) << m.error().str();
  const Instr& load = body_of(*m).at(1);
  EXPECT_EQ(load.op, Opcode::I32Load);
  EXPECT_EQ(load.mem, (MemArg{.memory = 0, .align = 2, .offset = 8}));
}

TEST(BinaryDecode, MemArgBitSixIntroducesAMemoryIndex) {
  // flags 0x42: align 2 with bit 6; memory 3; offset 16. Then memory 129 (a two-byte index).
  const Bytes body = cat({op(Opcode::I32Const), {0x00}, op(Opcode::I32Load), {0x42, 0x03, 0x10}, op(Opcode::Drop),
                          op(Opcode::I32Const), {0x00}, op(Opcode::I64Const), {0x00}, op(Opcode::I64Store),
                          {0x43, 0x81, 0x01, 0x80, 0x01}, op(Opcode::End)});
  auto m = decode_module(func_module(body));
  ASSERT_TRUE(m.ok()) << m.error().str();
  EXPECT_EQ(body_of(*m).at(1).mem, (MemArg{.memory = 3, .align = 2, .offset = 16}));
  EXPECT_EQ(body_of(*m).at(5).mem, (MemArg{.memory = 129, .align = 3, .offset = 128}));
}

TEST(BinaryDecode, SimdLaneMemArgTakesTheMemoryIndexToo) {
  const Bytes body = cat({op(Opcode::I32Const), {0x00}, op(Opcode::V128Const), Bytes(16, 0x00),
                          op(Opcode::V128Load8Lane), {0x40, 0x02, 0x05, 0x0F}, op(Opcode::Drop), op(Opcode::End)});
  auto m = decode_module(func_module(body));
  ASSERT_TRUE(m.ok()) << m.error().str();
  const Instr& in = body_of(*m).at(2);
  EXPECT_EQ(in.mem, (MemArg{.memory = 2, .align = 0, .offset = 5}));
  EXPECT_EQ(in.lane, 15);
}

TEST(BinaryDecode, MalformedMemopFlags) {
  for (uint8_t flags : {0x20, 0x3F, 0x60, 0x80}) {
    Bytes body = cat({op(Opcode::I32Const), {0x00}, op(Opcode::I32Load), leb(flags), {0x00, 0x00}, op(Opcode::Drop), op(Opcode::End)});
    auto m = decode_module(func_module(body));
    ASSERT_FALSE(m.ok()) << int(flags);
    EXPECT_EQ(m.error().message, "malformed memop flags") << int(flags);
    EXPECT_NE(m.error().where.find("function 0"), std::string::npos) << m.error().where;
  }
}

TEST(BinaryDecode, MemoryIndexImmediates) {
  const Bytes body = cat({
      op(Opcode::I32Const), {0x00}, op(Opcode::I32Const), {0x00}, op(Opcode::I32Const), {0x00},
      op(Opcode::MemoryCopy), {0x01, 0x00},                                  // memory.copy 1 0
      op(Opcode::I32Const), {0x00}, op(Opcode::I32Const), {0x00}, op(Opcode::I32Const), {0x00},
      op(Opcode::MemoryFill), {0x02},                                        // memory.fill 2
      op(Opcode::MemorySize), {0x03}, op(Opcode::MemoryGrow), {0x01}, op(Opcode::Drop),
      op(Opcode::I32Const), {0x00}, op(Opcode::I32Const), {0x00}, op(Opcode::I32Const), {0x00},
      op(Opcode::MemoryInit), {0x00, 0x02},                                  // memory.init 0 (memory 2)
      op(Opcode::DataDrop), {0x00},
      op(Opcode::End)});
  auto m = decode_module(wasm({type_section(), section(3, {0x01, 0x00}), memory_section(4), section(12, {0x01}),
                               code_section(body), section(11, {0x01, 0x01, 0x00})}));
  ASSERT_TRUE(m.ok()) << m.error().str();
  const Expr& e = body_of(*m);
  EXPECT_EQ(e[3].op, Opcode::MemoryCopy);
  EXPECT_EQ(e[3].mem.memory, 1u);
  EXPECT_EQ(e[3].mem_src, 0u);
  EXPECT_EQ(e[7].mem.memory, 2u);
  EXPECT_EQ(e[8].mem.memory, 3u);
  EXPECT_EQ(e[9].mem.memory, 1u);
  EXPECT_EQ(e[14].op, Opcode::MemoryInit);
  EXPECT_EQ(e[14].index, 0u);
  EXPECT_EQ(e[14].mem.memory, 2u);
  EXPECT_EQ(m->data_count, 1u);
}

TEST(BinaryDecode, DataSegmentFlagTwoNamesTheMemory) {
  const Bytes data = section(11, cat({{0x03},
                                      {0x02, 0x02}, op(Opcode::I32Const), {0x08}, op(Opcode::End), {0x02, 'h', 'i'},
                                      {0x00}, op(Opcode::I32Const), {0x00}, op(Opcode::End), {0x00},
                                      {0x01, 0x01, 'x'}}));
  auto m = decode_module(wasm({memory_section(3), data}));
  ASSERT_TRUE(m.ok()) << m.error().str();
  ASSERT_EQ(m->datas.size(), 3u);
  EXPECT_EQ(m->datas[0].mode, DataSegment::Mode::Active);
  EXPECT_EQ(m->datas[0].memory, 2u);
  EXPECT_EQ(m->datas[0].offset.at(0).bits, 8u);
  EXPECT_EQ(m->datas[0].bytes, (Bytes{'h', 'i'}));
  EXPECT_EQ(m->datas[1].memory, 0u);
  EXPECT_EQ(m->datas[2].mode, DataSegment::Mode::Passive);
  EXPECT_EQ(m->datas[2].bytes, (Bytes{'x'}));
}

TEST(BinaryDecode, ElementSegmentsInAllEightForms) {
  const Bytes offset = cat({op(Opcode::I32Const), {0x00}, op(Opcode::End)});
  const Bytes null_item = cat({op(Opcode::RefNull), {0x70}, op(Opcode::End)});
  const Bytes func_item = cat({op(Opcode::RefFunc), {0x00}, op(Opcode::End)});
  const Bytes elems = section(9, cat({{0x08},
                                      cat({{0x00}, offset, {0x01, 0x00}}),                    // 0
                                      {0x01, 0x00, 0x02, 0x00, 0x00},                         // 1
                                      cat({{0x02, 0x01}, offset, {0x00, 0x01, 0x00}}),        // 2
                                      {0x03, 0x00, 0x01, 0x00},                               // 3
                                      cat({{0x04}, offset, {0x02}, func_item, null_item}),    // 4
                                      cat({{0x05, 0x6F, 0x01}, op(Opcode::RefNull), {0x6F}, op(Opcode::End)}),  // 5
                                      cat({{0x06, 0x01}, offset, {0x70, 0x01}, func_item}),   // 6
                                      cat({{0x07, 0x70, 0x01}, func_item})}));                 // 7
  const Bytes tables = section(4, {0x02, 0x70, 0x00, 0x01, 0x70, 0x00, 0x01});
  auto m = decode_module(wasm({type_section(), section(3, {0x01, 0x00}), tables, elems, code_section(op(Opcode::End))}));
  ASSERT_TRUE(m.ok()) << m.error().str();
  ASSERT_EQ(m->elems.size(), 8u);
  using Mode = ElemSegment::Mode;
  const Mode modes[] = {Mode::Active, Mode::Passive, Mode::Active, Mode::Declarative,
                        Mode::Active, Mode::Passive, Mode::Active, Mode::Declarative};
  const uint32_t tables_of[] = {0, 0, 1, 0, 0, 0, 1, 0};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(m->elems[i].mode, modes[i]) << i;
    if (modes[i] == Mode::Active) {
      EXPECT_EQ(m->elems[i].table, tables_of[i]) << i;
    }
  }
  // Function indices become `ref.func i end`.
  ASSERT_EQ(m->elems[1].init.size(), 2u);
  EXPECT_EQ(m->elems[1].init[0].size(), 2u);
  EXPECT_EQ(m->elems[1].init[0][0].op, Opcode::RefFunc);
  EXPECT_EQ(m->elems[1].init[0][1].op, Opcode::End);
  EXPECT_EQ(m->elems[4].init[1][0].op, Opcode::RefNull);
  EXPECT_EQ(m->elems[5].type, ValType::ExternRef);
  EXPECT_EQ(m->elems[0].type, ValType::FuncRef);
}

TEST(BinaryDecode, ElementKindAndReferenceTypeAreChecked) {
  auto m = decode_module(wasm({section(9, {0x01, 0x01, 0x01, 0x00})}));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "malformed element kind");
  m = decode_module(wasm({section(9, cat({{0x01, 0x05, 0x7F, 0x00}}))}));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "malformed reference type");
  EXPECT_EQ(m.error().where, "byte offset 0xc");
  m = decode_module(wasm({section(9, {0x01, 0x08})}));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "malformed elements segment kind");
}

TEST(BinaryDecode, BlockTypes) {
  const Bytes body = cat({op(Opcode::Block), {0x40}, op(Opcode::End), op(Opcode::Block), {0x7F}, op(Opcode::I32Const),
                          {0x00}, op(Opcode::End), op(Opcode::Drop), op(Opcode::Block), {0x00}, op(Opcode::End),
                          op(Opcode::End)});
  auto m = decode_module(func_module(body, 0));
  ASSERT_TRUE(m.ok()) << m.error().str();
  const Expr& e = body_of(*m);
  EXPECT_EQ(e[0].block.kind, BlockType::Kind::Empty);
  EXPECT_EQ(e[2].block.kind, BlockType::Kind::Value);
  EXPECT_EQ(e[2].block.value, ValType::I32);
  EXPECT_EQ(e[6].block.kind, BlockType::Kind::TypeIndex);
  EXPECT_EQ(e[6].block.type_index, 0u);

  const Bytes negative = cat({op(Opcode::Block), {0x80, 0x7F}, op(Opcode::End), op(Opcode::End)});
  auto bad = decode_module(func_module(negative, 0));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "malformed block type");
}

TEST(BinaryDecode, ElseOnlyInsideIf) {
  const Bytes good = cat({op(Opcode::I32Const), {0x01}, op(Opcode::If), {0x40}, op(Opcode::Else), op(Opcode::End), op(Opcode::End)});
  EXPECT_TRUE(decode_module(func_module(good, 0)).ok());
  const Bytes in_block = cat({op(Opcode::Block), {0x40}, op(Opcode::Else), op(Opcode::End), op(Opcode::End)});
  auto m = decode_module(func_module(in_block, 0));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "END opcode expected");
  const Bytes twice = cat({op(Opcode::I32Const), {0x01}, op(Opcode::If), {0x40}, op(Opcode::Else), op(Opcode::Else),
                           op(Opcode::End), op(Opcode::End)});
  EXPECT_FALSE(decode_module(func_module(twice, 0)).ok());
}

TEST(BinaryDecode, PositionsAreByteOffsets) {
  const Bytes import = section(2, {0x01, 0x01, 'm', 0x01, 'f', 0x00, 0x00});
  const Bytes global = section(6, cat({{0x01, 0x7F, 0x00}, op(Opcode::I32Const), {0x07}, op(Opcode::End)}));
  const Bytes exports = section(7, {0x01, 0x01, 'g', 0x00, 0x01});
  const Bytes body = cat({op(Opcode::Nop), op(Opcode::End)});
  const Bytes bytes = wasm({type_section(), import, section(3, {0x01, 0x00}), global, exports, code_section(body)});
  auto m = decode_module(bytes);
  ASSERT_TRUE(m.ok()) << m.error().str();
  // header 8, type section 6 bytes: import section starts at 14, its first import at 17.
  EXPECT_EQ(m->imports.at(0).pos, 17u);
  EXPECT_EQ(bytes[m->globals.at(0).pos], 0x7F);
  EXPECT_EQ(bytes[m->exports.at(0).pos + 1], 'g');
  const Function& f = m->funcs.at(0);
  EXPECT_EQ(bytes[f.pos], 0x00);  // the local declarations
  EXPECT_EQ(f.body.at(0).pos, f.pos + 1);
  EXPECT_EQ(f.body.at(1).pos, f.pos + 2);
  EXPECT_EQ(bytes[f.body.at(1).pos], op(Opcode::End)[0]);
}

TEST(BinaryDecode, LocalsAreExpandedAndBounded) {
  const Bytes locals = {0x02, 0x02, 0x7F, 0x01, 0x7E};
  auto m = decode_module(wasm({type_section(), section(3, {0x01, 0x00}), code_section(op(Opcode::End), locals)}));
  ASSERT_TRUE(m.ok()) << m.error().str();
  EXPECT_EQ(m->funcs[0].locals, (std::vector<ValType>{ValType::I32, ValType::I32, ValType::I64}));

  // 2^32 - 1 + 2 locals: too many for the spec. Nothing is allocated before the check.
  const Bytes huge = {0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E};
  auto bad = decode_module(wasm({type_section(), section(3, {0x01, 0x00}), code_section(op(Opcode::End), huge)}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "too many locals");
  // Within the spec's bound but beyond the implementation limit.
  const Bytes many = {0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F};
  bad = decode_module(wasm({type_section(), section(3, {0x01, 0x00}), code_section(op(Opcode::End), many)}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind("too many locals", 0), 0u);
}

TEST(BinaryDecode, DataCountRules) {
  const Bytes body = cat({op(Opcode::DataDrop), {0x00}, op(Opcode::End)});
  auto m = decode_module(func_module(body, 1));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "data count section required");
  EXPECT_NE(m.error().where.find("function 0"), std::string::npos);

  auto mismatch = decode_module(wasm({memory_section(1), section(12, {0x02}), section(11, {0x01, 0x01, 0x00})}));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().message, "data count and data section have inconsistent lengths");
  auto missing = decode_module(wasm({memory_section(1), section(12, {0x01})}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "data count and data section have inconsistent lengths");
}

TEST(BinaryDecode, SectionOrderAndSizes) {
  struct Case {
    Bytes bytes;
    const char* message;
    const char* where;
  };
  const Case cases[] = {
      {{}, "unexpected end", "byte offset 0x0"},
      {{0x00, 0x61, 0x73}, "unexpected end", "byte offset 0x0"},
      {{0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00}, "magic header not detected", "byte offset 0x0"},
      {{0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00}, "unknown binary version", "byte offset 0x4"},
      {wasm({section(13, {})}), "malformed section id", "byte offset 0x8"},
      {wasm({type_section(), type_section()}), "unexpected content after last section", "byte offset 0xe"},
      {wasm({memory_section(1), type_section()}), "unexpected content after last section", "byte offset 0xd"},
      {wasm({section(1, {0x00, 0x00})}), "section size mismatch", "byte offset 0x8"},
      {wasm({{0x01, 0x09, 0x00}}), "length out of bounds", "byte offset 0x9"},
      {wasm({section(3, {0x01, 0x00})}), "function and code section have inconsistent lengths", "byte offset 0xc"},
      {wasm({section(2, {0x01, 0x00, 0x00, 0x04})}), "malformed import kind", "byte offset 0xd"},
      {wasm({section(2, {0x01, 0x01, 0xFF, 0x00, 0x00, 0x00})}), "malformed UTF-8 encoding", "byte offset 0xb"},
      {wasm({section(6, {0x01, 0x7F, 0x02})}), "malformed mutability", "byte offset 0xc"},
      {wasm({section(5, {0x01, 0x02, 0x00})}), "integer too large", "byte offset 0xb"},
      {wasm({section(4, {0x01, 0x7F, 0x00, 0x00})}), "malformed reference type", "byte offset 0xb"},
      {wasm({section(1, {0x01, 0x61, 0x00, 0x00})}), "malformed function type", "byte offset 0xb"},
      {wasm({section(5, {0xFF, 0xFF, 0xFF, 0xFF, 0x0F})}), "unexpected end of section or function", "byte offset 0xa"},
  };
  for (const Case& c : cases) {
    auto m = decode_module(c.bytes);
    ASSERT_FALSE(m.ok()) << c.message;
    EXPECT_EQ(m.error().message, c.message);
    EXPECT_EQ(m.error().where, c.where) << c.message;
  }
}

TEST(BinaryDecode, IllegalOpcodeNamesItsOffset) {
  Bytes body = cat({op(Opcode::Nop), {0xFF}, op(Opcode::End)});
  auto m = decode_module(func_module(body, 0));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message.rfind("illegal opcode", 0), 0u);
  EXPECT_NE(m.error().where.find("byte offset 0x"), std::string::npos);
  // A prefixed code the table does not have.
  body = cat({{info(Opcode::MemoryCopy).prefix, 0x7F}, op(Opcode::End)});
  m = decode_module(func_module(body, 0));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message.rfind("illegal opcode", 0), 0u);
}

TEST(BinaryDecode, HostileCountsFailWithoutAllocating) {
  const Bytes br_table = cat({op(Opcode::I32Const), {0x00}, op(Opcode::BrTable), {0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, op(Opcode::End)});
  auto m = decode_module(func_module(br_table, 0));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "unexpected end of section or function");
  const Bytes select = cat({op(Opcode::SelectT), {0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, op(Opcode::End)});
  EXPECT_FALSE(decode_module(func_module(select, 0)).ok());
  EXPECT_FALSE(decode_module(wasm({section(11, {0xFF, 0xFF, 0xFF, 0x7F})})).ok());
}

TEST(BinaryDecode, CustomSectionsKeepTheirPlace) {
  const Bytes custom = section(0, {0x03, 'a', 'b', 'c', 0x01, 0x02});
  auto m = decode_module(wasm({custom, type_section(), custom, memory_section(1), section(0, {0x01, 'z'})}));
  ASSERT_TRUE(m.ok()) << m.error().str();
  ASSERT_EQ(m->customs.size(), 3u);
  EXPECT_EQ(m->customs[0].name, "abc");
  EXPECT_EQ(m->customs[0].after_section, 0);
  EXPECT_EQ(m->customs[0].bytes, (Bytes{0x01, 0x02}));
  EXPECT_EQ(m->customs[1].after_section, 1);
  EXPECT_EQ(m->customs[2].after_section, 5);
  EXPECT_TRUE(m->customs[2].bytes.empty());

  // A custom section whose name runs past its size.
  auto bad = decode_module(wasm({{0x00, 0x01, 0x05, 'a', 'b', 'c', 'd', 'e'}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind("unexpected end", 0), 0u);
}

TEST(BinaryDecode, NameSectionIsParsedAndAMalformedOneIgnored) {
  const Bytes names = cat({{0x04, 'n', 'a', 'm', 'e'},
                           {0x00, 0x04, 0x03, 'm', 'o', 'd'},                  // module name
                           {0x01, 0x05, 0x01, 0x00, 0x02, 'f', '0'},           // function names
                           {0x02, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, 'x'},    // local names
                           {0x06, 0x05, 0x01, 0x01, 0x02, 'm', '1'}});         // memory names
  auto m = decode_module(wasm({type_section(), section(3, {0x01, 0x00}), code_section(op(Opcode::End)), section(0, names)}));
  ASSERT_TRUE(m.ok()) << m.error().str();
  EXPECT_EQ(m->names.module, "mod");
  EXPECT_EQ(m->names.funcs.at(0), "f0");
  EXPECT_EQ(m->names.locals.at(0).at(0), "x");
  EXPECT_EQ(m->names.memories.at(1), "m1");

  // Truncated function-name subsection: the module still decodes, without names.
  const Bytes broken = cat({{0x04, 'n', 'a', 'm', 'e'}, {0x00, 0x04, 0x03, 'm', 'o', 'd'}, {0x01, 0x05, 0x01, 0x00, 0x09, 'f'}});
  auto k = decode_module(wasm({section(0, broken)}));
  ASSERT_TRUE(k.ok()) << k.error().str();
  EXPECT_TRUE(k->names.module.empty());
  EXPECT_EQ(k->customs.size(), 1u);
}

TEST(BinaryDecode, ConstantExpressionsAreDecodedNotJudged) {
  // A non-constant instruction in a global initializer decodes; validation rejects it later.
  const Bytes global = section(6, cat({{0x01, 0x7F, 0x00}, op(Opcode::I32Const), {0x01}, op(Opcode::I32Const), {0x02},
                                       op(Opcode::I32Add), op(Opcode::End)}));
  auto m = decode_module(wasm({global}));
  ASSERT_TRUE(m.ok()) << m.error().str();
  EXPECT_EQ(m->globals[0].init.size(), 4u);
  // A missing `end` runs into the next section's bytes: "illegal opcode", like the reference.
  const Bytes open = section(6, cat({{0x01, 0x7F, 0x00}, op(Opcode::I32Const), {0x00}}));
  auto bad = decode_module(wasm({open, section(10, {0x00})}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind("illegal opcode", 0), 0u);
}

}  // namespace
}  // namespace mnemo
