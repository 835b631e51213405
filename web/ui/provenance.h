// web/ui/provenance.h: where the bytes of each memory came from. Fed every access of a call
// (Session::observe_accesses), it keeps the last writer of each byte, follows bytes that arrived
// by memory.copy back through their copies to the store, fill, memory.init, data segment or
// debugger edit that first put them there, and lists every bulk transfer (the ledger).
//
// Runs the debugger did not observe (a full-speed run with nothing that needs its accesses:
// debugger_model.h) leave gaps: a byte's chain then says that a write it does not know of may have
// come in such a run after the one it names, and the ledger lacks their transfers.
//
// Bounded: writers are kept per 4 KiB block actually written, at most kMaxBlocks blocks (16 MiB of
// bookkeeping for 4 MiB of written bytes, 4 bytes a byte); bytes of blocks past that are
// "untracked". Writes no byte or kept copy refers to any more are dropped (a compaction runs when
// the writes kept double), and the ledger keeps the last kMaxLedger transfers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/module.h"
#include "core/vm/session.h"

namespace mnemo::ui {

// One row of the transfer ledger: a bulk transfer, or a data segment placed at instantiation.
struct Transfer {
  enum class Kind : uint8_t { Copy, Fill, Init, Grow, Segment };
  Kind kind = Kind::Copy;
  uint64_t step = 0;        // 0: at instantiation
  CodeLocation at;          // the instruction (none for Segment)
  uint32_t memory = 0;      // destination; Grow: the memory that grew
  uint64_t address = 0;     // Grow: the old size in bytes
  uint64_t length = 0;      // Grow: bytes added (0 when it failed)
  std::optional<uint32_t> src_memory;     // Copy
  uint64_t src_address = 0;               // Copy
  std::optional<uint32_t> data_segment;   // Init, Segment
};

// Steps [first, last] of a run, as the debugger numbers them (from 1, over the instance's calls).
struct StepSpan {
  uint64_t first = 0;
  uint64_t last = 0;
};

// One link of a "who wrote this?" chain, newest first.
struct WriteLink {
  // Unobserved: steps [step, last_step] ran unobserved after the write of the next link (and
  // before the copy of the link before): the byte may have been written then, unseen.
  enum class Kind : uint8_t { Store, Copy, Fill, Init, Segment, Edit, Untracked, NeverWritten, Unobserved };
  Kind kind = Kind::Store;
  uint64_t step = 0;        // Segment: 0 (instantiation)
  uint64_t last_step = 0;   // Unobserved: the gap's last step
  CodeLocation at;          // Store, Copy, Fill, Init
  std::optional<Opcode> op;
  uint32_t memory = 0;      // where the byte was at this link
  uint64_t address = 0;
  uint64_t length = 0;      // bytes from `address` on (of those asked) this same write put there
  std::optional<uint32_t> src_memory;     // Copy: where the byte came from
  uint64_t src_address = 0;
  std::optional<uint32_t> data_segment;   // Init, Segment
};

// Bytes of an asked range with the same chain: [address, address + length) of the memory.
struct WrittenRun {
  uint64_t address = 0;
  uint64_t length = 0;
  std::vector<WriteLink> chain;  // newest first; ends at the original write
};

class Provenance {
 public:
  static constexpr uint64_t kBlockBytes = 4096;
  static constexpr size_t kMaxBlocks = 1024;
  static constexpr size_t kMaxLedger = 50000;
  static constexpr size_t kMaxSourceRuns = 256;  // distinct writers kept per copy's source
  static constexpr size_t kMaxChain = 64;
  static constexpr uint64_t kPageBytes = 65536;
  static constexpr size_t kMaxUnobserved = 256;  // gaps kept; past it the oldest two merge

  Provenance();
  ~Provenance();

  void reset();
  // An active data segment's bytes, placed at instantiation.
  void record_segment(uint32_t memory, uint64_t offset, uint64_t length, uint32_t segment);
  // Bytes the debugger itself stored (the typed inspector's edits), at `step`.
  void record_edit(uint32_t memory, uint64_t address, uint64_t length, uint64_t step);
  // An access of the running call; `step` counted from the instance's first call.
  void record(const AccessRecord& access, uint64_t step);
  // A memory.grow (access.grow set) that left the memory `new_pages` long: a ledger row.
  void record_grow(const AccessRecord& access, uint64_t step, uint64_t new_pages);
  // Steps [first, last] ran with nobody observing their accesses (after every step recorded so far).
  void record_unobserved(uint64_t first, uint64_t last);
  const std::vector<StepSpan>& unobserved() const { return unobserved_; }

  // Who wrote [address, address + length) of `memory` (at most 4096 bytes are looked at), as runs
  // of bytes that share a chain.
  std::vector<WrittenRun> who_wrote(uint32_t memory, uint64_t address, uint64_t length) const;
  const std::vector<Transfer>& ledger() const { return ledger_; }
  uint64_t ledger_dropped() const { return ledger_dropped_; }  // rows older than the kept ones
  size_t writes_kept() const { return events_.size(); }
  size_t blocks_tracked() const { return blocks_.size(); }

 private:
  struct SourceRun {  // source bytes [offset, offset + length) of a copy, all last written by `event`
    uint64_t offset = 0;
    uint64_t length = 0;
    uint32_t event = 0;  // 0: never written; kUntracked: not known
  };
  struct Event {
    WriteLink::Kind kind = WriteLink::Kind::Store;
    uint64_t step = 0;
    CodeLocation at;
    std::optional<Opcode> op;
    uint32_t memory = 0;
    uint64_t address = 0;
    std::optional<uint32_t> src_memory;
    uint64_t src_address = 0;
    std::optional<uint32_t> data_segment;
    std::vector<SourceRun> sources;  // Copy
  };
  using Block = std::vector<uint32_t>;  // kBlockBytes event ids (1-based; 0: never written)
  static constexpr uint32_t kUntracked = UINT32_MAX;

  uint32_t add_event(Event e);
  void write(uint32_t memory, uint64_t address, uint64_t length, uint32_t event);
  uint32_t writer_of(uint32_t memory, uint64_t address) const;
  std::vector<SourceRun> snapshot(uint32_t memory, uint64_t address, uint64_t length) const;
  // The links from `event`, the writer of byte `address` of `memory`; `ids` gets each link's event.
  std::vector<WriteLink> chain(uint32_t memory, uint64_t address, uint32_t event, std::vector<uint32_t>* ids) const;
  void add_transfer(Transfer t);
  void compact();
  // The latest unobserved gap after step `written` and before step `read` (a copy's; UINT64_MAX:
  // now), as a link; nothing when none lies between.
  std::optional<WriteLink> gap_between(uint64_t written, uint64_t read) const;

  std::vector<Event> events_;                            // id - 1
  std::map<std::pair<uint32_t, uint64_t>, Block> blocks_;  // (memory, block number)
  bool overflowed_ = false;  // a block was refused (kMaxBlocks): absent blocks are then unknown
  size_t compact_at_ = 1 << 16;
  std::optional<AccessRecord> copy_source_;  // memory.copy's read, waiting for its write
  std::vector<Transfer> ledger_;
  uint64_t ledger_dropped_ = 0;
  std::vector<StepSpan> unobserved_;  // oldest first, disjoint, ascending
};

// "store (i32.store) at step 12", "copy from memory 0 0x20", ...: a link as one phrase.
std::string describe_link_kind(WriteLink::Kind kind);
std::string describe_transfer_kind(Transfer::Kind kind);

}  // namespace mnemo::ui
