// web/ui/native/main.cpp: mnemo-debugger, the desktop debugger: opens FILE (.wasm or .wat) in
// the same panels as the web playground, with GLFW and OpenGL 3.
//
//   mnemo-debugger [FILE] [--example NAME] [--call EXPORT [--until MNEMONIC]] [--size WxH]
//                  [--screenshot PNG --frames N]
//
// --call starts a call of EXPORT (no arguments) stopped at its first instruction; --until then
// steps until an instruction named MNEMONIC (say memory.copy) has executed, to open the window on
// that moment. --screenshot draws N frames (default 5), saves the window as a PNG and exits: used
// by the tests.
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "core/opcodes.h"
#include "web/ui/examples.h"
#include "web/ui/native/png_writer.h"
#include "web/ui/panels.h"

namespace {

using mnemo::ui::DebuggerModel;
using mnemo::ui::UiState;

struct App {
  DebuggerModel model;
  UiState ui;
};

bool load_file(DebuggerModel& model, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    model.print(mnemo::ui::OutputLine::Kind::Error, "cannot read " + path);
    return false;
  }
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  const bool binary = bytes.size() >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
  if (binary) return model.load_binary(bytes, name);
  return model.load_text(std::string(bytes.begin(), bytes.end()), name);
}

bool load_example(DebuggerModel& model, const std::string& file) {
  for (const auto& e : mnemo::ui::examples())
    if (e.file == file) return model.load_text(std::string(e.text), file);
  model.print(mnemo::ui::OutputLine::Kind::Error, "no example " + file);
  return false;
}

void on_drop(GLFWwindow* window, int count, const char** paths) {
  App* app = static_cast<App*>(glfwGetWindowUserPointer(window));
  if (count > 0) load_file(app->model, paths[0]);
}

// --call / --until: a call stopped at entry, then single steps until `until` has executed.
bool start_call(DebuggerModel& model, const std::string& name, const std::string& until) {
  model.queue_call(name, "", /*stop_at_entry=*/true);
  model.update();
  if (!model.in_call()) return false;
  if (until.empty()) return true;
  const std::optional<mnemo::Opcode> op = mnemo::opcode_from_text(until);
  if (!op) {
    std::fprintf(stderr, "mnemo-debugger: --until %s: no such instruction\n", until.c_str());
    return false;
  }
  constexpr int kMaxSteps = 1'000'000;  // a loop that never reaches `until` still ends
  for (int i = 0; i < kMaxSteps && model.in_call(); ++i) {
    const bool last = model.current_op() == op;
    model.queue(mnemo::ui::Command::StepInto);
    model.update();
    if (last) return true;
  }
  std::fprintf(stderr, "mnemo-debugger: the call ended before %s executed\n", until.c_str());
  return false;
}

int usage() {
  std::fprintf(stderr,
               "usage: mnemo-debugger [FILE] [--example NAME] [--call EXPORT [--until MNEMONIC]] [--size WxH]\n"
               "                      [--screenshot PNG] [--frames N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file, example, screenshot, call, until;
  int width = 1400, height = 860, frames = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--screenshot" && has_value) screenshot = argv[++i];
    else if (a == "--frames" && has_value) frames = std::atoi(argv[++i]);
    else if (a == "--example" && has_value) example = argv[++i];
    else if (a == "--call" && has_value) call = argv[++i];
    else if (a == "--until" && has_value) until = argv[++i];
    else if (a == "--size" && has_value) {
      if (std::sscanf(argv[++i], "%dx%d", &width, &height) != 2 || width < 200 || height < 200) return usage();
    } else if (a == "--help" || a == "-h") return usage(), 0;
    else if (!a.empty() && a[0] != '-' && file.empty()) file = a;
    else return usage();
  }

  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(width, height, "mnemo debugger", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  App app;
  glfwSetWindowUserPointer(window, &app);
  glfwSetDropCallback(window, on_drop);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed: nothing to remember
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  bool ok = true;
  if (!file.empty()) ok = load_file(app.model, file);
  else load_example(app.model, example.empty() ? "02-copy-record.wat" : example);
  if (ok && !call.empty()) ok = start_call(app.model, call, until);

  for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
    glfwPollEvents();
    if (app.ui.example_to_load) {
      load_example(app.model, *app.ui.example_to_load);
      app.ui.example_to_load.reset();
    }
    if (app.ui.request_open_file) {
      app.ui.request_open_file = false;
      app.model.print(mnemo::ui::OutputLine::Kind::Info, "drop a .wasm or .wat file on the window to open it");
    }
    app.model.update();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    mnemo::ui::DrawDebugger(app.model, app.ui);
    ImGui::Render();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.09f, 0.09f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!screenshot.empty() && frame + 1 >= frames) {
      std::vector<uint8_t> pixels(size_t(fb_w) * fb_h * 4), flipped(pixels.size());
      glPixelStorei(GL_PACK_ALIGNMENT, 1);
      glReadPixels(0, 0, fb_w, fb_h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
      for (int y = 0; y < fb_h; ++y)  // OpenGL's rows run bottom-up
        std::memcpy(&flipped[size_t(y) * fb_w * 4], &pixels[size_t(fb_h - 1 - y) * fb_w * 4], size_t(fb_w) * 4);
      if (!mnemo::ui::write_png(screenshot, uint32_t(fb_w), uint32_t(fb_h), flipped)) {
        std::fprintf(stderr, "cannot write %s\n", screenshot.c_str());
        ok = false;
      }
      break;
    }
    glfwSwapBuffers(window);
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return ok ? 0 : 1;
}
