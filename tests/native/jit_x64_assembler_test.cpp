// tests/native/jit_x64_assembler_test.cpp: every instruction form of core/jit/x64/assembler.h,
// over every register (and for memory operands every base and the displacement sizes),
// disassembled by GNU objdump and compared with the instruction we meant, in objdump's Intel
// syntax. objdump is the independent judge: the expected text is built from register names, not
// from our encoder.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/jit/x64/assembler.h"

namespace mnemo::jit::x64 {
namespace {

const char* const kNames64[] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                 "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
const char* const kNames32[] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                 "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
const char* const kNames16[] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                                 "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
const char* const kNames8[] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                                "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
const char* const kConds[] = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

std::string name(W w, Reg r) { return (w == W::W64 ? kNames64 : kNames32)[int(r)]; }
std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}
std::string mem(Mem m, const char* size = nullptr) {
  std::string s = size ? std::string(size) + " PTR " : "";
  s += "[" + std::string(kNames64[int(m.base)]);
  if (m.indexed()) s += "+" + std::string(kNames64[int(m.index)]) + "*1";
  // objdump prints a displacement whenever the encoding has one: always for rbp and r13.
  const bool has_disp = m.disp != 0 || (int(m.base) & 7) == 5;
  if (has_disp) s += m.disp < 0 ? "-" + hex(uint64_t(-int64_t(m.disp))) : "+" + hex(uint64_t(m.disp));
  return s + "]";
}
std::string imm(W w, int64_t v) { return hex(w == W::W64 ? uint64_t(v) : uint64_t(uint32_t(v))); }

const Reg kAll[] = {Reg::rax, Reg::rcx, Reg::rdx, Reg::rbx, Reg::rsp, Reg::rbp, Reg::rsi, Reg::rdi,
                    Reg::r8,  Reg::r9,  Reg::r10, Reg::r11, Reg::r12, Reg::r13, Reg::r14, Reg::r15};
const int32_t kDisps[] = {0, 8, -8, 127, -128, 128, -129, 0x12345, -0x12345};

// Assembles the instructions one by one, each with the text objdump should print for it.
class Listing {
 public:
  template <typename F>
  void add(std::string expected, F emit) {
    emit(a_);
    expected_.push_back(std::move(expected));
  }
  Assembler& assembler() { return a_; }
  const Assembler& assembler() const { return a_; }
  const std::vector<std::string>& expected() const { return expected_; }

 private:
  Assembler a_;
  std::vector<std::string> expected_;
};

// objdump's instructions for `code`, one per line, operands after one space, no addresses.
std::vector<std::string> disassemble(const std::vector<uint8_t>& code, std::string& error) {
  // One file per test and process: ctest runs the tests of this file side by side.
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = ::testing::TempDir() + "mnemo_jit_x64_" + test->name() + "_" +
                           std::to_string(::getpid()) + ".bin";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(code.data()), std::streamsize(code.size()));
  const std::string command =
      "objdump -D -b binary -m i386:x86-64 -M intel --no-show-raw-insn '" + path + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::vector<std::string> out;
  if (!pipe) {
    error = "cannot run objdump";
    return out;
  }
  char line[512];
  bool in_code = false;
  while (std::fgets(line, sizeof line, pipe)) {
    std::string s(line);
    if (s.find("<.data>:") != std::string::npos) {
      in_code = true;
      continue;
    }
    const size_t colon = s.find(":\t");
    if (!in_code || colon == std::string::npos) continue;
    std::istringstream words(s.substr(colon + 2));
    std::string mnemonic, operands;
    words >> mnemonic;
    std::getline(words, operands);
    const size_t first = operands.find_first_not_of(" \t");
    operands = first == std::string::npos ? "" : operands.substr(first);
    while (!operands.empty() && (operands.back() == '\n' || operands.back() == ' ')) operands.pop_back();
    out.push_back(operands.empty() ? mnemonic : mnemonic + " " + operands);
  }
  if (pclose(pipe) != 0) error = "objdump failed";
  std::remove(path.c_str());
  return out;
}

void check(const Listing& listing) {
  std::string error;
  const std::vector<std::string> got = disassemble(listing.assembler().code(), error);
  if (error == "cannot run objdump" || (got.empty() && !error.empty())) GTEST_SKIP() << "objdump (binutils) is needed: " << error;
  ASSERT_EQ(got.size(), listing.expected().size()) << "objdump decoded a different number of instructions";
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], listing.expected()[i]) << "instruction " << i;
}

TEST(JitX64Assembler, RegisterToRegister) {
  Listing l;
  const std::pair<Alu, const char*> alus[] = {{Alu::add, "add"}, {Alu::or_, "or"},   {Alu::and_, "and"},
                                              {Alu::sub, "sub"}, {Alu::xor_, "xor"}, {Alu::cmp, "cmp"}};
  for (W w : {W::W32, W::W64})
    for (Reg d : kAll)
      for (Reg s : kAll) {
        l.add("mov " + name(w, d) + "," + name(w, s), [&](Assembler& a) { a.mov(w, d, s); });
        for (const auto& row : alus)
          l.add(std::string(row.second) + " " + name(w, d) + "," + name(w, s), [&](Assembler& a) { a.alu(row.first, w, d, s); });
        l.add("test " + name(w, d) + "," + name(w, s), [&](Assembler& a) { a.test(w, d, s); });
        l.add("imul " + name(w, d) + "," + name(w, s), [&](Assembler& a) { a.imul(w, d, s); });
        l.add("cmove " + name(w, d) + "," + name(w, s), [&](Assembler& a) { a.cmov(Cond::e, w, d, s); });
        l.add("popcnt " + name(w, d) + "," + name(w, s),
              [&](Assembler& a) { a.bit_count(BitCount::popcnt, w, d, s); });
        l.add("tzcnt " + name(w, d) + "," + name(w, s), [&](Assembler& a) { a.bit_count(BitCount::tzcnt, w, d, s); });
        l.add("lzcnt " + name(w, d) + "," + name(w, s), [&](Assembler& a) { a.bit_count(BitCount::lzcnt, w, d, s); });
      }
  for (Reg d : kAll)
    for (Reg s : kAll) {
      l.add("movsxd " + name(W::W64, d) + "," + name(W::W32, s), [&](Assembler& a) { a.movsxd(d, s); });
      for (W w : {W::W32, W::W64}) {
        l.add("movsx " + name(w, d) + "," + kNames8[int(s)], [&](Assembler& a) { a.movsx8(w, d, s); });
        l.add("movsx " + name(w, d) + "," + kNames16[int(s)], [&](Assembler& a) { a.movsx16(w, d, s); });
      }
      l.add("movzx " + name(W::W32, d) + "," + kNames8[int(s)], [&](Assembler& a) { a.movzx8(d, s); });
    }
  check(l);
}

TEST(JitX64Assembler, OneRegister) {
  Listing l;
  const std::pair<Unary, const char*> unaries[] = {
      {Unary::not_, "not"}, {Unary::neg, "neg"}, {Unary::mul, "mul"}, {Unary::div, "div"}, {Unary::idiv, "idiv"}};
  const std::pair<Shift, const char*> shifts[] = {
      {Shift::rol, "rol"}, {Shift::ror, "ror"}, {Shift::shl, "shl"}, {Shift::shr, "shr"}, {Shift::sar, "sar"}};
  for (W w : {W::W32, W::W64})
    for (Reg r : kAll) {
      for (const auto& row : unaries) l.add(std::string(row.second) + " " + name(w, r), [&](Assembler& a) { a.unary(row.first, w, r); });
      for (const auto& row : shifts) {
        l.add(std::string(row.second) + " " + name(w, r) + ",cl", [&](Assembler& a) { a.shift_cl(row.first, w, r); });
        l.add(std::string(row.second) + " " + name(w, r) + ",0x10", [&](Assembler& a) { a.shift_imm(row.first, w, r, 16); });
      }
    }
  for (Reg r : kAll) {
    l.add(std::string("push ") + kNames64[int(r)], [&](Assembler& a) { a.push(r); });
    l.add(std::string("pop ") + kNames64[int(r)], [&](Assembler& a) { a.pop(r); });
    l.add(std::string("call ") + kNames64[int(r)], [&](Assembler& a) { a.call(r); });
    l.add(std::string("jmp ") + kNames64[int(r)], [&](Assembler& a) { a.jmp(r); });
    for (int c = 0; c < 16; ++c)
      l.add(std::string("set") + kConds[c] + " " + kNames8[int(r)], [&](Assembler& a) { a.setcc(Cond(c), r); });
  }
  l.add("cdq", [](Assembler& a) { a.sign_extend_ax(W::W32); });
  l.add("cqo", [](Assembler& a) { a.sign_extend_ax(W::W64); });
  l.add("ret", [](Assembler& a) { a.ret(); });
  l.add("ud2", [](Assembler& a) { a.ud2(); });
  check(l);
}

TEST(JitX64Assembler, Immediates) {
  Listing l;
  const std::pair<Alu, const char*> alus[] = {{Alu::add, "add"}, {Alu::or_, "or"},   {Alu::and_, "and"},
                                              {Alu::sub, "sub"}, {Alu::xor_, "xor"}, {Alu::cmp, "cmp"}};
  const int32_t values[] = {0, 1, -1, 127, -128, 128, -129, INT32_MAX, INT32_MIN};
  for (W w : {W::W32, W::W64})
    for (Reg r : kAll)
      for (int32_t v : values)
        for (const auto& row : alus) {
          l.add(std::string(row.second) + " " + name(w, r) + "," + imm(w, v), [&](Assembler& a) { a.alu_imm(row.first, w, r, v); });
          l.add(std::string(row.second) + " " + name(w, r) + "," + imm(w, v), [&](Assembler& a) { a.alu_imm32(row.first, w, r, v); });
        }
  const uint64_t constants[] = {0, 5, 0xffffffffu, 0x100000000ull, 0xffffffffffffffffull, 0xffffffff80000000ull,
                                0x123456789abcdef0ull};
  for (Reg r : kAll) {
    for (uint64_t c : constants) {
      const bool fits32 = c <= 0xffffffffu;
      const bool sign_extends = int64_t(c) >= INT32_MIN && int64_t(c) < 0;
      const std::string text = fits32        ? "mov " + name(W::W32, r) + "," + hex(c)
                               : sign_extends ? "mov " + name(W::W64, r) + "," + hex(c)
                                              : "movabs " + name(W::W64, r) + "," + hex(c);
      l.add(text, [&](Assembler& a) { a.mov_imm(W::W64, r, c); });
    }
    l.add("mov " + name(W::W32, r) + ",0x7", [&](Assembler& a) { a.mov_imm(W::W32, r, 7); });
  }
  check(l);
}

TEST(JitX64Assembler, MemoryOperands) {
  Listing l;
  for (Reg base : kAll)
    for (int32_t d : kDisps) {
      const Mem m{base, d};
      for (Reg r : {Reg::rax, Reg::rdi, Reg::r9, Reg::r15, Reg::rsi}) {
        for (W w : {W::W32, W::W64}) {
          l.add("mov " + name(w, r) + "," + mem(m, w == W::W64 ? "QWORD" : "DWORD"), [&](Assembler& a) { a.mov(w, r, m); });
          l.add("mov " + mem(m, w == W::W64 ? "QWORD" : "DWORD") + "," + name(w, r), [&](Assembler& a) { a.mov(w, m, r); });
          l.add("lea " + name(w, r) + "," + mem(m), [&](Assembler& a) { a.lea(w, r, m); });
          l.add("add " + name(w, r) + "," + mem(m, w == W::W64 ? "QWORD" : "DWORD"),
                [&](Assembler& a) { a.alu(Alu::add, w, r, m); });
          l.add("cmp " + name(w, r) + "," + mem(m, w == W::W64 ? "QWORD" : "DWORD"),
                [&](Assembler& a) { a.alu(Alu::cmp, w, r, m); });
          l.add("movsx " + name(w, r) + "," + mem(m, "BYTE"), [&](Assembler& a) { a.load_sx8(w, r, m); });
          l.add("movsx " + name(w, r) + "," + mem(m, "WORD"), [&](Assembler& a) { a.load_sx16(w, r, m); });
        }
        l.add("mov " + mem(m, "BYTE") + "," + kNames8[int(r)], [&](Assembler& a) { a.store8(m, r); });
        l.add("mov " + mem(m, "WORD") + "," + kNames16[int(r)], [&](Assembler& a) { a.store16(m, r); });
        l.add("movzx " + name(W::W32, r) + "," + mem(m, "BYTE"), [&](Assembler& a) { a.load_zx8(r, m); });
        l.add("movzx " + name(W::W32, r) + "," + mem(m, "WORD"), [&](Assembler& a) { a.load_zx16(r, m); });
        l.add("movsxd " + name(W::W64, r) + "," + mem(m, "DWORD"), [&](Assembler& a) { a.load_sx32(r, m); });
      }
      l.add("call " + mem(m, "QWORD"), [&](Assembler& a) { a.call(m); });
      l.add("jmp " + mem(m, "QWORD"), [&](Assembler& a) { a.jmp(m); });
      l.add("mov " + mem(m, "DWORD") + ",0xfffffffe", [&](Assembler& a) { a.mov_imm(W::W32, m, -2); });
      l.add("mov " + mem(m, "BYTE") + ",0xfe", [&](Assembler& a) { a.store8_imm(m, 0xfe); });
      l.add("sub " + mem(m, "DWORD") + ",0x1", [&](Assembler& a) { a.alu_imm(Alu::sub, W::W32, m, 1); });
      l.add("add " + mem(m, "QWORD") + ",0x12345", [&](Assembler& a) { a.alu_imm(Alu::add, W::W64, m, 0x12345); });
      l.add("mov " + mem(m, "WORD") + ",0xfedc", [&](Assembler& a) { a.store16_imm(m, 0xfedc); });
      l.add("mov " + mem(m, "QWORD") + ",0xfffffffffffffffe", [&](Assembler& a) { a.mov_imm(W::W64, m, -2); });
    }
  check(l);
}

// [base + index + disp]: every base with every index register (rsp cannot be one) and the
// displacement sizes, through the shared ModRM/SIB encoder (a load, a store, a byte store that
// needs REX for sil/dil, and an SSE load).
TEST(JitX64Assembler, IndexedMemoryOperands) {
  Listing l;
  for (Reg base : kAll)
    for (Reg index : kAll) {
      if (index == Reg::rsp) continue;
      for (int32_t d : {0, 8, -128, 0x12345}) {
        const Mem m{base, d, index};
        for (Reg r : {Reg::rax, Reg::rsi, Reg::r9, Reg::r15}) {
          l.add("mov " + name(W::W32, r) + "," + mem(m, "DWORD"), [&](Assembler& a) { a.mov(W::W32, r, m); });
          l.add("mov " + mem(m, "QWORD") + "," + name(W::W64, r), [&](Assembler& a) { a.mov(W::W64, m, r); });
          l.add("mov " + mem(m, "BYTE") + "," + kNames8[int(r)], [&](Assembler& a) { a.store8(m, r); });
        }
        l.add("movsd xmm13," + mem(m, "QWORD"), [&](Assembler& a) { a.movs(Fp::F64, Xmm::xmm13, m); });
      }
    }
  check(l);
}

TEST(JitX64Assembler, ScalarSse) {
  Listing l;
  auto x = [](int i) { return "xmm" + std::to_string(i); };
  const std::pair<Sse, const char*> ops[] = {{Sse::sqrt, "sqrt"}, {Sse::add, "add"}, {Sse::mul, "mul"},
                                             {Sse::sub, "sub"},   {Sse::min, "min"}, {Sse::div, "div"},
                                             {Sse::max, "max"}};
  for (Fp fp : {Fp::F32, Fp::F64}) {
    const std::string sfx = fp == Fp::F32 ? "ss" : "sd";
    const char* size = fp == Fp::F32 ? "DWORD" : "QWORD";
    for (int d = 0; d < 16; ++d)
      for (int s = 0; s < 16; ++s) {
        for (const auto& row : ops)
          l.add(std::string(row.second) + sfx + " " + x(d) + "," + x(s), [&](Assembler& a) { a.sse(row.first, fp, Xmm(d), Xmm(s)); });
        l.add(std::string("ucomis") + (fp == Fp::F32 ? "s" : "d") + " " + x(d) + "," + x(s),
              [&](Assembler& a) { a.ucomis(fp, Xmm(d), Xmm(s)); });
        l.add(std::string("round") + sfx + " " + x(d) + "," + x(s) + ",0x3",
              [&](Assembler& a) { a.round(fp, Xmm(d), Xmm(s), 3); });
        if (fp == Fp::F32) l.add("movaps " + x(d) + "," + x(s), [&](Assembler& a) { a.movaps(Xmm(d), Xmm(s)); });
        l.add(std::string(fp == Fp::F32 ? "cvtss2sd " : "cvtsd2ss ") + x(d) + "," + x(s),
              [&](Assembler& a) { a.cvt_fp(fp, Xmm(d), Xmm(s)); });
      }
    for (int i = 0; i < 16; ++i)
      for (Reg r : kAll) {
        for (W w : {W::W32, W::W64}) {
          l.add("cvtsi2" + sfx + " " + x(i) + "," + name(w, r), [&](Assembler& a) { a.cvt_from_int(fp, w, Xmm(i), r); });
          l.add("cvtt" + sfx + "2si " + name(w, r) + "," + x(i), [&](Assembler& a) { a.cvt_to_int(fp, w, r, Xmm(i)); });
        }
      }
    for (Reg base : kAll)
      for (int32_t d : kDisps)
        for (int i : {0, 1, 9, 15}) {
          const Mem m{base, d};
          l.add("mov" + sfx + " " + x(i) + "," + mem(m, size), [&](Assembler& a) { a.movs(fp, Xmm(i), m); });
          l.add("mov" + sfx + " " + mem(m, size) + "," + x(i), [&](Assembler& a) { a.movs(fp, m, Xmm(i)); });
          l.add("add" + sfx + " " + x(i) + "," + mem(m, size), [&](Assembler& a) { a.sse(Sse::add, fp, Xmm(i), m); });
        }
  }
  const std::pair<Bitwise, const char*> bits[] = {{Bitwise::and_, "andps"}, {Bitwise::or_, "orps"}, {Bitwise::xor_, "xorps"}};
  for (int d = 0; d < 16; ++d)
    for (int s = 0; s < 16; ++s)
      for (const auto& row : bits)
        l.add(std::string(row.second) + " " + x(d) + "," + x(s), [&](Assembler& a) { a.bitwise(row.first, Xmm(d), Xmm(s)); });
  for (int i = 0; i < 16; ++i)
    for (Reg r : kAll) {
      l.add("movd " + x(i) + "," + name(W::W32, r), [&](Assembler& a) { a.mov_to_xmm(W::W32, Xmm(i), r); });
      l.add("movq " + x(i) + "," + name(W::W64, r), [&](Assembler& a) { a.mov_to_xmm(W::W64, Xmm(i), r); });
      l.add("movd " + name(W::W32, r) + "," + x(i), [&](Assembler& a) { a.mov_from_xmm(W::W32, r, Xmm(i)); });
      l.add("movq " + name(W::W64, r) + "," + x(i), [&](Assembler& a) { a.mov_from_xmm(W::W64, r, Xmm(i)); });
    }
  check(l);
}

// The packed SSE block (assembler_simd.cpp): every form between every pair of registers, and
// each memory form over every base and displacement size.
using P = Assembler::Packed;
const std::pair<P, const char*> kPacked[] = {
    {P::punpcklbw, "punpcklbw"}, {P::punpcklwd, "punpcklwd"}, {P::punpckldq, "punpckldq"},
    {P::packsswb, "packsswb"},   {P::pcmpgtb, "pcmpgtb"},     {P::pcmpgtw, "pcmpgtw"},
    {P::pcmpgtd, "pcmpgtd"},     {P::packuswb, "packuswb"},   {P::punpckhbw, "punpckhbw"},
    {P::punpckhwd, "punpckhwd"}, {P::punpckhdq, "punpckhdq"}, {P::packssdw, "packssdw"},
    {P::punpcklqdq, "punpcklqdq"}, {P::punpckhqdq, "punpckhqdq"}, {P::movdqa, "movdqa"},
    {P::pcmpeqb, "pcmpeqb"},     {P::pcmpeqw, "pcmpeqw"},     {P::pcmpeqd, "pcmpeqd"},
    {P::psrlw, "psrlw"},         {P::psrld, "psrld"},         {P::psrlq, "psrlq"},
    {P::paddq, "paddq"},         {P::pmullw, "pmullw"},       {P::psubusb, "psubusb"},
    {P::psubusw, "psubusw"},     {P::pminub, "pminub"},       {P::pand, "pand"},
    {P::paddusb, "paddusb"},     {P::paddusw, "paddusw"},     {P::pmaxub, "pmaxub"},
    {P::pandn, "pandn"},         {P::pavgb, "pavgb"},         {P::psraw, "psraw"},
    {P::psrad, "psrad"},         {P::pavgw, "pavgw"},         {P::pmulhuw, "pmulhuw"},
    {P::pmulhw, "pmulhw"},       {P::psubsb, "psubsb"},       {P::psubsw, "psubsw"},
    {P::pminsw, "pminsw"},       {P::por, "por"},             {P::paddsb, "paddsb"},
    {P::paddsw, "paddsw"},       {P::pmaxsw, "pmaxsw"},       {P::pxor, "pxor"},
    {P::psllw, "psllw"},         {P::pslld, "pslld"},         {P::psllq, "psllq"},
    {P::pmuludq, "pmuludq"},     {P::pmaddwd, "pmaddwd"},     {P::psubb, "psubb"},
    {P::psubw, "psubw"},         {P::psubd, "psubd"},         {P::psubq, "psubq"},
    {P::paddb, "paddb"},         {P::paddw, "paddw"},         {P::paddd, "paddd"},
    {P::pshufb, "pshufb"},       {P::pmaddubsw, "pmaddubsw"}, {P::pmulhrsw, "pmulhrsw"},
    {P::pabsb, "pabsb"},         {P::pabsw, "pabsw"},         {P::pabsd, "pabsd"},
    {P::pblendvb, "pblendvb"},   {P::ptest, "ptest"},         {P::pmovsxbw, "pmovsxbw"},
    {P::pmovsxwd, "pmovsxwd"},   {P::pmovsxdq, "pmovsxdq"},   {P::pmuldq, "pmuldq"},
    {P::pcmpeqq, "pcmpeqq"},     {P::packusdw, "packusdw"},   {P::pmovzxbw, "pmovzxbw"},
    {P::pmovzxwd, "pmovzxwd"},   {P::pmovzxdq, "pmovzxdq"},   {P::pminsb, "pminsb"},
    {P::pminsd, "pminsd"},       {P::pminuw, "pminuw"},       {P::pminud, "pminud"},
    {P::pmaxsb, "pmaxsb"},       {P::pmaxsd, "pmaxsd"},       {P::pmaxuw, "pmaxuw"},
    {P::pmaxud, "pmaxud"},       {P::pmulld, "pmulld"},
    {P::sqrtps, "sqrtps"},       {P::andps, "andps"},         {P::andnps, "andnps"},
    {P::orps, "orps"},           {P::xorps, "xorps"},         {P::addps, "addps"},
    {P::mulps, "mulps"},         {P::cvtps2pd, "cvtps2pd"},   {P::cvtdq2ps, "cvtdq2ps"},
    {P::subps, "subps"},         {P::minps, "minps"},         {P::divps, "divps"},
    {P::maxps, "maxps"},         {P::sqrtpd, "sqrtpd"},       {P::andpd, "andpd"},
    {P::andnpd, "andnpd"},       {P::orpd, "orpd"},           {P::xorpd, "xorpd"},
    {P::addpd, "addpd"},         {P::mulpd, "mulpd"},         {P::cvtpd2ps, "cvtpd2ps"},
    {P::subpd, "subpd"},         {P::minpd, "minpd"},         {P::divpd, "divpd"},
    {P::maxpd, "maxpd"},         {P::cvttps2dq, "cvttps2dq"}, {P::cvttpd2dq, "cvttpd2dq"},
    {P::cvtdq2pd, "cvtdq2pd"},
};
// The size objdump names for a packed form's memory operand: the widening loads and conversions
// read 64 bits, everything else 128.
const char* packed_mem_size(P op) {
  switch (op) {
    case P::pmovsxbw: case P::pmovsxwd: case P::pmovsxdq: case P::pmovzxbw: case P::pmovzxwd:
    case P::pmovzxdq: case P::cvtps2pd: case P::cvtdq2pd: return "QWORD";
    default: return "XMMWORD";
  }
}
using PI = Assembler::PackedImm;
const std::pair<PI, const char*> kPackedImm[] = {
    {PI::pshufd, "pshufd"}, {PI::pshufhw, "pshufhw"}, {PI::pshuflw, "pshuflw"}, {PI::cmpps, "cmpps"},
    {PI::cmppd, "cmppd"},   {PI::shufps, "shufps"},   {PI::roundps, "roundps"}, {PI::roundpd, "roundpd"},
    {PI::pblendw, "pblendw"}, {PI::palignr, "palignr"},
};
std::string xmm(int i) { return "xmm" + std::to_string(i); }
// objdump spells cmpps / cmppd with predicates 0-7 as cmpeqps, cmpltps, ... (Intel SDM, CMPPS).
std::string packed_imm_text(PI op, const char* name, uint8_t imm) {
  static const char* const kPredicates[] = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};
  if ((op == PI::cmpps || op == PI::cmppd) && imm < 8)
    return std::string("cmp") + kPredicates[imm] + (op == PI::cmpps ? "ps" : "pd");
  return name;
}
// pblendvb's mask is xmm0: objdump names it as a third operand.
std::string packed_text(P op, const char* name, const std::string& dst, const std::string& src) {
  return std::string(name) + " " + dst + "," + src + (op == P::pblendvb ? ",xmm0" : "");
}

TEST(JitX64Assembler, PackedRegisterForms) {
  Listing l;
  for (int d = 0; d < 16; ++d)
    for (int s = 0; s < 16; ++s) {
      for (const auto& row : kPacked)
        l.add(packed_text(row.first, row.second, xmm(d), xmm(s)), [&](Assembler& a) { a.packed(row.first, Xmm(d), Xmm(s)); });
      for (const auto& row : kPackedImm)
        for (uint8_t imm : {uint8_t(0), uint8_t(3), uint8_t(7), uint8_t(0xf5)})
          l.add(packed_imm_text(row.first, row.second, imm) + " " + xmm(d) + "," + xmm(s) +
                    ((row.first == PI::cmpps || row.first == PI::cmppd) && imm < 8 ? "" : "," + hex(imm)),
                [&](Assembler& a) { a.packed(row.first, Xmm(d), Xmm(s), imm); });
      l.add("movq " + xmm(d) + "," + xmm(s), [&](Assembler& a) { a.movq(Xmm(d), Xmm(s)); });
    }
  check(l);
}

TEST(JitX64Assembler, PackedShiftsMasksAndLanes) {
  Listing l;
  using PS = Assembler::PackedShift;
  const std::pair<PS, const char*> shifts[] = {
      {PS::psrlw, "psrlw"}, {PS::psraw, "psraw"}, {PS::psllw, "psllw"}, {PS::psrld, "psrld"},
      {PS::psrad, "psrad"}, {PS::pslld, "pslld"}, {PS::psrlq, "psrlq"}, {PS::psrldq, "psrldq"},
      {PS::psllq, "psllq"}, {PS::pslldq, "pslldq"}};
  using MM = Assembler::MoveMask;
  const std::pair<MM, const char*> masks[] = {{MM::pmovmskb, "pmovmskb"}, {MM::movmskps, "movmskps"}, {MM::movmskpd, "movmskpd"}};
  using LW = Assembler::LaneW;
  for (int x = 0; x < 16; ++x) {
    for (const auto& row : shifts)
      for (uint8_t c : {uint8_t(1), uint8_t(8), uint8_t(31), uint8_t(63)})
        l.add(std::string(row.second) + " " + xmm(x) + "," + hex(c), [&](Assembler& a) { a.packed_shift(row.first, Xmm(x), c); });
    for (Reg r : kAll) {
      for (const auto& row : masks)
        l.add(std::string(row.second) + " " + name(W::W32, r) + "," + xmm(x), [&](Assembler& a) { a.move_mask(row.first, r, Xmm(x)); });
      for (uint8_t lane : {uint8_t(0), uint8_t(1), uint8_t(7), uint8_t(15)}) {
        const std::string n = hex(lane);
        l.add("pinsrb " + xmm(x) + "," + name(W::W32, r) + "," + n, [&](Assembler& a) { a.pinsr(LW::B, Xmm(x), r, lane); });
        l.add("pinsrw " + xmm(x) + "," + name(W::W32, r) + "," + n, [&](Assembler& a) { a.pinsr(LW::W, Xmm(x), r, lane); });
        l.add("pinsrd " + xmm(x) + "," + name(W::W32, r) + "," + n, [&](Assembler& a) { a.pinsr(LW::D, Xmm(x), r, lane); });
        l.add("pinsrq " + xmm(x) + "," + name(W::W64, r) + "," + n, [&](Assembler& a) { a.pinsr(LW::Q, Xmm(x), r, lane); });
        l.add("pextrb " + name(W::W32, r) + "," + xmm(x) + "," + n, [&](Assembler& a) { a.pextr(LW::B, r, Xmm(x), lane); });
        l.add("pextrw " + name(W::W32, r) + "," + xmm(x) + "," + n, [&](Assembler& a) { a.pextr(LW::W, r, Xmm(x), lane); });
        l.add("pextrd " + name(W::W32, r) + "," + xmm(x) + "," + n, [&](Assembler& a) { a.pextr(LW::D, r, Xmm(x), lane); });
        l.add("pextrq " + name(W::W64, r) + "," + xmm(x) + "," + n, [&](Assembler& a) { a.pextr(LW::Q, r, Xmm(x), lane); });
      }
    }
  }
  check(l);
}

TEST(JitX64Assembler, PackedMemoryOperands) {
  Listing l;
  using LW = Assembler::LaneW;
  for (Reg base : kAll)
    for (int32_t d : kDisps)
      for (int x : {0, 3, 8, 15}) {
        const Mem m{base, d};
        for (const auto& row : kPacked)
          l.add(packed_text(row.first, row.second, xmm(x), mem(m, packed_mem_size(row.first))),
                [&](Assembler& a) { a.packed(row.first, Xmm(x), m); });
        for (const auto& row : kPackedImm)
          l.add(std::string(row.second) + " " + xmm(x) + "," + mem(m, "XMMWORD") + ",0x1b",
                [&](Assembler& a) { a.packed(row.first, Xmm(x), m, 0x1b); });
        l.add("movdqu " + xmm(x) + "," + mem(m, "XMMWORD"), [&](Assembler& a) { a.movdqu(Xmm(x), m); });
        l.add("movdqu " + mem(m, "XMMWORD") + "," + xmm(x), [&](Assembler& a) { a.movdqu(m, Xmm(x)); });
        l.add("movd " + xmm(x) + "," + mem(m, "DWORD"), [&](Assembler& a) { a.movd(Xmm(x), m); });
        l.add("movq " + xmm(x) + "," + mem(m, "QWORD"), [&](Assembler& a) { a.movq(Xmm(x), m); });
        l.add("movq " + mem(m, "QWORD") + "," + xmm(x), [&](Assembler& a) { a.movq(m, Xmm(x)); });
        const std::pair<LW, const char*> widths[] = {{LW::B, "BYTE"}, {LW::W, "WORD"}, {LW::D, "DWORD"}, {LW::Q, "QWORD"}};
        for (const auto& w : widths) {
          const std::string sfx(1, "bwdq"[int(w.first)]);
          l.add("pinsr" + sfx + " " + xmm(x) + "," + mem(m, w.second) + ",0x1",
                [&](Assembler& a) { a.pinsr(w.first, Xmm(x), m, 1); });
          l.add("pextr" + sfx + " " + mem(m, w.second) + "," + xmm(x) + ",0x1",
                [&](Assembler& a) { a.pextr(w.first, m, Xmm(x), 1); });
        }
      }
  check(l);
}

TEST(JitX64Assembler, JumpsReachTheirLabels) {
  Listing l;
  Label back, ahead;
  l.assembler().bind(back);  // offset 0
  for (int c = 0; c < 16; ++c)  // each jcc rel32 is 6 bytes
    l.add(std::string("j") + kConds[c] + " 0x0", [&](Assembler& a) { a.jcc(Cond(c), back); });
  l.add("jmp 0x0", [&](Assembler& a) { a.jmp(back); });  // 5 bytes, at 96
  const uint32_t ahead_at = 16 * 6 + 5 + 6 + 5;  // after the two forward jumps below
  l.add("je " + hex(ahead_at), [&](Assembler& a) { a.jcc(Cond::e, ahead); });
  l.add("jmp " + hex(ahead_at), [&](Assembler& a) { a.jmp(ahead); });
  l.assembler().bind(ahead);
  l.add("ret", [](Assembler& a) { a.ret(); });
  EXPECT_EQ(uint32_t(ahead.at), ahead_at);
  // A call patched afterwards, as the engine links calls between functions of one block.
  l.add("call 0x0", [](Assembler& a) {
    const uint32_t field = a.call_rel32();
    a.patch32(field, uint32_t(-int32_t(field + 4)));
  });
  check(l);
}

}  // namespace
}  // namespace mnemo::jit::x64
