// tests/native/debugger_test_helpers.h: what the debugger model's tests share: the text of an
// example compiled into the debugger (web/ui/examples.h), and the Source panel's line that holds
// a given instruction.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "web/ui/debugger_model.h"
#include "web/ui/examples.h"

namespace mnemo::ui::testing {

inline std::string example_text(std::string_view file) {
  for (const Example& e : examples())
    if (e.file == file) return std::string(e.text);
  ADD_FAILURE() << "no example " << file;
  return {};
}

// The first line of the Source panel that has an instruction on it and whose code (the part
// before a `;;` comment) contains `code`: comments that mention an instruction do not count.
inline std::optional<uint32_t> code_line_with(const DebuggerModel& m, std::string_view code) {
  const auto& lines = m.source_lines();
  for (uint32_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = std::string_view(lines[i]).substr(0, lines[i].find(";;"));
    if (line.find(code) != std::string_view::npos && m.location_at_line(i + 1)) return i + 1;
  }
  return std::nullopt;
}

}  // namespace mnemo::ui::testing
