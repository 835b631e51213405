// tests/native/printer_roundtrip_test.cpp: parse(print(m)) is structurally m and printing is a fixed
// point, for hand-written modules and for every module of the spec test suite; for the hand-written
// ones also text -> binary -> printed text -> binary gives identical bytes.
#include <gtest/gtest.h>

#include <cstdio>

#include "core/binary/reader.h"
#include "core/binary/writer.h"
#include "core/text/printer.h"
#include "core/text/wat_parser.h"
#include "suite_modules.h"

namespace mnemo {
namespace {

// Returns an empty string when the module survives print -> parse unchanged, else what broke.
std::string round_trip_problem(const Module& m) {
  const std::string text = print_module(m);
  Result<Module> again = parse_wat(text);
  if (!again.ok()) return "printed text does not parse: " + again.error().str() + "\n" + text;
  if (std::string d = structural_difference(m, *again); !d.empty()) return d + "\n" + text;
  if (std::string twice = print_module(*again); twice != text)
    return "printing is not a fixed point:\n" + text + "\nthen\n" + twice;
  return {};
}

// Text -> binary -> printed text -> binary gives the same bytes; empty string when it does.
// Custom sections have no text form in WebAssembly 2.0, so they are left out of the comparison.
std::string binary_round_trip_problem(Module m) {
  m.customs.clear();
  const std::vector<uint8_t> bytes = encode_module(m);
  Result<Module> decoded = decode_module(bytes);
  if (!decoded.ok()) return "encoded module does not decode: " + decoded.error().str();
  const std::string text = print_module(*decoded);
  Result<Module> again = parse_wat(text);
  if (!again.ok()) return "printed text does not parse: " + again.error().str() + "\n" + text;
  if (encode_module(*again) != bytes) return "bytes differ after printing\n" + text;
  return {};
}

Module parse_or_die(std::string_view text) {
  Result<Module> m = parse_wat(text);
  EXPECT_TRUE(m.ok()) << m.error().str();
  return m.ok() ? std::move(m).value() : Module{};
}

TEST(PrinterRoundTrip, MultiMemory) {
  Module m = parse_or_die(R"(
    (module
      (memory $a 1)
      (memory $b 2 4)
      (func (export "f") (param i32) (result i32)
        (memory.copy $b $a (i32.const 0) (i32.const 16) (i32.const 8))
        (memory.init $b $d (i32.const 0) (i32.const 0) (i32.const 1))
        (memory.fill 1 (i32.const 0) (i32.const 7) (i32.const 3))
        (drop (memory.grow $b (i32.const 1)))
        (drop (memory.size 1))
        (v128.store32_lane 1 offset=4 align=1 2 (i32.const 0) (v128.const i64x2 1 -1))
        (i64.store $b offset=8 align=2 (i32.const 0) (i64.const -5))
        (data.drop $d)
        (i32.load $b offset=4 (local.get 0)))
      (data (memory $b) (i32.const 8) "\00\01abc\ff")
      (data $d "xyz"))
  )");
  EXPECT_EQ(round_trip_problem(m), "");
  EXPECT_EQ(binary_round_trip_problem(m), "");
}

TEST(PrinterRoundTrip, FloatsAndControl) {
  Module m = parse_or_die(R"(
    (module
      (type $t (func (param i32) (result i32)))
      (func $f (param $x i32) (result i32) (local $y f32) (local f64)
        (f32.const nan:0x200000) (drop) (f32.const -nan) (drop) (f32.const -0x0p+0) (drop)
        (f64.const 0x1p-1074) (drop) (f64.const -inf) (drop) (f32.const 0x1.fffffep+127) (drop)
        (f64.const nan:0x1) (drop) (f32.const 0.1) (drop)
        (block $out (result i32)
          (local.get $x)
          (if (type $t) (then (br_table 0 1 2 (local.get $x))) (else (i32.const 1)))
          (loop $l (br_if $l (i32.const 0)))
          (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3))
          (drop))))
  )");
  EXPECT_EQ(round_trip_problem(m), "");
  EXPECT_EQ(binary_round_trip_problem(m), "");
}

TEST(PrinterRoundTrip, TablesElemsImports) {
  Module m = parse_or_die(R"(
    (module
      (type (func))
      (import "env" "f" (func $imp (param f64)))
      (import "env" "t" (table $ext 1 externref))
      (import "env" "g" (global $g i32))
      (import "env" "m" (memory 1 2))
      (table $tab 2 10 funcref)
      (global $h (mut funcref) (ref.func $k))
      (func $k (call_indirect $tab (type 0) (i32.const 0))
        (table.copy $tab $tab (i32.const 0) (i32.const 0) (i32.const 0))
        (table.init $tab 1 (i32.const 0) (i32.const 0) (i32.const 0))
        (elem.drop 2)
        (drop (table.get $ext (i32.const 0)))
        (drop (ref.null extern)))
      (elem (table $tab) (i32.const 0) func $k $imp)
      (elem funcref (ref.func $k) (ref.null func))
      (elem declare func $k)
      (elem (table $ext) (global.get $g) externref (ref.null extern))
      (start $k))
  )");
  EXPECT_EQ(round_trip_problem(m), "");
  EXPECT_EQ(binary_round_trip_problem(m), "");
}

// Every module of the spec suite that parses or decodes prints back to a structurally equal module,
// and printing it is a fixed point. (The trip through the binary format, text -> binary -> printed
// text -> binary, is roundtrip_suite_test.cpp's.)
TEST(PrinterRoundTrip, SpecSuiteModules) {
  size_t modules = 0, failures = 0;
  for (const testing::SuiteModule& sm : testing::load_suite_modules()) {
    if (sm.context == CommandKind::AssertMalformed) continue;
    Result<Module> m = testing::read_suite_module(sm);
    if (!m.ok()) continue;  // the parser's and decoder's suite tests own this
    ++modules;
    if (std::string problem = round_trip_problem(*m); !problem.empty()) {
      ++failures;
      ADD_FAILURE() << sm.where << ": " << problem.substr(0, 4000);
    }
  }
  std::printf("%zu spec modules round-tripped\n", modules);
  EXPECT_GT(modules, 500u);
  EXPECT_EQ(failures, 0u) << "of " << modules << " modules";
}

}  // namespace
}  // namespace mnemo
