// web/ui/panels.h: the debugger's panels. Each is a plain function that reads the model, draws
// with Dear ImGui and queues commands; per-view state lives in UiState. DrawDebugger lays the
// panels out over the whole window and handles the keyboard shortcuts.
#pragma once

#include "web/ui/debugger_model.h"
#include "web/ui/ui_state.h"

namespace mnemo::ui {

void DrawDebugger(DebuggerModel& model, UiState& ui);  // the whole window, once per frame

void DrawMenuBar(DebuggerModel& model, UiState& ui);
void DrawSource(DebuggerModel& model, UiState& ui);
void DrawEditor(DebuggerModel& model, UiState& ui);
void DrawControls(DebuggerModel& model, UiState& ui);
void DrawInspector(DebuggerModel& model, UiState& ui);  // call stack, locals, operands, globals, tables, data
void DrawMemories(DebuggerModel& model, UiState& ui);
void DrawOutput(DebuggerModel& model, UiState& ui);

// Colours shared by the panels (and the legend).
ImU32 HighlightColor(Highlight::Role role);

}  // namespace mnemo::ui
