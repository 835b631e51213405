// web/ui/share.cpp: a share link's content taken from the debugger model and put back (share.h).
#include "web/ui/share.h"

#include "web/ui/debugger_model.h"

namespace mnemo::ui {

Result<SharedSession> capture_shared(const DebuggerModel& model) {
  if (!model.has_module()) return Error{"", "no module is loaded: there is nothing to share"};
  SharedSession s;
  s.name = model.source_name();
  s.text = model.source_text();
  for (const auto& [func, instr] : model.breakpoints()) s.breakpoints.push_back(CodeLocation{func, instr});
  for (const WatchEntry& w : model.watchpoints()) s.watchpoints.push_back(w.watch);
  return s;
}

Status apply_shared(DebuggerModel& model, const SharedSession& shared, std::vector<std::string>* skipped) {
  if (shared.text.empty()) return Error{"", "the link holds no module text"};
  const std::string name = shared.name.empty() ? std::string("shared.wat") : shared.name;
  if (!model.load_text(shared.text, name)) {
    const std::optional<Error>& e = model.load_error();
    return Error{"", "the module in the link does not load: " + (e ? e->str() : std::string("unknown error"))};
  }
  const Module& m = *model.module();
  const uint32_t imported = m.imported_count(ExternKind::Func);
  for (const CodeLocation& at : shared.breakpoints) {
    const bool defined = at.func >= imported && at.func - imported < m.funcs.size();
    if (!defined || at.instr >= m.funcs[at.func - imported].body.size()) {
      if (skipped)
        skipped->push_back("breakpoint at function " + std::to_string(at.func) + ", instruction " +
                           std::to_string(at.instr) + ": the module has no such instruction");
      continue;
    }
    if (!model.has_breakpoint(at)) model.queue_toggle_breakpoint(CodeLocation{at.func, at.instr});
  }
  model.update();  // applies the breakpoints queued above
  for (const Watchpoint& w : shared.watchpoints) {
    auto id = model.add_watchpoint(w);
    if (!id && skipped) skipped->push_back("watchpoint on memory " + std::to_string(w.memory) + ": " + id.error().str());
  }
  return {};
}

}  // namespace mnemo::ui
