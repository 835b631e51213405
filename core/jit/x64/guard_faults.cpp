// core/jit/x64/guard_faults.cpp: the SIGSEGV handler and its table (see guard_faults.h). The
// handler reads a lock-free list: registration pushes a node, unregistration only marks it
// inactive (a node is never freed, so a handler running on another thread never reads freed
// memory; each costs its sites, some bytes per compiled function).
#include "core/jit/x64/guard_faults.h"

#include <signal.h>
#include <ucontext.h>

#include <algorithm>
#include <atomic>
#include <mutex>

namespace mnemo::jit::x64 {

struct Node {
  std::atomic<bool> active{true};
  const uint8_t* code = nullptr;
  size_t size = 0;
  std::vector<GuardSite> sites;
  Node* next = nullptr;
};

namespace {

std::atomic<Node*> registered{nullptr};
struct sigaction previous;

const GuardSite* find_site(const uint8_t* pc) {
  for (Node* n = registered.load(std::memory_order_acquire); n; n = n->next) {
    if (!n->active.load(std::memory_order_acquire) || pc < n->code || pc >= n->code + n->size) continue;
    const uint32_t at = uint32_t(pc - n->code);
    auto it = std::lower_bound(n->sites.begin(), n->sites.end(), at,
                               [](const GuardSite& s, uint32_t pc_) { return s.pc < pc_; });
    if (it != n->sites.end() && it->pc == at) return &*it;
    return nullptr;
  }
  return nullptr;
}

const uint8_t* code_of(const uint8_t* pc) {
  for (Node* n = registered.load(std::memory_order_acquire); n; n = n->next)
    if (n->active.load(std::memory_order_acquire) && pc >= n->code && pc < n->code + n->size) return n->code;
  return nullptr;
}

void on_fault(int sig, siginfo_t* info, void* context) {
  auto* uc = static_cast<ucontext_t*>(context);
  greg_t* regs = uc->uc_mcontext.gregs;
  const auto* pc = reinterpret_cast<const uint8_t*>(regs[REG_RIP]);
  if (const GuardSite* site = find_site(pc)) {
    // ucontext's slot of each Reg, in the encoding's order (rax, rcx, rdx, rbx, rsp, rbp, ...).
    static const int kSlotOf[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    const uint64_t index = site->index == 4 ? 0 : uint64_t(regs[kSlotOf[site->index & 15]]);  // rsp: none
    regs[REG_RAX] = greg_t(index + uint64_t(int64_t(site->disp)));
    regs[REG_RIP] = greg_t(reinterpret_cast<uintptr_t>(code_of(pc) + site->stub));
    return;
  }
  // Not a guarded access of ours: whoever handled SIGSEGV before, or the default (the faulting
  // instruction runs again and the process ends as it would have).
  if (previous.sa_flags & SA_SIGINFO) {
    previous.sa_sigaction(sig, info, context);
  } else if (previous.sa_handler == SIG_DFL || previous.sa_handler == SIG_IGN) {
    sigaction(SIGSEGV, &previous, nullptr);
  } else {
    previous.sa_handler(sig);
  }
}

}  // namespace

bool install_guard_fault_handler() {
  static bool installed = [] {
    struct sigaction action = {};
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGSEGV, &action, &previous) == 0;
  }();
  return installed;
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

}  // namespace mnemo::jit::x64
