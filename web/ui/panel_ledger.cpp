// web/ui/panel_ledger.cpp: the Transfer ledger: every bulk transfer of the run (memory.copy, fill,
// init, grow, and the data segments placed at instantiation) with its step. Clicking a row travels
// to its step (the moment after the transfer; a data segment's row, to the start of the history),
// marks its source and destination in the hex views and scrolls both there.
#include <cinttypes>
#include <cstdio>
#include <string>

#include "web/ui/panels.h"

namespace mnemo::ui {

namespace {

std::string Range(uint32_t memory, uint64_t address, uint64_t length) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "mem %u [0x%" PRIx64 ", 0x%" PRIx64 ")", memory, address, address + length);
  return buf;
}

}  // namespace

void MarkTransfer(UiState& ui, const Transfer& t) {
  ui.marked_transfer = t;
  auto scroll = [&](uint32_t memory, uint64_t address) {
    if (memory >= ui.memory_views.size()) return;
    ui.memory_views[memory].scroll_to = address;
    ui.memory_views[memory].follow = false;  // stay on the marked range until asked to follow again
  };
  scroll(t.memory, t.address);
  if (t.src_memory) scroll(*t.src_memory, t.src_address);
}

Status TravelToTransfer(DebuggerModel& model, const Transfer& t) {
  const std::optional<Timeline> timeline = model.timeline();
  if (t.kind == Transfer::Kind::Segment && timeline) return model.travel_to(timeline->first);
  return model.travel_to(t.step);
}

void DrawLedger(DebuggerModel& model, UiState& ui) {
  const std::vector<Transfer>& rows = model.ledger();
  if (ui.marked_transfer)
    ImGui::TextColored(ImVec4(.4f, .85f, .95f, 1), "marked: step %" PRIu64, ui.marked_transfer->step);
  if (const auto& gaps = model.unobserved_steps(); !gaps.empty()) {
    uint64_t steps = 0;
    for (const StepSpan& g : gaps) steps += g.last - g.first + 1;
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%" PRIu64 " steps ran unobserved (full speed, no recording): "
                       "their transfers are not listed", steps);
  }
  if (model.ledger_dropped())
    ImGui::TextDisabled("%" PRIu64 " earlier transfers dropped (the ledger keeps the last %zu)", model.ledger_dropped(),
                        Provenance::kMaxLedger);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("ledger", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("step", ImGuiTableColumnFlags_WidthFixed, 60);
  ImGui::TableSetupColumn("op", ImGuiTableColumnFlags_WidthFixed, 70);
  ImGui::TableSetupColumn("source");
  ImGui::TableSetupColumn("destination");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(int(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Transfer& t = rows[size_t(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool marked = ui.marked_transfer && ui.marked_transfer->step == t.step && ui.marked_transfer->kind == t.kind &&
                          ui.marked_transfer->memory == t.memory && ui.marked_transfer->address == t.address;
      const std::string step = t.kind == Transfer::Kind::Segment ? "start" : std::to_string(t.step);
      if (ImGui::Selectable(step.c_str(), marked, ImGuiSelectableFlags_SpanAllColumns)) {
        if (auto moved = TravelToTransfer(model, t); !moved) model.print(OutputLine::Kind::Error, moved.error().str());
        MarkTransfer(ui, t);
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(describe_transfer_kind(t.kind).c_str());
      ImGui::TableNextColumn();
      if (t.src_memory) ImGui::TextUnformatted(Range(*t.src_memory, t.src_address, t.length).c_str());
      else if (t.data_segment) ImGui::Text("data segment %u", *t.data_segment);
      else if (t.kind == Transfer::Kind::Fill) ImGui::TextDisabled("a byte value");
      else ImGui::TextDisabled("-");
      ImGui::TableNextColumn();
      if (t.kind == Transfer::Kind::Grow)
        ImGui::Text("mem %u: %" PRIu64 " -> %" PRIu64 " pages%s", t.memory, t.address / Provenance::kPageBytes,
                    (t.address + t.length) / Provenance::kPageBytes, t.length ? "" : " (failed)");
      else
        ImGui::TextUnformatted(Range(t.memory, t.address, t.length).c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace mnemo::ui
