// tests/native/suite_modules.h: the official spec scripts (core, core/simd, multi-memory) for the
// suite-wide tests: their files, and every module written in them with the command it appears in.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "core/binary/reader.h"
#include "core/text/wast.h"
#include "core/text/wat_parser.h"

namespace mnemo::testing {

struct SuiteModule {
  std::string where;                 // "multi-memory/load0.wast:12:1", the command's position
  ScriptModule::Form form;
  CommandKind context;               // the command holding the module
  std::string text;                  // Text: the `(module ...)` form; Quote: the quoted text
  std::string bytes;                 // Binary: the module's bytes
  std::string message;               // assertions: the expected failure text; else empty
};

inline const std::vector<std::string>& suite_folders() {
  static const std::vector<std::string> folders = {"core", "core/simd", "multi-memory"};
  return folders;
}

// The .wast files of one folder ("core/simd"), sorted by name.
inline std::vector<std::filesystem::path> suite_scripts(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(MNEMO_TESTSUITE_DIR) / folder))
    if (entry.path().extension() == ".wast") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string read_script(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The modules of one folder's scripts, in file order. A script that does not parse as WAST is a
// failure of the calling test (ADD_FAILURE) and contributes no modules.
inline std::vector<SuiteModule> load_suite_modules(const std::string& folder) {
  std::vector<SuiteModule> out;
  for (const auto& path : suite_scripts(folder)) {
    const std::string rel = folder + "/" + path.filename().string();
    auto script = parse_wast(read_script(path));
    if (!script) {
      ADD_FAILURE() << rel << ": not a WAST script: " << script.error().str();
      continue;
    }
    for (const Command& c : script->commands) {
      if (!c.module) continue;
      SuiteModule m{rel + ":" + std::to_string(c.line) + ":" + std::to_string(c.column), c.module->form, c.kind, "", "",
                    c.message};
      if (c.module->form == ScriptModule::Form::Text)
        m.text = script->source.substr(c.module->begin, c.module->end - c.module->begin);
      else if (c.module->form == ScriptModule::Form::Quote)
        m.text = c.module->bytes;
      else
        m.bytes = c.module->bytes;
      out.push_back(std::move(m));
    }
  }
  return out;
}

// All modules of all three suites, in folder and file order.
inline std::vector<SuiteModule> load_suite_modules() {
  std::vector<SuiteModule> out;
  for (const std::string& folder : suite_folders())
    for (SuiteModule& m : load_suite_modules(folder)) out.push_back(std::move(m));
  return out;
}

inline std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// The module read as its form says: Binary decoded, Text and Quote parsed (not validated).
inline Result<Module> read_suite_module(const SuiteModule& m) {
  return m.form == ScriptModule::Form::Binary ? decode_module(as_bytes(m.bytes)) : parse_wat(m.text);
}

}  // namespace mnemo::testing
