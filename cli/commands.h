// cli/commands.h: the subcommands of the `mnemo` command-line tool, one file each, and the
// helpers they share. Each returns the process exit code: 0 success, 1 failure of the input
// (invalid module, failing test), 2 wrong usage or unreadable file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/module.h"

namespace mnemo::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int run_validate(const std::vector<std::string>& args);
int run_dump(const std::vector<std::string>& args);
int run_wast(const std::vector<std::string>& args);
int run_run(const std::vector<std::string>& args);

// The whole file, or nothing (after printing why to stderr) when it cannot be read.
std::optional<std::string> read_file(const std::string& path);

// Reads the .wasm or .wat module in `path` (by its first bytes; not validated) into `module`.
// Returns kExitOk, or, after printing why to stderr, kExitUsage when the file cannot be read and
// kExitFailure when it does not decode or parse.
int read_module_file(const std::string& path, Module& module);

}  // namespace mnemo::cli
