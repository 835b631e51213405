// web/ui/panel_typed_inspector.cpp: the Values panel, a typed inspector beside every memory at once
// (as Chrome's Memory Inspector is beside one): a column per memory showing the bytes at that
// memory's selected address as i8 ... f64, as v128 lanes and as UTF-8 text. Each value is an
// edit field: Enter stores the typed value (web/ui/typed_values.h says what it accepts), which the
// model allows only while the call is stopped, never while it runs.
#include <algorithm>
#include <cfloat>
#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "web/ui/panels.h"

namespace mnemo::ui {

namespace {

constexpr int kColumnsAtOnce = 3;       // past this many memories the table scrolls sideways
constexpr float kMinColumnWidth = 240.0f;

std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

// The UTF-8 row's tooltip: how much was read, what is escaped and why the text stops.
std::string TextNote(const DebuggerModel& model, uint32_t index, uint64_t address) {
  uint8_t bytes[kUtf8InspectBytes] = {};
  const uint64_t n = model.read_memory(index, address, bytes, sizeof bytes);
  const Utf8Text t = decode_utf8(bytes, size_t(n));
  std::string note = std::to_string(t.bytes) + " bytes of UTF-8, ";
  note += t.terminated ? "ended by a NUL byte" : n < sizeof bytes ? "ended by the end of the memory"
                                                                   : "no NUL in the first " + std::to_string(sizeof bytes) + " bytes";
  if (t.invalid) note += "\n" + std::to_string(t.invalid) + " byte(s) are not valid UTF-8: shown as \\xNN";
  note += "\nescapes: \\xNN \\n \\t \\r \\\\; typing text stores its bytes with no NUL added (type \\0 for one)";
  return note;
}

void Commit(DebuggerModel& model, UiState& ui, uint32_t index, uint64_t address, InspectType type, const std::string& text) {
  const Status s = model.edit_value(index, address, type, text);
  const std::string where = "memory " + std::to_string(index) + " at " + Hex(address) + ", " +
                            std::string(inspect_type_name(type)) + ": ";
  ui.edit_failed = !s;
  ui.edit_message = where + (s ? "stored " + text : s.error().str());
}

}  // namespace

void DrawTypedInspector(DebuggerModel& model, UiState& ui) {
  const uint32_t count = model.memory_count();
  ui.memory_views.resize(count);
  if (count == 0) {
    ImGui::TextDisabled(model.has_module() ? "This module has no memory." : "No module loaded.");
    return;
  }
  const auto blocker = model.edit_blocker();
  ImGui::PushStyleColor(ImGuiCol_Text, blocker ? ImVec4(0.95f, 0.75f, 0.35f, 1) : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  if (blocker) ImGui::TextWrapped("Read only: %s.", blocker->c_str());
  else ImGui::TextWrapped("Click a byte in a memory to inspect it. Edit a value and press Enter: memory is editable only while stopped.");
  ImGui::PopStyleColor();
  if (!ui.edit_message.empty())
    ImGui::TextColored(ui.edit_failed ? ImVec4(1, 0.45f, 0.45f, 1) : ImVec4(0.5f, 0.9f, 0.5f, 1), "%s",
                       ui.edit_message.c_str());

  const int columns = int(std::min<uint32_t>(count, 64));
  const bool scroll_x = columns > kColumnsAtOnce;
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                (scroll_x ? ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit
                                          : ImGuiTableFlags_SizingStretchSame);
  // Compact rows, so that the seventeen types fit the panel with little scrolling.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(4, 1));
  if (!ImGui::BeginTable("typed", columns + 1, flags, ImGui::GetContentRegionAvail())) {
    ImGui::PopStyleVar(2);
    return;
  }
  ImGui::TableSetupScrollFreeze(1, 1);  // the type names and the memories' titles stay in view
  ImGui::TableSetupColumn("type", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("i8x16 ").x);
  for (int i = 0; i < columns; ++i) {
    const MemoryDescription d = model.describe_memory(uint32_t(i));
    const std::string title = "memory " + std::to_string(i) + (d.name.empty() ? "" : " " + d.name) + " @ " +
                              Hex(ui.memory_views[i].selected);
    ImGui::TableSetupColumn(title.c_str(), scroll_x ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                            scroll_x ? kMinColumnWidth : 1.0f);
  }
  ImGui::TableHeadersRow();

  std::vector<std::vector<TypedValue>> values(columns);
  for (int i = 0; i < columns; ++i) values[i] = model.inspect(uint32_t(i), ui.memory_views[i].selected);
  const ImGuiInputTextFlags edit_flags = ImGuiInputTextFlags_EnterReturnsTrue | (blocker ? ImGuiInputTextFlags_ReadOnly : 0);
  for (size_t row = 0; row < kInspectTypes.size(); ++row) {
    const InspectType type = kInspectTypes[row];
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(std::string(inspect_type_name(type)).c_str());
    for (int i = 0; i < columns; ++i) {
      ImGui::TableSetColumnIndex(i + 1);
      ImGui::PushID(i * 64 + int(row));
      const uint64_t address = ui.memory_views[i].selected;
      const std::optional<std::string>& shown = values[i][row].text;
      if (!shown) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("(past the end)");
      } else {
        // A fresh copy every frame: while the field is being typed in, Dear ImGui keeps the typed
        // text itself and hands it back here when Enter is pressed.
        std::string text = *shown;
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::InputText("##value", &text, edit_flags) && !blocker) Commit(model, ui, uint32_t(i), address, type, text);
        if (type == InspectType::Utf8 && ImGui::IsItemHovered())
          ImGui::SetTooltip("%s", TextNote(model, uint32_t(i), address).c_str());
        else if (inspect_type_size(type) == 16 && ImGui::IsItemHovered())  // lanes rarely fit the field
          ImGui::SetTooltip("%s, lane 0 first:\n%s", std::string(inspect_type_name(type)).c_str(), shown->c_str());
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  ImGui::PopStyleVar(2);
}

}  // namespace mnemo::ui
