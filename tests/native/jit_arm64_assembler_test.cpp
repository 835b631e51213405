// tests/native/jit_arm64_assembler_test.cpp: every instruction form of core/jit/arm64/assembler.h
// over every register (sp and zr included, in the fields that can hold them and refused in those
// that cannot), both widths, and boundary immediates and offsets, disassembled by GNU objdump for
// AArch64 and compared with the instruction we meant. objdump is the independent judge: the
// expected text is built from register names, numbers and the Arm ARM's definitions (of the
// aliases objdump prefers too), never from our encoder. What the assembler must refuse shows as
// its placeholder, `udf #57005` (0xdead).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/jit/arm64/assembler.h"

namespace mnemo::jit::arm64 {
namespace {

const std::string kRefused = "udf #57005";
const char* const kConds[] = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
                              "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
const char* const kShifts[] = {"lsl", "lsr", "asr", "ror"};
const char* const kExtends[] = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

unsigned bits(W w) { return w == W::W64 ? 64 : 32; }
uint64_t mask(W w) { return w == W::W64 ? ~uint64_t(0) : 0xffffffffu; }
std::string name(W w, Reg r) {
  if (r == Reg::sp) return w == W::W64 ? "sp" : "wsp";
  if (r == Reg::zr) return w == W::W64 ? "xzr" : "wzr";
  return (w == W::W64 ? "x" : "w") + std::to_string(int(r));
}
std::string x(Reg r) { return name(W::W64, r); }
std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}
std::string num(int64_t v) { return "#" + std::to_string(v); }

std::vector<Reg> all_regs() {
  std::vector<Reg> out;
  for (int i = 0; i <= int(Reg::sp); ++i) out.push_back(Reg(i));
  return out;
}
const std::vector<Reg> kAll = all_regs();
// The registers whose numbers sit at the edges of the field, and the two meanings of 31.
const Reg kEdge[] = {Reg::x0, Reg::x1, Reg::x15, Reg::x16, Reg::x30, Reg::zr, Reg::sp};

// Operand triples: every combination of the edge registers, and each position over all 33
// registers with the others at two fixed choices.
std::vector<std::array<Reg, 3>> triples() {
  std::vector<std::array<Reg, 3>> out;
  for (Reg a : kEdge)
    for (Reg b : kEdge)
      for (Reg c : kEdge) out.push_back({a, b, c});
  for (Reg r : kAll) {
    out.push_back({r, Reg::x2, Reg::x3});
    out.push_back({Reg::x4, r, Reg::x5});
    out.push_back({Reg::x6, Reg::x7, r});
    out.push_back({r, Reg::zr, Reg::sp});
    out.push_back({Reg::sp, r, Reg::zr});
    out.push_back({Reg::zr, Reg::sp, r});
  }
  return out;
}
std::vector<std::array<Reg, 2>> pairs() {
  std::vector<std::array<Reg, 2>> out;
  for (Reg a : kAll)
    for (Reg b : kAll) out.push_back({a, b});
  return out;
}

// Assembles the instructions one by one, each with the text objdump should print for it.
class Listing {
 public:
  template <typename F>
  void add(std::string expected, F emit) {
    const uint32_t before = a_.size();
    emit(a_);
    ASSERT_EQ(a_.size(), before + 4) << "one instruction expected for: " << expected;
    refusals_ += expected == kRefused;
    expected_.push_back(std::move(expected));
  }
  // Instructions checked otherwise (by the caller), as long as objdump decodes them.
  void expect_any(size_t count) {
    for (size_t i = 0; i < count; ++i) expected_.push_back("");
  }
  Assembler& assembler() { return a_; }
  const Assembler& assembler() const { return a_; }
  const std::vector<std::string>& expected() const { return expected_; }
  size_t refusals() const { return refusals_; }

 private:
  Assembler a_;
  std::vector<std::string> expected_;
  size_t refusals_ = 0;
};

// ---- objdump --------------------------------------------------------------------------------

// The disassembler: Debian's cross binutils, or on an AArch64 machine its own objdump.
std::vector<std::string> run_objdump(const std::string& tool, const std::vector<uint8_t>& code, std::string& error) {
  // One file per test and process: ctest runs the tests of this file side by side.
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = ::testing::TempDir() + "mnemo_jit_arm64_" + (test ? test->name() : "probe") + "_" +
                           std::to_string(::getpid()) + ".bin";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(code.data()), std::streamsize(code.size()));
  const std::string command = tool + " -D -b binary -m aarch64 --no-show-raw-insn '" + path + "' 2>&1";
  std::vector<std::string> out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    error = "cannot start a shell for " + tool;
    std::remove(path.c_str());
    return out;
  }
  char line[512];
  bool in_code = false;
  std::string all;
  while (std::fgets(line, sizeof line, pipe)) {
    std::string s(line);
    if (all.size() < 2000) all += s;
    if (s.find("<.data>:") != std::string::npos) {
      in_code = true;
      continue;
    }
    const size_t colon = s.find(":\t");
    if (!in_code || colon == std::string::npos) continue;
    s = s.substr(colon + 2);
    const size_t comment = s.find("//");  // objdump's notes: "// #-1", "// b.none"
    if (comment != std::string::npos) s.resize(comment);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
    const size_t tab = s.find('\t');
    if (tab != std::string::npos) s[tab] = ' ';
    out.push_back(s);
  }
  if (pclose(pipe) != 0) error = tool + " failed: " + all;
  std::remove(path.c_str());
  return out;
}

// The tool that decodes a nop as one, or empty with the reason in `why`.
std::string find_objdump(std::string& why) {
  static std::string found, reason;
  static bool looked = false;
  if (!looked) {
    looked = true;
    const std::vector<uint8_t> nop = {0x1f, 0x20, 0x03, 0xd5};
    std::vector<std::string> tools = {"aarch64-linux-gnu-objdump"};
#if defined(__aarch64__)
    tools.push_back("objdump");
#endif
    for (const std::string& tool : tools) {
      std::string error;
      const std::vector<std::string> got = run_objdump(tool, nop, error);
      if (error.empty() && got.size() == 1 && got[0] == "nop") {
        found = tool;
        break;
      }
      reason += tool + ": " + (error.empty() ? "did not decode a nop" : error) + "\n";
    }
  }
  why = reason;
  return found;
}

void check(const Listing& listing) {
  std::string why;
  const std::string tool = find_objdump(why);
  if (tool.empty()) {
#if defined(__aarch64__)
    // Under qemu-aarch64 (the arm64 cross preset) the host's objdump is started through popen;
    // where the emulated process cannot start it, this check is skipped, and the native build runs it.
    GTEST_SKIP() << "no AArch64 objdump can be started from this (possibly emulated) process:\n" << why;
#else
    FAIL() << "aarch64-linux-gnu-objdump is needed (Debian binutils-aarch64-linux-gnu; scripts/setup.sh installs it):\n"
           << why;
#endif
  }
  std::string error;
  const std::vector<std::string> got = run_objdump(tool, listing.assembler().code(), error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(got.size(), listing.expected().size()) << "objdump decoded a different number of instructions";
  for (size_t i = 0; i < got.size(); ++i)
    if (!listing.expected()[i].empty()) {
      EXPECT_EQ(got[i], listing.expected()[i]) << "instruction " << i << " at " << hex(4 * i);
    }
  // Exactly the refused instructions report an error.
  EXPECT_EQ(listing.assembler().failed(), listing.refusals() > 0) << listing.assembler().error();
}

std::string shift_suffix(Shift s, unsigned amount) {
  if (s == Shift::lsl && amount == 0) return "";
  return std::string(", ") + kShifts[int(s)] + " #" + std::to_string(amount);
}

// ---- integer data processing ----------------------------------------------------------------

const std::pair<AddSub, const char*> kAddSubs[] = {
    {AddSub::add, "add"}, {AddSub::adds, "adds"}, {AddSub::sub, "sub"}, {AddSub::subs, "subs"}};

// Shifted register; with sp as destination or first source, the extended form (lsl #0..4).
std::string add_sub_text(AddSub op, W w, Reg d, Reg n, Reg m, Shift sh, unsigned amount) {
  const bool flags = uint8_t(op) & 1, sub = uint8_t(op) & 2;
  const char* mnemonic = kAddSubs[int(op)].second;
  if (d == Reg::sp || n == Reg::sp) {
    if (m == Reg::sp || n == Reg::zr || (flags && d == Reg::sp) || (!flags && d == Reg::zr)) return kRefused;
    if (sh != Shift::lsl || amount > 4) return kRefused;
    const std::string tail = name(w, m) + (amount ? ", lsl #" + std::to_string(amount) : "");
    if (flags && d == Reg::zr) return std::string(sub ? "cmp " : "cmn ") + name(w, n) + ", " + tail;
    return std::string(mnemonic) + " " + name(w, d) + ", " + name(w, n) + ", " + tail;
  }
  if (m == Reg::sp || sh == Shift::ror || amount >= bits(w)) return kRefused;
  const std::string tail = name(w, m) + shift_suffix(sh, amount);
  if (flags && d == Reg::zr) return std::string(sub ? "cmp " : "cmn ") + name(w, n) + ", " + tail;
  if (sub && n == Reg::zr) return std::string(flags ? "negs " : "neg ") + name(w, d) + ", " + tail;
  return std::string(mnemonic) + " " + name(w, d) + ", " + name(w, n) + ", " + tail;
}

TEST(JitArm64Assembler, AddSubRegister) {
  Listing l;
  const std::pair<Shift, unsigned> shifts[] = {{Shift::lsl, 0}, {Shift::lsl, 3}, {Shift::lsr, 0}, {Shift::asr, 31},
                                               {Shift::lsl, 4}, {Shift::ror, 1}, {Shift::lsr, 63}, {Shift::asr, 64}};
  for (W w : {W::W32, W::W64})
    for (const auto& t : triples())
      for (const auto& op : kAddSubs)
        for (const auto& s : shifts) {
          if (t[0] != Reg::x0 && t[0] != Reg::sp && t[0] != Reg::zr && s.second != 0 && s.second != 3) continue;  // fewer
          l.add(add_sub_text(op.first, w, t[0], t[1], t[2], s.first, s.second),
                [&](Assembler& a) { a.add_sub(op.first, w, t[0], t[1], t[2], s.first, uint8_t(s.second)); });
        }
  // The named forms.
  l.add("add x0, x1, x2", [](Assembler& a) { a.add(W::W64, Reg::x0, Reg::x1, Reg::x2); });
  l.add("subs w3, w4, w5, lsr #2", [](Assembler& a) { a.subs(W::W32, Reg::x3, Reg::x4, Reg::x5, Shift::lsr, 2); });
  l.add("cmp x9, x10", [](Assembler& a) { a.cmp(W::W64, Reg::x9, Reg::x10); });
  l.add("cmp sp, x10", [](Assembler& a) { a.cmp(W::W64, Reg::sp, Reg::x10); });
  l.add("cmn w9, w10, asr #7", [](Assembler& a) { a.cmn(W::W32, Reg::x9, Reg::x10, Shift::asr, 7); });
  l.add("neg x1, x2", [](Assembler& a) { a.neg(W::W64, Reg::x1, Reg::x2); });
  l.add("negs w1, w2", [](Assembler& a) { a.negs(W::W32, Reg::x1, Reg::x2); });
  l.add("add sp, sp, x16", [](Assembler& a) { a.add(W::W64, Reg::sp, Reg::sp, Reg::x16); });
  check(l);
}

std::string add_sub_extended_text(AddSub op, W w, Reg d, Reg n, Reg m, Extend e, unsigned amount) {
  const bool flags = uint8_t(op) & 1, sub = uint8_t(op) & 2;
  if (n == Reg::zr || m == Reg::sp || (flags ? d == Reg::sp : d == Reg::zr) || amount > 4) return kRefused;
  const bool x_index = w == W::W64 && (e == Extend::uxtx || e == Extend::sxtx);
  std::string tail = name(x_index ? W::W64 : W::W32, m);
  // With sp, the extend that is the register's own width is shown as lsl (omitted at #0).
  const bool as_lsl = (d == Reg::sp || n == Reg::sp) && e == (w == W::W64 ? Extend::uxtx : Extend::uxtw);
  if (as_lsl) tail += amount ? ", lsl #" + std::to_string(amount) : "";
  else tail += std::string(", ") + kExtends[int(e)] + (amount ? " #" + std::to_string(amount) : "");
  if (flags && d == Reg::zr) return std::string(sub ? "cmp " : "cmn ") + name(w, n) + ", " + tail;
  return std::string(kAddSubs[int(op)].second) + " " + name(w, d) + ", " + name(w, n) + ", " + tail;
}

TEST(JitArm64Assembler, AddSubExtended) {
  Listing l;
  for (W w : {W::W32, W::W64})
    for (const auto& t : triples())
      for (const auto& op : kAddSubs)
        for (int e = 0; e < 8; ++e)
          for (unsigned amount : {0u, 2u, 4u, 5u}) {
            if (t[1] != Reg::sp && t[1] != Reg::x1 && e != 2 && e != 3) continue;  // fewer
            l.add(add_sub_extended_text(op.first, w, t[0], t[1], t[2], Extend(e), amount),
                  [&](Assembler& a) { a.add_sub(op.first, w, t[0], t[1], t[2], Extend(e), uint8_t(amount)); });
          }
  // A 32-bit WebAssembly address on a 64-bit memory base.
  l.add("add x0, x27, w1, uxtw", [](Assembler& a) { a.add_sub(AddSub::add, W::W64, Reg::x0, Reg::x27, Reg::x1, Extend::uxtw); });
  check(l);
}

std::string add_sub_imm_text(AddSub op, W w, Reg d, Reg n, uint64_t imm) {
  const bool flags = uint8_t(op) & 1, sub = uint8_t(op) & 2;
  if (n == Reg::zr || (flags ? d == Reg::sp : d == Reg::zr)) return kRefused;
  std::string value;
  if (imm < 4096) value = "#" + hex(imm);
  else if ((imm & 0xfff) == 0 && imm < (uint64_t(1) << 24)) value = "#" + hex(imm >> 12) + ", lsl #12";
  else return kRefused;
  if (op == AddSub::add && imm == 0 && (d == Reg::sp || n == Reg::sp)) return "mov " + name(w, d) + ", " + name(w, n);
  if (flags && d == Reg::zr) return std::string(sub ? "cmp " : "cmn ") + name(w, n) + ", " + value;
  return std::string(kAddSubs[int(op)].second) + " " + name(w, d) + ", " + name(w, n) + ", " + value;
}

TEST(JitArm64Assembler, AddSubImmediate) {
  Listing l;
  const uint64_t values[] = {0, 1, 0xfff, 0x1000, 0x1001, 0x2000, 0xfff000, 0xfff001, 0x1000000, ~uint64_t(0)};
  for (W w : {W::W32, W::W64})
    for (const auto& p : pairs())
      for (const auto& op : kAddSubs)
        for (uint64_t v : {uint64_t(0), uint64_t(0xfff), uint64_t(0x5000)})
          l.add(add_sub_imm_text(op.first, w, p[0], p[1], v), [&](Assembler& a) { a.add_sub_imm(op.first, w, p[0], p[1], v); });
  for (W w : {W::W32, W::W64})
    for (uint64_t v : values)
      for (const auto& op : kAddSubs) {
        l.add(add_sub_imm_text(op.first, w, Reg::x3, Reg::sp, v), [&](Assembler& a) { a.add_sub_imm(op.first, w, Reg::x3, Reg::sp, v); });
        EXPECT_EQ(Assembler::is_add_sub_immediate(v), add_sub_imm_text(op.first, w, Reg::x3, Reg::sp, v) != kRefused) << hex(v);
      }
  l.add("cmp w1, #0x7", [](Assembler& a) { a.cmp(W::W32, Reg::x1, 7); });
  l.add("cmn x1, #0x1, lsl #12", [](Assembler& a) { a.cmn(W::W64, Reg::x1, 0x1000); });
  l.add("sub sp, sp, #0x20", [](Assembler& a) { a.sub(W::W64, Reg::sp, Reg::sp, 0x20); });
  check(l);
}

const std::pair<Logic, const char*> kLogics[] = {{Logic::and_, "and"}, {Logic::orr, "orr"}, {Logic::eor, "eor"},
                                                 {Logic::ands, "ands"}, {Logic::bic, "bic"}, {Logic::orn, "orn"},
                                                 {Logic::eon, "eon"}, {Logic::bics, "bics"}};

std::string logical_text(Logic op, W w, Reg d, Reg n, Reg m, Shift sh, unsigned amount) {
  if (d == Reg::sp || n == Reg::sp || m == Reg::sp || amount >= bits(w)) return kRefused;
  const std::string tail = name(w, m) + shift_suffix(sh, amount);
  if (op == Logic::orr && n == Reg::zr && sh == Shift::lsl && amount == 0) return "mov " + name(w, d) + ", " + name(w, m);
  if (op == Logic::orn && n == Reg::zr) return "mvn " + name(w, d) + ", " + tail;
  if (op == Logic::ands && d == Reg::zr) return "tst " + name(w, n) + ", " + tail;
  return std::string(kLogics[int(op)].second) + " " + name(w, d) + ", " + name(w, n) + ", " + tail;
}

TEST(JitArm64Assembler, LogicalRegister) {
  Listing l;
  const std::pair<Shift, unsigned> shifts[] = {{Shift::lsl, 0}, {Shift::lsl, 31}, {Shift::lsr, 1}, {Shift::asr, 0},
                                               {Shift::ror, 5}, {Shift::ror, 63}, {Shift::lsl, 64}};
  for (W w : {W::W32, W::W64})
    for (const auto& t : triples())
      for (const auto& op : kLogics)
        for (const auto& s : shifts) {
          if (t[2] != Reg::x0 && t[2] != Reg::zr && s.second != 0) continue;  // fewer
          l.add(logical_text(op.first, w, t[0], t[1], t[2], s.first, s.second),
                [&](Assembler& a) { a.logical(op.first, w, t[0], t[1], t[2], s.first, uint8_t(s.second)); });
        }
  l.add("mvn w1, w2", [](Assembler& a) { a.mvn(W::W32, Reg::x1, Reg::x2); });
  l.add("tst x1, x2, lsl #3", [](Assembler& a) { a.tst(W::W64, Reg::x1, Reg::x2, Shift::lsl, 3); });
  check(l);
}

// Every logical immediate, built from its definition (Arm ARM, DecodeBitMasks): an element of
// 2, 4, ..., 64 bits holding a run of 1 .. e-1 ones, rotated by 0 .. e-1, repeated to the width.
std::set<uint64_t> bitmask_immediates(W w) {
  std::set<uint64_t> out;
  for (unsigned e = 2; e <= bits(w); e *= 2)
    for (unsigned ones = 1; ones < e; ++ones)
      for (unsigned rot = 0; rot < e; ++rot) {
        const uint64_t emask = e == 64 ? ~uint64_t(0) : (uint64_t(1) << e) - 1;
        const uint64_t run = (uint64_t(1) << ones) - 1;
        const uint64_t element = rot == 0 ? run : ((run >> rot) | (run << (e - rot))) & emask;
        uint64_t value = 0;
        for (unsigned i = 0; i < bits(w); i += e) value |= element << i;
        out.insert(value);
      }
  return out;
}

// What a single movz or movn makes: objdump shows orr with zr as mov only when neither can.
bool move_wide_makes(W w, uint64_t v) {
  unsigned zeros = 0, ones = 0;
  for (unsigned i = 0; i < bits(w); i += 16) {
    zeros += uint16_t(v >> i) == 0;
    ones += uint16_t(v >> i) == 0xffff;
  }
  return zeros >= bits(w) / 16 - 1 || ones >= bits(w) / 16 - 1;
}

std::string logical_imm_text(Logic op, W w, Reg d, Reg n, uint64_t v, const std::set<uint64_t>& valid) {
  if (n == Reg::sp || (op == Logic::ands ? d == Reg::sp : d == Reg::zr) || !valid.count(v)) return kRefused;
  const std::string value = "#" + hex(v);
  // (movz / movn cannot write sp: into sp, orr is always shown as mov.)
  if (op == Logic::orr && n == Reg::zr && (d == Reg::sp || !move_wide_makes(w, v))) return "mov " + name(w, d) + ", " + value;
  if (op == Logic::ands && d == Reg::zr) return "tst " + name(w, n) + ", " + value;
  return std::string(kLogics[int(op)].second) + " " + name(w, d) + ", " + name(w, n) + ", " + value;
}

TEST(JitArm64Assembler, LogicalImmediateEveryValue) {
  Listing l;
  for (W w : {W::W32, W::W64}) {
    const std::set<uint64_t> valid = bitmask_immediates(w);
    EXPECT_EQ(valid.size(), w == W::W64 ? 5334u : 1302u);
    size_t i = 0;
    for (uint64_t v : valid) {
      ASSERT_TRUE(Assembler::is_logical_immediate(w, v)) << hex(v);
      const Logic op = kLogics[i % 4].first;
      const Reg d = kAll[i % 33], n = kAll[(i / 33) % 33];
      l.add(logical_imm_text(op, w, d, n, v, valid), [&](Assembler& a) { a.logical_imm(op, w, d, n, v); });
      l.add(logical_imm_text(Logic::orr, w, Reg::x2, Reg::zr, v, valid),
            [&](Assembler& a) { a.logical_imm(Logic::orr, w, Reg::x2, Reg::zr, v); });
      ++i;
    }
    // Everything else is refused: the neighbours of valid values, and a pseudo-random sweep.
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    std::vector<uint64_t> others = {0, ~uint64_t(0), 0xffffffffull, uint64_t(1) << 32, 0x5555555555555554ull};
    for (uint64_t v : valid) {
      others.push_back(v + 1);
      others.push_back(v - 1);
      others.push_back(v ^ (uint64_t(1) << (v % 61)));
    }
    for (int k = 0; k < 200000; ++k) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      others.push_back(w == W::W64 ? seed : seed >> 32);
    }
    for (uint64_t v : others) ASSERT_EQ(Assembler::is_logical_immediate(w, v), valid.count(v) == 1) << hex(v);
    for (uint64_t v : {uint64_t(0), uint64_t(0x12345), ~uint64_t(0) & mask(w), uint64_t(5)})
      l.add(kRefused, [&](Assembler& a) { a.logical_imm(Logic::eor, w, Reg::x1, Reg::x2, v); });
  }
  // No immediate forms for the inverted ops; above 32 bits a W immediate is refused.
  l.add(kRefused, [](Assembler& a) { a.logical_imm(Logic::bic, W::W64, Reg::x1, Reg::x2, 0xff); });
  EXPECT_FALSE(Assembler::is_logical_immediate(W::W32, 0xff00000000ull));
  l.add(kRefused, [](Assembler& a) { a.logical_imm(Logic::and_, W::W32, Reg::x1, Reg::x2, 0xff00000000ull); });
  l.add("and sp, x1, #0xfffffffffffffff0", [](Assembler& a) { a.and_(W::W64, Reg::sp, Reg::x1, 0xfffffffffffffff0ull); });
  l.add("tst w3, #0x80000000", [](Assembler& a) { a.tst(W::W32, Reg::x3, 0x80000000u); });
  check(l);
}

TEST(JitArm64Assembler, LogicalImmediateRegisters) {
  Listing l;
  for (W w : {W::W32, W::W64}) {
    const std::set<uint64_t> valid = bitmask_immediates(w);
    for (const auto& p : pairs())
      for (const auto& op : kLogics)
        if (uint8_t(op.first) < 4)
          for (uint64_t v : {uint64_t(0xff), uint64_t(0x0f0f0f0f), uint64_t(0x80000001)})
            l.add(logical_imm_text(op.first, w, p[0], p[1], v, valid),
                  [&](Assembler& a) { a.logical_imm(op.first, w, p[0], p[1], v); });
  }
  check(l);
}

// Move wide: objdump shows movz / movn as mov with the value they make, except where the
// mov alias would lose the shift (imm16 of 0 shifted; movn w #0xffff).
std::string move_wide_text(int kind, W w, Reg d, uint16_t imm, unsigned shift) {
  if (d == Reg::sp || shift % 16 || shift >= bits(w)) return kRefused;
  const std::string raw = "#" + hex(imm) + (shift ? ", lsl #" + std::to_string(shift) : "");
  if (kind == 2) return "movk " + name(w, d) + ", " + raw;
  if (kind == 0) {
    if (imm == 0 && shift != 0) return "movz " + name(w, d) + ", " + raw;
    return "mov " + name(w, d) + ", #" + hex(uint64_t(imm) << shift);
  }
  if ((imm == 0 && shift != 0) || (w == W::W32 && imm == 0xffff)) return "movn " + name(w, d) + ", " + raw;
  return "mov " + name(w, d) + ", #" + hex(~(uint64_t(imm) << shift) & mask(w));
}

TEST(JitArm64Assembler, MoveWide) {
  Listing l;
  for (W w : {W::W32, W::W64})
    for (Reg r : kAll)
      for (unsigned shift : {0u, 16u, 32u, 48u, 8u})
        for (uint16_t imm : {uint16_t(0), uint16_t(1), uint16_t(0x1234), uint16_t(0xffff)}) {
          l.add(move_wide_text(0, w, r, imm, shift), [&](Assembler& a) { a.movz(w, r, imm, uint8_t(shift)); });
          l.add(move_wide_text(1, w, r, imm, shift), [&](Assembler& a) { a.movn(w, r, imm, uint8_t(shift)); });
          l.add(move_wide_text(2, w, r, imm, shift), [&](Assembler& a) { a.movk(w, r, imm, uint8_t(shift)); });
        }
  // Register moves: orr with zr, or add #0 where sp is one side (then zr cannot be the other).
  for (W w : {W::W32, W::W64})
    for (const auto& p : pairs()) {
      const bool with_sp = p[0] == Reg::sp || p[1] == Reg::sp;
      const bool refused = with_sp && (p[0] == Reg::zr || p[1] == Reg::zr);
      l.add(refused ? kRefused : "mov " + name(w, p[0]) + ", " + name(w, p[1]), [&](Assembler& a) { a.mov(w, p[0], p[1]); });
    }
  check(l);
}

// mov_imm: objdump's text of the sequence, run, makes the constant, in the fewest instructions
// of movz / movn / orr / movk.
TEST(JitArm64Assembler, MoveImmediateSequences) {
  std::vector<std::pair<W, uint64_t>> constants;
  const uint64_t halves[] = {0, 1, 0x8000, 0xffff, 0x1234};
  for (uint64_t h0 : halves)
    for (uint64_t h1 : halves)
      for (uint64_t h2 : halves)
        for (uint64_t h3 : halves) constants.push_back({W::W64, h0 | h1 << 16 | h2 << 32 | h3 << 48});
  for (uint64_t h0 : halves)
    for (uint64_t h1 : halves) constants.push_back({W::W32, h0 | h1 << 16});
  for (uint64_t v : {0x5555555555555555ull, 0x00ff00ff00ff00ffull, 0x123456789abcdef0ull, 0xfffffffffffffffeull,
                     0x7fffffffffffffffull, 0x8000000000000000ull, 0x0000ffffffff0000ull, 0xfedcba9876543210ull})
    constants.push_back({W::W64, v});
  for (uint64_t v : {0x55555555ull, 0x7fffffffull, 0x80000000ull, 0xfffffffeull, 0x0ff00ff0ull, 0x1ffffffffull})
    constants.push_back({W::W32, v});
  const std::set<uint64_t> valid64 = bitmask_immediates(W::W64), valid32 = bitmask_immediates(W::W32);

  Listing l;
  std::vector<std::pair<size_t, size_t>> ranges;  // first instruction, count
  for (size_t i = 0; i < constants.size(); ++i) {
    const W w = constants[i].first;
    const uint64_t c = constants[i].second;
    const Reg r = Reg(i % 31);
    const uint32_t before = l.assembler().size();
    l.assembler().mov_imm(w, r, c);
    const size_t count = (l.assembler().size() - before) / 4;
    ranges.push_back({before / 4, count});
    l.expect_any(count);
    // The fewest: one where a single instruction can, else one per halfword that differs from
    // the more common of all-zeros and all-ones.
    const uint64_t v = c & mask(w);
    unsigned zeros = 0, ones = 0;
    for (unsigned s = 0; s < bits(w); s += 16) {
      zeros += uint16_t(v >> s) == 0;
      ones += uint16_t(v >> s) == 0xffff;
    }
    const unsigned n = bits(w) / 16;
    const bool single = zeros >= n - 1 || ones >= n - 1 || (w == W::W64 ? valid64 : valid32).count(v);
    EXPECT_EQ(count, single ? 1u : n - std::max(zeros, ones)) << hex(c);
  }
  check(l);
  std::string why;
  const std::string tool = find_objdump(why);
  if (tool.empty()) return;
  std::string error;
  const std::vector<std::string> text = run_objdump(tool, l.assembler().code(), error);
  ASSERT_EQ(text.size(), l.assembler().size() / 4u);
  for (size_t i = 0; i < constants.size(); ++i) {
    const W w = constants[i].first;
    const std::string reg = name(w, Reg(i % 31));
    uint64_t value = 0xdeadbeefdeadbeefull;
    for (size_t k = 0; k < ranges[i].second; ++k) {
      const std::string& line = text[ranges[i].first + k];
      std::istringstream in(line);
      std::string mnemonic, dst, imm_text, lsl, shift_text;
      in >> mnemonic >> dst >> imm_text >> lsl >> shift_text;
      ASSERT_EQ(dst, reg + ",") << line;
      if (mnemonic == "orr") {  // orr reg, zr, #imm
        ASSERT_EQ(imm_text, name(w, Reg::zr) + ",") << line;
        imm_text = lsl;
        lsl.clear();
      }
      ASSERT_EQ(imm_text.substr(0, 3), "#0x") << line;
      if (!imm_text.empty() && imm_text.back() == ',') imm_text.pop_back();
      const uint64_t imm = std::stoull(imm_text.substr(3), nullptr, 16);
      const unsigned shift = lsl == "lsl" ? unsigned(std::stoul(shift_text.substr(1))) : 0;
      ASSERT_EQ(k == 0, mnemonic != "movk") << line;
      if (mnemonic == "mov" || mnemonic == "orr") value = imm;
      else if (mnemonic == "movz") value = imm << shift;
      else if (mnemonic == "movn") value = ~(imm << shift);
      else if (mnemonic == "movk") value = (value & ~(uint64_t(0xffff) << shift)) | imm << shift;
      else FAIL() << line;
      value &= mask(w);
    }
    EXPECT_EQ(hex(value), hex(constants[i].second & mask(w))) << "constant " << i;
  }
}

TEST(JitArm64Assembler, MultiplyDivideShiftBits) {
  Listing l;
  const std::pair<Shift, const char*> shifts[] = {{Shift::lsl, "lsl"}, {Shift::lsr, "lsr"}, {Shift::asr, "asr"}, {Shift::ror, "ror"}};
  for (W w : {W::W32, W::W64}) {
    for (const auto& t : triples()) {
      const bool sp = t[0] == Reg::sp || t[1] == Reg::sp || t[2] == Reg::sp;
      const std::string d = name(w, t[0]), n = name(w, t[1]), m = name(w, t[2]);
      const std::string ops = d + ", " + n + ", " + m;
      const Reg acc = t[(t[0] == Reg::x0) ? 1 : 2];  // some addend, zr included
      const bool acc_sp = sp || acc == Reg::sp;
      l.add(acc_sp ? kRefused : (acc == Reg::zr ? "mul " + ops : "madd " + ops + ", " + name(w, acc)),
            [&](Assembler& a) { a.madd(w, t[0], t[1], t[2], acc); });
      l.add(acc_sp ? kRefused : (acc == Reg::zr ? "mneg " + ops : "msub " + ops + ", " + name(w, acc)),
            [&](Assembler& a) { a.msub(w, t[0], t[1], t[2], acc); });
      l.add(sp ? kRefused : "mul " + ops, [&](Assembler& a) { a.mul(w, t[0], t[1], t[2]); });
      l.add(sp ? kRefused : "sdiv " + ops, [&](Assembler& a) { a.sdiv(w, t[0], t[1], t[2]); });
      l.add(sp ? kRefused : "udiv " + ops, [&](Assembler& a) { a.udiv(w, t[0], t[1], t[2]); });
      for (const auto& s : shifts)
        l.add(sp ? kRefused : std::string(s.second) + " " + ops, [&](Assembler& a) { a.shift(s.first, w, t[0], t[1], t[2]); });
      // extr of one register with itself is a rotation.
      l.add(sp ? kRefused : t[1] == t[2] ? "ror " + d + ", " + n + ", #3" : "extr " + ops + ", #3",
            [&](Assembler& a) { a.extr(w, t[0], t[1], t[2], 3); });
    }
    for (const auto& p : pairs()) {
      const bool sp = p[0] == Reg::sp || p[1] == Reg::sp;
      const std::string ops = name(w, p[0]) + ", " + name(w, p[1]);
      l.add(sp ? kRefused : "clz " + ops, [&](Assembler& a) { a.clz(w, p[0], p[1]); });
      l.add(sp ? kRefused : "rbit " + ops, [&](Assembler& a) { a.rbit(w, p[0], p[1]); });
      l.add(sp ? kRefused : "rev " + ops, [&](Assembler& a) { a.rev(w, p[0], p[1]); });
    }
    // Shifts by an immediate, every count; lsl #0 is the same word as lsr #0.
    for (unsigned c = 0; c <= bits(w); ++c) {
      const std::string ops = name(w, Reg::x1) + ", " + name(w, Reg::x2) + ", #" + std::to_string(c);
      const bool out = c >= bits(w);
      l.add(out ? kRefused : (c == 0 ? "lsr " : "lsl ") + ops, [&](Assembler& a) { a.lsl(w, Reg::x1, Reg::x2, uint8_t(c)); });
      l.add(out ? kRefused : "lsr " + ops, [&](Assembler& a) { a.lsr(w, Reg::x1, Reg::x2, uint8_t(c)); });
      l.add(out ? kRefused : "asr " + ops, [&](Assembler& a) { a.asr(w, Reg::x1, Reg::x2, uint8_t(c)); });
      l.add(out ? kRefused : "ror " + ops, [&](Assembler& a) { a.ror(w, Reg::x1, Reg::x2, uint8_t(c)); });
    }
    for (const auto& p : pairs()) {
      const bool sp = p[0] == Reg::sp || p[1] == Reg::sp;
      const std::string ops = name(w, p[0]) + ", " + name(w, p[1]) + ", #5";
      for (const auto& s : shifts)
        l.add(sp ? kRefused : std::string(s.second) + " " + ops, [&](Assembler& a) { a.shift_imm(s.first, w, p[0], p[1], 5); });
    }
  }
  check(l);
}

// The aliases objdump prefers for the bitfield moves (Arm ARM, SBFM / BFM / UBFM, "alias conditions").
std::string bitfield_text(int opc, W w, Reg d, Reg n, unsigned immr, unsigned imms) {
  if (d == Reg::sp || n == Reg::sp || immr >= bits(w) || imms >= bits(w)) return kRefused;
  const unsigned top = bits(w) - 1;
  const std::string dn = name(w, d) + ", " + name(w, n);
  auto field = [&](const char* alias, unsigned lsb, unsigned width) {
    return std::string(alias) + " " + dn + ", " + num(lsb) + ", " + num(width);
  };
  if (opc == 0) {  // sbfm
    if (imms == top) return "asr " + dn + ", " + num(immr);
    if (imms < immr) return field("sbfiz", bits(w) - immr, imms + 1);
    if (immr == 0 && (imms == 7 || imms == 15 || imms == 31))
      return std::string(imms == 7 ? "sxtb " : imms == 15 ? "sxth " : "sxtw ") + name(w, d) + ", " + name(W::W32, n);
    return field("sbfx", immr, imms - immr + 1);
  }
  if (opc == 1) {  // bfm
    if (imms < immr) {
      if (n == Reg::zr) return "bfc " + name(w, d) + ", " + num(bits(w) - immr) + ", " + num(imms + 1);
      return field("bfi", bits(w) - immr, imms + 1);
    }
    return field("bfxil", immr, imms - immr + 1);
  }
  if (imms != top && imms + 1 == immr) return "lsl " + dn + ", " + num(top - imms);
  if (imms == top) return "lsr " + dn + ", " + num(immr);
  if (imms < immr) return field("ubfiz", bits(w) - immr, imms + 1);
  if (w == W::W32 && immr == 0 && (imms == 7 || imms == 15)) return std::string(imms == 7 ? "uxtb " : "uxth ") + dn;
  return field("ubfx", immr, imms - immr + 1);
}

TEST(JitArm64Assembler, Bitfields) {
  Listing l;
  for (W w : {W::W32, W::W64}) {
    // Every immr / imms, and one beyond.
    for (unsigned immr = 0; immr <= bits(w); ++immr)
      for (unsigned imms = 0; imms <= bits(w); ++imms) {
        l.add(bitfield_text(0, w, Reg::x3, Reg::x4, immr, imms), [&](Assembler& a) { a.sbfm(w, Reg::x3, Reg::x4, uint8_t(immr), uint8_t(imms)); });
        l.add(bitfield_text(1, w, Reg::x3, Reg::x4, immr, imms), [&](Assembler& a) { a.bfm(w, Reg::x3, Reg::x4, uint8_t(immr), uint8_t(imms)); });
        l.add(bitfield_text(2, w, Reg::x3, Reg::x4, immr, imms), [&](Assembler& a) { a.ubfm(w, Reg::x3, Reg::x4, uint8_t(immr), uint8_t(imms)); });
      }
    for (const auto& p : pairs())
      for (int opc = 0; opc < 3; ++opc)
        l.add(bitfield_text(opc, w, p[0], p[1], 9, 3), [&](Assembler& a) {
          if (opc == 0) a.sbfm(w, p[0], p[1], 9, 3);
          if (opc == 1) a.bfm(w, p[0], p[1], 9, 3);
          if (opc == 2) a.ubfm(w, p[0], p[1], 9, 3);
        });
    // The field helpers, from their definitions: extract takes bits lsb .. lsb+width-1 (immr =
    // lsb, imms = lsb+width-1); insert moves the low width bits up to lsb (immr = -lsb mod size,
    // imms = width-1).
    for (unsigned lsb = 0; lsb <= bits(w); lsb += 3)
      for (unsigned width = 0; width <= bits(w) + 1; width += 4) {
        const bool ok = width >= 1 && lsb + width <= bits(w);
        const unsigned x_immr = lsb % bits(w), x_imms = (lsb + width - 1) % bits(w);
        const unsigned i_immr = (bits(w) - lsb) % bits(w), i_imms = (width - 1) % bits(w);
        const Reg d = Reg::x5, s = Reg::x6;
        l.add(ok ? bitfield_text(0, w, d, s, x_immr, x_imms) : kRefused, [&](Assembler& a) { a.sbfx(w, d, s, uint8_t(lsb), uint8_t(width)); });
        l.add(ok ? bitfield_text(2, w, d, s, x_immr, x_imms) : kRefused, [&](Assembler& a) { a.ubfx(w, d, s, uint8_t(lsb), uint8_t(width)); });
        l.add(ok ? bitfield_text(1, w, d, s, x_immr, x_imms) : kRefused, [&](Assembler& a) { a.bfxil(w, d, s, uint8_t(lsb), uint8_t(width)); });
        l.add(ok ? bitfield_text(2, w, d, s, i_immr, i_imms) : kRefused, [&](Assembler& a) { a.ubfiz(w, d, s, uint8_t(lsb), uint8_t(width)); });
        l.add(ok ? bitfield_text(1, w, d, s, i_immr, i_imms) : kRefused, [&](Assembler& a) { a.bfi(w, d, s, uint8_t(lsb), uint8_t(width)); });
      }
  }
  // The extensions, as the WebAssembly ops use them.
  for (const auto& p : pairs()) {
    const bool sp = p[0] == Reg::sp || p[1] == Reg::sp;
    const std::string src = name(W::W32, p[1]);
    for (W w : {W::W32, W::W64}) {
      l.add(sp ? kRefused : "sxtb " + name(w, p[0]) + ", " + src, [&](Assembler& a) { a.sxtb(w, p[0], p[1]); });
      l.add(sp ? kRefused : "sxth " + name(w, p[0]) + ", " + src, [&](Assembler& a) { a.sxth(w, p[0], p[1]); });
    }
    l.add(sp ? kRefused : "sxtw " + x(p[0]) + ", " + src, [&](Assembler& a) { a.sxtw(p[0], p[1]); });
    l.add(sp ? kRefused : "uxtb " + name(W::W32, p[0]) + ", " + src, [&](Assembler& a) { a.uxtb(p[0], p[1]); });
    l.add(sp ? kRefused : "uxth " + name(W::W32, p[0]) + ", " + src, [&](Assembler& a) { a.uxth(p[0], p[1]); });
  }
  check(l);
}

// csinc / csinv / csneg with both sources the same register are shown as cinc / cinv / cneg
// (cset / csetm when that register is zr) with the inverted condition; not for al / nv.
std::string cond_select_text(int kind, W w, Reg d, Reg n, Reg m, int c) {
  if (d == Reg::sp || n == Reg::sp || m == Reg::sp) return kRefused;
  static const char* const names[] = {"csel", "csinc", "csinv", "csneg"};
  if (kind > 0 && n == m && c < 14) {
    const char* inv = kConds[c ^ 1];
    if (kind == 1 && n == Reg::zr) return "cset " + name(w, d) + ", " + inv;
    if (kind == 2 && n == Reg::zr) return "csetm " + name(w, d) + ", " + inv;
    static const char* const aliases[] = {"", "cinc", "cinv", "cneg"};
    return std::string(aliases[kind]) + " " + name(w, d) + ", " + name(w, n) + ", " + inv;
  }
  return std::string(names[kind]) + " " + name(w, d) + ", " + name(w, n) + ", " + name(w, m) + ", " + kConds[c];
}

TEST(JitArm64Assembler, ConditionalSelect) {
  Listing l;
  for (W w : {W::W32, W::W64}) {
    for (const auto& t : triples())
      for (int kind = 0; kind < 4; ++kind)
        for (int c : {0, 3, 11, 14}) {
          auto emit = [&](Assembler& a) {
            if (kind == 0) a.csel(w, t[0], t[1], t[2], Cond(c));
            if (kind == 1) a.csinc(w, t[0], t[1], t[2], Cond(c));
            if (kind == 2) a.csinv(w, t[0], t[1], t[2], Cond(c));
            if (kind == 3) a.csneg(w, t[0], t[1], t[2], Cond(c));
          };
          l.add(cond_select_text(kind, w, t[0], t[1], t[2], c), emit);
        }
    for (Reg r : kAll)
      for (int c = 0; c < 14; ++c) {
        l.add(r == Reg::sp ? kRefused : "cset " + name(w, r) + ", " + kConds[c], [&](Assembler& a) { a.cset(w, r, Cond(c)); });
        l.add(r == Reg::sp ? kRefused : "csetm " + name(w, r) + ", " + kConds[c], [&](Assembler& a) { a.csetm(w, r, Cond(c)); });
      }
    for (int c = 0; c < 16; ++c)
      l.add(cond_select_text(0, w, Reg::x1, Reg::x2, Reg::x3, c), [&](Assembler& a) { a.csel(w, Reg::x1, Reg::x2, Reg::x3, Cond(c)); });
  }
  check(l);
}

// ---- loads and stores -----------------------------------------------------------------------

struct LsRow {
  Ls op;
  const char* mnemonic;   // the scaled / register form
  const char* unscaled;   // the unscaled form
  char reg;               // register view: w, x, or b h s d q
  unsigned scale;         // log2 of the access size
};
const LsRow kLs[] = {
    {Ls::strb, "strb", "sturb", 'w', 0},       {Ls::ldrb, "ldrb", "ldurb", 'w', 0},
    {Ls::ldrsb_x, "ldrsb", "ldursb", 'x', 0},  {Ls::ldrsb_w, "ldrsb", "ldursb", 'w', 0},
    {Ls::strh, "strh", "sturh", 'w', 1},       {Ls::ldrh, "ldrh", "ldurh", 'w', 1},
    {Ls::ldrsh_x, "ldrsh", "ldursh", 'x', 1},  {Ls::ldrsh_w, "ldrsh", "ldursh", 'w', 1},
    {Ls::str_w, "str", "stur", 'w', 2},        {Ls::ldr_w, "ldr", "ldur", 'w', 2},
    {Ls::ldrsw, "ldrsw", "ldursw", 'x', 2},    {Ls::str_x, "str", "stur", 'x', 3},
    {Ls::ldr_x, "ldr", "ldur", 'x', 3},
    {Ls::str_b, "str", "stur", 'b', 0},        {Ls::ldr_b, "ldr", "ldur", 'b', 0},
    {Ls::str_h, "str", "stur", 'h', 1},        {Ls::ldr_h, "ldr", "ldur", 'h', 1},
    {Ls::str_s, "str", "stur", 's', 2},        {Ls::ldr_s, "ldr", "ldur", 's', 2},
    {Ls::str_d, "str", "stur", 'd', 3},        {Ls::ldr_d, "ldr", "ldur", 'd', 3},
    {Ls::str_q, "str", "stur", 'q', 4},        {Ls::ldr_q, "ldr", "ldur", 'q', 4},
};
bool is_vector(const LsRow& row) { return row.reg != 'w' && row.reg != 'x'; }
std::string rt_name(char view, int reg) {  // reg: a Reg for w / x, a VReg number otherwise
  if (view == 'w' || view == 'x') return name(view == 'x' ? W::W64 : W::W32, Reg(reg));
  return std::string(1, view) + std::to_string(reg);
}

std::string mem_text(const LsRow& row, int rt, const Mem& m) {
  const bool vector = is_vector(row);
  if (!vector && Reg(rt) == Reg::sp) return kRefused;
  if (m.base == Reg::zr) return kRefused;
  const std::string t = rt_name(row.reg, rt), base = x(m.base);
  const int64_t size = int64_t(1) << row.scale, off = m.offset;
  const bool writeback = m.mode == Mem::Mode::pre || m.mode == Mem::Mode::post;
  if (!vector && writeback && Reg(rt) == m.base && m.base != Reg::sp) return kRefused;
  switch (m.mode) {
    case Mem::Mode::offset:
      if (off >= 0 && off % size == 0 && off / size < 4096)
        return std::string(row.mnemonic) + " " + t + ", [" + base + (off ? ", " + num(off) : "") + "]";
      if (off >= -256 && off <= 255) return std::string(row.unscaled) + " " + t + ", [" + base + ", " + num(off) + "]";
      return kRefused;
    case Mem::Mode::pre:
      if (off < -256 || off > 255) return kRefused;
      return std::string(row.mnemonic) + " " + t + ", [" + base + ", " + num(off) + "]!";
    case Mem::Mode::post:
      if (off < -256 || off > 255) return kRefused;
      return std::string(row.mnemonic) + " " + t + ", [" + base + "], " + num(off);
    case Mem::Mode::index: {
      if (m.index == Reg::sp) return kRefused;
      const Extend e = m.extend;
      if (e != Extend::uxtw && e != Extend::uxtx && e != Extend::sxtw && e != Extend::sxtx) return kRefused;
      const bool w_index = e == Extend::uxtw || e == Extend::sxtw;
      std::string index = name(w_index ? W::W32 : W::W64, m.index);
      if (e == Extend::uxtx) index += m.scaled ? ", lsl #" + std::to_string(row.scale) : "";
      else index += std::string(", ") + kExtends[int(e)] + (m.scaled ? " #" + std::to_string(row.scale) : "");
      return std::string(row.mnemonic) + " " + t + ", [" + base + ", " + index + "]";
    }
  }
  return kRefused;
}

void add_load_store(Listing& l, const LsRow& row, int rt, const Mem& m) {
  const std::string text = mem_text(row, rt, m);
  if (is_vector(row)) {
    l.add(text, [&](Assembler& a) { a.load_store(row.op, VReg(rt), m); });
    if (text != kRefused) {
      EXPECT_TRUE(Assembler::is_encodable(row.op, m));
    }
  } else {
    l.add(text, [&](Assembler& a) { a.load_store(row.op, Reg(rt), m); });
    if (Reg(rt) != Reg::sp && (m.mode != Mem::Mode::pre && m.mode != Mem::Mode::post)) {
      EXPECT_EQ(Assembler::is_encodable(row.op, m), text != kRefused) << text;
    }
  }
}

TEST(JitArm64Assembler, LoadStoreOffsets) {
  Listing l;
  for (const LsRow& row : kLs) {
    const int64_t size = int64_t(1) << row.scale;
    // Scaled: 0, one unit, the last unit; the unscaled range's ends; just beyond either.
    const int64_t offsets[] = {0, size, 4095 * size, 4096 * size, -1, -256, 255, -257, 256 + (size == 1 ? 4096 : 0),
                               size + 1, 4095 * size + 1};
    for (int64_t off : offsets) {
      add_load_store(l, row, 2, Mem::at(Reg::x3, off));
      add_load_store(l, row, 4, Mem::pre(Reg::sp, off));
      add_load_store(l, row, 5, Mem::post(Reg::x6, off));
    }
    // Every register as the one transferred and as the base.
    for (int r = 0; r <= (is_vector(row) ? 31 : int(Reg::sp)); ++r) add_load_store(l, row, r, Mem::at(Reg::x7, 8 * size));
    for (Reg base : kAll) {
      add_load_store(l, row, 1, Mem::at(base, size));
      add_load_store(l, row, 1, Mem::pre(base, -size));
      add_load_store(l, row, 1, Mem::post(base, size));
      add_load_store(l, row, 9, Mem::at(base, -3));
    }
  }
  l.add("ldr x0, [x28, #16]", [](Assembler& a) { a.ldr(W::W64, Reg::x0, Mem::at(Reg::x28, 16)); });
  l.add("strb wzr, [sp, #4095]", [](Assembler& a) { a.strb(Reg::zr, Mem::at(Reg::sp, 4095)); });
  l.add("ldr q7, [x1, #-16]!", [](Assembler& a) { a.ldr(Vw::Q, VReg::v7, Mem::pre(Reg::x1, -16)); });
  l.add("str d31, [x2], #8", [](Assembler& a) { a.str(Vw::D, VReg::v31, Mem::post(Reg::x2, 8)); });
  l.add("ldrsh x1, [x2, #-2]!", [](Assembler& a) { a.ldrsh(W::W64, Reg::x1, Mem::pre(Reg::x2, -2)); });
  l.add(kRefused, [](Assembler& a) { a.load_store(Ls::ldr_x, VReg::v1, Mem::at(Reg::x1)); });  // bank mismatch
  l.add(kRefused, [](Assembler& a) { a.load_store(Ls::ldr_q, Reg::x1, Mem::at(Reg::x1)); });
  check(l);
}

TEST(JitArm64Assembler, LoadStoreRegisterOffsets) {
  Listing l;
  for (const LsRow& row : kLs)
    for (int e = 0; e < 8; ++e)
      for (bool scaled : {false, true}) {
        for (Reg index : kAll) add_load_store(l, row, 3, Mem::indexed(Reg::x27, index, Extend(e), scaled));
        for (Reg base : kAll) add_load_store(l, row, 3, Mem::indexed(base, Reg::x4, Extend(e), scaled));
        for (int r = 0; r <= (is_vector(row) ? 31 : 32); r += 3) add_load_store(l, row, r, Mem::indexed(Reg::x8, Reg::x9, Extend(e), scaled));
      }
  // A WebAssembly access: the memory base plus the 32-bit address, zero-extended.
  l.add("ldr w0, [x28, w1, uxtw]", [](Assembler& a) { a.ldr(W::W32, Reg::x0, Mem::indexed(Reg::x28, Reg::x1, Extend::uxtw)); });
  l.add("ldrsb x2, [x28, w3, uxtw]", [](Assembler& a) { a.ldrsb(W::W64, Reg::x2, Mem::indexed(Reg::x28, Reg::x3, Extend::uxtw)); });
  l.add("strh w4, [x28, x5]", [](Assembler& a) { a.strh(Reg::x4, Mem::indexed(Reg::x28, Reg::x5)); });
  check(l);
}

struct LspRow {
  Lsp op;
  const char* mnemonic;
  char reg;
  unsigned scale;
};
const LspRow kLsp[] = {
    {Lsp::stp_w, "stp", 'w', 2}, {Lsp::ldp_w, "ldp", 'w', 2}, {Lsp::ldpsw, "ldpsw", 'x', 2},
    {Lsp::stp_x, "stp", 'x', 3}, {Lsp::ldp_x, "ldp", 'x', 3}, {Lsp::stp_s, "stp", 's', 2},
    {Lsp::ldp_s, "ldp", 's', 2}, {Lsp::stp_d, "stp", 'd', 3}, {Lsp::ldp_d, "ldp", 'd', 3},
    {Lsp::stp_q, "stp", 'q', 4}, {Lsp::ldp_q, "ldp", 'q', 4},
};

std::string pair_text(const LspRow& row, int a, int b, const Mem& m) {
  const bool vector = row.reg != 'w' && row.reg != 'x';
  const bool load = row.mnemonic[0] == 'l';
  if (m.base == Reg::zr || m.mode == Mem::Mode::index) return kRefused;
  if (!vector && (Reg(a) == Reg::sp || Reg(b) == Reg::sp)) return kRefused;
  if (load && a == b) return kRefused;
  if (!vector && m.mode != Mem::Mode::offset && m.base != Reg::sp && (Reg(a) == m.base || Reg(b) == m.base)) return kRefused;
  const int64_t size = int64_t(1) << row.scale, off = m.offset;
  if (off % size || off / size < -64 || off / size > 63) return kRefused;
  const std::string head = std::string(row.mnemonic) + " " + rt_name(row.reg, a) + ", " + rt_name(row.reg, b) + ", [" + x(m.base);
  if (m.mode == Mem::Mode::offset) return head + (off ? ", " + num(off) : "") + "]";
  if (m.mode == Mem::Mode::pre) return head + ", " + num(off) + "]!";
  return head + "], " + num(off);
}

TEST(JitArm64Assembler, LoadStorePairs) {
  Listing l;
  for (const LspRow& row : kLsp) {
    const bool vector = row.reg != 'w' && row.reg != 'x';
    const int64_t size = int64_t(1) << row.scale;
    auto add = [&](int a, int b, const Mem& m) {
      if (vector) l.add(pair_text(row, a, b, m), [&](Assembler& as) { as.load_store_pair(row.op, VReg(a), VReg(b), m); });
      else l.add(pair_text(row, a, b, m), [&](Assembler& as) { as.load_store_pair(row.op, Reg(a), Reg(b), m); });
      if (pair_text(row, 1, 2, m) != kRefused) {
        EXPECT_TRUE(Assembler::is_encodable(row.op, m));
      }
    };
    for (int64_t off : {int64_t(0), size, -64 * size, 63 * size, 64 * size, -65 * size, size / 2 + 1})
      for (Mem m : {Mem::at(Reg::x3, off), Mem::pre(Reg::sp, off), Mem::post(Reg::x4, off)}) add(1, 2, m);
    const int top = vector ? 31 : int(Reg::sp);
    for (int r = 0; r <= top; ++r) {
      add(r, 5, Mem::at(Reg::x6, size));
      add(7, r, Mem::pre(Reg::x8, -size));
      add(r, r == 0 ? 1 : 0, Mem::post(Reg(r), size));  // writeback overlap with general registers
    }
    for (Reg base : kAll) add(10, 11, Mem::pre(base, 2 * size));
    add(12, 12, Mem::at(Reg::x1));
    add(1, 2, Mem::indexed(Reg::x1, Reg::x2));
  }
  l.add("stp x29, x30, [sp, #-16]!", [](Assembler& a) { a.stp(W::W64, Reg::x29, Reg::x30, Mem::pre(Reg::sp, -16)); });
  l.add("ldp x29, x30, [sp], #16", [](Assembler& a) { a.ldp(W::W64, Reg::x29, Reg::x30, Mem::post(Reg::sp, 16)); });
  check(l);
}

// ---- branches -------------------------------------------------------------------------------

std::string target(uint64_t at, int64_t offset) { return hex(at + uint64_t(offset)); }

TEST(JitArm64Assembler, BranchOffsetsAtTheirLimits) {
  Listing l;
  auto at = [&]() { return uint64_t(l.assembler().size()); };
  struct Range {
    int64_t low, high, unit;
  };
  const Range b26{-(int64_t(1) << 27), (int64_t(1) << 27) - 4, 4};
  const Range b19{-(int64_t(1) << 20), (int64_t(1) << 20) - 4, 4};
  const Range b14{-(int64_t(1) << 15), (int64_t(1) << 15) - 4, 4};
  const Range adr{-(int64_t(1) << 20), (int64_t(1) << 20) - 1, 1};
  auto offsets = [](Range r) {
    return std::vector<int64_t>{0, r.unit, -r.unit, r.low, r.high, r.low - r.unit, r.high + r.unit, 2, -6};
  };
  auto in = [](Range r, int64_t off) { return off >= r.low && off <= r.high && off % r.unit == 0; };
  for (int64_t off : offsets(b26)) {
    l.add(in(b26, off) ? "b " + target(at(), off) : kRefused, [&](Assembler& a) { a.b(off); });
    l.add(in(b26, off) ? "bl " + target(at(), off) : kRefused, [&](Assembler& a) { a.bl(off); });
  }
  for (int64_t off : offsets(b19)) {
    for (int c = 0; c < 16; ++c)
      l.add(in(b19, off) ? std::string("b.") + kConds[c] + " " + target(at(), off) : kRefused, [&](Assembler& a) { a.b(Cond(c), off); });
    for (W w : {W::W32, W::W64})
      for (Reg r : kAll) {
        const bool ok = in(b19, off) && r != Reg::sp;
        l.add(ok ? "cbz " + name(w, r) + ", " + target(at(), off) : kRefused, [&](Assembler& a) { a.cbz(w, r, off); });
        l.add(ok ? "cbnz " + name(w, r) + ", " + target(at(), off) : kRefused, [&](Assembler& a) { a.cbnz(w, r, off); });
      }
  }
  for (int64_t off : offsets(b14))
    for (Reg r : kAll)
      for (unsigned bit : {0u, 1u, 31u, 32u, 63u, 64u}) {
        const bool ok = in(b14, off) && r != Reg::sp && bit < 64;
        auto t = [&]() { return name(bit < 32 ? W::W32 : W::W64, r) + ", #" + std::to_string(bit) + ", " + target(at(), off); };
        l.add(ok ? "tbz " + t() : kRefused, [&](Assembler& a) { a.tbz(r, uint8_t(bit), off); });
        l.add(ok ? "tbnz " + t() : kRefused, [&](Assembler& a) { a.tbnz(r, uint8_t(bit), off); });
      }
  for (int64_t off : offsets(adr))
    for (Reg r : kAll)
      for (int64_t extra : {0, 1, 3}) {
        const int64_t o = off + (off >= 0 ? -extra : extra);
        const bool ok = in(adr, o) && r != Reg::sp;
        l.add(ok ? "adr " + x(r) + ", " + target(at(), o) : kRefused, [&](Assembler& a) { a.adr(r, o); });
      }
  for (Reg r : kAll) {
    const bool ok = r != Reg::sp;
    l.add(ok ? "br " + x(r) : kRefused, [&](Assembler& a) { a.br(r); });
    l.add(ok ? "blr " + x(r) : kRefused, [&](Assembler& a) { a.blr(r); });
    l.add(!ok ? kRefused : r == Reg::x30 ? "ret" : "ret " + x(r), [&](Assembler& a) { a.ret(r); });
  }
  l.add("ret", [](Assembler& a) { a.ret(); });
  check(l);
}

TEST(JitArm64Assembler, LabelsForwardAndBack) {
  Listing l;
  Label back, ahead;
  l.assembler().bind(back);  // offset 0
  l.add("b 0x0", [&](Assembler& a) { a.b(back); });
  l.add("b.ne 0x0", [&](Assembler& a) { a.b(Cond::ne, back); });
  l.add("cbz w3, 0x0", [&](Assembler& a) { a.cbz(W::W32, Reg::x3, back); });
  l.add("tbnz x4, #40, 0x0", [&](Assembler& a) { a.tbnz(Reg::x4, 40, back); });
  l.add("adr x5, 0x0", [&](Assembler& a) { a.adr(Reg::x5, back); });
  // Forward: six branches wait in one chain; bound after them at 0x14 + 6 * 4 = 0x2c.
  l.add("b 0x2c", [&](Assembler& a) { a.b(ahead); });
  l.add("bl 0x2c", [&](Assembler& a) { a.bl(ahead); });
  l.add("b.hi 0x2c", [&](Assembler& a) { a.b(Cond::hi, ahead); });
  l.add("cbnz x6, 0x2c", [&](Assembler& a) { a.cbnz(W::W64, Reg::x6, ahead); });
  l.add("tbz w7, #3, 0x2c", [&](Assembler& a) { a.tbz(Reg::x7, 3, ahead); });
  l.add("adr x8, 0x2c", [&](Assembler& a) { a.adr(Reg::x8, ahead); });
  l.assembler().bind(ahead);
  EXPECT_EQ(ahead.at, 0x2c);
  l.add("ret", [](Assembler& a) { a.ret(); });
  // A branch linked afterwards, as calls between the functions of one block are.
  const uint32_t call_at = l.assembler().size();
  l.add("bl 0x0", [](Assembler& a) { a.bl(int64_t(0)); });
  l.assembler().patch_branch(call_at, 0);
  check(l);
  // A label bound twice is refused.
  Assembler a;
  Label twice;
  a.bind(twice);
  a.nop();
  EXPECT_FALSE(a.failed());
  a.bind(twice);
  EXPECT_TRUE(a.failed());
  EXPECT_NE(a.error().find("bound twice"), std::string::npos) << a.error();
}

// tbz reaches 32 KiB ahead at most: a label bound exactly there is reached, one word further is
// reported (and the branch replaced by udf), not wrapped around; a b.cond beside it still reaches.
TEST(JitArm64Assembler, LabelRangeLimits) {
  for (int extra : {0, 1}) {
    Listing l;
    Label far;
    const uint64_t bound = 0x7ffc + 4 * uint64_t(extra);
    l.add(extra ? kRefused : "tbz w1, #0, " + hex(bound), [&](Assembler& a) { a.tbz(Reg::x1, 0, far); });
    l.add("b.eq " + hex(bound), [&](Assembler& a) { a.b(Cond::eq, far); });
    while (l.assembler().size() < bound) l.add("nop", [](Assembler& a) { a.nop(); });
    l.assembler().bind(far);
    l.add("ret", [](Assembler& a) { a.ret(); });
    if (extra) {
      EXPECT_NE(l.assembler().error().find("tbz/tbnz at code offset 0x0"), std::string::npos) << l.assembler().error();
    }
    check(l);
  }
  // Backward, checked at once.
  Assembler a;
  Label start;
  a.bind(start);
  for (int i = 0; i < (1 << 13); ++i) a.nop();
  a.tbz(Reg::x0, 1, start);  // -0x8000: the limit
  EXPECT_FALSE(a.failed()) << a.error();
  a.tbz(Reg::x0, 1, start);  // -0x8004
  EXPECT_TRUE(a.failed());
}

// A waiting branch whose link to the previous one does not fit its own field (a tbz more than
// 32 KiB after a b to the same label) still reaches the label: the link is kept aside.
TEST(JitArm64Assembler, LabelChainLinksBeyondAField) {
  Listing l;
  Label target_label;
  const size_t filler = 9000;  // 36000 bytes: more than a tbz's field can count back
  const uint64_t bound_at = 4 + 4 * filler + 8;
  l.add("b " + hex(bound_at), [&](Assembler& a) { a.b(target_label); });
  for (size_t i = 0; i < filler; ++i) l.add("nop", [](Assembler& a) { a.nop(); });
  l.add("tbnz x9, #60, " + hex(bound_at), [&](Assembler& a) { a.tbnz(Reg::x9, 60, target_label); });
  l.add("cbz x2, " + hex(bound_at), [&](Assembler& a) { a.cbz(W::W64, Reg::x2, target_label); });
  l.assembler().bind(target_label);
  l.add("ret", [](Assembler& a) { a.ret(); });
  check(l);
}

// ---- floating point -------------------------------------------------------------------------

std::string fr(Fp fp, int r) { return (fp == Fp::F64 ? "d" : "s") + std::to_string(r); }
std::vector<std::array<int, 3>> vtriples() {
  std::vector<std::array<int, 3>> out;
  const int edge[] = {0, 1, 15, 16, 30, 31};
  for (int a : edge)
    for (int b : edge)
      for (int c : edge) out.push_back({a, b, c});
  for (int r = 0; r < 32; ++r) {
    out.push_back({r, 2, 3});
    out.push_back({4, r, 5});
    out.push_back({6, 7, r});
  }
  return out;
}

TEST(JitArm64Assembler, ScalarFloatingPoint) {
  Listing l;
  const std::pair<Fp2, const char*> two[] = {{Fp2::fmul, "fmul"}, {Fp2::fdiv, "fdiv"}, {Fp2::fadd, "fadd"},
                                             {Fp2::fsub, "fsub"}, {Fp2::fmax, "fmax"}, {Fp2::fmin, "fmin"},
                                             {Fp2::fmaxnm, "fmaxnm"}, {Fp2::fminnm, "fminnm"}, {Fp2::fnmul, "fnmul"}};
  const std::pair<Fp1, const char*> one[] = {{Fp1::fmov, "fmov"},     {Fp1::fabs, "fabs"},     {Fp1::fneg, "fneg"},
                                             {Fp1::fsqrt, "fsqrt"},   {Fp1::frintn, "frintn"}, {Fp1::frintp, "frintp"},
                                             {Fp1::frintm, "frintm"}, {Fp1::frintz, "frintz"}, {Fp1::frinta, "frinta"},
                                             {Fp1::frintx, "frintx"}, {Fp1::frinti, "frinti"}};
  for (Fp fp : {Fp::F32, Fp::F64}) {
    for (const auto& t : vtriples()) {
      const std::string ops = fr(fp, t[0]) + ", " + fr(fp, t[1]) + ", " + fr(fp, t[2]);
      for (const auto& op : two)
        l.add(std::string(op.second) + " " + ops, [&](Assembler& a) { a.fp2(op.first, fp, VReg(t[0]), VReg(t[1]), VReg(t[2])); });
      l.add("fcsel " + ops + ", " + kConds[t[0] % 16], [&](Assembler& a) { a.fcsel(fp, VReg(t[0]), VReg(t[1]), VReg(t[2]), Cond(t[0] % 16)); });
    }
    for (int d = 0; d < 32; ++d)
      for (int s = 0; s < 32; ++s) {
        const std::string ops = fr(fp, d) + ", " + fr(fp, s);
        for (const auto& op : one) l.add(std::string(op.second) + " " + ops, [&](Assembler& a) { a.fp1(op.first, fp, VReg(d), VReg(s)); });
        l.add("fcmp " + ops, [&](Assembler& a) { a.fcmp(fp, VReg(d), VReg(s)); });
        const Fp other = fp == Fp::F32 ? Fp::F64 : Fp::F32;
        l.add("fcvt " + fr(other, d) + ", " + fr(fp, s), [&](Assembler& a) { a.fcvt(other, VReg(d), VReg(s)); });
      }
    for (int r = 0; r < 32; ++r) l.add("fcmp " + fr(fp, r) + ", #0.0", [&](Assembler& a) { a.fcmp_zero(fp, VReg(r)); });
  }
  // The named forms.
  l.add("fadd s1, s2, s3", [](Assembler& a) { a.fadd(Fp::F32, VReg::v1, VReg::v2, VReg::v3); });
  l.add("fsub d1, d2, d3", [](Assembler& a) { a.fsub(Fp::F64, VReg::v1, VReg::v2, VReg::v3); });
  l.add("fmul d1, d2, d3", [](Assembler& a) { a.fmul(Fp::F64, VReg::v1, VReg::v2, VReg::v3); });
  l.add("fdiv s1, s2, s3", [](Assembler& a) { a.fdiv(Fp::F32, VReg::v1, VReg::v2, VReg::v3); });
  l.add("fmin d1, d2, d3", [](Assembler& a) { a.fmin(Fp::F64, VReg::v1, VReg::v2, VReg::v3); });
  l.add("fmax s1, s2, s3", [](Assembler& a) { a.fmax(Fp::F32, VReg::v1, VReg::v2, VReg::v3); });
  l.add("fsqrt d1, d2", [](Assembler& a) { a.fsqrt(Fp::F64, VReg::v1, VReg::v2); });
  l.add("fabs s1, s2", [](Assembler& a) { a.fabs(Fp::F32, VReg::v1, VReg::v2); });
  l.add("fneg d1, d2", [](Assembler& a) { a.fneg(Fp::F64, VReg::v1, VReg::v2); });
  l.add("frintm s1, s2", [](Assembler& a) { a.frintm(Fp::F32, VReg::v1, VReg::v2); });
  l.add("frintp d1, d2", [](Assembler& a) { a.frintp(Fp::F64, VReg::v1, VReg::v2); });
  l.add("frintz s1, s2", [](Assembler& a) { a.frintz(Fp::F32, VReg::v1, VReg::v2); });
  l.add("frintn d1, d2", [](Assembler& a) { a.frintn(Fp::F64, VReg::v1, VReg::v2); });
  l.add("fmov d1, d2", [](Assembler& a) { a.fmov(Fp::F64, VReg::v1, VReg::v2); });
  check(l);
}

TEST(JitArm64Assembler, FloatingPointAndGeneralRegisters) {
  Listing l;
  for (int v = 0; v < 32; ++v)
    for (Reg r : kAll)
      for (W w : {W::W32, W::W64}) {
        const bool sp = r == Reg::sp;
        const std::string fw = fr(w == W::W64 ? Fp::F64 : Fp::F32, v);
        l.add(sp ? kRefused : "fmov " + fw + ", " + name(w, r), [&](Assembler& a) { a.fmov(w, VReg(v), r); });
        l.add(sp ? kRefused : "fmov " + name(w, r) + ", " + fw, [&](Assembler& a) { a.fmov(w, r, VReg(v)); });
        for (Fp fp : {Fp::F32, Fp::F64}) {
          const std::string f = fr(fp, v);
          l.add(sp ? kRefused : "scvtf " + f + ", " + name(w, r), [&](Assembler& a) { a.scvtf(fp, VReg(v), w, r); });
          l.add(sp ? kRefused : "ucvtf " + f + ", " + name(w, r), [&](Assembler& a) { a.ucvtf(fp, VReg(v), w, r); });
          l.add(sp ? kRefused : "fcvtzs " + name(w, r) + ", " + f, [&](Assembler& a) { a.fcvtzs(w, r, fp, VReg(v)); });
          l.add(sp ? kRefused : "fcvtzu " + name(w, r) + ", " + f, [&](Assembler& a) { a.fcvtzu(w, r, fp, VReg(v)); });
        }
      }
  check(l);
}

TEST(JitArm64Assembler, System) {
  Listing l;
  for (uint16_t imm : {uint16_t(0), uint16_t(1), uint16_t(0x1234), uint16_t(0xffff)}) {
    l.add("brk #" + hex(imm), [&](Assembler& a) { a.brk(imm); });
    l.add("udf #" + std::to_string(imm), [&](Assembler& a) { a.udf(imm); });
  }
  l.add("dmb ish", [](Assembler& a) { a.dmb_ish(); });
  l.add("isb", [](Assembler& a) { a.isb(); });
  l.add("nop", [](Assembler& a) { a.nop(); });
  check(l);
}

// ---- NEON -----------------------------------------------------------------------------------

using Arr = Assembler::Arr;
const char* const kArr[] = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};
std::string vr(int r, Arr arr) { return "v" + std::to_string(r) + "." + kArr[int(arr)]; }
const char kLaneNames[] = {'b', 'h', 's', 'd'};

TEST(JitArm64Assembler, NeonThreeSame) {
  Listing l;
  using V3 = Assembler::Vec3;
  const std::pair<V3, const char*> ops[] = {
      {V3::add, "add"},     {V3::sub, "sub"},     {V3::mul, "mul"},     {V3::cmeq, "cmeq"},     {V3::cmgt, "cmgt"},
      {V3::cmge, "cmge"},   {V3::cmhi, "cmhi"},   {V3::cmhs, "cmhs"},   {V3::smax, "smax"},     {V3::smin, "smin"},
      {V3::umax, "umax"},   {V3::umin, "umin"},   {V3::sqadd, "sqadd"}, {V3::uqadd, "uqadd"},   {V3::sqsub, "sqsub"},
      {V3::uqsub, "uqsub"}, {V3::urhadd, "urhadd"}, {V3::sshl, "sshl"}, {V3::ushl, "ushl"},
      {V3::addp, "addp"},   {V3::sqrdmulh, "sqrdmulh"}};
  for (const auto& t : vtriples())
    for (const auto& op : ops)
      for (int arr = 0; arr < 8; ++arr) {
        const bool d_lanes = arr >= 6;
        const bool no_d = op.first == V3::mul || op.first == V3::smax || op.first == V3::smin ||
                          op.first == V3::umax || op.first == V3::umin || op.first == V3::urhadd;
        // sqrdmulh: h and s lanes only.
        const bool h_or_s = arr >= 2 && arr < 6;
        const bool ok = arr != int(Arr::D1) && !(d_lanes && no_d) && (op.first != V3::sqrdmulh || h_or_s);
        const Arr a = Arr(arr);
        l.add(ok ? std::string(op.second) + " " + vr(t[0], a) + ", " + vr(t[1], a) + ", " + vr(t[2], a) : kRefused,
              [&](Assembler& as) { as.vec3(op.first, a, VReg(t[0]), VReg(t[1]), VReg(t[2])); });
      }
  using VL = Assembler::VecLogic;
  const std::pair<VL, const char*> logic[] = {{VL::and_, "and"}, {VL::bic, "bic"}, {VL::orr, "orr"}, {VL::orn, "orn"},
                                              {VL::eor, "eor"},  {VL::bsl, "bsl"}, {VL::bit, "bit"}, {VL::bif, "bif"}};
  for (const auto& t : vtriples())
    for (const auto& op : logic)
      for (bool q : {false, true}) {
        const Arr a = q ? Arr::B16 : Arr::B8;
        const std::string text = op.first == VL::orr && t[1] == t[2]
                                     ? "mov " + vr(t[0], a) + ", " + vr(t[1], a)
                                     : std::string(op.second) + " " + vr(t[0], a) + ", " + vr(t[1], a) + ", " + vr(t[2], a);
        l.add(text, [&](Assembler& as) { as.vec_logic(op.first, q, VReg(t[0]), VReg(t[1]), VReg(t[2])); });
      }
  for (int d = 0; d < 32; ++d)
    for (int s = 0; s < 32; ++s)
      l.add("mov " + vr(d, Arr::B16) + ", " + vr(s, Arr::B16), [&](Assembler& as) { as.vec_mov(VReg(d), VReg(s)); });
  check(l);
}

TEST(JitArm64Assembler, NeonFloatingPoint) {
  Listing l;
  using F3 = Assembler::VecFp3;
  using F1 = Assembler::VecFp1;
  const std::pair<F3, const char*> three[] = {{F3::fadd, "fadd"}, {F3::fsub, "fsub"},   {F3::fmul, "fmul"},
                                              {F3::fdiv, "fdiv"}, {F3::fmax, "fmax"},   {F3::fmin, "fmin"},
                                              {F3::fcmeq, "fcmeq"}, {F3::fcmge, "fcmge"}, {F3::fcmgt, "fcmgt"}};
  const std::pair<F1, const char*> one[] = {{F1::fabs, "fabs"},     {F1::fneg, "fneg"},     {F1::fsqrt, "fsqrt"},
                                            {F1::frintn, "frintn"}, {F1::frintm, "frintm"}, {F1::frintp, "frintp"},
                                            {F1::frintz, "frintz"}, {F1::scvtf, "scvtf"},   {F1::ucvtf, "ucvtf"},
                                            {F1::fcvtzs, "fcvtzs"}, {F1::fcvtzu, "fcvtzu"}};
  for (Fp fp : {Fp::F32, Fp::F64}) {
    const Arr a = fp == Fp::F32 ? Arr::S4 : Arr::D2;
    for (const auto& t : vtriples()) {
      for (const auto& op : three)
        l.add(std::string(op.second) + " " + vr(t[0], a) + ", " + vr(t[1], a) + ", " + vr(t[2], a),
              [&](Assembler& as) { as.vec_fp3(op.first, fp, VReg(t[0]), VReg(t[1]), VReg(t[2])); });
      for (const auto& op : one)
        l.add(std::string(op.second) + " " + vr(t[0], a) + ", " + vr(t[1], a),
              [&](Assembler& as) { as.vec_fp1(op.first, fp, VReg(t[0]), VReg(t[1])); });
    }
  }
  check(l);
}

TEST(JitArm64Assembler, NeonMiscellaneous) {
  Listing l;
  using VM = Assembler::VecMisc;
  const std::pair<VM, const char*> ops[] = {{VM::abs, "abs"}, {VM::neg, "neg"}, {VM::cnt, "cnt"}};
  for (const auto& t : vtriples())
    for (const auto& op : ops)
      for (int arr = 0; arr < 8; ++arr) {
        const Arr a = Arr(arr);
        const bool ok = a != Arr::D1 && (op.first != VM::cnt || a == Arr::B8 || a == Arr::B16);
        l.add(ok ? std::string(op.second) + " " + vr(t[0], a) + ", " + vr(t[1], a) : kRefused,
              [&](Assembler& as) { as.vec_misc(op.first, a, VReg(t[0]), VReg(t[1])); });
      }
  check(l);
}

TEST(JitArm64Assembler, NeonWiden) {
  Listing l;
  const Arr narrow[] = {Arr::B8, Arr::H4, Arr::S2}, narrow_high[] = {Arr::B16, Arr::H8, Arr::S4},
            wide[] = {Arr::H8, Arr::S4, Arr::D2};
  for (const auto& t : vtriples())
    for (int w = 0; w < 3; ++w)
      for (bool is_signed : {true, false})
        for (bool high : {false, true}) {
          const std::string op = std::string(is_signed ? "sxtl" : "uxtl") + (high ? "2" : "");
          l.add(op + " " + vr(t[0], wide[w]) + ", " + vr(t[1], high ? narrow_high[w] : narrow[w]),
                [&](Assembler& as) { as.xtl(is_signed, Vw(w), high, VReg(t[0]), VReg(t[1])); });
        }
  check(l);
}

// Narrowing and long forms: the narrow lanes are B, H or S (Vw 0..2), the wide ones twice that.
TEST(JitArm64Assembler, NeonNarrowAndLong) {
  Listing l;
  const Arr narrow[] = {Arr::B8, Arr::H4, Arr::S2}, narrow_high[] = {Arr::B16, Arr::H8, Arr::S4},
            wide[] = {Arr::H8, Arr::S4, Arr::D2};
  using VN = Assembler::VecNarrow;
  const std::pair<VN, const char*> narrows[] = {
      {VN::xtn, "xtn"}, {VN::sqxtn, "sqxtn"}, {VN::sqxtun, "sqxtun"}, {VN::uqxtn, "uqxtn"}};
  for (const auto& t : vtriples()) {
    for (int w = 0; w < 3; ++w)
      for (bool high : {false, true}) {
        const Arr half = high ? narrow_high[w] : narrow[w];
        const std::string h = high ? "2" : "";
        for (const auto& op : narrows)
          l.add(op.second + h + " " + vr(t[0], half) + ", " + vr(t[1], wide[w]),
                [&](Assembler& as) { as.narrow(op.first, Vw(w), high, VReg(t[0]), VReg(t[1])); });
        for (bool is_signed : {true, false})
          l.add(std::string(is_signed ? "smull" : "umull") + h + " " + vr(t[0], wide[w]) + ", " + vr(t[1], half) +
                    ", " + vr(t[2], half),
                [&](Assembler& as) { as.mull(is_signed, Vw(w), high, VReg(t[0]), VReg(t[1]), VReg(t[2])); });
      }
    for (int w = 0; w < 3; ++w)
      for (bool is_signed : {true, false})
        l.add(std::string(is_signed ? "saddlp " : "uaddlp ") + vr(t[0], wide[w]) + ", " + vr(t[1], narrow_high[w]),
              [&](Assembler& as) { as.addlp(is_signed, Vw(w), VReg(t[0]), VReg(t[1])); });
    for (bool high : {false, true}) {
      const Arr f32s = high ? Arr::S4 : Arr::S2;
      l.add((high ? "fcvtn2 " : "fcvtn ") + vr(t[0], f32s) + ", " + vr(t[1], Arr::D2),
            [&](Assembler& as) { as.fcvtn(high, VReg(t[0]), VReg(t[1])); });
      l.add((high ? "fcvtl2 " : "fcvtl ") + vr(t[0], Arr::D2) + ", " + vr(t[1], f32s),
            [&](Assembler& as) { as.fcvtl(high, VReg(t[0]), VReg(t[1])); });
    }
  }
  // D lanes have nothing narrower to go to here; Q is no lane.
  for (Vw w : {Vw::D, Vw::Q}) {
    l.add(kRefused, [&](Assembler& as) { as.narrow(VN::xtn, w, false, VReg::v0, VReg::v1); });
    l.add(kRefused, [&](Assembler& as) { as.mull(true, w, false, VReg::v0, VReg::v1, VReg::v2); });
    l.add(kRefused, [&](Assembler& as) { as.addlp(false, w, VReg::v0, VReg::v1); });
  }
  check(l);
}

// tbl over 1 to 4 table registers, numbered on past v31 from v0. objdump lists three or four as
// a range (v1.16b-v3.16b) unless they wrap past v31.
TEST(JitArm64Assembler, NeonTableLookup) {
  Listing l;
  for (const auto& t : vtriples()) {
    for (unsigned count = 1; count <= 4; ++count) {
      std::string table;
      const int last = t[1] + int(count) - 1;
      if (count >= 3 && last < 32) table = vr(t[1], Arr::B16) + "-" + vr(last, Arr::B16);
      else
        for (unsigned k = 0; k < count; ++k) table += (k ? ", " : "") + vr(int((t[1] + k) % 32), Arr::B16);
      l.add("tbl " + vr(t[0], Arr::B16) + ", {" + table + "}, " + vr(t[2], Arr::B16),
            [&](Assembler& as) { as.tbl(VReg(t[0]), VReg(t[1]), count, VReg(t[2])); });
    }
  }
  for (unsigned count : {0u, 5u})
    l.add(kRefused, [&](Assembler& as) { as.tbl(VReg::v0, VReg::v1, count, VReg::v2); });
  check(l);
}

TEST(JitArm64Assembler, NeonLanes) {
  Listing l;
  for (int v = 0; v < 32; ++v) {
    for (Reg r : kAll)
      for (int arr = 0; arr < 8; ++arr) {
        const Arr a = Arr(arr);
        const bool ok = r != Reg::sp && a != Arr::D1;
        l.add(ok ? "dup " + vr(v, a) + ", " + name(arr >= 6 ? W::W64 : W::W32, r) : kRefused,
              [&](Assembler& as) { as.dup(a, VReg(v), r); });
      }
    for (int lw = 0; lw < 4; ++lw) {
      const unsigned lanes = 16u >> lw;
      const std::string lane_suffix = std::string(".") + kLaneNames[lw];
      for (unsigned lane : {0u, 1u, lanes - 1, lanes}) {
        const bool in = lane < lanes;
        const std::string element = "v" + std::to_string(31 - v) + lane_suffix + "[" + std::to_string(lane) + "]";
        const std::string dst_element = "v" + std::to_string(v) + lane_suffix + "[" + std::to_string(lane) + "]";
        // dup of a lane, to the full arrangement of that lane size.
        const Arr full = Arr(2 * lw + 1);
        l.add(in ? "dup " + vr(v, full) + ", " + element : kRefused,
              [&](Assembler& as) { as.dup(full, VReg(v), VReg(31 - v), uint8_t(lane)); });
        for (Reg r : {Reg::x0, Reg::x17, Reg::x30, Reg::zr, Reg::sp}) {
          const bool ok = in && r != Reg::sp;
          const W gw = lw == 3 ? W::W64 : W::W32;
          l.add(ok ? "mov " + dst_element + ", " + name(gw, r) : kRefused,
                [&](Assembler& as) { as.ins(Vw(lw), VReg(v), uint8_t(lane), r); });
          // umov of S and D lanes is shown as mov.
          l.add(ok ? std::string(lw >= 2 ? "mov " : "umov ") + name(gw, r) + ", " + element : kRefused,
                [&](Assembler& as) { as.umov(Vw(lw), r, VReg(31 - v), uint8_t(lane)); });
          for (W w : {W::W32, W::W64}) {
            const bool smov_ok = ok && (lw < 2 || (lw == 2 && w == W::W64));
            l.add(smov_ok ? "smov " + name(w, r) + ", " + element : kRefused,
                  [&](Assembler& as) { as.smov(Vw(lw), w, r, VReg(31 - v), uint8_t(lane)); });
          }
        }
        const unsigned src_lane = lanes - 1 - (lane % lanes);
        const std::string src = "v" + std::to_string((v + 7) % 32) + lane_suffix + "[" + std::to_string(src_lane) + "]";
        l.add(in ? "mov " + dst_element + ", " + src : kRefused,
              [&](Assembler& as) { as.ins(Vw(lw), VReg(v), uint8_t(lane), VReg((v + 7) % 32), uint8_t(src_lane)); });
      }
    }
  }
  check(l);
}

}  // namespace
}  // namespace mnemo::jit::arm64
