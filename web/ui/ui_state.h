// web/ui/ui_state.h: per-view state of the debugger's panels (scroll targets, the editor's
// buffer, what the user typed), kept apart from the model and from the drawing functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"
#include "web/ui/provenance.h"

namespace mnemo::ui {

struct MemoryViewState {
  std::string goto_text;                // the "go to address" field
  std::optional<uint64_t> scroll_to;    // address to bring into view on the next frame
  bool follow = true;                   // = true // scroll to the last step's access in this memory
  uint64_t selected = 0;                // the byte the typed inspector reads: clicked, gone to or followed
  // The selected range [selected, selected + selected_length): shift-click or a drag extends it
  // from `anchor`, the byte last clicked. Watchpoints and "who wrote this?" take it.
  uint64_t selected_length = 1;
  uint64_t anchor = 0;
  bool dragging = false;
};

// A range of one memory, asked about or marked.
struct MemoryRange {
  uint32_t memory = 0;
  uint64_t address = 0;
  uint64_t length = 0;
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

  // Typed inspector: what the last edit did, or why it was refused.
  std::string edit_message;
  bool edit_failed = false;

  // "Who wrote this?": the range asked about, answered in its own window until closed.
  std::optional<MemoryRange> who_wrote;
  // The transfer ledger's clicked row: its destination (and source) highlighted in the views.
  std::optional<Transfer> marked_transfer;
  // Watchpoints panel: the last refusal, and the fields of a new watchpoint.
  std::string watch_message;
  int new_watch_memory = 0;
  std::string new_watch_address;
  std::string new_watch_length = "4";
  int new_watch_on = 1;  // 0 read, 1 write, 2 any

  // Controls panel.
  int selected_export = 0;
  std::string call_arguments;

  // Link of memory.copy: anchors of the source and destination ranges, rebuilt every frame.
  RangeAnchor copy_source, copy_destination;

  bool show_demo = false;          // = false // Dear ImGui's demo window (Help menu)
  bool request_open_file = false;  // set by File > Open; the platform layer opens its picker
  bool share_available = false;    // = false // the platform can make share links (the browser)
  bool request_share = false;      // set by Share; the platform makes the link
  std::optional<std::string> example_to_load;  // set by the Examples menu
};

}  // namespace mnemo::ui
