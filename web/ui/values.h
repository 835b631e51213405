// web/ui/values.h: WebAssembly values as text for the debugger: formatting results, locals and
// operands, and parsing the arguments a user types for a call ("1 2.5 -3").
#pragma once

#include <string>
#include <vector>

#include "core/module.h"
#include "core/result.h"
#include "core/vm/session.h"

namespace mnemo::ui {

// "i32:42", "f64:2.5", "v128:0x01 0x02 ...", "funcref:null".
std::string format_value(const WasmValue& value);

// Parses whitespace-separated arguments against the parameter types of a function.
Result<std::vector<WasmValue>> parse_arguments(const std::string& text, const std::vector<ValType>& params);

}  // namespace mnemo::ui
