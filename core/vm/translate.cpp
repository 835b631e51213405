// core/vm/translate.cpp: one pass over a validated body, tracking the operand types (to size
// slots) and the control stack (to resolve branches), emitting code words.
#include "core/vm/translate.h"

#include <array>
#include <cstring>
#include <optional>

namespace mnemo::vm {
namespace {

// Where a scalar binary row's operands come from (core/vm/code.h).
enum class Form : uint8_t { SS, LL, LC, SC, SL };

// The op of form `f` of `op`, when `op` is a scalar binary row.
std::optional<VmOp> form_op(Opcode op, Form f) {
  switch (op) {
#define MNEMO_FORM_CASE(form, name) \
  case Form::form: return VmOp::MNEMO_VM_FORM_OP_##form(name);
#define MNEMO_ROW(name, res, p0, p1, ns) \
  case Opcode::name:                     \
    switch (f) { MNEMO_VM_ALL_FORMS(MNEMO_FORM_CASE, name) }  \
    break;
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_BINARY_ROW(MNEMO_ROW, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_ROW
#undef MNEMO_FORM_CASE
    default: break;
  }
  return std::nullopt;
}

// The conditional jumps (br_if's, if's) fused with `op`, an op with an i32 result, if it has them.
struct FusedJumps {
  VmOp jump_if, jump_unless;
};
std::optional<FusedJumps> fused_jumps(VmOp op) {
  switch (op) {
    case VmOp::I32Eqz: return FusedJumps{VmOp::JumpIfI32Eqz, VmOp::JumpUnlessI32Eqz};
#define MNEMO_JUMP_CASE(form, name)          \
  case VmOp::MNEMO_VM_FORM_OP_##form(name): \
    return FusedJumps{VmOp::name##_##form##_If, VmOp::name##_##form##_Unless};
#define MNEMO_ROW(name, res, p0, p1, ns) MNEMO_VM_IF_I32_##res(MNEMO_VM_ALL_FORMS, MNEMO_JUMP_CASE, name)
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_BINARY_ROW(MNEMO_ROW, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_ROW
#undef MNEMO_JUMP_CASE
    default: return std::nullopt;
  }
}

// The address form (core/vm/code.h) of scalar load `load` whose address `addr` computed: a
// local.get or an i32.add in any form.
std::optional<VmOp> address_form(Opcode load, VmOp addr) {
  switch (load) {
#define MNEMO_ADDRESS_CASE(form, name) \
  if (addr == VmOp::MNEMO_VM_FORM_OP_##form(I32Add)) return VmOp::name##_Add##form;
#define MNEMO_LOAD(name, text, res, align)                 \
  case Opcode::name:                                       \
    if (addr == VmOp::LocalGet) return VmOp::name##_L;     \
    MNEMO_VM_ALL_FORMS(MNEMO_ADDRESS_CASE, name)           \
    return std::nullopt;
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_MEMARG_ROW(MNEMO_LOAD, MNEMO_VM_LD_NONE, name, text, imm, res, feat, align)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_LOAD
#undef MNEMO_ADDRESS_CASE
    default: return std::nullopt;
  }
}

// The op of form `f` (LL, LC, SC or SL) of scalar store `store`, if it is one.
std::optional<VmOp> store_form(Opcode store, Form f) {
  switch (store) {
#define MNEMO_STORE_CASE(form, name) \
  case Form::form: return VmOp::name##_##form;
#define MNEMO_STORE(name, text, align)                                    \
  case Opcode::name:                                                      \
    switch (f) {                                                          \
      MNEMO_VM_FORMS(MNEMO_STORE_CASE, name)                              \
      case Form::SS: break;                                               \
    }                                                                     \
    break;
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_MEMARG_ROW(MNEMO_VM_LD_NONE, MNEMO_STORE, name, text, imm, res, feat, align)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_STORE
#undef MNEMO_STORE_CASE
    default: break;
  }
  return std::nullopt;
}

// The local.tee fused form of `op`, a scalar binary row in any form, if it is one.
std::optional<VmOp> tee_form(VmOp op) {
  switch (op) {
#define MNEMO_TEE_CASE(form, name) \
  case VmOp::MNEMO_VM_FORM_OP_##form(name): return VmOp::name##_##form##_Tee;
#define MNEMO_ROW(name, res, p0, p1, ns) MNEMO_VM_ALL_FORMS(MNEMO_TEE_CASE, name)
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_BINARY_ROW(MNEMO_ROW, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_ROW
#undef MNEMO_TEE_CASE
    default: return std::nullopt;
  }
}

// The register forms (core/vm/code.h) of `op`, a v128 row that has them: Name_R, and Name_RC
// for the binary ops.
struct RegisterForms {
  VmOp r;
  std::optional<VmOp> rc;
};
std::optional<RegisterForms> register_forms(Opcode op) {
  switch (op) {
#define MNEMO_RC(name) rc = VmOp::name##_RC;
#define MNEMO_ROW(name, kind, p0, p1)            \
  case Opcode::name: {                           \
    std::optional<VmOp> rc;                      \
    MNEMO_VM_IF_RC_##kind##_##p1(MNEMO_RC, name) \
    return RegisterForms{VmOp::name##_R, rc};    \
  }
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_V128_ROW(MNEMO_ROW, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_ROW
#undef MNEMO_RC
    default: return std::nullopt;
  }
}

// The accumulator twins (core/vm/code.h) of an op: acc_in takes its top operand from the
// accumulator instead of the stack (of an op whose result is still pushed), acc_out leaves its
// result there (of an op that may already take its operand from there).
std::optional<VmOp> acc_in(VmOp op) {
  switch (op) {
#define MNEMO_JUMP_IN(name)                                    \
  case VmOp::name##_SS_If: return VmOp::name##_SA_If;         \
  case VmOp::name##_SC_If: return VmOp::name##_AC_If;         \
  case VmOp::name##_SL_If: return VmOp::name##_AL_If;         \
  case VmOp::name##_SS_Unless: return VmOp::name##_SA_Unless; \
  case VmOp::name##_SC_Unless: return VmOp::name##_AC_Unless; \
  case VmOp::name##_SL_Unless: return VmOp::name##_AL_Unless;
#define MNEMO_ROW(name, res, p0, p1, ns)                       \
  case VmOp::name: return VmOp::name##_SA;                    \
  case VmOp::name##_SC: return VmOp::name##_AC;               \
  case VmOp::name##_SL: return VmOp::name##_AL;               \
  case VmOp::name##_SS_Tee: return VmOp::name##_SA_Tee;       \
  case VmOp::name##_SC_Tee: return VmOp::name##_AC_Tee;       \
  case VmOp::name##_SL_Tee: return VmOp::name##_AL_Tee;       \
  MNEMO_VM_IF_I32_##res(MNEMO_JUMP_IN, name)
#define MNEMO_UNARY(name, res, p0, ns) \
  case VmOp::name: return VmOp::name##_A;
#define MNEMO_LOAD(name, text, res, align)                     \
  case VmOp::name: return VmOp::name##_A;                     \
  case VmOp::name##_AddSS: return VmOp::name##_AddSA;         \
  case VmOp::name##_AddSC: return VmOp::name##_AddAC;         \
  case VmOp::name##_AddSL: return VmOp::name##_AddAL;
#define MNEMO_STORE(name, text, align)                         \
  case VmOp::name: return VmOp::name##_SA;                    \
  case VmOp::name##_SC: return VmOp::name##_AC;               \
  case VmOp::name##_SL: return VmOp::name##_AL;
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat)               \
  MNEMO_VM_BINARY_ROW(MNEMO_ROW, name, imm, res, p0, p1, p2, feat)                   \
  MNEMO_VM_UNARY_ROW(MNEMO_UNARY, name, imm, res, p0, p1, p2, feat)                  \
  MNEMO_VM_MEMARG_ROW(MNEMO_LOAD, MNEMO_STORE, name, text, imm, res, feat, align)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_STORE
#undef MNEMO_LOAD
#undef MNEMO_UNARY
#undef MNEMO_ROW
#undef MNEMO_JUMP_IN
    case VmOp::JumpIf: return VmOp::JumpIfA;
    case VmOp::JumpUnless: return VmOp::JumpUnlessA;
    case VmOp::JumpIfI32Eqz: return VmOp::JumpIfI32EqzA;
    case VmOp::JumpUnlessI32Eqz: return VmOp::JumpUnlessI32EqzA;
    case VmOp::LocalSet: return VmOp::LocalSetA;
    case VmOp::LocalTee: return VmOp::LocalTeeA;
    case VmOp::LocalSetGet: return VmOp::LocalSetGetA;
    case VmOp::Select: return VmOp::SelectA;
    case VmOp::Return1: return VmOp::ReturnA;
    default: return std::nullopt;
  }
}
std::optional<VmOp> acc_out(VmOp op) {
  switch (op) {
#define MNEMO_FORM_OUT(form, name) \
  case VmOp::MNEMO_VM_FORM_OP_##form(name): return VmOp::name##_##form##_toA;
#define MNEMO_TEE_OUT(form, name) \
  case VmOp::name##_##form##_Tee: return VmOp::name##_##form##_Tee_toA;
#define MNEMO_ROW(name, res, p0, p1, ns) \
  MNEMO_VM_EVERY_FORM(MNEMO_FORM_OUT, name) MNEMO_VM_EVERY_FORM(MNEMO_TEE_OUT, name)
#define MNEMO_UNARY(name, res, p0, ns)          \
  case VmOp::name: return VmOp::name##_toA;    \
  case VmOp::name##_A: return VmOp::name##_A_toA;
#define MNEMO_ADDRESS_OUT(form, name) \
  case VmOp::name##_Add##form: return VmOp::name##_Add##form##_toA;
#define MNEMO_LOAD(name, text, res, align)                 \
  case VmOp::name: return VmOp::name##_toA;               \
  case VmOp::name##_L: return VmOp::name##_L_toA;         \
  case VmOp::name##_A: return VmOp::name##_A_toA;         \
  MNEMO_VM_EVERY_FORM(MNEMO_ADDRESS_OUT, name)
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat)    \
  MNEMO_VM_BINARY_ROW(MNEMO_ROW, name, imm, res, p0, p1, p2, feat)        \
  MNEMO_VM_UNARY_ROW(MNEMO_UNARY, name, imm, res, p0, p1, p2, feat)       \
  MNEMO_VM_MEMARG_ROW(MNEMO_LOAD, MNEMO_VM_LD_NONE, name, text, imm, res, feat, align)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_LOAD
#undef MNEMO_ADDRESS_OUT
#undef MNEMO_UNARY
#undef MNEMO_ROW
#undef MNEMO_TEE_OUT
#undef MNEMO_FORM_OUT
    case VmOp::LocalGet: return VmOp::LocalGetToA;
    case VmOp::LocalGet2: return VmOp::LocalGet2ToA;
    case VmOp::LocalTee: return VmOp::LocalTeeToA;
    case VmOp::LocalTeeA: return VmOp::LocalTeeAToA;
    case VmOp::LocalSetGet: return VmOp::LocalSetGetToA;
    case VmOp::LocalSetGetA: return VmOp::LocalSetGetAToA;
    default: return std::nullopt;
  }
}

bool is_const(VmOp op) {
  return op == VmOp::I32Const || op == VmOp::I64Const || op == VmOp::F32Const || op == VmOp::F64Const;
}

// What the translator remembers of each open control frame (core/walk/body_walk.h keeps the
// rest: heights, arities, reachability), to point its jumps at the right code words.
struct Jumps {
  uint32_t loop_pc = 0;           // Loop: where its label is
  std::vector<uint32_t> patches;  // offset words to point at the end
  int64_t else_patch = -1;        // If: the JumpUnless offset word
};

class Translator {
 public:
  Translator(Store& store, const Instance& inst, const IndexSpaces& spaces, uint32_t func_index, bool debuggable)
      : store_(store),
        inst_(inst),
        fn_(inst.funcs[func_index]->code),
        walk_(*inst.module, spaces, *fn_),
        debuggable_(debuggable) {
    out_ = interp_code(*inst.funcs[func_index]);
    out_->func_index = func_index;
    out_->source = fn_;
    out_->instance = &inst;
  }

  CompiledFunc* run() {
    CompiledFunc& c = *out_;
    c.local_types = walk_.local_types();
    c.local_slot = walk_.local_slots();
    c.param_slots = walk_.param_slots();
    c.local_slots = walk_.declared_local_slots();
    c.result_slots = walk_.result_slots();
    jumps_.emplace_back();  // the function's own frame

    const Expr& body = fn_->body;
    meter_segment();
    for (uint32_t i = 0; i < body.size() && !walk_.finished(); ++i) {
      instr_ = i;
      step(body[i]);
    }
    close_segment();
    c.max_slots = walk_.max_height() + 4;
    // Jump threading: a plain jump to a return is that return (its offset word stays, unread).
    if (!debuggable_)
      for (uint32_t at : plain_jumps_)
        if (const uint64_t w = c.code[size_t(at + int64_t(c.code[at]))]; is_return(op_of_word(w))) c.code[at - 1] = w;
    if (!debuggable_) accumulate();
    return out_;
  }

 private:
  // --- emission -------------------------------------------------------------------------------
  uint32_t pc() const { return uint32_t(out_->code.size()); }
  void word(uint64_t w) {
    out_->code.push_back(w);
    out_->instr_at.push_back(instr_);
  }
  void op(VmOp o) {
    if (!debuggable_) op_starts_.push_back(pc());  // for accumulate(), which a debuggable translation skips
    prev_op_ = last_op_;
    prev_vm_op_ = last_vm_op_;
    last_op_ = pc();
    last_vm_op_ = o;
    word(op_word(o));
  }
  // No label inside [start, pc()]: ops from `start` on may be fused.
  bool no_label_after(uint32_t start) const { return label_pc_ == UINT32_MAX || label_pc_ <= start; }
  // Whether the last op may be rewritten into a fused op: there is one, no label was bound after
  // it, and the translation is not debuggable (one op per instruction).
  bool last_op_fusable() const { return !debuggable_ && last_op_ != UINT32_MAX && label_pc_ != pc(); }
  // The fused op now starting at `start` stands for the current instruction.
  void fused(uint32_t start, VmOp o) {
    while (!op_starts_.empty() && op_starts_.back() >= start) op_starts_.pop_back();
    op_starts_.push_back(start);
    out_->code[start] = op_word(o);
    for (uint32_t k = start; k < pc(); ++k) out_->instr_at[k] = instr_;
    last_op_ = start;
    last_vm_op_ = o;
    prev_vm_op_ = VmOp::Invalid;
  }
  // Where the two operands of the op about to be emitted come from, when the ops just emitted only
  // push them from locals / constants (no label among them): the form and the first of those ops.
  std::optional<std::pair<Form, uint32_t>> operand_form() const {
    if (debuggable_) return std::nullopt;
    if (last_vm_op_ == VmOp::LocalGet2 && last_op_ + 3 == pc() && no_label_after(last_op_))
      return std::pair{Form::LL, last_op_};
    if (is_const(last_vm_op_) && last_op_ + 2 == pc()) {
      if (prev_vm_op_ == VmOp::LocalGet && prev_op_ + 2 == last_op_ && no_label_after(prev_op_))
        return std::pair{Form::LC, prev_op_};
      if (no_label_after(last_op_)) return std::pair{Form::SC, last_op_};
    }
    if (last_vm_op_ == VmOp::LocalGet && last_op_ + 2 == pc() && no_label_after(last_op_))
      return std::pair{Form::SL, last_op_};
    return std::nullopt;
  }
  // Rewrites the ops from `start` on, whose values `o` consumes, into `o`: its own immediates
  // `own`, then the immediates of the ops it absorbs, in order.
  void absorb(uint32_t start, VmOp o, std::initializer_list<uint64_t> own) {
    std::vector<uint64_t> imms;
    for (uint32_t k = start + 1; k < pc(); ++k)
      if (k != last_op_ && k != prev_op_) imms.push_back(out_->code[k]);
    out_->code.resize(start + 1);
    out_->instr_at.resize(start + 1);
    for (uint64_t w : own) word(w);
    for (uint64_t w : imms) word(w);
    fused(start, o);
  }
  // A scalar binary op whose operands were just pushed by local.get / t.const: rewrites them into
  // its operand form. False when there is nothing to fuse.
  bool fuse_operands(Opcode o) {
    if (!form_op(o, Form::SS)) return false;
    const auto form = operand_form();
    if (!form) return false;
    absorb(form->second, *form_op(o, form->first), {});
    return true;
  }
  // The same for a scalar store (address and value).
  bool fuse_store(Opcode o, const MemoryWords& memory) {
    const auto form = operand_form();
    if (!form) return false;
    const std::optional<VmOp> v = store_form(o, form->first);
    if (!v) return false;
    absorb(form->second, *v, {memory.instance, memory.offset});
    return true;
  }
  // A load whose address the last op computed (a local.get, an i32.add in any form): rewrites that
  // op into the load's address form. False when there is none.
  bool fuse_address(Opcode load, const MemoryWords& memory) {
    if (!last_op_fusable()) return false;
    const std::optional<VmOp> v = address_form(load, last_vm_op_);
    if (!v) return false;
    absorb(last_op_, *v, {memory.instance, memory.offset});
    return true;
  }
  // local.tee of the result of the last op, a scalar binary row in any form: rewrites it into its
  // tee form. False when there is none.
  bool fuse_tee(uint32_t slot) {
    if (!last_op_fusable()) return false;
    const std::optional<VmOp> v = tee_form(last_vm_op_);
    if (!v) return false;
    out_->code[last_op_] = op_word(*v);
    last_vm_op_ = *v;
    word(slot);
    return true;
  }
  // The ops just emitted, when the one ending at pc() pushes the value of type `t` from a local
  // (local.get) and no label lies after its start: that op's start.
  std::optional<uint32_t> pushed_local(uint32_t end, uint32_t at, VmOp o, SigType t) const {
    const VmOp get = t == SigType::V128 ? VmOp::LocalGetV128 : VmOp::LocalGet;
    if (at == UINT32_MAX || o != get || at + 2 != end || !no_label_after(at)) return std::nullopt;
    return at;
  }
  // A v128 row with register forms (core/vm/code.h), its operands and result on the stack as
  // walk_.height() says: takes an operand b from the local.get or constant just before it, then a from
  // the local.get before that, and writes Name_R / Name_RC over them.
  bool emit_register_form(Opcode o, const OpcodeInfo& inf) {
    if (debuggable_) return false;
    const std::optional<RegisterForms> forms = register_forms(o);
    if (!forms) return false;
    const SigType ta = inf.params[0], tb = inf.params[1];
    const uint32_t result = walk_.height() - 2;  // where operand a was, and the result goes
    uint64_t a = result, b = result + slot_count(ta);
    std::vector<uint64_t> constant;
    uint32_t start = pc();
    const bool fusable = last_op_fusable();
    if (tb == SigType::___) {
      if (fusable)
        if (auto at = pushed_local(pc(), last_op_, last_vm_op_, ta)) {
          a = out_->code[*at + 1];
          start = *at;
        }
    } else if (fusable) {
      const VmOp const_op = tb == SigType::V128 ? VmOp::V128Const : VmOp::I32Const;
      if (auto at = pushed_local(pc(), last_op_, last_vm_op_, tb)) {
        b = out_->code[*at + 1];
        start = *at;
      } else if (forms->rc && last_vm_op_ == const_op && last_op_ + 1 + slot_count(tb) == pc() &&
                 no_label_after(last_op_)) {
        constant.assign(out_->code.begin() + last_op_ + 1, out_->code.end());
        start = last_op_;
      }
      if (start != pc())
        if (auto at = pushed_local(start, prev_op_, prev_vm_op_, ta)) {
          a = out_->code[*at + 1];
          start = *at;
        }
    }
    std::vector<uint64_t> words{result, result, walk_.height(), a};
    if (!constant.empty())
      words.insert(words.end(), constant.begin(), constant.end());
    else if (tb != SigType::___)
      words.push_back(b);
    replace_from(start, constant.empty() ? forms->r : *forms->rc, words);
    return true;
  }
  // A v128 load: its register form, the address from the local.get just before it or the stack.
  bool emit_register_load(Opcode o, const MemoryWords& memory) {
    if (debuggable_) return false;
    const std::optional<RegisterForms> forms = register_forms(o);
    if (!forms) return false;
    const uint32_t result = walk_.height() - 2;
    uint64_t a = result;
    uint32_t start = pc();
    if (last_op_fusable())
      if (auto at = pushed_local(pc(), last_op_, last_vm_op_, SigType::I32)) {
        a = out_->code[*at + 1];
        start = *at;
      }
    replace_from(start, forms->r, {result, result, walk_.height(), memory.instance, memory.offset, a});
    return true;
  }
  // Rewrites the ops from `start` on into `o` with immediates `words`.
  void replace_from(uint32_t start, VmOp o, const std::vector<uint64_t>& words) {
    out_->code.resize(start);
    out_->instr_at.resize(start);
    word(op_word(o));
    for (uint64_t w : words) word(w);
    fused(start, o);
    last_register_op_ = start;
  }
  // local.set / local.tee of the v128 result of the register form just emitted: it writes the
  // local itself (core/vm/code.h). False when there is none.
  bool fuse_register_result(uint32_t slot, bool tee) {
    if (!last_op_fusable() || last_register_op_ != last_op_) return false;
    uint64_t* imm = &out_->code[last_op_ + 1];
    if (tee) {
      imm[1] = slot;
    } else {
      imm[0] = imm[1] = slot;
      imm[2] = walk_.height();  // after the set's pop
    }
    last_register_op_ = UINT32_MAX;  // its result is placed: nothing more may move it
    return true;
  }
  void ptr(const void* p) { word(reinterpret_cast<uintptr_t>(p)); }
  // The one place a memory instruction's memory index is resolved: to the instance's
  // MemoryInstance, and into the offset word that carries the index for the handler's own traps
  // and reports (core/vm/code.h). The validator keeps offsets below 2^32.
  MemoryWords memory_words(uint32_t index, uint64_t offset = 0) const {
    return {reinterpret_cast<uintptr_t>(inst_.memories[index]), offset_word(index, uint32_t(offset))};
  }
  // A fusable predecessor: the last op, when no label was bound after it.
  bool last_is(VmOp o) const {
    return last_op_fusable() && last_vm_op_ == o && last_op_ + 2 == pc();
  }
  // Emits `plain` (JumpIf / JumpUnless), or rewrites the op before it, when it has an i32 result
  // and no label lies between, into its fused jump (whose offset word follows its immediates).
  void conditional_jump(VmOp plain) {
    if (last_op_fusable()) {
      // `x; i32.eqz` and the jump: x's own jump, inverted (a jump taken when x is 0 is x's
      // JumpUnless), the eqz gone. Nothing lands between x and the eqz.
      if (last_vm_op_ == VmOp::I32Eqz && label_pc_ != last_op_ && op_starts_.size() >= 2) {
        const uint32_t x = op_starts_[op_starts_.size() - 2];
        if (std::optional<FusedJumps> j = fused_jumps(op_of_word(out_->code[x]))) {
          out_->code.pop_back();  // the eqz's op word, its only word
          out_->instr_at.pop_back();
          op_starts_.pop_back();
          last_op_ = x;
          last_vm_op_ = plain == VmOp::JumpIf ? j->jump_unless : j->jump_if;
          out_->code[x] = op_word(last_vm_op_);
          return;
        }
      }
      if (std::optional<FusedJumps> j = fused_jumps(last_vm_op_)) {
        const VmOp o = plain == VmOp::JumpIf ? j->jump_if : j->jump_unless;
        out_->code[last_op_] = op_word(o);
        last_vm_op_ = o;
        return;
      }
    }
    op(plain);
  }
  void debug_nop() {
    if (debuggable_) op(VmOp::Nop);
  }
  // A function with one result slot returns by Return1, which needs no count.
  void return_op() { op(!debuggable_ && out_->result_slots == 1 ? VmOp::Return1 : VmOp::Return); }
  // `landed`: whether a jump may land here, which accumulate() must know; a block's end that no
  // branch targets is only reached from the op before it, and still ends what may fuse.
  void bind_label(bool landed = true) {
    label_pc_ = pc();
    if (landed && !debuggable_ && (labels_.empty() || labels_.back() != label_pc_)) labels_.push_back(label_pc_);
  }

  // --- the accumulator -----------------------------------------------------------------------
  // The last pass (core/vm/code.h): each op whose result the next op takes as its top operand,
  // both having twins for it, leaves that result in the accumulator, unless a jump lands on the
  // next op (which may then be reached with its operand in a slot). Ops are taken in order, so an
  // op may be paired on both sides (acc_out of a twin that already reads the accumulator).
  void accumulate() {
    std::vector<uint64_t>& code = out_->code;
    size_t label = 0;
    for (size_t i = 0; i + 1 < op_starts_.size(); ++i) {
      const uint32_t p = op_starts_[i], x = op_starts_[i + 1];
      while (label < labels_.size() && labels_[label] < x) ++label;
      if (label < labels_.size() && labels_[label] == x) continue;
      const std::optional<VmOp> in = acc_in(op_of_word(code[x]));
      if (!in) continue;
      const std::optional<VmOp> out = acc_out(op_of_word(code[p]));
      if (!out) continue;
      code[p] = op_word(*out);
      code[x] = op_word(*in);
    }
  }

  // --- fuel ------------------------------------------------------------------------------------
  // In a metered store (Store::set_fuel) every straight-line run of instructions starts with a
  // FuelCharge op that takes the run's instruction count from the store's fuel before any of them
  // runs. Runs begin at the function's entry and at every label (the only places a jump lands), so
  // every loop iteration pays and an endless loop runs out; a run left early by a branch or a trap
  // has paid for instructions it did not execute. Unmetered stores get no op and pay nothing.
  // Called right after a label is bound and its jumps patched, so that they land on the charge.
  void meter_segment() {
    if (!store_.metered()) return;
    close_segment();
    op(VmOp::FuelCharge);
    fuel_count_at_ = pc();
    word(0);
    ptr(store_.fuel_counter());
    bind_label();  // nothing after the charge fuses with what came before it
  }
  void close_segment() {
    if (fuel_count_at_ != UINT32_MAX) out_->code[fuel_count_at_] = segment_instrs_;
    segment_instrs_ = 0;
  }

  // --- branches ------------------------------------------------------------------------------
  // Writes the offset word for a jump to label `depth`, emitting the op chosen by whether values
  // must move. `plain`/`drop`: the ops for the two cases.
  void branch(uint32_t depth, VmOp plain, VmOp drop) {
    const WalkFrame& c = walk_.label(depth);
    const uint32_t keep = c.label_slots();
    const bool in_place = walk_.height() == c.base + keep;
    if (in_place && plain == VmOp::JumpIf)
      conditional_jump(plain);
    else
      op(in_place ? plain : drop);
    if (in_place && plain == VmOp::Jump) plain_jumps_.push_back(pc());
    target(depth);
    if (!in_place) {
      word(c.base);
      word(keep);
    }
  }
  // The offset word of a jump to label `depth`: known for loops, patched at the end otherwise.
  void target(uint32_t depth) {
    Jumps& j = jumps_[jumps_.size() - 1 - depth];
    if (walk_.label(depth).kind == Opcode::Loop) {
      word(uint64_t(int64_t(j.loop_pc) - int64_t(pc())));
    } else {
      j.patches.push_back(pc());
      word(0);
    }
  }
  void patch_here(uint32_t at) { out_->code[at] = uint64_t(int64_t(pc()) - int64_t(at)); }

  // --- instructions --------------------------------------------------------------------------
  void step(const Instr& in) {
    if (!walk_.dead()) ++segment_instrs_;
    if (!walk_.reached(in)) return;  // unreachable code is not translated
    switch (in.op) {
      case Opcode::Block:
      case Opcode::Loop:
      case Opcode::If: {
        walk_.enter(in);
        Jumps& j = jumps_.emplace_back();
        if (in.op == Opcode::If) {
          conditional_jump(VmOp::JumpUnless);
          j.else_patch = pc();
          word(0);
        }
        if (in.op == Opcode::Loop) {
          bind_label();
          j.loop_pc = pc();
          meter_segment();
        }
        if (in.op != Opcode::If) debug_nop();
        return;
      }
      case Opcode::Else: {
        Jumps& j = jumps_.back();
        if (!walk_.dead()) {
          op(VmOp::Jump);
          j.patches.push_back(pc());
          plain_jumps_.push_back(pc());
          word(0);
        }
        patch_here(uint32_t(j.else_patch));
        j.else_patch = -1;
        bind_label();
        meter_segment();
        walk_.enter_else();
        return;
      }
      case Opcode::End: {
        const WalkFrame c = walk_.leave();
        const Jumps j = std::move(jumps_.back());
        jumps_.pop_back();
        bind_label(!j.patches.empty() || j.else_patch >= 0);
        for (uint32_t at : j.patches) patch_here(at);
        if (j.else_patch >= 0) patch_here(uint32_t(j.else_patch));
        meter_segment();
        // The function's end: its label is the return (a plain jump to it becomes the return).
        if (c.kind == Opcode::End) return_op();
        else debug_nop();
        return;
      }
      default: break;
    }
    // Every other instruction: the walk takes its operands and pushes its results first, so the
    // heights below are those after it. What drop and select need of their operands (their type)
    // is read before.
    ValType popped = ValType::I32;
    if (in.op == Opcode::Drop) popped = walk_.operand(0);
    if (in.op == Opcode::Select || in.op == Opcode::SelectT) popped = walk_.operand(1);
    walk_.effect(in);
    const OpcodeInfo& inf = info(in.op);
    switch (in.op) {
      case Opcode::Nop: debug_nop(); return;
      case Opcode::Unreachable: op(VmOp::Unreachable); return;
      case Opcode::Br: branch(in.index, VmOp::Jump, VmOp::JumpDrop); return;
      case Opcode::BrIf: branch(in.index, VmOp::JumpIf, VmOp::JumpIfDrop); return;
      case Opcode::BrTable: {
        op(VmOp::JumpTable);
        word(in.labels.size() - 1);
        for (uint32_t depth : in.labels) {
          target(depth);
          word(walk_.label(depth).base);
          word(walk_.label(depth).label_slots());
        }
        return;
      }
      case Opcode::Return: return_op(); return;
      case Opcode::Call: {
        FuncInstance* f = inst_.funcs[in.index];
        // A host function, or one of an instance compiled whole to machine code (no translation
        // to enter: the generic call path traps MachineCodeOnly there instead of jumping to null).
        if (f->is_host() || !interp_code(*f)) {
          op(VmOp::CallHost);
          ptr(f);
        } else {
          // The callee's entry and frame sizes follow (core/vm/code.h, kCallFrameWords), filled
          // by link_calls once every translation of the instance is complete.
          op(VmOp::Call);
          out_->call_sites.push_back(last_op_);
          ptr(interp_code(*f));
          for (uint32_t k = 0; k < kCallFrameWords; ++k) word(0);
        }
        return;
      }
      case Opcode::CallIndirect:
        op(VmOp::CallIndirect);
        ptr(inst_.tables[in.index2]);
        word(store_.intern(inst_.module->types[in.index]));
        return;
      case Opcode::Drop: op(popped == ValType::V128 ? VmOp::Drop2 : VmOp::Drop); return;
      case Opcode::Select:
      case Opcode::SelectT: op(popped == ValType::V128 ? VmOp::SelectV128 : VmOp::Select); return;
      case Opcode::LocalGet: {
        const ValType t = out_->local_types[in.index];
        const uint32_t slot = out_->local_slot[in.index];
        if (t == ValType::V128) {
          op(VmOp::LocalGetV128);
          word(slot);
        } else if (last_is(VmOp::LocalGet)) {  // local.get x; local.get y
          out_->code[last_op_] = op_word(VmOp::LocalGet2);
          last_vm_op_ = VmOp::LocalGet2;
          word(slot);
        } else if (last_is(VmOp::LocalSet)) {  // local.set x; local.get y
          out_->code[last_op_] = op_word(VmOp::LocalSetGet);
          last_vm_op_ = VmOp::LocalSetGet;
          word(slot);
        } else {
          op(VmOp::LocalGet);
          word(slot);
        }
        return;
      }
      case Opcode::LocalSet:
      case Opcode::LocalTee: {
        const ValType t = out_->local_types[in.index];
        const bool v128 = t == ValType::V128;
        const uint32_t slot = out_->local_slot[in.index];
        if (in.op == Opcode::LocalSet) {
          if (v128 && fuse_register_result(slot, false)) return;
          op(v128 ? VmOp::LocalSetV128 : VmOp::LocalSet);
        } else {
          if (v128 ? fuse_register_result(slot, true) : fuse_tee(slot)) return;
          op(v128 ? VmOp::LocalTeeV128 : VmOp::LocalTee);
        }
        word(slot);
        return;
      }
      case Opcode::GlobalGet:
      case Opcode::GlobalSet: {
        GlobalInstance* g = inst_.globals[in.index];
        const bool v128 = g->type.type == ValType::V128;
        if (in.op == Opcode::GlobalGet) {
          op(v128 ? VmOp::GlobalGetV128 : VmOp::GlobalGet);
        } else {
          op(v128 ? VmOp::GlobalSetV128 : VmOp::GlobalSet);
        }
        ptr(g);
        return;
      }
      case Opcode::TableGet:
        op(VmOp::TableGet);
        ptr(inst_.tables[in.index]);
        return;
      case Opcode::TableSet:
        op(VmOp::TableSet);
        ptr(inst_.tables[in.index]);
        return;
      case Opcode::TableGrow:
        op(VmOp::TableGrow);
        ptr(inst_.tables[in.index]);
        return;
      case Opcode::TableFill:
        op(VmOp::TableFill);
        ptr(inst_.tables[in.index]);
        return;
      case Opcode::RefNull:
        op(VmOp::RefNull);
        return;
      case Opcode::RefIsNull:
        op(VmOp::RefIsNull);
        return;
      case Opcode::RefFunc:
        op(VmOp::RefFunc);
        ptr(inst_.funcs[in.index]);
        return;
      default: break;
    }

    // Rows with a fixed signature: immediates by kind.
    const VmOp vop = VmOp(uint16_t(in.op));
    switch (inf.imm) {
      case ImmKind::None:
        if (fuse_operands(in.op) || emit_register_form(in.op, inf)) return;
        op(vop);
        return;
      case ImmKind::I32:
      case ImmKind::F32:
        op(vop);
        word(uint32_t(in.bits));
        return;
      case ImmKind::I64:
      case ImmKind::F64:
        op(vop);
        word(in.bits);
        return;
      case ImmKind::V128:
      case ImmKind::Shuffle: {
        uint64_t w[2];
        std::memcpy(w, in.v128.bytes.data(), 16);
        op(vop);
        word(w[0]);
        word(w[1]);
        return;
      }
      case ImmKind::Lane:
        op(vop);
        word(in.lane);
        return;
      case ImmKind::MemArg:
        if (emit_register_load(in.op, memory_words(in.mem.memory, in.mem.offset))) return;
        if (fuse_address(in.op, memory_words(in.mem.memory, in.mem.offset))) return;
        if (fuse_store(in.op, memory_words(in.mem.memory, in.mem.offset))) return;
        [[fallthrough]];
      case ImmKind::MemArgLane: {
        const MemoryWords memory = memory_words(in.mem.memory, in.mem.offset);
        op(vop);
        word(memory.instance);
        word(memory.offset);
        if (inf.imm == ImmKind::MemArgLane) word(in.lane);
        return;
      }
      case ImmKind::Memory: {  // memory.size / grow / fill
        const MemoryWords memory = memory_words(in.mem.memory);
        op(vop);
        word(memory.instance);
        word(memory.offset);
        return;
      }
      case ImmKind::MemoryCopy: {
        const MemoryWords dst = memory_words(in.mem.memory), src = memory_words(in.mem_src);
        op(vop);
        word(dst.instance);
        word(src.instance);
        word(memory_pair_word(in.mem.memory, in.mem_src));
        return;
      }
      case ImmKind::MemoryInit: {
        const MemoryWords memory = memory_words(in.mem.memory);
        op(vop);
        word(memory.instance);
        ptr(&inst_.datas[in.index]);
        word(memory.offset);
        return;
      }
      case ImmKind::Data:
        op(vop);
        ptr(&inst_.datas[in.index]);
        return;
      case ImmKind::Elem:
        op(vop);
        ptr(&inst_.elems[in.index]);
        return;
      case ImmKind::Table:  // table.size
        op(vop);
        ptr(inst_.tables[in.index]);
        return;
      case ImmKind::TableCopy:
        op(vop);
        ptr(inst_.tables[in.index]);
        ptr(inst_.tables[in.index2]);
        return;
      case ImmKind::TableInit:
        op(vop);
        ptr(inst_.tables[in.index2]);
        ptr(&inst_.elems[in.index]);
        return;
      default:
        op(VmOp::Invalid);  // validation admits no other row here
        return;
    }
  }

  Store& store_;
  const Instance& inst_;
  const Function* fn_;
  BodyWalk walk_;
  const bool debuggable_;
  CompiledFunc* out_ = nullptr;
  std::vector<Jumps> jumps_;           // one per open frame of walk_, the function's first
  std::vector<uint32_t> plain_jumps_;  // offset words of plain Jump ops
  uint32_t instr_ = 0;
  uint32_t last_op_ = UINT32_MAX;  // the last two ops emitted (for fusing)
  VmOp last_vm_op_ = VmOp::Invalid;
  uint32_t prev_op_ = UINT32_MAX;
  VmOp prev_vm_op_ = VmOp::Invalid;
  uint32_t label_pc_ = UINT32_MAX;
  std::vector<uint32_t> labels_;     // every pc a jump may land at, in order
  std::vector<uint32_t> op_starts_;  // the start of every op, in order
  uint32_t last_register_op_ = UINT32_MAX;  // a register form whose result may still be placed
  uint32_t fuel_count_at_ = UINT32_MAX;  // the count word of the open run's FuelCharge
  uint64_t segment_instrs_ = 0;          // instructions of the open run so far
};

}  // namespace

void translate(Store& store, const Instance& instance, const IndexSpaces& spaces, uint32_t func_index,
               bool debuggable) {
  Translator(store, instance, spaces, func_index, debuggable).run();
}

void link_calls(CompiledFunc& caller) {
  for (uint32_t at : caller.call_sites) {
    const auto* callee = reinterpret_cast<const CompiledFunc*>(uintptr_t(caller.code[at + 1]));
    if (!callee) continue;  // none: a callee without a translation is called through CallHost
    uint64_t* w = &caller.code[at + 2];
    w[0] = reinterpret_cast<uintptr_t>(callee->code.data());
    w[1] = call_frame_word(callee->param_slots, callee->local_slots);
    w[2] = callee->max_slots;
  }
}

}  // namespace mnemo::vm
