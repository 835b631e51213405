// web/ui/source_view.cpp: the Source panel's lines and the instruction <-> line maps
// (source_view.h).
#include "web/ui/source_view.h"

#include <algorithm>

namespace mnemo::ui {

std::vector<std::string> split_source_lines(std::string_view text) {
  constexpr size_t kTabStop = 4;
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string line;
    line.reserve(raw.size());
    for (char c : raw) {
      if (c == '\t') line.append(kTabStop - line.size() % kTabStop, ' ');
      else line += c;
    }
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

SourceView SourceView::as_printed(const Module&, const PrintedModule& printed) {
  SourceView v;
  v.lines_ = split_source_lines(printed.text);
  v.func_lines_ = printed.func_lines;
  v.original_ = false;
  v.index_lines();
  return v;
}

SourceView SourceView::as_written(const Module& module, std::string_view text, const PrintedModule& printed) {
  const std::vector<uint32_t>& starts = module.line_starts;
  if (starts.empty() || starts.front() != 0) return as_printed(module, printed);
  SourceView v;
  v.func_lines_.resize(module.funcs.size());
  for (size_t f = 0; f < module.funcs.size(); ++f) {
    const Expr& body = module.funcs[f].body;
    v.func_lines_[f].reserve(body.size());
    for (const Instr& in : body) {
      if (in.pos >= text.size()) return as_printed(module, printed);
      const auto it = std::upper_bound(starts.begin(), starts.end(), in.pos);
      v.func_lines_[f].push_back(uint32_t(it - starts.begin()));  // 1-based: starts[0] == 0
    }
  }
  v.lines_ = split_source_lines(text);
  v.original_ = true;
  v.index_lines();
  return v;
}

void SourceView::index_lines() {
  by_line_.clear();
  for (uint32_t f = 0; f < func_lines_.size(); ++f)
    for (uint32_t i = 0; i < func_lines_[f].size(); ++i) by_line_.push_back({func_lines_[f][i], {f, i}});
  std::sort(by_line_.begin(), by_line_.end());
}

std::optional<uint32_t> SourceView::line_of(uint32_t defined, uint32_t instr) const {
  if (defined >= func_lines_.size() || instr >= func_lines_[defined].size()) return std::nullopt;
  return func_lines_[defined][instr];
}

std::vector<std::pair<uint32_t, uint32_t>> SourceView::instructions_on(uint32_t line) const {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  auto it = std::lower_bound(by_line_.begin(), by_line_.end(), line,
                             [](const auto& entry, uint32_t l) { return entry.first < l; });
  for (; it != by_line_.end() && it->first == line; ++it) out.push_back(it->second);
  return out;
}

std::optional<std::pair<uint32_t, uint32_t>> SourceView::first_instruction_on(uint32_t line) const {
  auto it = std::lower_bound(by_line_.begin(), by_line_.end(), line,
                             [](const auto& entry, uint32_t l) { return entry.first < l; });
  if (it == by_line_.end() || it->first != line) return std::nullopt;
  return it->second;
}

}  // namespace mnemo::ui
