// web/ui/panel_page_map.cpp: a memory's page map, drawn above its hex view in the Memories panel.
// One small square per 64 KiB page (or per run of pages, when a memory has more pages than the
// map has room for): grey when no byte of it was ever touched, lighter when something was; its
// left half glows in the read colour and its right half in the write colour with the reads and
// writes of recent steps (web/ui/page_activity.h), so which memory is used for what shows at a
// glance. Clicking a square scrolls the hex view to that page.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "web/ui/panels.h"

namespace mnemo::ui {

namespace {

constexpr float kCell = 14.0f;
constexpr float kGap = 2.0f;
constexpr int kMaxRows = 3;  // the map stays small: pages are grouped past this many rows

// How strongly a page glows: one access just now gives three quarters, a busy page nears full.
float Glow(double heat) { return float(heat / (heat + 0.35)); }

ImU32 Mix(ImU32 base, ImU32 top, float amount) {
  const ImVec4 a = ImGui::ColorConvertU32ToFloat4(base);
  const ImVec4 b = ImGui::ColorConvertU32ToFloat4(top);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(a.x + (b.x - a.x) * amount, a.y + (b.y - a.y) * amount,
                                               a.z + (b.z - a.z) * amount, 1.0f));
}

std::string PageRange(const PageHeat& cell) {
  char buf[96];
  const uint64_t start = cell.first_page * kWasmPageSize;
  const uint64_t end = (cell.first_page + cell.page_count) * kWasmPageSize;
  if (cell.page_count == 1)
    std::snprintf(buf, sizeof buf, "page %" PRIu64 ": [0x%" PRIx64 ", 0x%" PRIx64 ")", cell.first_page, start, end);
  else
    std::snprintf(buf, sizeof buf, "pages %" PRIu64 "-%" PRIu64 ": [0x%" PRIx64 ", 0x%" PRIx64 ")", cell.first_page,
                  cell.first_page + cell.page_count - 1, start, end);
  return buf;
}

}  // namespace

void DrawPageMap(const DebuggerModel& model, MemoryViewState& view, uint32_t index, float width) {
  const std::vector<PageHeat> pages = model.memory_map(index);
  if (pages.empty()) {
    ImGui::TextDisabled("page map: no pages");
    return;
  }
  const int columns = std::max(1, int((width + kGap) / (kCell + kGap)));
  const uint64_t room = uint64_t(columns) * kMaxRows;
  const std::vector<PageHeat> cells = summarize_pages(pages, std::min<uint64_t>(pages.size(), room));
  const uint64_t touched = uint64_t(std::count_if(pages.begin(), pages.end(), [](const PageHeat& p) { return p.touched; }));
  ImGui::TextDisabled("page map: %" PRIu64 " of %zu page%s touched%s (left: reads, right: writes)", touched,
                      pages.size(), pages.size() == 1 ? "" : "s",
                      cells.size() < pages.size() ? ", grouped" : "");

  const int rows = int((cells.size() + columns - 1) / columns);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 size(std::min(width, float(std::min<size_t>(cells.size(), columns)) * (kCell + kGap)),
                    float(rows) * (kCell + kGap));
  ImGui::InvisibleButton("pagemap", size);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 read = HighlightColor(Highlight::Role::Read);
  const ImU32 write = HighlightColor(Highlight::Role::Write);
  const uint64_t selected_page = view.selected / kWasmPageSize;
  for (size_t c = 0; c < cells.size(); ++c) {
    const PageHeat& cell = cells[c];
    const ImVec2 a(origin.x + float(c % columns) * (kCell + kGap), origin.y + float(c / columns) * (kCell + kGap));
    const ImVec2 mid(a.x + kCell / 2, a.y + kCell);
    const ImVec2 b(a.x + kCell, a.y + kCell);
    const ImU32 base = cell.touched ? IM_COL32(105, 105, 120, 255) : IM_COL32(45, 45, 54, 255);
    draw->AddRectFilled(a, mid, Mix(base, read, Glow(cell.reads)));
    draw->AddRectFilled(ImVec2(mid.x, a.y), b, Mix(base, write, Glow(cell.writes)));
    if (selected_page >= cell.first_page && selected_page - cell.first_page < cell.page_count)
      draw->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(255, 255, 255, 230));
  }

  if (!hovered) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const int col = int((mouse.x - origin.x) / (kCell + kGap));
  const int row = int((mouse.y - origin.y) / (kCell + kGap));
  const size_t c = size_t(row) * size_t(columns) + size_t(col);
  if (col < 0 || col >= columns || row < 0 || c >= cells.size()) return;
  const PageHeat& cell = cells[c];
  ImGui::SetTooltip("%s\n%s\nrecent reads %.1f, writes %.1f\nclick: show it in the hex view", PageRange(cell).c_str(),
                    cell.touched ? "touched" : "never touched", cell.reads, cell.writes);
  if (clicked) {
    view.scroll_to = cell.first_page * kWasmPageSize;
    view.selected = cell.first_page * kWasmPageSize;
  }
}

}  // namespace mnemo::ui
