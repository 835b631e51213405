// web/ui/debugger_watch.cpp: the debugger model's watchpoints and its record of where bytes came
// from (who wrote them, the transfer ledger): the parts of DebuggerModel that watch memory.
#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "web/ui/debugger_model.h"

namespace mnemo::ui {

namespace {

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

std::string hex_bytes(const std::vector<uint8_t>& bytes) {
  constexpr size_t kShown = 16;
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < kShown; ++i) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02x", bytes[i]);
    out += (i ? " " : "") + std::string(buf);
  }
  if (bytes.size() > kShown) out += " ...";
  return out;
}

const char* on_name(Watchpoint::On on) {
  switch (on) {
    case Watchpoint::On::Read: return "read";
    case Watchpoint::On::Write: return "write";
    case Watchpoint::On::Any: return "read or write";
  }
  return "";
}

// Why `watch` cannot be set on a module with `memories` memories, or nothing.
std::optional<Error> watch_error(const Watchpoint& watch, uint32_t memories) {
  if (watch.memory >= memories)
    return Error{"", "no memory " + std::to_string(watch.memory) + ": the module has " + std::to_string(memories) +
                         (memories == 1 ? " memory" : " memories")};
  if (watch.length == 0) return Error{"", "a watchpoint needs a range of at least one byte"};
  if (watch.address > UINT64_MAX - watch.length) return Error{"", "the watched range ends past 2^64"};
  if (watch.on != Watchpoint::On::Read && watch.on != Watchpoint::On::Write && watch.on != Watchpoint::On::Any)
    return Error{"", "a watchpoint is on read, write or any access"};
  return std::nullopt;
}

}  // namespace

Result<uint32_t> DebuggerModel::add_watchpoint(const Watchpoint& watch) {
  if (auto bad = watch_error(watch, memory_count())) return *bad;
  const uint32_t id = next_watch_id_++;
  if (session_) {
    auto theirs = session_->add_watchpoint(watch);
    if (!theirs) return theirs.error();
    session_watch_ids_.push_back({id, *theirs});
  }
  watches_.push_back({id, watch});
  return id;
}

bool DebuggerModel::remove_watchpoint(uint32_t id) {
  const auto it = std::find_if(watches_.begin(), watches_.end(), [&](const WatchEntry& w) { return w.id == id; });
  if (it == watches_.end()) return false;
  watches_.erase(it);
  for (auto s = session_watch_ids_.begin(); s != session_watch_ids_.end(); ++s)
    if (s->first == id) {
      if (session_) session_->remove_watchpoint(s->second);
      session_watch_ids_.erase(s);
      break;
    }
  return true;
}

// A changed watchpoint keeps its id and its place in the list.
Status DebuggerModel::change_watchpoint(uint32_t id, const Watchpoint& watch) {
  const auto it = std::find_if(watches_.begin(), watches_.end(), [&](const WatchEntry& w) { return w.id == id; });
  if (it == watches_.end()) return Error{"", "no watchpoint " + std::to_string(id)};
  if (auto bad = watch_error(watch, memory_count())) return *bad;
  it->watch = watch;
  for (auto& [mine, theirs] : session_watch_ids_)
    if (mine == id && session_) {
      session_->remove_watchpoint(theirs);
      if (auto renewed = session_->add_watchpoint(watch)) theirs = *renewed;  // checked above: it is valid
    }
  return {};
}

std::string DebuggerModel::describe_watch_hit() const {
  if (!last_watch_hit_) return {};
  const WatchHit& h = *last_watch_hit_;
  auto memory = [&](uint32_t index) {
    const MemoryDescription d = describe_memory(index);
    return "memory " + std::to_string(index) + (d.name.empty() ? "" : " " + d.name);
  };
  std::string where = "function " + std::to_string(h.at.func) + ", instruction " + std::to_string(h.at.instr);
  if (auto line = line_of(h.at)) where += " (line " + std::to_string(*line) + ")";
  const std::string op = h.op ? std::string(mnemonic(*h.op)) : std::string("an instruction");
  const bool wrote = h.access.kind == MemoryAccess::Kind::Write;
  std::string out = "watchpoint " + std::to_string(h.id) + " (" + on_name(h.watch.on) + ", " + memory(h.watch.memory) +
                    " [" + hex(h.watch.address) + ", " + hex(h.watch.address + h.watch.length) + ")): " + op + " at " +
                    where + (wrote ? " wrote" : " read") + " [" + hex(h.address) + ", " + hex(h.address + h.length) +
                    "): ";
  if (wrote) out += hex_bytes(h.old_bytes) + " -> " + hex_bytes(h.new_bytes);
  else out += hex_bytes(h.old_bytes);
  return out;
}

std::vector<WrittenRun> DebuggerModel::who_wrote(uint32_t memory, uint64_t address, uint64_t length) const {
  return provenance_.who_wrote(memory, address, length);
}

uint64_t DebuggerModel::steps() const { return step_base_ + (session_ ? session_->instructions_executed() : 0); }

// A fresh record for a fresh instance: its bytes so far are the active data segments' (those
// with a constant offset, as the initial image shows them).
void DebuggerModel::reset_provenance() {
  provenance_.reset();
  step_base_ = 0;
  if (!module_) return;
  for (const Placement& p : placements_)
    if (p.memory < memory_count()) provenance_.record_segment(p.memory, p.offset, module_->datas[p.segment].bytes.size(), p.segment);
}

// One observed access: it feeds who wrote, the ledger and the memory map.
void DebuggerModel::record_access(const AccessRecord& access) {
  const uint64_t step = step_base_ + access.step;
  if (access.grow) {
    provenance_.record_grow(access, step, pages_now(access.grow->memory));
    return;
  }
  provenance_.record(access, step);
  const MemoryAccess& a = access.access;
  if (a.memory >= activity_.size()) return;
  activity_step_ = std::max(activity_step_, step);
  activity_[a.memory].note(a.kind == MemoryAccess::Kind::Write, a.address, a.size, pages_now(a.memory), step);
}

}  // namespace mnemo::ui
