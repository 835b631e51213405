// web/ui/engine_link.h: the one seam between the debugger and the runtime (core/runtime and
// core/vm). Everything in web/ui that executes code or reads a live memory goes through here;
// engine_link.cpp is the only file that names the runtime's own types.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/module.h"
#include "core/result.h"
#include "core/vm/session.h"

namespace mnemo::ui {

// A live memory as it is right now. Re-read every frame: memory.grow may move and resize it.
struct MemoryImage {
  const uint8_t* data = nullptr;
  uint64_t size = 0;  // bytes
};

// An instantiated module the debugger can call into.
class LiveInstance {
 public:
  virtual ~LiveInstance() = default;
  virtual uint32_t memory_count() const = 0;
  virtual MemoryImage memory(uint32_t index) const = 0;
  virtual bool write_memory(uint32_t index, uint64_t address, const uint8_t* bytes, uint64_t size) = 0;
  virtual std::vector<WasmValue> globals() const = 0;
  virtual uint32_t table_size(uint32_t index) const = 0;
  virtual bool data_dropped(uint32_t index) const = 0;
  // Starts a call of function `func` (module index space), stopped before its first instruction.
  virtual Result<std::unique_ptr<Session>> begin_call(uint32_t func, std::vector<WasmValue> args) = 0;
};

// True when this build links the interpreter.
bool interpreter_available();

// Instantiates `module`; imported memories are created fresh from their declared limits and
// imported functions print their arguments through `print`.
Result<std::unique_ptr<LiveInstance>> instantiate(const Module& module);

}  // namespace mnemo::ui
