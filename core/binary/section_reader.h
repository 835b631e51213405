// core/binary/section_reader.h: readers for the contents of each known section (spec section
// 5.5), after the section id and size. Errors go to the ByteReader. Internal to core/binary.
#pragma once

#include "core/binary/byte_reader.h"
#include <vector>

#include "core/module.h"

namespace mnemo::binary {

void read_type_section(ByteReader& r, Module& m);
void read_import_section(ByteReader& r, Module& m);
// Appends one Function per declared type index; the code section fills in locals and bodies.
void read_function_section(ByteReader& r, Module& m);
void read_table_section(ByteReader& r, Module& m);
void read_memory_section(ByteReader& r, Module& m);
void read_global_section(ByteReader& r, Module& m);
void read_export_section(ByteReader& r, Module& m);
void read_start_section(ByteReader& r, Module& m);
void read_element_section(ByteReader& r, Module& m);
void read_data_count_section(ByteReader& r, Module& m);
// Reads the bodies into `code` (locals, body, pos); decode_module pairs them with m.funcs once
// all sections are read. Needs m.data_count as read so far.
void read_code_section(ByteReader& r, const Module& m, std::vector<Function>& code);
void read_data_section(ByteReader& r, Module& m);

}  // namespace mnemo::binary
