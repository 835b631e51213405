// web/debugger_share.cpp: the page API's share links. The page (web/shell.html) encodes and
// decodes the link (web/share_link.js); these take the session out of the debugger model and put
// one back (web/ui/share.h), and let the page write its messages in the Output panel, where a
// bad link is reported.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "web/playground.h"
#include "web/ui/share.h"

namespace {

using emscripten::val;
using mnemo::ui::OutputLine;

const char* on_name(mnemo::Watchpoint::On on) {
  return on == mnemo::Watchpoint::On::Read ? "read" : on == mnemo::Watchpoint::On::Write ? "write" : "any";
}

// shareState() -> {name, text, breakpoints: [{func, instr}], watchpoints: [{memory, address,
// length, on}]}, or {error} when nothing is loaded.
val debugger_share_state() {
  val out = val::object();
  auto shared = mnemo::ui::capture_shared(mnemo::web::playground_model());
  if (!shared) {
    out.set("error", shared.error().str());
    return out;
  }
  out.set("name", shared->name);
  out.set("text", shared->text);
  val bps = val::array();
  for (const mnemo::CodeLocation& at : shared->breakpoints) {
    val b = val::object();
    b.set("func", at.func);
    b.set("instr", at.instr);
    bps.call<void>("push", b);
  }
  out.set("breakpoints", bps);
  val ws = val::array();
  for (const mnemo::Watchpoint& w : shared->watchpoints) {
    val v = val::object();
    v.set("memory", w.memory);
    v.set("address", double(w.address));
    v.set("length", double(w.length));
    v.set("on", std::string(on_name(w.on)));
    ws.call<void>("push", v);
  }
  out.set("watchpoints", ws);
  return out;
}

bool whole(const val& v, double max) {
  return v.isNumber() && v.as<double>() >= 0 && v.as<double>() <= max && v.as<double>() == double(uint64_t(v.as<double>()));
}

// openShared({name, text, breakpoints, watchpoints}), as web/share_link.js decodes a link ->
// {ok: true, skipped: [...]} or {ok: false, error}. Everything goes to the Output panel too.
val debugger_open_shared(const val& session) {
  mnemo::ui::DebuggerModel& model = mnemo::web::playground_model();
  val r = val::object();
  auto fail = [&](const std::string& why) {
    model.print(OutputLine::Kind::Error, "share link: " + why);
    r.set("ok", false);
    r.set("error", "share link: " + why);
    return r;
  };
  if (session.isNull() || session.isUndefined() || session.typeOf().as<std::string>() != "object")
    return fail("no session to open");
  mnemo::ui::SharedSession s;
  if (!session["text"].isString()) return fail("the link holds no module text");
  s.text = session["text"].as<std::string>();
  if (session["name"].isString()) s.name = session["name"].as<std::string>();
  const double kMaxSafe = 9007199254740991.0;
  if (session["breakpoints"].isArray()) {
    const val bps = session["breakpoints"];
    for (unsigned i = 0; i < bps["length"].as<unsigned>(); ++i) {
      const val b = bps[i];
      if (!whole(b["func"], UINT32_MAX) || !whole(b["instr"], UINT32_MAX))
        return fail("breakpoint " + std::to_string(i + 1) + " is not {func, instr}");
      s.breakpoints.push_back({uint32_t(b["func"].as<double>()), uint32_t(b["instr"].as<double>())});
    }
  }
  if (session["watchpoints"].isArray()) {
    const val ws = session["watchpoints"];
    for (unsigned i = 0; i < ws["length"].as<unsigned>(); ++i) {
      const val w = ws[i];
      const std::string on = w["on"].isString() ? w["on"].as<std::string>() : "";
      if (!whole(w["memory"], UINT32_MAX) || !whole(w["address"], kMaxSafe) || !whole(w["length"], kMaxSafe) ||
          (on != "read" && on != "write" && on != "any"))
        return fail("watchpoint " + std::to_string(i + 1) + " is not {memory, address, length, on}");
      s.watchpoints.push_back({uint32_t(w["memory"].as<double>()), uint64_t(w["address"].as<double>()),
                               uint64_t(w["length"].as<double>()),
                               on == "read" ? mnemo::Watchpoint::On::Read
                               : on == "write" ? mnemo::Watchpoint::On::Write
                                               : mnemo::Watchpoint::On::Any});
    }
  }
  std::vector<std::string> skipped;
  if (auto applied = mnemo::ui::apply_shared(model, s, &skipped); !applied) return fail(applied.error().str());
  val list = val::array();
  for (const std::string& why : skipped) {
    model.print(OutputLine::Kind::Error, "share link: " + why);
    list.call<void>("push", why);
  }
  model.print(OutputLine::Kind::Info, "opened a share link: " + model.source_name() + ", " +
                                          std::to_string(model.breakpoints().size()) + " breakpoint(s), " +
                                          std::to_string(model.watchpoints().size()) + " watchpoint(s)");
  r.set("ok", true);
  r.set("skipped", list);
  return r;
}

// report(kind, text): a line in the Output panel from the page ('info' or 'error').
void debugger_report(const std::string& kind, const std::string& text) {
  mnemo::web::playground_model().print(kind == "error" ? OutputLine::Kind::Error : OutputLine::Kind::Info, text);
}

}  // namespace

EMSCRIPTEN_BINDINGS(mnemo_debugger_share) {
  emscripten::function("debuggerShareState", &debugger_share_state);
  emscripten::function("debuggerOpenShared", &debugger_open_shared);
  emscripten::function("debuggerReport", &debugger_report);
}
