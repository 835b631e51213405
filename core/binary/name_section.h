// core/binary/name_section.h: the "name" custom section (spec appendix 7.4, with the extended
// name section's type/table/memory/global/elem/data subsections). Internal to core/binary.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/module.h"

namespace mnemo::binary {

inline constexpr char kNameSectionName[] = "name";

// Parses the payload of a "name" section (after its name). A malformed name section is not an
// error of the module (the appendix says so): the result is then empty.
std::optional<Names> parse_name_section(std::span<const uint8_t> payload);

// The payload of a "name" section for `names`; empty when there is nothing to say.
std::vector<uint8_t> encode_name_section(const Names& names);

}  // namespace mnemo::binary
