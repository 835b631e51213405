// core/runtime/store.cpp: allocation of runtime objects, memory and table growth.
#include "core/runtime/store.h"

#include <cstdlib>
#include <cstring>

namespace mnemo {

MemoryInstance::~MemoryInstance() { std::free(data); }

int64_t MemoryInstance::grow(uint64_t delta_pages) {
  const uint64_t old_pages = pages();
  const uint64_t limit = max ? std::min(*max, kMaxPages) : kMaxPages;
  if (delta_pages > limit || old_pages + delta_pages > limit) return -1;
  if (delta_pages == 0) return int64_t(old_pages);
  const uint64_t new_size = (old_pages + delta_pages) * kPageSize;
  if (new_size > SIZE_MAX) return -1;
  auto* grown = static_cast<uint8_t*>(std::realloc(data, size_t(new_size)));
  if (!grown) return -1;
  std::memset(grown + size, 0, size_t(new_size - size));
  data = grown;
  size = new_size;
  return int64_t(old_pages);
}

int64_t TableInstance::grow(uint64_t delta, uint64_t init) {
  const uint64_t old = elems.size();
  const uint64_t limit = max ? std::min<uint64_t>(*max, kMaxElements) : kMaxElements;
  if (delta > limit || old + delta > limit) return -1;
  elems.resize(size_t(old + delta), init);
  return int64_t(old);
}

std::optional<ExternVal> Instance::find_export(std::string_view name) const {
  auto it = exports.find(name);
  if (it == exports.end()) return std::nullopt;
  return it->second;
}

uint32_t Store::intern(const FuncType& type) {
  for (size_t i = 0; i < types_.size(); ++i)
    if (types_[i] == type) return uint32_t(i);
  types_.push_back(type);
  return uint32_t(types_.size() - 1);
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

TableInstance* Store::add_table(const TableType& type, uint64_t init) {
  if (type.limits.min > TableInstance::kMaxElements) return nullptr;
  TableInstance& t = tables_.emplace_back();
  t.elem = type.elem;
  t.max = type.limits.max;
  t.elems.assign(size_t(type.limits.min), init);
  return &t;
}

MemoryInstance* Store::add_memory(const MemoryType& type) {
  if (type.limits.min > MemoryInstance::kMaxPages) return nullptr;
  MemoryInstance& m = memories_.emplace_back();
  m.max = type.limits.max;
  if (type.limits.min > 0 && m.grow(type.limits.min) < 0) return nullptr;
  return &m;
}

GlobalInstance* Store::add_global(const GlobalType& type) {
  GlobalInstance& g = globals_.emplace_back();
  g.type = type;
  return &g;
}

Instance* Store::add_instance() { return &instances_.emplace_back(); }

}  // namespace mnemo
