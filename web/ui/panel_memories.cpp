// web/ui/panel_memories.cpp: the Memories panel: one hex view per linear memory, side by side
// (one table column each), drawn fresh every frame from the memory's current size (memory.grow
// can change it). The last step's reads and writes are highlighted; a memory.copy's source and
// destination are highlighted in their own colours and joined by an arrow; views follow the
// last access; a trap marks the faulting bytes. Above each view its page map (panel_page_map.cpp);
// clicking a byte selects it for the typed inspector (panel_typed_inspector.cpp), outlined here;
// shift-click or a drag selects a range, which W (or the right-click menu) watches and the
// right-click menu asks "who wrote this?" about. Watched bytes are underlined; a transfer picked in
// the ledger is marked in both of its memories.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>  // key codes only: both platforms feed Dear ImGui through GLFW

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "web/ui/panels.h"

namespace mnemo::ui {

namespace {

constexpr float kMinColumnWidth = 300.0f;
constexpr int kColumnsAtOnce = 4;

std::string Bytes(uint64_t n) {
  char buf[48];
  if (n >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", double(n) / double(1ull << 20));
  else if (n >= 1024) std::snprintf(buf, sizeof buf, "%" PRIu64 " KiB", n / 1024);
  else std::snprintf(buf, sizeof buf, "%" PRIu64 " B", n);
  return buf;
}

const char* RoleName(Highlight::Role role) {
  switch (role) {
    case Highlight::Role::Read: return "read";
    case Highlight::Role::Write: return "write";
    case Highlight::Role::CopySource: return "copy source";
    case Highlight::Role::CopyDestination: return "copy destination";
    case Highlight::Role::Fill: return "fill";
    case Highlight::Role::Init: return "init";
    case Highlight::Role::Fault: return "fault";
  }
  return "";
}

void Legend() {
  const Highlight::Role roles[] = {Highlight::Role::Read, Highlight::Role::Write, Highlight::Role::CopySource,
                                   Highlight::Role::CopyDestination, Highlight::Role::Init, Highlight::Role::Fault};
  for (Highlight::Role r : roles) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + h, p.y + h), HighlightColor(r));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(r == Highlight::Role::Init ? "fill/init" : RoleName(r));
    ImGui::SameLine(0, 14);
  }
  ImGui::NewLine();
}

// The highlight covering byte `address` of memory `index`, if any (later ones win).
const Highlight* HighlightAt(const std::vector<const Highlight*>& mine, uint64_t address) {
  const Highlight* found = nullptr;
  for (const Highlight* h : mine)
    if (address >= h->address && address - h->address < h->size) found = h;
  return found;
}

// Selects the bytes from the view's anchor to `address`, whichever way the pointer went.
void SelectRangeTo(MemoryViewState& view, uint64_t address) {
  view.selected = std::min(view.anchor, address);
  view.selected_length = std::max(view.anchor, address) - view.selected + 1;
}

bool InRange(uint64_t address, uint64_t start, uint64_t length) { return address >= start && address - start < length; }

// The marked ledger row's range in memory `index`, if it has one there (destination first).
std::optional<MemoryRange> MarkedIn(const UiState& ui, uint32_t index, bool source) {
  if (!ui.marked_transfer) return std::nullopt;
  const Transfer& t = *ui.marked_transfer;
  if (!source && t.memory == index) return MemoryRange{t.memory, t.address, t.length};
  if (source && t.src_memory && *t.src_memory == index) return MemoryRange{index, t.src_address, t.length};
  return std::nullopt;
}

void ContextMenu(DebuggerModel& model, UiState& ui, uint32_t index) {
  if (!ImGui::BeginPopup("byte menu")) return;
  const MemoryViewState& view = ui.memory_views[index];
  ImGui::TextDisabled("memory %u [0x%" PRIx64 ", 0x%" PRIx64 ")", index, view.selected, view.selected + view.selected_length);
  if (ImGui::MenuItem("Watch writes", "W")) WatchSelection(model, ui, index, Watchpoint::On::Write);
  if (ImGui::MenuItem("Watch reads")) WatchSelection(model, ui, index, Watchpoint::On::Read);
  if (ImGui::MenuItem("Watch reads and writes")) WatchSelection(model, ui, index, Watchpoint::On::Any);
  if (ImGui::MenuItem("Who wrote this?")) ui.who_wrote = MemoryRange{index, view.selected, view.selected_length};
  ImGui::EndPopup();
}

void DrawHeader(const DebuggerModel& model, const MemoryDescription& d) {
  ImGui::Text("memory %u %s", d.index, d.name.c_str());
  std::string where;
  if (!d.import_name.empty()) where += "import " + d.import_name + "  ";
  if (!d.export_name.empty()) where += "export \"" + d.export_name + "\"  ";
  if (!where.empty()) ImGui::TextDisabled("%s", where.c_str());
  ImGui::TextDisabled("%" PRIu64 " page%s (max %s), %s%s", d.pages, d.pages == 1 ? "" : "s",
                      d.max_pages ? std::to_string(*d.max_pages).c_str() : "none", Bytes(d.size_bytes).c_str(),
                      d.live ? "" : ", initial image");
  const StepEffects& fx = model.last_effects();
  if (fx.grow && fx.grow->memory == d.index) {
    if (fx.grow->result < 0)
      ImGui::TextColored(ImVec4(1, .6f, .3f, 1), "memory.grow failed: stays %" PRIu64 " pages", fx.grow->old_pages);
    else
      ImGui::TextColored(ImVec4(.5f, .9f, .5f, 1), "memory.grow: %" PRIu64 " -> %" PRIu64 " pages", fx.grow->old_pages,
                         d.pages);
  }
  if (const auto& trap = model.last_trap(); trap && trap->fault && trap->fault->memory == d.index)
    ImGui::TextColored(ImVec4(1, .4f, .4f, 1), "trap: %" PRIu64 " bytes at 0x%" PRIx64 " (size 0x%" PRIx64 ")",
                       trap->fault->size, trap->fault->address, d.size_bytes);
}

void DrawView(DebuggerModel& model, UiState& ui, uint32_t index, float width) {
  MemoryViewState& view = ui.memory_views[index];
  const MemoryDescription d = model.describe_memory(index);
  DrawHeader(model, d);

  ImGui::SetNextItemWidth(width * 0.45f);
  if (ImGui::InputTextWithHint("##goto", "go to address (hex)", &view.goto_text, ImGuiInputTextFlags_EnterReturnsTrue)) {
    char* end = nullptr;
    const uint64_t a = std::strtoull(view.goto_text.c_str(), &end, 16);
    if (end != view.goto_text.c_str()) {
      view.scroll_to = a;
      view.selected = view.anchor = a;
      view.selected_length = 1;
    }
  }
  ImGui::SameLine();
  ImGui::Checkbox("follow", &view.follow);

  std::vector<const Highlight*> mine;
  for (const Highlight& h : model.highlights())
    if (h.memory == index) mine.push_back(&h);

  const float char_w = ImGui::CalcTextSize("0").x;
  // Bytes per row: the widest of 16, 8, 4 that fits "offset  hex...  ascii".
  int per_row = 16;
  while (per_row > 4 && (10 + per_row * 3 + 1 + per_row) * char_w + 24 > width) per_row /= 2;
  const uint64_t rows = (d.size_bytes + per_row - 1) / per_row;
  const float line_h = ImGui::GetTextLineHeight() + 1;

  DrawPageMap(model, view, index, width);

  ImGui::BeginChild("hex", ImVec2(width, 0), true);
  if (view.scroll_to) {
    const uint64_t row = std::min(*view.scroll_to, d.size_bytes ? d.size_bytes - 1 : 0) / per_row;
    ImGui::SetScrollY(float(row) * line_h - ImGui::GetWindowHeight() * 0.3f);
    view.scroll_to.reset();
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::optional<MemoryRange> marked_dst = MarkedIn(ui, index, false), marked_src = MarkedIn(ui, index, true);
  std::vector<Watchpoint> watched;
  for (const WatchEntry& w : model.watchpoints())
    if (w.watch.memory == index) watched.push_back(w.watch);
  const int shown_rows = int(std::min<uint64_t>(rows, uint64_t(INT32_MAX)));
  ImGuiListClipper clipper;
  clipper.Begin(shown_rows, line_h);
  std::vector<uint8_t> bytes(per_row);
  std::string text;
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const uint64_t base = uint64_t(r) * per_row;
      const uint64_t n = model.read_memory(index, base, bytes.data(), per_row);
      char buf[24];
      std::snprintf(buf, sizeof buf, "%08" PRIx64 "  ", base);
      text = buf;
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const size_t hex_col = text.size();
      const size_t ascii_col = hex_col + per_row * 3 + 1;
      for (int i = 0; i < per_row; ++i) {
        if (uint64_t(i) < n) std::snprintf(buf, sizeof buf, "%02x ", bytes[i]);
        else std::snprintf(buf, sizeof buf, "   ");
        text += buf;
      }
      text += ' ';
      for (int i = 0; i < per_row && uint64_t(i) < n; ++i) text += (bytes[i] >= 32 && bytes[i] < 127) ? char(bytes[i]) : '.';
      // Highlights behind the hex pair and the ASCII character of each covered byte.
      for (int i = 0; i < per_row && uint64_t(i) < n && !mine.empty(); ++i) {
        const Highlight* h = HighlightAt(mine, base + i);
        if (!h) continue;
        const ImU32 color = HighlightColor(h->role);
        const float hx = p.x + (hex_col + i * 3) * char_w;
        const float ax = p.x + (ascii_col + i) * char_w;
        draw->AddRectFilled(ImVec2(hx - 1, p.y), ImVec2(hx + 2 * char_w + 1, p.y + line_h), color);
        draw->AddRectFilled(ImVec2(ax, p.y), ImVec2(ax + char_w, p.y + line_h), color);
        RangeAnchor* anchor = h->role == Highlight::Role::CopySource        ? &ui.copy_source
                              : h->role == Highlight::Role::CopyDestination ? &ui.copy_destination
                                                                            : nullptr;
        if (anchor && !anchor->visible) {
          anchor->visible = true;
          anchor->min = ImVec2(p.x, p.y);
          anchor->max = ImVec2(p.x + (ascii_col + per_row) * char_w, p.y + line_h);
        }
      }
      for (int i = 0; i < per_row && uint64_t(i) < n; ++i) {
        const uint64_t a = base + uint64_t(i);
        const float hx = p.x + float(hex_col + i * 3) * char_w;
        const float ax = p.x + float(ascii_col + i) * char_w;
        // The ledger's marked transfer, in both of its memories.
        const bool marked = (marked_dst && InRange(a, marked_dst->address, marked_dst->length)) ||
                            (marked_src && InRange(a, marked_src->address, marked_src->length));
        if (marked) {
          draw->AddRectFilled(ImVec2(hx - 1, p.y), ImVec2(hx + 2 * char_w + 1, p.y + line_h), kMarkedTransferColor);
          draw->AddRectFilled(ImVec2(ax, p.y), ImVec2(ax + char_w, p.y + line_h), kMarkedTransferColor);
        }
        // The selected range (beyond its first byte, outlined below).
        if (view.selected_length > 1 && InRange(a, view.selected, view.selected_length))
          draw->AddRectFilled(ImVec2(hx - 1, p.y), ImVec2(hx + 2 * char_w + 1, p.y + line_h), IM_COL32(255, 255, 255, 50));
        for (const Watchpoint& w : watched)
          if (InRange(a, w.address, w.length)) {
            draw->AddLine(ImVec2(hx - 1, p.y + line_h - 1), ImVec2(hx + 2 * char_w + 1, p.y + line_h - 1), kWatchedColor, 2.0f);
            break;
          }
      }
      // The inspector's byte, outlined in both columns.
      if (view.selected >= base && view.selected - base < n) {
        const uint64_t i = view.selected - base;
        const float hx = p.x + float(hex_col + i * 3) * char_w;
        const float ax = p.x + float(ascii_col + i) * char_w;
        const ImU32 outline = IM_COL32(255, 255, 255, 220);
        draw->AddRect(ImVec2(hx - 2, p.y), ImVec2(hx + 2 * char_w + 2, p.y + line_h), outline);
        draw->AddRect(ImVec2(ax - 1, p.y), ImVec2(ax + char_w + 1, p.y + line_h), outline);
      }
      ImGui::TextUnformatted(text.c_str());
      // A click on a hex pair or an ASCII character selects that byte; shift-click or a drag
      // selects the range from the byte clicked; a right-click opens the byte menu.
      if (ImGui::IsItemHovered()) {
        const float x = (ImGui::GetIO().MousePos.x - p.x) / char_w;
        const size_t column = x < 0 ? SIZE_MAX : size_t(x);
        std::optional<uint64_t> at;
        if (column >= hex_col && column < hex_col + size_t(per_row) * 3) at = (column - hex_col) / 3;
        else if (column >= ascii_col && column < ascii_col + size_t(per_row)) at = column - ascii_col;
        if (at && *at < n) {
          const uint64_t b = base + *at;
          if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            if (ImGui::GetIO().KeyShift) {
              SelectRangeTo(view, b);
            } else {
              view.anchor = view.selected = b;
              view.selected_length = 1;
              view.dragging = true;
            }
          } else if (view.dragging && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            SelectRangeTo(view, b);
          }
          if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
            if (!InRange(b, view.selected, view.selected_length)) {
              view.anchor = view.selected = b;
              view.selected_length = 1;
            }
            ImGui::OpenPopup("byte menu");
          }
        }
      }
    }
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) view.dragging = false;
  // W watches the selected range for writes while the pointer is over this view.
  if (ImGui::IsWindowHovered() && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_W, false))
    WatchSelection(model, ui, index, Watchpoint::On::Write);
  ContextMenu(model, ui, index);
  ImGui::EndChild();
}

// The arrow from memory.copy's source range to its destination range (the "last step" line above
// the views says the same in words).
void DrawCopyLink(const UiState& ui) {
  if (!ui.copy_source.visible || !ui.copy_destination.visible) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const RangeAnchor& a = ui.copy_source;
  const RangeAnchor& b = ui.copy_destination;
  const bool left_to_right = a.min.x <= b.min.x;
  const ImVec2 from(left_to_right ? a.max.x : a.min.x, (a.min.y + a.max.y) * 0.5f);
  const ImVec2 to(left_to_right ? b.min.x - 4 : b.max.x + 4, (b.min.y + b.max.y) * 0.5f);
  const float bend = std::max(60.0f, std::abs(to.x - from.x) * 0.4f) * (left_to_right ? 1.0f : -1.0f);
  const ImU32 color = IM_COL32(255, 220, 90, 255);
  draw->AddBezierCubic(from, ImVec2(from.x + bend, from.y), ImVec2(to.x - bend, to.y), to, color, 3.0f);
  const float dir = left_to_right ? -1.0f : 1.0f;
  draw->AddTriangleFilled(to, ImVec2(to.x + dir * 12, to.y - 7), ImVec2(to.x + dir * 12, to.y + 7), color);
}

// Whether the memory maps are being fed: a full-speed run with no recording and no watchpoint is
// not observed (debugger_model.h), and the maps, who wrote and the ledger miss its accesses.
void DrawObservation(const DebuggerModel& model) {
  const ImVec4 amber(1.0f, 0.75f, 0.3f, 1.0f);
  const auto& gaps = model.unobserved_steps();
  if (model.running() && !model.animate && !model.observes_full_speed()) {
    ImGui::TextColored(amber, "not observed: a full-speed run without recording or a watchpoint feeds no memory map, "
                              "who wrote or ledger");
  } else if (!gaps.empty() && gaps.back().last == model.steps()) {
    ImGui::TextColored(amber, "steps %" PRIu64 "-%" PRIu64 " ran unobserved (full speed, no recording): the maps, "
                              "who wrote and the ledger miss them", gaps.back().first, gaps.back().last);
  }
}

}  // namespace

void DrawMemories(DebuggerModel& model, UiState& ui) {
  const uint32_t count = model.memory_count();
  ui.memory_views.resize(count);
  ui.copy_source = {};
  ui.copy_destination = {};
  if (model.step_serial() != ui.followed_step) {
    ui.followed_step = model.step_serial();
    for (const Highlight& h : model.highlights())
      if (h.memory < count && ui.memory_views[h.memory].follow) {
        ui.memory_views[h.memory].scroll_to = h.address;
        ui.memory_views[h.memory].selected = ui.memory_views[h.memory].anchor = h.address;
        ui.memory_views[h.memory].selected_length = 1;
      }
  }
  Legend();
  // The last step in words, so the highlights and the arrow need no prior knowledge to read.
  const std::string summary = model.last_step_summary();
  if (!summary.empty()) ImGui::TextColored(ImVec4(1.0f, 0.86f, 0.35f, 1.0f), "last step: %s", summary.c_str());
  else ImGui::TextDisabled("last step: no memory touched");
  DrawObservation(model);
  if (count == 0) {
    ImGui::TextDisabled(model.has_module() ? "This module has no memory." : "No module loaded.");
    return;
  }
  // Up to four memories share the width; past that each keeps a readable width and the table
  // scrolls sideways.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int columns = int(std::min<uint32_t>(count, 64));
  const bool scroll = count > uint32_t(kColumnsAtOnce);
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV |
                                (scroll ? ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit
                                        : ImGuiTableFlags_SizingStretchSame);
  const float fixed = std::max(kMinColumnWidth, avail.x / float(kColumnsAtOnce) - 8);
  if (ImGui::BeginTable("memories", columns, flags, avail)) {
    for (int i = 0; i < columns; ++i)
      ImGui::TableSetupColumn(nullptr, scroll ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                              scroll ? fixed : 1.0f);
    ImGui::TableNextRow();
    for (int i = 0; i < columns; ++i) {
      ImGui::TableSetColumnIndex(i);
      ImGui::PushID(i);
      DrawView(model, ui, uint32_t(i), ImGui::GetContentRegionAvail().x);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  DrawCopyLink(ui);
}

}  // namespace mnemo::ui
