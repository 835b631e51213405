// core/binary/format.h: the fixed bytes of the module format (spec section 5.5) that are not
// opcodes: preamble, section ids and their order, type forms, kinds and segment flags. Shared by
// the reader and the writer. Internal to core/binary.
#pragma once

#include <cstdint>

namespace mnemo::binary {

inline constexpr uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};  // "\0asm"
inline constexpr uint8_t kVersion[4] = {0x01, 0x00, 0x00, 0x00};

enum class SectionId : uint8_t {
  Custom = 0,
  Type = 1,
  Import = 2,
  Function = 3,
  Table = 4,
  Memory = 5,
  Global = 6,
  Export = 7,
  Start = 8,
  Element = 9,
  Code = 10,
  Data = 11,
  DataCount = 12,
};
inline constexpr uint8_t kMaxSectionId = 12;

// Non-custom sections in the order they must appear (section 5.5.2): DataCount sits between
// Element and Code so that code can be checked against it in one pass.
inline constexpr SectionId kSectionOrder[] = {
    SectionId::Type,   SectionId::Import,  SectionId::Function,  SectionId::Table,
    SectionId::Memory, SectionId::Global,  SectionId::Export,    SectionId::Start,
    SectionId::Element, SectionId::DataCount, SectionId::Code,   SectionId::Data,
};

// The rank of a non-custom section in kSectionOrder.
constexpr int section_rank(SectionId id) {
  for (int i = 0; i < int(sizeof kSectionOrder); ++i)
    if (kSectionOrder[i] == id) return i;
  return -1;
}

inline constexpr uint8_t kFuncTypeForm = 0x60;  // functype ::= 0x60 params results
inline constexpr uint8_t kElemKindFuncRef = 0x00;
inline constexpr uint8_t kLimitsHasMax = 0x01;

// Element segment flags (section 5.5.12): bit 0 passive/declarative, bit 1 explicit table index
// (active) or declarative (not active), bit 2 items are expressions.
inline constexpr uint32_t kElemNotActive = 0x1;
inline constexpr uint32_t kElemExplicitOrDeclarative = 0x2;
inline constexpr uint32_t kElemExpressions = 0x4;
inline constexpr uint32_t kElemMaxFlags = 7;

// Data segment flags (section 5.5.14).
inline constexpr uint32_t kDataActive = 0;
inline constexpr uint32_t kDataPassive = 1;
inline constexpr uint32_t kDataActiveExplicit = 2;

// Subsections of the "name" custom section (spec appendix 7.4, extended name section).
enum class NameSubsection : uint8_t {
  Module = 0,
  Function = 1,
  Local = 2,
  Label = 3,
  Type = 4,
  Table = 5,
  Memory = 6,
  Global = 7,
  Elem = 8,
  Data = 9,
};

// An implementation limit (spec appendix 7.1): declared locals per function, as in the JS API.
inline constexpr uint64_t kMaxFunctionLocals = 50000;

}  // namespace mnemo::binary
