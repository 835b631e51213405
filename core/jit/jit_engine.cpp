// core/jit/jit_engine.cpp: the baseline JIT behind the Engine seam, for every backend
// (core/jit/backend.h). Instantiation is the interpreter's (it also translates every function, so
// that whatever is not compiled, and every debug session, runs there); then each defined function
// the backend compiles gets machine code, published through its FuncEntry. Calls of compiled
// functions enter through the backend's trampoline, which saves the host's registers and the
// stack pointer a trap unwinds to.
#include <pthread.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <unordered_set>
#include <vector>

#include "core/jit/backend.h"
#include "core/jit/code_memory.h"
#include "core/jit/compile_functions.h"
#include "core/jit/jit.h"
#include "core/jit/machine_code.h"
#include "core/jit/thread_state.h"
#include "core/vm/vm.h"
#include "core/walk/body_walk.h"

namespace mnemo::jit {
namespace {

// enter(code, slots, context, state): 0 when the function returned, 1 when it trapped.
using EnterFn = uint32_t (*)(const void* code, uint64_t* slots, InstanceContext* context, ThreadState* state);

// The lowest stack pointer compiled code may reach on this thread: its stack's end plus room
// for the host functions and interpreter runs it calls.
const void* native_stack_limit() {
  // Asked once per thread: for the main thread glibc reads /proc/self/maps to answer, which
  // would cost more than most calls.
  thread_local const void* limit = [] {
    pthread_attr_t attr;
    void* low = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return static_cast<const void*>(nullptr);
    pthread_attr_getstack(&attr, &low, &size);
    pthread_attr_destroy(&attr);
    const size_t headroom = 256 << 10;
    return size > 2 * headroom ? static_cast<const void*>(static_cast<const uint8_t*>(low) + headroom) : nullptr;
  }();
  return limit;
}

class JitEngine;

// The stacks of one level of nesting: a host function that calls back in gets the next level.
struct Level {
  ThreadState state;
  std::unique_ptr<uint64_t[]> slots;
  uint32_t slot_count = 0;
  std::optional<TrapInfo> nested_trap;  // a trap from a call out, with its own location
};

uint32_t call_out(void* state, FuncEntry* entry, uint64_t* slots);
FuncEntry* call_indirect_out(void* state, TableInstance* table, uint64_t type_id, uint64_t index);
void memory_grow_out(MemoryInstance* memory, uint64_t* slot) { *slot = uint32_t(int32_t(memory->grow(uint32_t(*slot)))); }
uint32_t memory_fill_out(void* state, MemoryInstance* memory, uint64_t index, uint64_t* slots);
uint32_t memory_copy_out(void* state, MemoryInstance* dst, MemoryInstance* src, uint64_t* slots, uint64_t indices);
uint32_t bulk_out(void* state, uint64_t op, void* a, void* b, uint64_t* slots);

void record_fault(ThreadState* s, MemoryAccess::Kind kind, uint32_t memory, uint64_t address, uint64_t size) {
  s->trap_code = uint32_t(TrapCode::MemoryOutOfBounds);
  s->has_fault = 1;
  s->fault_kind = uint32_t(kind);
  s->fault_memory = memory;
  s->fault_address = address;
  s->fault_size = size;
}

class JitEngine final : public Engine {
 public:
  JitEngine(Store& store, const JitOptions& options, std::unique_ptr<Backend> backend)
      : store_(store),
        interp_(vm::make_interpreter(store)),
        backend_(std::move(backend)),
        compile_threads_(options.compile_threads) {
    trampoline_ = backend_->make_trampoline(&trap_exit_offset_);
    guard_pages_ = options.bounds == JitOptions::Bounds::GuardPages && backend_->install_guard_fault_handler();
    runtime_.call = call_out;
    runtime_.call_indirect = call_indirect_out;
    runtime_.memory_grow = memory_grow_out;
    runtime_.memory_fill = memory_fill_out;
    runtime_.memory_copy = memory_copy_out;
    runtime_.bulk = bulk_out;
    backend_->configure(runtime_, guard_pages_);
  }

  bool usable() const { return trampoline_ && trampoline_->data(); }

  InstantiateResult instantiate(std::shared_ptr<const Module> module, const ImportResolver& resolve,
                                const InstantiateOptions& options) override {
    // A debuggable instance is stepped in the interpreter; any other is compiled before its start
    // function runs, and translated for the interpreter only if some function was left to it.
    InstantiateOptions o = options;
    if (!options.debuggable) {
      o.compile = [this](Instance& inst) {
        const auto start = std::chrono::steady_clock::now();
        const bool all = compile(inst);
        stats_.compile_ns += uint64_t(
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
        if (all) untranslated_.insert(&inst);
        return all;
      };
      o.run = [this](FuncInstance& f) { return run_compiled(f, {}); };
    }
    return interp_->instantiate(module, resolve, o);
  }

  CallResult call(FuncInstance& func, std::span<const WasmValue> args) override {
    if (!func.native) return interp_->call(func, args);
    return run_compiled(func, args);
  }

  std::unique_ptr<Session> start_session(Instance& instance, FuncInstance& func, std::span<const WasmValue> args,
                                         std::string& why) override {
    if (untranslated_.count(&instance)) {
      why = "this instance runs as machine code: instantiate it debuggable to step it";
      return nullptr;
    }
    return interp_->start_session(instance, func, args, why);
  }

  Store& store() override { return store_; }
  EngineKind kind() const override { return EngineKind::Jit; }
  std::string description() const override {
    return "jit: " + std::string(arch_name(backend_->arch())) + " baseline, values in registers, " +
           (guard_pages_ ? "guard-page bounds checks" : "explicit bounds checks") + "; the rest on the " +
           interp_->description();
  }

  const JitStats& stats() const { return stats_; }

  // The machine code `func` runs, for listings. The compiler is deterministic, so compiling the
  // function again gives the bytes installed at func.native together with what the compiler
  // knows of them (core/jit/machine_code.h), which the engine then need not keep for every
  // function it compiles.
  Result<MachineCode> function_code(const FuncInstance& func) const {
    if (func.is_host()) return Error{func.debug_name, "a host function has no machine code"};
    const Instance& inst = *func.instance;
    CompileResult c = backend_->compile(inst, IndexSpaces(*inst.module), func.index, metered_, InstrOffsets::Record, nullptr);
    if (c.code.empty()) return Error{"", "not compiled: " + c.why_not + "; the interpreter runs it"};
    if (!func.native)
      return Error{"", "not compiled: its instance was made debuggable, or the host refused executable memory; "
                       "the interpreter runs it"};
    // The bytes in the block the function was placed in, and none past its end.
    const auto* at = static_cast<const uint8_t*>(func.native);
    for (const auto& block : code_)
      if (at >= block->data() && at < block->data() + block->size()) {
        // Calls within the instance were linked once its block was laid out: take their targets
        // (both backends' call fields are 4 bytes).
        for (const DirectCall& d : c.direct_calls)
          if (at + d.at + 4 <= block->data() + block->size()) std::memcpy(c.code.data() + d.at, at + d.at, 4);
        return machine_code(backend_->arch(), at, size_t(block->data() + block->size() - at), c, runtime_);
      }
    return Error{"", "its machine code was made by another engine"};
  }

  Level& level_of(ThreadState* s) {
    for (auto& l : levels_)
      if (&l->state == s) return *l;
    return *levels_.front();
  }

 private:
  // Compiles every defined function of `inst` it can, into one block of executable memory (one
  // mapping per instance, not per function: a module has thousands), each function 16-byte
  // aligned, its guard sites moved to where it lands.
  // True when every defined function got machine code.
  bool compile(Instance& inst) {
    const IndexSpaces spaces(*inst.module);
    metered_ = store_.metered();
    const uint32_t first = inst.module->imported_count(ExternKind::Func);
    std::vector<CompileResult> compiled =
        compile_functions(inst, first, compile_threads_, [&](uint32_t func, std::vector<uint8_t>* scratch) {
          return backend_->compile(inst, spaces, func, metered_, InstrOffsets::Skip, scratch);
        });
    // The layout first, then the bytes straight into the block: functions in index order, then
    // a thunk into the interpreter for each callee of a direct call that has no code, in the
    // order the calls come.
    size_t end = 0;
    auto place = [&end](size_t size) {
      const size_t at = (end + 15) / 16 * 16;  // the backend's padding between functions
      end = at + size;
      return uint32_t(at);
    };
    std::vector<std::pair<uint32_t, uint32_t>> placed;  // (function index, offset in block)
    std::vector<int64_t> entry(inst.funcs.size(), -1);   // each function's offset in the block
    for (uint32_t i = first; i < inst.funcs.size(); ++i) {
      const CompileResult& c = compiled[i - first];
      if (c.code.empty()) {
        ++stats_.interpreted;
        ++stats_.stopped_at[c.stopped_at];
        continue;
      }
      entry[i] = place(c.code.size());
      placed.emplace_back(i, uint32_t(entry[i]));
      stats_.code_bytes += c.code.size();
      stats_.instructions += inst.funcs[i]->code->body.size();
    }
    std::vector<std::pair<uint32_t, std::vector<uint8_t>>> thunks;  // (offset, code)
    for (auto [func, at] : placed)
      for (const DirectCall& d : compiled[func - first].direct_calls)
        if (entry[d.callee] < 0) {
          std::vector<uint8_t> thunk = backend_->interpreter_thunk(inst, d.callee);
          entry[d.callee] = place(thunk.size());
          thunks.emplace_back(uint32_t(entry[d.callee]), std::move(thunk));
        }
    const bool all = placed.size() == inst.funcs.size() - first;
    if (placed.empty()) return all;
    auto memory = std::make_unique<CodeMemory>(end);
    uint8_t* block = memory->writable();
    if (block) {
      std::vector<GuardSite> sites;
      size_t filled = 0;
      auto put = [&](uint32_t at, const std::vector<uint8_t>& code) {
        backend_->pad(block + filled, at - filled);
        std::memcpy(block + at, code.data(), code.size());
        filled = at + code.size();
      };
      for (auto [func, at] : placed) {
        const CompileResult& c = compiled[func - first];
        put(at, c.code);
        for (GuardSite g : c.guard_sites) sites.push_back({g.pc + at, g.disp, g.stub + at, g.index});
        // Direct calls: to the callee's code, or to its thunk into the interpreter.
        for (const DirectCall& d : c.direct_calls) backend_->link_call(block, at + d.at, uint32_t(entry[d.callee]));
      }
      for (const auto& [at, code] : thunks) put(at, code);
      if (memory->seal()) {
        for (auto [func, at] : placed) inst.funcs[func]->native = memory->data() + at;
        stats_.compiled += uint32_t(placed.size());
        if (!sites.empty())
          guards_.push_back(std::make_unique<GuardRegistration>(memory->data(), memory->size(), std::move(sites)));
        code_.push_back(std::move(memory));
        return all;
      }
    }
    // Nothing runs compiled: the interpreter translates everything.
    stats_.interpreted += uint32_t(placed.size());
    stats_.stopped_at["no executable memory"] += uint32_t(placed.size());
    return false;
  }

  CallResult run_compiled(FuncInstance& func, std::span<const WasmValue> args) {
    // Each level has stacks of its own: host functions that call back in, again and again, must
    // not take the host's memory with them.
    if (active_ >= kMaxLevels) {
      CallResult out;
      out.trap = TrapInfo{TrapCode::CallStackExhausted, std::string(trap_message(TrapCode::CallStackExhausted)), {}, {}};
      return out;
    }
    if (active_ == levels_.size()) levels_.push_back(std::make_unique<Level>());
    Level& l = *levels_[active_++];
    struct Leave {
      size_t& active;
      ~Leave() { --active; }
    } leave{active_};
    const StoreLimits& limits = store_.limits();
    if (!l.slots) {
      l.slot_count = uint32_t(std::min<uint64_t>(limits.max_stack_bytes / 8, UINT32_MAX));
      l.slots.reset(new uint64_t[l.slot_count]);
    }
    l.state = ThreadState{};
    l.state.slots_end = l.slots.get() + l.slot_count;
    l.state.native_limit = native_stack_limit();
    l.state.depth_left = limits.max_call_depth > 0 ? limits.max_call_depth - 1 : 0;  // the entry's frame is one
    l.state.trap_exit = trampoline_->data() + trap_exit_offset_;
    l.state.engine = this;
    l.nested_trap.reset();

    uint64_t* at = l.slots.get();
    for (size_t i = 0; i < func.type.params.size() && i < args.size(); ++i) {
      WasmValue v = args[i];
      v.type = func.type.params[i];
      value_to_slots(v, at);
      at += slot_count(v.type);
    }
    const auto enter = reinterpret_cast<EnterFn>(const_cast<uint8_t*>(trampoline_->data()));
    CallResult out;
    if (enter(func.native, l.slots.get(), func.context, &l.state) != 0) {
      TrapInfo t = l.nested_trap ? *l.nested_trap : trap_info(l.state);
      // A trap of the call out itself (a host function's, call_indirect's checks) happened here.
      if (!t.where.instance) t.where = CodeLocation{l.state.trap_func, l.state.trap_instr, l.state.trap_instance};
      out.trap = std::move(t);
      return out;
    }
    const uint64_t* results = l.slots.get();
    for (ValType t : func.type.results) {
      out.values.push_back(value_from_slots(t, results));
      results += slot_count(t);
    }
    return out;
  }

  static TrapInfo trap_info(const ThreadState& s) {
    TrapInfo t;
    t.code = TrapCode(s.trap_code);
    t.message = std::string(trap_message(t.code));
    t.where = CodeLocation{s.trap_func, s.trap_instr, s.trap_instance};
    if (s.has_fault)
      t.fault = MemoryAccess{MemoryAccess::Kind(s.fault_kind), s.fault_memory, s.fault_address, s.fault_size};
    return t;
  }

  static constexpr size_t kMaxLevels = 256;

  Store& store_;
  std::unique_ptr<Engine> interp_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<CodeMemory> trampoline_;
  uint32_t trap_exit_offset_ = 0;
  RuntimeEntries runtime_;
  bool guard_pages_ = false;
  bool metered_ = false;  // the store's, when the last instance was compiled
  unsigned compile_threads_;
  std::vector<std::unique_ptr<CodeMemory>> code_;  // each instance's compiled functions, for the engine's life
  std::unordered_set<const Instance*> untranslated_;  // all machine code: no translation to step
  std::vector<std::unique_ptr<GuardRegistration>> guards_;  // declared after code_: unregistered first
  std::vector<std::unique_ptr<Level>> levels_;
  size_t active_ = 0;
  JitStats stats_;
};

// Runs `entry`'s function, which has no machine code (a host function, or one the interpreter
// runs: not compiled, or of a debuggable instance), with its arguments at `slots`; its results
// replace them. A trap is kept with its own location.
uint32_t call_out(void* state, FuncEntry* entry, uint64_t* slots) {
  auto* func = static_cast<FuncInstance*>(entry);
  auto* s = static_cast<ThreadState*>(state);
  auto* engine = static_cast<JitEngine*>(s->engine);
  std::vector<WasmValue> args;
  const uint64_t* in = slots;
  for (ValType t : func->type.params) {
    args.push_back(value_from_slots(t, in));
    in += slot_count(t);
  }
  CallResult r = engine->call(*func, args);
  if (r.trap) {
    Level& l = engine->level_of(s);
    s->trap_code = uint32_t(r.trap->code);
    l.nested_trap = r.trap;
    return 1;
  }
  uint64_t* out = slots;
  for (size_t i = 0; i < r.values.size(); ++i) {
    r.values[i].type = func->type.results[i];
    value_to_slots(r.values[i], out);
    out += slot_count(func->type.results[i]);
  }
  return 0;
}

FuncEntry* call_indirect_out(void* state, TableInstance* table, uint64_t type_id, uint64_t index) {
  auto* s = static_cast<ThreadState*>(state);
  TrapCode code = TrapCode::None;
  if (index >= table->elems.size()) code = TrapCode::UndefinedElement;
  else if (table->elems[size_t(index)] == 0) code = TrapCode::UninitializedElement;
  else if (slot_func(table->elems[size_t(index)])->type_id != type_id) code = TrapCode::IndirectCallMismatch;
  if (code != TrapCode::None) {
    s->trap_code = uint32_t(code);
    if (code != TrapCode::IndirectCallMismatch) {  // the interpreter's words: "undefined element 7"
      Level& l = static_cast<JitEngine*>(s->engine)->level_of(s);
      TrapInfo t;
      t.code = code;
      t.message = std::string(trap_message(code)) + " " + std::to_string(index);
      l.nested_trap = t;  // its place is the call_indirect's, which its stub records
    }
    return nullptr;
  }
  return slot_func(table->elems[size_t(index)]);
}

uint32_t memory_fill_out(void* state, MemoryInstance* memory, uint64_t index, uint64_t* slots) {
  const uint64_t d = uint32_t(slots[0]), n = uint32_t(slots[2]);
  if (d + n > memory->size) {
    record_fault(static_cast<ThreadState*>(state), MemoryAccess::Kind::Write, uint32_t(index), d, n);
    return 1;
  }
  if (n) std::memset(memory->data + d, uint8_t(slots[1]), size_t(n));
  return 0;
}

uint32_t memory_copy_out(void* state, MemoryInstance* dst, MemoryInstance* src, uint64_t* slots, uint64_t indices) {
  const uint64_t d = uint32_t(slots[0]), s = uint32_t(slots[1]), n = uint32_t(slots[2]);
  auto* st = static_cast<ThreadState*>(state);
  if (s + n > src->size) {
    record_fault(st, MemoryAccess::Kind::Read, uint32_t(indices >> 32), s, n);
    return 1;
  }
  if (d + n > dst->size) {
    record_fault(st, MemoryAccess::Kind::Write, uint32_t(indices), d, n);
    return 1;
  }
  if (n) std::memmove(dst->data + d, src->data + s, size_t(n));
  return 0;
}

// Tables, element and data segments, memory.init: the interpreter's handlers' semantics
// (core/vm/interp_loop.h), operands from s[0].
uint32_t bulk_out(void* state, uint64_t op, void* a, void* b, uint64_t* s) {
  auto* st = static_cast<ThreadState*>(state);
  auto table_oob = [&] {
    st->trap_code = uint32_t(TrapCode::TableOutOfBounds);
    return 1u;
  };
  switch (Opcode(uint16_t(op))) {
    case Opcode::TableGet: {
      const auto* t = static_cast<const TableInstance*>(a);
      const uint32_t i = uint32_t(s[0]);
      if (i >= t->elems.size()) return table_oob();
      s[0] = t->elems[i];
      return 0;
    }
    case Opcode::TableSet: {
      auto* t = static_cast<TableInstance*>(a);
      const uint32_t i = uint32_t(s[0]);
      if (i >= t->elems.size()) return table_oob();
      t->elems[i] = s[1];
      return 0;
    }
    case Opcode::TableSize: s[0] = static_cast<const TableInstance*>(a)->elems.size(); return 0;
    case Opcode::TableGrow:
      s[0] = uint32_t(int32_t(static_cast<TableInstance*>(a)->grow(uint32_t(s[1]), s[0])));
      return 0;
    case Opcode::TableFill: {
      auto* t = static_cast<TableInstance*>(a);
      const uint64_t i = uint32_t(s[0]), n = uint32_t(s[2]);
      if (i + n > t->elems.size()) return table_oob();
      for (uint64_t k = 0; k < n; ++k) t->elems[size_t(i + k)] = s[1];
      return 0;
    }
    case Opcode::TableCopy: {
      auto* dt = static_cast<TableInstance*>(a);
      const auto* from_table = static_cast<const TableInstance*>(b);
      const uint64_t d = uint32_t(s[0]), from = uint32_t(s[1]), n = uint32_t(s[2]);
      if (from + n > from_table->elems.size() || d + n > dt->elems.size()) return table_oob();
      if (n) std::memmove(dt->elems.data() + d, from_table->elems.data() + from, size_t(n) * sizeof(uint64_t));
      return 0;
    }
    case Opcode::TableInit: {
      auto* t = static_cast<TableInstance*>(a);
      const auto* e = static_cast<const ElemInstance*>(b);
      const uint64_t d = uint32_t(s[0]), from = uint32_t(s[1]), n = uint32_t(s[2]);
      if (from + n > e->refs.size() || d + n > t->elems.size()) return table_oob();
      for (uint64_t k = 0; k < n; ++k) t->elems[size_t(d + k)] = e->refs[size_t(from + k)];
      return 0;
    }
    case Opcode::ElemDrop: std::vector<uint64_t>().swap(static_cast<ElemInstance*>(a)->refs); return 0;
    case Opcode::MemoryInit: {
      auto* m = static_cast<MemoryInstance*>(a);
      const auto* data = static_cast<const DataInstance*>(b);
      const uint64_t d = uint32_t(s[0]), from = uint32_t(s[1]), n = uint32_t(s[2]);
      if (from + n > data->bytes.size()) {
        st->trap_code = uint32_t(TrapCode::MemoryOutOfBounds);
        return 1;
      }
      if (d + n > m->size) {
        record_fault(st, MemoryAccess::Kind::Write, uint32_t(op >> 32), d, n);
        return 1;
      }
      if (n) std::memcpy(m->data + d, data->bytes.data() + from, size_t(n));
      return 0;
    }
    case Opcode::DataDrop: std::vector<uint8_t>().swap(static_cast<DataInstance*>(a)->bytes); return 0;
    default: st->trap_code = uint32_t(TrapCode::Unreachable); return 1;  // the compiler sends no other
  }
}

}  // namespace

const JitStats* jit_stats(const Engine& engine) {
  const auto* jit = dynamic_cast<const JitEngine*>(&engine);
  return jit ? &jit->stats() : nullptr;
}

Result<MachineCode> function_code(const Engine& engine, const FuncInstance& func) {
  const auto* jit = dynamic_cast<const JitEngine*>(&engine);
  if (!jit) return Error{"", std::string("the ") + engine_name(engine.kind()) + " engine makes no machine code"};
  return jit->function_code(func);
}

std::unique_ptr<Engine> make_jit(Store& store, std::string& why_not, const JitOptions& options) {
  std::unique_ptr<Backend> backend = make_host_backend();
  if (!backend) {
    why_not = "this build has no JIT backend for its architecture";
    return nullptr;
  }
  auto engine = std::make_unique<JitEngine>(store, options, std::move(backend));
  if (!engine->usable()) {
    why_not = "the host refused executable memory for the JIT";
    return nullptr;
  }
  return engine;
}

}  // namespace mnemo::jit
