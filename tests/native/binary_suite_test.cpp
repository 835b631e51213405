// tests/native/binary_suite_test.cpp: every `(module binary "...")` of the spec test suites
// (core, core/simd, multi-memory) through the decoder and the encoder. Modules outside
// assert_malformed must decode and survive decode(encode(m)) structurally; modules inside
// assert_malformed must be rejected with the suite's message (a prefix match, as the reference
// interpreter's runner does).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/binary/reader.h"
#include "core/binary/writer.h"

namespace mnemo {
namespace {

// One binary module found in a script.
struct BinaryModule {
  std::string file;
  int line = 0;
  std::string enclosing;  // "assert_malformed", "assert_invalid", ... or "" at top level
  std::vector<uint8_t> bytes;
  std::string expected;  // the assertion's message, when there is one
};

struct Token {
  enum Kind { LParen, RParen, String, Atom } kind;
  std::string text;  // the decoded bytes of a string, the characters of an atom
  int line;
};

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | cp >> 6);
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | cp >> 12);
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | cp >> 18);
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Just enough of the script lexer: parentheses, strings with their escapes, atoms, comments.
std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  int line = 1;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == ';' && i + 1 < s.size() && s[i + 1] == ';') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '(' && i + 1 < s.size() && s[i + 1] == ';') {
      int depth = 0;
      do {
        if (s.compare(i, 2, "(;") == 0) {
          ++depth;
          i += 2;
        } else if (s.compare(i, 2, ";)") == 0) {
          --depth;
          i += 2;
        } else {
          line += s[i] == '\n';
          ++i;
        }
      } while (depth > 0 && i < s.size());
    } else if (c == '(') {
      out.push_back({Token::LParen, "(", line});
      ++i;
    } else if (c == ')') {
      out.push_back({Token::RParen, ")", line});
      ++i;
    } else if (c == '"') {
      std::string text;
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] != '\\') {
          text += s[i++];
          continue;
        }
        const char e = s[i + 1];
        i += 2;
        switch (e) {
          case 't': text += '\t'; break;
          case 'n': text += '\n'; break;
          case 'r': text += '\r'; break;
          case '"': text += '"'; break;
          case '\'': text += '\''; break;
          case '\\': text += '\\'; break;
          case 'u': {
            uint32_t cp = 0;
            for (++i; i < s.size() && s[i] != '}'; ++i)
              if (s[i] != '_') cp = cp * 16 + uint32_t(hex_value(s[i]));
            ++i;
            append_utf8(text, cp);
            break;
          }
          default:
            text += char(hex_value(e) * 16 + hex_value(s[i]));
            ++i;
        }
      }
      ++i;
      out.push_back({Token::String, std::move(text), line});
    } else {
      const size_t start = i;
      while (i < s.size() && !isspace(static_cast<unsigned char>(s[i])) && s[i] != '(' && s[i] != ')' &&
             s[i] != '"' && s[i] != ';')
        ++i;
      out.push_back({Token::Atom, s.substr(start, i - start), line});
    }
  }
  return out;
}

std::vector<BinaryModule> binary_modules(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::vector<Token> t = tokenize(ss.str());
  std::vector<BinaryModule> found;
  std::vector<std::string> heads;  // the head atom of each open form
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind == Token::RParen) {
      if (!heads.empty()) heads.pop_back();
      continue;
    }
    if (t[i].kind != Token::LParen) continue;
    const std::string head = i + 1 < t.size() && t[i + 1].kind == Token::Atom ? t[i + 1].text : "";
    size_t k = i + 2;
    if (head == "module" && k < t.size() && t[k].kind == Token::Atom && t[k].text[0] == '$') ++k;
    if (head == "module" && k < t.size() && t[k].kind == Token::Atom && t[k].text == "binary") {
      BinaryModule m;
      m.file = file.lexically_relative(MNEMO_TESTSUITE_DIR).string();
      m.line = t[i].line;
      m.enclosing = heads.empty() ? "" : heads.back();
      for (++k; k < t.size() && t[k].kind == Token::String; ++k) m.bytes.insert(m.bytes.end(), t[k].text.begin(), t[k].text.end());
      if (k + 1 < t.size() && t[k].kind == Token::RParen && t[k + 1].kind == Token::String) m.expected = t[k + 1].text;
      found.push_back(std::move(m));
      i = k;  // at the module's ')'
      continue;
    }
    heads.push_back(head);
  }
  return found;
}

std::vector<BinaryModule> all_binary_modules() {
  std::vector<BinaryModule> all;
  for (const char* dir : {"core", "core/simd", "multi-memory"}) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(MNEMO_TESTSUITE_DIR) / dir))
      if (entry.path().extension() == ".wast") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      for (auto& m : binary_modules(f)) all.push_back(std::move(m));
  }
  return all;
}

// WebAssembly 2.0 assertions that multi-memory (3.0) turned into well-formed binaries: the byte
// after memory.size/memory.grow is now a memory index (u32), and bit 6 of a memarg's flags now
// announces a memory index. These modules decode here; the validator judges them.
bool superseded_by_multi_memory(const BinaryModule& m) {
  if (m.expected == "zero byte expected") return true;
  if (m.expected == "malformed memop flags") {
    // The flags byte follows i32.load (the only memop these tests use) and has bit 6 set.
    for (size_t i = 0; i + 1 < m.bytes.size(); ++i)
      if (m.bytes[i] == 0x28 && (m.bytes[i + 1] & 0x40)) return (m.bytes[i + 1] & 0x3F) < 32;
  }
  return false;
}

TEST(BinarySuite, EveryBinaryModuleOfTheSpecSuites) {
  const std::vector<BinaryModule> modules = all_binary_modules();
  ASSERT_GT(modules.size(), 700u);
  int decoded = 0, round_tripped = 0, rejected = 0, message_matched = 0, superseded = 0, in_invalid = 0;
  for (const BinaryModule& m : modules) {
    const std::string where = m.file + ":" + std::to_string(m.line);
    auto result = decode_module(m.bytes);
    if (m.enclosing == "assert_malformed") {
      if (superseded_by_multi_memory(m)) {
        ++superseded;
        EXPECT_TRUE(result.ok()) << where << ": " << result.error().str();
        continue;
      }
      EXPECT_FALSE(result.ok()) << where << ": decoded, expected \"" << m.expected << "\"";
      if (result.ok()) continue;
      ++rejected;
      const std::string& got = result.error().message;
      if (got.compare(0, m.expected.size(), m.expected) == 0)
        ++message_matched;
      else
        ADD_FAILURE() << where << ": expected \"" << m.expected << "\", got \"" << result.error().str() << "\"";
      continue;
    }
    in_invalid += m.enclosing == "assert_invalid";
    EXPECT_TRUE(result.ok()) << where << ": " << (result.ok() ? "" : result.error().str());
    if (!result.ok()) continue;
    ++decoded;
    const std::vector<uint8_t> encoded = encode_module(*result);
    auto again = decode_module(encoded);
    EXPECT_TRUE(again.ok()) << where << ": re-encoding does not decode: " << (again.ok() ? "" : again.error().str());
    if (!again.ok()) continue;
    const std::string diff = structural_difference(*result, *again);
    EXPECT_EQ(diff, "") << where;
    // The encoding is canonical: encoding the decoded encoding gives the same bytes.
    EXPECT_EQ(encode_module(*again), encoded) << where;
    round_tripped += diff.empty();
  }
  std::printf(
      "binary modules: %zu; decoded %d (of which %d in assert_invalid), round-tripped %d; "
      "malformed rejected %d (message matched %d); superseded by multi-memory %d\n",
      modules.size(), decoded, in_invalid, round_tripped, rejected, message_matched, superseded);
}

// Hostile input: truncations and byte flips of every well-formed suite module must either fail
// cleanly or decode into something that round-trips (run under the sanitizers to see UB).
TEST(BinarySuite, MutatedModulesFailCleanlyOrRoundTrip) {
  uint64_t state = 0x9E3779B97F4A7C15ull;  // a fixed xorshift seed: the run is reproducible
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  int tried = 0, accepted = 0;
  for (const BinaryModule& m : all_binary_modules()) {
    if (m.enclosing == "assert_malformed" || m.bytes.size() <= 8) continue;
    for (int k = 0; k < 40; ++k) {
      std::vector<uint8_t> bytes = m.bytes;
      if (k % 4 == 0) {
        bytes.resize(8 + next() % (bytes.size() - 8));
      } else {
        for (int flips = 1 + k % 3; flips > 0; --flips) bytes[8 + next() % (bytes.size() - 8)] = uint8_t(next());
      }
      ++tried;
      auto result = decode_module(bytes);
      if (!result.ok()) {
        EXPECT_FALSE(result.error().message.empty());
        EXPECT_FALSE(result.error().where.empty());
        continue;
      }
      ++accepted;
      auto again = decode_module(encode_module(*result));
      ASSERT_TRUE(again.ok()) << m.file << ":" << m.line << " mutation " << k << ": " << again.error().str();
      EXPECT_EQ(structural_difference(*result, *again), "") << m.file << ":" << m.line << " mutation " << k;
    }
  }
  std::printf("mutations: %d decoded, %d accepted and round-tripped\n", tried, accepted);
}

}  // namespace
}  // namespace mnemo
