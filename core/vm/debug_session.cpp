// core/vm/debug_session.cpp: Session (core/vm/session.h) over the debug instantiation of the
// dispatch loop. The session owns its Thread, so a paused call keeps its frames while the
// embedder inspects memories or runs other calls on other threads.
#include <algorithm>
#include <cstring>
#include <string>

#include "core/validate/validate.h"
#include "core/vm/debug.h"
#include "core/vm/history.h"
#include "core/vm/thread.h"
#include "core/vm/time_travel.h"
#include "core/vm/trap_info.h"
#include "core/vm/vm.h"

namespace mnemo::vm {
namespace {

class DebugSession final : public Session, private Traveller {
 public:
  DebugSession(Instance& instance, FuncInstance& func, std::span<const WasmValue> args, const StoreLimits& limits)
      : instance_(instance), func_(func), thread_(limits) {
    ctl_.session_instance = &instance;
    std::vector<uint64_t> slots(func.param_slots + 2, 0);
    uint64_t* at = slots.data();
    for (size_t i = 0; i < func.type.params.size() && i < args.size(); ++i) {
      WasmValue v = args[i];
      v.type = func.type.params[i];
      value_to_slots(v, at);
      at += slot_count(v.type);
    }
    args_ = std::move(slots);
    if (!func.is_host()) {
      if (!push_call(thread_, func, args_.data())) finish_trapped();
    }
  }

  StopReason run(Mode mode, uint64_t budget) override {
    if (done_) return last_;
    if (func_.is_host()) {  // a host function runs in one step
      CallResult r = call(thread_, func_, host_args());
      if (r.trap) {
        trap_ = r.trap;
        return finish(StopReason::Trapped);
      }
      results_ = std::move(r.values);
      return finish(StopReason::Finished);
    }
    ctl_.mode = mode;
    ctl_.budget = budget;
    ctl_.executed = 0;
    ctl_.start_depth = thread_.depth;
    ctl_.break_at_first = total_executed_ == 0;
    ctl_.steps_before = total_executed_;
    ctl_.hit.reset();
    ctl_.hit_pending = ctl_.hit_reported = false;
    RunStatus status = history_ ? execute_recording(budget) : execute_debug(thread_, ctl_);
    if (ctl_.op_open) ctl_.finish_op();  // the call's last op: no next op began to finish it
    total_executed_ += ctl_.executed;
    name_effects_op();
    if (history_) history_->reached(total_executed_);
    switch (status) {
      case RunStatus::Finished: {
        const uint64_t* at = thread_.sp - func_.result_slots;
        for (ValType t : func_.type.results) {
          results_.push_back(value_from_slots(t, at));
          at += slot_count(t);
        }
        return finish(StopReason::Finished);
      }
      case RunStatus::Trapped: return finish_trapped();
      case RunStatus::Stopped:
      case RunStatus::Yielded: break;  // only execute<LoopHooks::None> yields
    }
    if (ctl_.reason == StopReason::Paused) ctl_.pause_requested = false;
    last_ = ctl_.reason;
    return last_;
  }

  void pause() override { ctl_.pause_requested = true; }

  void set_breakpoint(CodeLocation at, bool enabled) override {
    if (!at.instance) at.instance = &instance_;
    auto& bps = ctl_.breakpoints;
    bps.erase(std::remove(bps.begin(), bps.end(), at), bps.end());
    if (enabled) bps.push_back(at);
  }
  std::vector<CodeLocation> breakpoints() const override { return ctl_.breakpoints; }

  Result<uint32_t> add_watchpoint(const Watchpoint& watch) override {
    const size_t memories = instance_.memories.size();
    if (watch.memory >= memories)
      return Error{"", "no memory " + std::to_string(watch.memory) + ": the instance has " + std::to_string(memories) +
                           (memories == 1 ? " memory" : " memories")};
    if (watch.length == 0) return Error{"", "a watchpoint needs a range of at least one byte"};
    if (watch.address > UINT64_MAX - watch.length) return Error{"", "the watched range ends past 2^64"};
    if (watch.on != Watchpoint::On::Read && watch.on != Watchpoint::On::Write && watch.on != Watchpoint::On::Any)
      return Error{"", "a watchpoint is on read, write or any access"};
    const uint32_t id = next_watch_id_++;
    ctl_.watches.push_back({id, watch, instance_.memories[watch.memory]});
    ctl_.update_observing();
    return id;
  }
  bool remove_watchpoint(uint32_t id) override {
    auto& ws = ctl_.watches;
    const auto it = std::find_if(ws.begin(), ws.end(), [&](const DebugControl::Watch& w) { return w.id == id; });
    if (it == ws.end()) return false;
    ws.erase(it);
    ctl_.update_observing();
    return true;
  }
  std::vector<std::pair<uint32_t, Watchpoint>> watchpoints() const override {
    std::vector<std::pair<uint32_t, Watchpoint>> out;
    for (const DebugControl::Watch& w : ctl_.watches) out.push_back({w.id, w.watch});
    return out;
  }
  // Set after a Watchpoint stop, and also when the call's last instruction hit one (the run
  // then reports Finished: there is no next instruction to stop before).
  const std::optional<WatchHit>& watch_hit() const override { return ctl_.hit; }
  void observe_accesses(std::function<void(const AccessRecord&)> observer) override {
    ctl_.observer = std::move(observer);
    ctl_.update_observing();
  }

  const StepEffects& last_effects() const override { return ctl_.effects; }

  std::optional<CodeLocation> current() const override {
    if (done_ || !thread_.cur || !thread_.ip) return std::nullopt;
    const CompiledFunc& c = *thread_.cur;
    return CodeLocation{c.func_index, c.instr_at[size_t(thread_.ip - c.code.data())], c.instance};
  }

  // Innermost frame last. Operand slots carry no types at run time; the validator types them
  // (operand_types_before). Where it cannot (a function of another instance, or slots that do
  // not match the types), operands are shown as raw i64 slot values (a v128 as two).
  uint64_t instructions_executed() const override { return total_executed_; }

  std::vector<FrameInfo> call_stack() const override {
    std::vector<FrameInfo> out;
    if (done_ || !thread_.cur) return out;
    const CompiledFunc* func = thread_.cur;
    const uint64_t* ip = thread_.ip;
    const uint64_t* fp = thread_.fp;
    const uint64_t* sp = thread_.sp;
    bool innermost = true;
    for (uint32_t level = thread_.depth; level >= 1; --level) {
      FrameInfo f;
      size_t pc = size_t(ip - func->code.data());
      if (!innermost && pc > 0) --pc;  // a caller's ip points after its call
      f.at = CodeLocation{func->func_index, func->instr_at[std::min(pc, func->instr_at.size() - 1)], func->instance};
      for (size_t i = 0; i < func->local_types.size(); ++i)
        f.locals.push_back(value_from_slots(func->local_types[i], fp + func->local_slot[i]));
      f.operands = operands(*func, f.at.instr, fp + func->param_slots + func->local_slots, sp);
      out.push_back(std::move(f));
      const Frame& saved = thread_.frames()[level - 1];
      if (!saved.ret_ip) break;  // the session's entry frame
      sp = fp;
      func = saved.func;
      fp = saved.fp;
      ip = saved.ret_ip;
      innermost = false;
    }
    std::reverse(out.begin(), out.end());
    return out;
  }

  const std::vector<WasmValue>& results() const override { return results_; }
  const std::optional<TrapInfo>& trap() const override { return trap_; }
  Instance& instance() override { return instance_; }

  // --- Time travel: the searches are core/vm/time_travel.cpp's, over the Traveller below.
  void record_history(uint64_t budget_bytes) override {
    if (budget_bytes == 0) {
      history_.reset();
    } else if (history_) {
      history_->set_budget(budget_bytes);
    } else {
      segment_images_ = segment_images(instance_);
      history_ = std::make_unique<History>(budget_bytes, instance_.memories, checkpoint_now(nullptr, total_executed_));
    }
    ctl_.history = history_.get();
    ctl_.update_observing();
  }
  void set_history_budget(uint64_t budget_bytes) override {
    if (history_ && budget_bytes) history_->set_budget(budget_bytes);
  }
  std::optional<Timeline> timeline() const override {
    if (!history_) return std::nullopt;
    return Timeline{history_->first_step(), history_->last_step(), total_executed_,
                    history_->bytes(),      history_->budget(),    history_->steps_dropped()};
  }
  Result<StopReason> travel_to(uint64_t step) override {
    if (!history_) return not_recording();
    return vm::travel_to(*this, step);
  }
  Result<StopReason> step_back() override {
    if (!history_) return not_recording();
    return vm::step_back(*this);
  }
  Result<StopReason> reverse_continue() override {
    if (!history_) return not_recording();
    return vm::reverse_continue(*this);
  }
  void restart_history() override {
    if (!history_) return;
    const uint64_t budget = history_->budget();
    record_history(0);
    record_history(budget);
  }

 private:
  static Error not_recording() {
    return Error{"", "this session keeps no history: start recording (record_history) to travel in time"};
  }
  // --- Traveller.
  uint64_t now() const override { return total_executed_; }
  const History& history() const override { return *history_; }
  void restore_before(uint64_t step) override {
    const Checkpoint& c = history_->rewind_to_checkpoint_before(step);
    restore_checkpoint(c, thread_, instance_, segment_images_);
    total_executed_ = c.step;
    ctl_.effects = c.effects;
    ctl_.hit.reset();
    ctl_.pause_requested = false;
    results_.clear();
    trap_.reset();
    done_ = false;
    last_ = StopReason::Step;
  }
  StopReason run_on(uint64_t until, bool stops) override {
    if (until <= total_executed_) return StopReason::Step;
    std::vector<CodeLocation> breakpoints;
    std::vector<DebugControl::Watch> watches;
    if (!stops) {
      breakpoints.swap(ctl_.breakpoints);
      watches.swap(ctl_.watches);
      ctl_.update_observing();
    }
    const StopReason r = run(Mode::Continue, until - total_executed_);
    if (!stops) {
      breakpoints.swap(ctl_.breakpoints);
      watches.swap(ctl_.watches);
      ctl_.update_observing();
    }
    return r;
  }

  // A recording run, cut where the history wants a checkpoint (and every few thousand steps, to
  // keep to its budget). A cut is a Paused stop the history asked for: the run goes on with the
  // same count of ops executed, so step modes, breakpoints and watchpoints see one run.
  RunStatus execute_recording(uint64_t budget) {
    RunStatus status;
    for (;;) {
      const uint64_t now = total_executed_ + ctl_.executed;
      if (history_->checkpoint_due(now)) {
        name_effects_op();
        history_->add_checkpoint(checkpoint_now(&history_->last_checkpoint(), now));
      }
      ctl_.budget = std::min(budget, ctl_.executed + (history_->next_cut(now) - now));
      {
        HostAnswers answers(*this);
        status = execute_debug(thread_, ctl_);
      }
      history_->reached(total_executed_ + ctl_.executed);
      const bool cut = status == RunStatus::Stopped && ctl_.reason == StopReason::Paused && !ctl_.pause_requested &&
                       ctl_.executed < budget;
      if (!cut) break;
    }
    ctl_.budget = budget;
    return status;
  }
  Checkpoint checkpoint_now(const Checkpoint* previous, uint64_t step) {
    Checkpoint c = take_checkpoint(thread_, instance_, previous);
    c.step = step;
    c.effects = ctl_.effects;
    c.host_calls = history_ ? history_->host_calls() : 0;
    return c;
  }
  // While a recording run runs, the instance's host functions answer through the history: a step
  // recorded before gets its recorded answer (the host is not called twice: an import that prints
  // prints once), a new one calls the host and keeps its answer.
  class HostAnswers {
   public:
    explicit HostAnswers(DebugSession& s) {
      for (FuncInstance* f : s.instance_.funcs) {
        if (!f || !f->is_host() || !f->host) continue;
        saved_.push_back({f, f->host});
        f->host = [&s, host = f->host](std::span<const WasmValue> args, std::span<WasmValue> results) {
          return s.answer_host(host, args, results);
        };
      }
    }
    ~HostAnswers() {
      for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) it->first->host = std::move(it->second);
    }
    HostAnswers(const HostAnswers&) = delete;
    HostAnswers& operator=(const HostAnswers&) = delete;

   private:
    std::vector<std::pair<FuncInstance*, HostCallback>> saved_;
  };
  std::optional<std::string> answer_host(const HostCallback& host, std::span<const WasmValue> args,
                                         std::span<WasmValue> results) {
    if (history_->replaying(total_executed_ + ctl_.executed)) {
      if (const HostAnswer* a = history_->next_host_answer()) {
        for (size_t i = 0; i < results.size() && i < a->results.size(); ++i) results[i] = a->results[i];
        return a->trap;
      }
    }
    std::optional<std::string> trap = host(args, results);
    history_->record_host_answer({std::vector<WasmValue>(results.begin(), results.end()), trap});
    return trap;
  }

  std::vector<WasmValue> operands(const CompiledFunc& func, uint32_t instr, const uint64_t* begin,
                                  const uint64_t* end) const {
    std::vector<WasmValue> out;
    const Module* m = instance_.module.get();
    const bool own_function = m && !m->funcs.empty() && func.source >= m->funcs.data() &&
                              func.source < m->funcs.data() + m->funcs.size();
    if (own_function) {
      if (auto types = operand_types_before(*m, func.func_index, instr)) {
        size_t slots = 0;
        for (ValType t : *types) slots += slot_count(t);
        if (slots == size_t(end - begin)) {
          for (ValType t : *types) {
            out.push_back(value_from_slots(t, begin));
            begin += slot_count(t);
          }
          return out;
        }
      }
    }
    for (const uint64_t* s = begin; s < end; ++s) out.push_back(value_from_slots(ValType::I64, s));
    return out;
  }

  std::vector<WasmValue> host_args() const {
    std::vector<WasmValue> out;
    const uint64_t* at = args_.data();
    for (ValType t : func_.type.params) {
      out.push_back(value_from_slots(t, at));
      at += slot_count(t);
    }
    return out;
  }
  // Memory effects come only from instructions that stay in their frame (loads, stores, bulk
  // memory, memory.grow), so the op that made them sits in the current function at op_pc.
  void name_effects_op() {
    StepEffects& fx = ctl_.effects;
    fx.op.reset();
    if (fx.accesses.empty() && !fx.grow && !fx.data_segment) return;
    const CompiledFunc* c = thread_.cur;
    if (!c || !c->source || ctl_.op_pc >= c->instr_at.size()) return;
    fx.op = c->source->body[c->instr_at[ctl_.op_pc]].op;
  }

  StopReason finish(StopReason r) {
    done_ = true;
    last_ = r;
    return r;
  }
  StopReason finish_trapped() {
    trap_ = trap_info(thread_.trap);
    thread_.reset();
    return finish(StopReason::Trapped);
  }

  Instance& instance_;
  FuncInstance& func_;
  Thread thread_;
  DebugControl ctl_;
  std::vector<uint64_t> args_;
  std::vector<WasmValue> results_;
  std::optional<TrapInfo> trap_;
  uint64_t total_executed_ = 0;
  std::unique_ptr<History> history_;
  SegmentImages segment_images_;  // for travelling back over a data.drop / elem.drop
  uint32_t next_watch_id_ = 1;
  bool done_ = false;
  StopReason last_ = StopReason::Paused;
};

}  // namespace

std::unique_ptr<Session> start_session(Instance& instance, FuncInstance& func, std::span<const WasmValue> args,
                                       const StoreLimits& limits) {
#ifdef MNEMO_VM_NO_DEBUG_HOOKS
  (void)instance, (void)func, (void)args, (void)limits;
  return nullptr;  // the debug loops are not built; DebugSession, never made, references nothing
#else
  return std::make_unique<DebugSession>(instance, func, args, limits);
#endif
}

}  // namespace mnemo::vm
