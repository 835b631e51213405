// core/text/wast.h: WAST scripts, the spec test suite's format (the reference interpreter's
// README, "Scripts"): module definitions, actions and assertions, parsed into plain data.
// Modules are kept unparsed (a source span, bytes or quoted text) so that a runner can check
// that parsing, decoding or validation fails where an assertion says it must.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/module.h"
#include "core/result.h"

namespace mnemo {

// A script constant (`const` in the grammar): the argument of an action, or a result of one.
struct Value {
  ValType type = ValType::I32;
  uint64_t bits = 0;     // I32/I64/F32/F64: the bit pattern, zero-extended. ExternRef: the host index
  V128 v128;             // V128: the 16 bytes, lanes little-endian
  bool is_null = false;  // FuncRef/ExternRef: ref.null. A non-null FuncRef carries no index here.

  bool operator==(const Value&) const = default;
};

// The lane interpretations of a v128 constant (spec 6.5.6, `v128.const shape ...`).
enum class LaneShape : uint8_t { I8x16, I16x8, I32x4, I64x2, F32x4, F64x2 };
std::string_view to_string(LaneShape shape);  // "i8x16", ...
unsigned lane_count(LaneShape shape);         // 16, 8, 4, 2, 4, 2
unsigned lane_bits(LaneShape shape);          // 8, 16, 32, 64, 32, 64
bool is_float_shape(LaneShape shape);

// A float result may be required to be any canonical NaN or any arithmetic NaN (spec 4.3.3):
// canonical = only the quiet bit set in the payload; arithmetic = the quiet bit set. Either sign.
enum class NanPattern : uint8_t { None, Canonical, Arithmetic };

// One expected number (`num_pat`): exact bits, or, for floats, a NaN pattern.
struct NumPattern {
  uint64_t bits = 0;                  // when nan == None
  NanPattern nan = NanPattern::None;
  bool operator==(const NumPattern&) const = default;
};

// One expected result of assert_return (`result_pat`).
struct Expected {
  enum class Kind : uint8_t {
    Num,        // (i32|i64|f32|f64.const num_pat): `type` and `num`
    Vec,        // (v128.const shape num_pat+): `shape` and one pattern per lane in `lanes`
    RefNull,    // (ref.null func|extern): a null of `type`; bare (ref.null): a null of any type
    RefFunc,    // (ref.func): any non-null funcref
    RefExtern,  // (ref.extern N): the host reference N (`num.bits`); bare (ref.extern): any non-null
    Either,     // (either result_pat+): any of `alternatives`
  };
  Kind kind = Kind::Num;
  ValType type = ValType::I32;
  NumPattern num;
  LaneShape shape = LaneShape::I32x4;
  std::vector<NumPattern> lanes;
  bool any = false;  // RefNull without a type, RefExtern without an index
  std::vector<Expected> alternatives;
};

// A module as a script writes it. Nothing is parsed or decoded until a runner asks.
struct ScriptModule {
  enum class Form : uint8_t {
    Text,    // (module $id? field*): parse Script::source[begin, end) with parse_wat
    Binary,  // (module $id? binary "..."*): decode `bytes`
    Quote,   // (module $id? quote "..."*): parse `bytes` as text
  };
  Form form = Form::Text;
  std::string id;           // "$name" (with the '$'), or empty
  bool definition = false;  // (module definition ...): defined but not instantiated
  uint32_t begin = 0;       // the whole `(module ...)` form in Script::source
  uint32_t end = 0;
  std::string bytes;        // Binary: the concatenated strings; Quote: the concatenated text
};

// invoke / get of an instance's export.
struct Action {
  enum class Kind : uint8_t { Invoke, Get };
  Kind kind = Kind::Invoke;
  std::string instance;     // "$name" of the instance, or empty for the most recent one
  std::string name;         // the export's name (the string's raw bytes)
  std::vector<Value> args;  // Invoke only
  uint32_t pos = 0;         // offset of the action's '(' in Script::source
};

enum class CommandKind : uint8_t {
  Module,                // a module definition (instantiated unless `definition`)
  Instance,              // (module instance $inst? $module?)
  Register,              // (register "name" $inst?)
  Action,                // a bare invoke / get
  AssertReturn,
  AssertTrap,            // on an action, or on a module's instantiation (`module` set)
  AssertExhaustion,
  AssertMalformed,
  AssertInvalid,
  AssertUnlinkable,
  AssertUninstantiable,
};
std::string_view to_string(CommandKind kind);  // "module", "assert_return", ...

struct Command {
  CommandKind kind = CommandKind::Module;
  uint32_t pos = 0;     // offset of the command's '(' in Script::source
  uint32_t line = 0;    // 1-based line and column of `pos`
  uint32_t column = 0;
  std::optional<ScriptModule> module;  // Module, AssertTrap on a module, AssertMalformed/Invalid/
                                       // Unlinkable/Uninstantiable
  std::optional<Action> action;        // Action, AssertReturn, AssertTrap on an action, AssertExhaustion
  std::vector<Expected> expected;      // AssertReturn
  std::string message;                 // assertions: the expected failure text
  std::string name;                    // Register: the name imports use
  std::string instance;                // Register: "$inst" or empty; Instance: the new instance's id
  std::string module_id;               // Instance: the defined module's id (empty: the most recent)
};

struct Script {
  std::string source;                // the whole script; ScriptModule::begin/end index it
  std::vector<uint32_t> line_starts;
  std::vector<Command> commands;

  std::string line_column(uint32_t pos) const;  // "12:3"
};

// Parses a script. Errors name the script's line:column.
Result<Script> parse_wast(std::string_view source);

// Text of values and patterns for reports: "i32:42", "f32:0x1p+0", "v128:i32x4 1 2 3 4",
// "f32:nan:canonical", "ref.null func", "ref.extern 3".
std::string describe(const Value& value);
std::string describe(const Expected& expected);

}  // namespace mnemo
