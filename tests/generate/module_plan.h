// tests/generate/module_plan.h: what the generator has decided about a module so far: its
// memories, data segments, globals, table and finished functions. Function bodies are generated
// against the plan, so every index they use exists and every call targets a finished function.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/module.h"

namespace mnemo::gen {

struct MemoryPlan {
  uint32_t min_pages = 0;
  std::optional<uint32_t> max_pages;
  bool imported = false;
  // Memories with no maximum grow only through a budget global, so the bytes every engine must
  // hash stay small; memories with one are bounded by it.
  std::optional<uint32_t> grow_budget_global;
};

struct DataPlan {
  bool passive = true;
  uint32_t size = 0;
};

struct GlobalPlan {
  ValType type = ValType::I32;
  bool mut = true;
};

struct FuncPlan {
  uint32_t type = 0;  // index into Module::types
  FuncType sig;
  uint64_t cost = 0;  // instructions one call runs at most (a static estimate; loops multiply)
  bool in_table = false;
  bool recursive = false;  // parameter 0 is a depth: callers pass it in [0, 7]
};

struct ModulePlan {
  Module module;
  std::vector<MemoryPlan> memories;       // by memory index (imports first)
  std::vector<DataPlan> datas;            // by data segment index
  std::vector<GlobalPlan> globals;        // by global index
  std::vector<FuncPlan> funcs;            // finished functions, by function index
  std::vector<std::optional<uint32_t>> table;  // table 0's initial contents: a function or null
  std::vector<uint32_t> table_types;      // the types of the functions in the table
  std::optional<uint32_t> passive_elem;   // a passive element segment of leaves and nulls
  uint32_t passive_elem_size = 0;
  std::optional<uint32_t> digest_global;  // i64: exports fold their float results' bits into it

  // The index of `type` in module.types, added when new.
  uint32_t intern(const FuncType& type) {
    for (uint32_t i = 0; i < module.types.size(); ++i)
      if (module.types[i] == type) return i;
    module.types.push_back(type);
    return uint32_t(module.types.size() - 1);
  }
};

}  // namespace mnemo::gen
