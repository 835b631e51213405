// core/binary/name_section.cpp: reads and writes the "name" custom section. Subsections must
// appear at most once each, in increasing id order; anything malformed drops the whole section.
#include "core/binary/name_section.h"

#include "core/binary/byte_reader.h"
#include "core/binary/byte_writer.h"
#include "core/binary/format.h"

namespace mnemo::binary {
namespace {

void read_name_map(ByteReader& r, std::map<uint32_t, std::string>& out) {
  const uint32_t n = r.count();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    const uint32_t index = r.u32();
    std::string name = r.name();
    if (r.ok()) out[index] = std::move(name);
  }
}

void write_name_map(ByteWriter& w, const std::map<uint32_t, std::string>& names) {
  w.u32(uint32_t(names.size()));
  for (const auto& [index, name] : names) {
    w.u32(index);
    w.name(name);
  }
}

void write_subsection(ByteWriter& out, NameSubsection id, const ByteWriter& body) {
  out.u8(uint8_t(id));
  out.sized_bytes(body.data());
}

}  // namespace

std::optional<Names> parse_name_section(std::span<const uint8_t> payload) {
  ByteReader r(payload);
  Names names;
  int last_id = -1;
  while (r.ok() && !r.at_end()) {
    const uint8_t id = r.u8();
    const uint32_t size = r.u32();
    if (!r.ok() || size > r.remaining() || int(id) <= last_id) return std::nullopt;
    last_id = id;
    const size_t end = r.pos() + size;
    switch (NameSubsection(id)) {
      case NameSubsection::Module: names.module = r.name(); break;
      case NameSubsection::Function: read_name_map(r, names.funcs); break;
      case NameSubsection::Local: {
        const uint32_t n = r.count();
        for (uint32_t i = 0; i < n && r.ok(); ++i) {
          const uint32_t func = r.u32();
          read_name_map(r, names.locals[func]);
        }
        break;
      }
      case NameSubsection::Type: read_name_map(r, names.types); break;
      case NameSubsection::Table: read_name_map(r, names.tables); break;
      case NameSubsection::Memory: read_name_map(r, names.memories); break;
      case NameSubsection::Global: read_name_map(r, names.globals); break;
      case NameSubsection::Elem: read_name_map(r, names.elems); break;
      case NameSubsection::Data: read_name_map(r, names.datas); break;
      default: r.seek(end); break;  // labels and subsections we do not keep
    }
    if (!r.ok() || r.pos() != end) return std::nullopt;
  }
  if (!r.ok()) return std::nullopt;
  return names;
}

std::vector<uint8_t> encode_name_section(const Names& names) {
  ByteWriter out;
  if (!names.module.empty()) {
    ByteWriter body;
    body.name(names.module);
    write_subsection(out, NameSubsection::Module, body);
  }
  auto map_subsection = [&out](NameSubsection id, const std::map<uint32_t, std::string>& map) {
    if (map.empty()) return;
    ByteWriter body;
    write_name_map(body, map);
    write_subsection(out, id, body);
  };
  map_subsection(NameSubsection::Function, names.funcs);
  bool any_locals = false;
  for (const auto& entry : names.locals) any_locals |= !entry.second.empty();
  if (any_locals) {
    ByteWriter body;
    uint32_t funcs = 0;
    for (const auto& entry : names.locals) funcs += !entry.second.empty();
    body.u32(funcs);
    for (const auto& [func, locals] : names.locals) {
      if (locals.empty()) continue;
      body.u32(func);
      write_name_map(body, locals);
    }
    write_subsection(out, NameSubsection::Local, body);
  }
  map_subsection(NameSubsection::Type, names.types);
  map_subsection(NameSubsection::Table, names.tables);
  map_subsection(NameSubsection::Memory, names.memories);
  map_subsection(NameSubsection::Global, names.globals);
  map_subsection(NameSubsection::Elem, names.elems);
  map_subsection(NameSubsection::Data, names.datas);
  return out.take();
}

}  // namespace mnemo::binary
