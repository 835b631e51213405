// tests/native/suite_modules.h: every module written in the official spec scripts (core,
// core/simd, multi-memory), with the command it appears in, for the suite-wide tests.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/text/wast.h"

namespace mnemo::testing {

struct SuiteModule {
  std::string where;                 // "multi-memory/load0.wast:12:1"
  ScriptModule::Form form;
  CommandKind context;               // the command holding the module
  std::string text;                  // Text: the `(module ...)` form; Quote: the quoted text
  std::string bytes;                 // Binary: the module's bytes
};

inline const std::vector<std::string>& suite_folders() {
  static const std::vector<std::string> folders = {"core", "core/simd", "multi-memory"};
  return folders;
}

inline std::vector<std::filesystem::path> suite_scripts(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(MNEMO_TESTSUITE_DIR) / folder))
    if (entry.path().extension() == ".wast") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// All modules of all three suites, in file order. A script that fails to parse is reported as
// a module whose `where` says so and whose form is Quote with empty text (it then fails tests).
inline std::vector<SuiteModule> load_suite_modules() {
  std::vector<SuiteModule> out;
  for (const std::string& folder : suite_folders()) {
    for (const auto& path : suite_scripts(folder)) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      const std::string rel = folder + "/" + path.filename().string();
      auto script = parse_wast(buffer.str());
      if (!script) {
        out.push_back({rel + ": " + script.error().str(), ScriptModule::Form::Quote, CommandKind::Module, "", ""});
        continue;
      }
      for (const Command& c : script->commands) {
        if (!c.module) continue;
        SuiteModule m{rel + ":" + std::to_string(c.line) + ":" + std::to_string(c.column), c.module->form, c.kind, "", ""};
        if (c.module->form == ScriptModule::Form::Text)
          m.text = script->source.substr(c.module->begin, c.module->end - c.module->begin);
        else if (c.module->form == ScriptModule::Form::Quote)
          m.text = c.module->bytes;
        else
          m.bytes = c.module->bytes;
        out.push_back(std::move(m));
      }
    }
  }
  return out;
}

inline std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace mnemo::testing
