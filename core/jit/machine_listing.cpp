// core/jit/machine_listing.cpp: see machine_listing.h. Rows come from the disassembler, or, without
// one, are runs of at most 8 bytes cut wherever an instruction's code or a note begins, so that
// both print through the same loop.
#include "core/jit/machine_listing.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/jit/disassemble.h"

namespace mnemo::jit {
namespace {

constexpr uint32_t kBytesPerRow = 10;  // more bytes (x86-64 has up to 15) continue on a line of their own

std::vector<MachineInstr> hex_rows(const MachineCode& code) {
  std::vector<MachineInstr> rows;
  const uint32_t size = uint32_t(code.bytes.size());
  // AArch64's instructions are all one little-endian word: a row each, the word as objdump
  // prints an undecoded one, so the listing lines up with the code even without a disassembler.
  if (code.arch == MachineArch::Arm64) {
    for (uint32_t at = 0; at + 4 <= size; at += 4) {
      char word[24];
      std::snprintf(word, sizeof word, ".inst 0x%02x%02x%02x%02x", code.bytes[at + 3], code.bytes[at + 2],
                    code.bytes[at + 1], code.bytes[at]);
      rows.push_back({at, 4, word});
    }
    return rows;
  }
  std::set<uint32_t> cuts;
  for (const auto& [instr, offset] : code.instr_offsets) cuts.insert(offset);
  for (const auto& [offset, note] : code.notes) cuts.insert(offset);
  for (uint32_t at = 0; at < size;) {
    uint32_t end = std::min(size, at + 8);
    if (auto next = cuts.upper_bound(at); next != cuts.end() && *next < end) end = *next;
    rows.push_back({at, end - at, ""});
    at = end;
  }
  return rows;
}

std::string byte_text(const MachineCode& code, uint32_t from, uint32_t count) {
  std::string out;
  char b[4];
  for (uint32_t i = 0; i < count; ++i) {
    std::snprintf(b, sizeof b, "%s%02x", i ? " " : "", code.bytes[from + i]);
    out += b;
  }
  return out;
}

// The symbols named by the hex constants in `text`, as "  ; = memory 1".
std::string symbol_notes(const std::string& text, const std::map<uint64_t, std::string>& symbols) {
  std::string out;
  for (size_t at = text.find("0x"); at != std::string::npos; at = text.find("0x", at + 2)) {
    const uint64_t value = std::strtoull(text.c_str() + at + 2, nullptr, 16);
    if (auto it = symbols.find(value); it != symbols.end()) out += "  ; = " + it->second;
  }
  return out;
}

}  // namespace

std::vector<std::pair<uint64_t, std::string>> instance_symbols(const Instance& instance) {
  std::vector<std::pair<uint64_t, std::string>> out;
  auto add = [&](const void* p, std::string name) { out.emplace_back(uint64_t(uintptr_t(p)), std::move(name)); };
  add(&instance, "the instance");
  add(instance.context(), "the instance's context");
  for (size_t i = 0; i < instance.funcs.size(); ++i) add(instance.funcs[i], "function " + std::to_string(i));
  for (size_t i = 0; i < instance.tables.size(); ++i) add(instance.tables[i], "table " + std::to_string(i));
  for (size_t i = 0; i < instance.memories.size(); ++i) add(instance.memories[i], "memory " + std::to_string(i));
  for (size_t i = 0; i < instance.globals.size(); ++i) add(instance.globals[i], "global " + std::to_string(i));
  for (size_t i = 0; i < instance.elems.size(); ++i) add(&instance.elems[i], "elem " + std::to_string(i));
  for (size_t i = 0; i < instance.datas.size(); ++i) add(&instance.datas[i], "data " + std::to_string(i));
  return out;
}

std::string print_machine_code(const MachineCode& code, uint32_t body_size,
                               const std::function<std::string(uint32_t)>& instr_text) {
  char line[160];
  std::snprintf(line, sizeof line, "%zu bytes of %s at %p (offsets from there)", code.bytes.size(),
                std::string(arch_name(code.arch)).c_str(), static_cast<const void*>(code.address));
  std::string out = line;
  Result<std::vector<MachineInstr>> disassembled = disassemble(code.arch, code.bytes);
  std::vector<MachineInstr> rows;
  if (disassembled) {
    out += ", disassembled by " + disassembler_name() + "\n";
    rows = std::move(disassembled).value();
  } else {
    out += "\n" + disassembled.error().str() + "; the bytes in hex:\n";
    rows = hex_rows(code);
  }
  if (code.instr_offsets.empty()) out += "(the compiler recorded no offsets of the WebAssembly instructions)\n";
  const std::map<uint64_t, std::string> symbols(code.symbols.begin(), code.symbols.end());

  auto comment = [&](const std::string& text) { out += "                                         ;; " + text + "\n"; };
  size_t next_instr = 0, next_note = 0;
  if (!code.instr_offsets.empty() && code.instr_offsets.front().second > 0) comment("prologue");
  for (const MachineInstr& row : rows) {
    for (; next_instr < code.instr_offsets.size() && code.instr_offsets[next_instr].second <= row.offset; ++next_instr) {
      const uint32_t instr = code.instr_offsets[next_instr].first;
      comment(instr >= body_size ? "trap stubs" : std::to_string(instr) + ": " + instr_text(instr));
    }
    const uint32_t shown = std::min(row.size, kBytesPerRow);
    std::snprintf(line, sizeof line, "  %06x  %-30s  ", row.offset, byte_text(code, row.offset, shown).c_str());
    out += line;
    out += row.text;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += symbol_notes(row.text, symbols);
    for (; next_note < code.notes.size() && code.notes[next_note].first < row.offset + row.size; ++next_note)
      if (code.notes[next_note].first >= row.offset) out += "  ; " + code.notes[next_note].second;
    out += "\n";
    for (uint32_t at = shown; at < row.size; at += kBytesPerRow) {
      std::snprintf(line, sizeof line, "  %06x  %s\n", row.offset + at,
                    byte_text(code, row.offset + at, std::min(kBytesPerRow, row.size - at)).c_str());
      out += line;
    }
  }
  return out;
}

}  // namespace mnemo::jit
