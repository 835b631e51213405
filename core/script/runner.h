// core/script/runner.h: runs a parsed WAST script and reports, command by command, what passed,
// failed or was skipped. Every command is one item. Module checks (definitions, assert_malformed,
// assert_invalid) need no execution; the rest goes through an Executor when one is given.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/script/executor.h"
#include "core/text/wast.h"

namespace mnemo {

enum class Verdict : uint8_t { Passed, Failed, Skipped };

struct CommandReport {
  Verdict verdict = Verdict::Passed;
  CommandKind kind = CommandKind::Module;
  uint32_t line = 0;  // of the command in the script, 1-based
  uint32_t column = 0;
  std::string expected;  // what the script asks for: "malformed: \"unexpected end\"", "i32:42"
  std::string actual;    // what happened; for a skip, the reason
  // assert_malformed / assert_invalid / traps passed, but our message does not start with the
  // script's text (the reference interpreter's rule). Informational: the verdict stays Passed.
  bool message_mismatch = false;
};

struct ScriptReport {
  uint32_t passed = 0;
  uint32_t failed = 0;
  uint32_t skipped = 0;
  uint32_t message_mismatches = 0;
  std::vector<CommandReport> commands;  // one per command of the script, in order
};

struct RunOptions {
  Executor* executor = nullptr;  // = nullptr  // no execution: commands that need it are skipped
  // = true  // the 2.0 suite's assertions that multi-memory lifts are skipped, not failed (see
  //         // kLiftedByMultiMemory); false judges them by WebAssembly 2.0 alone
  bool multi_memory = true;
};

ScriptReport run_script(const Script& script, const RunOptions& options = {});

// The skip reason of commands that need execution when RunOptions::executor is null.
inline constexpr const char* kNeedsInterpreter = "needs the interpreter";

// The WebAssembly 2.0 rules that multi-memory (WebAssembly 3.0) replaces, by the failure text of
// the 2.0 suite's assertions: a module may define or import several memories; the byte after
// memory.size / memory.grow is a memory index; memarg flags with bit 6 set announce a memory
// index. An assert_malformed / assert_invalid with one of these texts whose module we accept is
// skipped with a reason starting with kLiftedReason, never failed.
inline constexpr const char* kLiftedByMultiMemory[] = {"multiple memories", "zero byte expected",
                                                       "malformed memop flags"};
inline constexpr const char* kLiftedReason = "lifted by multi-memory";

}  // namespace mnemo
