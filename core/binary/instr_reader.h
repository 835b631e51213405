// core/binary/instr_reader.h: decodes instructions (spec section 5.4) through the opcode table:
// the opcode bytes name a row of core/opcodes.def, and the row's ImmKind says which immediates
// follow. Internal to core/binary.
#pragma once

#include "core/binary/byte_reader.h"
#include "core/module.h"

namespace mnemo::binary {

struct ExprOptions {
  // memory.init and data.drop are malformed without a DataCount section (spec section 5.5.13).
  bool check_data_count = false;
  bool has_data_count = false;
  // The bytes the expression spans when known (a function body's size), to size its vector
  // once instead of growing it; 0 when unknown.
  size_t byte_size = 0;
};

// The one place a memory index is read: memory.size/grow/fill, both operands of memory.copy,
// memory.init's memory and the memarg's optional index are all a u32 memory index.
uint32_t read_memory_index(ByteReader& r);

// memarg (multi-memory): a u32 flags field whose bit 6 announces a memory index, which follows
// the flags and precedes the u32 offset; without bit 6 the memory is 0. The alignment is the
// flags with bit 6 cleared and must be below 32 ("malformed memop flags").
MemArg read_memarg(ByteReader& r);

BlockType read_block_type(ByteReader& r);
ValType read_value_type(ByteReader& r);
ValType read_ref_type(ByteReader& r);

// Reads instructions up to and including the `end` that closes the expression, checking that
// `else` only appears in an `if` and that blocks nest. Constant expressions go through here
// too; whether they are constant is the validator's question.
Expr read_expr(ByteReader& r, const ExprOptions& options);

}  // namespace mnemo::binary
