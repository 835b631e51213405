// core/vm/time_travel.cpp: travel, step back and reverse-continue over a recorded history
// (core/vm/time_travel.h).
#include "core/vm/time_travel.h"

#include <optional>
#include <string>

namespace mnemo::vm {

namespace {

std::string range_text(const History& h) {
  return "[" + std::to_string(h.first_step()) + ", " + std::to_string(h.last_step()) + "]";
}

bool is_hit(StopReason r) { return r == StopReason::Breakpoint || r == StopReason::Watchpoint; }

}  // namespace

Result<StopReason> travel_to(Traveller& t, uint64_t step) {
  const History& h = t.history();
  if (step < h.first_step() || step > h.last_step())
    return Error{"", "step " + std::to_string(step) + " is outside the recorded history " + range_text(h) +
                         (h.steps_dropped() ? " (older steps were dropped to stay within the history's budget)" : "")};
  t.restore_before(step);
  if (t.now() >= step) return StopReason::Step;
  const StopReason r = t.run_on(step, /*stops=*/false);
  return r == StopReason::Paused ? StopReason::Step : r;
}

// The step counter counts ops, and an instruction may be more than one: travelling to now - 1 can
// land on now again (the first boundary at or after it). Each further try goes one step earlier.
Result<StopReason> step_back(Traveller& t) {
  const uint64_t from = t.now();
  const uint64_t first = t.history().first_step();
  if (from <= first)
    return Error{"", "at the start of the recorded history (step " + std::to_string(first) + "): nothing to step back to"};
  for (uint64_t step = from - 1;; --step) {
    auto r = travel_to(t, step);
    if (!r || t.now() < from || step == first) return r;
  }
}

// Searches the stretches between checkpoints from the newest back, running each again with its
// breakpoints and watchpoints; the latest hit before now wins, and the run goes there once more
// so that the stop (and a watchpoint's hit) is as it was.
Result<StopReason> reverse_continue(Traveller& t) {
  const uint64_t target = t.now();
  const History& h = t.history();
  if (target <= h.first_step())
    return Error{"", "at the start of the recorded history (step " + std::to_string(h.first_step()) + ")"};
  const std::vector<uint64_t> starts = h.checkpoint_steps();
  size_t k = starts.size();
  while (k > 0 && starts[k - 1] >= target) --k;
  while (k-- > 0) {
    const uint64_t end = k + 1 < starts.size() && starts[k + 1] < target ? starts[k + 1] : target;
    t.restore_before(starts[k]);
    std::optional<uint64_t> latest;
    for (;;) {
      const StopReason r = t.run_on(end, /*stops=*/true);
      if (is_hit(r) && t.now() < target) latest = t.now();
      if (!is_hit(r) || t.now() >= end) break;
    }
    if (!latest) continue;
    // From a checkpoint before the hit, never at it: a run that starts at a breakpoint passes it.
    t.restore_before(*latest > h.first_step() ? *latest - 1 : *latest);
    for (;;) {
      const StopReason r = t.run_on(*latest, /*stops=*/true);
      if (!is_hit(r) || t.now() >= *latest) return r == StopReason::Paused ? StopReason::Step : r;
    }
  }
  return travel_to(t, h.first_step());
}

}  // namespace mnemo::vm
