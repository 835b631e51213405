// tests/generate/module_generator.cpp: the module's layout (memories, globals, data, table,
// functions, exports); bodies come from FunctionBuilder.
#include "tests/generate/module_generator.h"

#include "tests/generate/function_builder.h"
#include "tests/generate/memory_hash.h"
#include "tests/generate/module_plan.h"
#include "tests/generate/rng.h"

namespace mnemo::gen {

namespace {

constexpr uint64_t kInnerBudget = 2000;   // instructions one call of an inner function may run
constexpr uint64_t kExportBudget = 20000; // ... of an exported function
constexpr uint32_t kRecursionFactor = 8;  // recursive functions run at most 8 levels deep
constexpr uint32_t kGrowBudget = 3;       // successful grows of a memory without a maximum

const std::vector<ValType> kScalars = {ValType::I32, ValType::I64, ValType::F32, ValType::F64};

Expr const_expr(Opcode op, uint64_t bits) {
  Expr e(2);
  e[0].op = op;
  e[0].bits = bits;
  e[1].op = Opcode::End;
  return e;
}

// An element segment's item: ref.func `func`, or ref.null func without one.
Expr funcref_expr(std::optional<uint32_t> func) {
  Expr e(2);
  if (func) {
    e[0].op = Opcode::RefFunc;
    e[0].index = *func;
  } else {
    e[0].op = Opcode::RefNull;
    e[0].ref_type = ValType::FuncRef;
  }
  e[1].op = Opcode::End;
  return e;
}

uint32_t add_global(ModulePlan& plan, ValType t, bool mut, uint64_t init) {
  Opcode op = t == ValType::I32 ? Opcode::I32Const
              : t == ValType::I64 ? Opcode::I64Const
              : t == ValType::F32 ? Opcode::F32Const
                                  : Opcode::F64Const;
  plan.module.globals.push_back(Global{GlobalType{t, mut}, const_expr(op, init), 0});
  plan.globals.push_back(GlobalPlan{t, mut});
  return uint32_t(plan.globals.size() - 1);
}

void plan_memories(ModulePlan& plan, Rng& rng, GeneratedModule& out) {
  const uint32_t count = rng.range(2, 5);
  const uint32_t imported = rng.chance(40) ? rng.range(1, count) : 0;
  std::string import_name;
  for (uint32_t i = 0; i < count; ++i) {
    MemoryPlan m;
    const uint32_t r = rng.below(10);
    m.min_pages = r < 1 ? 0 : r < 8 ? 1 : 2;
    if (rng.chance(50)) m.max_pages = m.min_pages + rng.range(0, 2);
    m.imported = i < imported;
    // Sometimes the same memory twice: two indices, one memory (copies between them overlap).
    const bool alias = m.imported && i > 0 && rng.chance(20);
    if (alias) {
      m.min_pages = plan.memories.back().min_pages;
      m.max_pages = plan.memories.back().max_pages;
      out.aliased = true;
    } else {
      import_name = "mem" + std::to_string(i);
    }
    if (!m.max_pages) m.grow_budget_global = add_global(plan, ValType::I32, true, kGrowBudget);
    MemoryType type{Limits{m.min_pages, m.max_pages ? std::optional<uint64_t>(*m.max_pages) : std::nullopt}};
    if (m.imported) {
      Import imp;
      imp.module = "env";
      imp.name = import_name;
      imp.kind = ExternKind::Memory;
      imp.memory = type;
      plan.module.imports.push_back(imp);
    } else {
      plan.module.memories.push_back(type);
    }
    plan.memories.push_back(m);
  }
  out.memories = count;
  out.imported_memories = imported;
}

void plan_globals(ModulePlan& plan, Rng& rng) {
  const uint32_t count = rng.range(2, 5);
  for (uint32_t i = 0; i < count; ++i) {
    const ValType t = rng.pick(kScalars);
    const uint64_t init = t == ValType::F32 ? rng.pick(std::vector<uint64_t>{0, 0x3F800000, 0x7FC00000})
                          : t == ValType::F64 ? rng.pick(std::vector<uint64_t>{0, 0x4000000000000000ull})
                                              : rng.below(100);
    add_global(plan, t, i + 1 < count || rng.chance(50), init);
  }
  plan.digest_global = add_global(plan, ValType::I64, true, kHashBasis);
}

void plan_data(ModulePlan& plan, Rng& rng) {
  const uint32_t count = rng.range(1, 4);
  for (uint32_t i = 0; i < count; ++i) {
    DataSegment seg;
    const uint32_t size = rng.range(0, 40);
    for (uint32_t b = 0; b < size; ++b) seg.bytes.push_back(uint8_t(rng.next()));
    // Active segments go to memories whose initial size holds them (instantiation succeeds);
    // once placed they count as dropped, so memory.init from them traps unless the length is 0.
    std::vector<uint32_t> targets;
    for (uint32_t m = 0; m < plan.memories.size(); ++m)
      if (plan.memories[m].min_pages > 0) targets.push_back(m);
    if (!targets.empty() && rng.chance(40)) {
      seg.mode = DataSegment::Mode::Active;
      seg.memory = rng.pick(targets);
      const uint32_t limit = plan.memories[seg.memory].min_pages * 65536 - size;
      seg.offset = const_expr(Opcode::I32Const, rng.chance(50) ? limit : rng.below(256));
    }
    plan.module.datas.push_back(std::move(seg));
    plan.datas.push_back(DataPlan{plan.module.datas.back().mode == DataSegment::Mode::Passive, size});
  }
  plan.module.data_count = uint32_t(plan.module.datas.size());
}

FuncType random_sig(Rng& rng, uint32_t max_params, bool recursive) {
  FuncType t;
  const uint32_t params = rng.range(recursive ? 1 : 0, max_params);
  for (uint32_t i = 0; i < params; ++i) t.params.push_back(i == 0 && recursive ? ValType::I32 : rng.pick(kScalars));
  t.results.push_back(rng.pick(kScalars));
  return t;
}

void add_function(ModulePlan& plan, GeneratedModule& out, Function f, const FuncType& sig, uint64_t cost,
                  uint32_t instructions, bool recursive = false) {
  plan.module.funcs.push_back(std::move(f));
  FuncPlan p;
  p.type = plan.module.funcs.back().type;
  p.sig = sig;
  p.cost = cost;
  p.recursive = recursive;
  plan.funcs.push_back(p);
  out.instructions += instructions;
}

// Leaf functions first (no call_indirect: the table holds only them, so no call through the
// table can come back around), then the table, then functions that call anything before them.
void plan_functions(ModulePlan& plan, Rng& rng, GeneratedModule& out) {
  const uint32_t leaves = rng.range(2, 4);
  for (uint32_t i = 0; i < leaves; ++i) {
    const FuncType sig = random_sig(rng, 3, false);
    const uint32_t type = plan.intern(sig);
    FunctionBuilder b(plan, rng, sig, uint32_t(plan.funcs.size()), kInnerBudget);
    Function f = b.build(type);
    add_function(plan, out, std::move(f), sig, b.cost(), uint32_t(b.instructions()));
  }

  const uint32_t slots = leaves + rng.range(1, 3);
  plan.table.assign(slots, std::nullopt);
  for (uint32_t i = 0; i < leaves; ++i) {
    uint32_t slot = rng.below(slots);
    while (plan.table[slot]) slot = (slot + 1) % slots;
    plan.table[slot] = i;
    plan.funcs[i].in_table = true;
    plan.table_types.push_back(plan.funcs[i].type);
  }
  // Sometimes a maximum, so that table.grow past it fails.
  std::optional<uint64_t> table_max;
  if (rng.chance(50)) table_max = slots + rng.range(0, 3);
  plan.module.tables.push_back(TableType{ValType::FuncRef, Limits{slots, table_max}});
  ElemSegment elems;
  elems.mode = ElemSegment::Mode::Active;
  elems.offset = const_expr(Opcode::I32Const, 0);
  for (const auto& entry : plan.table) {
    elems.init.push_back(funcref_expr(entry));
  }
  plan.module.elems.push_back(std::move(elems));
  // A passive segment for table.init: leaves and nulls.
  ElemSegment passive;
  passive.mode = ElemSegment::Mode::Passive;
  const uint32_t passive_size = rng.range(1, 4);
  for (uint32_t i = 0; i < passive_size; ++i) {
    passive.init.push_back(funcref_expr(rng.chance(75) ? std::optional<uint32_t>(rng.below(leaves)) : std::nullopt));
  }
  plan.module.elems.push_back(std::move(passive));
  plan.passive_elem = uint32_t(plan.module.elems.size() - 1);
  plan.passive_elem_size = passive_size;

  const uint32_t inner = rng.range(2, 5);
  for (uint32_t i = 0; i < inner; ++i) {
    const bool recursive = rng.chance(25);
    const FuncType sig = random_sig(rng, 3, recursive);
    const uint32_t type = plan.intern(sig);
    FunctionBuilder b(plan, rng, sig, uint32_t(plan.funcs.size()), kInnerBudget, recursive);
    Function f = b.build(type);
    add_function(plan, out, std::move(f), sig, b.cost() * (recursive ? kRecursionFactor : 1),
                 uint32_t(b.instructions()), recursive);
  }
}

void add_export(ModulePlan& plan, GeneratedModule& out, std::string name, uint32_t func) {
  plan.module.exports.push_back(Export{std::move(name), ExternKind::Func, func, 0});
  ++out.exports;
}

// A function that recurses without end (its only effect is on its locals): every engine must
// report call-stack exhaustion, however deep its stack is.
void add_bottomless(ModulePlan& plan, GeneratedModule& out) {
  const FuncType sig{{ValType::I32}, {ValType::I32}};
  const uint32_t self = uint32_t(plan.funcs.size());
  Function f;
  f.type = plan.intern(sig);
  Expr& e = f.body;
  e.resize(5);
  e[0].op = Opcode::LocalGet;
  e[1].op = Opcode::I32Const;
  e[1].bits = 1;
  e[2].op = Opcode::I32Add;
  e[3].op = Opcode::Call;
  e[3].index = self;
  e[4].op = Opcode::End;
  plan.module.funcs.push_back(std::move(f));
  // Not callable by generated code (no result in the plan): a call would never return.
  plan.funcs.push_back(FuncPlan{plan.module.funcs.back().type, FuncType{{}, {}}, 0, false, false});

  const FuncType wrapper_sig{{}, {ValType::I32}};
  Function w;
  w.type = plan.intern(wrapper_sig);
  w.body.resize(3);
  w.body[0].op = Opcode::I32Const;
  w.body[1].op = Opcode::Call;
  w.body[1].index = self;
  w.body[2].op = Opcode::End;
  plan.module.funcs.push_back(std::move(w));
  plan.funcs.push_back(FuncPlan{plan.module.funcs.back().type, FuncType{{}, {}}, 0, false, false});
  add_export(plan, out, "stack", self + 1);
  out.instructions += 6;
}

}  // namespace

GeneratedModule generate_module(uint64_t seed) {
  GeneratedModule out;
  ModulePlan plan;
  Rng rng(seed ^ 0x6D6E656D6F67656Eull);  // "mnemogen": seed 0 is as good as any other
  plan_memories(plan, rng, out);
  plan_globals(plan, rng);
  plan_data(plan, rng);
  plan_functions(plan, rng, out);

  const uint32_t exports = rng.range(3, 8);
  const uint32_t stack_at = rng.chance(10) ? rng.below(exports) : exports;
  for (uint32_t i = 0; i < exports; ++i) {
    if (i == stack_at) add_bottomless(plan, out);
    const ValType r = rng.pick(kScalars);
    const FuncType sig{{}, {r}};
    const uint32_t type = plan.intern(sig);
    const uint32_t index = uint32_t(plan.funcs.size());
    FunctionBuilder b(plan, rng, sig, index, kExportBudget);
    Function f = b.build_export(type);
    add_function(plan, out, std::move(f), sig, b.cost(), uint32_t(b.instructions()));
    add_export(plan, out, "e" + std::to_string(i) + "_" + std::string(to_string(r)), index);
  }

  const uint32_t digest_type = plan.intern(FuncType{{}, {ValType::I64}});
  Function digest;
  digest.type = digest_type;
  digest.body.resize(2);
  digest.body[0].op = Opcode::GlobalGet;
  digest.body[0].index = *plan.digest_global;
  digest.body[1].op = Opcode::End;
  plan.module.funcs.push_back(std::move(digest));
  add_export(plan, out, "digest", uint32_t(plan.module.funcs.size() - 1));
  for (uint32_t m = 0; m < plan.memories.size(); ++m) {
    plan.module.funcs.push_back(memory_hash_function(digest_type, m));
    add_export(plan, out, "hash_mem" + std::to_string(m), uint32_t(plan.module.funcs.size() - 1));
  }
  out.module = std::move(plan.module);
  return out;
}

Module without_memory_imports(const Module& module) {
  Module m = module;
  std::vector<MemoryType> imported;
  std::vector<Import> kept;
  for (const Import& imp : m.imports) {
    if (imp.kind == ExternKind::Memory) {
      imported.push_back(imp.memory);
    } else {
      kept.push_back(imp);
    }
  }
  m.imports = std::move(kept);
  m.memories.insert(m.memories.begin(), imported.begin(), imported.end());
  return m;
}

}  // namespace mnemo::gen
