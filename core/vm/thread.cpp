// core/vm/thread.cpp: thread state, entering a wasm function, calling host functions.
#include "core/vm/thread.h"

#include <algorithm>
#include <cstring>

#include "core/runtime/host_pages.h"

namespace mnemo::vm {

ThreadMemory::ThreadMemory(uint64_t bytes) {
  if (host_pages::available()) {
    const uint64_t page = host_pages::page_size();
    const uint64_t usable = (bytes + page - 1) / page * page;
    if (uint8_t* p = host_pages::reserve(usable + page)) {
      if (host_pages::commit(p, 0, usable)) {
        data_ = p;
        mapped_ = usable + page;
        return;
      }
      host_pages::release(p, usable + page);
    }
  }
  data_ = new uint8_t[bytes];  // throws bad_alloc like any other allocation that fails
}

ThreadMemory::~ThreadMemory() {
  if (mapped_)
    host_pages::release(data_, mapped_);
  else
    delete[] data_;
}

Thread::Thread(uint32_t stack_slots, uint32_t max_frames)
    : stack_(uint64_t(stack_slots) * sizeof(uint64_t)),
      frames_(uint64_t(max_frames) * sizeof(Frame)),
      stack_slots_(stack_slots),
      max_frames_(max_frames) {
  reset();
}

Thread::Thread(const StoreLimits& limits)
    : Thread(uint32_t(std::clamp<uint64_t>(limits.max_stack_bytes / sizeof(uint64_t), 1024, UINT32_MAX)),
             std::max<uint32_t>(limits.max_call_depth, 1)) {}

void Thread::reset() {
  sp = stack_begin();
  fp = stack_begin();
  ip = nullptr;
  cur = nullptr;
  depth = 0;
}

bool push_call(Thread& t, const FuncInstance& f, const uint64_t* args) {
  const CompiledFunc* c = interp_code(f);
  uint64_t* base = t.sp;
  if (t.depth >= t.max_frames() || base + c->max_slots + c->param_slots > t.stack_end()) {
    t.trap = TrapRecord{};
    t.trap.code = TrapCode::CallStackExhausted;
    return false;
  }
  std::memcpy(base, args, c->param_slots * sizeof(uint64_t));
  t.frames()[t.depth++] = Frame{nullptr, t.fp, t.cur};
  t.fp = base;
  std::memset(base + c->param_slots, 0, c->local_slots * sizeof(uint64_t));
  t.sp = base + c->param_slots + c->local_slots;
  t.cur = c;
  t.ip = c->code.data();
  return true;
}

bool call_host(Thread& t, const FuncInstance& f, uint64_t* slots) {
  std::vector<WasmValue> args;
  args.reserve(f.type.params.size());
  const uint64_t* in = slots;
  for (ValType type : f.type.params) {
    args.push_back(value_from_slots(type, in));
    in += slot_count(type);
  }
  std::vector<WasmValue> results;
  for (ValType type : f.type.results) results.push_back(zero_value(type));
  std::optional<std::string> trap = f.host(args, results);
  if (trap) {
    t.trap = TrapRecord{};
    t.trap.code = TrapCode::HostTrap;
    t.trap.host_message = *trap;
    return false;
  }
  uint64_t* out = slots;
  for (size_t i = 0; i < results.size(); ++i) {
    results[i].type = f.type.results[i];
    value_to_slots(results[i], out);
    out += slot_count(f.type.results[i]);
  }
  return true;
}

}  // namespace mnemo::vm
