// core/runtime/store.cpp: allocation of runtime objects under the store's limits, table growth,
// taking back a failed instantiation.
#include "core/runtime/store.h"

#include <cstring>
#include <string>

namespace mnemo {

int64_t TableInstance::grow(uint64_t delta, uint64_t init) {
  const uint64_t old = elems.size();
  const uint64_t limit = max ? std::min<uint64_t>(*max, kMaxElements) : kMaxElements;
  if (delta > limit || old + delta > limit) return -1;
  resize(old + delta, init);
  return int64_t(old);
}

void Instance::build_context(uint64_t* fuel) {
  InstanceContext header;
  header.fuel = fuel;
  header.type_ids = type_ids.data();
  header.memory_count = uint32_t(memories.size());
  header.table_count = uint32_t(tables.size());
  header.global_count = uint32_t(globals.size());
  header.func_count = uint32_t(funcs.size());
  context_words_.reset(new uint64_t[(header.total_bytes() + 7) / 8]());
  auto* bytes = reinterpret_cast<std::byte*>(context_words_.get());
  std::memcpy(bytes, &header, sizeof header);
  auto put = [&](size_t offset, const void* p) { std::memcpy(bytes + offset, &p, sizeof p); };
  for (uint32_t i = 0; i < header.memory_count; ++i)
    put(header.memory_offset(i), static_cast<MemoryView*>(memories[i]));
  for (uint32_t i = 0; i < header.table_count; ++i) put(header.table_offset(i), &tables[i]->view);
  for (uint32_t i = 0; i < header.global_count; ++i) put(header.global_offset(i), globals[i]->value);
  for (uint32_t i = 0; i < header.func_count; ++i) {
    put(header.func_offset(i), static_cast<FuncEntry*>(funcs[i]));
    if (funcs[i]->instance == this) funcs[i]->context = context();
  }
}

std::optional<ExternVal> Instance::find_export(std::string_view name) const {
  auto it = exports.find(name);
  if (it == exports.end()) return std::nullopt;
  return it->second;
}

size_t Store::TypeHash::operator()(const FuncType& t) const {
  size_t h = t.params.size() * 31 + t.results.size();
  for (ValType v : t.params) h = h * 131 + size_t(v);
  for (ValType v : t.results) h = h * 137 + size_t(v);
  return h;
}

uint32_t Store::intern(const FuncType& type) {
  return type_ids_.try_emplace(type, uint32_t(type_ids_.size())).first->second;  // new: the next id
}

FuncInstance* Store::add_func(FuncInstance f) {
  f.type_id = intern(f.type);
  f.param_slots = 0;
  for (ValType t : f.type.params) f.param_slots += slot_count(t);
  f.result_slots = 0;
  for (ValType t : f.type.results) f.result_slots += slot_count(t);
  funcs_.push_back(std::move(f));
  return &funcs_.back();
}

FuncInstance* Store::add_host_func(FuncType type, HostCallback callback, std::string name) {
  FuncInstance f;
  f.type = std::move(type);
  f.host = std::move(callback);
  f.debug_name = std::move(name);
  return add_func(std::move(f));
}

namespace {

Error count_error(const char* what, uint32_t limit) {
  return Error{"", "the store already holds " + std::to_string(limit) + " " + what + ", its limit"};
}

}  // namespace

Store::Store(const StoreLimits& limits) : limits_(limits) {
  budget_.limit = limits.max_memory_bytes;
  if (limits.fuel) set_fuel(*limits.fuel);
}

void Store::set_fuel(uint64_t fuel) {
  metered_ = true;
  fuel_ = fuel;
}

Result<TableInstance*> Store::add_table(const TableType& type, uint64_t init) {
  if (tables_.size() >= limits_.max_tables) return count_error("tables", limits_.max_tables);
  if (type.limits.min > TableInstance::kMaxElements)
    return Error{"", "table too large: " + std::to_string(type.limits.min) + " elements, over the limit of " +
                         std::to_string(TableInstance::kMaxElements)};
  TableInstance& t = tables_.emplace_back();
  t.elem = type.elem;
  t.max = type.limits.max;
  t.resize(type.limits.min, init);
  return &t;
}

Result<MemoryInstance*> Store::add_memory(const MemoryType& type) {
  if (memories_.size() >= limits_.max_memories) return count_error("memories", limits_.max_memories);
  MemoryInstance& m = memories_.emplace_back();
  Result<void> placed = m.init(type, &budget_);
  if (!placed) {
    memories_.pop_back();
    return placed.error();
  }
  return &m;
}

GlobalInstance* Store::add_global(const GlobalType& type) {
  GlobalInstance& g = globals_.emplace_back();
  g.type = type;
  return &g;
}

Result<Instance*> Store::add_instance() {
  if (instances_.size() >= limits_.max_instances) return count_error("instances", limits_.max_instances);
  return &instances_.emplace_back();
}

Store::Mark Store::mark() const {
  return Mark{funcs_.size(), tables_.size(), memories_.size(), globals_.size(), instances_.size()};
}

void Store::rollback(const Mark& m) {
  while (instances_.size() > m.instances) instances_.pop_back();
  while (globals_.size() > m.globals) globals_.pop_back();
  while (memories_.size() > m.memories) memories_.pop_back();
  while (tables_.size() > m.tables) tables_.pop_back();
  while (funcs_.size() > m.funcs) funcs_.pop_back();
}

}  // namespace mnemo
