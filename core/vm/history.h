// core/vm/history.h: what a recording debug session keeps so that it can travel in time.
//
// The run is cut into stretches. Each stretch begins with a checkpoint (everything but memory
// bytes: the thread, globals, tables, dropped segments, fuel, the session's counters) and holds
// an undo log of what its instructions did to memories: the bytes each write replaced, and each
// memory.grow. The log is applied in place: moving back over a change swaps its saved bytes with
// the memory's, so the entry then holds the bytes the write put there and moving forward swaps them
// again. Memories thus reach any stretch's start in time proportional to the changes passed over,
// with no second copy of their bytes; everything else comes from the checkpoint, and the steps
// from there to the moment asked for are run again. Host calls keep their results, so a run again
// gets the same answers without calling the host twice.
//
// When the history holds more bytes than its budget, its oldest stretches go.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime/store.h"
#include "core/vm/session.h"
#include "core/vm/thread.h"

namespace mnemo::vm {

// Everything a run's state holds at one step except memory bytes (core/vm/history_checkpoint.cpp
// takes and restores it).
struct Checkpoint {
  uint64_t step = 0;  // instructions the session had run
  // The session's thread: its slots in use and frames, and its registers as offsets into them.
  std::vector<uint64_t> slots;
  std::vector<Frame> frames;
  size_t sp = 0, fp = 0;
  const uint64_t* ip = nullptr;
  const CompiledFunc* cur = nullptr;
  uint32_t depth = 0;
  // The instance. A table unchanged since the previous checkpoint shares its copy.
  std::vector<std::array<uint64_t, 2>> globals;
  std::vector<std::shared_ptr<const std::vector<uint64_t>>> tables;
  std::vector<bool> datas_dropped;
  std::vector<bool> elems_dropped;
  std::optional<uint64_t> fuel;  // a metered store's fuel left
  StepEffects effects;           // of the instruction before the checkpoint
  uint64_t host_calls = 0;       // host calls the run had made (counted from the session's start)
  uint64_t table_bytes = 0;      // bytes of the table copies it does not share with the previous one

  uint64_t bytes() const;  // what it costs the history's budget
};

// The bytes of the instance's data and element segments when recording began: a checkpoint says
// only which were dropped, and travelling back before a drop puts these back.
struct SegmentImages {
  std::vector<std::vector<uint8_t>> datas;
  std::vector<std::vector<uint64_t>> elems;
};
SegmentImages segment_images(const Instance& instance);

// `previous`: the checkpoint before it, whose table copies it shares where they are unchanged.
Checkpoint take_checkpoint(Thread& thread, const Instance& instance, const Checkpoint* previous);
// Puts the thread and the instance back as they were (memories are the log's business).
void restore_checkpoint(const Checkpoint& checkpoint, Thread& thread, Instance& instance,
                        const SegmentImages& images);

// The answer a host function gave, kept so that a run again gets it without calling the host.
struct HostAnswer {
  std::vector<WasmValue> results;
  std::optional<std::string> trap;
};

class History {
 public:
  // `memories`: the session's instance's, by index; memories of other instances that its code
  // writes are added as they appear. The history starts with `start`.
  History(uint64_t budget_bytes, std::vector<MemoryInstance*> memories, Checkpoint start);

  // --- The range recorded: [first_step(), last_step()].
  uint64_t first_step() const { return stretches_.front().start.step; }
  uint64_t last_step() const { return last_step_; }
  uint64_t bytes() const;  // what it holds now
  uint64_t budget() const { return budget_; }
  uint64_t steps_dropped() const { return first_step() - start_step_; }  // lost to the budget
  void set_budget(uint64_t bytes) {  // a lower budget drops what no longer fits at once
    budget_ = bytes;
    trim();
  }

  // --- Recording and running again. A change at a step up to last_step() is one being run again:
  // it must match the log (its entry takes the bytes the memory holds now, which are about to be
  // overwritten); one past it is new and is appended. A change that does not match means the run
  // went another way (a host function that wrote memory behind the history's back): the history
  // after it goes, and recording resumes there.
  void on_write(MemoryInstance* memory, uint64_t address, uint64_t size, uint64_t step);
  void on_grow(MemoryInstance* memory, uint64_t old_pages, uint64_t new_pages, uint64_t step);
  // A run reached `step` (it stopped there, or a stretch was cut there).
  void reached(uint64_t step) { last_step_ = std::max(last_step_, step); }
  // Whether `step` was recorded before, so that its host calls are answered from the log.
  bool replaying(uint64_t step) const { return step <= last_step_; }
  // The next recorded host answer, or null when the log has none left (then the host is called).
  const HostAnswer* next_host_answer();
  void record_host_answer(HostAnswer answer);
  uint64_t host_calls() const { return host_base_ + host_cursor_; }

  // --- Checkpoints. A recording run is cut at next_cut(now) so that one can be taken there.
  bool checkpoint_due(uint64_t now) const;
  uint64_t next_cut(uint64_t now) const;
  void add_checkpoint(Checkpoint checkpoint);  // at the end of the log; drops the oldest over budget
  const Checkpoint& last_checkpoint() const { return stretches_.back().start; }

  // --- Travel: memories move to the start of the stretch holding `step` (the last checkpoint at
  // or before it), and the log stands ready for the run again from there. Returns its checkpoint.
  const Checkpoint& rewind_to_checkpoint_before(uint64_t step);
  // The checkpoints' steps, oldest first (reverse-continue searches stretch by stretch).
  std::vector<uint64_t> checkpoint_steps() const;

 private:
  enum class Kind : uint16_t { Write, Grow };
  // One change. Its bytes follow those of the entries before it in the stretch's byte store: a
  // write's saved bytes (`size` of them), or a grow's old and new sizes in pages (two uint64_t).
  struct Change {
    uint64_t address = 0;
    uint32_t size = 0;    // bytes in the store
    uint32_t step = 0;    // steps after the stretch's checkpoint
    uint16_t memory = 0;  // index in memories_
    Kind kind = Kind::Write;
  };
  struct Stretch {
    Checkpoint start;
    std::vector<Change> changes;
    std::vector<uint8_t> bytes;
    uint64_t cost() const;
  };
  // Where the memories stand in the log: every change before (stretch, change) is applied.
  struct Cursor {
    size_t stretch = 0;
    size_t change = 0;
    size_t offset = 0;  // of the change's bytes in its stretch's store
  };

  uint16_t memory_index(MemoryInstance* memory);
  bool at_end() const;
  void append(Kind kind, uint16_t memory, uint64_t address, const uint8_t* bytes, uint64_t size, uint64_t step);
  // Checks the change at the cursor against one being run again; false when it differs.
  // Moves the cursor over the stretches it has run past.
  bool matches(Kind kind, uint16_t memory, uint64_t address, uint64_t size, uint64_t step);
  // Drops the log from the cursor on (and the host answers after host_cursor_).
  void truncate_at_cursor(uint64_t step);
  void undo_one();  // moves the cursor back over one change, swapping its bytes in
  void redo_one();  // moves it forward over one
  void trim();      // drops the oldest stretches while over budget
  void recount();

  std::vector<MemoryInstance*> memories_;
  std::deque<Stretch> stretches_;
  Cursor cursor_;
  uint64_t last_step_ = 0;
  uint64_t start_step_ = 0;
  uint64_t budget_ = 0;
  uint64_t closed_bytes_ = 0;   // the cost of every stretch but the last (which still grows)
  uint64_t interval_ = 0;       // steps between checkpoints (more when they are big)
  std::deque<HostAnswer> host_answers_;
  uint64_t host_base_ = 0;      // answers dropped with the oldest stretches
  size_t host_cursor_ = 0;      // the next answer a run again takes, within host_answers_
};

}  // namespace mnemo::vm
