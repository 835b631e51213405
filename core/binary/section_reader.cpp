// core/binary/section_reader.cpp: the contents of the known sections (spec section 5.5), read
// straight into the Module. Sizes, order and cross-section counts are core/binary/reader.cpp's.
#include "core/binary/section_reader.h"

#include <string>

#include "core/binary/format.h"
#include "core/binary/instr_reader.h"

namespace mnemo::binary {
namespace {

constexpr ExprOptions kConstExpr{};

Limits read_limits(ByteReader& r) {
  Limits l;
  const bool has_max = r.u1();  // a one-bit LEB: 0x02 is "integer too large", 0x81 0x00 "too long"
  l.min = r.u32();
  if (has_max) l.max = r.u32();
  return l;
}

TableType read_table_type(ByteReader& r) {
  TableType t;
  t.elem = read_ref_type(r);
  t.limits = read_limits(r);
  return t;
}

GlobalType read_global_type(ByteReader& r) {
  GlobalType g;
  g.type = read_value_type(r);
  const size_t at = r.pos();
  const uint8_t mut = r.u8();
  if (r.ok() && mut > 1) r.fail(at, "malformed mutability");
  g.mut = mut == 1;
  return g;
}

std::vector<ValType> read_result_type(ByteReader& r) {
  std::vector<ValType> types;
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) types.push_back(read_value_type(r));
  return types;
}

// An element item given as a function index: the expression `ref.func i end`.
Expr ref_func_item(uint32_t func, uint32_t pos) {
  Expr e(2);
  e[0].op = Opcode::RefFunc;
  e[0].index = func;
  e[0].pos = pos;
  e[1].op = Opcode::End;
  e[1].pos = pos;
  return e;
}

}  // namespace

void read_type_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    const size_t at = r.pos();
    // The form is an s7 (a longer LEB is "integer representation too long"): 0x60 reads as -0x20.
    const int32_t form = r.s7();
    if (r.ok() && form != int32_t(kFuncTypeForm) - 0x80) {
      r.fail(at, "malformed function type");
      return;
    }
    FuncType t;
    t.params = read_result_type(r);
    t.results = read_result_type(r);
    m.types.push_back(std::move(t));
  }
}

void read_import_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Import im;
    im.pos = uint32_t(r.pos());
    im.module = r.name();
    im.name = r.name();
    const size_t at = r.pos();
    const uint8_t kind = r.u8();
    if (!r.ok()) return;
    switch (kind) {
      case uint8_t(ExternKind::Func): im.func_type = r.u32(); break;
      case uint8_t(ExternKind::Table): im.table = read_table_type(r); break;
      case uint8_t(ExternKind::Memory): im.memory.limits = read_limits(r); break;
      case uint8_t(ExternKind::Global): im.global = read_global_type(r); break;
      default: r.fail(at, "malformed import kind"); return;
    }
    im.kind = ExternKind(kind);
    m.imports.push_back(std::move(im));
  }
}

void read_function_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Function f;
    f.pos = uint32_t(r.pos());
    f.type = r.u32();
    m.funcs.push_back(std::move(f));
  }
}

void read_table_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) m.tables.push_back(read_table_type(r));
}

void read_memory_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) m.memories.push_back(MemoryType{read_limits(r)});
}

void read_global_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Global g;
    g.pos = uint32_t(r.pos());
    g.type = read_global_type(r);
    g.init = read_expr(r, kConstExpr);
    m.globals.push_back(std::move(g));
  }
}

void read_export_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Export e;
    e.pos = uint32_t(r.pos());
    e.name = r.name();
    const size_t at = r.pos();
    const uint8_t kind = r.u8();
    if (r.ok() && kind > uint8_t(ExternKind::Global)) {
      r.fail(at, "malformed export kind");
      return;
    }
    e.kind = ExternKind(kind);
    e.index = r.u32();
    m.exports.push_back(std::move(e));
  }
}

void read_start_section(ByteReader& r, Module& m) { m.start = r.u32(); }

void read_element_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    ElemSegment seg;
    seg.pos = uint32_t(r.pos());
    const uint32_t flags = r.u32();
    if (!r.ok()) return;
    if (flags > kElemMaxFlags) {
      r.fail(seg.pos, "malformed elements segment kind");
      return;
    }
    if (!(flags & kElemNotActive)) {
      seg.mode = ElemSegment::Mode::Active;
      if (flags & kElemExplicitOrDeclarative) seg.table = r.u32();
      seg.offset = read_expr(r, kConstExpr);
    } else {
      seg.mode = (flags & kElemExplicitOrDeclarative) ? ElemSegment::Mode::Declarative
                                                      : ElemSegment::Mode::Passive;
    }
    // Forms 0 and 4 imply funcref; the others name an element kind (byte 0x00) or a ref type.
    const bool has_type = (flags & (kElemNotActive | kElemExplicitOrDeclarative)) != 0;
    if (flags & kElemExpressions) {
      if (has_type) seg.type = read_ref_type(r);
      const uint32_t items = r.count();
      for (uint32_t k = 0; k < items && r.ok(); ++k) seg.init.push_back(read_expr(r, kConstExpr));
    } else {
      if (has_type) {
        const size_t at = r.pos();
        const uint8_t kind = r.u8();
        if (r.ok() && kind != kElemKindFuncRef) {
          r.fail(at, "malformed element kind");
          return;
        }
      }
      const uint32_t items = r.count();
      for (uint32_t k = 0; k < items && r.ok(); ++k) {
        const uint32_t at = uint32_t(r.pos());
        const uint32_t func = r.u32();
        seg.init.push_back(ref_func_item(func, at));
      }
    }
    m.elems.push_back(std::move(seg));
  }
}

void read_data_count_section(ByteReader& r, Module& m) { m.data_count = r.u32(); }

void read_data_section(ByteReader& r, Module& m) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    DataSegment seg;
    seg.pos = uint32_t(r.pos());
    const uint32_t flags = r.u32();
    if (!r.ok()) return;
    switch (flags) {
      case kDataActive:
        seg.mode = DataSegment::Mode::Active;
        seg.offset = read_expr(r, kConstExpr);
        break;
      case kDataPassive: seg.mode = DataSegment::Mode::Passive; break;
      case kDataActiveExplicit:
        seg.mode = DataSegment::Mode::Active;
        seg.memory = read_memory_index(r);
        seg.offset = read_expr(r, kConstExpr);
        break;
      default: r.fail(seg.pos, "malformed data segment kind"); return;
    }
    const uint32_t size = r.u32();
    auto bytes = r.bytes(size, kUnexpectedEndInSection);
    seg.bytes.assign(bytes.begin(), bytes.end());
    m.datas.push_back(std::move(seg));
  }
}

}  // namespace mnemo::binary
