// web/ui/panel_who_wrote.cpp: the answer to "who wrote this?" for a selected range: for each run
// of bytes with the same history, the chain of writes newest first: the store, fill, init, edit or
// data segment that put the bytes there, through every memory.copy that carried them between.
#include <cinttypes>
#include <string>

#include "web/ui/panels.h"

namespace mnemo::ui {

namespace {

std::string LinkText(const DebuggerModel& model, const WriteLink& l) {
  char buf[96];
  std::string out;
  switch (l.kind) {
    case WriteLink::Kind::NeverWritten: return "never written since the instance was made (zero)";
    case WriteLink::Kind::Untracked: return "not known: past the bytes the debugger keeps writers for";
    case WriteLink::Kind::Segment:
      return "data segment " + std::to_string(l.data_segment.value_or(0)) + ", placed at instantiation";
    case WriteLink::Kind::Unobserved:
      std::snprintf(buf, sizeof buf, "steps %" PRIu64 "-%" PRIu64 " ran unobserved (full speed, ", l.step, l.last_step);
      return std::string(buf) + "no recording, no watchpoint): a write then is not known; before them:";
    case WriteLink::Kind::Edit:
      std::snprintf(buf, sizeof buf, "step %" PRIu64 ": edited in the debugger", l.step);
      return buf;
    default: break;
  }
  std::snprintf(buf, sizeof buf, "step %" PRIu64 ": ", l.step);
  out = buf;
  out += l.op ? std::string(mnemonic(*l.op)) : describe_link_kind(l.kind);
  out += " in function " + std::to_string(l.at.func) + ", instruction " + std::to_string(l.at.instr);
  if (auto line = model.line_of(l.at)) out += " (line " + std::to_string(*line) + ")";
  if (l.src_memory) {
    std::snprintf(buf, sizeof buf, ", from memory %u at 0x%" PRIx64, *l.src_memory, l.src_address);
    out += buf;
  }
  if (l.kind == WriteLink::Kind::Init && l.data_segment) out += ", from data segment " + std::to_string(*l.data_segment);
  return out;
}

}  // namespace

void DrawWhoWrote(DebuggerModel& model, UiState& ui) {
  if (!ui.who_wrote) return;
  const MemoryRange q = *ui.who_wrote;
  bool open = true;
  ImGui::SetNextWindowSize(ImVec2(620, 260), ImGuiCond_Appearing);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.3f, vp->WorkPos.y + vp->WorkSize.y * 0.2f),
                          ImGuiCond_Appearing);
  if (ImGui::Begin("Who wrote this?", &open)) {
    ImGui::Text("memory %u [0x%" PRIx64 ", 0x%" PRIx64 "), newest write first:", q.memory, q.address, q.address + q.length);
    for (const WrittenRun& run : model.who_wrote(q.memory, q.address, q.length)) {
      ImGui::Separator();
      ImGui::Text("bytes [0x%" PRIx64 ", 0x%" PRIx64 ")", run.address, run.address + run.length);
      ImGui::Indent();
      for (size_t i = 0; i < run.chain.size(); ++i) {
        const WriteLink& l = run.chain[i];
        ImGui::TextWrapped("%s%s", i ? "<- " : "", LinkText(model, l).c_str());
      }
      ImGui::Unindent();
    }
  }
  ImGui::End();
  if (!open) ui.who_wrote.reset();
}

}  // namespace mnemo::ui
