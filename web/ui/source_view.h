// web/ui/source_view.h: what the Source panel shows, and which line each instruction is on.
// A module loaded from text is shown as written, comments and layout kept: the text parser
// records where each instruction was read (Instr::pos, a byte offset into the text, and
// Module::line_starts), so an instruction's line is the line its keyword stands on. A module
// loaded from binary has no text of its own: it is shown as the printer writes it, with the
// printer's line of each instruction. Lines are 1-based throughout, as an editor numbers them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/module.h"
#include "core/text/printer.h"

namespace mnemo::ui {

class SourceView {
 public:
  SourceView() = default;
  // The module as written in `text` (from which it was parsed). When the module carries no
  // positions into `text` (no line_starts, or an instruction outside it), falls back to `printed`:
  // a line map that points at the wrong lines would be worse than the printer's text.
  static SourceView as_written(const Module& module, std::string_view text, const PrintedModule& printed);
  // The module as the printer writes it (a binary module).
  static SourceView as_printed(const Module& module, const PrintedModule& printed);

  const std::vector<std::string>& lines() const { return lines_; }
  bool shows_original_text() const { return original_; }
  // The line of instruction `instr` of defined function `defined` (0 for the first function the
  // module defines, not counting imports); nullopt past the function's body.
  std::optional<uint32_t> line_of(uint32_t defined, uint32_t instr) const;
  // The instruction a click on `line` means: of those written on it, the one that runs first
  // (the lowest function, then the lowest index: `(i32.add (local.get 0) (i32.const 1))` runs
  // local.get first). `defined` counts defined functions as line_of does.
  std::optional<std::pair<uint32_t, uint32_t>> first_instruction_on(uint32_t line) const;
  // Every instruction written on `line`, in the order first_instruction_on prefers.
  std::vector<std::pair<uint32_t, uint32_t>> instructions_on(uint32_t line) const;

 private:
  void index_lines();

  std::vector<std::string> lines_;
  bool original_ = false;
  std::vector<std::vector<uint32_t>> func_lines_;  // [defined function][instruction] -> line
  // (line, (defined function, instruction)), sorted by line then by function and instruction.
  std::vector<std::pair<uint32_t, std::pair<uint32_t, uint32_t>>> by_line_;
};

// `text` cut at its line breaks ('\n', a '\r' before it dropped); tabs become spaces to the next
// multiple of four, since the panel's font has no tab glyph. A final newline ends the last line
// and starts no new one.
std::vector<std::string> split_source_lines(std::string_view text);

}  // namespace mnemo::ui
