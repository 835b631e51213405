// tests/differential/wabt_output.cpp: see wabt_output.h.
#include "tests/differential/wabt_output.h"

#include <string>

#include "tests/differential/canonical.h"

namespace mnemo::diff {

namespace {

std::string normalize_value(const std::string& v) {
  const size_t colon = v.find(':');
  if (colon == std::string::npos) return "unexpected-value:" + v;
  const std::string type = v.substr(0, colon), text = v.substr(colon + 1);
  if ((type == "f32" || type == "f64") && (text == "nan" || text == "-nan")) return type + ":nan";
  return v;
}

}  // namespace

void normalize_wabt_output(std::istream& in, std::ostream& out) {
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("module ", 0) == 0) {
      out << line << "\n";
      continue;
    }
    const size_t arrow = line.find("() =>");
    if (arrow == std::string::npos) {
      out << "unexpected: " << line << "\n";
      continue;
    }
    out << line.substr(0, arrow) << ":";
    std::string rest = line.substr(arrow + 5);
    if (rest.rfind(" error: ", 0) == 0) {
      out << " trap:" << trap_category(rest.substr(8)) << "\n";
      continue;
    }
    // Results separated by ", " (multi-value); none are generated, but keep them apart.
    size_t pos = 0;
    while (pos < rest.size()) {
      while (pos < rest.size() && (rest[pos] == ' ' || rest[pos] == ',')) ++pos;
      if (pos >= rest.size()) break;
      size_t end = rest.find(", ", pos);
      if (end == std::string::npos) end = rest.size();
      out << " " << normalize_value(rest.substr(pos, end - pos));
      pos = end;
    }
    out << "\n";
  }
}

}  // namespace mnemo::diff
