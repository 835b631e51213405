// web/ui/debugger_travel.cpp: the debugger model's time travel: the timeline in the model's step
// numbers, travelling to a step, step back and reverse-continue (whose recording and searching are
// the session's: core/vm/history.h, core/vm/time_travel.h), and the history's budget.
#include <algorithm>
#include <string>

#include "web/ui/debugger_model.h"

namespace mnemo::ui {

std::optional<Timeline> DebuggerModel::timeline() const {
  const Session* s = session_ ? session_.get() : finished_.get();
  if (!s) return std::nullopt;
  std::optional<Timeline> t = s->timeline();
  if (!t) return std::nullopt;
  const uint64_t base = session_ ? step_base_ : finished_base_;
  t->first += base;
  t->last += base;
  t->current += base;
  return t;
}

void DebuggerModel::set_recording(bool on) {
  if (on == recording_) return;
  recording_ = on;
  if (session_) session_->record_history(on ? history_budget_ : 0);
  if (!on) finished_.reset();  // its history is what travelling needs
}

void DebuggerModel::set_history_budget(uint64_t bytes) {
  history_budget_ = std::max(bytes, kMinHistoryBudget);
  if (session_) session_->set_history_budget(history_budget_);
  if (finished_) finished_->set_history_budget(history_budget_);
}

// A call that returned or trapped comes back as a paused one at its end, ready to move back.
bool DebuggerModel::revive_finished() {
  if (session_ || !finished_) return false;
  session_ = std::move(finished_);
  step_base_ = finished_base_;
  return true;
}

Status DebuggerModel::travel_to(uint64_t step) {
  if (running_) return Error{"", "the call is running: pause it (F6) to travel in time"};
  const std::optional<Timeline> t = timeline();
  if (!t) return Error{"", "no call to travel in: start one (Debug)"};
  if (step < t->first || step > t->last)
    return Error{"", "step " + std::to_string(step) + " is outside the recorded history [" + std::to_string(t->first) +
                         ", " + std::to_string(t->last) + "]" +
                         (t->steps_dropped ? ": older steps were dropped to stay within the history's budget" : "")};
  const bool revived = revive_finished();
  return travelled(session_->travel_to(step - step_base_), revived, "travel");
}

Status DebuggerModel::travel(Result<StopReason> (Session::*go)(), const char* what) {
  if (running_) return Error{"", std::string(what) + ": the call is running: pause it (F6) first"};
  const bool revived = revive_finished();
  if (!session_) return Error{"", std::string(what) + ": no call to travel in: start one (Debug)"};
  return travelled(((*session_).*go)(), revived, what);
}

Status DebuggerModel::travelled(Result<StopReason> r, bool revived, const char* what) {
  if (!r) {
    if (revived) end_call(/*keep_history=*/true);  // it did not move: still the call that ended
    return Error{"", std::string(what) + ": " + r.error().str()};
  }
  last_watch_hit_.reset();
  last_trap_.reset();
  run_target_.reset();
  take_effects();
  after_stop(*r);
  return {};
}

}  // namespace mnemo::ui
