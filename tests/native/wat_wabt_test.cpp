// tests/native/wat_wabt_test.cpp: parse_wat against an independent implementation. Each module
// is also compiled by wabt's wat2wasm (when installed) and decoded by mnemo's binary reader; the
// two modules must be structurally equal.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/binary/reader.h"
#include "core/text/wat_parser.h"

namespace mnemo {
namespace {

constexpr const char* kWat2Wasm = "/usr/bin/wat2wasm";

// Modules written so that both encoders must agree (no empty `else`, no `(type $t)` block type
// for a type wabt would shorten to a value type, no typed select without results).
const char* const kModules[] = {
    R"((module
      (memory $a 1) (memory $b 2 3) (memory $c (data "xyz"))
      (data (memory $b) (i32.const 8) "hello") (data $p "passive")
      (func (export "f") (param i32) (result i32)
        (i32.store8 $b offset=3 (local.get 0) (i32.const 7))
        (memory.copy $a $b (i32.const 0) (i32.const 0) (i32.const 4))
        (memory.fill $c (i32.const 0) (i32.const 1) (i32.const 2))
        (memory.init $b $p (i32.const 0) (i32.const 0) (i32.const 1))
        (data.drop $p)
        (drop (memory.grow $c (i32.const 1)))
        (i32.add (i32.load16_u $c align=1 (local.get 0)) (memory.size $b)))))",
    R"((module
      (memory 1) (memory 1)
      (func (param v128) (result v128)
        (v128.store32_lane 1 offset=4 2 (i32.const 0) (local.get 0))
        (v128.load8_lane 1 3 (i32.const 0) (local.get 0))
        (v128.load64_lane 1 (i32.const 0))
        (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
        (v128.const f32x4 1 -2.5 inf -nan)
        i8x16.add)))",
    R"((module
      (type $t (func (param i32) (result i32)))
      (import "m" "f" (func $imp (type $t)))
      (table $tab 2 funcref)
      (global $g (mut i64) (i64.const -1))
      (elem (table $tab) (i32.const 0) func $imp $loc)
      (elem $d declare func $loc)
      (func $loc (type $t) (local $x i64)
        (block $out (result i32)
          (loop $top
            (br_if $out (local.get 0) (i32.eqz (local.get 0)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br $top))
          (i32.const 0))
        (if (result i32) (then (call_indirect $tab (type $t) (i32.const 1) (i32.const 0)))
                         (else (global.set $g (i64.const 3)) (i32.const 2))))
      (start 0)))",
};

Result<Module> wabt_module(const std::string& wat) {
  auto dir = std::filesystem::temp_directory_path() / ("mnemo_wat_wabt_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "m.wat") << wat; }
  std::string cmd = std::string(kWat2Wasm) + " --enable-multi-memory --no-check " + (dir / "m.wat").string() +
                    " -o " + (dir / "m.wasm").string() + " 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) return Error{"", "wat2wasm failed"};
  std::ifstream in(dir / "m.wasm", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  std::filesystem::remove_all(dir);
  return decode_module(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

TEST(WatWabt, SameModuleAsWat2Wasm) {
  if (!std::filesystem::exists(kWat2Wasm)) GTEST_SKIP() << "wat2wasm not installed";
  for (const char* text : kModules) {
    auto mine = parse_wat(text);
    ASSERT_TRUE(mine.ok()) << mine.error().str();
    auto theirs = wabt_module(text);
    ASSERT_TRUE(theirs.ok()) << theirs.error().str() << "\n" << text;
    EXPECT_EQ(structural_difference(*mine, *theirs), "") << text;
  }
}

}  // namespace
}  // namespace mnemo
