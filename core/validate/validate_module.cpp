// core/validate/validate_module.cpp: the module-level rules (spec 2.0 section 3.4.10) with
// multi-memory: imports, tables, memories (any number), globals, element and data segments,
// function bodies, the start function and exports.
#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "context.h"
#include "func_validator.h"
#include "core/validate/validate.h"

namespace mnemo {
namespace validate {
namespace {

constexpr uint64_t kMaxPages = 65536;               // 4 GiB of 64 KiB pages (section 3.2.6)
constexpr uint64_t kMaxTableSize = 0xFFFF'FFFFull;  // 2^32 - 1 (section 3.2.5)

// C.refs: function indices that occur in the module outside function bodies and the start
// function (section 3.4.10): in constant expressions and in exports.
void collect_refs(Context& c) {
  auto scan = [&c](const Expr& e) {
    for (const Instr& in : e)
      if (in.op == Opcode::RefFunc && in.index < c.func_count()) c.refs[in.index] = true;
  };
  const Module& m = c.module;
  for (const Global& g : m.globals) scan(g.init);
  for (const ElemSegment& s : m.elems) {
    scan(s.offset);
    for (const Expr& e : s.init) scan(e);
  }
  for (const DataSegment& d : m.datas) scan(d.offset);
  for (const Export& e : m.exports)
    if (e.kind == ExternKind::Func && e.index < c.func_count()) c.refs[e.index] = true;
}

Status check_limits(const Context& c, const Site& site, const Limits& l, uint64_t bound,
                    std::string_view too_big) {
  if (l.min > bound || (l.max && *l.max > bound)) return fail(c.module, site, std::string(too_big));
  if (l.max && l.min > *l.max)
    return fail(c.module, site, "size minimum must not be greater than maximum",
                "min " + std::to_string(l.min) + " > max " + std::to_string(*l.max));
  return {};
}

Status check_imports(const Context& c) {
  const Module& m = c.module;
  for (uint32_t i = 0; i < m.imports.size(); ++i) {
    const Import& im = m.imports[i];
    Site at{im.pos, "import", i, {}};
    switch (im.kind) {
      case ExternKind::Func:
        if (im.func_type >= m.types.size()) return fail(m, at, unknown("type", im.func_type));
        break;
      case ExternKind::Table:
        if (Status s = check_table_type(c, at, im.table); !s) return s;
        break;
      case ExternKind::Memory:
        if (Status s = check_memory_type(c, at, im.memory); !s) return s;
        break;
      case ExternKind::Global:
        break;
    }
  }
  return {};
}

Status check_elems(const Context& c) {
  const Module& m = c.module;
  for (uint32_t i = 0; i < m.elems.size(); ++i) {
    const ElemSegment& seg = m.elems[i];
    Site at{seg.pos, "element segment", i, {}};
    if (!is_ref(seg.type)) return fail(m, at, "type mismatch", "element type must be a reference type");
    for (const Expr& e : seg.init)
      if (Status s = validate_const_expr(c, at, e, seg.type); !s) return s;
    if (seg.mode != ElemSegment::Mode::Active) continue;
    if (seg.table >= c.tables.size()) return fail(m, at, unknown("table", seg.table));
    if (c.tables[seg.table].elem != seg.type)
      return fail(m, at, "type mismatch", "element segment type differs from table " + std::to_string(seg.table));
    if (Status s = validate_const_expr(c, at, seg.offset, ValType::I32); !s) return s;
  }
  return {};
}

Status check_datas(const Context& c) {
  const Module& m = c.module;
  for (uint32_t i = 0; i < m.datas.size(); ++i) {
    const DataSegment& seg = m.datas[i];
    if (seg.mode != DataSegment::Mode::Active) continue;
    Site at{seg.pos, "data segment", i, {}};
    if (Status s = check_memory_index(c, at, seg.memory); !s) return s;
    if (Status s = validate_const_expr(c, at, seg.offset, ValType::I32); !s) return s;
  }
  return {};
}

Status check_start(const Context& c) {
  const Module& m = c.module;
  if (!m.start) return {};
  Site at{Site::kNoPos, "function", *m.start, {}};
  if (*m.start >= c.func_count()) return fail(m, at, unknown("function", *m.start), "start function");
  const FuncType& ft = c.func_type(*m.start);
  if (!ft.params.empty() || !ft.results.empty())
    return fail(m, at, "start function must not have parameters or results", "start function");
  return {};
}

Status check_exports(const Context& c) {
  const Module& m = c.module;
  std::unordered_set<std::string_view> names;
  names.reserve(m.exports.size());
  for (uint32_t i = 0; i < m.exports.size(); ++i) {
    const Export& e = m.exports[i];
    Site at{e.pos, "export", i, {}};
    switch (e.kind) {
      case ExternKind::Func:
        if (e.index >= c.func_count()) return fail(m, at, unknown("function", e.index));
        break;
      case ExternKind::Table:
        if (e.index >= c.tables.size()) return fail(m, at, unknown("table", e.index));
        break;
      case ExternKind::Memory:
        if (Status s = check_memory_index(c, at, e.index); !s) return s;
        break;
      case ExternKind::Global:
        if (e.index >= c.globals.size()) return fail(m, at, unknown("global", e.index));
        break;
    }
    if (!names.insert(e.name).second) return fail(m, at, "duplicate export name", "\"" + e.name + "\"");
  }
  return {};
}

}  // namespace

Status check_memory_type(const Context& c, const Site& site, const MemoryType& type) {
  return check_limits(c, site, type.limits, kMaxPages, "memory size must be at most 65536 pages (4GiB)");
}

Status check_table_type(const Context& c, const Site& site, const TableType& type) {
  if (!is_ref(type.elem))
    return fail(c.module, site, "type mismatch", "table element type must be a reference type");
  return check_limits(c, site, type.limits, kMaxTableSize, "table size must be at most 2^32-1");
}

}  // namespace validate

Status validate_module(const Module& m) {
  using namespace validate;
  // Function types must resolve before the context can hand them out.
  for (uint32_t i = 0; i < m.funcs.size(); ++i)
    if (m.funcs[i].type >= m.types.size())
      return fail(m, Site{m.funcs[i].pos, "function", m.imported_count(ExternKind::Func) + i, {}},
                  unknown("type", m.funcs[i].type));
  Context c(m);
  if (Status s = check_imports(c); !s) return s;
  collect_refs(c);

  const uint32_t imported_tables = m.imported_count(ExternKind::Table);
  for (uint32_t i = 0; i < m.tables.size(); ++i) {
    Site at{Site::kNoPos, "table", imported_tables + i, {}};
    if (Status s = check_table_type(c, at, m.tables[i]); !s) return s;
  }
  // Multi-memory: any number of memories, each with valid limits.
  const uint32_t imported_memories = m.imported_count(ExternKind::Memory);
  for (uint32_t i = 0; i < m.memories.size(); ++i) {
    Site at{Site::kNoPos, "memory", imported_memories + i, {}};
    if (Status s = check_memory_type(c, at, m.memories[i]); !s) return s;
  }
  for (uint32_t i = 0; i < m.globals.size(); ++i) {
    const Global& g = m.globals[i];
    Site at{g.pos, "global", c.imported_globals + i, {}};
    if (Status s = validate_const_expr(c, at, g.init, g.type.type); !s) return s;
  }
  if (Status s = check_elems(c); !s) return s;
  if (Status s = check_datas(c); !s) return s;

  if (Status s = validate_bodies(c); !s) return s;
  if (Status s = check_start(c); !s) return s;
  return check_exports(c);
}

std::optional<std::vector<ValType>> operand_types_before(const Module& module, uint32_t func, uint32_t instr) {
  const uint32_t imported = module.imported_count(ExternKind::Func);
  if (func < imported || func - imported >= module.funcs.size()) return std::nullopt;
  const Function& f = module.funcs[func - imported];
  if (instr >= f.body.size() || f.type >= module.types.size()) return std::nullopt;
  validate::Context c(module);
  validate::collect_refs(c);  // ref.func in the body checks C.refs
  validate::FuncValidator v(c, func, f);
  if (!v.run(instr)) return std::nullopt;
  const auto types = v.operand_types();
  // Unknown (from unreachable code) has no value to show; execution never stops there.
  if (std::find(types.begin(), types.end(), validate::kUnknown) != types.end()) return std::nullopt;
  return std::vector<ValType>(types.begin(), types.end());
}

}  // namespace mnemo
