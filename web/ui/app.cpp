// web/ui/app.cpp: the debugger's window: the menu bar, the fixed layout of the panels and the
// keyboard shortcuts (F5 run, F10 step over, F11 step into, Shift+F11 step out, F7 step back, F8
// reverse continue).
#include <GLFW/glfw3.h>  // key codes only: both platforms feed Dear ImGui through GLFW

#include "web/ui/examples.h"
#include "web/ui/panels.h"

namespace mnemo::ui {

namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoBringToFrontOnFocus;

void HandleShortcuts(DebuggerModel& model) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;  // typing in the editor or a field
  if (ImGui::IsKeyPressed(GLFW_KEY_F5, false)) model.queue(io.KeyShift ? Command::Stop : Command::Continue);
  if (ImGui::IsKeyPressed(GLFW_KEY_F6, false)) model.queue(Command::Pause);
  if (ImGui::IsKeyPressed(GLFW_KEY_F10)) model.queue(Command::StepOver);
  if (ImGui::IsKeyPressed(GLFW_KEY_F11)) model.queue(io.KeyShift ? Command::StepOut : Command::StepInto);
  if (ImGui::IsKeyPressed(GLFW_KEY_F7)) model.queue(Command::StepBack);
  if (ImGui::IsKeyPressed(GLFW_KEY_F8, false)) model.queue(Command::ReverseContinue);
}

void Panel(const char* title, ImVec2 pos, ImVec2 size, void (*draw)(DebuggerModel&, UiState&),
           DebuggerModel& model, UiState& ui) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (ImGui::Begin(title, nullptr, kPanelFlags)) draw(model, ui);
  ImGui::End();
}

}  // namespace

ImU32 HighlightColor(Highlight::Role role) {
  switch (role) {
    case Highlight::Role::Read: return IM_COL32(50, 110, 210, 200);
    case Highlight::Role::Write: return IM_COL32(215, 120, 30, 210);
    case Highlight::Role::CopySource: return IM_COL32(40, 160, 120, 210);
    case Highlight::Role::CopyDestination: return IM_COL32(200, 70, 160, 210);
    case Highlight::Role::Fill:
    case Highlight::Role::Init: return IM_COL32(180, 160, 30, 210);
    case Highlight::Role::Fault: return IM_COL32(220, 40, 40, 230);
  }
  return IM_COL32(128, 128, 128, 200);
}

void DrawMenuBar(DebuggerModel& model, UiState& ui) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open .wasm / .wat...")) ui.request_open_file = true;
    if (ImGui::MenuItem("Edit WAT", nullptr, ui.editor_open)) ui.editor_open = !ui.editor_open;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Examples")) {
    for (const Example& e : examples()) {
      std::string label = std::string(e.file);
      if (ImGui::MenuItem(label.c_str())) ui.example_to_load = label;
      if (ImGui::IsItemHovered() && !e.title.empty()) ImGui::SetTooltip("%.*s", int(e.title.size()), e.title.data());
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    if (ImGui::MenuItem("Continue", "F5")) model.queue(Command::Continue);
    if (ImGui::MenuItem("Pause", "F6")) model.queue(Command::Pause);
    if (ImGui::MenuItem("Step over", "F10")) model.queue(Command::StepOver);
    if (ImGui::MenuItem("Step into", "F11")) model.queue(Command::StepInto);
    if (ImGui::MenuItem("Step out", "Shift+F11")) model.queue(Command::StepOut);
    if (ImGui::MenuItem("Run to cursor")) model.queue(Command::RunToCursor);
    if (ImGui::MenuItem("Restart")) model.queue(Command::Restart);
    if (ImGui::MenuItem("Stop", "Shift+F5")) model.queue(Command::Stop);
    ImGui::Separator();
    if (ImGui::MenuItem("Step back", "F7")) model.queue(Command::StepBack);
    if (ImGui::MenuItem("Reverse continue", "F8")) model.queue(Command::ReverseContinue);
    ImGui::EndMenu();
  }
  // The module, its breakpoints and watchpoints as a link (web/share_link.js): the browser only.
  if (ui.share_available && ImGui::MenuItem("Share")) ui.request_share = true;
  if (ImGui::IsItemHovered() && ui.share_available)
    ImGui::SetTooltip("Copy a link that opens this module with its breakpoints and watchpoints");
  if (ImGui::BeginMenu("Help")) {
    ImGui::MenuItem("Dear ImGui demo", nullptr, &ui.show_demo);
    ImGui::EndMenu();
  }
  ImGui::TextDisabled("  %s", model.has_module() ? model.source_name().c_str() : "no module");
  ImGui::EndMainMenuBar();
}

void DrawDebugger(DebuggerModel& model, UiState& ui) {
  HandleShortcuts(model);
  DrawMenuBar(model, ui);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 o = vp->WorkPos, s = vp->WorkSize;
  const float left_w = s.x * 0.38f;
  const float right_w = s.x - left_w;
  const float top_h = s.y * 0.62f;
  const float bottom_h = s.y - top_h;

  // Controls keeps its place (the e2e tests click its widgets); Output sits under it, so the typed
  // inspector gets the width its one-column-per-memory table needs beside State.
  const float controls_h = bottom_h * 0.66f;  // room for the time travel row under the speed
  const float values_w = right_w * 0.6f;
  Panel("Source", o, {left_w, top_h}, DrawSource, model, ui);
  Panel("Memories", {o.x + left_w, o.y}, {right_w, top_h}, DrawMemories, model, ui);
  Panel("Controls", {o.x, o.y + top_h}, {left_w, controls_h}, DrawControls, model, ui);
  Panel("Output", {o.x, o.y + top_h + controls_h}, {left_w, bottom_h - controls_h}, DrawOutputAndLists, model, ui);
  Panel("Values at the selected bytes", {o.x + left_w, o.y + top_h}, {values_w, bottom_h}, DrawTypedInspector, model, ui);
  Panel("State", {o.x + left_w + values_w, o.y + top_h}, {right_w - values_w, bottom_h}, DrawInspector, model, ui);

  DrawWhoWrote(model, ui);
  if (ui.editor_open) DrawEditor(model, ui);
  if (ui.show_demo) ImGui::ShowDemoWindow(&ui.show_demo);
}

}  // namespace mnemo::ui
