// core/binary/code_section.cpp: the code section (spec section 5.5.13), each function's locals
// and body. It holds most of a large module's bytes, so a large section is read in two halves
// on two threads (core/two_threads.h), reading exactly what one pass would: see
// read_code_section.
#include <string>
#include <utility>
#include <vector>

#include "core/binary/format.h"
#include "core/binary/instr_reader.h"
#include "core/binary/section_reader.h"
#include "core/two_threads.h"

namespace mnemo::binary {
namespace {

// Below this many bytes of code, starting a thread costs about what it saves.
constexpr size_t kMinBytesForTwoThreads = size_t(256) << 10;

std::string function_context(const Module& m, size_t defined_index) {
  return "function " + std::to_string(m.imported_count(ExternKind::Func) + defined_index);
}

// Entry `i`: its size, locals and body, into `f`.
void read_entry(ByteReader& r, const Module& m, uint32_t i, Function& f) {
  const size_t size_at = r.pos();
  const uint32_t size = r.u32();
  if (r.ok() && size > r.remaining()) r.fail(size_at, "length out of bounds");
  if (!r.ok()) return;
  const size_t body_start = r.pos();
  const size_t body_end = body_start + size;
  f.pos = uint32_t(body_start);
  r.set_context(function_context(m, i));

  // Locals come in runs (count, type); their total must fit in a u32 (spec section 5.5.13)
  // and within kMaxFunctionLocals before anything is expanded.
  std::vector<std::pair<uint32_t, ValType>> runs;
  uint64_t total = 0;
  const uint32_t groups = r.count();
  for (uint32_t g = 0; g < groups && r.ok(); ++g) {
    const uint32_t count = r.u32();
    const ValType type = read_value_type(r);
    total += count;
    runs.emplace_back(count, type);
  }
  if (!r.ok()) return;
  if (total > UINT32_MAX) {
    r.fail(body_start, "too many locals");
    return;
  }
  if (total > kMaxFunctionLocals) {
    r.fail(body_start, "too many locals (" + std::to_string(total) + " declared, the limit is " +
                           std::to_string(kMaxFunctionLocals) + ")");
    return;
  }
  f.locals.reserve(size_t(total));
  for (const auto& [count, type] : runs) f.locals.insert(f.locals.end(), count, type);

  const ExprOptions options{.check_data_count = true,
                            .has_data_count = m.data_count.has_value(),
                            .byte_size = r.pos() < body_end ? body_end - r.pos() : 0};  // locals may overrun
  f.body = read_expr(r, options);
  if (r.ok() && r.pos() != body_end) r.fail(body_start, "section size mismatch");
  r.set_context({});
}

// Entries [begin, end), up to the first error.
void read_entries(ByteReader& r, const Module& m, uint32_t begin, uint32_t end, std::vector<Function>& code) {
  for (uint32_t i = begin; i < end && r.ok(); ++i) read_entry(r, m, i, code[i]);
}

// Where to split `n` entries starting at r.pos(): the first entry that starts past the middle of
// their bytes, with its position, found by following the declared sizes alone. {0, 0} when the
// entries are too few bytes to be worth a thread, or their sizes do not lead from one to the
// next within the input (one pass then reports that where it meets it).
std::pair<uint32_t, size_t> find_split(ByteReader r, uint32_t n) {
  std::vector<size_t> starts;
  starts.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    starts.push_back(r.pos());
    const uint32_t size = r.u32();
    if (!r.ok() || size > r.remaining()) return {0, 0};
    r.seek(r.pos() + size);
  }
  if (n < 2 || r.pos() - starts[0] < kMinBytesForTwoThreads) return {0, 0};
  const size_t middle = starts[0] + (r.pos() - starts[0]) / 2;
  uint32_t split = 1;
  while (split + 1 < n && starts[split] < middle) ++split;
  return {split, starts[split]};
}

}  // namespace

// The second half is read by a reader of its own from where its first entry starts. That is
// where one pass would have arrived: unless the first half fails, each of its bodies ends at its
// declared size. So the first half's error, if any, is the one a single pass reports; otherwise
// the second reader's state (its position at the section's end, or its error) is what a single
// pass would have reached, and `r` takes it over.
void read_code_section(ByteReader& r, const Module& m, std::vector<Function>& code) {
  const uint32_t n = r.count();
  if (!r.ok()) return;
  code.resize(n);
  // Not a structured binding: clang 14 (Emscripten's, the sanitizers') cannot capture one.
  const std::pair<uint32_t, size_t> at = find_split(r, n);
  const uint32_t split = at.first;
  const size_t split_pos = at.second;
  if (split == 0) {
    read_entries(r, m, 0, n, code);
    return;
  }
  ByteReader second = r;
  second.seek(split_pos);
  run_both([&] { read_entries(r, m, 0, split, code); }, [&] { read_entries(second, m, split, n, code); });
  if (r.ok()) r = std::move(second);
}

}  // namespace mnemo::binary
