// tests/fuzz/fuzz_check.h: how a fuzzer reports a broken property (not a crash, a wrong answer):
// it prints what broke and aborts, so libFuzzer saves the input as a crash like any other finding.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace mnemo::fuzz {

inline void check(bool holds, const std::string& what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %s\n", what.c_str());
  std::abort();
}

}  // namespace mnemo::fuzz
