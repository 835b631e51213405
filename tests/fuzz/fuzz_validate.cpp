// tests/fuzz/fuzz_validate.cpp: libFuzzer entry point for the validator (core/validate) behind the
// decoder: input that decodes is validated, and the verdict must not change when the module goes
// through the binary writer and back (the writer must not make an invalid module valid or the
// reverse). Input that does not decode just returns: fuzz_decode covers it.
#include <cstdint>
#include <span>

#include "core/binary/reader.h"
#include "core/binary/writer.h"
#include "core/validate/validate.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mnemo;
  Result<Module> module = decode_module(std::span<const uint8_t>(data, size));
  if (!module) return 0;
  Status valid = validate_module(*module);
  if (!valid) fuzz::check(!valid.error().message.empty(), "a validation error without a message");
  Result<Module> again = decode_module(encode_module(*module));
  fuzz::check(again.ok(), "the encoding of a decoded module does not decode");
  fuzz::check(validate_module(*again).ok() == valid.ok(), "the round trip through the writer changed the verdict");
  return 0;
}
