// cli/commands.h: the subcommands of the `mnemo` command-line tool, one file each, and the
// helpers they share. Each returns the process exit code: 0 success, 1 failure of the input
// (invalid module, failing test), 2 wrong usage or unreadable file.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mnemo::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int run_validate(const std::vector<std::string>& args);
int run_dump(const std::vector<std::string>& args);
int run_wast(const std::vector<std::string>& args);

// The whole file, or nothing (after printing why to stderr) when it cannot be read.
std::optional<std::string> read_file(const std::string& path);

}  // namespace mnemo::cli
