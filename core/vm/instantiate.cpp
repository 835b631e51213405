// core/vm/instantiate.cpp: module instantiation, spec 4.5.4 (WebAssembly 2.0): resolve imports,
// allocate functions, tables, memories, globals, element and data instances, build exports,
// translate the functions, then initialise active element segments (table.init + elem.drop),
// drop declarative ones, initialise active data segments (memory.init + data.drop) in order, and
// run the start function. A trap during initialisation or in the start function is a value; the
// effects already made (on imported tables and memories too) remain, as the spec says.
//
// A failed instantiation leaves nothing in the store that nobody can reach: everything it made is
// taken back (Store::rollback), memories included, unless the instance may have escaped: its
// functions were written into an imported table, or its start function ran (and may have handed
// references to the host). Then it stays, as the spec's store does, partly initialised.
#include <cstring>

#include "core/runtime/link.h"
#include "core/vm/thread.h"
#include "core/vm/translate.h"
#include "core/vm/vm.h"

namespace mnemo::vm {
namespace {

InstantiateResult error_result(std::string message) {
  InstantiateResult r;
  r.kind = InstantiateResult::Kind::Error;
  r.message = std::move(message);
  return r;
}

InstantiateResult trap_result(Instance* inst, TrapCode code) {
  InstantiateResult r;
  r.kind = InstantiateResult::Kind::Trap;
  r.instance = inst;
  r.message = std::string(trap_message(code));
  r.trap = TrapInfo{code, r.message, {}, std::nullopt};
  return r;
}

}  // namespace

InstantiateResult instantiate(Store& store, Thread& thread, std::shared_ptr<const Module> module,
                              const ImportResolver& resolve, const InstantiateOptions& options) {
  InstantiateResult result;
  Result<std::vector<ExternVal>> imports = resolve_imports(*module, resolve);
  if (!imports) {
    result.kind = InstantiateResult::Kind::Unlinkable;
    result.message = imports.error().message;
    return result;
  }

  const Store::Mark mark = store.mark();
  Result<Instance*> made = store.add_instance();
  if (!made) return error_result("instance: " + made.error().message);
  Instance* inst = *made;
  inst->module = module;
  const Module& m = *module;
  // Ends a failed instantiation that nothing outside can have seen.
  auto fail = [&](InstantiateResult r) {
    store.rollback(mark);
    r.instance = nullptr;
    return r;
  };

  for (const ExternVal& v : *imports) {
    switch (v.kind) {
      case ExternKind::Func: inst->funcs.push_back(v.func); break;
      case ExternKind::Table: inst->tables.push_back(v.table); break;
      case ExternKind::Memory: inst->memories.push_back(v.memory); break;
      case ExternKind::Global: inst->globals.push_back(v.global); break;
    }
  }
  const uint32_t first_defined = uint32_t(inst->funcs.size());
  for (size_t i = 0; i < m.funcs.size(); ++i) {
    FuncInstance f;
    f.type = m.types[m.funcs[i].type];
    f.instance = inst;
    f.index = first_defined + uint32_t(i);
    f.code = &m.funcs[i];
    inst->funcs.push_back(store.add_func(std::move(f)));
  }
  for (const TableType& t : m.tables) {
    Result<TableInstance*> table = store.add_table(t);
    if (!table) return fail(error_result("table " + std::to_string(inst->tables.size()) + ": " + table.error().message));
    inst->tables.push_back(*table);
  }
  for (const MemoryType& t : m.memories) {
    Result<MemoryInstance*> memory = store.add_memory(t);
    if (!memory)
      return fail(error_result("memory " + std::to_string(inst->memories.size()) + ": " + memory.error().message));
    inst->memories.push_back(*memory);
  }
  for (const Global& g : m.globals) {
    GlobalInstance* global = store.add_global(g.type);
    eval_const(g.init, inst->funcs, inst->globals, global->value);
    inst->globals.push_back(global);
  }
  inst->elems.resize(m.elems.size());
  for (size_t i = 0; i < m.elems.size(); ++i) {
    inst->elems[i].type = m.elems[i].type;
    for (const Expr& e : m.elems[i].init) {
      uint64_t v[2];
      eval_const(e, inst->funcs, inst->globals, v);
      inst->elems[i].refs.push_back(v[0]);
    }
  }
  inst->datas.resize(m.datas.size());
  for (size_t i = 0; i < m.datas.size(); ++i) inst->datas[i].bytes = m.datas[i].bytes;

  for (const Export& e : m.exports) {
    ExternVal v;
    v.kind = e.kind;
    switch (e.kind) {
      case ExternKind::Func: v.func = inst->funcs[e.index]; break;
      case ExternKind::Table: v.table = inst->tables[e.index]; break;
      case ExternKind::Memory: v.memory = inst->memories[e.index]; break;
      case ExternKind::Global: v.global = inst->globals[e.index]; break;
    }
    inst->exports[e.name] = v;
  }

  inst->type_ids.reserve(m.types.size());
  for (const FuncType& t : m.types) inst->type_ids.push_back(store.intern(t));
  inst->build_context(store.fuel_counter());

  // Machine code for every function (InstantiateOptions::compile) makes translations unneeded.
  const bool all_native = options.compile && options.run && !options.debuggable && options.compile(*inst);
  if (!all_native) {
    for (uint32_t i = first_defined; i < inst->funcs.size(); ++i) inst->funcs[i]->compiled = std::make_shared<CompiledFunc>();
    const IndexSpaces spaces(m);
    for (uint32_t i = first_defined; i < inst->funcs.size(); ++i) translate(store, *inst, spaces, i, options.debuggable);
    for (uint32_t i = first_defined; i < inst->funcs.size(); ++i) link_calls(*interp_code(*inst->funcs[i]));
  }

  // Element segments (spec 4.5.4 step 14): table.init then elem.drop; declarative ones dropped.
  const size_t imported_tables = m.imported_count(ExternKind::Table);
  bool escaped = false;  // a reference to this instance's functions may now live outside it
  auto trapped = [&](InstantiateResult r) { return escaped ? r : fail(std::move(r)); };
  for (size_t i = 0; i < m.elems.size(); ++i) {
    const ElemSegment& seg = m.elems[i];
    ElemInstance& elem = inst->elems[i];
    if (seg.mode == ElemSegment::Mode::Active) {
      uint64_t off[2];
      eval_const(seg.offset, inst->funcs, inst->globals, off);
      const uint64_t d = uint32_t(off[0]);
      TableInstance* table = inst->tables[seg.table];
      if (d + elem.refs.size() > table->elems.size()) return trapped(trap_result(inst, TrapCode::TableOutOfBounds));
      for (size_t k = 0; k < elem.refs.size(); ++k) table->elems[size_t(d + k)] = elem.refs[k];
      if (seg.table < imported_tables && !elem.refs.empty()) escaped = true;
    }
    if (seg.mode != ElemSegment::Mode::Passive) elem.refs.clear();
  }
  // Data segments (step 15): memory.init then data.drop.
  for (size_t i = 0; i < m.datas.size(); ++i) {
    const DataSegment& seg = m.datas[i];
    if (seg.mode != DataSegment::Mode::Active) continue;
    uint64_t off[2];
    eval_const(seg.offset, inst->funcs, inst->globals, off);
    const uint64_t d = uint32_t(off[0]);
    MemoryInstance* memory = inst->memories[seg.memory];
    DataInstance& data = inst->datas[i];
    if (d + data.bytes.size() > memory->size) {
      InstantiateResult r = trap_result(inst, TrapCode::MemoryOutOfBounds);
      r.trap->fault = MemoryAccess{MemoryAccess::Kind::Write, seg.memory, d, data.bytes.size()};
      return trapped(std::move(r));
    }
    if (!data.bytes.empty()) std::memcpy(memory->data + d, data.bytes.data(), data.bytes.size());
    data.bytes.clear();
  }

  if (m.start) {
    FuncInstance& start = *inst->funcs[*m.start];
    CallResult r = all_native && start.native ? options.run(start) : call(thread, start, {});
    if (r.trap) {
      InstantiateResult out;
      out.kind = InstantiateResult::Kind::Trap;
      out.instance = inst;
      out.message = r.trap->message;
      out.trap = r.trap;
      return out;
    }
  }
  result.instance = inst;
  return result;
}

}  // namespace mnemo::vm
