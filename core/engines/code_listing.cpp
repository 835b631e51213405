// core/engines/code_listing.cpp: see code_listing.h.
#include "core/engines/code_listing.h"

#include <charconv>

#include "core/engines/make_engine.h"
#include "core/runtime/stand_in_imports.h"
#include "core/text/print_instr.h"
#include "core/text/print_names.h"
#include "core/vm/code.h"
#include "core/vm/code_printer.h"
#if MNEMO_JIT
#include "core/jit/jit.h"
#include "core/jit/machine_listing.h"
#endif

namespace mnemo {
namespace {

Error imported(const Module& module, uint32_t func) {
  // Function imports come first in the index space, in the order of the import section.
  uint32_t seen = 0;
  for (const Import& imp : module.imports)
    if (imp.kind == ExternKind::Func && seen++ == func)
      return Error{"function " + std::to_string(func),
                   "is imported (" + imp.module + "." + imp.name + "): it has no code in this module"};
  return Error{"function " + std::to_string(func), "is imported: it has no code in this module"};
}

// `function 3 "add" (param i32 i32) (result i32)`: its index, export names and type.
std::string function_line(const Module& module, uint32_t func) {
  std::string out = "function " + std::to_string(func);
  if (auto it = module.names.funcs.find(func); it != module.names.funcs.end()) out += " $" + it->second;
  for (const Export& e : module.exports)
    if (e.kind == ExternKind::Func && e.index == func) out += " \"" + e.name + "\"";
  const FuncType& type = module.types[module.func_type_index(func)];
  auto types = [&](const char* what, const std::vector<ValType>& ts) {
    if (ts.empty()) return;
    out += std::string(" (") + what;
    for (ValType t : ts) out += " " + std::string(to_string(t));
    out += ")";
  };
  types("param", type.params);
  types("result", type.results);
  return out;
}

}  // namespace

Result<uint32_t> find_listed_function(const Module& module, std::string_view name) {
  const uint32_t imports = module.imported_count(ExternKind::Func);
  uint32_t index = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), index);
  if (!name.empty() && ec == std::errc() && end == name.data() + name.size()) {
    if (index >= module.func_count())
      return Error{"function " + std::string(name), "no such function: the module has " +
                                                        std::to_string(module.func_count()) + " (indices from 0)"};
    if (index < imports) return imported(module, index);
    return index;
  }
  for (const Export& e : module.exports) {
    if (e.name != name) continue;
    if (e.kind != ExternKind::Func)
      return Error{"export \"" + std::string(name) + "\"", "is a " + std::string(to_string(e.kind)) + ", not a function"};
    if (e.index < imports) return imported(module, e.index);
    return e.index;
  }
  return Error{"\"" + std::string(name) + "\"", "no exported function of that name, nor a function index"};
}

Result<std::string> code_listing(const Module& module, uint32_t func, EngineKind kind) {
  Store store;
  std::string why_not;
  std::unique_ptr<Engine> engine = make_engine(kind, store, why_not);
  if (!engine) return "== " + std::string(engine_name(kind)) + ": none in this build: " + why_not + "\n";
  Module without_start = module;
  without_start.start.reset();  // nothing of the guest runs for a listing
  // A listing runs nothing: a stand-in function that traps will do.
  StandInImports stand_ins(store, module, [](const std::string& import_name) -> HostCallback {
    return [import_name](std::span<const WasmValue>, std::span<WasmValue>) -> std::optional<std::string> {
      return "import " + import_name + " stands in for a listing: it cannot run";
    };
  });
  InstantiateResult r = engine->instantiate(std::make_shared<const Module>(std::move(without_start)),
                                            [&](std::string_view m, std::string_view n) { return stand_ins(m, n); });
  if (r.kind != InstantiateResult::Kind::Ok) return Error{"", "cannot instantiate the module: " + r.message};
  const FuncInstance& f = *r.instance->funcs.at(func);

  std::string out = "== " + std::string(engine_name(kind)) + " (" + engine->description() + "): " +
                    function_line(module, func) + "\n";
  if (kind == EngineKind::Interp) return out + vm::print_translated_code(*vm::interp_code(f));
#if MNEMO_JIT
  Result<jit::MachineCode> code = jit::function_code(*engine, f);
  if (!code) return out + code.error().str() + "\n";
  for (auto& symbol : jit::instance_symbols(*r.instance)) code->symbols.push_back(std::move(symbol));
  const PrintNames names = collect_print_names(module);
  const Expr& body = f.code->body;
  auto instr_text = [&](uint32_t i) {
    InstrContext ctx;
    ctx.names = &names;
    ctx.locals = &names.locals_of(func);
    ctx.comments = false;
    std::string text;
    append_instr(text, body[i], ctx);
    return text;
  };
  return out + jit::print_machine_code(*code, uint32_t(body.size()), instr_text);
#else
  return out + "this build lists no machine code\n";  // unreached: make_engine makes no JIT here
#endif
}

}  // namespace mnemo
