// web/ui/engine_link.cpp: binds the debugger's LiveInstance to the runtime (core/runtime) and
// the interpreter (core/vm). Each LiveInstance owns its Store, so restarting a call drops the old
// instance's memories with it.
#include "web/ui/engine_link.h"

#include <cstring>
#include <map>
#include <utility>

#include "core/runtime/store.h"
#include "core/vm/vm.h"
#include "web/ui/values.h"

namespace mnemo::ui {
namespace {

class VmLiveInstance final : public LiveInstance {
 public:
  uint32_t memory_count() const override { return uint32_t(instance_->memories.size()); }

  MemoryImage memory(uint32_t index) const override {
    if (index >= instance_->memories.size()) return {};
    const MemoryInstance& m = *instance_->memories[index];
    return {m.data, m.size};
  }

  bool write_memory(uint32_t index, uint64_t address, const uint8_t* bytes, uint64_t size) override {
    if (index >= instance_->memories.size()) return false;
    MemoryInstance& m = *instance_->memories[index];
    if (address > m.size || size > m.size - address) return false;
    if (size) std::memcpy(m.data + address, bytes, size_t(size));
    return true;
  }

  std::vector<WasmValue> globals() const override {
    std::vector<WasmValue> out;
    for (const GlobalInstance* g : instance_->globals) out.push_back(value_from_slots(g->type.type, g->value));
    return out;
  }

  uint32_t table_size(uint32_t index) const override {
    return index < instance_->tables.size() ? uint32_t(instance_->tables[index]->elems.size()) : 0;
  }

  // A dropped segment is emptied (spec 4.4.7 data.drop); so is every active segment once
  // instantiation has copied it, which is what the spec says too.
  bool data_dropped(uint32_t index) const override {
    if (index >= instance_->datas.size() || !instance_->module) return false;
    return instance_->datas[index].bytes.empty() && !instance_->module->datas[index].bytes.empty();
  }

  Result<std::unique_ptr<Session>> begin_call(uint32_t func, std::vector<WasmValue> args) override {
    if (func >= instance_->funcs.size()) return Error{"", "no function " + std::to_string(func)};
    std::string why;
    std::unique_ptr<Session> session = engine->start_session(*instance_, *instance_->funcs[func], args, why);
    if (!session) return Error{"", why};
    return session;
  }

  Store store;
  std::unique_ptr<Engine> engine = vm::make_interpreter(store);  // the debugger steps in the interpreter
  Instance* instance_ = nullptr;
};

// Makes up a value for each import of `module` from its declared type (see engine_link.h).
std::map<std::pair<std::string, std::string>, ExternVal> made_up_imports(const Module& module, Store& store,
                                                                       const std::function<void(std::string)>& print) {
  std::map<std::pair<std::string, std::string>, ExternVal> out;
  for (const Import& imp : module.imports) {
    const auto key = std::make_pair(imp.module, imp.name);
    if (out.count(key)) continue;
    ExternVal v;
    v.kind = imp.kind;
    switch (imp.kind) {
      case ExternKind::Func: {
        const std::string name = imp.module + "." + imp.name;
        v.func = store.add_host_func(
            module.types[imp.func_type],
            [print, name](std::span<const WasmValue> args, std::span<WasmValue>) -> std::optional<std::string> {
              std::string line = name + "(";
              for (size_t i = 0; i < args.size(); ++i) line += (i ? ", " : "") + format_value(args[i]);
              print(line + ")");
              return std::nullopt;
            },
            name);
        break;
      }
      case ExternKind::Table: {
        Result<TableInstance*> table = store.add_table(imp.table);
        if (!table) continue;  // left unresolved: instantiation reports it as an unknown import
        v.table = *table;
        break;
      }
      case ExternKind::Memory: {
        Result<MemoryInstance*> memory = store.add_memory(imp.memory);
        if (!memory) continue;
        v.memory = *memory;
        break;
      }
      case ExternKind::Global: v.global = store.add_global(imp.global); break;
    }
    out.emplace(key, v);
  }
  return out;
}

}  // namespace

bool interpreter_available() { return true; }

Result<std::unique_ptr<LiveInstance>> instantiate(std::shared_ptr<const Module> module,
                                                  std::function<void(std::string)> print) {
  auto live = std::make_unique<VmLiveInstance>();
  const auto imports = made_up_imports(*module, live->store, print);
  auto resolve = [&](std::string_view m, std::string_view n) -> std::optional<ExternVal> {
    auto it = imports.find({std::string(m), std::string(n)});
    return it == imports.end() ? std::nullopt : std::optional<ExternVal>(it->second);
  };
  // A debuggable translation: every instruction can be stepped to and hold a breakpoint.
  InstantiateResult r = live->engine->instantiate(std::move(module), resolve, {.debuggable = true});
  if (r.kind != InstantiateResult::Kind::Ok) {
    std::string message = r.message;
    if (r.trap && r.trap->fault)
      message += " (memory " + std::to_string(r.trap->fault->memory) + ", address " +
                 std::to_string(r.trap->fault->address) + ", " + std::to_string(r.trap->fault->size) + " bytes)";
    return Error{"", message};
  }
  live->instance_ = r.instance;
  return std::unique_ptr<LiveInstance>(std::move(live));
}

}  // namespace mnemo::ui
