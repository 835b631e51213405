// tests/generate/function_builder.h: generates one function body that validates by construction
// and terminates: loops count down a local no other code writes, calls go only to functions
// generated before (a call graph without cycles), and self-recursion is bounded by a depth
// parameter. A cost budget (instructions one call may run, loops multiplied in) keeps every
// module fast enough to run thousands of times in a slow interpreter.
//
// NaN bits: the spec lets engines choose the payload (and sign) of the NaNs that arithmetic
// produces. Wherever a float's bits become observable (stored to memory, reinterpreted, fed to
// copysign's sign or into a v128, returned by an export) the builder first replaces any NaN by
// the canonical 0x7fc00000 / 0x7ff8000000000000, so every correct engine gives the same bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "core/module.h"
#include "tests/generate/module_plan.h"
#include "tests/generate/rng.h"

namespace mnemo::gen {

class FunctionBuilder {
 public:
  // `self` is the index the function will get; when `recursive`, parameter 0 (an i32) is a depth
  // that each recursive call decrements and that ends the recursion at 0.
  FunctionBuilder(ModulePlan& plan, Rng& rng, const FuncType& sig, uint32_t self, uint64_t budget,
                  bool recursive = false);

  // The body (ending with End) and its declared locals.
  Function build(uint32_t type_index);
  // An exported function's body: statements, then its one result with NaNs canonicalised and
  // the result's bits folded into the plan's digest global (wasm-interp prints floats rounded to
  // six decimals; the digest keeps every bit comparable).
  Function build_export(uint32_t type_index);
  uint64_t cost() const { return cost_; }
  uint64_t instructions() const { return instructions_; }

  // Pieces the export wrappers reuse.
  void statements(int count, int depth);
  void value(ValType t, int depth);
  void canonicalize(ValType t);  // NaN on the stack top -> canonical NaN; other values unchanged

 private:
  friend class MemoryOps;

  Function finish(uint32_t type_index);
  void fold_into_digest(ValType t);
  Instr& emit(Opcode op);
  void i32_const(uint32_t v) { emit(Opcode::I32Const).bits = v; }
  void i64_const(uint64_t v) { emit(Opcode::I64Const).bits = v; }
  bool over_budget() const { return cost_ >= budget_; }

  // Values by type (value() picks among these).
  void int_value(ValType t, int depth);
  void float_value(ValType t, int depth);
  void v128_value(int depth);
  void constant(ValType t);
  bool local_get(ValType t);
  bool global_get(ValType t);
  void select_value(ValType t, int depth);
  void if_value(ValType t, int depth);
  bool call_value(ValType t, int depth);
  void call_indirect_value(ValType t, int depth);
  void funcref_value();             // ref.null func or ref.func of a leaf (table_ops.cpp)
  void table_index(int depth);      // an i32 index into table 0, often at or past its end
  void table_i32_value(int depth);  // table.size / table.grow / ref.is_null (table.get)
  void table_statement(int depth);  // table.set / fill / copy / init, elem.drop

  // Statements.
  void statement(int depth);
  void counted_loop(int depth);
  void if_statement(int depth);
  void block_with_break(int depth);
  void block_with_table(int depth);
  bool set_local(int depth);
  bool set_global(int depth);
  void call_statement(int depth);
  void recursive_call();
  void trap_on_purpose(int depth);

  // Locals: parameters first, then declared ones. Reserved locals (loop counters, scratch for
  // canonicalisation) are never picked by local.get / local.set.
  uint32_t add_local(ValType t, bool reserved);
  uint32_t scratch(ValType t);

  ModulePlan& plan_;
  Rng& rng_;
  FuncType sig_;
  uint32_t self_;
  bool recursive_;
  std::vector<ValType> locals_;
  std::vector<bool> reserved_;
  std::vector<uint32_t> scratch_;  // by type: 0 = none yet, else index + 1
  std::vector<uint32_t> free_counters_;
  Expr body_;
  uint64_t budget_;
  uint64_t cost_ = 0;
  uint64_t multiplier_ = 1;  // how often the code being emitted runs per call (enclosing loops)
  uint64_t instructions_ = 0;
  int loop_depth_ = 0;
  bool recursion_emitted_ = false;  // one recursive call site: depth d costs d calls, not 2^d
  std::vector<bool> labels_;  // enclosing labels, innermost last: true when `br` may target it
};

}  // namespace mnemo::gen
