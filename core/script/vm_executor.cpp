// core/script/vm_executor.cpp: running script commands on the interpreter.
#include "core/script/vm_executor.h"

#include "core/bits.h"
#include "core/engines/make_engine.h"
#include "core/vm/vm.h"

namespace mnemo {
namespace {

WasmValue to_wasm(const Value& v) {
  WasmValue w;
  w.type = v.type;
  w.bits = v.bits;
  w.v128 = v.v128;
  w.is_null = v.is_null;
  return w;
}

Value to_script(const WasmValue& w) {
  Value v;
  v.type = w.type;
  v.is_null = w.is_null;
  if (w.type == ValType::V128) v.v128 = w.v128;
  else if (w.type == ValType::FuncRef) v.bits = 0;  // scripts cannot name a function reference
  else v.bits = w.bits;
  return v;
}

}  // namespace

Instance* make_spectest(Store& store) {
  Result<Instance*> made = store.add_instance();
  if (!made) return nullptr;
  Instance* inst = *made;
  auto print = [&](const char* name, std::vector<ValType> params) {
    FuncInstance* f = store.add_host_func(
        FuncType{std::move(params), {}},
        [](std::span<const WasmValue>, std::span<WasmValue>) -> std::optional<std::string> { return std::nullopt; },
        std::string("spectest.") + name);
    inst->exports[name] = ExternVal{ExternKind::Func, f, nullptr, nullptr, nullptr};
  };
  print("print", {});
  print("print_i32", {ValType::I32});
  print("print_i64", {ValType::I64});
  print("print_f32", {ValType::F32});
  print("print_f64", {ValType::F64});
  print("print_i32_f32", {ValType::I32, ValType::F32});
  print("print_f64_f64", {ValType::F64, ValType::F64});
  auto global = [&](const char* name, ValType type, uint64_t bits) {
    GlobalInstance* g = store.add_global(GlobalType{type, false});
    g->value[0] = bits;
    inst->exports[name] = ExternVal{ExternKind::Global, nullptr, nullptr, nullptr, g};
  };
  global("global_i32", ValType::I32, 666);
  global("global_i64", ValType::I64, 666);
  global("global_f32", ValType::F32, bit_cast<uint32_t>(666.6f));
  global("global_f64", ValType::F64, bit_cast<uint64_t>(666.6));
  // A store whose limits leave no room for them simply offers no table or memory: importing them
  // is then an "unknown import", a clear error at the importer's instantiation.
  if (Result<TableInstance*> table = store.add_table(TableType{ValType::FuncRef, Limits{10, 20}}))
    inst->exports["table"] = ExternVal{ExternKind::Table, nullptr, *table, nullptr, nullptr};
  if (Result<MemoryInstance*> memory = store.add_memory(MemoryType{Limits{1, 2}}))
    inst->exports["memory"] = ExternVal{ExternKind::Memory, nullptr, nullptr, *memory, nullptr};
  return inst;
}

VmExecutor::VmExecutor(bool debug, EngineKind engine) : debug_(debug) {
  std::string why_not;
  engine_ = make_engine(engine, store_, why_not);
  if (!engine_) engine_ = vm::make_interpreter(store_);  // callers check first (cli/wast_command.cpp)
  if (Instance* spectest = make_spectest(store_)) registered_["spectest"] = spectest;
}

Instance* VmExecutor::find_instance(std::string_view id) {
  if (id.empty()) return last_;
  auto it = named_.find(id);
  return it == named_.end() ? nullptr : it->second;
}

InstantiateOutcome VmExecutor::instantiate(std::shared_ptr<const Module> module, std::string_view id) {
  auto resolve = [this](std::string_view module_name, std::string_view name) -> std::optional<ExternVal> {
    auto it = registered_.find(module_name);
    if (it == registered_.end()) return std::nullopt;
    return it->second->find_export(name);
  };
  InstantiateResult r = engine_->instantiate(std::move(module), resolve, InstantiateOptions{debug_});
  InstantiateOutcome out;
  switch (r.kind) {
    case InstantiateResult::Kind::Ok:
      last_ = r.instance;
      if (!id.empty()) named_[std::string(id)] = r.instance;
      return out;
    case InstantiateResult::Kind::Unlinkable:
    case InstantiateResult::Kind::Error:
      out.kind = InstantiateOutcome::Kind::Unlinkable;
      out.message = r.message;
      return out;
    case InstantiateResult::Kind::Trap:
      out.kind = InstantiateOutcome::Kind::Trap;
      out.message = r.message;
      return out;
  }
  return out;
}

Status VmExecutor::register_instance(std::string_view name, std::string_view id) {
  Instance* inst = find_instance(id);
  if (!inst) return Error{"", "no instance " + (id.empty() ? std::string("to register") : std::string(id))};
  registered_[std::string(name)] = inst;
  return {};
}

ActionOutcome VmExecutor::perform(const Action& action) {
  ActionOutcome out;
  Instance* inst = find_instance(action.instance);
  if (!inst) {
    out.kind = ActionOutcome::Kind::Error;
    out.message = "no instance " + (action.instance.empty() ? std::string("defined yet") : action.instance);
    return out;
  }
  std::optional<ExternVal> e = inst->find_export(action.name);
  if (!e) {
    out.kind = ActionOutcome::Kind::Error;
    out.message = "no export \"" + action.name + "\"";
    return out;
  }
  if (action.kind == Action::Kind::Get) {
    if (e->kind != ExternKind::Global) {
      out.kind = ActionOutcome::Kind::Error;
      out.message = "export \"" + action.name + "\" is not a global";
      return out;
    }
    out.values.push_back(to_script(value_from_slots(e->global->type.type, e->global->value)));
    return out;
  }
  if (e->kind != ExternKind::Func) {
    out.kind = ActionOutcome::Kind::Error;
    out.message = "export \"" + action.name + "\" is not a function";
    return out;
  }
  std::vector<WasmValue> args;
  for (const Value& v : action.args) args.push_back(to_wasm(v));
  CallResult r;
  if (debug_) {
    std::string why;
    std::unique_ptr<Session> s = engine_->start_session(*inst, *e->func, args, why);
    if (!s) {
      out.kind = ActionOutcome::Kind::Error;
      out.message = why;
      return out;
    }
    if (s->run(Session::Mode::Continue) == StopReason::Finished)
      r.values = s->results();
    else
      r.trap = s->trap();
  } else {
    r = engine_->call(*e->func, args);
  }
  if (r.trap) {
    out.kind = r.exhausted() ? ActionOutcome::Kind::Exhaustion : ActionOutcome::Kind::Trap;
    out.message = r.trap->message;
    return out;
  }
  for (const WasmValue& w : r.values) out.values.push_back(to_script(w));
  return out;
}

}  // namespace mnemo
