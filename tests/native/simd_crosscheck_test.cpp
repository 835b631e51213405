// simd_crosscheck_test: host:: against scalar:: over every SIMD row of core/opcodes.def
// (expanded through core/simd/each_op.h, so a missing function fails to compile). Inputs are
// random vectors salted with special values; results must agree bit for bit, except that a
// float lane may hold different NaNs, and must hold canonical ones when every input NaN was
// canonical (spec 4.3.3 "NaN propagation").
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>
#include <algorithm>

#include "core/opcodes.h"
#include "core/simd/simd.h"
#include "tests/native/simd_values.h"

namespace mnemo {
namespace {

using simd_test::Gen;

struct Row {
  std::string_view name;
  std::string_view text;
  ImmKind imm;
  unsigned align;
};

// Float-valued results: lanes may differ in NaN payloads only. Comparisons give masks.
unsigned float_result_width(std::string_view text) {
  bool f32 = text.substr(0, 6) == "f32x4.", f64 = text.substr(0, 6) == "f64x2.";
  if (!f32 && !f64) return 0;
  for (std::string_view cmp : {".eq", ".ne", ".lt", ".gt", ".le", ".ge"})
    if (text.substr(5) == cmp) return 0;
  if (text.find("extract_lane") != std::string_view::npos) return 0;
  return f32 ? 4 : 8;
}

class Checker {
 public:
  explicit Checker(const Row& row) : row_(row), float_width_(float_result_width(row.text)) {
    gen_.set_float_hint(simd_test::float_input_width(row.text));
  }

  template <class R, class... A>
  void run(R (*host)(A...), R (*scalar)(A...), int iterations) {
    for (int i = 0; i < iterations && failures_ < 5; ++i) {
      gen_.set_canonical_only(i % 2 == 0);
      auto args = std::make_tuple(arg<A>()...);
      if constexpr (std::is_void_v<R>) {
        compare_stores(host, scalar, args);
      } else {
        R h = std::apply(host, args);
        R s = std::apply(scalar, args);
        compare(h, s, args);
      }
    }
  }

  int failures() const { return failures_; }

 private:
  // A shuffle's `const V128&` is generated and held as a V128 value in the argument tuple.
  template <class T>
  std::remove_cvref_t<T> arg() {
    if constexpr (std::is_same_v<T, V128>) {
      return gen_.vector();
    } else if constexpr (std::is_same_v<T, const V128&>) {
      return gen_.shuffle_lanes();
    } else if constexpr (std::is_same_v<T, uint8_t>) {
      unsigned lanes = row_.imm == ImmKind::Lane ? 1u << row_.align : 16u >> row_.align;
      return uint8_t(gen_.next() % lanes);
    } else if constexpr (std::is_same_v<T, uint32_t>) {
      return gen_.scalar32();
    } else if constexpr (std::is_same_v<T, uint64_t>) {
      return gen_.scalar64();
    } else if constexpr (std::is_same_v<T, const uint8_t*>) {
      memory_ = gen_.vector();
      return memory_.bytes.data();
    } else {
      static_assert(std::is_same_v<T, uint8_t*>, "unexpected parameter type");
      return nullptr;  // compare_stores supplies the buffers
    }
  }

  template <class F, class Tuple>
  void compare_stores(F host, F scalar, const Tuple& args) {
    V128 before = gen_.vector();
    V128 h = before, s = before;
    host(h.bytes.data(), std::get<1>(args), std::get<2>(args));
    scalar(s.bytes.data(), std::get<1>(args), std::get<2>(args));
    if (h != s) fail("stores differ: host " + simd_test::hex(h) + " scalar " + simd_test::hex(s));
  }

  template <class R, class Tuple>
  void compare(R h, R s, const Tuple& args) {
    if constexpr (std::is_same_v<R, V128>) {
      if (float_width_ == 0) {
        if (h != s) fail("host " + simd_test::hex(h) + " scalar " + simd_test::hex(s), args);
        return;
      }
      for (unsigned i = 0; i < 16; i += float_width_) {
        if (std::memcmp(&h.bytes[i], &s.bytes[i], float_width_) == 0 && !simd_test::is_nan_at(h, i, float_width_))
          continue;
        bool hn = simd_test::is_nan_at(h, i, float_width_), sn = simd_test::is_nan_at(s, i, float_width_);
        if (!hn || !sn) {
          fail("lane " + std::to_string(i / float_width_) + ": host " + simd_test::hex(h) + " scalar " + simd_test::hex(s), args);
          return;
        }
        if (gen_.canonical_only() &&
            !(simd_test::is_canonical_at(h, i, float_width_) && simd_test::is_canonical_at(s, i, float_width_))) {
          fail("non-canonical NaN from canonical inputs: host " + simd_test::hex(h) + " scalar " + simd_test::hex(s), args);
          return;
        }
      }
    } else {
      if (h != s) fail("host " + std::to_string(h) + " scalar " + std::to_string(s), args);
    }
  }

  template <class Tuple>
  void fail(const std::string& what, const Tuple& args) {
    std::string inputs;
    std::apply([&](const auto&... a) { ((inputs += " " + simd_test::describe(a)), ...); }, args);
    fail(what + "\n  inputs:" + inputs);
  }

  void fail(const std::string& what) {
    ++failures_;
    ADD_FAILURE() << row_.text << ": " << what;
  }

  const Row& row_;
  unsigned float_width_;
  Gen gen_{0x5EED};
  V128 memory_;
  int failures_ = 0;
};

constexpr int kIterations = 4000;

TEST(SimdCrosscheck, EveryOpAgreesWithScalar) {
  int ops = 0;
#define MNEMO_SIMD_OP(Name, text, Imm, align)                                   \
  {                                                                             \
    Row row{#Name, text, ImmKind::Imm, align};                                  \
    Checker checker(row);                                                       \
    checker.run(&simd::host::Name, &simd::scalar::Name, kIterations);           \
    ++ops;                                                                      \
  }
#include "core/simd/each_op.h"
#undef MNEMO_SIMD_OP
  EXPECT_EQ(ops, 233);  // every 0xFD row but v128.load, v128.store, v128.const
  std::printf("[ cross-check ] %d ops x %d inputs, host = %s\n", ops, kIterations, simd::kHostKind);
}

// The lane values swept for 16-bit ops: every value near 0, the sign boundaries and the top,
// and a stride through the rest.
std::vector<uint32_t> sweep16() {
  std::vector<uint32_t> v;
  for (uint32_t x = 0; x < 65536; ++x) {
    uint32_t near = std::min({x, x > 0x8000 ? x - 0x8000 : 0x8000 - x, 0xFFFF - x});
    if (near < 40 || x % 409 == 0) v.push_back(x);
  }
  return v;
}

// 8-bit ops: every pair of lane values; 16-bit ops: every pair from sweep16().
template <class F>
void exhaustive_pairs(F host, F scalar, unsigned lane_bytes) {
  std::vector<uint32_t> values;
  if (lane_bytes == 1) {
    for (uint32_t x = 0; x < 256; ++x) values.push_back(x);
  } else {
    values = sweep16();
  }
  const unsigned per = 16 / lane_bytes;
  int failures = 0;
  for (size_t xi = 0; xi < values.size() && failures < 3; ++xi) {
    for (size_t y0 = 0; y0 < values.size(); y0 += per) {
      V128 a, b;
      for (unsigned i = 0; i < per; ++i) {
        uint32_t x = values[xi], y = values[(y0 + i) % values.size()];
        std::memcpy(&a.bytes[i * lane_bytes], &x, lane_bytes);
        std::memcpy(&b.bytes[i * lane_bytes], &y, lane_bytes);
      }
      V128 h = host(a, b), s = scalar(a, b);
      if (h != s) {
        ++failures;
        ADD_FAILURE() << "a " << simd_test::hex(a) << " b " << simd_test::hex(b) << " host " << simd_test::hex(h)
                      << " scalar " << simd_test::hex(s);
      }
    }
  }
}

TEST(SimdCrosscheck, NarrowLaneOpsOnAllValuePairs) {
  int ops = 0;
  auto visit = [&](std::string_view t, auto host, auto scalar) {
    if constexpr (std::is_same_v<decltype(host), V128 (*)(V128, V128)>) {
      if (t.substr(0, 6) == "i8x16." || t.substr(0, 6) == "i16x8.") {
        SCOPED_TRACE(t);
        exhaustive_pairs(host, scalar, t[1] == '8' ? 1 : 2);
        ++ops;
      }
    }
  };
#define MNEMO_SIMD_OP(Name, text, Imm, align) visit(text, &simd::host::Name, &simd::scalar::Name);
#include "core/simd/each_op.h"
#undef MNEMO_SIMD_OP
  EXPECT_GT(ops, 40);
}

}  // namespace
}  // namespace mnemo
