// core/binary/reader.cpp: decode_module: the preamble, the section sequence (ids, sizes, order,
// custom sections) and the checks that span sections (spec section 5.5.16).
//
// Like the reference interpreter, items are read from the whole input and a section's size is
// checked when the section is done ("section size mismatch"), so the messages match the spec
// test suite's.
#include "core/binary/reader.h"

#include <algorithm>

#include "core/binary/byte_reader.h"
#include "core/binary/format.h"
#include "core/binary/name_section.h"
#include "core/binary/section_reader.h"

namespace mnemo {
namespace {

using binary::ByteReader;
using binary::SectionId;

bool read_preamble(ByteReader& r) {
  auto magic = r.bytes(sizeof binary::kMagic, binary::kUnexpectedEnd);
  if (!r.ok()) return false;
  if (!std::equal(magic.begin(), magic.end(), std::begin(binary::kMagic))) {
    r.fail(0, "magic header not detected");
    return false;
  }
  auto version = r.bytes(sizeof binary::kVersion, binary::kUnexpectedEnd);
  if (!r.ok()) return false;
  if (!std::equal(version.begin(), version.end(), std::begin(binary::kVersion))) {
    r.fail(4, "unknown binary version");
    return false;
  }
  return true;
}

void read_custom_section(ByteReader& r, Module& m, size_t end, uint8_t after_section) {
  CustomSection c;
  c.name = r.name();
  c.after_section = after_section;
  if (!r.ok()) return;
  if (r.pos() > end) {
    r.fail(end, binary::kUnexpectedEnd);  // the name runs past the section's size
    return;
  }
  auto payload = r.bytes(end - r.pos(), binary::kUnexpectedEnd);
  c.bytes.assign(payload.begin(), payload.end());
  const bool first_name_section = std::none_of(m.customs.begin(), m.customs.end(), [](const CustomSection& s) {
    return s.name == binary::kNameSectionName;
  });
  if (c.name == binary::kNameSectionName && first_name_section) {
    // A malformed name section is ignored (spec appendix 7.4).
    if (auto names = binary::parse_name_section(payload)) m.names = std::move(*names);
  }
  m.customs.push_back(std::move(c));
}

void read_known_section(ByteReader& r, Module& m, SectionId id, std::vector<Function>& code) {
  switch (id) {
    case SectionId::Type: binary::read_type_section(r, m); break;
    case SectionId::Import: binary::read_import_section(r, m); break;
    case SectionId::Function: binary::read_function_section(r, m); break;
    case SectionId::Table: binary::read_table_section(r, m); break;
    case SectionId::Memory: binary::read_memory_section(r, m); break;
    case SectionId::Global: binary::read_global_section(r, m); break;
    case SectionId::Export: binary::read_export_section(r, m); break;
    case SectionId::Start: binary::read_start_section(r, m); break;
    case SectionId::Element: binary::read_element_section(r, m); break;
    case SectionId::DataCount: binary::read_data_count_section(r, m); break;
    case SectionId::Code: binary::read_code_section(r, m, code); break;
    case SectionId::Data: binary::read_data_section(r, m); break;
    case SectionId::Custom: break;
  }
}

}  // namespace

Result<Module> decode_module(std::span<const uint8_t> bytes) {
  ByteReader r(bytes);
  Module m;
  if (!read_preamble(r)) return r.error();

  int last_rank = -1;
  uint8_t last_id = 0;  // the last known section, for placing custom sections
  bool saw_data = false;
  size_t code_section_at = 0, data_section_at = 0;
  std::vector<Function> code;  // the code section's entries, paired with m.funcs at the end
  while (r.ok() && !r.at_end()) {
    const size_t start = r.pos();
    const uint8_t id = r.u8();
    if (id > binary::kMaxSectionId) {
      r.fail(start, "malformed section id");
      break;
    }
    r.set_end_message(binary::kUnexpectedEndInSection);
    const size_t size_at = r.pos();
    const uint32_t size = r.u32();
    if (r.ok() && size > r.remaining()) r.fail(size_at, "length out of bounds");
    if (!r.ok()) break;
    const size_t end = r.pos() + size;

    if (SectionId(id) == SectionId::Custom) {
      read_custom_section(r, m, end, last_id);
    } else {
      const int rank = binary::section_rank(SectionId(id));
      if (rank <= last_rank) {
        // A duplicate or out-of-order section: what follows the sections that may still come.
        r.fail(start, "unexpected content after last section");
        break;
      }
      last_rank = rank;
      last_id = id;
      if (SectionId(id) == SectionId::Code) code_section_at = start;
      if (SectionId(id) == SectionId::Data) {
        saw_data = true;
        data_section_at = start;
      }
      read_known_section(r, m, SectionId(id), code);
    }
    if (r.ok() && r.pos() != end) r.fail(start, "section size mismatch");
    r.set_end_message(binary::kUnexpectedEnd);
  }
  if (!r.ok()) return r.error();

  if (code.size() != m.funcs.size()) {
    r.fail(code_section_at ? code_section_at : r.pos(), "function and code section have inconsistent lengths");
    return r.error();
  }
  for (size_t i = 0; i < code.size(); ++i) {
    m.funcs[i].locals = std::move(code[i].locals);
    m.funcs[i].body = std::move(code[i].body);
    m.funcs[i].pos = code[i].pos;
  }
  if (m.data_count && *m.data_count != m.datas.size()) {
    r.fail(saw_data ? data_section_at : r.pos(), "data count and data section have inconsistent lengths");
    return r.error();
  }
  return m;
}

}  // namespace mnemo
