// core/vm/call.cpp: calling a function from the embedder, and traps as TrapInfo values.
#include <cstring>

#include "core/vm/thread.h"
#include "core/vm/trap_info.h"
#include "core/vm/vm.h"

namespace mnemo::vm {

TrapInfo trap_info(const TrapRecord& r) {
  TrapInfo info;
  info.code = r.code;
  info.fault = r.fault;
  info.message = r.code == TrapCode::HostTrap && !r.host_message.empty() ? r.host_message
                                                                         : std::string(trap_message(r.code));
  if (r.element) info.message += " " + std::to_string(*r.element);  // as the reference interpreter says it
  if (r.func) {
    info.where.func = r.func->func_index;
    info.where.instance = r.func->instance;
    if (r.pc < r.func->instr_at.size()) info.where.instr = r.func->instr_at[r.pc];
  }
  return info;
}

CallResult call(Thread& t, FuncInstance& f, std::span<const WasmValue> args) {
  CallResult out;
  std::vector<uint64_t> slots(std::max<size_t>(f.param_slots, f.result_slots) + 2, 0);
  uint64_t* at = slots.data();
  for (size_t i = 0; i < f.type.params.size() && i < args.size(); ++i) {
    WasmValue v = args[i];
    v.type = f.type.params[i];
    value_to_slots(v, at);
    at += slot_count(f.type.params[i]);
  }
  const uint64_t* results = nullptr;
  if (f.is_host()) {
    if (!call_host(t, f, slots.data())) {
      out.trap = trap_info(t.trap);
      return out;
    }
    results = slots.data();
  } else {
    // Saved so that a trap unwinds exactly this call (the thread may be in use by an outer run).
    uint64_t* const sp = t.sp;
    uint64_t* const fp = t.fp;
    const uint64_t* const ip = t.ip;
    const CompiledFunc* const cur = t.cur;
    const uint32_t depth = t.depth;
    RunStatus status = push_call(t, f, slots.data()) ? execute<LoopHooks::None>(t, nullptr) : RunStatus::Trapped;
    while (status == RunStatus::Yielded) status = execute<LoopHooks::None>(t, nullptr);  // interp_loop.h: MNEMO_VM_SLICES
    if (status != RunStatus::Finished) {
      out.trap = trap_info(t.trap);
      t.sp = sp;
      t.fp = fp;
      t.ip = ip;
      t.cur = cur;
      t.depth = depth;
      return out;
    }
    t.sp -= f.result_slots;
    std::memcpy(slots.data(), t.sp, f.result_slots * sizeof(uint64_t));
    results = slots.data();
  }
  for (ValType type : f.type.results) {
    out.values.push_back(value_from_slots(type, results));
    results += slot_count(type);
  }
  return out;
}

}  // namespace mnemo::vm
