// web/ui/debugger_model.h: everything the debugger knows and does, with no drawing in it.
// The model owns the loaded module (its WAT and line map), the live instance and the running
// call (a core/vm Session), the breakpoints, the command queue and the output log. Panels
// (panels.h) only read it and queue commands; update() applies the queue once per frame.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/module.h"
#include "core/result.h"
#include "core/text/printer.h"
#include "core/vm/session.h"
#include "web/ui/engine_link.h"
#include "web/ui/page_activity.h"
#include "web/ui/provenance.h"
#include "web/ui/source_view.h"
#include "web/ui/typed_values.h"

namespace mnemo::ui {

enum class Command : uint8_t {
  Continue,     // F5: run until a breakpoint, a trap or the end of the call
  Pause,        // stop a running call after the current frame's budget
  StepInto,     // F11
  StepOver,     // F10
  StepOut,      // Shift+F11
  RunToCursor,  // run until the instruction at the cursor
  Restart,      // fresh instance, same call again, stopped at its first instruction
  Stop,         // abandon the running call (memories keep their contents)
  StepBack,         // back one instruction in the recorded history
  ReverseContinue,  // back to the latest breakpoint or watchpoint hit before now
};

struct OutputLine {
  enum class Kind : uint8_t { Info, Result, Trap, Error, Print };  // Print: the module's own output
  Kind kind = Kind::Info;
  std::string text;
};

// A byte range to highlight in a memory view, derived from the last step's effects.
struct Highlight {
  enum class Role : uint8_t { Read, Write, CopySource, CopyDestination, Fill, Init, Fault };
  Role role = Role::Read;
  uint32_t memory = 0;
  uint64_t address = 0;
  uint64_t size = 0;
};

// What a memory view is titled with and how big it is now.
struct MemoryDescription {
  uint32_t index = 0;
  std::string name;         // "$archive" or empty
  std::string import_name;  // "env.mem" or empty
  std::string export_name;  // "io" or empty
  uint64_t pages = 0;
  std::optional<uint64_t> max_pages;
  uint64_t size_bytes = 0;
  bool live = false;        // false: the initial image from the module's active data segments
};

// An exported function the Controls panel can call.
struct ExportedFunction {
  std::string name;
  uint32_t func = 0;
  FuncType type;
};

// A watchpoint as the debugger keeps it: across calls and restarts, like breakpoints; each new
// call's session gets all of them.
struct WatchEntry {
  uint32_t id = 0;
  Watchpoint watch;
};

class DebuggerModel {
 public:
  DebuggerModel();
  ~DebuggerModel();

  // --- Loading. Each returns false and sets load_error() when the module does not load; the
  // previous module stays loaded then.
  bool load_text(const std::string& text, const std::string& name);
  bool load_binary(const std::vector<uint8_t>& bytes, const std::string& name);
  const std::string& source_name() const { return source_name_; }
  const std::string& source_text() const { return source_text_; }  // as loaded (WAT or printed binary)
  uint64_t source_serial() const { return source_serial_; }         // changes on every successful load
  const std::optional<Error>& load_error() const { return load_error_; }
  bool has_module() const { return module_ != nullptr; }
  const Module* module() const { return module_.get(); }
  const PrintedModule& printed() const { return printed_; }
  // The Source panel's lines: the text as loaded, comments included, or for a binary module the
  // printer's text (source_view.h). Lines everywhere (breakpoints, the current instruction,
  // watch hits, who wrote) are lines of these.
  const std::vector<std::string>& source_lines() const { return source_view_.lines(); }
  bool shows_original_text() const { return source_view_.shows_original_text(); }
  // The instruction a click on `line` (1-based) stands for: the first one that runs of those
  // written on it.
  std::optional<CodeLocation> location_at_line(uint32_t line) const;
  std::optional<uint32_t> line_of(CodeLocation at) const;
  // True when any instruction written on `line` has a breakpoint.
  bool has_breakpoint_on_line(uint32_t line) const;
  // False for code of another instance the call ran into (a linked module's function): the
  // loaded module's names and lines do not apply to it.
  bool in_loaded_module(CodeLocation at) const;
  const std::vector<ExportedFunction>& exported_functions() const { return exports_; }

  // --- Commands (applied by update()).
  void queue(Command command);
  void queue_toggle_breakpoint(CodeLocation at);
  // A click on `line`'s gutter: removes the breakpoints of the instructions written on it, or,
  // when it has none, sets one on its first instruction. False when no instruction is on it.
  bool queue_toggle_breakpoint_at_line(uint32_t line);
  void queue_call(const std::string& export_name, const std::string& arguments, bool stop_at_entry);
  void set_cursor(std::optional<CodeLocation> at) { cursor_ = at; }
  std::optional<CodeLocation> cursor() const { return cursor_; }
  int steps_per_frame = 1;   // = 1 // instructions per frame while running (animation speed)
  bool animate = true;       // = true // false: run at full speed (a slice of each frame's time)

  // Applies queued commands and advances a running call by one frame's budget.
  void update();

  // --- Execution state.
  bool interpreter_available() const;
  bool has_instance() const { return instance_ != nullptr; }
  bool in_call() const { return session_ != nullptr; }
  bool running() const { return running_; }
  std::optional<StopReason> last_stop() const { return last_stop_; }
  std::optional<CodeLocation> current() const;
  std::optional<Opcode> current_op() const;  // the instruction current() points at
  std::vector<FrameInfo> call_stack() const;
  const std::set<std::pair<uint32_t, uint32_t>>& breakpoints() const { return breakpoints_; }
  bool has_breakpoint(CodeLocation at) const { return breakpoints_.count({at.func, at.instr}) != 0; }
  const StepEffects& last_effects() const { return last_effects_; }
  const std::optional<TrapInfo>& last_trap() const { return last_trap_; }
  uint64_t step_serial() const { return step_serial_; }  // changes whenever last_effects() does
  // The last step's highlights; for memory.copy, a CopySource then a CopyDestination.
  const std::vector<Highlight>& highlights() const { return highlights_; }
  // The last step's effect on memories in one sentence ("memory.copy: 16 bytes from memory 0
  // $staging [0x20, 0x30) to memory 1 $archive [0x120, 0x130)"); empty when it touched none.
  std::string last_step_summary() const;
  std::vector<WasmValue> globals() const;
  bool data_dropped(uint32_t index) const;

  // --- Memories: live when instantiated, else the initial image of the module's data segments.
  uint32_t memory_count() const;
  MemoryDescription describe_memory(uint32_t index) const;
  // Copies up to `size` bytes from `address`; returns how many exist (the rest is past the end).
  uint64_t read_memory(uint32_t index, uint64_t address, uint8_t* out, uint64_t size) const;
  // Refused (false) while a call runs, and before instantiation: see edit_blocker().
  bool write_memory(uint32_t index, uint64_t address, const std::vector<uint8_t>& bytes);

  // --- Typed inspector: the bytes at `address` as every type of typed_values.h (a value that
  // would run past the end of the memory has no text).
  std::vector<TypedValue> inspect(uint32_t index, uint64_t address) const;
  // Why memory cannot be edited now (no live instance, or a call running), or nullopt when it
  // can: edits are made only while stopped, so they never race the running program.
  std::optional<std::string> edit_blocker() const;
  // Stores `text` typed as `type` at `address`; the error says what is wrong with the text, the
  // address or the moment.
  Status edit_value(uint32_t index, uint64_t address, InspectType type, const std::string& text);

  // --- Memory map: every page of a memory, touched or not, with its reads and writes over recent
  // steps (page_activity.h), fed by every access the debugger observes (below).
  std::vector<PageHeat> memory_map(uint32_t index) const;
  uint64_t activity_steps() const { return activity_step_; }  // the last step whose accesses fed it

  // --- What a run observes. Every access of a call feeds the memory maps, "who wrote this?" and
  // the ledger while something needs the run to report its accesses anyway or the run is slow
  // already: recording the history, a watchpoint, or not running at full speed (steps, animation,
  // run to cursor). A full-speed run with none of these reports nothing, so that it runs as fast
  // as the engine's session can (observed, the model's run of mm_loadstore took about twice the CPU
  // time natively: 84-88 against 160-169 M instructions/s); its steps are unobserved, and the
  // panels say so (unobserved_steps()).
  bool recording() const { return recording_; }
  // Turning recording off forgets the current call's history (and a finished call's); turning
  // it on records from now.
  void set_recording(bool on);
  bool observes_full_speed() const { return recording_ || !watches_.empty(); }
  // The runs whose accesses nobody observed, oldest first (provenance.h).
  const std::vector<StepSpan>& unobserved_steps() const { return provenance_.unobserved(); }

  // --- Watchpoints. Refused: a memory the module does not have, an empty range, one past 2^64.
  Result<uint32_t> add_watchpoint(const Watchpoint& watch);
  bool remove_watchpoint(uint32_t id);  // false: no such watchpoint
  Status change_watchpoint(uint32_t id, const Watchpoint& watch);
  const std::vector<WatchEntry>& watchpoints() const { return watches_; }
  // What the last run's Watchpoint stop was (its id is the model's); cleared when a run begins.
  const std::optional<WatchHit>& last_watch_hit() const { return last_watch_hit_; }
  // "watchpoint 1 (write, memory 1 $archive [0x120, 0x130)): memory.copy at function 1,
  // instruction 5 wrote [0x120, 0x130): 00 00 .. -> 41 64 .."; empty without a hit.
  std::string describe_watch_hit() const;

  // --- Provenance and the transfer ledger (provenance.h). Complete at every speed: the session
  // reports every access to the model, however many instructions a run takes.
  std::vector<WrittenRun> who_wrote(uint32_t memory, uint64_t address, uint64_t length) const;
  const std::vector<Transfer>& ledger() const { return provenance_.ledger(); }
  uint64_t ledger_dropped() const { return provenance_.ledger_dropped(); }
  // Instructions run on the live instance so far, over all its calls (steps count from 1).
  uint64_t steps() const;

  // --- Time travel (debugger_travel.cpp). Every call records its history (core/vm/history.h)
  // within history_budget() bytes, the oldest dropped first; a call that returned or trapped stays
  // travellable until the next call, a restart, a load or a memory edit (an edit restarts the
  // history from that moment). Steps are numbered as steps() numbers them.
  std::optional<Timeline> timeline() const;  // nullopt: no call to travel in
  Status travel_to(uint64_t step);
  uint64_t history_budget() const { return history_budget_; }
  void set_history_budget(uint64_t bytes);  // at least kMinHistoryBudget
  static constexpr uint64_t kDefaultHistoryBudget = uint64_t(256) << 20;
  static constexpr uint64_t kMinHistoryBudget = uint64_t(1) << 20;

  // --- Output panel.
  const std::vector<OutputLine>& output() const { return output_; }
  void print(OutputLine::Kind kind, std::string text);
  void clear_output() { output_.clear(); }

 private:
  struct PendingCall {
    std::string export_name;
    std::string arguments;
    bool stop_at_entry = false;
  };
  struct Placement {  // an active data segment with a constant offset, for the initial image
    uint32_t memory = 0;
    uint64_t offset = 0;
    uint32_t segment = 0;
  };

  bool adopt(std::unique_ptr<Module> module, std::string text, const std::string& name);
  void apply(Command command);
  void start_call(const PendingCall& call);
  void advance(uint64_t instructions, bool every_step);
  void run_full_speed();
  void resume(Session::Mode mode, uint64_t budget);
  void after_stop(StopReason reason);
  void take_effects();
  void observe(bool on);  // connects the session's access observer, or disconnects it
  void reset_activity();
  uint64_t pages_now(uint32_t index) const;
  // Ends the call; `keep_history`: a call that returned or trapped stays travellable (finished_).
  void end_call(bool keep_history = false);
  // Moves the session (reviving a finished one) with `go`, then shows where it stopped.
  Status travel(Result<StopReason> (Session::*go)(), const char* what);
  Status travelled(Result<StopReason> r, bool revived, const char* what);
  bool revive_finished();
  void reset_provenance();
  void record_access(const AccessRecord& access);

  std::shared_ptr<const Module> module_;  // every instance of a load shares it
  PrintedModule printed_;
  SourceView source_view_;
  std::vector<ExportedFunction> exports_;
  std::vector<Placement> placements_;
  std::string source_name_;
  std::string source_text_;
  uint64_t source_serial_ = 0;
  std::optional<Error> load_error_;

  std::unique_ptr<LiveInstance> instance_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<Session> finished_;  // the call that returned or trapped, kept for travelling back
  uint64_t finished_base_ = 0;         // step_base_ when finished_ began
  uint64_t history_budget_ = kDefaultHistoryBudget;
  bool recording_ = true;  // = true // every call records its history (time travel)
  std::optional<PendingCall> last_call_;
  bool running_ = false;
  std::optional<CodeLocation> run_target_;  // run to cursor
  uint64_t full_speed_chunk_ = 256;         // instructions per clock read at full speed (adapts)
  std::optional<StopReason> last_stop_;
  StepEffects last_effects_;
  std::optional<TrapInfo> last_trap_;
  std::vector<Highlight> highlights_;
  uint64_t step_serial_ = 0;
  std::vector<PageActivity> activity_;  // one per memory: the memory map
  uint64_t activity_step_ = 0;
  Provenance provenance_;
  uint64_t step_base_ = 0;  // instructions the instance's earlier calls ran

  std::vector<WatchEntry> watches_;
  std::vector<std::pair<uint32_t, uint32_t>> session_watch_ids_;  // (model id, the session's id)
  uint32_t next_watch_id_ = 1;
  std::optional<WatchHit> last_watch_hit_;

  std::set<std::pair<uint32_t, uint32_t>> breakpoints_;  // (func, instr)
  std::optional<CodeLocation> cursor_;
  std::deque<Command> commands_;
  std::deque<CodeLocation> toggles_;
  std::deque<PendingCall> calls_;
  std::vector<OutputLine> output_;
};

}  // namespace mnemo::ui
