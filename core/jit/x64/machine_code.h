// core/jit/x64/machine_code.h: a compiled function's machine code as listings take it
// (jit::MachineCode, core/jit/jit.h), with what the x86-64 compiler knows of it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/jit/jit.h"
#include "core/jit/x64/compiler.h"

namespace mnemo::jit::x64 {

// The code installed at `installed` (`available` bytes from there are readable), given
// `compiled`, what compiling the function again gave: its instruction offsets, its guard sites as
// notes, and the runtime entries of `calls` as symbols. When the installed bytes differ from the
// compiled ones (the store was metered after the instance was compiled) a note says so, and the
// compiler's offsets and sites, which would not match, are left out.
MachineCode machine_code(const uint8_t* installed, size_t available, const CompileResult& compiled,
                         const RuntimeCalls& calls);

}  // namespace mnemo::jit::x64
