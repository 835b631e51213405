// core/jit/code_memory.h: machine code in executable pages, W^X: the bytes are copied into pages
// mapped readable and writable, which are then made readable and executable, and never writable
// again. Freed with the object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace mnemo::jit {

class CodeMemory {
 public:
  // Null `data()` when the host refuses executable memory (then nothing can be compiled).
  explicit CodeMemory(std::span<const uint8_t> code);
  ~CodeMemory();
  CodeMemory(const CodeMemory&) = delete;
  CodeMemory& operator=(const CodeMemory&) = delete;

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_ = 0;
};

}  // namespace mnemo::jit
