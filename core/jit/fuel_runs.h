// core/jit/fuel_runs.h: the bookkeeping of fuel metering in compiled code. In a metered store,
// every straight-line run starts by taking its instruction count from the store's fuel, at the
// very places the interpreter's translation charges it (core/vm/translate.cpp, meter_segment: the
// entry, each loop's start, each else and end), so both engines run out at the same instruction.
// The count is not known when the charge is emitted: the backend leaves a field for it and
// patches it when the run ends. Which places charge and what a run counts is shared here; how a
// charge is encoded, and how its field is patched, is the backend's.
#pragma once

#include <cstdint>

namespace mnemo::jit {

class FuelRuns {
 public:
  // A charge's count field and the count to patch into it.
  struct Charge {
    uint32_t at = 0;
    uint32_t instrs = 0;
  };

  // Every instruction the walk reaches alive belongs to the open run (counted whether or not the
  // store is metered: counting is cheaper than asking).
  void count() { ++instrs_; }
  // The open run ends (a charge point, or the body's end): its charge, if one was emitted, is
  // returned for patching, and counting starts again from zero.
  bool close(Charge* charge) {
    const bool open = count_at_ != kNone;
    if (open) *charge = Charge{count_at_, instrs_};
    count_at_ = kNone;
    instrs_ = 0;
    return open;
  }
  // A charge was emitted for the run starting here, its count field at code offset `at`.
  void open(uint32_t at) { count_at_ = at; }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t count_at_ = kNone;  // the count field of the open run's charge
  uint32_t instrs_ = 0;        // instructions of the open run so far
};

}  // namespace mnemo::jit
