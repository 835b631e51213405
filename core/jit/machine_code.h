// core/jit/machine_code.h: a compiled function's machine code as listings take it
// (jit::MachineCode, core/jit/jit.h), with what the backend's compiler knows of it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/jit/compile_result.h"
#include "core/jit/jit.h"
#include "core/jit/runtime_entries.h"

namespace mnemo::jit {

// The code of architecture `arch` installed at `installed` (`available` bytes from there are
// readable), given `compiled`, what compiling the function again gave: its instruction offsets,
// its guard sites as notes, and the runtime's entries as symbols. When the installed bytes differ
// from the compiled ones (the store was metered after the instance was compiled) a note says so,
// and the compiler's offsets and sites, which would not match, are left out.
MachineCode machine_code(MachineArch arch, const uint8_t* installed, size_t available, const CompileResult& compiled,
                         const RuntimeEntries& runtime);

}  // namespace mnemo::jit
