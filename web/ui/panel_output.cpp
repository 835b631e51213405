// web/ui/panel_output.cpp: the Output panel: loads, results of calls, traps and errors.
#include "web/ui/panels.h"

namespace mnemo::ui {

void DrawOutput(DebuggerModel& model, UiState&) {
  if (ImGui::SmallButton("Clear")) model.clear_output();
  ImGui::BeginChild("log", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  for (const OutputLine& line : model.output()) {
    ImU32 color = IM_COL32(200, 200, 200, 255);
    if (line.kind == OutputLine::Kind::Result) color = IM_COL32(120, 220, 130, 255);
    if (line.kind == OutputLine::Kind::Trap) color = IM_COL32(255, 150, 60, 255);
    if (line.kind == OutputLine::Kind::Error) color = IM_COL32(255, 110, 100, 255);
    if (line.kind == OutputLine::Kind::Print) color = IM_COL32(140, 190, 255, 255);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(line.text.c_str());
    ImGui::PopStyleColor();
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
}

}  // namespace mnemo::ui
