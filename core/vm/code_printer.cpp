// core/vm/code_printer.cpp: decoding translated code. Each op's immediates are laid out as the
// translator emits them (core/vm/translate.cpp) and the handlers read them (core/vm/interp_loop.h):
// a WebAssembly row's by its immediate kind, an internal op's as core/vm/internal_ops.def spells
// them, a variant's by its form, which its name carries (core/vm/code.h).
#include "core/vm/code_printer.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <span>
#include <string_view>
#include <unordered_map>

#include "core/text/print_instr.h"
#include "core/text/print_names.h"
#include "core/text/print_numbers.h"

namespace mnemo::vm {
namespace {

// Every op's name in the source, in VmOp order: the one list, expanded once more.
constexpr const char* kIdentifiers[] = {
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) #name,
#include "core/opcodes.def"
#undef OP
#define IOP(name, imms) #name,
#include "core/vm/internal_ops.def"
#undef IOP
#define VMOP(name) #name,
#include "core/vm/variant_ops.def"
#undef VMOP
};
static_assert(std::size(kIdentifiers) == size_t(VmOp::Count_), "a name for every op");

// The immediates of each internal op, as core/vm/internal_ops.def spells them.
constexpr const char* kInternalImmediates[] = {
#define IOP(name, imms) imms,
#include "core/vm/internal_ops.def"
#undef IOP
};
constexpr uint32_t kFirstInternal = kOpcodeCount;
constexpr uint32_t kFirstVariant = kFirstInternal + uint32_t(std::size(kInternalImmediates));

// What one immediate is; words_of() says how many code words it takes.
enum class Field : uint8_t {
  Slot,        // a slot index from the frame base
  I32, I64, F32, F64, V128,  // constants (a v128 takes two words)
  Lane, Shuffle,             // a lane index; 16 lane indices in two words
  Target,      // a branch offset, relative to its own word
  Height, Keep, Count,
  Fuel,        // the store's fuel counter (a pointer; not printed)
  Memory,      // MemoryInstance*, then the offset word (memory index, offset)
  MemoryCopy,  // destination and source MemoryInstance*, then both indices in one word
  MemoryInit,  // MemoryInstance*, DataInstance*, offset word
  Callee,      // CompiledFunc* of a wasm callee
  CallFrame,   // the callee's entry and frame sizes (core/vm/code.h, kCallFrameWords; not printed)
  HostFunc,    // FuncInstance* of a host callee
  FuncRef,     // FuncInstance* of ref.func
  Global, Table, Elem, Data,  // pointers to the instance's objects
  TypeId,      // Store::intern id of call_indirect's type
  Result,      // a v128 register form's two result slots (d1 d2)
};
uint32_t words_of(Field f) {
  switch (f) {
    case Field::V128:
    case Field::Shuffle:
    case Field::Memory:
    case Field::Result: return 2;
    case Field::MemoryCopy:
    case Field::MemoryInit: return 3;
    case Field::CallFrame: return kCallFrameWords;
    default: return 1;
  }
}

struct Layout {
  bool emitted = true;      // false: the translator never emits this op
  bool jump_table = false;  // JumpTable: count, then (offset height keep) * (count + 1)
  bool register_form = false;  // v128 register forms: which operands were absorbed shows in their slots
  std::vector<Field> fields;
  // Value-producing instructions (local.get, t.const, the address's i32.add) the op absorbed, which
  // came before the earliest instruction its words record.
  uint32_t absorbed = 0;
};

// The operand forms, the accumulator's included (core/vm/code.h).
enum class Form : uint8_t { SS, LL, LC, SC, SL, SA, AC, AL };
std::optional<Form> form_named(std::string_view s) {
  if (s == "SS") return Form::SS;
  if (s == "LL") return Form::LL;
  if (s == "LC") return Form::LC;
  if (s == "SC") return Form::SC;
  if (s == "SL") return Form::SL;
  if (s == "SA") return Form::SA;
  if (s == "AC") return Form::AC;
  if (s == "AL") return Form::AL;
  return std::nullopt;
}
uint32_t producers(Form f) {
  switch (f) {
    case Form::SS:
    case Form::SA: return 0;
    case Form::LL:
    case Form::LC: return 2;
    default: return 1;
  }
}
Field constant(SigType t) {
  switch (t) {
    case SigType::I64: return Field::I64;
    case SigType::F32: return Field::F32;
    case SigType::F64: return Field::F64;
    case SigType::V128: return Field::V128;
    default: return Field::I32;
  }
}
// The immediates of form `f` (core/vm/code.h: a's slot / b's slot or constant), b of type `b`.
void add_form(std::vector<Field>& out, Form f, SigType b) {
  if (f == Form::LL || f == Form::LC) out.push_back(Field::Slot);
  if (f == Form::LL || f == Form::SL || f == Form::AL) out.push_back(Field::Slot);
  if (f == Form::LC || f == Form::SC || f == Form::AC) out.push_back(constant(b));
}

Layout row_layout(Opcode op) {
  Layout l;
  const OpcodeInfo& inf = info(op);
  auto set = [&](std::initializer_list<Field> f) { l.fields = f; };
  if (op == Opcode::Else || op == Opcode::End) {  // translate to jumps, or to nothing
    l.emitted = false;
    return l;
  }
  switch (inf.imm) {
    case ImmKind::None:
    case ImmKind::RefType: break;  // ref.null pushes 0 whatever its type
    case ImmKind::I32: set({Field::I32}); break;
    case ImmKind::I64: set({Field::I64}); break;
    case ImmKind::F32: set({Field::F32}); break;
    case ImmKind::F64: set({Field::F64}); break;
    case ImmKind::V128: set({Field::V128}); break;
    case ImmKind::Shuffle: set({Field::Shuffle}); break;
    case ImmKind::Lane: set({Field::Lane}); break;
    case ImmKind::MemArg:
    case ImmKind::Memory: set({Field::Memory}); break;
    case ImmKind::MemArgLane: set({Field::Memory, Field::Lane}); break;
    case ImmKind::MemoryCopy: set({Field::MemoryCopy}); break;
    case ImmKind::MemoryInit: set({Field::MemoryInit}); break;
    case ImmKind::Data: set({Field::Data}); break;
    case ImmKind::Elem: set({Field::Elem}); break;
    case ImmKind::Table: set({Field::Table}); break;
    case ImmKind::TableCopy: set({Field::Table, Field::Table}); break;
    case ImmKind::TableInit: set({Field::Table, Field::Elem}); break;
    case ImmKind::Local: set({Field::Slot}); break;
    case ImmKind::Global: set({Field::Global}); break;
    case ImmKind::Func:
      if (op == Opcode::Call) set({Field::Callee, Field::CallFrame});
      else set({Field::FuncRef});
      break;
    case ImmKind::CallIndirect: set({Field::Table, Field::TypeId}); break;
    case ImmKind::Block:  // blocks, branches and select t become other ops
    case ImmKind::Label:
    case ImmKind::BrTable:
    case ImmKind::SelectT: l.emitted = false; break;
  }
  return l;
}

Layout internal_layout(VmOp op) {
  Layout l;
  if (op == VmOp::Invalid) {
    l.emitted = false;
    return l;
  }
  const std::string_view spec = kInternalImmediates[uint32_t(op) - kFirstInternal];
  if (spec.find('(') != std::string_view::npos) {
    l.jump_table = true;
    return l;
  }
  static const std::unordered_map<std::string_view, Field> kWords = {
      {"offset", Field::Target}, {"height", Field::Height}, {"keep", Field::Keep}, {"count", Field::Count},
      {"fuel", Field::Fuel},     {"func", Field::HostFunc}, {"slot", Field::Slot},  {"global", Field::Global},
  };
  size_t at = 0;
  while (at < spec.size()) {
    const size_t end = std::min(spec.find(' ', at), spec.size());
    auto it = kWords.find(spec.substr(at, end - at));
    if (it == kWords.end()) {
      l.emitted = false;  // an immediate this printer does not know: the test of every op's layout fails
      return l;
    }
    l.fields.push_back(it->second);
    at = end + 1;
  }
  return l;
}

Layout variant_layout(std::string_view name) {
  static const std::unordered_map<std::string_view, Opcode> kRows = [] {
    std::unordered_map<std::string_view, Opcode> m;
    for (uint32_t i = 0; i < kOpcodeCount; ++i) m.emplace(kIdentifiers[i], Opcode(i));
    return m;
  }();
  Layout l;
  l.emitted = false;
  const size_t cut = name.find('_');
  if (cut == std::string_view::npos) return l;
  const auto row = kRows.find(name.substr(0, cut));
  if (row == kRows.end()) return l;
  const OpcodeInfo& inf = info(row->second);
  std::string_view suffix = name.substr(cut + 1);
  // An accumulator twin that leaves its result there (core/vm/code.h) has the layout of the op
  // it is the twin of: the row's own op, or the variant the rest of the suffix names.
  constexpr std::string_view kToAcc = "toA";
  if (suffix.size() >= kToAcc.size() && suffix.substr(suffix.size() - kToAcc.size()) == kToAcc) {
    if (suffix == kToAcc) return row_layout(row->second);
    suffix = suffix.substr(0, suffix.size() - kToAcc.size() - 1);
  }
  const bool is_store = inf.imm == ImmKind::MemArg && inf.result == SigType::___;
  auto ends_with = [&](std::string_view tail) {
    return suffix.size() > tail.size() && suffix.substr(suffix.size() - tail.size()) == tail;
  };
  l.emitted = true;
  if (const auto f = form_named(suffix)) {  // operand forms; a store's address and value
    if (is_store) l.fields.push_back(Field::Memory);
    add_form(l.fields, *f, inf.params[1]);
    l.absorbed = producers(*f);
  } else if (ends_with("_If") || ends_with("_Unless") || ends_with("_Tee")) {
    const auto f = form_named(suffix.substr(0, suffix.find('_')));
    if (!f) {
      l.emitted = false;
      return l;
    }
    add_form(l.fields, *f, inf.params[1]);
    l.fields.push_back(ends_with("_Tee") ? Field::Slot : Field::Target);
    l.absorbed = producers(*f);
  } else if (suffix == "L") {  // a load's address from a local
    l.fields = {Field::Memory, Field::Slot};
    l.absorbed = 1;
  } else if (suffix == "A") {  // a load's address, or a unary row's operand, from the accumulator
    if (inf.imm == ImmKind::MemArg) l.fields = {Field::Memory};
  } else if (suffix.substr(0, 3) == "Add" && form_named(suffix.substr(3))) {  // from an i32.add
    const Form f = *form_named(suffix.substr(3));
    l.fields = {Field::Memory};
    add_form(l.fields, f, SigType::I32);
    l.absorbed = 1 + producers(f);
  } else if (suffix == "R" || suffix == "RC") {
    l.register_form = true;
    l.fields = {Field::Result, Field::Height};
    if (inf.imm == ImmKind::MemArg) l.fields.push_back(Field::Memory);
    l.fields.push_back(Field::Slot);
    if (suffix == "RC") l.fields.push_back(constant(inf.params[1]));
    else if (inf.params[1] != SigType::___) l.fields.push_back(Field::Slot);
  } else {
    l.emitted = false;
  }
  return l;
}

const Layout& layout_of(VmOp op) {
  static const std::vector<Layout> kLayouts = [] {
    std::vector<Layout> all;
    for (uint32_t i = 0; i < uint32_t(VmOp::Count_); ++i) {
      if (i < kFirstInternal) all.push_back(row_layout(Opcode(i)));
      else if (i < kFirstVariant) all.push_back(internal_layout(VmOp(i)));
      else all.push_back(variant_layout(kIdentifiers[i]));
    }
    return all;
  }();
  return kLayouts[size_t(op)];
}

std::string hex(uint64_t w) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, w);
  return buf;
}

// The index of `p` in `objects` (the instance's index space of its kind), or nothing.
template <class T>
std::optional<uint32_t> index_in(const std::vector<T*>& objects, const void* p) {
  for (size_t i = 0; i < objects.size(); ++i)
    if (objects[i] == p) return uint32_t(i);
  return std::nullopt;
}
template <class T>
std::optional<uint32_t> index_in(const std::vector<T>& objects, const void* p) {
  for (size_t i = 0; i < objects.size(); ++i)
    if (&objects[i] == p) return uint32_t(i);
  return std::nullopt;
}
std::string indexed(const char* kind, std::optional<uint32_t> index, uint64_t word) {
  return std::string(kind) + " " + (index ? std::to_string(*index) : "at " + hex(word));
}

class Decoder {
 public:
  explicit Decoder(const CompiledFunc& code) : c_(code), inst_(code.instance) {}

  std::vector<DecodedOp> run() {
    std::vector<DecodedOp> out;
    uint32_t pc = 0;
    while (pc < c_.code.size()) {
      DecodedOp d;
      d.pc = pc;
      const uint64_t w = c_.code[pc];
      // An op word is exactly the word the translator writes for its op (core/vm/code.h).
      const bool is_op = size_t(op_of_word(w)) < size_t(VmOp::Count_) && w == op_word(op_of_word(w));
      const Layout* l = is_op ? &layout_of(op_of_word(w)) : nullptr;
      if (!l || !l->emitted || !decode(*l, d)) {
        d.name = "invalid word " + hex(w);
        out.push_back(std::move(d));
        break;
      }
      d.op = op_of_word(w);
      d.name = vm_op_name(d.op);
      if (is_return(d.op)) threaded_jump(d);
      attribute(*l, d);
      pc += d.words;
      out.push_back(std::move(d));
    }
    return out;
  }

 private:
  // Reads the immediates of the op at d.pc; false when they run past the code's end.
  bool decode(const Layout& l, DecodedOp& d) {
    uint32_t at = d.pc + 1;
    auto have = [&](uint64_t n) { return at + n <= c_.code.size(); };
    if (l.jump_table) {
      if (!have(1)) return false;
      const uint64_t count = c_.code[at];
      if (count >= c_.code.size() || !have(1 + 3 * (count + 1))) return false;
      d.immediates.push_back("count " + std::to_string(count));
      for (uint64_t i = 0; i <= count; ++i) {
        const uint32_t e = at + 1 + uint32_t(3 * i);
        d.immediates.push_back((i == count ? std::string("default") : "[" + std::to_string(i) + "]") + " -> " +
                               std::to_string(int64_t(e) + int64_t(c_.code[e])) + " height " +
                               std::to_string(c_.code[e + 1]) + " keep " + std::to_string(c_.code[e + 2]));
      }
      d.words = uint32_t(1 + 1 + 3 * (count + 1));
      return true;
    }
    for (Field f : l.fields) {
      if (!have(words_of(f))) return false;
      std::string text = field(f, at, d);
      if (!text.empty()) d.immediates.push_back(std::move(text));
      at += words_of(f);
    }
    d.words = at - d.pc;
    return true;
  }

  // The translator threads a plain jump to a return into that return, rewriting only its op word
  // (core/vm/translate.cpp): the jump's offset word stays, unread. It is the next word when that
  // word came from the same instruction and, as an offset from itself, lands on a return.
  void threaded_jump(DecodedOp& d) const {
    const uint32_t at = d.pc + 1;
    if (at >= c_.code.size() || c_.instr_at.size() != c_.code.size() || c_.instr_at[at] != c_.instr_at[d.pc]) return;
    const int64_t target = int64_t(at) + int64_t(c_.code[at]);
    if (target < 0 || target >= int64_t(c_.code.size())) return;
    const uint64_t w = c_.code[size_t(target)];  // an op word exactly, not an immediate that looks like one
    if (w != op_word(op_of_word(w)) || !is_return(op_of_word(w))) return;
    d.immediates.push_back("a jump to the return at " + std::to_string(target) + ", threaded");
    d.words = 2;
  }

  std::string field(Field f, uint32_t at, DecodedOp& d) {
    const uint64_t w = c_.code[at];
    const void* p = reinterpret_cast<const void*>(uintptr_t(w));
    switch (f) {
      case Field::Slot: return "slot " + std::to_string(w);
      case Field::I32: return "i32 " + std::to_string(int32_t(uint32_t(w)));
      case Field::I64: return "i64 " + std::to_string(int64_t(w));
      case Field::F32: return "f32 " + float_text(format_f32(uint32_t(w)), decimal_f32(uint32_t(w)));
      case Field::F64: return "f64 " + float_text(format_f64(w), decimal_f64(w));
      case Field::V128: {
        uint32_t lanes[4];
        std::memcpy(lanes, &c_.code[at], 16);
        char buf[64];
        std::snprintf(buf, sizeof buf, "v128 i32x4 0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32,
                      lanes[0], lanes[1], lanes[2], lanes[3]);
        return buf;
      }
      case Field::Lane: return "lane " + std::to_string(w);
      case Field::Shuffle: {
        uint8_t lanes[16];
        std::memcpy(lanes, &c_.code[at], 16);
        std::string out = "lanes";
        for (uint8_t lane : lanes) out += " " + std::to_string(lane);
        return out;
      }
      case Field::Target: return "-> " + std::to_string(int64_t(at) + int64_t(w));
      case Field::Height: return "height " + std::to_string(w);
      case Field::Keep: return "keep " + std::to_string(w);
      case Field::Count: return "count " + std::to_string(w);
      case Field::Fuel:
      case Field::CallFrame: return "";
      case Field::Memory: {
        const uint64_t offset_word = c_.code[at + 1];
        d.memory = memory_of_word(offset_word);
        const uint32_t offset = offset_of_word(offset_word);
        return "memory " + std::to_string(*d.memory) + (offset ? " offset " + std::to_string(offset) : "");
      }
      case Field::MemoryCopy: {
        const uint64_t pair = c_.code[at + 2];
        d.memory = dst_memory_of_pair(pair);
        d.source_memory = src_memory_of_pair(pair);
        return "memory " + std::to_string(*d.memory) + " <- memory " + std::to_string(*d.source_memory);
      }
      case Field::MemoryInit: {
        d.memory = memory_of_word(c_.code[at + 2]);
        const void* data = reinterpret_cast<const void*>(uintptr_t(c_.code[at + 1]));
        return "memory " + std::to_string(*d.memory) + ", " +
               indexed("data", inst_ ? index_in(inst_->datas, data) : std::nullopt, c_.code[at + 1]);
      }
      case Field::Callee: return callee(static_cast<const CompiledFunc*>(p), w);
      case Field::HostFunc:
      case Field::FuncRef: {
        std::string out = indexed("func", inst_ ? index_in(inst_->funcs, p) : std::nullopt, w);
        const auto* fn = static_cast<const FuncInstance*>(p);
        if (f == Field::HostFunc && inst_ && index_in(inst_->funcs, p) && !fn->debug_name.empty())
          out += " (" + fn->debug_name + ")";
        return out;
      }
      case Field::Global: return indexed("global", inst_ ? index_in(inst_->globals, p) : std::nullopt, w);
      case Field::Table: return indexed("table", inst_ ? index_in(inst_->tables, p) : std::nullopt, w);
      case Field::Elem: return indexed("elem", inst_ ? index_in(inst_->elems, p) : std::nullopt, w);
      case Field::Data: return indexed("data", inst_ ? index_in(inst_->datas, p) : std::nullopt, w);
      case Field::TypeId: {
        if (inst_)
          for (size_t i = 0; i < inst_->type_ids.size(); ++i)
            if (inst_->type_ids[i] == w) return "type " + std::to_string(i);
        return "type id " + std::to_string(w);
      }
      case Field::Result: {
        const uint64_t also = c_.code[at + 1];
        return "result slot " + std::to_string(w) + (also != w ? " and slot " + std::to_string(also) : "");
      }
    }
    return hex(w);
  }

  static std::string float_text(const std::string& exact, const std::string& decimal) {
    return decimal.empty() || decimal == exact ? exact : decimal;
  }

  // A wasm callee's code: its function index in this instance, or in its own.
  std::string callee(const CompiledFunc* callee, uint64_t w) const {
    if (inst_)
      for (size_t i = 0; i < inst_->funcs.size(); ++i)
        if (!inst_->funcs[i]->is_host() && interp_code(*inst_->funcs[i]) == callee) return "func " + std::to_string(i);
    if (!callee) return "func at " + hex(w);
    return "func " + std::to_string(callee->func_index) + " of another instance";
  }

  // Which instructions of the body the op stands for: those its words record, and before them
  // the operands it absorbed (nop and block, which translate to nothing, among them).
  void attribute(const Layout& l, DecodedOp& d) const {
    if (c_.instr_at.size() < size_t(d.pc) + d.words) return;  // one entry per code word, always
    const auto words = std::span(c_.instr_at).subspan(d.pc, d.words);
    d.first_instr = *std::min_element(words.begin(), words.end());
    d.last_instr = *std::max_element(words.begin(), words.end());
    uint32_t absorbed = l.absorbed;
    bool sets_local = false;  // a register form's local.set / local.tee after it, absorbed too
    if (l.register_form) {  // operands read from a local's slot or a constant were absorbed
      const uint32_t locals_end = c_.param_slots + c_.local_slots;
      sets_local = c_.code[d.pc + 2] < locals_end;  // d2: a local's slot when a set or tee wrote it
      uint32_t at = d.pc + 1;
      for (size_t i = 0; i < l.fields.size(); ++i) {
        const Field f = l.fields[i];
        if (f == Field::Slot && c_.code[at] < locals_end) ++absorbed;
        if (f == Field::I32 || f == Field::V128) ++absorbed;
        at += words_of(f);
      }
    }
    if (!c_.source) return;
    const Expr& body = c_.source->body;
    auto translates_to_nothing = [&](uint32_t i) { return body[i].op == Opcode::Nop || body[i].op == Opcode::Block; };
    while (absorbed > 0 && d.first_instr > 0)
      if (!translates_to_nothing(--d.first_instr)) --absorbed;
    if (sets_local)
      while (d.last_instr + 1 < body.size())
        if (!translates_to_nothing(++d.last_instr)) break;
    d.fused = d.first_instr != d.last_instr;
  }

  const CompiledFunc& c_;
  const Instance* inst_;
};

}  // namespace

std::string vm_op_name(VmOp op) {
  const uint32_t i = uint32_t(op);
  if (i >= uint32_t(VmOp::Count_)) return "invalid op " + std::to_string(i);
  if (i < kFirstInternal) return std::string(kOpcodeInfo[i].text);
  if (i < kFirstVariant) return kIdentifiers[i];
  // A variant: its row's mnemonic, then the form its name carries after the row's identifier.
  const std::string_view id = kIdentifiers[i];
  const size_t cut = id.find('_');
  for (uint32_t row = 0; row < kOpcodeCount; ++row)
    if (id.substr(0, cut) == kIdentifiers[row]) return std::string(kOpcodeInfo[row].text) + std::string(id.substr(cut));
  return std::string(id);
}

std::vector<DecodedOp> decode_translated_code(const CompiledFunc& code) { return Decoder(code).run(); }

std::string print_translated_code(const CompiledFunc& code) {
  constexpr size_t kImmediatesWidth = 44;  // a v128 load's register form fits
  std::string out = "locals (parameters first):";
  for (size_t i = 0; i < code.local_types.size(); ++i)
    out += std::string(i ? "," : "") + " " + std::to_string(i) + " " + std::string(to_string(code.local_types[i])) +
           " in slot " + std::to_string(code.local_slot[i]);
  if (code.local_types.empty()) out += " none";
  out += "; operands from slot " + std::to_string(code.param_slots + code.local_slots) + "\n";

  PrintNames names;
  const Module* module = code.instance ? code.instance->module.get() : nullptr;
  if (module) names = collect_print_names(*module);
  InstrContext ctx;
  ctx.names = &names;
  ctx.locals = &names.locals_of(code.func_index);
  ctx.comments = false;

  char line[96];
  std::snprintf(line, sizeof line, "%6s  %-22s %-*s %s\n", "pc", "op", int(kImmediatesWidth), "immediates", "wasm instructions");
  out += line;
  for (const DecodedOp& d : decode_translated_code(code)) {
    std::string imms;
    for (const std::string& s : d.immediates) imms += (imms.empty() ? "" : ", ") + s;
    std::snprintf(line, sizeof line, "%6u  %-22s ", d.pc, d.name.c_str());
    out += line;
    out += imms;
    out += std::string(imms.size() < kImmediatesWidth ? kImmediatesWidth - imms.size() : 0, ' ') + " ";
    if (d.op != VmOp::Invalid && code.source) {
      out += std::to_string(d.first_instr);
      if (d.last_instr != d.first_instr) out += "-" + std::to_string(d.last_instr);
      out += ":";
      for (uint32_t i = d.first_instr; i <= d.last_instr && i < code.source->body.size(); ++i) {
        out += i == d.first_instr ? " " : "; ";
        append_instr(out, code.source->body[i], ctx);
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
  }
  return out;
}

}  // namespace mnemo::vm
