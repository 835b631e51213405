// core/runtime/trap_info.h: where code is and what it did, as every engine reports it: a position
// in a module (CodeLocation), an access to a linear memory (MemoryAccess) and a trap as a value
// (TrapInfo). The interpreter, the debugger and the JITs all speak these, so that a trap reads the
// same whichever engine ran the code.
//
// Positions are (function index, instruction index) pairs: the function in the module's function
// index space, the instruction as an index into Function::body (core/module.h), which is also what
// the printer's line map (core/text/printer.h) is indexed by. A call can run into functions another
// instance exports (linked modules), so a position also names the instance whose module it is in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/runtime/trap.h"

namespace mnemo {

struct Instance;  // core/runtime/store.h

struct CodeLocation {
  uint32_t func = 0;   // function index (imports first) in `instance`'s module
  uint32_t instr = 0;  // index into Function::body
  // The instance whose module defines the function; every engine fills it in the positions it
  // reports. Given to Session::set_breakpoint, null stands for the session's own instance.
  const Instance* instance = nullptr;
  bool operator==(const CodeLocation&) const = default;
};

// One access to a linear memory.
struct MemoryAccess {
  enum class Kind : uint8_t { Read, Write };
  Kind kind = Kind::Read;
  uint32_t memory = 0;   // memory index in the instance's memory index space
  uint64_t address = 0;  // effective address (base + offset)
  uint64_t size = 0;     // bytes
};

// A trap as a value: what kind, the spec's message, where it happened and, for memory faults,
// what faulted.
struct TrapInfo {
  TrapCode code = TrapCode::None;
  std::string message;  // "out of bounds memory access", "integer divide by zero", ...
  CodeLocation where;
  std::optional<MemoryAccess> fault;  // the access that was out of bounds (memory, address, size, kind)
};

}  // namespace mnemo
