// core/script/load.h: modules from scripts and files, through the stages the spec's assertions
// distinguish: decoding/parsing (assert_malformed) and validation (assert_invalid).
#pragma once

#include <string>
#include <string_view>

#include "core/module.h"
#include "core/result.h"
#include "core/text/wast.h"

namespace mnemo {

struct CheckedModule {
  enum class Stage : uint8_t {
    Malformed,  // decoding or parsing failed; `error` says why
    Invalid,    // read fine, validation failed; `error` says why, `module` holds what was read
    Valid,      // `module` is ready to instantiate
  };
  Stage stage = Stage::Malformed;
  Error error;
  Module module;
};

// Reads (parse_wat / decode_module) and validates a script's module. Errors from quoted text
// name positions in that text and say so ("quoted text line 1:8").
CheckedModule check_script_module(const Script& script, const ScriptModule& module);

// True when `content` starts with the binary magic "\0asm" (spec 5.5.16).
bool is_binary_module(std::string_view content);

// A module file's content, read as binary or text by its first bytes (not validated).
Result<Module> read_module_content(std::string_view content);

}  // namespace mnemo
