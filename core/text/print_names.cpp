// core/text/print_names.cpp: filtering Module::names down to ids the text parser reads back exactly.
#include "core/text/print_names.h"

#include <set>

namespace mnemo {
namespace {

bool is_idchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  // The spec also lists the apostrophe; it is left out so that a printed id never looks like the
  // start of something else to a reader or a less complete parser (the index is printed instead).
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '*': case '+': case '-': case '.':
    case '/': case ':': case '<': case '=': case '>': case '?': case '@': case '\\': case '^':
    case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

const IdSpace kNoNames;

}  // namespace

bool is_text_id(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!is_idchar(c)) return false;
  return true;
}

IdSpace::IdSpace(const std::map<uint32_t, std::string>& names, uint64_t count) {
  std::set<std::string_view> seen, repeated;
  for (const auto& [index, name] : names) {
    if (index >= count || !is_text_id(name)) continue;
    if (!seen.insert(name).second) repeated.insert(name);
  }
  for (const auto& [index, name] : names)
    if (index < count && is_text_id(name) && !repeated.count(name)) ids_.emplace(index, name);
}

const std::string* IdSpace::find(uint32_t index) const {
  auto it = ids_.find(index);
  return it == ids_.end() ? nullptr : &it->second;
}

std::string IdSpace::ref(uint32_t index) const {
  if (const std::string* name = find(index)) return "$" + *name;
  return std::to_string(index);
}

std::string IdSpace::def(uint32_t index) const {
  if (const std::string* name = find(index)) return "$" + *name;
  return "(;" + std::to_string(index) + ";)";
}

const IdSpace& PrintNames::locals_of(uint32_t func) const {
  auto it = locals.find(func);
  return it == locals.end() ? kNoNames : it->second;
}

PrintNames collect_print_names(const Module& m) {
  const Names& n = m.names;
  PrintNames p;
  if (is_text_id(n.module)) p.module = n.module;
  p.types = IdSpace(n.types, m.types.size());
  p.funcs = IdSpace(n.funcs, m.func_count());
  p.tables = IdSpace(n.tables, m.table_count());
  p.memories = IdSpace(n.memories, m.memory_count());
  p.globals = IdSpace(n.globals, m.global_count());
  p.elems = IdSpace(n.elems, m.elems.size());
  p.datas = IdSpace(n.datas, m.datas.size());
  // Local names only for defined functions: imports print no parameter ids.
  const uint32_t imported = m.imported_count(ExternKind::Func);
  for (const auto& [func, names] : n.locals) {
    if (func < imported || func - imported >= m.funcs.size()) continue;
    const Function& f = m.funcs[func - imported];
    uint64_t params = f.type < m.types.size() ? m.types[f.type].params.size() : 0;
    IdSpace space(names, params + f.locals.size());
    if (!space.empty()) p.locals.emplace(func, std::move(space));
  }
  return p;
}

}  // namespace mnemo
