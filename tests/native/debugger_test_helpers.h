// tests/native/debugger_test_helpers.h: what the debugger model's tests share: the text of an
// example compiled into the debugger (web/ui/examples.h).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "web/ui/examples.h"

namespace mnemo::ui::testing {

inline std::string example_text(std::string_view file) {
  for (const Example& e : examples())
    if (e.file == file) return std::string(e.text);
  ADD_FAILURE() << "no example " << file;
  return {};
}

}  // namespace mnemo::ui::testing
