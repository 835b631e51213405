// tests/differential/wabt_output.h: brings the output of `wasm-interp --run-all-exports` to the
// canonical lines of canonical.h. wasm-interp prints `name() => i32:4294967295`,
// `name() => f64:-0.500000` (floats as C's "%f", NaNs as "nan" / "-nan"),
// `name() => error: <message>` or `name() =>`; `module <file>` headers (written by run.sh
// between modules) pass through, and any other line is kept, marked `unexpected:`.
#pragma once

#include <istream>
#include <ostream>

namespace mnemo::diff {

void normalize_wabt_output(std::istream& in, std::ostream& out);

}  // namespace mnemo::diff
