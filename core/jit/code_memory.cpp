// core/jit/code_memory.cpp: mmap RW, fill, mprotect RX (see code_memory.h).
#include "core/jit/code_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

namespace mnemo::jit {

CodeMemory::CodeMemory(size_t size) {
  const size_t page = size_t(sysconf(_SC_PAGESIZE));
  const size_t bytes = (size + page - 1) / page * page;
  if (bytes == 0) return;
  // Populated up front: the pages are all about to be written, and one call that maps them
  // costs far less than a fault per page.
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (p == MAP_FAILED) return;
  data_ = static_cast<uint8_t*>(p);
  size_ = size;
  mapped_ = bytes;
}

CodeMemory::CodeMemory(std::span<const uint8_t> code) : CodeMemory(code.size()) {
  if (!data_) return;
  std::memcpy(data_, code.data(), code.size());
  seal();
}

bool CodeMemory::seal() {
  if (!data_ || sealed_) return sealed_;
  if (mprotect(data_, mapped_, PROT_READ | PROT_EXEC) != 0) {
    release();
    return false;
  }
#if defined(__aarch64__)
  __builtin___clear_cache(reinterpret_cast<char*>(data_), reinterpret_cast<char*>(data_) + size_);
#endif
  sealed_ = true;
  return true;
}

void CodeMemory::release() {
  if (data_) munmap(data_, mapped_);
  data_ = nullptr;
  size_ = 0;
  mapped_ = 0;
}

CodeMemory::~CodeMemory() { release(); }

}  // namespace mnemo::jit
