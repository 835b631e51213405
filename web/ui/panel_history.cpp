// web/ui/panel_history.cpp: time travel's controls. In the Controls panel, one row: step back,
// reverse continue, and the timeline, a slider across the whole recorded run; dragging it travels,
// so every panel shows that moment. In the History tab beside Output: the history's budget (a
// setting), what it holds, and how many of the oldest steps the budget made it drop.
#include <cinttypes>
#include <cstdio>

#include "web/ui/panels.h"

namespace mnemo::ui {

void DrawTimeline(DebuggerModel& model) {
  if (ImGui::Button("Step back (F7)")) model.queue(Command::StepBack);
  ImGui::SameLine();
  if (ImGui::Button("Reverse (F8)")) model.queue(Command::ReverseContinue);
  ImGui::SameLine();
  const std::optional<Timeline> t = model.timeline();
  ImGui::SetNextItemWidth(-1);
  if (!t) {
    ImGui::TextDisabled(model.recording() ? "timeline: a call records its history" : "timeline: recording is off");
    return;
  }
  uint64_t step = t->current, first = t->first, last = t->last;
  // When the budget has dropped the oldest steps, the slider says so where the eye already is.
  char format[96];
  if (t->steps_dropped)
    std::snprintf(format, sizeof format, "step %%llu (history full: %" PRIu64 " oldest steps dropped)", t->steps_dropped);
  else
    std::snprintf(format, sizeof format, "step %%llu of %" PRIu64, last);
  ImGui::BeginDisabled(model.running() || first == last);
  if (ImGui::SliderScalar("##timeline", ImGuiDataType_U64, &step, &first, &last, format) && step != t->current) {
    if (auto moved = model.travel_to(step); !moved) model.print(OutputLine::Kind::Error, moved.error().str());
  }
  ImGui::EndDisabled();
}

void DrawHistory(DebuggerModel& model, UiState&) {
  int budget_mib = int(model.history_budget() >> 20);
  ImGui::SetNextItemWidth(120);
  if (ImGui::InputInt("history budget (MiB)", &budget_mib, 16, 256, ImGuiInputTextFlags_EnterReturnsTrue))
    model.set_history_budget(uint64_t(budget_mib > 0 ? budget_mib : 1) << 20);
  bool recording = model.recording();
  if (ImGui::Checkbox("record history", &recording)) model.set_recording(recording);
  const std::optional<Timeline> t = model.timeline();
  if (!t) {
    ImGui::TextDisabled(model.recording() ? "No call to travel in: a call records its history as it runs."
                                          : "Recording is off: calls keep no history to travel in.");
    return;
  }
  ImGui::Text("steps %" PRIu64 " to %" PRIu64 " (now %" PRIu64 "), %.1f MiB of %.0f MiB", t->first, t->last, t->current,
              double(t->bytes) / (1 << 20), double(t->budget) / (1 << 20));
  if (t->steps_dropped) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 200, 90, 255));
    ImGui::TextWrapped("The history is full: its oldest %" PRIu64 " steps were dropped to stay within the budget. "
                       "Raise the budget to keep more of the next run.",
                       t->steps_dropped);
    ImGui::PopStyleColor();
  }
}

}  // namespace mnemo::ui
