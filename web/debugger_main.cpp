// web/debugger_main.cpp: the playground's program: the web/ui debugger in a browser canvas
// (Emscripten's GLFW, WebGL2 through Dear ImGui's OpenGL3 backend), the last loaded module kept
// in localStorage, and the debugger's JS API (debuggerLoad, debuggerCommand, debuggerHighlights,
// ...) that the page (web/shell.html) and the end-to-end tests drive.
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/html5.h>
#include <emscripten/val.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "web/playground.h"
#include "web/timeline_value.h"
#include "web/ui/examples.h"
#include "web/ui/panels.h"

namespace {

using emscripten::val;
using mnemo::ui::Command;
using mnemo::ui::DebuggerModel;
using mnemo::ui::Highlight;
using mnemo::ui::OutputLine;
using mnemo::ui::UiState;

constexpr const char* kDefaultExample = "02-copy-record.wat";

struct App {
  DebuggerModel model;
  UiState ui;
  GLFWwindow* window = nullptr;
  uint64_t stored_source = 0;  // the model's source_serial() last written to localStorage
};

// The one running playground; the embind functions below reach it through this pointer.
App* g_app = nullptr;

EM_JS(char*, storage_get, (const char* key), {
  try {
    var v = window.localStorage.getItem(UTF8ToString(key));
    return v === null ? 0 : allocateUTF8(v);
  } catch (e) { return 0; }
});

EM_JS(void, storage_set, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(void, open_file_picker, (), {
  var input = document.getElementById('file-input');
  if (input) input.click();
});

// The Share menu item: the page encodes the link, puts it in the address bar and copies it
// (web/shell.html), and reports in the Output panel.
EM_JS(void, share_from_ui, (), {
  if (typeof window.mnemoShareFromUi === 'function') window.mnemoShareFromUi();
});

EM_JS(void, page_ready, (), {
  if (typeof window.mnemoReady === 'function') window.mnemoReady();
});

std::string take_string(char* p) {
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

bool load_example(DebuggerModel& model, const std::string& file) {
  for (const auto& e : mnemo::ui::examples())
    if (e.file == file) return model.load_text(std::string(e.text), file);
  model.print(OutputLine::Kind::Error, "no example " + file);
  return false;
}

void frame(void* arg) {
  App& app = *static_cast<App*>(arg);
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  int w = 0, h = 0;
  glfwGetWindowSize(app.window, &w, &h);
  if (int(css_w) != w || int(css_h) != h) glfwSetWindowSize(app.window, int(css_w), int(css_h));

  if (app.ui.example_to_load) {
    load_example(app.model, *app.ui.example_to_load);
    app.ui.example_to_load.reset();
  }
  if (app.ui.request_open_file) {
    app.ui.request_open_file = false;
    open_file_picker();
  }
  if (app.ui.request_share) {
    app.ui.request_share = false;
    share_from_ui();
  }
  app.model.update();
  if (app.model.source_serial() != app.stored_source) {
    app.stored_source = app.model.source_serial();
    storage_set("mnemo.source", app.model.source_text().c_str());
    storage_set("mnemo.name", app.model.source_name().c_str());
  }

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  mnemo::ui::DrawDebugger(app.model, app.ui);
  ImGui::Render();
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(app.window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.09f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// --- The debugger's JS API. Calls apply at once (model.update()), so a script sees their effect
// when the call returns.

val result(bool ok) {
  val r = val::object();
  r.set("ok", ok);
  if (!ok && g_app->model.load_error()) {
    r.set("error", g_app->model.load_error()->str());
    r.set("where", g_app->model.load_error()->where);
    r.set("message", g_app->model.load_error()->message);
  }
  return r;
}

val debugger_load(const val& source, const std::string& name) {
  bool ok = source.isString() ? g_app->model.load_text(source.as<std::string>(), name)
                              : g_app->model.load_binary(emscripten::convertJSArrayToNumberVector<uint8_t>(source), name);
  return result(ok);
}

val debugger_load_example(const std::string& file) { return result(load_example(g_app->model, file)); }

val debugger_examples() {
  val list = val::array();
  for (const auto& e : mnemo::ui::examples()) {
    val item = val::object();
    item.set("file", std::string(e.file));
    item.set("title", std::string(e.title));
    list.call<void>("push", item);
  }
  return list;
}

val location(const mnemo::CodeLocation& at) {
  val v = val::object();
  v.set("func", at.func);
  v.set("instr", at.instr);
  if (auto line = g_app->model.line_of(at)) v.set("line", *line);
  return v;
}

const char* role_name(Highlight::Role role) {
  switch (role) {
    case Highlight::Role::Read: return "read";
    case Highlight::Role::Write: return "write";
    case Highlight::Role::CopySource: return "copySource";
    case Highlight::Role::CopyDestination: return "copyDestination";
    case Highlight::Role::Fill: return "fill";
    case Highlight::Role::Init: return "init";
    case Highlight::Role::Fault: return "fault";
  }
  return "";
}

const char* stop_reason_name(mnemo::StopReason r) {
  switch (r) {
    case mnemo::StopReason::Step: return "step";
    case mnemo::StopReason::Breakpoint: return "breakpoint";
    case mnemo::StopReason::Paused: return "paused";
    case mnemo::StopReason::Finished: return "finished";
    case mnemo::StopReason::Trapped: return "trapped";
    case mnemo::StopReason::Watchpoint: return "watchpoint";
  }
  return "";
}

val debugger_state() {
  const DebuggerModel& m = g_app->model;
  val s = val::object();
  s.set("module", m.has_module() ? val(m.source_name()) : val::null());
  s.set("error", m.load_error() ? val(m.load_error()->str()) : val::null());
  s.set("interpreter", m.interpreter_available());
  s.set("instantiated", m.has_instance());
  s.set("inCall", m.in_call());
  s.set("running", m.running());
  s.set("stepSerial", double(m.step_serial()));
  s.set("steps", double(m.steps()));  // instructions run on the instance so far
  s.set("stopReason", m.last_stop() ? val(std::string(stop_reason_name(*m.last_stop()))) : val::null());
  s.set("current", m.current() ? location(*m.current()) : val::null());
  // The paused call's frames, outermost first (as the Call stack panel lists them): where each
  // stands ({func, instr, line}); the last is current.
  val stack = val::array();
  for (const auto& frame : m.call_stack()) stack.call<void>("push", location(frame.at));
  s.set("callStack", stack);
  s.set("animate", m.animate);
  s.set("recording", m.recording());
  // Runs nobody observed (full speed, no recording, no watchpoint): [{first, last}], oldest first.
  val unobserved = val::array();
  for (const mnemo::ui::StepSpan& span : m.unobserved_steps()) {
    val v = val::object();
    v.set("first", double(span.first));
    v.set("last", double(span.last));
    unobserved.call<void>("push", v);
  }
  s.set("unobserved", unobserved);
  s.set("stepsPerFrame", m.steps_per_frame);
  s.set("lastStep", m.last_step_summary());
  val memories = val::array();
  for (uint32_t i = 0; i < m.memory_count(); ++i) {
    const auto d = m.describe_memory(i);
    val v = val::object();
    v.set("index", d.index);
    v.set("name", d.name);
    v.set("importName", d.import_name);
    v.set("exportName", d.export_name);
    v.set("pages", double(d.pages));
    v.set("maxPages", d.max_pages ? val(double(*d.max_pages)) : val::null());
    v.set("sizeBytes", double(d.size_bytes));
    v.set("live", d.live);
    // The byte the typed inspector reads (selectAddress, a click, a followed access).
    v.set("selected", i < g_app->ui.memory_views.size() ? double(g_app->ui.memory_views[i].selected) : 0.0);
    memories.call<void>("push", v);
  }
  s.set("memories", memories);
  // Memory can be edited only while stopped; editBlocker says why not otherwise.
  const auto blocker = m.edit_blocker();
  s.set("canEditMemory", !blocker);
  s.set("editBlocker", blocker ? val(*blocker) : val::null());
  val exports = val::array();
  for (const auto& e : m.exported_functions()) exports.call<void>("push", val(e.name));
  s.set("exports", exports);
  val bps = val::array();
  for (const auto& [func, instr] : m.breakpoints()) bps.call<void>("push", location({func, instr}));
  s.set("breakpoints", bps);
  return s;
}

// The Controls panel's speed: animated at `stepsPerFrame` instructions a frame, or full speed
// (animate false: a slice of each frame's time). Either field may be left out.
void debugger_set_speed(const val& speed) {
  DebuggerModel& m = g_app->model;
  if (speed["animate"].isTrue() || speed["animate"].isFalse()) m.animate = speed["animate"].as<bool>();
  if (speed["stepsPerFrame"].isNumber()) m.steps_per_frame = std::max(1, speed["stepsPerFrame"].as<int>());
}

bool debugger_command(const std::string& name) {
  const std::pair<const char*, Command> table[] = {
      {"continue", Command::Continue}, {"pause", Command::Pause},         {"stepInto", Command::StepInto},
      {"stepOver", Command::StepOver}, {"stepOut", Command::StepOut},     {"runToCursor", Command::RunToCursor},
      {"restart", Command::Restart},   {"stop", Command::Stop},
      {"stepBack", Command::StepBack}, {"reverseContinue", Command::ReverseContinue}};
  for (const auto& [n, c] : table)
    if (name == n) {
      g_app->model.queue(c);
      g_app->model.update();
      return true;
    }
  return false;
}

void debugger_call(const std::string& export_name, const std::string& args, bool stop_at_entry) {
  g_app->model.queue_call(export_name, args, stop_at_entry);
  g_app->model.update();
}

// A click in the gutter of `line` of the Source panel (the text as loaded): sets a breakpoint on
// the first instruction written there, or removes the line's breakpoints. False: no instruction
// is written on that line.
bool debugger_toggle_breakpoint_at_line(uint32_t line) {
  if (!g_app->model.queue_toggle_breakpoint_at_line(line)) return false;
  g_app->model.update();
  return true;
}

val debugger_highlights() {
  val list = val::array();
  for (const Highlight& h : g_app->model.highlights()) {
    val v = val::object();
    v.set("role", std::string(role_name(h.role)));
    v.set("memory", h.memory);
    v.set("address", double(h.address));
    v.set("size", double(h.size));
    list.call<void>("push", v);
  }
  return list;
}

val debugger_trap() {
  const auto& t = g_app->model.last_trap();
  if (!t) return val::null();
  val v = val::object();
  v.set("message", t->message);
  v.set("where", location(t->where));
  if (t->fault) {
    v.set("memory", t->fault->memory);
    v.set("address", double(t->fault->address));
    v.set("size", double(t->fault->size));
  }
  return v;
}

// readMemory(index, address, length) -> Uint8Array of the bytes that exist (shorter past the end).
val debugger_read_memory(uint32_t index, double address, double length) {
  if (address < 0 || length < 0 || length > double(1 << 26)) return val::global("Uint8Array").new_(0);
  std::vector<uint8_t> bytes(static_cast<size_t>(length));
  const uint64_t n = g_app->model.read_memory(index, uint64_t(address), bytes.data(), bytes.size());
  return val::global("Uint8Array").new_(val(emscripten::typed_memory_view(size_t(n), bytes.data())));
}

bool debugger_write_memory(uint32_t index, double address, const val& bytes) {
  if (address < 0) return false;
  return g_app->model.write_memory(index, uint64_t(address), emscripten::convertJSArrayToNumberVector<uint8_t>(bytes));
}

// inspect(index, address) -> {i8: '65', u8: '65', ..., f64x2: '...', utf8: 'Ada Lovelace$'}, the
// typed inspector's texts (web/ui/typed_values.h); a value running past the memory's end is null.
val debugger_inspect(uint32_t index, double address) {
  val out = val::object();
  if (address < 0) return out;
  for (const mnemo::ui::TypedValue& v : g_app->model.inspect(index, uint64_t(address)))
    out.set(std::string(mnemo::ui::inspect_type_name(v.type)), v.text ? val(*v.text) : val::null());
  return out;
}

// editValue(index, address, type, text) -> {ok: true} or {ok: false, error}: the typed inspector's
// edit, refused while a call runs.
val debugger_edit_value(uint32_t index, double address, const std::string& type, const std::string& text) {
  val r = val::object();
  const auto t = mnemo::ui::inspect_type_from_name(type);
  mnemo::Status s = !t ? mnemo::Status(mnemo::Error{"", "'" + type + "' is not an inspector type (i8, u8, i16, u16, i32, u32, "
                                                                     "i64, u64, f32, f64, i8x16, i16x8, i32x4, i64x2, f32x4, f64x2, utf8)"})
                   : address < 0 ? mnemo::Status(mnemo::Error{"", "a negative address"})
                                 : g_app->model.edit_value(index, uint64_t(address), *t, text);
  r.set("ok", s.ok());
  if (!s) r.set("error", s.error().str());
  return r;
}

// memoryMap(index) -> [{page, touched, reads, writes}, ...], one per page: the page map's data,
// reads and writes as heat over recent steps (web/ui/page_activity.h).
val debugger_memory_map(uint32_t index) {
  val list = val::array();
  for (const mnemo::ui::PageHeat& p : g_app->model.memory_map(index)) {
    val v = val::object();
    v.set("page", double(p.first_page));
    v.set("touched", p.touched);
    v.set("reads", p.reads);
    v.set("writes", p.writes);
    list.call<void>("push", v);
  }
  return list;
}

// selectAddress(index, address): the typed inspector reads memory `index` at `address`, and the
// memory's view scrolls to it, as a click on that byte would. False when there is no such memory.
bool debugger_select_address(uint32_t index, double address) {
  if (index >= g_app->model.memory_count() || address < 0) return false;
  g_app->ui.memory_views.resize(g_app->model.memory_count());
  g_app->ui.memory_views[index].selected = uint64_t(address);
  g_app->ui.memory_views[index].scroll_to = uint64_t(address);
  return true;
}

// --- Watchpoints, "who wrote this?" and the transfer ledger (web/ui/provenance.h).

const char* watch_on_name(mnemo::Watchpoint::On on) {
  return on == mnemo::Watchpoint::On::Read ? "read" : on == mnemo::Watchpoint::On::Write ? "write" : "any";
}

// addWatchpoint({memory, address, length, on}) -> {ok: true, id} or {ok: false, error}: the hex
// view's W / right-click and the Watchpoints panel's "add".
val debugger_add_watchpoint(const val& spec) {
  val r = val::object();
  auto refuse = [&](const std::string& why) {
    r.set("ok", false);
    r.set("error", why);
    return r;
  };
  const auto whole = [](const val& v) {
    return v.isNumber() && v.as<double>() >= 0 && v.as<double>() <= 9007199254740991.0 &&
           v.as<double>() == double(uint64_t(v.as<double>()));
  };
  if (!spec.isUndefined() && !spec.isNull() && spec.typeOf().as<std::string>() != "object")
    return refuse("addWatchpoint takes {memory, address, length, on}");
  const val memory = spec["memory"], address = spec["address"], length = spec["length"], on = spec["on"];
  if (!whole(memory) || memory.as<double>() > double(UINT32_MAX)) return refuse("memory must be a memory index (a whole number from 0)");
  if (!whole(address)) return refuse("address must be a whole number from 0");
  if (!whole(length)) return refuse("length must be a whole number from 0");
  mnemo::Watchpoint w{uint32_t(memory.as<double>()), uint64_t(address.as<double>()), uint64_t(length.as<double>()),
                      mnemo::Watchpoint::On::Write};
  const std::string on_text = on.isString() ? on.as<std::string>() : on.isUndefined() ? "write" : "?";
  if (on_text == "read") w.on = mnemo::Watchpoint::On::Read;
  else if (on_text == "any") w.on = mnemo::Watchpoint::On::Any;
  else if (on_text != "write") return refuse("on must be 'read', 'write' or 'any'");
  auto id = g_app->model.add_watchpoint(w);
  if (!id) return refuse(id.error().str());
  r.set("ok", true);
  r.set("id", *id);
  return r;
}

bool debugger_remove_watchpoint(double id) {
  return id >= 0 && id <= double(UINT32_MAX) && g_app->model.remove_watchpoint(uint32_t(id));
}

val debugger_watchpoints() {
  val list = val::array();
  for (const mnemo::ui::WatchEntry& w : g_app->model.watchpoints()) {
    val v = val::object();
    v.set("id", w.id);
    v.set("memory", w.watch.memory);
    v.set("address", double(w.watch.address));
    v.set("length", double(w.watch.length));
    v.set("on", std::string(watch_on_name(w.watch.on)));
    list.call<void>("push", v);
  }
  return list;
}

val byte_array(const std::vector<uint8_t>& bytes) {
  val out = val::array();
  for (uint8_t b : bytes) out.call<void>("push", b);
  return out;
}

// The last run's watchpoint stop: {id, func, instr, line, op, kind, memory, address, length,
// oldBytes, newBytes, text}; null when the last stop was not one.
val debugger_watch_hit() {
  const auto& h = g_app->model.last_watch_hit();
  if (!h) return val::null();
  val v = location(h->at);
  v.set("id", h->id);
  v.set("op", h->op ? val(std::string(mnemo::mnemonic(*h->op))) : val::null());
  v.set("kind", std::string(h->access.kind == mnemo::MemoryAccess::Kind::Read ? "read" : "write"));
  v.set("memory", h->watch.memory);
  v.set("address", double(h->address));
  v.set("length", double(h->length));
  v.set("oldBytes", byte_array(h->old_bytes));
  v.set("newBytes", byte_array(h->new_bytes));
  v.set("text", g_app->model.describe_watch_hit());
  return v;
}

// whoWrote(memory, address, length) -> the chain of the range's first bytes, newest first:
// [{kind, step, func, instr, line, op, memory, address, length, from: {memory, address}, segment}]
// (`length`: how many of the asked bytes share that link). Opens the "Who wrote this?" window, as
// the hex view's menu does, which shows every run of the range.
val debugger_who_wrote(uint32_t memory, double address, double length) {
  val chain = val::array();
  if (address < 0 || length < 1 || memory >= g_app->model.memory_count()) return chain;
  const uint64_t a = uint64_t(address), n = uint64_t(length);
  g_app->ui.who_wrote = mnemo::ui::MemoryRange{memory, a, n};
  const auto runs = g_app->model.who_wrote(memory, a, n);
  if (runs.empty()) return chain;
  for (const mnemo::ui::WriteLink& l : runs.front().chain) {
    val v = val::object();
    v.set("kind", mnemo::ui::describe_link_kind(l.kind));
    v.set("step", double(l.step));
    // 'unobserved': steps [step, lastStep] ran with nobody observing (a write may hide there).
    if (l.kind == mnemo::ui::WriteLink::Kind::Unobserved) v.set("lastStep", double(l.last_step));
    const bool placed = l.kind == mnemo::ui::WriteLink::Kind::Store || l.kind == mnemo::ui::WriteLink::Kind::Copy ||
                        l.kind == mnemo::ui::WriteLink::Kind::Fill || l.kind == mnemo::ui::WriteLink::Kind::Init;
    v.set("func", placed ? val(l.at.func) : val::null());
    v.set("instr", placed ? val(l.at.instr) : val::null());
    const auto line = placed ? g_app->model.line_of(l.at) : std::nullopt;
    v.set("line", line ? val(*line) : val::null());
    v.set("op", l.op ? val(std::string(mnemo::mnemonic(*l.op))) : val::null());
    v.set("memory", l.memory);
    v.set("address", double(l.address));
    v.set("length", double(l.length));
    if (l.src_memory) {
      val from = val::object();
      from.set("memory", *l.src_memory);
      from.set("address", double(l.src_address));
      v.set("from", from);
    } else {
      v.set("from", val::null());
    }
    v.set("segment", l.data_segment ? val(*l.data_segment) : val::null());
    chain.call<void>("push", v);
  }
  return chain;
}

val range_object(uint32_t memory, uint64_t address, uint64_t length) {
  val v = val::object();
  v.set("memory", memory);
  v.set("address", double(address));
  v.set("length", double(length));
  return v;
}

// ledger() -> [{step, op: 'copy' | 'fill' | 'init' | 'grow' | 'segment', func, instr, line,
// dst: {memory, address, length}, src: {memory, address, length} | {segment} | null}]; a grow's
// dst is the bytes it added; segments placed at instantiation have step 0.
val debugger_ledger() {
  val list = val::array();
  for (const mnemo::ui::Transfer& t : g_app->model.ledger()) {
    val v = val::object();
    v.set("step", double(t.step));
    v.set("op", mnemo::ui::describe_transfer_kind(t.kind));
    const bool ran = t.kind != mnemo::ui::Transfer::Kind::Segment;
    v.set("func", ran ? val(t.at.func) : val::null());
    v.set("instr", ran ? val(t.at.instr) : val::null());
    const auto line = ran ? g_app->model.line_of(t.at) : std::nullopt;
    v.set("line", line ? val(*line) : val::null());
    v.set("dst", range_object(t.memory, t.address, t.length));
    if (t.src_memory) {
      v.set("src", range_object(*t.src_memory, t.src_address, t.length));
    } else if (t.data_segment) {
      val src = val::object();
      src.set("segment", *t.data_segment);
      v.set("src", src);
    } else {
      v.set("src", val::null());
    }
    list.call<void>("push", v);
  }
  return list;
}

// showTransfer(index): a click on ledger row `index`: the debugger travels to its step, and both
// hex views scroll to its ranges and mark them. False when there is no such row; a row whose step
// the history no longer holds is marked without travelling (the Output panel says why).
bool debugger_show_transfer(double index) {
  const auto& rows = g_app->model.ledger();
  if (index < 0 || index >= double(rows.size())) return false;
  const mnemo::ui::Transfer row = rows[size_t(index)];
  if (auto moved = mnemo::ui::TravelToTransfer(g_app->model, row); !moved)
    g_app->model.print(OutputLine::Kind::Error, moved.error().str());
  g_app->ui.memory_views.resize(g_app->model.memory_count());
  mnemo::ui::MarkTransfer(g_app->ui, row);
  return true;
}

// --- Time travel. Each returns {ok: true, stopReason} or {ok: false, error}.
val travel_result(const mnemo::Status& status) {
  val r = val::object();
  r.set("ok", status.ok());
  if (!status.ok()) r.set("error", status.error().str());
  const auto reason = g_app->model.last_stop();
  r.set("stopReason", reason ? val(std::string(stop_reason_name(*reason))) : val::null());
  return r;
}

// A command that fails prints its reason in the Output panel: the page API reads it back.
val travel_command(Command command) {
  const size_t lines = g_app->model.output().size();
  g_app->model.queue(command);
  g_app->model.update();
  const auto& out = g_app->model.output();
  for (size_t i = std::min(lines, out.size()); i < out.size(); ++i)
    if (out[i].kind == OutputLine::Kind::Error) return travel_result(mnemo::Error{"", out[i].text});
  return travel_result({});
}

val debugger_step_back() { return travel_command(Command::StepBack); }
val debugger_reverse_continue() { return travel_command(Command::ReverseContinue); }
val debugger_travel_to(double step) {
  if (!(step >= 0 && step <= 9007199254740991.0) || step != double(uint64_t(step)))
    return travel_result(mnemo::Error{"", "a step is a whole number from 0"});
  return travel_result(g_app->model.travel_to(uint64_t(step)));
}

// {first, last, current, bytes, budget, stepsDropped}, in the steps state().steps counts; null
// when there is no call to travel in.
val debugger_timeline() {
  const auto t = g_app->model.timeline();
  return t ? mnemo::web::timeline_value(*t) : val::null();
}

// setRecording(on): the "record" box: every call records its history (time travel) or none does.
void debugger_set_recording(bool on) { g_app->model.set_recording(on); }

void debugger_set_history_budget(double bytes) {
  g_app->model.set_history_budget(bytes > 0 && bytes < 1.8e19 ? uint64_t(bytes) : 0);
}

val debugger_output() {
  val list = val::array();
  const char* kinds[] = {"info", "result", "trap", "error", "print"};
  for (const OutputLine& line : g_app->model.output()) {
    val v = val::object();
    v.set("kind", std::string(kinds[int(line.kind)]));
    v.set("text", line.text);
    list.call<void>("push", v);
  }
  return list;
}

std::string debugger_printed() { return g_app->model.printed().text; }
std::string debugger_source() { return g_app->model.source_text(); }

}  // namespace

mnemo::ui::DebuggerModel& mnemo::web::playground_model() { return g_app->model; }

EMSCRIPTEN_BINDINGS(mnemo_debugger) {
  emscripten::function("debuggerLoad", &debugger_load);
  emscripten::function("debuggerLoadExample", &debugger_load_example);
  emscripten::function("debuggerExamples", &debugger_examples);
  emscripten::function("debuggerState", &debugger_state);
  emscripten::function("debuggerCommand", &debugger_command);
  emscripten::function("debuggerSetSpeed", &debugger_set_speed);
  emscripten::function("debuggerCall", &debugger_call);
  emscripten::function("debuggerToggleBreakpointAtLine", &debugger_toggle_breakpoint_at_line);
  emscripten::function("debuggerHighlights", &debugger_highlights);
  emscripten::function("debuggerTrap", &debugger_trap);
  emscripten::function("debuggerReadMemory", &debugger_read_memory);
  emscripten::function("debuggerWriteMemory", &debugger_write_memory);
  emscripten::function("debuggerInspect", &debugger_inspect);
  emscripten::function("debuggerEditValue", &debugger_edit_value);
  emscripten::function("debuggerMemoryMap", &debugger_memory_map);
  emscripten::function("debuggerSelectAddress", &debugger_select_address);
  emscripten::function("debuggerAddWatchpoint", &debugger_add_watchpoint);
  emscripten::function("debuggerRemoveWatchpoint", &debugger_remove_watchpoint);
  emscripten::function("debuggerWatchpoints", &debugger_watchpoints);
  emscripten::function("debuggerWatchHit", &debugger_watch_hit);
  emscripten::function("debuggerWhoWrote", &debugger_who_wrote);
  emscripten::function("debuggerLedger", &debugger_ledger);
  emscripten::function("debuggerShowTransfer", &debugger_show_transfer);
  emscripten::function("debuggerStepBack", &debugger_step_back);
  emscripten::function("debuggerReverseContinue", &debugger_reverse_continue);
  emscripten::function("debuggerTravelTo", &debugger_travel_to);
  emscripten::function("debuggerTimeline", &debugger_timeline);
  emscripten::function("debuggerSetHistoryBudget", &debugger_set_history_budget);
  emscripten::function("debuggerSetRecording", &debugger_set_recording);
  emscripten::function("debuggerOutput", &debugger_output);
  emscripten::function("debuggerPrinted", &debugger_printed);
  emscripten::function("debuggerSource", &debugger_source);
}

int main() {
  glfwSetErrorCallback([](int code, const char* text) { emscripten_log(EM_LOG_ERROR, "GLFW error %d: %s", code, text); });
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  double css_w = 1280, css_h = 800;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  GLFWwindow* window = glfwCreateWindow(int(css_w), int(css_h), "mnemo", nullptr, nullptr);
  if (!window) {
    emscripten_log(EM_LOG_ERROR, "could not create a WebGL2 context");
    return 1;
  }
  glfwMakeContextCurrent(window);

  g_app = new App;  // lives as long as the page
  g_app->window = window;
  g_app->ui.share_available = true;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  // The last loaded module survives a reload; a first visit opens the copy example.
  const std::string stored = take_string(storage_get("mnemo.source"));
  const std::string stored_name = take_string(storage_get("mnemo.name"));
  if (stored.empty() || !g_app->model.load_text(stored, stored_name.empty() ? "stored.wat" : stored_name))
    load_example(g_app->model, kDefaultExample);
  g_app->stored_source = g_app->model.source_serial();

  page_ready();
  emscripten_set_main_loop_arg(frame, g_app, 0, false);
  return 0;
}
