// web/engine_api.cpp: the runtime and the interpreter for JS (embind), as handles that web/api.js
// wraps into classes shaped like the WebAssembly JS API (mnemo.Module, mnemo.Instance,
// mnemo.Memory, ...). Nothing here throws: every entry point returns a result object, and api.js
// turns errors into CompileError / LinkError / RuntimeError.
//
// Values cross the boundary as arrays of uint32 words, the exact bit patterns (so NaN payloads
// and i64 survive): i32/f32 one word, i64/f64 two (low first), v128 four; references as
// [is_null ? 0 : 1, id] where the id is api.js's handle for the JS value (externref) or a
// function index (funcref). api.js converts words to Numbers, BigInts and back.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/binary/reader.h"
#include "core/runtime/store.h"
#include "core/text/printer.h"
#include "core/text/wat_parser.h"
#include "core/validate/validate.h"
#include "core/vm/vm.h"
#include "web/timeline_value.h"

namespace {

using emscripten::val;
using namespace mnemo;

// --- values ------------------------------------------------------------------------------------

val to_words(const WasmValue& v) {
  val words = val::array();
  auto push = [&](uint32_t w) { words.call<void>("push", w); };
  switch (v.type) {
    case ValType::I32:
    case ValType::F32: push(uint32_t(v.bits)); break;
    case ValType::I64:
    case ValType::F64:
      push(uint32_t(v.bits));
      push(uint32_t(v.bits >> 32));
      break;
    case ValType::V128:
      for (int i = 0; i < 4; ++i) {
        uint32_t w;
        std::memcpy(&w, v.v128.bytes.data() + 4 * i, 4);
        push(w);
      }
      break;
    case ValType::FuncRef:
      push(v.is_null ? 0 : 1);
      push(v.ref);
      break;
    case ValType::ExternRef:
      push(v.is_null ? 0 : 1);
      push(uint32_t(v.bits));
      break;
  }
  return words;
}

WasmValue from_words(ValType type, const val& words) {
  std::vector<uint32_t> w = emscripten::convertJSArrayToNumberVector<uint32_t>(words);
  w.resize(4, 0);
  WasmValue v;
  v.type = type;
  switch (type) {
    case ValType::I32:
    case ValType::F32: v.bits = w[0]; break;
    case ValType::I64:
    case ValType::F64: v.bits = uint64_t(w[0]) | (uint64_t(w[1]) << 32); break;
    case ValType::V128: std::memcpy(v.v128.bytes.data(), w.data(), 16); break;
    case ValType::FuncRef:
    case ValType::ExternRef:
      v.is_null = w[0] == 0;
      v.bits = w[1];
      v.ref = w[1];
      break;
  }
  return v;
}

// [{type, words}] for values whose types the reader does not know in advance.
val typed_values(const std::vector<WasmValue>& values) {
  val out = val::array();
  for (const WasmValue& v : values) {
    val x = val::object();
    x.set("type", std::string(to_string(v.type)));
    x.set("words", to_words(v));
    out.call<void>("push", x);
  }
  return out;
}

val type_names(const std::vector<ValType>& types) {
  val out = val::array();
  for (ValType t : types) out.call<void>("push", std::string(to_string(t)));
  return out;
}

val error_result(const std::string& kind, const std::string& message, const std::string& where = {}) {
  val r = val::object();
  r.set("ok", false);
  r.set("kind", kind);  // "compile", "link", "runtime"
  r.set("message", message);
  r.set("where", where);
  return r;
}

val trap_object(const TrapInfo& t) {
  val v = val::object();
  v.set("message", t.message);
  v.set("func", t.where.func);
  v.set("instr", t.where.instr);
  if (t.fault) {
    v.set("memory", t.fault->memory);
    v.set("address", double(t.fault->address));
    v.set("size", double(t.fault->size));
  }
  return v;
}

// --- handles -----------------------------------------------------------------------------------

// What owns runtime objects: an instance's store, kept alive by every handle into it and by the
// instances that imported from it.
struct Owner {
  explicit Owner(const StoreLimits& limits = StoreLimits::defaults())
      : store(limits), engine(vm::make_interpreter(store)) {}
  Store store;
  std::unique_ptr<Engine> engine;  // runs on store; a JS import that calls back in nests on it
  std::vector<std::shared_ptr<Owner>> imported_from;
};

// The limits of an Instance's store from its options ({fuel, maxMemory}: numbers or BigInts).
// Absent or null: unmetered, and the default budget (what the engine's heap can still grow to).
std::optional<StoreLimits> limits_from(const val& options, std::string& error) {
  StoreLimits limits = StoreLimits::defaults();
  auto count = [&](const char* name, auto&& apply) {
    const val v = options[name];
    if (v.isUndefined() || v.isNull()) return true;
    const std::string type = v.typeOf().as<std::string>();
    double n = type == "bigint" ? val::global("Number")(v).as<double>() : type == "number" ? v.as<double>() : -1;
    if (!(n >= 0) || n != std::floor(n) || n > 18446744073709551615.0) {
      error = std::string(name) + " must be a whole number of " + (std::string(name) == "fuel" ? "instructions" : "bytes") +
              " (0 or more)";
      return false;
    }
    apply(uint64_t(n));
    return true;
  };
  if (!count("fuel", [&](uint64_t n) { limits.fuel = n; })) return std::nullopt;
  if (!count("maxMemory", [&](uint64_t n) { limits.max_memory_bytes = n; })) return std::nullopt;
  return limits;
}

class ModuleHandle {
 public:
  std::shared_ptr<const Module> module;

  val imports() const {
    val out = val::array();
    for (const Import& i : module->imports) {
      val v = val::object();
      v.set("module", i.module);
      v.set("name", i.name);
      v.set("kind", std::string(to_string(i.kind)));
      if (i.kind == ExternKind::Func) {
        v.set("params", type_names(module->types[i.func_type].params));
        v.set("results", type_names(module->types[i.func_type].results));
      }
      out.call<void>("push", v);
    }
    return out;
  }
  val exports() const {
    val out = val::array();
    for (const Export& e : module->exports) {
      val v = val::object();
      v.set("name", e.name);
      v.set("kind", std::string(to_string(e.kind)));
      out.call<void>("push", v);
    }
    return out;
  }
  std::string wat() const { return print_module(*module); }
};

// compile(source): a Uint8Array (binary) or a string (text), decoded and validated.
val compile(const val& source) {
  Result<Module> m = source.isString()
                         ? parse_wat(source.as<std::string>())
                         : decode_module(emscripten::convertJSArrayToNumberVector<uint8_t>(source));
  if (!m) return error_result("compile", m.error().message, m.error().where);
  if (Status s = validate_module(*m); !s) return error_result("compile", s.error().message, s.error().where);
  val r = val::object();
  r.set("ok", true);
  r.set("module", ModuleHandle{std::make_shared<const Module>(std::move(*m))});
  return r;
}

class SessionHandle;

class ExternHandle {
 public:
  std::shared_ptr<Owner> owner;
  ExternVal ext;

  std::string kind() const { return std::string(to_string(ext.kind)); }

  // --- functions
  val type() const {
    val v = val::object();
    if (ext.kind != ExternKind::Func) return v;
    v.set("params", type_names(ext.func->type.params));
    v.set("results", type_names(ext.func->type.results));
    return v;
  }
  // call(args: words[]) -> {ok, results: words[]} or a runtime error with the trap
  val call(const val& args) const {
    if (ext.kind != ExternKind::Func) return error_result("runtime", "not a function");
    const FuncType& type = ext.func->type;
    std::vector<WasmValue> values;
    for (size_t i = 0; i < type.params.size(); ++i) values.push_back(from_words(type.params[i], args[i]));
    CallResult r = owner->engine->call(*ext.func, values);
    if (r.trap) {
      val e = error_result("runtime", r.trap->message);
      e.set("trap", trap_object(*r.trap));
      return e;
    }
    val out = val::array();
    for (const WasmValue& v : r.values) out.call<void>("push", to_words(v));
    val ok = val::object();
    ok.set("ok", true);
    ok.set("results", out);
    return ok;
  }

  // --- memories
  double byte_length() const { return ext.memory ? double(ext.memory->size) : 0; }
  val maximum() const { return ext.memory && ext.memory->max ? val(double(*ext.memory->max)) : val::null(); }
  double grow(double delta) const {
    if (!ext.memory || delta < 0) return -1;
    return double(ext.memory->grow(uint64_t(delta)));
  }
  // read(address, length) -> a copy of the bytes, or null when the range is out of bounds
  val read(double address, double length) const {
    if (!in_bounds(address, length)) return val::null();
    return val::global("Uint8Array")
        .new_(val(emscripten::typed_memory_view(size_t(length), ext.memory->data + uint64_t(address))))
        .call<val>("slice");
  }
  bool write(double address, const val& bytes) const {
    std::vector<uint8_t> b = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
    if (!in_bounds(address, double(b.size()))) return false;
    if (!b.empty()) std::memcpy(ext.memory->data + uint64_t(address), b.data(), b.size());
    return true;
  }
  // A live view of the whole memory, valid until the next call into the engine (memory.grow, or
  // the engine's own heap growing, moves the bytes).
  val view() const {
    if (!ext.memory) return val::null();
    return val(emscripten::typed_memory_view(size_t(ext.memory->size), ext.memory->data));
  }

  // --- globals
  val global_get() const {
    if (!ext.global) return val::null();
    return to_words(value_from_slots(ext.global->type.type, ext.global->value));
  }
  bool global_set(const val& words) const {
    if (!ext.global || !ext.global->type.mut) return false;
    value_to_slots(from_words(ext.global->type.type, words), ext.global->value);
    return true;
  }
  std::string global_type() const { return ext.global ? std::string(to_string(ext.global->type.type)) : ""; }
  bool global_mutable() const { return ext.global && ext.global->type.mut; }

  // --- tables
  double table_length() const { return ext.table ? double(ext.table->elems.size()) : 0; }

 private:
  bool in_bounds(double address, double length) const {
    return ext.memory && address >= 0 && length >= 0 && address + length <= double(ext.memory->size);
  }
};

// new Memory({initial, maximum}) without an instance: a store of its own.
val create_memory(double initial, const val& maximum) {
  auto owner = std::make_shared<Owner>();
  MemoryType type{Limits{uint64_t(initial), maximum.isNumber() ? std::optional<uint64_t>(uint64_t(maximum.as<double>()))
                                                               : std::nullopt}};
  if (initial < 0 || initial > double(MemoryInstance::kMaxPages) ||
      (type.limits.max && (*type.limits.max < type.limits.min || *type.limits.max > MemoryInstance::kMaxPages)))
    return error_result("range", "memory limits out of range");
  Result<MemoryInstance*> m = owner->store.add_memory(type);
  if (!m) return error_result("range", "cannot allocate " + std::to_string(uint64_t(initial)) + " pages: " + m.error().message);
  ExternVal e;
  e.kind = ExternKind::Memory;
  e.memory = *m;
  val r = val::object();
  r.set("ok", true);
  r.set("memory", ExternHandle{owner, e});
  return r;
}

class SessionHandle {
 public:
  std::shared_ptr<Owner> owner;
  std::shared_ptr<Session> session;

  // run(mode, budget) -> "step" | "breakpoint" | "paused" | "finished" | "trapped" | "watchpoint"
  std::string run(const std::string& mode, double budget) {
    Session::Mode m = mode == "stepInto"  ? Session::Mode::StepInto
                      : mode == "stepOver" ? Session::Mode::StepOver
                      : mode == "stepOut"  ? Session::Mode::StepOut
                                           : Session::Mode::Continue;
    const uint64_t b = budget > 0 ? uint64_t(budget) : UINT64_MAX;
    return reason_name(session->run(m, b));
  }
  static const char* reason_name(StopReason r) {
    switch (r) {
      case StopReason::Step: return "step";
      case StopReason::Breakpoint: return "breakpoint";
      case StopReason::Paused: return "paused";
      case StopReason::Finished: return "finished";
      case StopReason::Trapped: return "trapped";
      case StopReason::Watchpoint: return "watchpoint";
    }
    return "";
  }
  void pause() { session->pause(); }
  void set_breakpoint(uint32_t func, uint32_t instr, bool enabled) { session->set_breakpoint({func, instr}, enabled); }

  // addWatchpoint(memory, address, length, on) -> {ok: true, id} or {ok: false, kind: 'range', message}
  val add_watchpoint(double memory, double address, double length, const std::string& on) {
    val r = val::object();
    auto refuse = [&](std::string message) {
      r.set("ok", false);
      r.set("kind", std::string("range"));
      r.set("message", std::move(message));
      return r;
    };
    const auto whole = [](double v) { return v >= 0 && v <= 9007199254740991.0 && v == double(uint64_t(v)); };
    if (!whole(memory) || memory > double(UINT32_MAX)) return refuse("the memory index must be a whole number from 0");
    if (!whole(address) || !whole(length)) return refuse("address and length must be whole numbers from 0");
    Watchpoint w{uint32_t(memory), uint64_t(address), uint64_t(length), Watchpoint::On::Write};
    if (on == "read") w.on = Watchpoint::On::Read;
    else if (on == "any") w.on = Watchpoint::On::Any;
    else if (on != "write") return refuse("'" + on + "' is not a watch: on is 'read', 'write' or 'any'");
    auto id = session->add_watchpoint(w);
    if (!id) return refuse(id.error().str());
    r.set("ok", true);
    r.set("id", *id);
    return r;
  }
  bool remove_watchpoint(double id) { return id >= 0 && id <= double(UINT32_MAX) && session->remove_watchpoint(uint32_t(id)); }

  // After a 'watchpoint' stop: {id, func, instr, op, access: {kind, memory, address, size},
  // memory, address, length, oldBytes, newBytes}; null otherwise.
  val watch_hit() const {
    const auto& h = session->watch_hit();
    if (!h) return val::null();
    val v = location_object(h->at);
    v.set("id", h->id);
    v.set("op", h->op ? val(std::string(mnemonic(*h->op))) : val::null());
    val a = val::object();
    a.set("kind", std::string(h->access.kind == MemoryAccess::Kind::Read ? "read" : "write"));
    a.set("memory", h->access.memory);
    a.set("address", double(h->access.address));
    a.set("size", double(h->access.size));
    v.set("access", a);
    v.set("memory", h->watch.memory);
    v.set("address", double(h->address));
    v.set("length", double(h->length));
    auto bytes = [](const std::vector<uint8_t>& b) {
      val out = val::array();
      for (uint8_t x : b) out.call<void>("push", x);
      return out;
    };
    v.set("oldBytes", bytes(h->old_bytes));
    v.set("newBytes", bytes(h->new_bytes));
    return v;
  }

  // {func, instr}; `linked: true` when the code is another instance's (a call into an import
  // another Instance exports), whose function indices are its own module's.
  val location_object(const CodeLocation& at) const {
    val v = val::object();
    v.set("func", at.func);
    v.set("instr", at.instr);
    if (at.instance && at.instance != &session->instance()) v.set("linked", true);
    return v;
  }
  val location() const {
    auto at = session->current();
    return at ? location_object(*at) : val::null();
  }
  // The last step's memory effects: {op, accesses: [{kind, memory, address, size}], dataSegment, grow}
  val effects() const {
    const StepEffects& fx = session->last_effects();
    val v = val::object();
    v.set("op", fx.op ? val(std::string(mnemonic(*fx.op))) : val::null());
    val list = val::array();
    for (const MemoryAccess& a : fx.accesses) {
      val x = val::object();
      x.set("kind", std::string(a.kind == MemoryAccess::Kind::Read ? "read" : "write"));
      x.set("memory", a.memory);
      x.set("address", double(a.address));
      x.set("size", double(a.size));
      list.call<void>("push", x);
    }
    v.set("accesses", list);
    v.set("dataSegment", fx.data_segment ? val(*fx.data_segment) : val::null());
    if (fx.grow) {
      val g = val::object();
      g.set("memory", fx.grow->memory);
      g.set("oldPages", double(fx.grow->old_pages));
      g.set("result", double(fx.grow->result));
      v.set("grow", g);
    } else {
      v.set("grow", val::null());
    }
    return v;
  }
  val call_stack() const {
    val out = val::array();
    for (const FrameInfo& f : session->call_stack()) {
      val frame = location_object(f.at);
      frame.set("locals", typed_values(f.locals));
      frame.set("operands", typed_values(f.operands));
      out.call<void>("push", frame);
    }
    return out;
  }
  val results() const {
    val out = val::array();
    for (const WasmValue& v : session->results()) out.call<void>("push", to_words(v));
    return out;
  }
  val trap() const { return session->trap() ? trap_object(*session->trap()) : val::null(); }

  // --- Time travel. recordHistory(bytes) starts keeping the history (0 stops); timeline() ->
  // {first, last, current, bytes, budget, stepsDropped} or null; travelTo(step), stepBack() and
  // reverseContinue() -> {ok, reason} or {ok: false, kind: 'range', message}.
  void record_history(double bytes) { session->record_history(bytes > 0 ? uint64_t(bytes) : 0); }
  val timeline() const {
    const std::optional<Timeline> t = session->timeline();
    return t ? web::timeline_value(*t) : val::null();
  }
  val travel_to(double step) {
    if (!(step >= 0 && step <= 9007199254740991.0)) return travelled(Error{"", "a step is a whole number from 0"});
    return travelled(session->travel_to(uint64_t(step)));
  }
  val step_back() { return travelled(session->step_back()); }
  val reverse_continue() { return travelled(session->reverse_continue()); }

 private:
  static val travelled(const Result<StopReason>& r) {
    val v = val::object();
    if (!r) {
      v.set("ok", false);
      v.set("kind", std::string("range"));
      v.set("message", r.error().str());
      return v;
    }
    v.set("ok", true);
    v.set("reason", std::string(reason_name(*r)));
    return v;
  }
};

class InstanceHandle {
 public:
  std::shared_ptr<Owner> owner;
  Instance* instance = nullptr;

  // exports() -> [{name, kind, extern: ExternHandle}] in the module's order
  val exports() const {
    val out = val::array();
    for (const Export& e : instance->module->exports) {
      auto ext = instance->find_export(e.name);
      if (!ext) continue;
      val v = val::object();
      v.set("name", e.name);
      v.set("kind", std::string(to_string(e.kind)));
      v.set("extern", ExternHandle{owner, *ext});
      out.call<void>("push", v);
    }
    return out;
  }
  // fuel() -> the instructions its store may still run, or null when it is not metered;
  // setFuel(n) refills it (and meters instances made in the same store from then on).
  val fuel() const {
    std::optional<uint64_t> f = owner->store.fuel();
    return f ? val(double(*f)) : val::null();
  }
  void set_fuel(double n) { owner->store.set_fuel(n > 0 ? uint64_t(n) : 0); }
  // memories() -> every memory of the instance by index, exported or not (the debugger's view)
  val memories() const {
    val out = val::array();
    for (MemoryInstance* m : instance->memories) {
      ExternVal e;
      e.kind = ExternKind::Memory;
      e.memory = m;
      // Through a val: embind deletes a class object passed by value as a JS call's argument.
      out.call<void>("push", val(ExternHandle{owner, e}));
    }
    return out;
  }
  // debug(func, args) -> {ok, session} — a call stopped before its first instruction
  val debug(uint32_t func, const val& args) const {
    if (func >= instance->funcs.size()) return error_result("runtime", "no function " + std::to_string(func));
    FuncInstance& f = *instance->funcs[func];
    std::vector<WasmValue> values;
    for (size_t i = 0; i < f.type.params.size(); ++i) values.push_back(from_words(f.type.params[i], args[i]));
    std::string why;
    std::unique_ptr<Session> s = owner->engine->start_session(*instance, f, values, why);
    if (!s) return error_result("runtime", why);
    val r = val::object();
    r.set("ok", true);
    r.set("session", SessionHandle{owner, std::shared_ptr<Session>(std::move(s))});
    return r;
  }
  // The function index of an export, for debug().
  val func_index(const std::string& name) const {
    for (const Export& e : instance->module->exports)
      if (e.kind == ExternKind::Func && e.name == name) return val(e.index);
    return val::null();
  }
};

// instantiate(module, imports) where imports[i] answers module.imports()[i]: an ExternHandle, or
// for a function import a JS function (args: words[]) -> {results: words[]} | {trap: message}.
// options: {debuggable, fuel, maxMemory}. `debuggable`: one op per instruction, so that a debug
// session can stop at every instruction; `fuel` and `maxMemory`: the store's limits
// (core/runtime/limits.h), as `mnemo run --fuel N --max-memory BYTES`.
val instantiate(const ModuleHandle& m, const val& imports, const val& options) {
  std::string limits_error;
  std::optional<StoreLimits> limits = limits_from(options, limits_error);
  if (!limits) return error_result("type", limits_error);
  const bool debuggable = options["debuggable"].as<bool>();
  auto owner = std::make_shared<Owner>(*limits);
  std::map<std::pair<std::string, std::string>, ExternVal> provided;
  const Module& module = *m.module;
  for (size_t i = 0; i < module.imports.size(); ++i) {
    const Import& imp = module.imports[i];
    const val v = imports[i];
    ExternVal ext;
    if (v.isUndefined() || v.isNull()) continue;  // reported below as "unknown import"
    if (v.typeOf().as<std::string>() == "function") {
      if (imp.kind != ExternKind::Func) return error_result("link", "incompatible import type", imp.module + "." + imp.name);
      const FuncType type = module.types[imp.func_type];
      ext.kind = ExternKind::Func;
      ext.func = owner->store.add_host_func(
          type,
          [fn = v, type](std::span<const WasmValue> args, std::span<WasmValue> results) -> std::optional<std::string> {
            val words = val::array();
            for (const WasmValue& a : args) words.call<void>("push", to_words(a));
            val r = fn(words);
            if (!r["trap"].isUndefined()) return r["trap"].as<std::string>();
            const val out = r["results"];
            for (size_t k = 0; k < results.size(); ++k) results[k] = from_words(type.results[k], out[k]);
            return std::nullopt;
          },
          imp.module + "." + imp.name);
    } else {
      const ExternHandle h = v.as<ExternHandle>();
      owner->imported_from.push_back(h.owner);
      ext = h.ext;
    }
    provided[{imp.module, imp.name}] = ext;
  }
  auto resolve = [&](std::string_view mod, std::string_view name) -> std::optional<ExternVal> {
    auto it = provided.find({std::string(mod), std::string(name)});
    return it == provided.end() ? std::nullopt : std::optional<ExternVal>(it->second);
  };
  InstantiateResult r = owner->engine->instantiate(m.module, resolve, {.debuggable = debuggable});
  switch (r.kind) {
    case InstantiateResult::Kind::Ok: break;
    case InstantiateResult::Kind::Unlinkable: return error_result("link", r.message);
    case InstantiateResult::Kind::Error: return error_result("range", r.message);  // a limit: memory, count
    case InstantiateResult::Kind::Trap: {
      val e = error_result("runtime", r.message);
      if (r.trap) e.set("trap", trap_object(*r.trap));
      return e;
    }
  }
  val ok = val::object();
  ok.set("ok", true);
  ok.set("instance", InstanceHandle{owner, r.instance});
  return ok;
}

}  // namespace

EMSCRIPTEN_BINDINGS(mnemo_engine) {
  emscripten::class_<ModuleHandle>("RawModule")
      .function("imports", &ModuleHandle::imports)
      .function("exports", &ModuleHandle::exports)
      .function("wat", &ModuleHandle::wat);
  emscripten::class_<ExternHandle>("RawExtern")
      .function("kind", &ExternHandle::kind)
      .function("type", &ExternHandle::type)
      .function("call", &ExternHandle::call)
      .function("byteLength", &ExternHandle::byte_length)
      .function("maximum", &ExternHandle::maximum)
      .function("grow", &ExternHandle::grow)
      .function("read", &ExternHandle::read)
      .function("write", &ExternHandle::write)
      .function("view", &ExternHandle::view)
      .function("globalGet", &ExternHandle::global_get)
      .function("globalSet", &ExternHandle::global_set)
      .function("globalType", &ExternHandle::global_type)
      .function("globalMutable", &ExternHandle::global_mutable)
      .function("tableLength", &ExternHandle::table_length);
  emscripten::class_<InstanceHandle>("RawInstance")
      .function("exports", &InstanceHandle::exports)
      .function("memories", &InstanceHandle::memories)
      .function("debug", &InstanceHandle::debug)
      .function("fuel", &InstanceHandle::fuel)
      .function("setFuel", &InstanceHandle::set_fuel)
      .function("funcIndex", &InstanceHandle::func_index);
  emscripten::class_<SessionHandle>("RawSession")
      .function("run", &SessionHandle::run)
      .function("pause", &SessionHandle::pause)
      .function("setBreakpoint", &SessionHandle::set_breakpoint)
      .function("addWatchpoint", &SessionHandle::add_watchpoint)
      .function("removeWatchpoint", &SessionHandle::remove_watchpoint)
      .function("watchHit", &SessionHandle::watch_hit)
      .function("location", &SessionHandle::location)
      .function("effects", &SessionHandle::effects)
      .function("callStack", &SessionHandle::call_stack)
      .function("results", &SessionHandle::results)
      .function("trap", &SessionHandle::trap)
      .function("recordHistory", &SessionHandle::record_history)
      .function("timeline", &SessionHandle::timeline)
      .function("travelTo", &SessionHandle::travel_to)
      .function("stepBack", &SessionHandle::step_back)
      .function("reverseContinue", &SessionHandle::reverse_continue);
  emscripten::function("rawCompile", &compile);
  emscripten::function("rawInstantiate", &instantiate);
  emscripten::function("rawCreateMemory", &create_memory);
}
