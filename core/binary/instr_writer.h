// core/binary/instr_writer.h: encodes instructions through the opcode table (the mirror of
// core/binary/instr_reader.h). Internal to core/binary.
#pragma once

#include "core/binary/byte_writer.h"
#include "core/module.h"

namespace mnemo::binary {

// The one place a memory index is written (memory.size/grow/fill/copy/init and memargs).
void write_memory_index(ByteWriter& w, uint32_t memory);
// align, then (bit 6 set) the memory index when it is not 0, then the offset.
void write_memarg(ByteWriter& w, const MemArg& m);
void write_value_type(ByteWriter& w, ValType t);
void write_instr(ByteWriter& w, const Instr& in);
void write_expr(ByteWriter& w, const Expr& e);

}  // namespace mnemo::binary
