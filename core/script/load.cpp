// core/script/load.cpp: reading modules from scripts and files, keeping apart the malformed
// (cannot be read) and the invalid (read, but rejected by validation).
#include "core/script/load.h"

#include <span>

#include "core/binary/reader.h"
#include "core/text/wat_parser.h"
#include "core/validate/validate.h"

namespace mnemo {
namespace {

Result<Module> decode_bytes(std::string_view bytes) {
  return decode_module(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

}  // namespace

bool is_binary_module(std::string_view content) { return content.substr(0, 4) == std::string_view("\0asm", 4); }

Result<Module> read_module_content(std::string_view content) {
  if (is_binary_module(content)) return decode_bytes(content);
  return parse_wat(content);
}

CheckedModule check_script_module(const Script& script, const ScriptModule& m) {
  CheckedModule out;
  Result<Module> read = Error{};
  switch (m.form) {
    case ScriptModule::Form::Text: read = parse_wat(script.source, m.begin, m.end); break;
    case ScriptModule::Form::Binary: read = decode_bytes(m.bytes); break;
    case ScriptModule::Form::Quote: read = parse_wat(m.bytes); break;
  }
  if (!read) {
    out.stage = CheckedModule::Stage::Malformed;
    out.error = read.error();
    if (m.form == ScriptModule::Form::Quote && !out.error.where.empty()) out.error.where = "quoted text " + out.error.where;
    return out;
  }
  out.module = std::move(read).value();
  Status valid = validate_module(out.module);
  if (!valid) {
    out.stage = CheckedModule::Stage::Invalid;
    out.error = valid.error();
    if (m.form == ScriptModule::Form::Quote && !out.error.where.empty()) out.error.where = "quoted text " + out.error.where;
    return out;
  }
  out.stage = CheckedModule::Stage::Valid;
  return out;
}

}  // namespace mnemo
