// core/jit/guard_sites.cpp: the registered guard sites (see guard_sites.h). The handler reads a
// lock-free list: registration pushes a node, unregistration only marks it inactive (a node is
// never freed, so a handler running on another thread never reads freed memory; each costs its
// sites, some bytes per compiled function).
#include "core/jit/guard_sites.h"

#include <algorithm>
#include <atomic>
#include <mutex>

namespace mnemo::jit {

struct Node {
  std::atomic<bool> active{true};
  const uint8_t* code = nullptr;
  size_t size = 0;
  std::vector<GuardSite> sites;
  Node* next = nullptr;
};

namespace {
std::atomic<Node*> registered{nullptr};
}  // namespace

const GuardSite* find_guard_site(const uint8_t* pc, const uint8_t** code) {
  for (Node* n = registered.load(std::memory_order_acquire); n; n = n->next) {
    if (!n->active.load(std::memory_order_acquire) || pc < n->code || pc >= n->code + n->size) continue;
    const uint32_t at = uint32_t(pc - n->code);
    auto it = std::lower_bound(n->sites.begin(), n->sites.end(), at,
                               [](const GuardSite& s, uint32_t pc_) { return s.pc < pc_; });
    if (it == n->sites.end() || it->pc != at) return nullptr;
    *code = n->code;
    return &*it;
  }
  return nullptr;
}

GuardRegistration::GuardRegistration(const uint8_t* code, size_t size, std::vector<GuardSite> sites)
    : node_(new Node) {
  std::sort(sites.begin(), sites.end(), [](const GuardSite& a, const GuardSite& b) { return a.pc < b.pc; });
  node_->code = code;
  node_->size = size;
  node_->sites = std::move(sites);
  static std::mutex pushing;  // pushes are serialised; the handler only reads
  std::lock_guard<std::mutex> lock(pushing);
  node_->next = registered.load(std::memory_order_relaxed);
  registered.store(node_, std::memory_order_release);
}

GuardRegistration::~GuardRegistration() { node_->active.store(false, std::memory_order_release); }

}  // namespace mnemo::jit
