// core/binary/reader.h: decodes the WebAssembly binary format (2.0 with multiple memories) into a
// Module. Decoding checks everything the binary grammar says (malformed input); the rules of
// validation are core/validate's. Errors name the byte offset where decoding stopped.
#pragma once

#include <cstdint>
#include <span>

#include "core/module.h"
#include "core/result.h"

namespace mnemo {

Result<Module> decode_module(std::span<const uint8_t> bytes);

}  // namespace mnemo
