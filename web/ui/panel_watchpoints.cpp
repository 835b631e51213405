// web/ui/panel_watchpoints.cpp: the Watchpoints list: each watchpoint's memory, range and kind of
// access, edited in place (Enter applies an address or length), removed with its button; a row at
// the end adds one. The hex views set them too (panel_memories.cpp: W or the right-click menu).
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "web/ui/panels.h"

namespace mnemo::ui {

namespace {

constexpr const char* kOnNames[] = {"read", "write", "any"};

int OnIndex(Watchpoint::On on) { return on == Watchpoint::On::Read ? 0 : on == Watchpoint::On::Write ? 1 : 2; }
Watchpoint::On OnOf(int index) {
  return index == 0 ? Watchpoint::On::Read : index == 1 ? Watchpoint::On::Write : Watchpoint::On::Any;
}

std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%" PRIx64, v);
  return buf;
}

// A number typed in a field: hex with or without 0x for addresses, decimal for lengths.
std::optional<uint64_t> Parse(const std::string& text, int base) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const uint64_t v = std::strtoull(text.c_str(), &end, base);
  if (*end != '\0' || text[0] == '-') return std::nullopt;
  return v;
}

void Report(UiState& ui, const Status& s) { ui.watch_message = s ? std::string() : s.error().str(); }

}  // namespace

void WatchSelection(DebuggerModel& model, UiState& ui, uint32_t index, Watchpoint::On on) {
  if (index >= ui.memory_views.size()) return;
  const MemoryViewState& view = ui.memory_views[index];
  auto id = model.add_watchpoint(Watchpoint{index, view.selected, view.selected_length, on});
  ui.watch_message = id ? std::string() : id.error().str();
}

void DrawWatchpoints(DebuggerModel& model, UiState& ui) {
  if (!ui.watch_message.empty()) ImGui::TextColored(ImVec4(1, .45f, .4f, 1), "%s", ui.watch_message.c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("watchpoints", 6, flags)) return;
  ImGui::TableSetupColumn("id", ImGuiTableColumnFlags_WidthFixed, 28);
  ImGui::TableSetupColumn("memory");
  ImGui::TableSetupColumn("address (hex)");
  ImGui::TableSetupColumn("length");
  ImGui::TableSetupColumn("on");
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 60);
  ImGui::TableHeadersRow();
  const std::optional<WatchHit>& hit = model.last_watch_hit();
  std::optional<uint32_t> remove;
  for (const WatchEntry& w : model.watchpoints()) {
    ImGui::PushID(int(w.id));
    ImGui::TableNextRow();
    if (hit && hit->id == w.id) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(140, 60, 40, 160));
    ImGui::TableNextColumn();
    ImGui::Text("%u", w.id);
    Watchpoint edited = w.watch;
    bool changed = false;
    ImGui::TableNextColumn();
    int memory = int(w.watch.memory);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputInt("##memory", &memory, 1, 1, ImGuiInputTextFlags_EnterReturnsTrue)) {
      edited.memory = uint32_t(std::max(0, memory));
      changed = true;
    }
    ImGui::TableNextColumn();
    std::string address = Hex(w.watch.address);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##address", &address, ImGuiInputTextFlags_EnterReturnsTrue)) {
      if (auto a = Parse(address.rfind("0x", 0) == 0 ? address.substr(2) : address, 16)) edited.address = *a, changed = true;
      else ui.watch_message = "'" + address + "' is not a hex address";
    }
    ImGui::TableNextColumn();
    std::string length = std::to_string(w.watch.length);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##length", &length, ImGuiInputTextFlags_EnterReturnsTrue)) {
      if (auto n = Parse(length, 10)) edited.length = *n, changed = true;
      else ui.watch_message = "'" + length + "' is not a length in bytes";
    }
    ImGui::TableNextColumn();
    int on = OnIndex(w.watch.on);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::Combo("##on", &on, kOnNames, 3)) edited.on = OnOf(on), changed = true;
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("remove")) remove = w.id;
    if (changed) Report(ui, model.change_watchpoint(w.id, edited));
    ImGui::PopID();
  }
  if (remove) model.remove_watchpoint(*remove);

  // The row that adds one.
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("new");
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputInt("##new memory", &ui.new_watch_memory);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##new address", "120", &ui.new_watch_address);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##new length", &ui.new_watch_length);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
  ImGui::Combo("##new on", &ui.new_watch_on, kOnNames, 3);
  ImGui::TableNextColumn();
  if (ImGui::SmallButton("add")) {
    const std::string a = ui.new_watch_address.rfind("0x", 0) == 0 ? ui.new_watch_address.substr(2) : ui.new_watch_address;
    const auto address = Parse(a, 16);
    const auto length = Parse(ui.new_watch_length, 10);
    if (!address) ui.watch_message = "'" + ui.new_watch_address + "' is not a hex address";
    else if (!length) ui.watch_message = "'" + ui.new_watch_length + "' is not a length in bytes";
    else {
      auto id = model.add_watchpoint(
          Watchpoint{uint32_t(std::max(0, ui.new_watch_memory)), *address, *length, OnOf(ui.new_watch_on)});
      ui.watch_message = id ? std::string() : id.error().str();
    }
  }
  ImGui::EndTable();
  if (model.watchpoints().empty())
    ImGui::TextDisabled("Select bytes in a hex view (click, shift-click or drag), then press W or right-click.");
}

}  // namespace mnemo::ui
