// web/ui/panel_inspector.cpp: the State panel: call stack with each frame's locals and operand
// stack, globals, tables and data segments (dropped or not).
#include <string>

#include "web/ui/panels.h"
#include "web/ui/values.h"

namespace mnemo::ui {

namespace {

std::string FunctionName(const Module& m, uint32_t func) {
  auto it = m.names.funcs.find(func);
  return it == m.names.funcs.end() ? "func " + std::to_string(func) : "$" + it->second;
}

std::string Limits(const mnemo::Limits& l) {
  return std::to_string(l.min) + (l.max ? " .. " + std::to_string(*l.max) : std::string(" .. no max"));
}

void DrawValues(const char* id, const std::vector<WasmValue>& values) {
  if (values.empty()) {
    ImGui::TextDisabled("(empty)");
    return;
  }
  if (ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (size_t i = 0; i < values.size(); ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%zu", i);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_value(values[i]).c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace

void DrawInspector(DebuggerModel& model, UiState&) {
  const Module* m = model.module();
  if (!m) {
    ImGui::TextDisabled("No module loaded.");
    return;
  }
  if (ImGui::CollapsingHeader("Call stack", ImGuiTreeNodeFlags_DefaultOpen)) {
    const std::vector<FrameInfo> frames = model.call_stack();
    if (frames.empty()) ImGui::TextDisabled(model.in_call() ? "(no frame)" : "(not in a call)");
    for (size_t k = frames.size(); k-- > 0;) {
      const FrameInfo& f = frames[k];
      const auto line = model.line_of(f.at);
      const std::string name = model.in_loaded_module(f.at) ? FunctionName(*m, f.at.func)
                                                            : "linked instance's func " + std::to_string(f.at.func);
      std::string label = name + "  instr " + std::to_string(f.at.instr) +
                          (line ? "  line " + std::to_string(*line) : std::string()) + "##frame" + std::to_string(k);
      if (ImGui::TreeNodeEx(label.c_str(), k + 1 == frames.size() ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
        ImGui::TextUnformatted("locals");
        DrawValues("locals", f.locals);
        ImGui::TextUnformatted("operand stack (bottom first)");
        DrawValues("operands", f.operands);
        ImGui::TreePop();
      }
    }
  }
  if (ImGui::CollapsingHeader("Globals")) {
    const std::vector<WasmValue> live = model.globals();
    for (uint32_t g = 0; g < m->global_count(); ++g) {
      const GlobalType t = m->global_type(g);
      auto name = m->names.globals.find(g);
      ImGui::Text("%u%s%s %s%s = %s", g, name == m->names.globals.end() ? "" : " $",
                  name == m->names.globals.end() ? "" : name->second.c_str(), t.mut ? "mut " : "",
                  std::string(to_string(t.type)).c_str(),
                  g < live.size() ? format_value(live[g]).c_str() : "(not instantiated)");
    }
    if (m->global_count() == 0) ImGui::TextDisabled("(none)");
  }
  if (ImGui::CollapsingHeader("Tables")) {
    for (uint32_t t = 0; t < m->table_count(); ++t) {
      const TableType type = m->table_type(t);
      ImGui::Text("%u %s, %s", t, std::string(to_string(type.elem)).c_str(), Limits(type.limits).c_str());
    }
    if (m->table_count() == 0) ImGui::TextDisabled("(none)");
  }
  if (ImGui::CollapsingHeader("Data segments", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (uint32_t d = 0; d < m->datas.size(); ++d) {
      const DataSegment& seg = m->datas[d];
      auto name = m->names.datas.find(d);
      std::string where = seg.mode == DataSegment::Mode::Passive ? "passive" : "active, memory " + std::to_string(seg.memory);
      if (seg.mode == DataSegment::Mode::Active && !seg.offset.empty() &&
          (seg.offset.front().op == Opcode::I32Const || seg.offset.front().op == Opcode::I64Const))
        where += " at " + std::to_string(seg.offset.front().op == Opcode::I32Const ? uint32_t(seg.offset.front().bits)
                                                                                  : seg.offset.front().bits);
      ImGui::Text("%u%s%s: %zu bytes, %s%s", d, name == m->names.datas.end() ? "" : " $",
                  name == m->names.datas.end() ? "" : name->second.c_str(), seg.bytes.size(), where.c_str(),
                  model.data_dropped(d) ? ", dropped" : "");
    }
    if (m->datas.empty()) ImGui::TextDisabled("(none)");
  }
}

}  // namespace mnemo::ui
