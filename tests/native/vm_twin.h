// tests/native/vm_twin.h: one module instantiated twice, in a normal translation (fused forms,
// accumulator twins: core/vm/translate.cpp) and a debuggable one (one op per instruction,
// the generic handlers the spec suites check), so that a test can ask both the same calls.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "core/vm/code.h"
#include "core/vm/code_printer.h"
#include "vm_test_helpers.h"

namespace mnemo::testing {

// Two worlds running the same module: `fast` as it normally runs, `plain` one op per instruction.
struct Twin {
  World fast_world, plain_world;
  Instance* fast = nullptr;
  Instance* plain = nullptr;

  explicit Twin(std::string_view wat) {
    fast = fast_world.must_instantiate(wat);
    InstantiateOptions debuggable;
    debuggable.debuggable = true;
    plain = plain_world.must_instantiate(wat, debuggable);
  }

  // Calls `name` in both and expects equal results (or equal traps); returns the fast results.
  CallResult agree(std::string_view name, std::vector<WasmValue> args) {
    CallResult a = fast_world.call(fast, name, args);
    CallResult b = plain_world.call(plain, name, args);
    EXPECT_EQ(a.trap.has_value(), b.trap.has_value()) << name;
    if (a.trap && b.trap) {
      EXPECT_EQ(a.trap->message, b.trap->message) << name;
    }
    EXPECT_EQ(a.values.size(), b.values.size()) << name;
    for (size_t i = 0; i < std::min(a.values.size(), b.values.size()); ++i) {
      EXPECT_EQ(a.values[i].type, b.values[i].type) << name << " result " << i;
      if (a.values[i].type == ValType::V128)
        EXPECT_EQ(a.values[i].v128.bytes, b.values[i].v128.bytes) << name << " result " << i;
      else
        EXPECT_EQ(a.values[i].bits, b.values[i].bits) << name << " result " << i;
    }
    return a;
  }

  // The ops of the normal translation of export `name`, in order.
  std::vector<vm::VmOp> ops(std::string_view name) {
    // Translation is lazy for some callers: one call makes sure the code exists.
    FuncInstance* f = fast->find_export(name)->func;
    std::vector<vm::VmOp> out;
    if (!f->compiled) return out;
    for (const vm::DecodedOp& d : vm::decode_translated_code(*vm::interp_code(*f))) out.push_back(d.op);
    return out;
  }
  bool has(std::string_view name, vm::VmOp op) {
    std::vector<vm::VmOp> o = ops(name);
    return std::find(o.begin(), o.end(), op) != o.end();
  }
};

}  // namespace mnemo::testing
