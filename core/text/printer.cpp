// core/text/printer.cpp: the module fields in index order (spec 6.6), function bodies flat with one
// instruction per line, and the map from instructions to lines for the disassembly view.
//
// Every field names its type index explicitly ("(type N)" beside the params and results), block
// types keep their shape (value type or "(type N)"), and float constants print exactly, so that
// parsing the text gives back the same module.
#include "core/text/printer.h"

#include <algorithm>

#include "core/text/print_instr.h"
#include "core/text/print_names.h"
#include "core/text/print_numbers.h"

namespace mnemo {
namespace {

// Indentation stops growing past this block depth, so that hostile nesting cannot make the text
// quadratic in the size of the body.
constexpr uint32_t kMaxIndentDepth = 32;

class Printer {
 public:
  explicit Printer(const Module& m) : m_(m), names_(collect_print_names(m)) {}

  PrintedModule run() {
    out_ += "(module";
    if (!names_.module.empty()) out_ += " $" + names_.module;
    size_t fields_start = out_.size();
    print_types();
    print_imports();
    print_funcs();
    print_tables();
    print_memories();
    print_globals();
    print_exports();
    print_start();
    print_elems();
    print_datas();
    if (out_.size() != fields_start) newline();  // a module with fields closes on its own line
    out_ += ")\n";
    return PrintedModule{std::move(out_), std::move(func_lines_)};
  }

 private:
  // Starts a new line at module-field indentation.
  void field() {
    newline();
    out_ += "  ";
  }
  void newline() {
    out_ += '\n';
    ++line_;
  }

  void val_types(const char* keyword, const std::vector<ValType>& types) {
    if (types.empty()) return;
    out_ += " (";
    out_ += keyword;
    for (ValType t : types) {
      out_ += ' ';
      out_ += to_string(t);
    }
    out_ += ')';
  }

  // "(param $x i32) (param i32)" when some have ids, else "(param i32 i32)"; `first` is the local
  // index of types[0].
  void named_val_types(const char* keyword, const std::vector<ValType>& types, const IdSpace& ids,
                       uint32_t first) {
    bool any = false;
    for (size_t i = 0; i < types.size() && !any; ++i) any = ids.find(first + uint32_t(i)) != nullptr;
    if (!any) return val_types(keyword, types);
    for (size_t i = 0; i < types.size(); ++i) {
      out_ += " (";
      out_ += keyword;
      if (const std::string* id = ids.find(first + uint32_t(i))) out_ += " $" + *id;
      out_ += ' ';
      out_ += to_string(types[i]);
      out_ += ')';
    }
  }

  // typeuse ::= (type x) (param ...) (result ...), the params and results spelled out when the
  // type exists (the parser checks they agree; the explicit index keeps type indices exact).
  void type_use(uint32_t type, const IdSpace* param_ids) {
    out_ += " (type " + names_.types.ref(type) + ")";
    if (type >= m_.types.size()) return;
    const FuncType& ft = m_.types[type];
    if (param_ids) named_val_types("param", ft.params, *param_ids, 0);
    else val_types("param", ft.params);
    val_types("result", ft.results);
  }

  void limits(const Limits& l) {
    out_ += ' ' + std::to_string(l.min);
    if (l.max) out_ += ' ' + std::to_string(*l.max);
  }

  void global_type(const GlobalType& g) {
    out_ += ' ';
    if (g.mut) out_ += "(mut ";
    out_ += to_string(g.type);
    if (g.mut) out_ += ')';
  }

  // The instructions of `e` without its final end: "(i32.const 0)" for one instruction, otherwise
  // `(wrapper instr instr ...)` in flat form, or the bare flat instructions when `wrapper` is null.
  void const_expr(const Expr& e, const char* wrapper) {
    size_t n = e.size();
    if (n > 0 && e.back().op == Opcode::End) --n;
    InstrContext ctx{&names_, nullptr, 0, false};
    if (n == 0 && !wrapper) return;
    out_ += ' ';
    if (n == 1) {
      out_ += '(';
      append_instr(out_, e[0], ctx);
      out_ += ')';
      return;
    }
    if (wrapper) out_ += '(' + std::string(wrapper);
    for (size_t i = 0; i < n; ++i) {
      if (wrapper || i > 0) out_ += ' ';
      append_instr(out_, e[i], ctx);
    }
    if (wrapper) out_ += ')';
  }

  void print_types() {
    for (size_t i = 0; i < m_.types.size(); ++i) {
      field();
      out_ += "(type " + names_.types.def(uint32_t(i)) + " (func";
      val_types("param", m_.types[i].params);
      val_types("result", m_.types[i].results);
      out_ += "))";
    }
  }

  void print_imports() {
    uint32_t funcs = 0, tables = 0, memories = 0, globals = 0;
    for (const Import& im : m_.imports) {
      field();
      out_ += "(import ";
      append_string_literal(out_, im.module);
      out_ += ' ';
      append_string_literal(out_, im.name);
      out_ += " (";
      out_ += to_string(im.kind);
      switch (im.kind) {
        case ExternKind::Func:
          out_ += ' ' + names_.funcs.def(funcs++);
          type_use(im.func_type, nullptr);
          break;
        case ExternKind::Table:
          out_ += ' ' + names_.tables.def(tables++);
          limits(im.table.limits);
          out_ += ' ';
          out_ += to_string(im.table.elem);
          break;
        case ExternKind::Memory:
          out_ += ' ' + names_.memories.def(memories++);
          limits(im.memory.limits);
          break;
        case ExternKind::Global:
          out_ += ' ' + names_.globals.def(globals++);
          global_type(im.global);
          break;
      }
      out_ += "))";
    }
  }

  void print_funcs() {
    const uint32_t base = m_.imported_count(ExternKind::Func);
    func_lines_.resize(m_.funcs.size());
    for (size_t i = 0; i < m_.funcs.size(); ++i) print_func(base + uint32_t(i), m_.funcs[i], func_lines_[i]);
  }

  void print_func(uint32_t index, const Function& f, std::vector<uint32_t>& lines) {
    const IdSpace& local_ids = names_.locals_of(index);
    field();
    out_ += "(func " + names_.funcs.def(index);
    type_use(f.type, &local_ids);
    if (!f.locals.empty()) {
      newline();
      out_ += "   ";
      uint32_t params = f.type < m_.types.size() ? uint32_t(m_.types[f.type].params.size()) : 0;
      named_val_types("local", f.locals, local_ids, params);
    }
    lines.reserve(f.body.size());
    InstrContext ctx{&names_, &local_ids, 0, true};
    uint32_t& depth = ctx.depth;
    for (size_t j = 0; j < f.body.size(); ++j) {
      const Instr& in = f.body[j];
      const bool final_end = j + 1 == f.body.size() && in.op == Opcode::End;
      if (final_end) break;
      // `end` and `else` sit at the depth of their block's opener.
      if (in.op == Opcode::End && depth > 0) --depth;
      uint32_t shown = in.op == Opcode::Else && depth > 0 ? depth - 1 : depth;
      newline();
      out_.append(4 + 2 * size_t(std::min(shown, kMaxIndentDepth)), ' ');
      InstrContext here = ctx;
      here.depth = shown;
      append_instr(out_, in, here);
      lines.push_back(line_);
      if (in.op == Opcode::Block || in.op == Opcode::Loop || in.op == Opcode::If) ++depth;
    }
    // The function's closing parenthesis stands for its final `end`.
    newline();
    out_ += "  )";
    if (!f.body.empty() && f.body.back().op == Opcode::End) lines.push_back(line_);
  }

  void print_tables() {
    const uint32_t base = m_.imported_count(ExternKind::Table);
    for (size_t i = 0; i < m_.tables.size(); ++i) {
      field();
      out_ += "(table " + names_.tables.def(base + uint32_t(i));
      limits(m_.tables[i].limits);
      out_ += ' ';
      out_ += to_string(m_.tables[i].elem);
      out_ += ')';
    }
  }

  void print_memories() {
    const uint32_t base = m_.imported_count(ExternKind::Memory);
    for (size_t i = 0; i < m_.memories.size(); ++i) {
      field();
      out_ += "(memory " + names_.memories.def(base + uint32_t(i));
      limits(m_.memories[i].limits);
      out_ += ')';
    }
  }

  void print_globals() {
    const uint32_t base = m_.imported_count(ExternKind::Global);
    for (size_t i = 0; i < m_.globals.size(); ++i) {
      field();
      out_ += "(global " + names_.globals.def(base + uint32_t(i));
      global_type(m_.globals[i].type);
      const_expr(m_.globals[i].init, nullptr);
      out_ += ')';
    }
  }

  const IdSpace& space_of(ExternKind k) const {
    switch (k) {
      case ExternKind::Func: return names_.funcs;
      case ExternKind::Table: return names_.tables;
      case ExternKind::Memory: return names_.memories;
      case ExternKind::Global: return names_.globals;
    }
    return names_.funcs;
  }

  void print_exports() {
    for (const Export& e : m_.exports) {
      field();
      out_ += "(export ";
      append_string_literal(out_, e.name);
      out_ += " (";
      out_ += to_string(e.kind);
      out_ += ' ' + space_of(e.kind).ref(e.index) + "))";
    }
  }

  void print_start() {
    if (!m_.start) return;
    field();
    out_ += "(start " + names_.funcs.ref(*m_.start) + ")";
  }

  // True when the segment can use the `func x*` list: funcref and every item a lone ref.func.
  static bool func_index_list(const ElemSegment& s) {
    if (s.type != ValType::FuncRef) return false;
    return std::all_of(s.init.begin(), s.init.end(), [](const Expr& e) {
      return e.size() == 2 && e[0].op == Opcode::RefFunc && e[1].op == Opcode::End;
    });
  }

  void print_elems() {
    for (size_t i = 0; i < m_.elems.size(); ++i) {
      const ElemSegment& s = m_.elems[i];
      field();
      out_ += "(elem " + names_.elems.def(uint32_t(i));
      switch (s.mode) {
        case ElemSegment::Mode::Passive: break;
        case ElemSegment::Mode::Declarative: out_ += " declare"; break;
        case ElemSegment::Mode::Active:
          if (s.table != 0) out_ += " (table " + names_.tables.ref(s.table) + ")";
          const_expr(s.offset, "offset");
          break;
      }
      if (func_index_list(s)) {
        out_ += " func";
        for (const Expr& e : s.init) out_ += ' ' + names_.funcs.ref(e[0].index);
      } else {
        out_ += ' ';
        out_ += to_string(s.type);
        for (const Expr& e : s.init) const_expr(e, "item");
      }
      out_ += ')';
    }
  }

  void print_datas() {
    for (size_t i = 0; i < m_.datas.size(); ++i) {
      const DataSegment& s = m_.datas[i];
      field();
      out_ += "(data " + names_.datas.def(uint32_t(i));
      if (s.mode == DataSegment::Mode::Active) {
        if (s.memory != 0) out_ += " (memory " + names_.memories.ref(s.memory) + ")";
        const_expr(s.offset, "offset");
      }
      out_ += ' ';
      append_string_literal(out_, s.bytes);
      out_ += ')';
    }
  }

  const Module& m_;
  PrintNames names_;
  std::string out_;
  uint32_t line_ = 1;
  std::vector<std::vector<uint32_t>> func_lines_;
};

}  // namespace

PrintedModule print_module_with_lines(const Module& module) { return Printer(module).run(); }

std::string print_module(const Module& module) { return print_module_with_lines(module).text; }

}  // namespace mnemo
