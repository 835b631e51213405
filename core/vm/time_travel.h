// core/vm/time_travel.h: travelling to a step, stepping back and reverse-continue, built on the
// two things a recording session (core/vm/debug_session.cpp) can do: go back to the checkpoint
// before a step, and run forward from there.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "core/vm/history.h"
#include "core/vm/session.h"

namespace mnemo::vm {

class Traveller {
 public:
  virtual ~Traveller() = default;
  virtual uint64_t now() const = 0;  // the session's step
  virtual const History& history() const = 0;
  // Memories, thread, instance and counters as at the last checkpoint at or before `step`.
  virtual void restore_before(uint64_t step) = 0;
  // Runs on (Continue) to `until` at most. `stops`: breakpoints and watchpoints stop it on the
  // way, as in a normal run; otherwise they are set aside.
  virtual StopReason run_on(uint64_t until, bool stops) = 0;
};

// Session::travel_to, step_back and reverse_continue (core/vm/session.h).
Result<StopReason> travel_to(Traveller& t, uint64_t step);
Result<StopReason> step_back(Traveller& t);
Result<StopReason> reverse_continue(Traveller& t);

}  // namespace mnemo::vm
