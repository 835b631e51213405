// tests/native/validate_suite_test.cpp: the validator against the spec test suite's modules: every
// module a script defines must validate, every module of assert_invalid must fail with the
// expected message ("multiple memories" is valid with multi-memory). Binary modules are decoded,
// text modules parsed; a module the parser or decoder rejects is their tests' business.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/binary/reader.h"
#include "core/text/wast.h"
#include "core/text/wat_parser.h"
#include "core/validate/validate.h"

namespace mnemo {
namespace {

namespace fs = std::filesystem;

struct Counts {
  int valid = 0;
  int invalid = 0;
  int text = 0;  // of both, read from the text format
  int unreadable = 0;
};

// The module of a command, decoded or parsed; an Error when that fails.
Result<Module> read(const Script& script, const ScriptModule& sm) {
  switch (sm.form) {
    case ScriptModule::Form::Binary:
      return decode_module(std::span(reinterpret_cast<const uint8_t*>(sm.bytes.data()), sm.bytes.size()));
    case ScriptModule::Form::Text:
      return parse_wat(script.source, sm.begin, sm.end);
    case ScriptModule::Form::Quote:
      return parse_wat(sm.bytes);
  }
  return Error{"", "unknown module form"};
}

Counts check_script(const fs::path& path) {
  Counts counts;
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  Result<Script> script = parse_wast(text.str());
  if (!script.ok()) return counts;  // not a script (inline-module.wast); the parser's tests own this
  for (const Command& cmd : script->commands) {
    const bool is_module = cmd.kind == CommandKind::Module;
    const bool is_invalid = cmd.kind == CommandKind::AssertInvalid;
    if ((!is_module && !is_invalid) || !cmd.module) continue;
    const bool binary = cmd.module->form == ScriptModule::Form::Binary;
    Result<Module> module = read(*script, *cmd.module);
    const std::string at = path.filename().string() + ":" + std::to_string(cmd.line);
    if (!module.ok()) {
      // The suite's binary modules outside assert_malformed all decode; text is the parser's business.
      if (binary) ADD_FAILURE() << at << ": decoding failed: " << module.error().str();
      ++counts.unreadable;
      continue;
    }
    if (!binary) ++counts.text;
    Status status = validate_module(*module);
    if (is_module || cmd.message == "multiple memories") {
      EXPECT_TRUE(status.ok()) << at << ": " << status.error().str();
      ++counts.valid;
    } else {
      EXPECT_FALSE(status.ok()) << at << ": expected \"" << cmd.message << "\"";
      if (!status.ok()) {
        EXPECT_NE(status.error().message.find(cmd.message), std::string::npos)
            << at << ": expected \"" << cmd.message << "\", got " << status.error().str();
      }
      ++counts.invalid;
    }
  }
  return counts;
}

TEST(ValidateSuite, ModulesOfTheSpecTests) {
  const fs::path root = MNEMO_TESTSUITE_DIR;
  if (!fs::exists(root)) GTEST_SKIP() << "no test suite at " << root;
  Counts total;
  for (const char* folder : {"core", "core/simd", "multi-memory"}) {
    for (const auto& entry : fs::directory_iterator(root / folder)) {
      if (entry.path().extension() != ".wast") continue;
      Counts c = check_script(entry.path());
      total.valid += c.valid;
      total.invalid += c.invalid;
      total.text += c.text;
      total.unreadable += c.unreadable;
    }
  }
  std::printf("validated %d valid and %d invalid modules (%d from text); %d not readable\n", total.valid,
              total.invalid, total.text, total.unreadable);
  // The suite defines 74 binary modules (68 valid, 6 in assert_invalid) beside thousands in text.
  EXPECT_GE(total.valid + total.invalid - total.text, 70);
  EXPECT_GE(total.invalid, 5);
}

}  // namespace
}  // namespace mnemo
