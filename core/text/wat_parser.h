// core/text/wat_parser.h: the WebAssembly text format (2.0 with multiple memories) into a Module.
// Errors name line:column. Parsing resolves $names and abbreviations; validation is separate.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/module.h"
#include "core/result.h"

namespace mnemo {

// Parses one module: `(module $id? field*)` or a bare sequence of module fields, found in
// source[begin, end). Positions in the result (and in errors) are offsets into the whole source,
// so a module inside a .wast script reports the script's own line:column.
Result<Module> parse_wat(std::string_view source, size_t begin = 0, size_t end = std::string_view::npos);

}  // namespace mnemo
