// tests/native/validate_suite_test.cpp: the validator against the spec test suite's modules: every
// module a script defines must validate, every module of assert_invalid must fail with the
// expected message ("multiple memories" is valid with multi-memory). Binary modules are decoded,
// text modules parsed; a module the parser or decoder rejects is their tests' business.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/validate/validate.h"
#include "suite_modules.h"

namespace mnemo {
namespace {

struct Counts {
  int valid = 0;
  int invalid = 0;
  int text = 0;  // of both, read from the text format
  int unreadable = 0;
};

TEST(ValidateSuite, ModulesOfTheSpecTests) {
  Counts total;
  for (const testing::SuiteModule& m : testing::load_suite_modules()) {
    const bool is_module = m.context == CommandKind::Module;
    const bool is_invalid = m.context == CommandKind::AssertInvalid;
    if (!is_module && !is_invalid) continue;
    const bool binary = m.form == ScriptModule::Form::Binary;
    Result<Module> module = testing::read_suite_module(m);
    if (!module.ok()) {
      // The suite's binary modules outside assert_malformed all decode; text is the parser's business.
      if (binary) ADD_FAILURE() << m.where << ": decoding failed: " << module.error().str();
      ++total.unreadable;
      continue;
    }
    if (!binary) ++total.text;
    Status status = validate_module(*module);
    if (is_module || m.message == "multiple memories") {
      EXPECT_TRUE(status.ok()) << m.where << ": " << status.error().str();
      ++total.valid;
    } else {
      EXPECT_FALSE(status.ok()) << m.where << ": expected \"" << m.message << "\"";
      if (!status.ok()) {
        EXPECT_NE(status.error().message.find(m.message), std::string::npos)
            << m.where << ": expected \"" << m.message << "\", got " << status.error().str();
      }
      ++total.invalid;
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
