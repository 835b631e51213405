// bench/simd_ceiling.cpp: how much faster the host SIMD path (core/simd) can make the `simd`
// guest, with no interpreter around it. The kernel is the guest's inner loop (../shared/bench/
// src/simd.c: saxpy, min, dot product, i32x4 mix; 20000 x 1024 iterations) written as direct
// calls to simd::scalar and simd::host, run two ways:
//   in memory     every value goes to memory between two ops, as it does in an interpreter,
//                 whose operands live in stack slots and locals;
//   in registers  values stay in vector registers between ops, as compiled code keeps them.
// The ratio scalar / host "in memory" bounds what any interpreter of this design can show on
// the guest: dispatch adds the same time to both paths and only lowers it.
//
// Built and run by bench/run.sh (x86-64 with SSE4.1, or ARM64); prints one line per way.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/simd/host.h"
#include "core/simd/scalar.h"

namespace {

using mnemo::V128;

// Where a value lives between two ops: the empty asm makes the compiler put it there.
struct InMemory {
  static void keep(V128& v) { asm volatile("" : "+m"(v)); }
};
struct InRegister {
#if defined(__x86_64__)
  static void keep(V128& v) { asm volatile("" : "+x"(v)); }
#elif defined(__aarch64__)
  static void keep(V128& v) { asm volatile("" : "+w"(v)); }
#else
#error "bench/simd_ceiling.cpp measures x86-64 or ARM64 hosts"
#endif
};

constexpr int kLen = 4096;
constexpr int kReps = 20000;
float xs[kLen], ys[kLen];
int32_t is[kLen];

void fill() {
  for (int i = 0; i < kLen; i++) {
    xs[i] = float(i % 17) * 0.25f;
    ys[i] = float(i % 13) * 0.5f;
    is[i] = int32_t(uint32_t(i) * 2654435761u);
  }
}

// The guest's kernel on path NS with values kept by K; returns its checksum and the time taken.
#define MNEMO_SIMD_KERNEL(NS)                                                                      \
  template <class K>                                                                               \
  int64_t kernel_##NS(double& ms) {                                                                \
    using namespace mnemo::simd::NS;                                                               \
    fill();                                                                                        \
    const auto t0 = std::chrono::steady_clock::now();                                              \
    int64_t check = 0;                                                                             \
    const V128 a = F32x4Splat(0x3f7fbe77u), limit = F32x4Splat(0x447a0000u);                       \
    const V128 prime = I32x4Splat(0x01000193u);                                                    \
    for (int rep = 0; rep < kReps; rep++) {                                                        \
      V128 dot = F32x4Splat(0), mix = I32x4Splat(uint32_t(rep));                                   \
      for (int i = 0; i < kLen; i += 4) {                                                          \
        V128 x, y, v;                                                                              \
        std::memcpy(&x, xs + i, 16);                                                               \
        std::memcpy(&y, ys + i, 16);                                                               \
        K::keep(x);                                                                                \
        K::keep(y);                                                                                \
        V128 t = F32x4Mul(a, x);                                                                   \
        K::keep(t);                                                                                \
        t = F32x4Add(t, y);                                                                        \
        K::keep(t);                                                                                \
        y = F32x4Min(t, limit);                                                                    \
        K::keep(y);                                                                                \
        std::memcpy(ys + i, &y, 16);                                                               \
        t = F32x4Mul(x, y);                                                                        \
        K::keep(t);                                                                                \
        dot = F32x4Add(dot, t);                                                                    \
        K::keep(dot);                                                                              \
        std::memcpy(&v, is + i, 16);                                                               \
        K::keep(v);                                                                                \
        V128 s = I32x4Shl(v, 3);                                                                   \
        K::keep(s);                                                                                \
        t = V128Xor(v, mix);                                                                       \
        K::keep(t);                                                                                \
        v = I32x4Add(s, t);                                                                        \
        K::keep(v);                                                                                \
        v = I32x4Mul(v, prime);                                                                    \
        K::keep(v);                                                                                \
        std::memcpy(is + i, &v, 16);                                                               \
        s = I32x4ShrU(v, 7);                                                                       \
        K::keep(s);                                                                                \
        mix = I32x4Add(mix, s);                                                                    \
        K::keep(mix);                                                                              \
      }                                                                                            \
      check = check * 31 + int32_t(I32x4ExtractLane(mix, 0)) + int32_t(F32x4ExtractLane(dot, 1));  \
    }                                                                                              \
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(); \
    return check;                                                                                  \
  }
MNEMO_SIMD_KERNEL(scalar)
MNEMO_SIMD_KERNEL(host)
#undef MNEMO_SIMD_KERNEL

// Best of three runs of each path; false when the two paths disagree.
template <class K>
bool measure(const char* way) {
  double scalar_ms = 1e30, host_ms = 1e30;
  for (int run = 0; run < 3; ++run) {
    double s, h;
    const int64_t cs = kernel_scalar<K>(s);
    const int64_t ch = kernel_host<K>(h);
    if (cs != ch) {
      std::printf("simd kernel %s: the paths disagree (%lld vs %lld)\n", way, (long long)cs, (long long)ch);
      return false;
    }
    scalar_ms = s < scalar_ms ? s : scalar_ms;
    host_ms = h < host_ms ? h : host_ms;
  }
  std::printf("simd kernel, values %s: scalar %.0f ms, host (%s) %.0f ms, scalar / host = %.2fx\n", way, scalar_ms,
              mnemo::simd::kHostKind, host_ms, scalar_ms / host_ms);
  return true;
}

}  // namespace

int main() {
  const bool ok = measure<InMemory>("in memory") && measure<InRegister>("in registers");
  return ok ? 0 : 1;
}
