// core/binary/writer.h: encodes a Module in the WebAssembly binary format. The output is canonical
// (minimal LEB128s, sections in the spec's order), so encoding is deterministic.
#pragma once

#include <cstdint>
#include <vector>

#include "core/module.h"

namespace mnemo {

struct EncodeOptions {
  bool emit_names = false;  // = false  // write a "name" custom section from Module::names
};

std::vector<uint8_t> encode_module(const Module& module, const EncodeOptions& options = {});

}  // namespace mnemo
