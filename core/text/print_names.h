// core/text/print_names.h: which names from Module::names the printer may use as text $ids.
// A name is usable when it is a valid id (spec 6.3.5) and no other entity of its index space has it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/module.h"

namespace mnemo {

// True when `name` (without '$') is a non-empty run of idchars (spec 6.3.5).
bool is_text_id(std::string_view name);

// The usable names of one index space.
class IdSpace {
 public:
  IdSpace() = default;
  // Keeps the names whose index is below `count`, that are valid ids and that are unique.
  IdSpace(const std::map<uint32_t, std::string>& names, uint64_t count);

  // "$name" when the index has a usable name, otherwise the decimal index.
  std::string ref(uint32_t index) const;
  // "$name" or "(;N;)": how a definition introduces itself.
  std::string def(uint32_t index) const;
  const std::string* find(uint32_t index) const;
  bool empty() const { return ids_.empty(); }

 private:
  std::map<uint32_t, std::string> ids_;
};

struct PrintNames {
  std::string module;  // empty when absent or unusable
  IdSpace types, funcs, tables, memories, globals, elems, datas;
  std::map<uint32_t, IdSpace> locals;  // function index -> its locals (parameters first)

  // The locals of function `func`; an empty space when it has no usable local names.
  const IdSpace& locals_of(uint32_t func) const;
};

PrintNames collect_print_names(const Module& module);

}  // namespace mnemo
