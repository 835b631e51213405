// core/vm/debug_control.cpp: what the debug instantiation of the dispatch loop calls before and
// during each op (core/vm/debug.h), watchpoints and the access observer included.
#include <algorithm>
#include <cstring>

#include "core/runtime/store.h"
#include "core/vm/debug.h"
#include "core/vm/history.h"

namespace mnemo::vm {

namespace {

// The index of `memory` in `instance`'s memory index space, if the instance has it: code of
// another instance names a shared memory by its own index.
std::optional<uint32_t> index_in(const Instance* instance, const MemoryInstance* memory) {
  if (!instance || !memory) return std::nullopt;
  for (uint32_t i = 0; i < instance->memories.size(); ++i)
    if (instance->memories[i] == memory) return i;
  return std::nullopt;
}

}  // namespace

// should_stop and begin_unobserved_op are forced inline into the per-op entries below, so that
// an op makes one call here, as before watchpoints and the history existed: begin_unobserved_op
// has three callers, and neither compiler inlines such a function by itself. In the Emscripten
// build a second call per op made a debug session's run 1.2x slower in V8 (binaryen inlines only
// functions with one caller, as should_stop had before).
[[gnu::always_inline]] inline bool DebugControl::should_stop(const CompiledFunc& func, uint32_t pc, uint32_t depth) {
  if (!starts_instruction(func, pc)) return false;
  if (executed > 0) {
    if (mode == Session::Mode::StepInto) return stop(StopReason::Step);
    if (mode == Session::Mode::StepOver && depth <= start_depth) return stop(StopReason::Step);
    if (mode == Session::Mode::StepOut && depth < start_depth) return stop(StopReason::Step);
  }
  if (executed > 0 || break_at_first) {
    const CodeLocation here{func.func_index, func.instr_at[pc], func.instance};
    for (const CodeLocation& b : breakpoints)
      if (b == here) return stop(StopReason::Breakpoint);
  }
  if (pause_requested || executed >= budget) return stop(StopReason::Paused);
  return false;
}

[[gnu::always_inline]] inline bool DebugControl::begin_unobserved_op(const CompiledFunc& func, uint32_t pc, uint32_t depth) {
  if (should_stop(func, pc, depth)) return false;
  open_op(pc);
  open_lane();
  return true;
}

// Without watchpoints, an observer or a history, an op costs what it did before they existed,
// plus the one test of `observing`: the run of a debug session that nobody watches is the
// playground's full-speed run, and it must not get slower (issue 13). The bookkeeping they need
// (the op's function for its records, the op left open for finish_op) is begin_observed_op's.
bool DebugControl::begin_op(const CompiledFunc& func, uint32_t pc, uint32_t depth) {
  if (__builtin_expect(observing, 0)) return begin_observed_op(func, pc, depth);
  return begin_unobserved_op(func, pc, depth);
}

bool DebugControl::begin_quiet_op(const CompiledFunc& func, uint32_t pc, uint32_t depth) {
  if (__builtin_expect(observing, 0)) {
    observed_from_now = true;
    return false;
  }
  return begin_unobserved_op(func, pc, depth);
}

bool DebugControl::begin_observed_op(const CompiledFunc& func, uint32_t pc, uint32_t depth) {
  if (op_open) {
    op_open = false;
    if (hit_pending || effects.grow) finish_op();  // most ops have nothing to finish: no call
  }
  // The instruction that hit a watchpoint has completed: stop before the next one starts.
  if (hit && !hit_pending && !hit_reported && starts_instruction(func, pc)) {
    hit_reported = true;
    stop(StopReason::Watchpoint);
    return false;
  }
  if (!begin_unobserved_op(func, pc, depth)) return false;
  op_func = &func;
  op_open = true;
  return true;
}

void DebugControl::observe_access(const MemoryAccess& access) {
  if (!op_func) return;
  const Instance* instance = op_func->instance;
  MemoryInstance* memory =
      instance && access.memory < instance->memories.size() ? instance->memories[access.memory] : nullptr;
  const uint64_t step = steps_before + executed;
  // Before the write: the history keeps the bytes it replaces.
  if (history && memory && access.kind == MemoryAccess::Kind::Write)
    history->on_write(memory, access.address, access.size, step);
  const bool tell_observer = observer && !(history && history->replaying(step));
  if (watches.empty() && !tell_observer) return;
  const uint32_t instr = op_func->instr_at[op_pc];
  const CodeLocation at{op_func->func_index, instr, instance};
  const Instr* source = op_func->source && instr < op_func->source->body.size() ? &op_func->source->body[instr] : nullptr;

  // The first watched access of a run stops it; later ones of the same instruction are not told.
  if (!hit && memory) {
    const uint8_t kind_bit = access.kind == MemoryAccess::Kind::Read ? 1 : 2;
    for (const Watch& w : watches) {
      if (w.memory != memory || !(uint8_t(w.watch.on) & kind_bit)) continue;
      const uint64_t lo = std::max(access.address, w.watch.address);
      const uint64_t hi = std::min(access.address + access.size, w.watch.address + w.watch.length);
      if (lo >= hi) continue;
      WatchHit h;
      h.id = w.id;
      h.watch = w.watch;
      h.at = at;
      if (source) h.op = source->op;
      h.access = access;
      h.address = lo;
      h.length = hi - lo;
      // The handler checked the access against the memory's size, so the overlap is inside it.
      const uint64_t n = std::min(h.length, WatchHit::kMaxBytes);
      h.old_bytes.assign(memory->data + lo, memory->data + lo + n);
      hit = std::move(h);
      hit_pending = true;
      hit_memory = memory;
      break;
    }
  }

  if (tell_observer) {
    const std::optional<uint32_t> index =
        instance == session_instance ? std::optional<uint32_t>(access.memory) : index_in(session_instance, memory);
    if (!index) return;  // a memory the session's instance cannot see
    AccessRecord r;
    r.step = step;
    r.at = at;
    if (source) {
      r.op = source->op;
      if (source->op == Opcode::MemoryInit) r.data_segment = source->index;
    }
    r.access = access;
    r.access.memory = *index;
    observer(r);
  }
}

void DebugControl::finish_op() {
  op_open = false;
  if (hit_pending) {
    hit_pending = false;
    const uint64_t n = std::min(hit->length, WatchHit::kMaxBytes);
    // memory.grow never shrinks a memory, so the bytes are still there (data may have moved).
    if (hit_memory && hit->address + n <= hit_memory->size)
      hit->new_bytes.assign(hit_memory->data + hit->address, hit_memory->data + hit->address + n);
  }
  if (!effects.grow || !op_func) return;
  const Instance* instance = op_func->instance;
  MemoryInstance* memory =
      instance && effects.grow->memory < instance->memories.size() ? instance->memories[effects.grow->memory] : nullptr;
  const uint64_t step = steps_before + executed;
  if (history && memory && effects.grow->result >= 0)
    history->on_grow(memory, effects.grow->old_pages, memory->pages(), step);
  if (observer && !(history && history->replaying(step))) {
    const std::optional<uint32_t> index = instance == session_instance ? std::optional<uint32_t>(effects.grow->memory)
                                                                       : index_in(session_instance, memory);
    if (!index) return;
    AccessRecord r;
    r.step = step;
    r.at = CodeLocation{op_func->func_index, op_func->instr_at[op_pc], instance};
    r.op = Opcode::MemoryGrow;
    r.access = MemoryAccess{MemoryAccess::Kind::Write, *index, 0, 0};
    r.grow = *effects.grow;
    r.grow->memory = *index;
    observer(r);
  }
}

}  // namespace mnemo::vm
