// core/runtime/store.h: the runtime objects of the spec's store (spec 4.2.3): function, table,
// memory and global instances, element and data instances, module instances, and the Store that
// owns them all. Addresses are plain pointers into the Store, stable for its lifetime. The Store
// also keeps its limits (core/runtime/limits.h): the memory budget, the counts, the fuel.
//
// An imported entity is the very same object as the exporter's: two instances that share a memory
// hold the same MemoryInstance pointer, so each sees the other's writes.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/module.h"
#include "core/result.h"
#include "core/runtime/context.h"
#include "core/runtime/limits.h"
#include "core/runtime/memory.h"
#include "core/runtime/value.h"

namespace mnemo {

struct Instance;

// What an engine made of a wasm function (the interpreter's translation, a JIT's machine code).
// The runtime keeps it alive with the function; only the engine that made it looks inside.
struct EngineCode {
  virtual ~EngineCode() = default;
};

// A host function: reads `args`, writes `results` (sized by the type, pre-filled with zeros).
// Returns a trap message to trap, nothing to return normally.
using HostCallback =
    std::function<std::optional<std::string>(std::span<const WasmValue> args, std::span<WasmValue> results)>;

// The FuncEntry base (core/runtime/context.h) is what compiled code reads: its entry, its
// instance's context and its type id (Store::intern(type): equal types have equal ids).
struct FuncInstance : FuncEntry {
  FuncType type;
  uint32_t param_slots = 0;      // slots of the parameters / results (v128 takes two)
  uint32_t result_slots = 0;
  Instance* instance = nullptr;  // the defining instance; null for host functions
  uint32_t index = 0;            // index in the defining module's function index space
  const Function* code = nullptr;          // wasm functions: the body (owned by the instance's module)
  std::shared_ptr<EngineCode> compiled;    // wasm functions: what the engine that instantiated it made
  HostCallback host;                       // host functions
  std::string debug_name;                  // "module.name" for host functions, for messages

  bool is_host() const { return instance == nullptr; }
};

// Spec 4.2.7: references in slot encoding (core/runtime/value.h).
struct TableInstance {
  static constexpr uint64_t kMaxElements = 10'000'000;  // implementation limit of grow

  ValType elem = ValType::FuncRef;
  std::vector<uint64_t> elems;  // resized only through resize(), which keeps `view` in step
  std::optional<uint64_t> max;
  TableView view;               // what compiled code reads (core/runtime/context.h)

  void resize(uint64_t size, uint64_t init) {
    elems.resize(size_t(size), init);
    view = TableView{elems.data(), elems.size()};
  }

  TableType type() const { return TableType{elem, Limits{elems.size(), max}}; }
  // table.grow: the old size, or -1 past the maximum or the implementation limit.
  int64_t grow(uint64_t delta, uint64_t init);
};

struct GlobalInstance {
  GlobalType type;
  uint64_t value[2] = {0, 0};  // slot encoding; v128 uses both
};

struct ElemInstance {  // spec 4.2.10; dropped = emptied
  ValType type = ValType::FuncRef;
  std::vector<uint64_t> refs;
};

struct DataInstance {  // spec 4.2.11; dropped = emptied
  std::vector<uint8_t> bytes;
};

// An external value: what an export names and an import receives.
struct ExternVal {
  ExternKind kind = ExternKind::Func;
  FuncInstance* func = nullptr;
  TableInstance* table = nullptr;
  MemoryInstance* memory = nullptr;
  GlobalInstance* global = nullptr;
};

// Spec 4.2.5: a module instance. Each array is the index space of its kind, imports first;
// `memories[i]` is the one place through which memory index i is reached.
struct Instance {
  std::shared_ptr<const Module> module;  // null for host modules built by hand
  std::vector<FuncInstance*> funcs;
  std::vector<TableInstance*> tables;
  std::vector<MemoryInstance*> memories;
  std::vector<GlobalInstance*> globals;
  std::vector<ElemInstance> elems;
  std::vector<DataInstance> datas;
  std::map<std::string, ExternVal, std::less<>> exports;
  std::vector<uint32_t> type_ids;  // the module's type index -> Store::intern id

  std::optional<ExternVal> find_export(std::string_view name) const;

  // The instance as compiled code sees it (core/runtime/context.h); null until build_context.
  InstanceContext* context() const { return reinterpret_cast<InstanceContext*>(context_words_.get()); }
  // Lays out the context from the index spaces above, which must be complete, and points every
  // function this instance defines at it. `fuel` is the store's counter.
  void build_context(uint64_t* fuel);

 private:
  std::unique_ptr<uint64_t[]> context_words_;
};

class Store {
 public:
  explicit Store(const StoreLimits& limits = StoreLimits::defaults());
  Store(const Store&) = delete;  // memories and translated code point into the store
  Store& operator=(const Store&) = delete;

  const StoreLimits& limits() const { return limits_; }

  FuncInstance* add_func(FuncInstance f);
  // A host function of the given type; `name` is used in messages.
  FuncInstance* add_host_func(FuncType type, HostCallback callback, std::string name = {});
  // A table / memory / instance, initial size allocated. The error says which limit was reached
  // (count, size, memory budget) or what the host could not provide; the caller says which one.
  Result<TableInstance*> add_table(const TableType& type, uint64_t init = 0);
  Result<MemoryInstance*> add_memory(const MemoryType& type);
  GlobalInstance* add_global(const GlobalType& type);
  Result<Instance*> add_instance();

  // Function types by structure: equal types get the same id (call_indirect compares ids).
  uint32_t intern(const FuncType& type);

  // Bytes of linear memory the store's memories hold now, and the most they may hold.
  const MemoryBudget& memory_budget() const { return budget_; }

  // Fuel: a budget of instructions for the store's calls. set_fuel turns metering on for every
  // instance made from then on (translated code charges each straight-line run of instructions on
  // entry; core/vm/translate.cpp) and sets what remains. Out of fuel, a call traps "out of fuel";
  // the instance stays usable, and set_fuel refills it.
  void set_fuel(uint64_t fuel);
  bool metered() const { return metered_; }
  std::optional<uint64_t> fuel() const { return metered_ ? std::optional<uint64_t>(fuel_) : std::nullopt; }
  uint64_t* fuel_counter() { return &fuel_; }  // what metered code decrements

  // A failed instantiation takes back what it added: every object made after mark() goes, in
  // reverse order (memories give their bytes and address space back). Objects made before stay.
  struct Mark {
    size_t funcs, tables, memories, globals, instances;
  };
  Mark mark() const;
  void rollback(const Mark& mark);

 private:
  StoreLimits limits_;
  MemoryBudget budget_;  // before memories_: they give their bytes back to it when destroyed
  uint64_t fuel_ = 0;
  bool metered_ = false;
  std::deque<FuncInstance> funcs_;
  std::deque<TableInstance> tables_;
  std::deque<MemoryInstance> memories_;
  std::deque<GlobalInstance> globals_;
  std::deque<Instance> instances_;
  // Interned types by structure: a module may declare thousands, and a linear search per
  // function would make instantiation quadratic in them.
  struct TypeHash {
    size_t operator()(const FuncType& t) const;
  };
  std::unordered_map<FuncType, uint32_t, TypeHash> type_ids_;
};

}  // namespace mnemo
