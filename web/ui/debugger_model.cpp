// web/ui/debugger_model.cpp: loading, commands and the stepping loop of the debugger model.
#include "web/ui/debugger_model.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "core/binary/reader.h"
#include "core/text/wat_parser.h"
#include "core/validate/validate.h"
#include "web/ui/values.h"

namespace mnemo::ui {

namespace {

constexpr uint64_t kPageSize = 65536;
// Full speed gives a running call a slice of each frame's wall time, not a count of instructions:
// an instruction costs from a nanosecond (i32.add) to some 20 microseconds (memory.copy of 64 KiB
// between two memories), and the fixed 1,000,000 instructions a frame this replaced took ~20 ms on
// a loop of adds but ~4.7 s on a loop of such copies in Chromium: the page froze, and Pause could
// not be pressed until the frame ended. 12 ms leaves a 60 Hz frame time to draw.
using Clock = std::chrono::steady_clock;
constexpr Clock::duration kFullSpeedSlice = std::chrono::milliseconds(12);
// The clock is read between chunks of instructions; a chunk's size adapts toward this duration,
// so reading the clock costs nothing next to the run, and a frame overshoots its slice by little.
constexpr Clock::duration kChunkTarget = std::chrono::microseconds(500);
constexpr uint64_t kFirstChunk = 256;       // a new call starts small: its instructions' cost is unknown
constexpr uint64_t kMaxChunk = 1ull << 22;

std::string memory_name(const Module& m, uint32_t index) {
  auto it = m.names.memories.find(index);
  return it == m.names.memories.end() ? std::string() : "$" + it->second;
}

}  // namespace

DebuggerModel::DebuggerModel() = default;
DebuggerModel::~DebuggerModel() = default;

bool DebuggerModel::interpreter_available() const { return ui::interpreter_available(); }

// ---------------------------------------------------------------------------------------------
// Loading

bool DebuggerModel::load_text(const std::string& text, const std::string& name) {
  auto module = parse_wat(text);
  if (!module) {
    load_error_ = module.error();
    print(OutputLine::Kind::Error, name + ": " + module.error().str());
    return false;
  }
  return adopt(std::make_unique<Module>(std::move(*module)), text, name);
}

bool DebuggerModel::load_binary(const std::vector<uint8_t>& bytes, const std::string& name) {
  auto module = decode_module(bytes);
  if (!module) {
    load_error_ = module.error();
    print(OutputLine::Kind::Error, name + ": " + module.error().str());
    return false;
  }
  return adopt(std::make_unique<Module>(std::move(*module)), std::string(), name);
}

bool DebuggerModel::adopt(std::unique_ptr<Module> module, std::string text, const std::string& name) {
  if (auto status = validate_module(*module); !status) {
    load_error_ = status.error();
    print(OutputLine::Kind::Error, name + ": " + status.error().str());
    return false;
  }
  end_call();
  instance_.reset();
  last_call_.reset();
  last_trap_.reset();
  last_effects_ = {};
  highlights_.clear();
  ++step_serial_;
  load_error_.reset();
  cursor_.reset();

  module_ = std::move(module);
  printed_ = print_module_with_lines(*module_);
  // A binary module has no text of its own: the editor and the Source panel show the printed WAT.
  const bool text_given = !text.empty();
  source_text_ = text_given ? std::move(text) : printed_.text;
  source_name_ = name;
  ++source_serial_;

  source_view_ = text_given ? SourceView::as_written(*module_, source_text_, printed_)
                            : SourceView::as_printed(*module_, printed_);

  exports_.clear();
  for (const Export& e : module_->exports)
    if (e.kind == ExternKind::Func && e.index < module_->func_count())
      exports_.push_back({e.name, e.index, module_->types[module_->func_type_index(e.index)]});

  placements_.clear();
  for (uint32_t s = 0; s < module_->datas.size(); ++s) {
    const DataSegment& d = module_->datas[s];
    if (d.mode != DataSegment::Mode::Active || d.offset.empty()) continue;
    const Instr& first = d.offset.front();
    if (first.op == Opcode::I32Const) placements_.push_back({d.memory, uint32_t(first.bits), s});
    else if (first.op == Opcode::I64Const) placements_.push_back({d.memory, first.bits, s});
  }

  reset_activity();
  reset_provenance();
  // Breakpoints and watchpoints name instructions and memories of the previous module: they do
  // not carry over.
  breakpoints_.clear();
  watches_.clear();
  last_watch_hit_.reset();
  print(OutputLine::Kind::Info, "loaded " + name + ": " + std::to_string(module_->memory_count()) +
                                    " memories, " + std::to_string(module_->func_count()) + " functions");
  return true;
}

std::optional<CodeLocation> DebuggerModel::location_at_line(uint32_t line) const {
  if (!module_) return std::nullopt;
  const auto at = source_view_.first_instruction_on(line);
  if (!at) return std::nullopt;
  return CodeLocation{module_->imported_count(ExternKind::Func) + at->first, at->second};
}

bool DebuggerModel::has_breakpoint_on_line(uint32_t line) const {
  if (!module_ || breakpoints_.empty()) return false;
  const uint32_t imported = module_->imported_count(ExternKind::Func);
  for (const auto& [f, i] : source_view_.instructions_on(line))
    if (breakpoints_.count({imported + f, i})) return true;
  return false;
}

bool DebuggerModel::in_loaded_module(CodeLocation at) const {
  return !at.instance || !session_ || at.instance == &session_->instance();
}

std::optional<uint32_t> DebuggerModel::line_of(CodeLocation at) const {
  if (!module_) return std::nullopt;
  if (!in_loaded_module(at)) return std::nullopt;
  const uint32_t imported = module_->imported_count(ExternKind::Func);
  if (at.func < imported) return std::nullopt;
  return source_view_.line_of(at.func - imported, at.instr);
}

// ---------------------------------------------------------------------------------------------
// Commands

void DebuggerModel::queue(Command command) { commands_.push_back(command); }
void DebuggerModel::queue_toggle_breakpoint(CodeLocation at) { toggles_.push_back(at); }

bool DebuggerModel::queue_toggle_breakpoint_at_line(uint32_t line) {
  const std::optional<CodeLocation> first = location_at_line(line);
  if (!first) return false;
  if (!has_breakpoint_on_line(line)) {
    queue_toggle_breakpoint(*first);
    return true;
  }
  const uint32_t imported = module_->imported_count(ExternKind::Func);
  for (const auto& [f, i] : source_view_.instructions_on(line))
    if (breakpoints_.count({imported + f, i})) queue_toggle_breakpoint(CodeLocation{imported + f, i});
  return true;
}
void DebuggerModel::queue_call(const std::string& export_name, const std::string& arguments, bool stop_at_entry) {
  calls_.push_back({export_name, arguments, stop_at_entry});
}

void DebuggerModel::update() {
  while (!toggles_.empty()) {
    CodeLocation at = toggles_.front();
    toggles_.pop_front();
    const auto key = std::make_pair(at.func, at.instr);
    const bool enable = breakpoints_.count(key) == 0;
    if (enable) breakpoints_.insert(key);
    else breakpoints_.erase(key);
    if (session_) session_->set_breakpoint(at, enable);
  }
  while (!calls_.empty()) {
    PendingCall call = calls_.front();
    calls_.pop_front();
    start_call(call);
  }
  while (!commands_.empty()) {
    Command c = commands_.front();
    commands_.pop_front();
    apply(c);
  }
  if (running_ && session_) {
    if (animate) advance(uint64_t(std::max(1, steps_per_frame)), /*every_step=*/true);
    else run_full_speed();
  }
}

// Runs the call on by up to `instructions`, toward the cursor when running to it. `every_step`
// runs one instruction at a time, each a step of its own (animated speeds: a few hundred a frame
// at most); the memory map sees every access either way, through the observer. At full speed the
// observer is connected only when something needs it (observes_full_speed()).
void DebuggerModel::advance(uint64_t instructions, bool every_step) {
  if (!run_target_ && !every_step) {
    if (observes_full_speed()) {
      resume(Session::Mode::Continue, instructions);
      return;
    }
    // Nothing needs this run's accesses: it runs unobserved, at the engine's full speed.
    const uint64_t from = steps();
    observe(false);
    resume(Session::Mode::Continue, instructions);
    if (steps() > from) provenance_.record_unobserved(from + 1, steps());
    observe(true);
    return;
  }
  if (!run_target_) {
    for (uint64_t i = 0; i < instructions && running_ && session_; ++i) resume(Session::Mode::Continue, 1);
    return;
  }
  // Run to cursor: single steps until the target, a breakpoint or the end.
  for (uint64_t i = 0; i < instructions && running_ && session_; ++i) {
    resume(Session::Mode::StepInto, 1);
    if (last_stop_ == StopReason::Step) running_ = true;  // a step on the way, not a stop
    const std::optional<CodeLocation> now = session_ ? session_->current() : std::nullopt;
    // The cursor is a line of the loaded module: its location names no instance.
    if (now && in_loaded_module(*now) && now->func == run_target_->func && now->instr == run_target_->instr) {
      running_ = false;
      run_target_.reset();
    }
  }
}

// At least one chunk a frame, so the call moves on however late the frame began.
void DebuggerModel::run_full_speed() {
  Clock::time_point now = Clock::now();
  const Clock::time_point end = now + kFullSpeedSlice;
  do {
    advance(full_speed_chunk_, /*every_step=*/false);
    const Clock::time_point after = Clock::now();
    if (after - now < kChunkTarget / 2) full_speed_chunk_ = std::min(kMaxChunk, full_speed_chunk_ * 2);
    else if (after - now > kChunkTarget * 2) full_speed_chunk_ = std::max<uint64_t>(1, full_speed_chunk_ / 2);
    now = after;
  } while (running_ && session_ && now < end);
}

void DebuggerModel::apply(Command command) {
  switch (command) {
    case Command::Continue:
      if (session_) running_ = true;
      else if (last_call_) start_call({last_call_->export_name, last_call_->arguments, false});
      break;
    case Command::Pause:
      // Commands apply between frames, when no run is under way, so not running on is the whole
      // pause. Session::pause() is for a run in progress: asked now, it would stay pending and
      // stop the next run, the step the user asks for after pausing, before it executed anything.
      if (session_ && running_) {
        last_stop_ = StopReason::Paused;
        print(OutputLine::Kind::Info, "paused");
      }
      running_ = false;
      run_target_.reset();
      break;
    case Command::StepInto:
    case Command::StepOver:
    case Command::StepOut:
      if (!session_) {
        if (last_call_) start_call({last_call_->export_name, last_call_->arguments, true});
        break;
      }
      running_ = false;
      resume(command == Command::StepInto   ? Session::Mode::StepInto
             : command == Command::StepOver ? Session::Mode::StepOver
                                            : Session::Mode::StepOut,
             UINT64_MAX);
      break;
    case Command::RunToCursor:
      if (session_ && cursor_) {
        run_target_ = cursor_;
        running_ = true;
      }
      break;
    case Command::Restart:
      end_call();
      instance_.reset();
      reset_activity();
      reset_provenance();
      last_trap_.reset();
      last_watch_hit_.reset();
      last_effects_ = {};
      highlights_.clear();
      ++step_serial_;
      if (last_call_) start_call({last_call_->export_name, last_call_->arguments, true});
      break;
    case Command::Stop:
      if (session_) print(OutputLine::Kind::Info, "call abandoned");
      end_call();
      break;
    // Like a step forward, a step back stops a running call first.
    case Command::StepBack:
      running_ = false;
      run_target_.reset();
      if (auto s = travel(&Session::step_back, "step back"); !s) print(OutputLine::Kind::Error, s.error().str());
      break;
    case Command::ReverseContinue:
      running_ = false;
      run_target_.reset();
      if (auto s = travel(&Session::reverse_continue, "reverse-continue"); !s)
        print(OutputLine::Kind::Error, s.error().str());
      break;
  }
}

void DebuggerModel::start_call(const PendingCall& call) {
  if (!module_) return;
  auto it = std::find_if(exports_.begin(), exports_.end(), [&](const auto& e) { return e.name == call.export_name; });
  if (it == exports_.end()) {
    print(OutputLine::Kind::Error, "no exported function \"" + call.export_name + "\"");
    return;
  }
  auto args = parse_arguments(call.arguments, it->type.params);
  if (!args) {
    print(OutputLine::Kind::Error, call.export_name + ": " + args.error().str());
    return;
  }
  last_call_ = call;
  end_call();
  if (!instance_) {
    auto instance = instantiate(module_, [this](std::string line) { print(OutputLine::Kind::Print, std::move(line)); });
    if (!instance) {
      print(OutputLine::Kind::Error, "instantiate: " + instance.error().str());
      return;
    }
    instance_ = std::move(*instance);
    reset_activity();
    reset_provenance();
  }
  auto session = instance_->begin_call(it->func, std::move(*args));
  if (!session) {
    print(OutputLine::Kind::Error, call.export_name + ": " + session.error().str());
    return;
  }
  session_ = std::move(*session);
  if (recording_) session_->record_history(history_budget_);
  for (const auto& [func, instr] : breakpoints_) session_->set_breakpoint({func, instr}, true);
  session_watch_ids_.clear();
  for (const WatchEntry& w : watches_)
    if (auto id = session_->add_watchpoint(w.watch)) session_watch_ids_.push_back({w.id, *id});
  // Every access of the call, unless a full-speed run needs none of them (advance()).
  observe(true);
  last_watch_hit_.reset();
  last_trap_.reset();
  print(OutputLine::Kind::Info, "call " + call.export_name + "(" + call.arguments + ")");
  running_ = !call.stop_at_entry;
  full_speed_chunk_ = kFirstChunk;
}

void DebuggerModel::resume(Session::Mode mode, uint64_t budget) {
  last_watch_hit_.reset();
  StopReason reason = session_->run(mode, budget);
  take_effects();
  after_stop(reason);
}

void DebuggerModel::take_effects() {
  last_effects_ = session_->last_effects();
  ++step_serial_;
  for (PageActivity& a : activity_) a.settle();  // the run's last accesses heat the memory maps
  highlights_.clear();
  const auto& a = last_effects_.accesses;
  const std::optional<Opcode> op = last_effects_.op;
  // memory.copy reports a Read of the source range, then a Write of the destination range
  // (core/vm/session.h); the Memories panel links the two.
  if (op == Opcode::MemoryCopy && a.size() == 2) {
    highlights_.push_back({Highlight::Role::CopySource, a[0].memory, a[0].address, a[0].size});
    highlights_.push_back({Highlight::Role::CopyDestination, a[1].memory, a[1].address, a[1].size});
    return;
  }
  for (const MemoryAccess& m : a) {
    Highlight::Role role = m.kind == MemoryAccess::Kind::Read ? Highlight::Role::Read : Highlight::Role::Write;
    if (op == Opcode::MemoryFill) role = Highlight::Role::Fill;
    if (op == Opcode::MemoryInit) role = Highlight::Role::Init;
    highlights_.push_back({role, m.memory, m.address, m.size});
  }
}

namespace {

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

std::string range(uint64_t address, uint64_t size) { return "[" + hex(address) + ", " + hex(address + size) + ")"; }

}  // namespace

std::string DebuggerModel::last_step_summary() const {
  auto memory = [&](uint32_t index) {
    std::string name = module_ ? memory_name(*module_, index) : std::string();
    return "memory " + std::to_string(index) + (name.empty() ? "" : " " + name);
  };
  const std::string op = last_effects_.op ? std::string(mnemonic(*last_effects_.op)) : std::string("access");
  std::string out;
  for (size_t i = 0; i < highlights_.size(); ++i) {
    const Highlight& h = highlights_[i];
    const std::string bytes = std::to_string(h.size) + (h.size == 1 ? " byte" : " bytes");
    if (!out.empty()) out += "; ";
    switch (h.role) {
      case Highlight::Role::CopySource:
        if (i + 1 < highlights_.size()) {
          const Highlight& d = highlights_[++i];
          out += op + ": " + bytes + " from " + memory(h.memory) + " " + range(h.address, h.size) + " to " +
                 memory(d.memory) + " " + range(d.address, d.size);
        }
        break;
      case Highlight::Role::CopyDestination: break;  // told with its source
      case Highlight::Role::Fill: out += op + ": " + bytes + " of " + memory(h.memory) + " " + range(h.address, h.size) + " set"; break;
      case Highlight::Role::Init:
        out += op + ": " + bytes + " from data segment " +
               (last_effects_.data_segment ? std::to_string(*last_effects_.data_segment) : std::string("?")) + " into " +
               memory(h.memory) + " " + range(h.address, h.size);
        break;
      case Highlight::Role::Read: out += op + " read " + bytes + " of " + memory(h.memory) + " at " + hex(h.address); break;
      case Highlight::Role::Write: out += op + " wrote " + bytes + " to " + memory(h.memory) + " at " + hex(h.address); break;
      case Highlight::Role::Fault:
        out += "trap: " + bytes + " at " + hex(h.address) + " are outside " + memory(h.memory);
        break;
    }
  }
  if (const auto& g = last_effects_.grow) {
    if (!out.empty()) out += "; ";
    out += "memory.grow on " + memory(g->memory) + ": " +
           (g->result < 0 ? "failed, stays " + std::to_string(g->old_pages) + " pages"
                          : std::to_string(g->old_pages) + " -> " + std::to_string(memory_count() ? describe_memory(g->memory).pages : 0) + " pages");
  }
  return out;
}

void DebuggerModel::after_stop(StopReason reason) {
  last_stop_ = reason;
  switch (reason) {
    case StopReason::Step:
      running_ = false;
      break;
    case StopReason::Paused:
      break;  // the frame's budget ran out: keep running next frame unless paused
    case StopReason::Breakpoint:
      running_ = false;
      run_target_.reset();
      print(OutputLine::Kind::Info, "breakpoint");
      break;
    case StopReason::Watchpoint:
      running_ = false;
      run_target_.reset();
      last_watch_hit_ = session_->watch_hit();
      // The session numbers its own watchpoints; the panels and the page API use the model's.
      if (last_watch_hit_)
        for (const auto& [mine, theirs] : session_watch_ids_)
          if (theirs == last_watch_hit_->id) last_watch_hit_->id = mine;
      print(OutputLine::Kind::Info, describe_watch_hit());
      break;
    case StopReason::Finished: {
      std::string text = (last_call_ ? last_call_->export_name : std::string("call")) + " returned";
      const auto& results = session_->results();
      if (results.empty()) text += " nothing";
      for (size_t i = 0; i < results.size(); ++i) text += (i ? ", " : " ") + format_value(results[i]);
      print(OutputLine::Kind::Result, text);
      end_call(/*keep_history=*/true);
      break;
    }
    case StopReason::Trapped: {
      last_trap_ = session_->trap();
      std::string text = "trap: " + (last_trap_ ? last_trap_->message : std::string("unknown"));
      if (last_trap_ && last_trap_->fault) {
        const MemoryAccess& f = *last_trap_->fault;
        text += " (memory " + std::to_string(f.memory) + ", address " + std::to_string(f.address) +
                ", " + std::to_string(f.size) + " bytes)";
        highlights_.push_back({Highlight::Role::Fault, f.memory, f.address, f.size});
      }
      print(OutputLine::Kind::Trap, text);
      end_call(/*keep_history=*/true);
      break;
    }
  }
}

void DebuggerModel::end_call(bool keep_history) {
  finished_.reset();
  if (session_) step_base_ += session_->instructions_executed();
  if (keep_history && session_ && session_->timeline()) {
    finished_base_ = step_base_ - session_->instructions_executed();
    finished_ = std::move(session_);
  }
  session_.reset();
  running_ = false;
  run_target_.reset();
}

// ---------------------------------------------------------------------------------------------
// State

std::optional<CodeLocation> DebuggerModel::current() const {
  if (session_) return session_->current();
  if (last_trap_) return last_trap_->where;
  return std::nullopt;
}

std::optional<Opcode> DebuggerModel::current_op() const {
  const auto at = current();
  if (!at || !module_) return std::nullopt;
  const uint32_t imported = module_->imported_count(ExternKind::Func);
  if (at->func < imported || at->func - imported >= module_->funcs.size()) return std::nullopt;
  const Function& f = module_->funcs[at->func - imported];
  if (at->instr >= f.body.size()) return std::nullopt;
  return f.body[at->instr].op;
}

std::vector<FrameInfo> DebuggerModel::call_stack() const {
  return session_ ? session_->call_stack() : std::vector<FrameInfo>{};
}

std::vector<WasmValue> DebuggerModel::globals() const {
  return instance_ ? instance_->globals() : std::vector<WasmValue>{};
}

bool DebuggerModel::data_dropped(uint32_t index) const { return instance_ && instance_->data_dropped(index); }

uint32_t DebuggerModel::memory_count() const {
  if (instance_) return instance_->memory_count();
  return module_ ? module_->memory_count() : 0;
}

MemoryDescription DebuggerModel::describe_memory(uint32_t index) const {
  MemoryDescription d;
  d.index = index;
  if (!module_ || index >= module_->memory_count()) return d;
  d.name = memory_name(*module_, index);
  uint32_t seen = 0;
  for (const Import& i : module_->imports)
    if (i.kind == ExternKind::Memory && seen++ == index) d.import_name = i.module + "." + i.name;
  for (const Export& e : module_->exports)
    if (e.kind == ExternKind::Memory && e.index == index) d.export_name += (d.export_name.empty() ? "" : ", ") + e.name;
  const MemoryType type = module_->memory_type(index);
  d.max_pages = type.limits.max;
  if (instance_ && index < instance_->memory_count()) {
    d.live = true;
    d.size_bytes = instance_->memory(index).size;
    d.pages = d.size_bytes / kPageSize;
  } else {
    d.pages = type.limits.min;
    d.size_bytes = type.limits.min * kPageSize;
  }
  return d;
}

uint64_t DebuggerModel::read_memory(uint32_t index, uint64_t address, uint8_t* out, uint64_t size) const {
  if (instance_) {
    if (index >= instance_->memory_count()) return 0;
    const MemoryImage image = instance_->memory(index);
    if (address >= image.size) return 0;
    const uint64_t n = std::min(size, image.size - address);
    std::memcpy(out, image.data + address, n);
    return n;
  }
  if (!module_ || index >= module_->memory_count()) return 0;
  const uint64_t total = module_->memory_type(index).limits.min * kPageSize;
  if (address >= total) return 0;
  const uint64_t n = std::min(size, total - address);
  std::memset(out, 0, n);
  // The initial image: later segments overwrite earlier ones, as instantiation does (spec 4.5.4).
  for (const Placement& p : placements_) {
    if (p.memory != index) continue;
    const std::vector<uint8_t>& bytes = module_->datas[p.segment].bytes;
    const uint64_t seg_end = p.offset + bytes.size();
    const uint64_t lo = std::max(p.offset, address);
    const uint64_t hi = std::min(seg_end, address + n);
    if (lo < hi && seg_end >= p.offset) std::memcpy(out + (lo - address), bytes.data() + (lo - p.offset), hi - lo);
  }
  return n;
}

bool DebuggerModel::write_memory(uint32_t index, uint64_t address, const std::vector<uint8_t>& bytes) {
  if (edit_blocker() || !instance_->write_memory(index, address, bytes.data(), bytes.size())) return false;
  // The history cannot undo an edit: it starts again from here (a returned call's goes).
  if (session_) session_->restart_history();
  finished_.reset();
  if (index < activity_.size()) activity_[index].mark_touched(address, bytes.size(), pages_now(index));
  provenance_.record_edit(index, address, bytes.size(), steps());
  return true;
}

// ---------------------------------------------------------------------------------------------
// Typed inspector and memory map

std::vector<TypedValue> DebuggerModel::inspect(uint32_t index, uint64_t address) const {
  uint8_t bytes[kUtf8InspectBytes] = {};
  const uint64_t n = read_memory(index, address, bytes, sizeof bytes);
  return inspect_bytes(bytes, size_t(n));
}

std::optional<std::string> DebuggerModel::edit_blocker() const {
  if (!instance_)
    return std::string("the memories show the module's initial image: start a call (Debug) to edit them");
  if (running_) return std::string("the call is running: pause it (F6) to edit memory");
  return std::nullopt;
}

Status DebuggerModel::edit_value(uint32_t index, uint64_t address, InspectType type, const std::string& text) {
  const std::string what = std::string(inspect_type_name(type));
  if (auto blocker = edit_blocker()) return Error{"", *blocker};
  if (index >= memory_count()) return Error{"", "there is no memory " + std::to_string(index)};
  auto bytes = encode_typed(type, text);
  if (!bytes) return bytes.error();
  const uint64_t size = describe_memory(index).size_bytes;
  if (address > size || bytes->size() > size - address)
    return Error{"", "memory " + std::to_string(index) + " has " + std::to_string(size) + " bytes: " +
                         std::to_string(bytes->size()) + " bytes at " + hex(address) + " would end past it"};
  if (!write_memory(index, address, *bytes)) return Error{"", "memory " + std::to_string(index) + " refused the write"};
  print(OutputLine::Kind::Info, "edited memory " + std::to_string(index) + " at " + hex(address) + ": " + what + " " + text);
  return {};
}

uint64_t DebuggerModel::pages_now(uint32_t index) const {
  if (instance_) return index < instance_->memory_count() ? instance_->memory(index).size / kPageSize : 0;
  return module_ && index < module_->memory_count() ? module_->memory_type(index).limits.min : 0;
}

std::vector<PageHeat> DebuggerModel::memory_map(uint32_t index) const {
  if (index >= activity_.size()) return {};
  // Heat cools with every step run since, accesses or not (never below the step last fed: a
  // travel back leaves the map as the run left it).
  return activity_[index].snapshot(pages_now(index), std::max(activity_step_, steps()));
}

// A fresh map for a fresh memory: only the pages active data segments place bytes in are touched.
void DebuggerModel::reset_activity() {
  activity_.assign(memory_count(), PageActivity());
  activity_step_ = 0;
  if (!module_) return;
  for (const Placement& p : placements_)
    if (p.memory < activity_.size())
      activity_[p.memory].mark_touched(p.offset, module_->datas[p.segment].bytes.size(), pages_now(p.memory));
}

void DebuggerModel::observe(bool on) {
  if (!session_) return;
  if (on) session_->observe_accesses([this](const AccessRecord& access) { record_access(access); });
  else session_->observe_accesses(nullptr);
}

void DebuggerModel::print(OutputLine::Kind kind, std::string text) {
  constexpr size_t kMaxLines = 2000;  // the log is bounded: a looping module cannot exhaust memory
  if (output_.size() >= kMaxLines) output_.erase(output_.begin(), output_.begin() + kMaxLines / 4);
  output_.push_back({kind, std::move(text)});
}

}  // namespace mnemo::ui
