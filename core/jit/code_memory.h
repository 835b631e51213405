// core/jit/code_memory.h: machine code in executable pages, W^X: the bytes are written into pages
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
  // `size` bytes to fill through writable() (the caller lays the code out in place: no copy of
  // a whole module's code), then seal().
  explicit CodeMemory(size_t size);
  ~CodeMemory();
  CodeMemory(const CodeMemory&) = delete;
  CodeMemory& operator=(const CodeMemory&) = delete;

  // Before seal(): the pages to write (null when the mapping was refused).
  uint8_t* writable() { return sealed_ ? nullptr : data_; }
  // Makes the pages executable; false (and data() null) when the host refuses.
  bool seal();

  const uint8_t* data() const { return sealed_ ? data_ : nullptr; }
  size_t size() const { return size_; }

 private:
  void release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_ = 0;
  bool sealed_ = false;
};

}  // namespace mnemo::jit
