// tests/fuzz/fuzz_parse.cpp: libFuzzer entry point for the text format (core/text): the input is
// parsed both as a WAT module and as a WAST script. A module that parses is encoded and printed
// (the printer and the writer take unvalidated modules too, as the CLI's dump does); a script
// that parses has each of its modules read the way `mnemo wast` reads them. Input that fails to
// parse must come back as an Error with a message.
#include <cstdint>
#include <string_view>

#include "core/binary/writer.h"
#include "core/script/load.h"
#include "core/text/printer.h"
#include "core/text/wast.h"
#include "core/text/wat_parser.h"
#include "fuzz_check.h"

namespace {

using namespace mnemo;

void parse_as_module(std::string_view text) {
  Result<Module> module = parse_wat(text);
  if (!module) {
    fuzz::check(!module.error().message.empty(), "a WAT parse error without a message");
    return;
  }
  (void)encode_module(*module, EncodeOptions{.emit_names = true});
  (void)print_module(*module);
}

void parse_as_script(std::string_view text) {
  Result<Script> script = parse_wast(text);
  if (!script) {
    fuzz::check(!script.error().message.empty(), "a WAST parse error without a message");
    return;
  }
  for (const Command& command : script->commands) {
    if (!command.module) continue;
    CheckedModule checked = check_script_module(*script, *command.module);
    if (checked.stage != CheckedModule::Stage::Valid)
      fuzz::check(!checked.error.message.empty(), "a script module rejected without a message");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parse_as_module(text);
  parse_as_script(text);
  return 0;
}
