// core/vm/thread.cpp: thread state, entering a wasm function, calling host functions.
#include "core/vm/thread.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/runtime/host_pages.h"

namespace mnemo::vm {

namespace {

// Blocks of ThreadMemory kept for the next thread of the same size on this host thread. A debugger
// makes a thread per session, and a session per call: without this, every call of a wast script
// under --debug paid an mmap, page faults on fresh pages and an munmap, 28 times slower (0.3 s ->
// 15 s for the core suite). Two threads' worth (slots and frames each) are kept.
struct Block {
  uint8_t* data;
  uint64_t bytes;   // as asked
  uint64_t mapped;  // ThreadMemory::mapped_
};
void free_block(const Block& b) {
  if (b.mapped)
    host_pages::release(b.data, b.mapped);
  else
    delete[] b.data;
}
// Emscripten builds have one thread, and its thread_local needs the atomics feature to link.
#if defined(__EMSCRIPTEN__)
#define MNEMO_PER_HOST_THREAD static
#else
#define MNEMO_PER_HOST_THREAD thread_local
#endif
struct KeptBlocks {
  static constexpr size_t kMax = 4;
  std::vector<Block> blocks;
  ~KeptBlocks();
};
MNEMO_PER_HOST_THREAD KeptBlocks kept;
// Set once `kept` is gone (the host thread is ending): a thread destroyed after, say a static
// one, frees its blocks itself.
MNEMO_PER_HOST_THREAD bool kept_closed = false;
KeptBlocks::~KeptBlocks() {
  for (const Block& b : blocks) free_block(b);
  kept_closed = true;
}

}  // namespace

ThreadMemory::ThreadMemory(uint64_t bytes) : bytes_(bytes) {
  for (size_t i = 0; !kept_closed && i < kept.blocks.size(); ++i)
    if (kept.blocks[i].bytes == bytes) {
      data_ = kept.blocks[i].data;
      mapped_ = kept.blocks[i].mapped;
      kept.blocks.erase(kept.blocks.begin() + ptrdiff_t(i));
      return;
    }
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
  const Block b{data_, bytes_, mapped_};
  if (!kept_closed && kept.blocks.size() < KeptBlocks::kMax)
    kept.blocks.push_back(b);
  else
    free_block(b);
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
