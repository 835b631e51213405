// web/ui/engine_link.h: the one seam between the debugger and the runtime (core/runtime and
// core/vm). Everything in web/ui that executes code or reads a live memory goes through here;
// engine_link.cpp is the only file that names the runtime's own types.
#pragma once

#include <cstdint>
#include <functional>
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

// Instantiates `module` on its own store. The debugger has no other modules to link against, so
// every import is made up: an imported memory, table or global is created fresh from its declared
// type (zero-filled, minimum size), and an imported function prints its name and arguments through
// `print` and returns zeros. Errors carry the spec's wording ("out of bounds memory access" from a
// data segment, a trap in the start function, ...).
Result<std::unique_ptr<LiveInstance>> instantiate(std::shared_ptr<const Module> module,
                                                  std::function<void(std::string)> print);

}  // namespace mnemo::ui
