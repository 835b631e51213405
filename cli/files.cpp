// cli/files.cpp: reading input files (and the modules in them) for the subcommands.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "core/script/load.h"

namespace mnemo::cli {

std::optional<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    std::cerr << "mnemo: " << path << ": is a directory\n";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "mnemo: cannot open " << path << ": " << std::strerror(errno) << "\n";
    return std::nullopt;
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    std::cerr << "mnemo: cannot read " << path << "\n";
    return std::nullopt;
  }
  return std::move(content).str();
}

int read_module_file(const std::string& path, Module& module) {
  auto content = read_file(path);
  if (!content) return kExitUsage;
  auto read = read_module_content(*content);
  if (!read) {
    std::cerr << path << ": malformed: " << read.error().str() << "\n";
    return kExitFailure;
  }
  module = std::move(read).value();
  return kExitOk;
}

}  // namespace mnemo::cli
