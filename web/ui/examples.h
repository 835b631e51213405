// web/ui/examples.h: the programs of examples/, compiled into the debugger for its Examples menu.
#pragma once

#include <string_view>
#include <vector>

namespace mnemo::ui {

struct Example {
  std::string_view file;   // "02-copy-record.wat"
  std::string_view title;  // the header's first line after the file name
  std::string_view text;
};

const std::vector<Example>& examples();

}  // namespace mnemo::ui
