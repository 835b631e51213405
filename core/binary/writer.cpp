// core/binary/writer.cpp: encode_module: sections in the spec's order (section 5.5.16), empty
// ones left out, custom sections after the section they followed, segments in the smallest flag
// form that says exactly what they are.
#include "core/binary/writer.h"

#include "core/binary/byte_writer.h"
#include "core/binary/format.h"
#include "core/binary/instr_writer.h"
#include "core/binary/name_section.h"

namespace mnemo {
namespace {

using binary::ByteWriter;
using binary::SectionId;

void write_limits(ByteWriter& w, const Limits& l) {
  w.u8(l.max ? binary::kLimitsHasMax : 0);
  w.u64(l.min);
  if (l.max) w.u64(*l.max);
}

void write_table_type(ByteWriter& w, const TableType& t) {
  binary::write_value_type(w, t.elem);
  write_limits(w, t.limits);
}

void write_global_type(ByteWriter& w, const GlobalType& g) {
  binary::write_value_type(w, g.type);
  w.u8(g.mut ? 1 : 0);
}

// The function index of an element item that is exactly `ref.func i end`.
std::optional<uint32_t> plain_func_index(const Expr& e) {
  if (e.size() == 2 && e[0].op == Opcode::RefFunc && e[1].op == Opcode::End) return e[0].index;
  return std::nullopt;
}

void write_elem(ByteWriter& w, const ElemSegment& s) {
  bool func_indices = s.type == ValType::FuncRef;
  for (const Expr& e : s.init) func_indices = func_indices && plain_func_index(e).has_value();
  const bool active = s.mode == ElemSegment::Mode::Active;
  // Forms 0 and 4 (active, table 0, funcref) carry neither a table index nor a type.
  const bool implicit = active && s.table == 0 && s.type == ValType::FuncRef;
  uint32_t flags = func_indices ? 0 : binary::kElemExpressions;
  if (!active) flags |= binary::kElemNotActive;
  if (s.mode == ElemSegment::Mode::Declarative || (active && !implicit))
    flags |= binary::kElemExplicitOrDeclarative;
  w.u32(flags);
  if (active) {
    if (!implicit) w.u32(s.table);
    binary::write_expr(w, s.offset);
  }
  if (!implicit) {
    if (func_indices)
      w.u8(binary::kElemKindFuncRef);
    else
      binary::write_value_type(w, s.type);
  }
  w.u32(uint32_t(s.init.size()));
  for (const Expr& e : s.init) {
    if (func_indices)
      w.u32(*plain_func_index(e));
    else
      binary::write_expr(w, e);
  }
}

void write_data(ByteWriter& w, const DataSegment& s) {
  if (s.mode == DataSegment::Mode::Passive) {
    w.u32(binary::kDataPassive);
  } else if (s.memory == 0) {
    w.u32(binary::kDataActive);
    binary::write_expr(w, s.offset);
  } else {
    w.u32(binary::kDataActiveExplicit);
    binary::write_memory_index(w, s.memory);
    binary::write_expr(w, s.offset);
  }
  w.sized_bytes(s.bytes);
}

void write_code(ByteWriter& w, const Function& f) {
  ByteWriter body;
  // Locals as runs of equal types.
  uint32_t runs = 0;
  for (size_t i = 0; i < f.locals.size(); ++i) runs += i == 0 || f.locals[i] != f.locals[i - 1];
  body.u32(runs);
  for (size_t i = 0; i < f.locals.size();) {
    size_t j = i;
    while (j < f.locals.size() && f.locals[j] == f.locals[i]) ++j;
    body.u32(uint32_t(j - i));
    binary::write_value_type(body, f.locals[i]);
    i = j;
  }
  binary::write_expr(body, f.body);
  w.sized_bytes(body.data());
}

// Writes the contents of section `id`; false when the module has nothing for it.
bool write_section_body(ByteWriter& w, const Module& m, SectionId id) {
  switch (id) {
    case SectionId::Type:
      if (m.types.empty()) return false;
      w.u32(uint32_t(m.types.size()));
      for (const FuncType& t : m.types) {
        w.u8(binary::kFuncTypeForm);
        w.u32(uint32_t(t.params.size()));
        for (ValType v : t.params) binary::write_value_type(w, v);
        w.u32(uint32_t(t.results.size()));
        for (ValType v : t.results) binary::write_value_type(w, v);
      }
      return true;
    case SectionId::Import:
      if (m.imports.empty()) return false;
      w.u32(uint32_t(m.imports.size()));
      for (const Import& im : m.imports) {
        w.name(im.module);
        w.name(im.name);
        w.u8(uint8_t(im.kind));
        switch (im.kind) {
          case ExternKind::Func: w.u32(im.func_type); break;
          case ExternKind::Table: write_table_type(w, im.table); break;
          case ExternKind::Memory: write_limits(w, im.memory.limits); break;
          case ExternKind::Global: write_global_type(w, im.global); break;
        }
      }
      return true;
    case SectionId::Function:
      if (m.funcs.empty()) return false;
      w.u32(uint32_t(m.funcs.size()));
      for (const Function& f : m.funcs) w.u32(f.type);
      return true;
    case SectionId::Table:
      if (m.tables.empty()) return false;
      w.u32(uint32_t(m.tables.size()));
      for (const TableType& t : m.tables) write_table_type(w, t);
      return true;
    case SectionId::Memory:
      if (m.memories.empty()) return false;
      w.u32(uint32_t(m.memories.size()));
      for (const MemoryType& t : m.memories) write_limits(w, t.limits);
      return true;
    case SectionId::Global:
      if (m.globals.empty()) return false;
      w.u32(uint32_t(m.globals.size()));
      for (const Global& g : m.globals) {
        write_global_type(w, g.type);
        binary::write_expr(w, g.init);
      }
      return true;
    case SectionId::Export:
      if (m.exports.empty()) return false;
      w.u32(uint32_t(m.exports.size()));
      for (const Export& e : m.exports) {
        w.name(e.name);
        w.u8(uint8_t(e.kind));
        w.u32(e.index);
      }
      return true;
    case SectionId::Start:
      if (!m.start) return false;
      w.u32(*m.start);
      return true;
    case SectionId::Element:
      if (m.elems.empty()) return false;
      w.u32(uint32_t(m.elems.size()));
      for (const ElemSegment& s : m.elems) write_elem(w, s);
      return true;
    case SectionId::DataCount:
      if (!m.data_count) return false;
      w.u32(*m.data_count);
      return true;
    case SectionId::Code:
      if (m.funcs.empty()) return false;
      w.u32(uint32_t(m.funcs.size()));
      for (const Function& f : m.funcs) write_code(w, f);
      return true;
    case SectionId::Data:
      if (m.datas.empty()) return false;
      w.u32(uint32_t(m.datas.size()));
      for (const DataSegment& s : m.datas) write_data(w, s);
      return true;
    case SectionId::Custom: return false;
  }
  return false;
}

void write_custom(ByteWriter& out, std::string_view name, std::span<const uint8_t> payload) {
  ByteWriter body;
  body.name(name);
  body.bytes(payload);
  out.u8(uint8_t(SectionId::Custom));
  out.sized_bytes(body.data());
}

}  // namespace

std::vector<uint8_t> encode_module(const Module& m, const EncodeOptions& options) {
  ByteWriter out;
  out.bytes(binary::kMagic);
  out.bytes(binary::kVersion);
  auto customs_after = [&](uint8_t section) {
    for (const CustomSection& c : m.customs) {
      // With emit_names the name section is rebuilt from Module::names instead.
      if (options.emit_names && c.name == binary::kNameSectionName) continue;
      if (c.after_section == section) write_custom(out, c.name, c.bytes);
    }
  };
  customs_after(uint8_t(SectionId::Custom));
  for (SectionId id : binary::kSectionOrder) {
    ByteWriter body;
    if (write_section_body(body, m, id)) {
      out.u8(uint8_t(id));
      out.sized_bytes(body.data());
    }
    customs_after(uint8_t(id));
  }
  if (options.emit_names) {
    const std::vector<uint8_t> names = binary::encode_name_section(m.names);
    if (!names.empty()) write_custom(out, binary::kNameSectionName, names);
  }
  return out.take();
}

}  // namespace mnemo
