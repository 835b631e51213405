// tests/fuzz/fuzz_decode.cpp: libFuzzer entry point for the binary decoder (core/binary). Input
// bytes that do not decode must come back as an Error naming a byte offset; bytes that do must
// survive the round trip decode(encode(module)) unchanged. Anything else (a crash, a sanitizer
// report, a broken round trip) aborts, which libFuzzer records as a finding.
#include <cstdint>
#include <span>
#include <string>

#include "core/binary/reader.h"
#include "core/binary/writer.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mnemo;
  Result<Module> module = decode_module(std::span<const uint8_t>(data, size));
  if (!module) {
    fuzz::check(!module.error().message.empty(), "a decode error without a message");
    fuzz::check(module.error().where.find("byte offset") != std::string::npos,
                "a decode error that names no byte offset: " + module.error().str());
    return 0;
  }
  std::vector<uint8_t> bytes = encode_module(*module);
  Result<Module> again = decode_module(bytes);
  fuzz::check(again.ok(), "the encoding of a decoded module does not decode: " +
                              (again.ok() ? std::string() : again.error().str()));
  const std::string difference = structural_difference(*module, *again);
  fuzz::check(difference.empty(), "decode(encode(module)) differs: " + difference);
  return 0;
}
