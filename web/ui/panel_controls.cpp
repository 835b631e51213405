// web/ui/panel_controls.cpp: the Controls panel: run, pause, the three steps, run to cursor,
// restart; which export to call with which arguments; the animation speed; time travel's row
// (panel_history.cpp); where execution is.
#include <string>

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "web/ui/panels.h"

namespace mnemo::ui {

namespace {

std::string Signature(const FuncType& type) {
  std::string s = "(";
  for (size_t i = 0; i < type.params.size(); ++i) s += (i ? " " : "") + std::string(to_string(type.params[i]));
  s += ") -> (";
  for (size_t i = 0; i < type.results.size(); ++i) s += (i ? " " : "") + std::string(to_string(type.results[i]));
  return s + ")";
}

const char* StopText(StopReason r) {
  switch (r) {
    case StopReason::Step: return "stopped after a step";
    case StopReason::Breakpoint: return "stopped at a breakpoint";
    case StopReason::Paused: return "paused";
    case StopReason::Finished: return "the call returned";
    case StopReason::Trapped: return "trapped";
    case StopReason::Watchpoint: return "stopped at a watchpoint";
  }
  return "";
}

}  // namespace

void DrawControls(DebuggerModel& model, UiState& ui) {
  const bool in_call = model.in_call();
  // One width and one id whatever the label says: when a run starts, Pause (the next button) must
  // stay where the pointer is, not move left under a shorter "Running".
  const float continue_width = ImGui::CalcTextSize("Continue (F5)").x + 2 * ImGui::GetStyle().FramePadding.x;
  if (ImGui::Button(model.running() ? "Running###continue" : "Continue (F5)###continue", {continue_width, 0}))
    model.queue(Command::Continue);
  ImGui::SameLine();
  if (ImGui::Button("Pause (F6)")) model.queue(Command::Pause);
  ImGui::SameLine();
  if (ImGui::Button("Step over (F10)")) model.queue(Command::StepOver);
  ImGui::SameLine();
  if (ImGui::Button("Step into (F11)")) model.queue(Command::StepInto);
  if (ImGui::Button("Step out (Shift+F11)")) model.queue(Command::StepOut);
  ImGui::SameLine();
  if (ImGui::Button("Run to cursor")) model.queue(Command::RunToCursor);
  ImGui::SameLine();
  if (ImGui::Button("Restart")) model.queue(Command::Restart);
  ImGui::SameLine();
  if (ImGui::Button("Stop")) model.queue(Command::Stop);

  ImGui::Separator();
  const auto& exports = model.exported_functions();
  if (exports.empty()) {
    ImGui::TextDisabled(model.has_module() ? "This module exports no function." : "No module loaded.");
  } else {
    if (ui.selected_export >= int(exports.size())) ui.selected_export = 0;
    const ExportedFunction& chosen = exports[ui.selected_export];
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    if (ImGui::BeginCombo("export", chosen.name.c_str())) {
      for (int i = 0; i < int(exports.size()); ++i)
        if (ImGui::Selectable(exports[i].name.c_str(), i == ui.selected_export)) ui.selected_export = i;
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Signature(chosen.type).c_str());
    if (!chosen.type.params.empty()) {
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
      ImGui::InputTextWithHint("arguments", "e.g. 1 2", &ui.call_arguments);
    }
    if (ImGui::Button("Call")) model.queue_call(chosen.name, ui.call_arguments, false);
    ImGui::SameLine();
    if (ImGui::Button("Debug (stop at entry)")) model.queue_call(chosen.name, ui.call_arguments, true);
  }

  ImGui::Separator();
  ImGui::Checkbox("animate", &model.animate);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  ImGui::SliderInt("steps per frame", &model.steps_per_frame, 1, 1000, "%d", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  bool recording = model.recording();
  if (ImGui::Checkbox("record", &recording)) model.set_recording(recording);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Record each call's history for time travel. Off, with no watchpoint, a full-speed run\n"
                      "is not observed: it runs faster, but feeds no memory map, who wrote or ledger.");
  DrawTimeline(model);

  if (!model.interpreter_available()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(240, 200, 90, 255));
    ImGui::TextWrapped("This build has no interpreter yet: modules load, validate and show their memories' "
                       "initial contents; calls report that they need the interpreter.");
    ImGui::PopStyleColor();
  } else if (in_call) {
    const auto at = model.current();
    const auto line = at ? model.line_of(*at) : std::nullopt;
    ImGui::Text("%s%s: function %u, instruction %u, line %u", model.running() ? "running" : "",
                model.running() || !model.last_stop() ? "" : StopText(*model.last_stop()),
                at ? at->func : 0, at ? at->instr : 0, line ? *line : 0);
    // The stop names the watchpoint, the instruction that touched it, and the bytes before and after.
    if (!model.running() && model.last_watch_hit()) {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 200, 90, 255));
      ImGui::TextWrapped("%s", model.describe_watch_hit().c_str());
      ImGui::PopStyleColor();
    }
  } else if (model.last_stop()) {
    ImGui::TextUnformatted(StopText(*model.last_stop()));
  }
}

}  // namespace mnemo::ui
