// web/ui/ui_state.h: per-view state of the debugger's panels (scroll targets, the editor's
// buffer, what the user typed), kept apart from the model and from the drawing functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"

namespace mnemo::ui {

struct MemoryViewState {
  std::string goto_text;                // the "go to address" field
  std::optional<uint64_t> scroll_to;    // address to bring into view on the next frame
  bool follow = true;                   // = true // scroll to the last step's access in this memory
};

// Where a highlighted range was drawn this frame, so a link can join copy source and destination.
struct RangeAnchor {
  bool visible = false;
  ImVec2 min, max;  // screen rectangle of the first highlighted row
};

struct UiState {
  std::vector<MemoryViewState> memory_views;  // one per memory, resized when a module loads
  uint64_t followed_step = 0;                 // the model's step_serial() the views last followed
  uint64_t loaded_source = 0;                 // the model's source_serial() the editor last took

  // Source panel.
  bool scroll_source_to_current = false;
  uint64_t source_followed_step = 0;

  // Editor window.
  bool editor_open = false;
  std::string editor_text;
  std::string editor_name = "edited.wat";

  // Controls panel.
  int selected_export = 0;
  std::string call_arguments;

  // Link of memory.copy: anchors of the source and destination ranges, rebuilt every frame.
  RangeAnchor copy_source, copy_destination;

  bool show_demo = false;          // = false // Dear ImGui's demo window (Help menu)
  bool request_open_file = false;  // set by File > Open; the platform layer opens its picker
  std::optional<std::string> example_to_load;  // set by the Examples menu
};

}  // namespace mnemo::ui
