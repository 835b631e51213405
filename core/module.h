// core/module.h: the in-memory form of a WebAssembly module, shared by the binary decoder and
// encoder, the text parser, the validator, the printer and the runtime.
//
// Index spaces follow the spec: imported entities come first, then the module's own definitions.
// Every memory-referencing instruction keeps its memory index in Instr::mem.memory (memory.copy's
// source in Instr::mem_src); nothing assumes a single memory.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "imm_list.h"
#include "opcodes.h"

namespace mnemo {

enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
};

std::string_view to_string(ValType t);  // "i32", "funcref", ...
bool is_ref(ValType t);
bool is_valtype_byte(uint8_t byte);

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType&) const = default;
};

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
  bool operator==(const Limits&) const = default;
};

struct TableType {
  ValType elem = ValType::FuncRef;
  Limits limits;
  bool operator==(const TableType&) const = default;
};

struct MemoryType {
  Limits limits;  // in 64 KiB pages
  bool operator==(const MemoryType&) const = default;
};

struct GlobalType {
  ValType type = ValType::I32;
  bool mut = false;
  bool operator==(const GlobalType&) const = default;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };
std::string_view to_string(ExternKind k);  // "func", "table", "memory", "global"

struct V128 {
  std::array<uint8_t, 16> bytes{};
  bool operator==(const V128&) const = default;
};

struct BlockType {
  enum class Kind : uint8_t { Empty, Value, TypeIndex };
  Kind kind = Kind::Empty;
  ValType value = ValType::I32;  // Kind::Value
  uint32_t type_index = 0;       // Kind::TypeIndex
  // Equal by what the kind uses: one made in place (Instr's shared storage) need not hold
  // BlockType{}'s values in the field its kind leaves unused.
  bool operator==(const BlockType& o) const {
    if (kind != o.kind) return false;
    switch (kind) {
      case Kind::Empty: return true;
      case Kind::Value: return value == o.value;
      case Kind::TypeIndex: return type_index == o.type_index;
    }
    return false;
  }
};

// The one shape of a memory operand. `memory` is the memory index (0 when the binary's bit 6 of
// the alignment field is clear, or when the text names none); `align` is log2 of the alignment.
struct MemArg {
  uint32_t memory = 0;
  uint32_t align = 0;
  uint64_t offset = 0;
  bool operator==(const MemArg&) const = default;
};

// One instruction with its immediates. Which fields are meaningful follows info(op).imm:
//   Label/Func/Local/Global/Table/Elem/Data          -> index
//   CallIndirect                                     -> index = type, index2 = table
//   TableCopy                                        -> index = destination, index2 = source
//   TableInit                                        -> index = element segment, index2 = table
//   Memory                                           -> mem.memory
//   MemoryCopy                                       -> mem.memory = destination, mem_src = source
//   MemoryInit                                       -> index = data segment, mem.memory
//   MemArg / MemArgLane                              -> mem (+ lane)
//   Lane -> lane;  Shuffle / V128 -> v128;  I32/I64/F32/F64 -> bits (raw bit pattern)
//   Block -> block;  BrTable -> labels (targets, then the default);  RefType -> ref_type
//   SelectT -> types
//
// A module holds one Instr per instruction (hundreds of thousands in a large one), so its size
// is what decoding, validating and compiling pay in memory traffic: 48 bytes. Immediates that no
// ImmKind uses together share storage (mem / bits / v128 / block, and index2 / mem_src); reading
// one that info(op).imm does not name gives an unspecified value. A new Instr has zero in the
// shared storage (so mem.memory is 0 for every instruction that does not set it).
struct Instr {
  // Spelled out because the shared storage below starts as a zero memarg.
  Instr() : mem{} {}

  Opcode op = Opcode::Nop;
  uint8_t lane = 0;
  ValType ref_type = ValType::FuncRef;
  uint32_t pos = 0;  // byte offset in the source this instruction was read from (binary or text)
  uint32_t index = 0;
  union {
    uint32_t index2 = 0;
    uint32_t mem_src;
  };
  union {
    MemArg mem;
    uint64_t bits;
    V128 v128;
    BlockType block;
  };
  ImmList<uint32_t> labels;
  ImmList<ValType> types;

  // Structural equality: the opcode and the immediates it has, not the source position.
  bool same_as(const Instr& o) const;
};
static_assert(sizeof(Instr) <= 48, "Instr's size is what large modules pay per instruction");

// A constant expression or function body: instructions in order, ending with End.
using Expr = std::vector<Instr>;

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t func_type = 0;  // ExternKind::Func: type index
  TableType table;         // ExternKind::Table
  MemoryType memory;       // ExternKind::Memory
  GlobalType global;       // ExternKind::Global
  uint32_t pos = 0;
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
  uint32_t pos = 0;
};

struct Function {
  uint32_t type = 0;             // type index
  std::vector<ValType> locals;   // declared locals, expanded (parameters not included)
  Expr body;                     // ends with End
  uint32_t pos = 0;              // where the function (body) starts in the source
};

struct Global {
  GlobalType type;
  Expr init;
  uint32_t pos = 0;
};

struct ElemSegment {
  enum class Mode : uint8_t { Passive, Active, Declarative };
  Mode mode = Mode::Passive;
  ValType type = ValType::FuncRef;
  uint32_t table = 0;       // Mode::Active
  Expr offset;              // Mode::Active
  std::vector<Expr> init;   // one constant expression per element (ref.func i / ref.null t / global.get)
  uint32_t pos = 0;
};

struct DataSegment {
  enum class Mode : uint8_t { Passive, Active };
  Mode mode = Mode::Passive;
  uint32_t memory = 0;      // Mode::Active: the memory the bytes are placed into
  Expr offset;              // Mode::Active
  std::vector<uint8_t> bytes;
  uint32_t pos = 0;
};

struct CustomSection {
  std::string name;
  std::vector<uint8_t> bytes;
  uint8_t after_section = 0;  // id of the last known section before it (0: before all)
};

// Symbolic names: $ids from the text format, or the "name" custom section. Keys are indices in
// the respective index space; names are stored without the leading '$'.
struct Names {
  std::string module;
  std::map<uint32_t, std::string> types, funcs, tables, memories, globals, elems, datas;
  std::map<uint32_t, std::map<uint32_t, std::string>> locals;  // function index -> local index -> name
};

struct Module {
  std::vector<FuncType> types;
  std::vector<Import> imports;
  std::vector<Function> funcs;      // defined functions (index space continues after imports)
  std::vector<TableType> tables;    // defined tables
  std::vector<MemoryType> memories; // defined memories
  std::vector<Global> globals;      // defined globals
  std::vector<Export> exports;
  std::optional<uint32_t> start;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  std::optional<uint32_t> data_count;  // the DataCount section, when present
  std::vector<CustomSection> customs;
  Names names;

  // Source of positions: in a module read from text, Instr::pos and the other pos fields are byte
  // offsets into the text and line_starts maps them to line:column. Empty for binary modules.
  std::vector<uint32_t> line_starts;

  // Index spaces (imports first).
  uint32_t imported_count(ExternKind k) const;
  uint32_t func_count() const { return imported_count(ExternKind::Func) + uint32_t(funcs.size()); }
  uint32_t table_count() const { return imported_count(ExternKind::Table) + uint32_t(tables.size()); }
  uint32_t memory_count() const { return imported_count(ExternKind::Memory) + uint32_t(memories.size()); }
  uint32_t global_count() const { return imported_count(ExternKind::Global) + uint32_t(globals.size()); }

  // Types by index in the full index space; the index must be in range.
  uint32_t func_type_index(uint32_t func) const;
  TableType table_type(uint32_t table) const;
  MemoryType memory_type(uint32_t memory) const;
  GlobalType global_type(uint32_t global) const;

  // "line 3:7" for text modules, "byte offset 0x2a" for binary ones.
  std::string describe_pos(uint32_t pos) const;
};

// "line:column" (1-based) of a byte offset, given the offsets where lines start (first is 0).
std::string line_column(const std::vector<uint32_t>& line_starts, uint32_t pos);

// Structural equality of two modules, ignoring source positions, names and custom sections.
// Returns an empty string when equal, otherwise a description of the first difference.
std::string structural_difference(const Module& a, const Module& b);

}  // namespace mnemo
