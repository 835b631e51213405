// web/ui/panel_output.cpp: the Output panel: loads, results of calls, traps and errors; it shares
// its place with the Watchpoints list, the Transfer ledger and the History, as tabs.
#include <string>

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

void DrawOutputAndLists(DebuggerModel& model, UiState& ui) {
  if (!ImGui::BeginTabBar("output tabs")) return;
  if (ImGui::BeginTabItem("Output")) {
    DrawOutput(model, ui);
    ImGui::EndTabItem();
  }
  const std::string watch_tab = "Watchpoints (" + std::to_string(model.watchpoints().size()) + ")###watchpoints";
  if (ImGui::BeginTabItem(watch_tab.c_str())) {
    DrawWatchpoints(model, ui);
    ImGui::EndTabItem();
  }
  const std::string ledger_tab = "Transfer ledger (" + std::to_string(model.ledger().size()) + ")###ledger";
  if (ImGui::BeginTabItem(ledger_tab.c_str())) {
    DrawLedger(model, ui);
    ImGui::EndTabItem();
  }
  const std::optional<Timeline> t = model.timeline();
  if (ImGui::BeginTabItem(t && t->steps_dropped ? "History (full)###history" : "History###history")) {
    DrawHistory(model, ui);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace mnemo::ui
