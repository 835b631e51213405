// web/bindings.cpp: the engine's JS API (embind). Shaped after the WebAssembly JS API where it
// fits: validate(bytes | text), and wat/wasm conversion for the playground's editor.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "core/binary/reader.h"
#include "core/binary/writer.h"
#include "core/text/printer.h"
#include "core/text/wat_parser.h"
#include "core/validate/validate.h"

namespace {

using emscripten::val;

std::vector<uint8_t> to_bytes(const val& array) {
  return emscripten::convertJSArrayToNumberVector<uint8_t>(array);
}

// Reads a module from a Uint8Array (binary) or a string (text) and validates it.
mnemo::Result<mnemo::Module> load(const val& source) {
  mnemo::Result<mnemo::Module> module = source.isString()
                                            ? mnemo::parse_wat(source.as<std::string>())
                                            : mnemo::decode_module(to_bytes(source));
  if (!module) return module;
  if (auto status = mnemo::validate_module(*module); !status) return status.error();
  return module;
}

val error_object(const mnemo::Error& e) {
  val result = val::object();
  result.set("valid", false);
  result.set("where", e.where);
  result.set("message", e.message);
  result.set("error", e.str());
  return result;
}

// validate(source) -> {valid: true} or {valid: false, where, message, error}
val validate(const val& source) {
  auto module = load(source);
  if (!module) return error_object(module.error());
  val result = val::object();
  result.set("valid", true);
  return result;
}

// watToWasm(text) -> {valid: true, bytes: Uint8Array} or the error object
val wat_to_wasm(const std::string& text) {
  auto module = load(val(text));
  if (!module) return error_object(module.error());
  std::vector<uint8_t> bytes = mnemo::encode_module(*module);
  val result = val::object();
  result.set("valid", true);
  result.set("bytes", val::global("Uint8Array").new_(val(emscripten::typed_memory_view(bytes.size(), bytes.data()))));
  return result;
}

// print(source) -> {valid: true, text} or the error object
val print(const val& source) {
  auto module = load(source);
  if (!module) return error_object(module.error());
  val result = val::object();
  result.set("valid", true);
  result.set("text", mnemo::print_module(*module));
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(mnemo) {
  emscripten::function("validate", &validate);
  emscripten::function("watToWasm", &wat_to_wasm);
  emscripten::function("print", &print);
}
