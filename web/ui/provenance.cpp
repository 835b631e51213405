// web/ui/provenance.cpp: the last writer of every byte, chains through copies, the ledger
// (provenance.h).
#include "web/ui/provenance.h"

#include <algorithm>

namespace mnemo::ui {

Provenance::Provenance() = default;
Provenance::~Provenance() = default;

void Provenance::reset() {
  events_.clear();
  blocks_.clear();
  overflowed_ = false;
  compact_at_ = 1 << 16;
  copy_source_.reset();
  ledger_.clear();
  ledger_dropped_ = 0;
  unobserved_.clear();
}

void Provenance::record_unobserved(uint64_t first, uint64_t last) {
  if (first > last) return;
  if (!unobserved_.empty() && unobserved_.back().last + 1 >= first) {  // the same run, continued
    unobserved_.back().last = std::max(unobserved_.back().last, last);
    return;
  }
  if (unobserved_.size() >= kMaxUnobserved) {
    // Merging the oldest two widens a gap over steps that were observed: a chain then warns about
    // more steps than it must, never fewer.
    unobserved_[1].first = unobserved_[0].first;
    unobserved_.erase(unobserved_.begin());
  }
  unobserved_.push_back({first, last});
}

std::optional<WriteLink> Provenance::gap_between(uint64_t written, uint64_t read) const {
  for (auto it = unobserved_.rbegin(); it != unobserved_.rend(); ++it) {
    if (it->last <= written) break;  // older gaps lie before the write too
    if (it->first < read) {
      WriteLink l;
      l.kind = WriteLink::Kind::Unobserved;
      l.step = std::max(it->first, written + 1);
      l.last_step = std::min(it->last, read - 1);
      return l;
    }
  }
  return std::nullopt;
}

void Provenance::record_segment(uint32_t memory, uint64_t offset, uint64_t length, uint32_t segment) {
  Event e;
  e.kind = WriteLink::Kind::Segment;
  e.memory = memory;
  e.address = offset;
  e.data_segment = segment;
  write(memory, offset, length, add_event(std::move(e)));
  Transfer t;
  t.kind = Transfer::Kind::Segment;
  t.memory = memory;
  t.address = offset;
  t.length = length;
  t.data_segment = segment;
  add_transfer(t);
}

void Provenance::record_edit(uint32_t memory, uint64_t address, uint64_t length, uint64_t step) {
  Event e;
  e.kind = WriteLink::Kind::Edit;
  e.step = step;
  e.memory = memory;
  e.address = address;
  write(memory, address, length, add_event(std::move(e)));
}

void Provenance::record_grow(const AccessRecord& access, uint64_t step, uint64_t new_pages) {
  if (!access.grow) return;
  Transfer t;
  t.kind = Transfer::Kind::Grow;
  t.step = step;
  t.at = access.at;
  t.memory = access.grow->memory;
  t.address = access.grow->old_pages * kPageBytes;
  t.length = access.grow->result < 0 ? 0 : (new_pages - std::min(new_pages, access.grow->old_pages)) * kPageBytes;
  add_transfer(t);
}

void Provenance::record(const AccessRecord& a, uint64_t step) {
  if (a.grow) return;  // record_grow: the model knows the new size
  if (a.access.kind == MemoryAccess::Kind::Read) {
    // memory.copy reports its source read, then its destination write (core/vm/session.h).
    if (a.op == Opcode::MemoryCopy) copy_source_ = a;
    return;
  }
  Event e;
  e.step = step;
  e.at = a.at;
  e.op = a.op;
  e.memory = a.access.memory;
  e.address = a.access.address;
  Transfer t;
  t.step = step;
  t.at = a.at;
  t.memory = a.access.memory;
  t.address = a.access.address;
  t.length = a.access.size;
  bool bulk = true;
  switch (a.op) {
    case Opcode::MemoryCopy:
      e.kind = WriteLink::Kind::Copy;
      t.kind = Transfer::Kind::Copy;
      if (copy_source_ && copy_source_->step == a.step) {
        e.src_memory = t.src_memory = copy_source_->access.memory;
        e.src_address = t.src_address = copy_source_->access.address;
        // Taken before the destination is written: the two ranges may overlap in one memory.
        e.sources = snapshot(copy_source_->access.memory, copy_source_->access.address, a.access.size);
      }
      copy_source_.reset();
      break;
    case Opcode::MemoryFill:
      e.kind = WriteLink::Kind::Fill;
      t.kind = Transfer::Kind::Fill;
      break;
    case Opcode::MemoryInit:
      e.kind = WriteLink::Kind::Init;
      t.kind = Transfer::Kind::Init;
      e.data_segment = t.data_segment = a.data_segment;
      break;
    default:
      e.kind = WriteLink::Kind::Store;
      bulk = false;
      break;
  }
  write(a.access.memory, a.access.address, a.access.size, add_event(std::move(e)));
  if (bulk) add_transfer(t);
}

uint32_t Provenance::add_event(Event e) {
  if (events_.size() >= compact_at_) {
    compact();
    compact_at_ = std::max<size_t>(1 << 16, events_.size() * 2);
  }
  events_.push_back(std::move(e));
  return uint32_t(events_.size());
}

void Provenance::write(uint32_t memory, uint64_t address, uint64_t length, uint32_t event) {
  uint64_t at = address;
  const uint64_t end = address + length;
  while (at < end) {
    const uint64_t block = at / kBlockBytes;
    const uint64_t lo = at - block * kBlockBytes;
    const uint64_t hi = std::min(kBlockBytes, end - block * kBlockBytes);
    auto it = blocks_.find({memory, block});
    if (it == blocks_.end()) {
      if (blocks_.size() >= kMaxBlocks) {
        overflowed_ = true;  // past the bound: these bytes' writers are not kept
        at = (block + 1) * kBlockBytes;
        continue;
      }
      it = blocks_.emplace(std::make_pair(memory, block), Block(kBlockBytes, 0)).first;
    }
    std::fill(it->second.begin() + ptrdiff_t(lo), it->second.begin() + ptrdiff_t(hi), event);
    at = block * kBlockBytes + hi;
  }
}

uint32_t Provenance::writer_of(uint32_t memory, uint64_t address) const {
  auto it = blocks_.find({memory, address / kBlockBytes});
  if (it == blocks_.end()) return overflowed_ ? kUntracked : 0;
  return it->second[address % kBlockBytes];
}

std::vector<Provenance::SourceRun> Provenance::snapshot(uint32_t memory, uint64_t address, uint64_t length) const {
  std::vector<SourceRun> runs;
  for (uint64_t i = 0; i < length; ++i) {
    const uint32_t ev = writer_of(memory, address + i);
    if (!runs.empty() && runs.back().event == ev) {
      ++runs.back().length;
      continue;
    }
    if (runs.size() == kMaxSourceRuns) {  // too many writers to keep: the rest is unknown
      runs.push_back({i, length - i, kUntracked});
      break;
    }
    runs.push_back({i, 1, ev});
  }
  return runs;
}

std::vector<WriteLink> Provenance::chain(uint32_t memory, uint64_t address, uint32_t event, std::vector<uint32_t>* ids) const {
  std::vector<WriteLink> links;
  uint64_t read = UINT64_MAX;  // when the byte was read: now, then each copy's step
  for (size_t depth = 0; depth < kMaxChain; ++depth) {
    WriteLink l;
    l.memory = memory;
    l.address = address;
    l.length = 1;
    if (event != kUntracked) {
      const uint64_t written = event == 0 ? 0 : events_[event - 1].step;
      if (std::optional<WriteLink> gap = gap_between(written, read)) {
        gap->memory = memory;
        gap->address = address;
        gap->length = 1;
        links.push_back(*gap);
      }
    }
    if (ids) ids->push_back(event);
    if (event == 0 || event == kUntracked) {
      l.kind = event == 0 ? WriteLink::Kind::NeverWritten : WriteLink::Kind::Untracked;
      links.push_back(l);
      break;
    }
    const Event& e = events_[event - 1];
    l.kind = e.kind;
    l.step = e.step;
    l.at = e.at;
    l.op = e.op;
    l.data_segment = e.data_segment;
    if (e.kind != WriteLink::Kind::Copy || !e.src_memory) {
      links.push_back(l);
      break;
    }
    const uint64_t offset = address - e.address;
    l.src_memory = e.src_memory;
    l.src_address = e.src_address + offset;
    links.push_back(l);
    uint32_t next = kUntracked;
    for (const SourceRun& r : e.sources)
      if (offset >= r.offset && offset - r.offset < r.length) next = r.event;
    memory = *e.src_memory;
    address = l.src_address;
    event = next;
    read = e.step;
  }
  return links;
}

std::vector<WrittenRun> Provenance::who_wrote(uint32_t memory, uint64_t address, uint64_t length) const {
  constexpr uint64_t kMaxAsked = 4096;
  std::vector<WrittenRun> runs;
  std::vector<uint32_t> last_ids;
  for (uint64_t i = 0; i < std::min(length, kMaxAsked); ++i) {
    std::vector<uint32_t> ids;
    std::vector<WriteLink> links = chain(memory, address + i, writer_of(memory, address + i), &ids);
    // A byte joins the run before it when the same writes, one byte further on, put it there.
    bool same = !runs.empty() && ids == last_ids && links.size() == runs.back().chain.size();
    for (size_t k = 0; same && k < links.size(); ++k) {
      const WriteLink& prev = runs.back().chain[k];
      same = links[k].address == prev.address + prev.length && links[k].memory == prev.memory;
    }
    if (same) {
      ++runs.back().length;
      for (WriteLink& l : runs.back().chain) ++l.length;
    } else {
      runs.push_back({address + i, 1, std::move(links)});
    }
    last_ids = std::move(ids);
  }
  return runs;
}

void Provenance::add_transfer(Transfer t) {
  if (ledger_.size() >= kMaxLedger) {
    const size_t drop = kMaxLedger / 4;
    ledger_.erase(ledger_.begin(), ledger_.begin() + ptrdiff_t(drop));
    ledger_dropped_ += drop;
  }
  ledger_.push_back(t);
}

// Keeps the writes some byte names as its last writer, and those a kept copy's source names
// (which are older than the copy: one pass from the newest down finds them all).
void Provenance::compact() {
  std::vector<uint8_t> live(events_.size() + 1, 0);
  for (const auto& [key, block] : blocks_)
    for (uint32_t ev : block)
      if (ev != 0 && ev != kUntracked) live[ev] = 1;
  for (size_t id = events_.size(); id >= 1; --id)
    if (live[id])
      for (const SourceRun& r : events_[id - 1].sources)
        if (r.event != 0 && r.event != kUntracked) live[r.event] = 1;
  std::vector<uint32_t> renumber(events_.size() + 1, 0);
  std::vector<Event> kept;
  for (size_t id = 1; id <= events_.size(); ++id) {
    if (!live[id]) continue;
    kept.push_back(std::move(events_[id - 1]));
    renumber[id] = uint32_t(kept.size());
  }
  auto map = [&](uint32_t ev) { return ev == 0 || ev == kUntracked ? ev : renumber[ev]; };
  for (auto& [key, block] : blocks_)
    for (uint32_t& ev : block) ev = map(ev);
  for (Event& e : kept)
    for (SourceRun& r : e.sources) r.event = map(r.event);
  events_ = std::move(kept);
}

std::string describe_link_kind(WriteLink::Kind kind) {
  switch (kind) {
    case WriteLink::Kind::Store: return "store";
    case WriteLink::Kind::Copy: return "copy";
    case WriteLink::Kind::Fill: return "fill";
    case WriteLink::Kind::Init: return "init";
    case WriteLink::Kind::Segment: return "data segment";
    case WriteLink::Kind::Edit: return "debugger edit";
    case WriteLink::Kind::Untracked: return "untracked";
    case WriteLink::Kind::NeverWritten: return "never written";
    case WriteLink::Kind::Unobserved: return "unobserved";
  }
  return "";
}

std::string describe_transfer_kind(Transfer::Kind kind) {
  switch (kind) {
    case Transfer::Kind::Copy: return "copy";
    case Transfer::Kind::Fill: return "fill";
    case Transfer::Kind::Init: return "init";
    case Transfer::Kind::Grow: return "grow";
    case Transfer::Kind::Segment: return "segment";
  }
  return "";
}

}  // namespace mnemo::ui
