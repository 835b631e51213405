// core/vm/debug_session.cpp: Session (core/vm/session.h) over the debug instantiation of the
// dispatch loop. The session owns its Thread, so a paused call keeps its frames while the
// embedder inspects memories or runs other calls on other threads.
#include <algorithm>
#include <cstring>

#include "core/validate/validate.h"
#include "core/vm/debug.h"
#include "core/vm/thread.h"
#include "core/vm/trap_info.h"
#include "core/vm/vm.h"

namespace mnemo::vm {
namespace {

class DebugSession final : public Session {
 public:
  DebugSession(Instance& instance, FuncInstance& func, std::span<const WasmValue> args, const StoreLimits& limits)
      : instance_(instance), func_(func), thread_(limits) {
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
    RunStatus status = execute<true>(thread_, &ctl_);
    total_executed_ += ctl_.executed;
    name_effects_op();
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
      case RunStatus::Yielded: break;  // only execute<false> yields
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

  const StepEffects& last_effects() const override { return ctl_.effects; }

  std::optional<CodeLocation> current() const override {
    if (done_ || !thread_.cur || !thread_.ip) return std::nullopt;
    const CompiledFunc& c = *thread_.cur;
    return CodeLocation{c.func_index, c.instr_at[size_t(thread_.ip - c.code.data())], c.instance};
  }

  // Innermost frame last. Operand slots carry no types at run time; the validator types them
  // (operand_types_before). Where it cannot (a function of another instance, or slots that do
  // not match the types), operands are shown as raw i64 slot values (a v128 as two).
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

 private:
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
  bool done_ = false;
  StopReason last_ = StopReason::Paused;
};

}  // namespace

std::unique_ptr<Session> start_session(Instance& instance, FuncInstance& func, std::span<const WasmValue> args,
                                       const StoreLimits& limits) {
#ifdef MNEMO_VM_NO_DEBUG_HOOKS
  (void)instance, (void)func, (void)args, (void)limits;
  return nullptr;  // execute<true> is not built; DebugSession, never made, references nothing
#else
  return std::make_unique<DebugSession>(instance, func, args, limits);
#endif
}

}  // namespace mnemo::vm
