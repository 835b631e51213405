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
// Part of a memory's view in the Memories panel: its page map, clicking a page scrolls the view.
void DrawPageMap(const DebuggerModel& model, MemoryViewState& view, uint32_t index, float width);
// The typed inspector: each memory's selected byte as every type, side by side, editable.
void DrawTypedInspector(DebuggerModel& model, UiState& ui);
void DrawOutput(DebuggerModel& model, UiState& ui);
// The tabs under the controls: Output, Watchpoints (the list, edited in place) and the Transfer
// ledger (every bulk transfer of the run; a click marks its ranges in the hex views).
void DrawOutputAndLists(DebuggerModel& model, UiState& ui);
void DrawWatchpoints(DebuggerModel& model, UiState& ui);
void DrawLedger(DebuggerModel& model, UiState& ui);
// Time travel (panel_history.cpp): the Controls panel's row (step back, reverse continue, the
// timeline slider) and the History tab (the budget, what the history holds, what it dropped).
void DrawTimeline(DebuggerModel& model);
void DrawHistory(DebuggerModel& model, UiState& ui);
// The answer to "who wrote this?" (ui.who_wrote), a window of its own until closed.
void DrawWhoWrote(DebuggerModel& model, UiState& ui);

// Watches memory `index`'s selected range (its view's selection) for `on`; a refusal lands in
// ui.watch_message.
void WatchSelection(DebuggerModel& model, UiState& ui, uint32_t index, Watchpoint::On on);
// Marks ledger row `t` in the hex views and scrolls both of its memories to it.
void MarkTransfer(UiState& ui, const Transfer& t);
// Travels to ledger row `t`'s step (a data segment's: the start of the history).
Status TravelToTransfer(DebuggerModel& model, const Transfer& t);

// Colours shared by the panels (and the legend).
ImU32 HighlightColor(Highlight::Role role);
constexpr ImU32 kMarkedTransferColor = IM_COL32(60, 200, 230, 150);  // the ledger's clicked row
constexpr ImU32 kWatchedColor = IM_COL32(255, 80, 80, 255);          // underlines watched bytes

}  // namespace mnemo::ui
