// core/module.cpp: index-space helpers, positions and structural comparison of modules.
#include "module.h"

#include <algorithm>
#include <cstdio>

namespace mnemo {

std::string_view to_string(ValType t) {
  switch (t) {
    case ValType::I32: return "i32";
    case ValType::I64: return "i64";
    case ValType::F32: return "f32";
    case ValType::F64: return "f64";
    case ValType::V128: return "v128";
    case ValType::FuncRef: return "funcref";
    case ValType::ExternRef: return "externref";
  }
  return "?";
}

bool is_ref(ValType t) { return t == ValType::FuncRef || t == ValType::ExternRef; }

bool is_valtype_byte(uint8_t b) {
  switch (b) {
    case 0x7F: case 0x7E: case 0x7D: case 0x7C: case 0x7B: case 0x70: case 0x6F: return true;
    default: return false;
  }
}

std::string_view to_string(ExternKind k) {
  switch (k) {
    case ExternKind::Func: return "func";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
  }
  return "?";
}

bool Instr::same_as(const Instr& o) const {
  if (op != o.op) return false;
  switch (info(op).imm) {
    case ImmKind::None: return true;
    case ImmKind::Block: return block == o.block;
    case ImmKind::Label:
    case ImmKind::Func:
    case ImmKind::Local:
    case ImmKind::Global:
    case ImmKind::Table:
    case ImmKind::Elem:
    case ImmKind::Data: return index == o.index;
    case ImmKind::BrTable: return labels == o.labels;
    case ImmKind::CallIndirect:
    case ImmKind::TableCopy:
    case ImmKind::TableInit: return index == o.index && index2 == o.index2;
    case ImmKind::Memory: return mem.memory == o.mem.memory;
    case ImmKind::MemoryCopy: return mem.memory == o.mem.memory && mem_src == o.mem_src;
    case ImmKind::MemoryInit: return index == o.index && mem.memory == o.mem.memory;
    case ImmKind::MemArg: return mem == o.mem;
    case ImmKind::MemArgLane: return mem == o.mem && lane == o.lane;
    case ImmKind::Lane: return lane == o.lane;
    case ImmKind::Shuffle:
    case ImmKind::V128: return v128 == o.v128;
    case ImmKind::I32:
    case ImmKind::I64:
    case ImmKind::F32:
    case ImmKind::F64: return bits == o.bits;
    case ImmKind::RefType: return ref_type == o.ref_type;
    case ImmKind::SelectT: return types == o.types;
  }
  return false;
}

uint32_t Module::imported_count(ExternKind k) const {
  return uint32_t(std::count_if(imports.begin(), imports.end(), [k](const Import& i) { return i.kind == k; }));
}

namespace {
// The n-th import of kind k; n must be below imported_count(k).
const Import& nth_import(const Module& m, ExternKind k, uint32_t n) {
  for (const Import& i : m.imports)
    if (i.kind == k && n-- == 0) return i;
  return m.imports.front();  // unreachable for indices in range
}
}  // namespace

uint32_t Module::func_type_index(uint32_t f) const {
  uint32_t n = imported_count(ExternKind::Func);
  return f < n ? nth_import(*this, ExternKind::Func, f).func_type : funcs[f - n].type;
}
TableType Module::table_type(uint32_t t) const {
  uint32_t n = imported_count(ExternKind::Table);
  return t < n ? nth_import(*this, ExternKind::Table, t).table : tables[t - n];
}
MemoryType Module::memory_type(uint32_t m) const {
  uint32_t n = imported_count(ExternKind::Memory);
  return m < n ? nth_import(*this, ExternKind::Memory, m).memory : memories[m - n];
}
GlobalType Module::global_type(uint32_t g) const {
  uint32_t n = imported_count(ExternKind::Global);
  return g < n ? nth_import(*this, ExternKind::Global, g).global : globals[g - n].type;
}

std::string line_column(const std::vector<uint32_t>& line_starts, uint32_t pos) {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), pos);
  size_t line = size_t(it - line_starts.begin());  // 1-based because line_starts[0] == 0
  return std::to_string(line) + ":" + std::to_string(pos - line_starts[line - 1] + 1);
}

std::string Module::describe_pos(uint32_t pos) const {
  if (!line_starts.empty()) return "line " + line_column(line_starts, pos);
  char buf[32];
  std::snprintf(buf, sizeof buf, "byte offset 0x%x", pos);
  return buf;
}

namespace {

std::string diff_expr(const Expr& a, const Expr& b, const std::string& what) {
  if (a.size() != b.size())
    return what + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) + " instructions";
  for (size_t i = 0; i < a.size(); ++i)
    if (!a[i].same_as(b[i]))
      return what + ": instruction " + std::to_string(i) + " differs (" + std::string(mnemonic(a[i].op)) +
             " vs " + std::string(mnemonic(b[i].op)) + ")";
  return {};
}

}  // namespace

std::string structural_difference(const Module& a, const Module& b) {
  if (a.types != b.types) return "type section differs";
  if (a.imports.size() != b.imports.size()) return "import count differs";
  for (size_t i = 0; i < a.imports.size(); ++i) {
    const Import &x = a.imports[i], &y = b.imports[i];
    bool same = x.module == y.module && x.name == y.name && x.kind == y.kind;
    if (same) {
      switch (x.kind) {
        case ExternKind::Func: same = x.func_type == y.func_type; break;
        case ExternKind::Table: same = x.table == y.table; break;
        case ExternKind::Memory: same = x.memory == y.memory; break;
        case ExternKind::Global: same = x.global == y.global; break;
      }
    }
    if (!same) return "import " + std::to_string(i) + " differs";
  }
  if (a.funcs.size() != b.funcs.size()) return "function count differs";
  for (size_t i = 0; i < a.funcs.size(); ++i) {
    const std::string what = "function " + std::to_string(i);
    if (a.funcs[i].type != b.funcs[i].type) return what + ": type index differs";
    if (a.funcs[i].locals != b.funcs[i].locals) return what + ": locals differ";
    if (auto d = diff_expr(a.funcs[i].body, b.funcs[i].body, what); !d.empty()) return d;
  }
  if (a.tables != b.tables) return "table section differs";
  if (a.memories != b.memories) return "memory section differs";
  if (a.globals.size() != b.globals.size()) return "global count differs";
  for (size_t i = 0; i < a.globals.size(); ++i) {
    if (!(a.globals[i].type == b.globals[i].type)) return "global " + std::to_string(i) + ": type differs";
    if (auto d = diff_expr(a.globals[i].init, b.globals[i].init, "global " + std::to_string(i)); !d.empty())
      return d;
  }
  if (a.exports.size() != b.exports.size()) return "export count differs";
  for (size_t i = 0; i < a.exports.size(); ++i)
    if (a.exports[i].name != b.exports[i].name || a.exports[i].kind != b.exports[i].kind ||
        a.exports[i].index != b.exports[i].index)
      return "export " + std::to_string(i) + " differs";
  if (a.start != b.start) return "start function differs";
  if (a.elems.size() != b.elems.size()) return "element segment count differs";
  for (size_t i = 0; i < a.elems.size(); ++i) {
    const ElemSegment &x = a.elems[i], &y = b.elems[i];
    const std::string what = "element segment " + std::to_string(i);
    if (x.mode != y.mode || x.type != y.type || x.init.size() != y.init.size())
      return what + ": mode, type or length differs";
    if (x.mode == ElemSegment::Mode::Active) {
      if (x.table != y.table) return what + ": table differs";
      if (auto d = diff_expr(x.offset, y.offset, what + " offset"); !d.empty()) return d;
    }
    for (size_t j = 0; j < x.init.size(); ++j)
      if (auto d = diff_expr(x.init[j], y.init[j], what + " item " + std::to_string(j)); !d.empty()) return d;
  }
  if (a.datas.size() != b.datas.size()) return "data segment count differs";
  for (size_t i = 0; i < a.datas.size(); ++i) {
    const DataSegment &x = a.datas[i], &y = b.datas[i];
    const std::string what = "data segment " + std::to_string(i);
    if (x.mode != y.mode || x.bytes != y.bytes) return what + ": mode or bytes differ";
    if (x.mode == DataSegment::Mode::Active) {
      if (x.memory != y.memory) return what + ": memory index differs";
      if (auto d = diff_expr(x.offset, y.offset, what + " offset"); !d.empty()) return d;
    }
  }
  return {};
}

}  // namespace mnemo
