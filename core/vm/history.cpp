// core/vm/history.cpp: the undo log of a recording session, its stretches and its budget
// (core/vm/history.h).
#include "core/vm/history.h"

#include <algorithm>
#include <cstring>

namespace mnemo::vm {

namespace {

// A checkpoint every 64 Ki steps at least: reaching a step runs at most that many again (about a
// millisecond natively), and for the benchmark's loop the checkpoints cost under 0.1% of the
// history. Big checkpoints (large tables, deep stacks) come less often, never past 1 Mi steps.
constexpr uint64_t kMinInterval = 1u << 16;
constexpr uint64_t kMaxInterval = 1u << 20;
// A recording run returns to the session this often, to check the budget and take checkpoints.
constexpr uint64_t kCutEvery = 4096;
// A stretch whose log outgrows this share of the budget ends early: the oldest history can then
// go in pieces small enough to keep most of it.
constexpr uint64_t kStretchesPerBudget = 16;
constexpr uint64_t kMinStretchLimit = 64 * 1024;

}  // namespace

uint64_t Checkpoint::bytes() const {
  return sizeof(Checkpoint) + slots.size() * sizeof(uint64_t) + frames.size() * sizeof(Frame) +
         globals.size() * sizeof(globals[0]) + tables.size() * sizeof(tables[0]) + table_bytes +
         (datas_dropped.size() + elems_dropped.size()) / 8 + effects.accesses.size() * sizeof(MemoryAccess);
}

uint64_t History::Stretch::cost() const {
  return start.bytes() + changes.capacity() * sizeof(Change) + bytes.capacity();
}

History::History(uint64_t budget_bytes, std::vector<MemoryInstance*> memories, Checkpoint start)
    : memories_(std::move(memories)), budget_(budget_bytes) {
  last_step_ = start_step_ = start.step;
  host_base_ = start.host_calls;
  interval_ = std::clamp<uint64_t>(4 * start.bytes(), kMinInterval, kMaxInterval);
  stretches_.push_back(Stretch{std::move(start), {}, {}});
  recount();
}

uint64_t History::bytes() const {
  return closed_bytes_ + stretches_.back().cost() + host_answers_.size() * sizeof(HostAnswer);
}

uint16_t History::memory_index(MemoryInstance* memory) {
  for (size_t i = 0; i < memories_.size(); ++i)
    if (memories_[i] == memory) return uint16_t(i);
  memories_.push_back(memory);
  return uint16_t(memories_.size() - 1);
}

// At the end of the log: no change after the cursor (stretches after it may hold none, when the
// steps a run went over again wrote nothing).
bool History::at_end() const {
  if (cursor_.change != stretches_[cursor_.stretch].changes.size()) return false;
  for (size_t k = cursor_.stretch + 1; k < stretches_.size(); ++k)
    if (!stretches_[k].changes.empty()) return false;
  return true;
}

void History::on_write(MemoryInstance* memory, uint64_t address, uint64_t size, uint64_t step) {
  if (size == 0) return;
  const uint16_t index = memory_index(memory);
  if (replaying(step)) {
    if (matches(Kind::Write, index, address, size, step)) {
      // The entry holds the bytes this write is about to put there; it takes those it replaces.
      Stretch& s = stretches_[cursor_.stretch];
      std::memcpy(s.bytes.data() + cursor_.offset, memory->data + address, size_t(size));
      cursor_.offset += size_t(size);
      ++cursor_.change;
      return;
    }
    truncate_at_cursor(step);
  }
  if (!at_end()) truncate_at_cursor(step);
  append(Kind::Write, index, address, memory->data + address, size, step);
}

void History::on_grow(MemoryInstance* memory, uint64_t old_pages, uint64_t new_pages, uint64_t step) {
  if (new_pages <= old_pages) return;
  const uint16_t index = memory_index(memory);
  const uint64_t pages[2] = {old_pages, new_pages};
  if (replaying(step)) {
    if (matches(Kind::Grow, index, 0, sizeof pages, step) &&
        std::memcmp(stretches_[cursor_.stretch].bytes.data() + cursor_.offset, pages, sizeof pages) == 0) {
      cursor_.offset += sizeof pages;
      ++cursor_.change;
      return;
    }
    truncate_at_cursor(step);
  }
  if (!at_end()) truncate_at_cursor(step);
  append(Kind::Grow, index, 0, reinterpret_cast<const uint8_t*>(pages), sizeof pages, step);
}

bool History::matches(Kind kind, uint16_t memory, uint64_t address, uint64_t size, uint64_t step) {
  // The run again may have crossed into later stretches: the next change is the first one there.
  Cursor c = cursor_;
  while (c.change == stretches_[c.stretch].changes.size() && c.stretch + 1 < stretches_.size()) c = {c.stretch + 1, 0, 0};
  const Stretch& s = stretches_[c.stretch];
  if (c.change >= s.changes.size()) return false;
  const Change& ch = s.changes[c.change];
  if (ch.kind != kind || ch.memory != memory || ch.address != address || ch.size != size ||
      s.start.step + ch.step != step)
    return false;
  cursor_ = c;  // the crossing is where the change is
  return true;
}

void History::append(Kind kind, uint16_t memory, uint64_t address, const uint8_t* bytes, uint64_t size,
                     uint64_t step) {
  Stretch& s = stretches_.back();
  s.changes.push_back(Change{address, uint32_t(size), uint32_t(step - s.start.step), memory, kind});
  s.bytes.insert(s.bytes.end(), bytes, bytes + size);
  cursor_ = {stretches_.size() - 1, s.changes.size(), s.bytes.size()};
}

void History::truncate_at_cursor(uint64_t step) {
  while (stretches_.size() > cursor_.stretch + 1) stretches_.pop_back();
  Stretch& s = stretches_.back();
  s.changes.resize(cursor_.change);
  s.bytes.resize(cursor_.offset);
  host_answers_.resize(std::min(host_answers_.size(), host_cursor_));
  last_step_ = std::max(step, first_step() + 1) - 1;
  recount();
}

const HostAnswer* History::next_host_answer() {
  if (host_cursor_ >= host_answers_.size()) return nullptr;
  return &host_answers_[host_cursor_++];
}

void History::record_host_answer(HostAnswer answer) {
  host_answers_.resize(std::min(host_answers_.size(), host_cursor_));
  host_answers_.push_back(std::move(answer));
  host_cursor_ = host_answers_.size();
}

bool History::checkpoint_due(uint64_t now) const {
  const Stretch& s = stretches_.back();
  if (now < last_step_ || !at_end() || now <= s.start.step) return false;
  const uint64_t limit = std::max(kMinStretchLimit, budget_ / kStretchesPerBudget);
  return now - s.start.step >= interval_ || s.changes.size() * sizeof(Change) + s.bytes.size() >= limit;
}

uint64_t History::next_cut(uint64_t now) const {
  if (now < last_step_) return last_step_;  // run again up to the end of the record, then record
  return std::max(now + 1, std::min(stretches_.back().start.step + interval_, now + kCutEvery));
}

void History::add_checkpoint(Checkpoint checkpoint) {
  cursor_ = {stretches_.size() - 1, stretches_.back().changes.size(), stretches_.back().bytes.size()};
  Stretch& last = stretches_.back();
  last.changes.shrink_to_fit();
  last.bytes.shrink_to_fit();
  interval_ = std::clamp<uint64_t>(4 * checkpoint.bytes(), kMinInterval, kMaxInterval);
  last_step_ = std::max(last_step_, checkpoint.step);
  stretches_.push_back(Stretch{std::move(checkpoint), {}, {}});
  cursor_ = {stretches_.size() - 1, 0, 0};
  recount();
  trim();
}

void History::trim() {
  while (bytes() > budget_ && stretches_.size() > 1 && cursor_.stretch > 0) {
    const uint64_t answers = stretches_[1].start.host_calls - host_base_;
    const uint64_t drop = std::min<uint64_t>(answers, host_answers_.size());
    host_answers_.erase(host_answers_.begin(), host_answers_.begin() + ptrdiff_t(drop));
    host_cursor_ -= std::min<size_t>(host_cursor_, size_t(drop));
    host_base_ += answers;
    stretches_.pop_front();
    --cursor_.stretch;
    recount();
  }
}

void History::recount() {
  closed_bytes_ = 0;
  for (size_t i = 0; i + 1 < stretches_.size(); ++i) closed_bytes_ += stretches_[i].cost();
}

void History::undo_one() {
  if (cursor_.change == 0) {  // to the end of the stretch before
    --cursor_.stretch;
    const Stretch& before = stretches_[cursor_.stretch];
    cursor_.change = before.changes.size();
    cursor_.offset = before.bytes.size();
    return;
  }
  Stretch& s = stretches_[cursor_.stretch];
  const Change& c = s.changes[--cursor_.change];
  cursor_.offset -= c.size;
  MemoryInstance* m = memories_[c.memory];
  uint8_t* saved = s.bytes.data() + cursor_.offset;
  if (c.kind == Kind::Write) {
    if (c.address + c.size <= m->size) std::swap_ranges(saved, saved + c.size, m->data + c.address);
    return;
  }
  // A grow undone: the memory shrinks back, its added bytes zero for when the grow runs again.
  uint64_t pages[2];
  std::memcpy(pages, saved, sizeof pages);
  const uint64_t old_size = pages[0] * MemoryInstance::kPageSize;
  if (m->size <= old_size) return;
  const uint64_t added = m->size - old_size;
  std::memset(m->data + old_size, 0, size_t(added));
  m->size = old_size;
  if (m->budget) m->budget->used -= std::min(m->budget->used, added);
}

void History::redo_one() {
  Stretch& s = stretches_[cursor_.stretch];
  const Change& c = s.changes[cursor_.change++];
  uint8_t* saved = s.bytes.data() + cursor_.offset;
  cursor_.offset += c.size;
  MemoryInstance* m = memories_[c.memory];
  if (c.kind == Kind::Write) {
    if (c.address + c.size <= m->size) std::swap_ranges(saved, saved + c.size, m->data + c.address);
    return;
  }
  uint64_t pages[2];
  std::memcpy(pages, saved, sizeof pages);
  if (m->pages() == pages[0]) m->grow(pages[1] - pages[0]);
}

const Checkpoint& History::rewind_to_checkpoint_before(uint64_t step) {
  size_t k = stretches_.size() - 1;
  while (k > 0 && stretches_[k].start.step > step) --k;
  while (cursor_.stretch > k || (cursor_.stretch == k && cursor_.change > 0)) undo_one();
  while (cursor_.stretch < k) {
    if (cursor_.change == stretches_[cursor_.stretch].changes.size()) cursor_ = {cursor_.stretch + 1, 0, 0};
    else redo_one();
  }
  host_cursor_ = size_t(stretches_[k].start.host_calls - host_base_);
  return stretches_[k].start;
}

std::vector<uint64_t> History::checkpoint_steps() const {
  std::vector<uint64_t> out;
  for (const Stretch& s : stretches_) out.push_back(s.start.step);
  return out;
}

}  // namespace mnemo::vm
