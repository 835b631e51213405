// web/ui/values.cpp: formatting and parsing of WebAssembly values for the debugger's panels.
#include "web/ui/values.h"

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/bits.h"

namespace mnemo::ui {

std::string format_value(const WasmValue& v) {
  char buf[64];
  std::string type(to_string(v.type));
  switch (v.type) {
    case ValType::I32:
      std::snprintf(buf, sizeof buf, "%" PRId32, static_cast<int32_t>(static_cast<uint32_t>(v.bits)));
      break;
    case ValType::I64:
      std::snprintf(buf, sizeof buf, "%" PRId64, static_cast<int64_t>(v.bits));
      break;
    case ValType::F32:
      std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(bit_cast<float>(static_cast<uint32_t>(v.bits))));
      break;
    case ValType::F64:
      std::snprintf(buf, sizeof buf, "%.17g", bit_cast<double>(v.bits));
      break;
    case ValType::V128: {
      std::string out = type + ":";
      for (uint8_t b : v.v128.bytes) {
        std::snprintf(buf, sizeof buf, " %02x", b);
        out += buf;
      }
      return out;
    }
    case ValType::FuncRef:
    case ValType::ExternRef:
      if (v.is_null) return type + ":null";
      std::snprintf(buf, sizeof buf, "%" PRIu32, v.ref);
      break;
  }
  return type + ":" + buf;
}

namespace {

Result<WasmValue> parse_one(const std::string& word, ValType type, size_t position) {
  WasmValue v;
  v.type = type;
  const char* begin = word.c_str();
  char* end = nullptr;
  errno = 0;
  switch (type) {
    case ValType::I32: {
      long long x = std::strtoll(begin, &end, 0);
      if (x < INT32_MIN || x > UINT32_MAX) errno = ERANGE;
      v.bits = static_cast<uint32_t>(x);
      break;
    }
    case ValType::I64: {
      if (word.size() > 0 && word[0] == '-') v.bits = static_cast<uint64_t>(std::strtoll(begin, &end, 0));
      else v.bits = std::strtoull(begin, &end, 0);
      break;
    }
    case ValType::F32:
      v.bits = bit_cast<uint32_t>(std::strtof(begin, &end));
      break;
    case ValType::F64:
      v.bits = bit_cast<uint64_t>(std::strtod(begin, &end));
      break;
    default:
      if (word == "null") {
        v.is_null = true;
        return v;
      }
      return Error{"argument " + std::to_string(position + 1),
                   "only null can be typed for a " + std::string(to_string(type)) + " parameter"};
  }
  if (end == begin || *end != '\0' || errno == ERANGE)
    return Error{"argument " + std::to_string(position + 1),
                 "'" + word + "' is not a " + std::string(to_string(type))};
  return v;
}

}  // namespace

Result<std::vector<WasmValue>> parse_arguments(const std::string& text, const std::vector<ValType>& params) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  if (words.size() != params.size())
    return Error{"", "the function takes " + std::to_string(params.size()) + " argument(s), " +
                         std::to_string(words.size()) + " given"};
  std::vector<WasmValue> values;
  for (size_t i = 0; i < words.size(); ++i) {
    auto v = parse_one(words[i], params[i], i);
    if (!v) return v.error();
    values.push_back(*v);
  }
  return values;
}

}  // namespace mnemo::ui
