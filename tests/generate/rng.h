// tests/generate/rng.h: the generator's only source of randomness. SplitMix64, written out here
// (not std::mt19937 + std::uniform_int_distribution) because the standard distributions may map
// the same engine output to different numbers on different standard libraries: a seed must give
// the same module on every build and host.
#pragma once

#include <cstdint>
#include <vector>

namespace mnemo::gen {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0. The modulo bias is irrelevant here; determinism is what matters.
  uint32_t below(uint32_t n) { return uint32_t(next() % n); }
  // Uniform in [lo, hi].
  uint32_t range(uint32_t lo, uint32_t hi) { return lo + below(hi - lo + 1); }
  // True with probability percent / 100.
  bool chance(uint32_t percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& items) { return items[below(uint32_t(items.size()))]; }

 private:
  uint64_t state_;
};

}  // namespace mnemo::gen
