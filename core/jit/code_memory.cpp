// core/jit/code_memory.cpp: mmap RW, copy, mprotect RX (see code_memory.h).
#include "core/jit/code_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

namespace mnemo::jit {

CodeMemory::CodeMemory(std::span<const uint8_t> code) {
  const size_t page = size_t(sysconf(_SC_PAGESIZE));
  const size_t bytes = (code.size() + page - 1) / page * page;
  if (bytes == 0) return;
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return;
  std::memcpy(p, code.data(), code.size());
  if (mprotect(p, bytes, PROT_READ | PROT_EXEC) != 0) {
    munmap(p, bytes);
    return;
  }
#if defined(__aarch64__)
  __builtin___clear_cache(static_cast<char*>(p), static_cast<char*>(p) + code.size());
#endif
  data_ = static_cast<uint8_t*>(p);
  size_ = code.size();
  mapped_ = bytes;
}

CodeMemory::~CodeMemory() {
  if (data_) munmap(data_, mapped_);
}

}  // namespace mnemo::jit
