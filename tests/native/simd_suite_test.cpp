// simd_suite_test: the expectations of the spec suite's core/simd/*.wast checked directly
// against scalar:: and host::, without the VM. A tiny evaluator runs the straight-line
// functions those scripts export (local.get/set/tee, constants, drop, v128.load/store and every
// SIMD op on one memory); functions using anything else are counted as skipped, as are traps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "core/opcodes.h"
#include "core/script/load.h"
#include "core/script/match.h"
#include "core/simd/simd.h"
#include "core/text/wast.h"

namespace mnemo {
namespace {

ValType val_type(SigType t) {
  switch (t) {
    case SigType::I64: return ValType::I64;
    case SigType::F32: return ValType::F32;
    case SigType::F64: return ValType::F64;
    case SigType::V128: return ValType::V128;
    default: return ValType::I32;
  }
}

class Machine {
 public:
  std::vector<Value> stack;
  std::vector<Value> locals;
  std::vector<uint8_t> memory;

  // Calls one SIMD function: operands come off the stack left to right in parameter order,
  // lane and shuffle immediates from the instruction. False when the access is out of bounds.
  template <class R, class... A>
  bool call(R (*f)(A...), const Instr& in) {
    constexpr size_t operands = ((is_operand<A>() ? 1 : 0) + ... + 0);
    if (stack.size() < operands) return false;
    size_t next = stack.size() - operands;
    bool in_bounds = true;
    auto get = [&]<class T>(std::type_identity<T>) -> T {
      if constexpr (std::is_same_v<T, uint8_t>) {
        return in.lane;
      } else if constexpr (std::is_same_v<T, const V128&>) {
        return in.v128;
      } else if constexpr (std::is_same_v<T, V128>) {
        return stack[next++].v128;
      } else if constexpr (std::is_pointer_v<T>) {
        uint64_t ea = uint64_t(uint32_t(stack[next++].bits)) + in.mem.offset;
        if (ea + (uint64_t(1) << info(in.op).align) > memory.size()) {
          in_bounds = false;
          return nullptr;
        }
        return memory.data() + ea;
      } else {
        return T(stack[next++].bits);
      }
    };
    std::tuple<A...> args{get(std::type_identity<A>{})...};  // braces: evaluated in order
    if (!in_bounds) return false;
    stack.resize(stack.size() - operands);
    if constexpr (!std::is_void_v<R>) {
      R r = std::apply(f, args);
      Value v;
      v.type = val_type(info(in.op).result);
      if constexpr (std::is_same_v<R, V128>) {
        v.v128 = r;
      } else {
        v.bits = r;
      }
      stack.push_back(v);
    } else {
      std::apply(f, args);
    }
    return true;
  }

 private:
  template <class T>
  static constexpr bool is_operand() {
    return !std::is_same_v<T, uint8_t> && !std::is_same_v<T, const V128&>;
  }
};

// The SIMD rows through one path; false when the opcode is not a SIMD function.
bool dispatch_scalar(Machine& m, const Instr& in, bool& ok) {
  switch (in.op) {
#define MNEMO_SIMD_OP(Name, text, Imm, align) \
  case Opcode::Name: ok = m.call(&simd::scalar::Name, in); return true;
#include "core/simd/each_op.h"
#undef MNEMO_SIMD_OP
    default: return false;
  }
}

bool dispatch_host(Machine& m, const Instr& in, bool& ok) {
  switch (in.op) {
#define MNEMO_SIMD_OP(Name, text, Imm, align) \
  case Opcode::Name: ok = m.call(&simd::host::Name, in); return true;
#include "core/simd/each_op.h"
#undef MNEMO_SIMD_OP
    default: return false;
  }
}

using Dispatch = bool (*)(Machine&, const Instr&, bool&);

enum class Outcome { Done, Unsupported };

// Runs a function body; Unsupported for any instruction outside the evaluator's small set.
Outcome run(Machine& m, const Expr& body, Dispatch dispatch) {
  for (const Instr& in : body) {
    bool ok = true;
    switch (in.op) {
      case Opcode::LocalGet:
        if (in.index >= m.locals.size()) return Outcome::Unsupported;
        m.stack.push_back(m.locals[in.index]);
        break;
      case Opcode::LocalSet:
      case Opcode::LocalTee:
        if (in.index >= m.locals.size() || m.stack.empty()) return Outcome::Unsupported;
        m.locals[in.index] = m.stack.back();
        if (in.op == Opcode::LocalSet) m.stack.pop_back();
        break;
      case Opcode::Drop:
        if (m.stack.empty()) return Outcome::Unsupported;
        m.stack.pop_back();
        break;
      case Opcode::I32Const:
      case Opcode::I64Const:
      case Opcode::F32Const:
      case Opcode::F64Const: {
        Value v;
        v.type = val_type(info(in.op).result);
        v.bits = in.bits;
        m.stack.push_back(v);
        break;
      }
      case Opcode::V128Const: {
        Value v;
        v.type = ValType::V128;
        v.v128 = in.v128;
        m.stack.push_back(v);
        break;
      }
      case Opcode::V128Load:
      case Opcode::V128Store: {
        bool store = in.op == Opcode::V128Store;
        if (m.stack.size() < (store ? 2u : 1u)) return Outcome::Unsupported;
        Value value = store ? m.stack.back() : Value{};
        if (store) m.stack.pop_back();
        uint64_t ea = uint64_t(uint32_t(m.stack.back().bits)) + in.mem.offset;
        m.stack.pop_back();
        if (ea + 16 > m.memory.size()) return Outcome::Unsupported;  // a trap
        if (store) {
          std::memcpy(m.memory.data() + ea, value.v128.bytes.data(), 16);
        } else {
          Value v;
          v.type = ValType::V128;
          v.v128 = simd::load_v128(m.memory.data() + ea);
          m.stack.push_back(v);
        }
        break;
      }
      case Opcode::End:
        return Outcome::Done;
      default:
        if (!dispatch(m, in, ok) || !ok) return Outcome::Unsupported;
    }
  }
  return Outcome::Done;
}

struct Counts {
  int passed = 0;
  int skipped = 0;
  std::vector<std::string> failures;
};

// One memory at most, with its active data segments placed; false if that is not possible.
bool init_memory(const Module& module, std::vector<uint8_t>& memory) {
  memory.clear();
  if (module.memory_count() == 0) return true;
  if (module.memory_count() > 1 || module.memories.empty() || module.memories[0].limits.min > 16) return false;
  memory.assign(module.memories[0].limits.min * 65536, 0);
  for (const DataSegment& d : module.datas) {
    if (d.mode != DataSegment::Mode::Active) continue;
    if (d.offset.empty() || d.offset[0].op != Opcode::I32Const) return false;
    uint64_t at = uint32_t(d.offset[0].bits);
    if (at + d.bytes.size() > memory.size()) return false;
    std::memcpy(memory.data() + at, d.bytes.data(), d.bytes.size());
  }
  return true;
}

void run_script(const std::filesystem::path& path, Dispatch dispatch, Counts& counts) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  auto script = parse_wast(text.str());
  ASSERT_TRUE(script.ok()) << path;
  std::optional<Module> current;
  std::vector<uint8_t> memory;
  bool memory_ok = false;
  for (const Command& cmd : script->commands) {
    if (cmd.kind == CommandKind::Module && cmd.module && !cmd.module->definition) {
      CheckedModule checked = check_script_module(*script, *cmd.module);
      current.reset();
      if (checked.stage == CheckedModule::Stage::Valid) {
        current = std::move(checked.module);
        memory_ok = init_memory(*current, memory);
      }
      continue;
    }
    if (cmd.kind != CommandKind::AssertReturn && cmd.kind != CommandKind::Action) continue;
    if (!cmd.action || cmd.action->kind != Action::Kind::Invoke || !cmd.action->instance.empty() || !current ||
        !memory_ok) {
      counts.skipped += cmd.kind == CommandKind::AssertReturn;
      continue;
    }
    const Module& module = *current;
    const Export* ex = nullptr;
    for (const Export& e : module.exports)
      if (e.kind == ExternKind::Func && e.name == cmd.action->name) ex = &e;
    uint32_t imported = module.imported_count(ExternKind::Func);
    if (!ex || ex->index < imported) {
      counts.skipped += cmd.kind == CommandKind::AssertReturn;
      continue;
    }
    const Function& func = module.funcs[ex->index - imported];
    const FuncType& type = module.types[func.type];
    Machine m;
    m.memory = memory;
    m.locals = cmd.action->args;
    for (ValType t : func.locals) {
      Value v;
      v.type = t;
      m.locals.push_back(v);
    }
    if (run(m, func.body, dispatch) != Outcome::Done || m.stack.size() != type.results.size()) {
      counts.skipped += cmd.kind == CommandKind::AssertReturn;
      continue;
    }
    memory = m.memory;  // actions may store to memory for later assertions
    if (cmd.kind == CommandKind::Action) continue;
    if (matches(cmd.expected, m.stack)) {
      ++counts.passed;
    } else {
      std::string got;
      for (const Value& v : m.stack) got += " " + describe(v);
      std::string want;
      for (const Expected& e : cmd.expected) want += " " + describe(e);
      counts.failures.push_back(path.filename().string() + ":" + script->line_column(cmd.pos) + " " +
                                cmd.action->name + " got" + got + " want" + want);
    }
  }
}

Counts run_suite(Dispatch dispatch) {
  Counts counts;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(MNEMO_TESTSUITE_DIR "/core/simd"))
    if (entry.path().extension() == ".wast") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) run_script(f, dispatch, counts);
  return counts;
}

void expect_suite_passes(Dispatch dispatch, const char* path_name) {
  if (!std::filesystem::exists(MNEMO_TESTSUITE_DIR "/core/simd")) GTEST_SKIP() << "no spec suite";
  Counts counts = run_suite(dispatch);
  for (size_t i = 0; i < counts.failures.size() && i < 40; ++i) ADD_FAILURE() << counts.failures[i];
  EXPECT_TRUE(counts.failures.empty()) << counts.failures.size() << " assertions failed";
  // The evaluator covers most of the suite's assertions; fewer would mean it stopped working.
  EXPECT_GT(counts.passed, 20000);
  std::printf("[ simd suite ] %s: %d passed, %zu failed, %d skipped\n", path_name, counts.passed,
              counts.failures.size(), counts.skipped);
}

TEST(SimdSuite, ScalarPathMeetsTheSuite) { expect_suite_passes(&dispatch_scalar, "scalar"); }

TEST(SimdSuite, HostPathMeetsTheSuite) { expect_suite_passes(&dispatch_host, simd::kHostKind); }

}  // namespace
}  // namespace mnemo
