// core/jit/x64/compiler.cpp: one pass over a validated body, values in registers where the
// value stack (core/jit/x64/value_stack.h) can keep them (see compiler.h for what is compiled and
// the register convention): the walk over the body, the frame, locals and globals, and the
// entry points. The Compiler's other concerns have files of their own (function_compiler.h).
#include "core/jit/x64/compiler.h"

#include "core/jit/memory_bases.h"
#include "core/jit/thread_state.h"
#include "core/jit/x64/function_compiler.h"

namespace mnemo::jit::x64 {

CompileResult Compiler::run() {
  CompileResult out;
  // About 12 bytes of code and one offset per instruction: room for them up front.
  a_.reserve(16 * fn_.body.size() + 256);
  const bool offsets = offsets_ == InstrOffsets::Record;
  if (offsets) out.instr_offsets.reserve(fn_.body.size() + 1);
  vs_.set_next_use(&next_use_);
  prologue();
  labels_.push();  // the function's own frame: its label is the return
  meter();
  for (uint32_t i = 0; i < fn_.body.size() && !walk_.finished() && why_not_.empty(); ++i) {
    instr_ = i;
    next_use_.at(i);
    if (offsets) out.instr_offsets.emplace_back(i, a_.size());
    step(fn_.body[i]);
  }
  close_segment();
  if (!why_not_.empty()) {
    out.stopped_at = stopped_at_;
    return refuse(out, why_not_);
  }
  a_.patch32(frame_size_at_, 8 * (walk_.max_height() + 4));
  if (offsets) out.instr_offsets.emplace_back(uint32_t(fn_.body.size()), a_.size());  // the trap stubs start
  stubs();
  for (const Guarded& g : guarded_)
    out.guard_sites.push_back({g.pc, g.disp, uint32_t(g.stub->label.at), g.index});
  out.direct_calls = std::move(direct_calls_);
  if (scratch_) {
    out.code = a_.code();
    a_.give_back_buffer(*scratch_);
  } else {
    out.code = a_.take_code();
  }
  return out;
}

CompileResult& Compiler::refuse(CompileResult& out, std::string why) {
  out.code.clear();
  if (scratch_) a_.give_back_buffer(*scratch_);
  out.why_not = std::move(why);
  return out;
}

void Compiler::unsupported(const Instr& in) {
  if (!why_not_.empty()) return;
  stopped_at_ = std::string(info(in.op).text);
  why_not_ = stopped_at_ + " (instruction " + std::to_string(instr_) + ")";
}

// The host stack and the slot stack are checked before anything runs (the call depth, at the
// call: a trap there names the call, as the interpreter's does). Declared
// locals start as constant zeros in the value stack (written to their slots only if they must
// be); v128 ones are zeroed in their slots.
void Compiler::prologue() {
  a_.alu_imm(Alu::sub, W::W64, Reg::rsp, 8);  // calls out find the stack 16-byte aligned
  a_.alu(Alu::cmp, W::W64, Reg::rsp, state_field(offsetof(ThreadState, native_limit)));
  a_.jcc(Cond::b, trap_here(TrapCode::CallStackExhausted).label);
  a_.lea(W::W64, Reg::rax, Mem{kFp, 0x7fffffff});  // the frame's end: patched once the walk knows it
  frame_size_at_ = a_.size() - 4;
  a_.alu(Alu::cmp, W::W64, Reg::rax, state_field(offsetof(ThreadState, slots_end)));
  a_.jcc(Cond::a, trap_here(TrapCode::CallStackExhausted).label);
  pin_hot_memory();
  const auto& types = walk_.local_types();
  const auto& slots = walk_.local_slots();
  bool zeroed = false;
  for (size_t i = 0; i < types.size(); ++i) {
    if (slots[i] < walk_.param_slots()) continue;
    if (types[i] != ValType::V128) {
      vs_.set_const(slots[i], 0, types[i]);
      continue;
    }
    if (!zeroed) a_.alu(Alu::xor_, W::W32, Reg::rax, Reg::rax);
    zeroed = true;
    a_.mov(W::W64, slot(slots[i]), Reg::rax);
    a_.mov(W::W64, slot(slots[i] + 1), Reg::rax);
  }
}

// The memory the body reaches most often, if it leaves its bounds to the guard pages (its base
// never moves), keeps its base in r15 throughout.
void Compiler::pin_hot_memory() {
  const int32_t hot = hottest_guarded_memory(inst_, calls_.guard_pages, fn_.body);
  if (hot >= 0) vs_.pin_base(uint32_t(hot), Reg::r15);
}

// The results, at slot `results`, go to the frame's base; the frame is left.
void Compiler::return_from(uint32_t results) {
  vs_.store_values(results, 0, walk_.result_slots());
  a_.alu_imm(Alu::add, W::W32, state_field(offsetof(ThreadState, depth_left)), 1);
  a_.alu_imm(Alu::add, W::W64, Reg::rsp, 8);
  a_.ret();
}

// A v128 from slots `from` to slots `to`, whole: one 16-byte load and store (the v128
// instructions read it so; halves written apart could not be forwarded to that load).
void Compiler::move_v128(uint32_t from, uint32_t to) {
  a_.movdqu(Xmm::xmm0, slot(from));
  a_.movdqu(slot(to), Xmm::xmm0);
}

// One instruction. Every instruction the walk reaches alive counts toward the open fuel run.
// Control, calls, memory accesses and the numeric instructions have files of their own; the
// cheap, frequent moves (locals, globals, constants, select on integers) are compiled here.
void Compiler::step(const Instr& in) {
  if (!walk_.dead()) fuel_.count();
  if (!walk_.reached(in)) return;
  const uint32_t h0 = walk_.height();
  switch (in.op) {
    case Opcode::Block: enter_block(in, h0); return;
    case Opcode::Loop: enter_loop(in, h0); return;
    case Opcode::If: enter_if(in, h0); return;
    case Opcode::Else: enter_else(h0); return;
    case Opcode::End: end_frame(h0); return;
    default: break;
  }
  // Reads of what the walk is about to pop.
  const ValType popped_type = in.op == Opcode::Select || in.op == Opcode::SelectT ? walk_.operand(1) : ValType::I32;
  walk_.effect(in);
  const uint32_t h1 = walk_.height();
  switch (in.op) {
    case Opcode::Nop: return;
    case Opcode::Drop:
      for (uint32_t s = h1; s < h0; ++s) vs_.set_slot(s, vs_.at(s).type);
      return;
    case Opcode::Unreachable: a_.jmp(trap_here(TrapCode::Unreachable).label); return;
    case Opcode::Br: branch(in.index, h0); return;
    case Opcode::Return: branch(walk_.depth() - 1, h0); return;
    case Opcode::BrIf: br_if(in, h0); return;
    case Opcode::BrTable: br_table(in, h0); return;
    case Opcode::Select:
    case Opcode::SelectT: {
      const uint32_t cond = h0 - 1, b = h0 - 2, a = h0 - 3;
      if (floating(popped_type) || popped_type == ValType::V128) break;  // in slots, below
      Pins pins;
      const Reg rc = vs_.to_gpr(cond, pins);
      pins.pin(vs_.at(cond));
      const Reg rb = vs_.to_gpr(b, pins);
      pins.pin(vs_.at(b));
      const Reg d = writable_gpr(a, pins);
      a_.test(W::W32, rc, rc);
      a_.cmov(Cond::e, W::W64, d, rb);
      vs_.set_slot(cond, ValType::I32);
      vs_.set_slot(b, popped_type);
      vs_.set_gpr(a, d, popped_type);
      return;
    }
    case Opcode::LocalGet: {
      const uint32_t s = walk_.local_slots()[in.index];
      const ValType t = walk_.local_types()[in.index];
      if (t == ValType::V128) {  // v128 values live in their slots
        move_v128(s, h0);
        vs_.set_slot(h0, t);
        vs_.set_slot(h0 + 1, t);
        return;
      }
      if (vs_.at(s).kind == Loc::Slot) {
        if (floating(t)) vs_.to_fpr(s);
        else vs_.to_gpr(s);
      }
      vs_.set(h0, vs_.at(s));
      return;
    }
    case Opcode::LocalSet:
    case Opcode::LocalTee: {
      const uint32_t s = walk_.local_slots()[in.index];
      const ValType t = walk_.local_types()[in.index];
      if (t == ValType::V128) {
        move_v128(h0 - 2, s);
        if (in.op == Opcode::LocalSet) {
          vs_.set_slot(h0 - 2, t);
          vs_.set_slot(h0 - 1, t);
        }
        return;
      }
      const uint32_t v = h0 - 1;
      // A tee's operand keeps its register when it has one of its own (the local got a copy),
      // so that what consumes it may overwrite it.
      vs_.assign_local(s, t, v);
      const Loc operand = vs_.at(v);
      if (in.op == Opcode::LocalSet) vs_.set_slot(v, t);
      else if (!operand.in_register() || !vs_.sole_owner(v)) vs_.set(v, vs_.at(s));
      return;
    }
    case Opcode::GlobalGet:
    case Opcode::GlobalSet: {
      const ValType t = inst_.globals[in.index]->type.type;
      if (t == ValType::V128) {  // the global's two value slots, through xmm0
        a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(inst_.context()->global_offset(in.index))});
        if (in.op == Opcode::GlobalGet) {
          a_.movdqu(Xmm::xmm0, Mem{Reg::rcx, 0});
          a_.movdqu(slot(h0), Xmm::xmm0);
          vs_.set_slot(h0, t);
          vs_.set_slot(h0 + 1, t);
        } else {
          a_.movdqu(Xmm::xmm0, slot(h0 - 2));
          a_.movdqu(Mem{Reg::rcx, 0}, Xmm::xmm0);
        }
        return;
      }
      Pins pins;
      if (in.op == Opcode::GlobalSet) {
        if (floating(t)) vs_.to_fpr(h0 - 1);
        else vs_.to_gpr(h0 - 1);
        pins.pin(vs_.at(h0 - 1));
      }
      a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(inst_.context()->global_offset(in.index))});
      if (in.op == Opcode::GlobalGet) {
        if (floating(t)) {
          const Xmm d = vs_.take_fpr(pins);
          a_.movs(fp_of(t), d, Mem{Reg::rcx, 0});
          vs_.set_fpr(h0, d, t);
        } else {
          const Reg d = vs_.take_gpr(pins);
          a_.mov(width(t), d, Mem{Reg::rcx, 0});
          vs_.set_gpr(h0, d, t);
        }
      } else {
        const Loc& l = vs_.at(h0 - 1);
        if (l.kind == Loc::Fpr) a_.movs(Fp::F64, Mem{Reg::rcx, 0}, Xmm(l.reg));  // f32: the cell's high half is not read
        else a_.mov(W::W64, Mem{Reg::rcx, 0}, Reg(l.reg));
        vs_.set_slot(h0 - 1, t);
      }
      return;
    }
    case Opcode::I32Const: vs_.set_const(h0, uint32_t(in.bits), ValType::I32); return;
    case Opcode::F32Const: vs_.set_const(h0, uint32_t(in.bits), ValType::F32); return;
    case Opcode::I64Const: vs_.set_const(h0, in.bits, ValType::I64); return;
    case Opcode::F64Const: vs_.set_const(h0, in.bits, ValType::F64); return;
    case Opcode::Call: call_instr(in, h0); return;
    case Opcode::CallIndirect: call_indirect(in, h0); return;
    case Opcode::RefNull: vs_.set_const(h0, 0, ValType::I64); return;
    case Opcode::RefFunc: vs_.set_const(h0, func_slot(inst_.funcs[in.index]), ValType::I64); return;
    case Opcode::RefIsNull: {
      const Reg x = vs_.to_gpr(h0 - 1);
      a_.test(W::W64, x, x);
      Pins pins;
      pins.pin(vs_.at(h0 - 1));
      condition_result(Cond::e, h0 - 1, pins);
      return;
    }
    default: break;
  }
  if (info(in.op).prefix != 0xFD && info(in.op).imm == ImmKind::MemArg && (load(in, h0) || store(in, h0))) return;
  if (numeric(in, h0) || float_in_registers(in, h0)) return;
  in_slots(in, h0);
}

CompileResult compile_function(const Instance& instance, const IndexSpaces& spaces, uint32_t func_index,
                               const RuntimeCalls& calls, InstrOffsets offsets, std::vector<uint8_t>* scratch) {
  return Compiler(instance, spaces, func_index, calls, offsets, scratch).run();
}

std::vector<uint8_t> interpreter_thunk(const Instance& instance, uint32_t func_index, const RuntimeCalls& calls) {
  Assembler a;
  Label trapped;
  a.alu_imm(Alu::sub, W::W64, Reg::rsp, 8);  // as a compiled function: calls out find rsp aligned
  a.mov(W::W64, Reg::rdi, kState);
  a.mov_imm(W::W64, Reg::rsi, reinterpret_cast<uintptr_t>(static_cast<FuncEntry*>(instance.funcs[func_index])));
  a.mov(W::W64, Reg::rdx, kFp);
  a.mov_imm(W::W64, Reg::rax, reinterpret_cast<uintptr_t>(calls.call));
  a.call(Reg::rax);
  a.test(W::W32, Reg::rax, Reg::rax);
  a.jcc(Cond::ne, trapped);
  a.alu_imm(Alu::add, W::W32, state_field(offsetof(ThreadState, depth_left)), 1);  // as a return does
  a.alu_imm(Alu::add, W::W64, Reg::rsp, 8);
  a.ret();
  a.bind(trapped);  // the trap's code is recorded
  a.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_func)), int32_t(func_index));
  a.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_instr)), 0);
  a.mov_imm(W::W64, Reg::rcx, reinterpret_cast<uintptr_t>(&instance));
  a.mov(W::W64, state_field(offsetof(ThreadState, trap_instance)), Reg::rcx);
  a.jmp(state_field(offsetof(ThreadState, trap_exit)));
  return a.take_code();
}

}  // namespace mnemo::jit::x64
