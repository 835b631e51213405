// core/validate/validate_bodies.cpp: every function body of a module, most of the validation
// time of a large one. Given the context C the bodies are independent, so a large module's are
// split in two runs of about equal instruction counts, validated on two threads. The error is
// that of the first failing function in index order either way: it does not depend on the split
// or on which thread finishes first.
#include "context.h"
#include "core/two_threads.h"

namespace mnemo::validate {
namespace {

// Below this many instructions, starting a thread costs about what it saves.
constexpr size_t kMinInstrsForTwoThreads = size_t(1) << 16;

// Defined functions [begin, end): the first failure, in index order.
Status validate_run(const Context& c, size_t begin, size_t end) {
  const uint32_t imported = c.module.imported_count(ExternKind::Func);
  for (size_t i = begin; i < end; ++i)
    if (Status s = validate_function(c, imported + uint32_t(i), c.module.funcs[i]); !s) return s;
  return {};
}

}  // namespace

Status validate_bodies(const Context& c) {
  const std::vector<Function>& funcs = c.module.funcs;
  size_t total = 0;
  for (const Function& f : funcs) total += f.body.size();
  if (funcs.size() < 2 || total < kMinInstrsForTwoThreads) return validate_run(c, 0, funcs.size());

  // The second run starts at the first function past half of the instructions.
  size_t split = 0;
  for (size_t seen = 0; split + 1 < funcs.size() && seen < total / 2; ++split) seen += funcs[split].body.size();
  Status first, second;
  run_both([&] { first = validate_run(c, 0, split); }, [&] { second = validate_run(c, split, funcs.size()); });
  if (!first) return first;
  return second;
}

}  // namespace mnemo::validate
