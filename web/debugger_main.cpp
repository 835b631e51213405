// web/debugger_main.cpp: the playground's program: the web/ui debugger in a browser canvas
// (Emscripten's GLFW, WebGL2 through Dear ImGui's OpenGL3 backend), the last loaded module kept
// in localStorage, and the debugger's JS API (debuggerLoad, debuggerCommand, debuggerHighlights,
// ...) that the page (web/shell.html) and the end-to-end tests drive.
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/html5.h>
#include <emscripten/val.h>
#include <GLFW/glfw3.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
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
  s.set("current", m.current() ? location(*m.current()) : val::null());
  // The paused call's frames, outermost first (as the Call stack panel lists them): where each
  // stands ({func, instr, line}); the last is current.
  val stack = val::array();
  for (const auto& frame : m.call_stack()) stack.call<void>("push", location(frame.at));
  s.set("callStack", stack);
  s.set("animate", m.animate);
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
    memories.call<void>("push", v);
  }
  s.set("memories", memories);
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
      {"restart", Command::Restart},   {"stop", Command::Stop}};
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

// Toggles the breakpoint on the instruction printed at `line` of the Source panel.
bool debugger_toggle_breakpoint_at_line(uint32_t line) {
  auto at = g_app->model.location_at_line(line);
  if (!at) return false;
  g_app->model.queue_toggle_breakpoint(*at);
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
