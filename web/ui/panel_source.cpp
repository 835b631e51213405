// web/ui/panel_source.cpp: the Source panel (the module's text as loaded, comments included, or
// the printer's WAT for a binary module; the current instruction's line highlighted, breakpoints
// toggled in the gutter, a cursor for run-to-cursor) and the WAT editor window.
#include <string>

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "web/ui/panels.h"

namespace mnemo::ui {

void DrawSource(DebuggerModel& model, UiState& ui) {
  if (const auto& error = model.load_error()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 120, 110, 255));
    ImGui::TextWrapped("Could not load: %s", error->str().c_str());
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Edit")) ui.editor_open = true;
    ImGui::Separator();
  }
  if (!model.has_module()) {
    ImGui::TextWrapped("Open a .wasm or .wat file (File menu, or drop it here) or pick one from Examples.");
    return;
  }
  const auto& lines = model.source_lines();
  if (!model.shows_original_text()) ImGui::TextDisabled("printed from the binary module (it has no text of its own)");
  const std::optional<CodeLocation> current = model.current();
  const std::optional<uint32_t> current_line = current ? model.line_of(*current) : std::nullopt;
  const std::optional<uint32_t> cursor_line = model.cursor() ? model.line_of(*model.cursor()) : std::nullopt;
  if (model.step_serial() != ui.source_followed_step) {
    ui.source_followed_step = model.step_serial();
    ui.scroll_source_to_current = current_line.has_value();
  }

  ImGui::BeginChild("source", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line_h = ImGui::GetTextLineHeight() + 2;
  const float gutter = line_h + 4;
  if (ui.scroll_source_to_current && current_line) {
    ImGui::SetScrollY((*current_line - 1) * line_h - ImGui::GetWindowHeight() * 0.35f);
    ui.scroll_source_to_current = false;
  }
  ImGuiListClipper clipper;
  clipper.Begin(int(lines.size()), line_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const uint32_t line = uint32_t(i) + 1;
      const std::optional<CodeLocation> at = model.location_at_line(line);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float width = ImGui::GetWindowWidth() + ImGui::GetScrollX();
      if (current_line == line) {
        const bool trapped = model.last_trap() && !model.in_call();
        draw->AddRectFilled(p, ImVec2(p.x + width, p.y + line_h),
                            trapped ? IM_COL32(120, 30, 30, 255) : IM_COL32(90, 80, 20, 255));
      }
      ImGui::PushID(i);
      if (ImGui::InvisibleButton("gutter", ImVec2(gutter, line_h)) && at) model.queue_toggle_breakpoint_at_line(line);
      const ImVec2 c(p.x + gutter * 0.5f, p.y + line_h * 0.5f);
      if (at && model.has_breakpoint_on_line(line)) draw->AddCircleFilled(c, line_h * 0.32f, IM_COL32(220, 50, 50, 255));
      else if (at && ImGui::IsItemHovered()) draw->AddCircle(c, line_h * 0.32f, IM_COL32(220, 50, 50, 160));
      ImGui::SameLine();
      ImGui::TextDisabled("%4u ", line);
      ImGui::SameLine();
      if (ImGui::Selectable("##line", cursor_line == line, ImGuiSelectableFlags_AllowItemOverlap,
                            ImVec2(0, line_h)) && at)
        model.set_cursor(at);
      ImGui::SameLine(gutter + ImGui::CalcTextSize("0000 ").x);
      if (current_line == line) {
        ImGui::TextUnformatted(">");
        ImGui::SameLine();
      }
      ImGui::TextUnformatted(lines[i].c_str());
      ImGui::PopID();
    }
  }
  ImGui::PopStyleVar();
  ImGui::EndChild();
}

void DrawEditor(DebuggerModel& model, UiState& ui) {
  if (ui.loaded_source != model.source_serial()) {
    ui.loaded_source = model.source_serial();
    ui.editor_text = model.source_text();
    ui.editor_name = model.source_name();
  }
  ImGui::SetNextWindowSize(ImVec2(620, 520), ImGuiCond_FirstUseEver);
  if (ImGui::Begin("WAT editor", &ui.editor_open)) {
    if (ImGui::Button("Load (Ctrl+Enter)") ||
        (ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) && ImGui::GetIO().KeyCtrl &&
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))))
      model.load_text(ui.editor_text, ui.editor_name);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200);
    ImGui::InputText("name", &ui.editor_name);
    if (const auto& error = model.load_error()) {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 120, 110, 255));
      ImGui::TextWrapped("%s", error->str().c_str());
      ImGui::PopStyleColor();
    }
    ImGui::InputTextMultiline("##wat", &ui.editor_text, ImVec2(-1, -1), ImGuiInputTextFlags_AllowTabInput);
  }
  ImGui::End();
}

}  // namespace mnemo::ui
