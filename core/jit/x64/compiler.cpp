// core/jit/x64/compiler.cpp: one pass over a validated body, every value in its slot (see
// compiler.h for what is compiled and the register convention).
#include "core/jit/x64/compiler.h"

#include <cstddef>
#include <deque>

#include "core/jit/thread_state.h"
#include "core/jit/x64/assembler.h"
#include "core/jit/x64/float_ops.h"
#include "core/jit/x64/simd_ops.h"
#include "core/runtime/context.h"
#include "core/runtime/trap.h"
#include "core/runtime/trap_info.h"

namespace mnemo::jit::x64 {
namespace {

constexpr Reg kFp = Reg::rbx;     // the frame's slots
constexpr Reg kCtx = Reg::r12;    // InstanceContext
constexpr Reg kState = Reg::r13;  // ThreadState

Mem slot(uint32_t index) { return Mem{kFp, int32_t(8 * index)}; }
Mem state_field(size_t offset) { return Mem{kState, int32_t(offset)}; }

// An out-of-line trap: where it is raised, with the fault's address in rax for memory faults.
struct TrapSite {
  Label label;
  TrapCode code = TrapCode::None;
  uint32_t instr = 0;
  bool fault = false;
  MemoryAccess::Kind kind = MemoryAccess::Kind::Read;
  uint32_t memory = 0;
  uint32_t size = 0;
  bool recorded = false;  // a call out recorded the trap's code (and fault): only the place is added
};

// Where branches to a control frame go: a loop's start, any other frame's end (and an if's else).
struct FrameLabels {
  Label target;
  Label else_;
  bool has_else = false;
};

// The integer ALU rows: opcode, width, operation.
struct AluRow {
  Opcode op;
  W w;
  Alu alu;
};
constexpr AluRow kAluRows[] = {
    {Opcode::I32Add, W::W32, Alu::add}, {Opcode::I32Sub, W::W32, Alu::sub}, {Opcode::I32And, W::W32, Alu::and_},
    {Opcode::I32Or, W::W32, Alu::or_},  {Opcode::I32Xor, W::W32, Alu::xor_}, {Opcode::I64Add, W::W64, Alu::add},
    {Opcode::I64Sub, W::W64, Alu::sub}, {Opcode::I64And, W::W64, Alu::and_}, {Opcode::I64Or, W::W64, Alu::or_},
    {Opcode::I64Xor, W::W64, Alu::xor_},
};
struct CompareRow {
  Opcode op;
  W w;
  Cond cond;
};
constexpr CompareRow kCompareRows[] = {
    {Opcode::I32Eq, W::W32, Cond::e},   {Opcode::I32Ne, W::W32, Cond::ne},  {Opcode::I32LtS, W::W32, Cond::l},
    {Opcode::I32LtU, W::W32, Cond::b},  {Opcode::I32GtS, W::W32, Cond::g},  {Opcode::I32GtU, W::W32, Cond::a},
    {Opcode::I32LeS, W::W32, Cond::le}, {Opcode::I32LeU, W::W32, Cond::be}, {Opcode::I32GeS, W::W32, Cond::ge},
    {Opcode::I32GeU, W::W32, Cond::ae}, {Opcode::I64Eq, W::W64, Cond::e},   {Opcode::I64Ne, W::W64, Cond::ne},
    {Opcode::I64LtS, W::W64, Cond::l},  {Opcode::I64LtU, W::W64, Cond::b},  {Opcode::I64GtS, W::W64, Cond::g},
    {Opcode::I64GtU, W::W64, Cond::a},  {Opcode::I64LeS, W::W64, Cond::le}, {Opcode::I64LeU, W::W64, Cond::be},
    {Opcode::I64GeS, W::W64, Cond::ge}, {Opcode::I64GeU, W::W64, Cond::ae},
};
struct ShiftRow {
  Opcode op;
  W w;
  Shift shift;
};
constexpr ShiftRow kShiftRows[] = {
    {Opcode::I32Shl, W::W32, Shift::shl},  {Opcode::I32ShrS, W::W32, Shift::sar}, {Opcode::I32ShrU, W::W32, Shift::shr},
    {Opcode::I32Rotl, W::W32, Shift::rol}, {Opcode::I32Rotr, W::W32, Shift::ror}, {Opcode::I64Shl, W::W64, Shift::shl},
    {Opcode::I64ShrS, W::W64, Shift::sar}, {Opcode::I64ShrU, W::W64, Shift::shr}, {Opcode::I64Rotl, W::W64, Shift::rol},
    {Opcode::I64Rotr, W::W64, Shift::ror},
};

class Compiler {
 public:
  Compiler(const Instance& inst, const IndexSpaces& spaces, uint32_t func_index, const RuntimeCalls& calls)
      : inst_(inst),
        fn_(*inst.funcs[func_index]->code),
        walk_(*inst.module, spaces, fn_),
        calls_(calls),
        func_index_(func_index) {}

  CompileResult run() {
    CompileResult out;
    prologue();
    labels_.emplace_back();  // the function's own frame: its label is the return
    meter();
    for (uint32_t i = 0; i < fn_.body.size() && !walk_.finished() && why_not_.empty(); ++i) {
      instr_ = i;
      step(fn_.body[i]);
    }
    close_segment();
    if (!why_not_.empty()) {
      out.stopped_at = stopped_at_;
      return refuse(out, why_not_);
    }
    a_.patch32(frame_size_at_, 8 * (walk_.max_height() + 4));
    stubs();
    for (const Guarded& g : guarded_) out.guard_sites.push_back({g.pc, g.disp, uint32_t(g.stub->label.at)});
    out.code = a_.code();
    return out;
  }

 private:
  CompileResult& refuse(CompileResult& out, std::string why) {
    out.code.clear();
    out.why_not = std::move(why);
    return out;
  }
  void unsupported(const Instr& in) {
    if (!why_not_.empty()) return;
    stopped_at_ = std::string(info(in.op).text);
    why_not_ = stopped_at_ + " (instruction " + std::to_string(instr_) + ")";
  }

  // --- frame ------------------------------------------------------------------------------------
  // The host stack, the slot stack and the call depth are checked before anything runs; declared
  // locals are zeroed.
  void prologue() {
    a_.alu_imm(Alu::sub, W::W64, Reg::rsp, 8);  // calls out find the stack 16-byte aligned
    a_.alu(Alu::cmp, W::W64, Reg::rsp, state_field(offsetof(ThreadState, native_limit)));
    a_.jcc(Cond::b, trap_here(TrapCode::CallStackExhausted).label);
    a_.lea(W::W64, Reg::rax, Mem{kFp, 0x7fffffff});  // the frame's end: patched once the walk knows it
    frame_size_at_ = a_.size() - 4;
    a_.alu(Alu::cmp, W::W64, Reg::rax, state_field(offsetof(ThreadState, slots_end)));
    a_.jcc(Cond::a, trap_here(TrapCode::CallStackExhausted).label);
    a_.mov(W::W32, Reg::rax, state_field(offsetof(ThreadState, depth)));
    a_.alu(Alu::cmp, W::W32, Reg::rax, state_field(offsetof(ThreadState, max_depth)));
    a_.jcc(Cond::ae, trap_here(TrapCode::CallStackExhausted).label);
    a_.alu_imm(Alu::add, W::W32, Reg::rax, 1);
    a_.mov(W::W32, state_field(offsetof(ThreadState, depth)), Reg::rax);
    if (walk_.declared_local_slots() > 0) {
      a_.alu(Alu::xor_, W::W32, Reg::rax, Reg::rax);
      for (uint32_t s = walk_.param_slots(); s < walk_.param_slots() + walk_.declared_local_slots(); ++s)
        a_.mov(W::W64, slot(s), Reg::rax);
    }
  }

  // The function's results, at the top of the stack, move to the frame's base; then back to the
  // caller.
  void epilogue() { return_from(walk_.height() - walk_.result_slots()); }
  // The results, at slot `results`, move to the frame's base; the frame is left.
  void return_from(uint32_t results) {
    move_slots(results, 0, walk_.result_slots());
    a_.mov(W::W32, Reg::rax, state_field(offsetof(ThreadState, depth)));
    a_.alu_imm(Alu::sub, W::W32, Reg::rax, 1);
    a_.mov(W::W32, state_field(offsetof(ThreadState, depth)), Reg::rax);
    a_.alu_imm(Alu::add, W::W64, Reg::rsp, 8);
    a_.ret();
  }

  // A value of type `t` from slot `from` to slot `to`. A v128 (two slots) moves whole, by one
  // 16-byte load and store: the v128 instructions read it so (core/jit/x64/simd_ops.cpp, on
  // store forwarding).
  void move_value(uint32_t from, uint32_t to, ValType t) {
    if (t == ValType::V128) {
      a_.movdqu(Xmm::xmm0, slot(from));
      a_.movdqu(slot(to), Xmm::xmm0);
      return;
    }
    a_.mov(W::W64, Reg::rax, slot(from));
    a_.mov(W::W64, slot(to), Reg::rax);
  }

  void move_slots(uint32_t from, uint32_t to, uint32_t count) {
    if (from == to) return;
    for (uint32_t k = 0; k < count; ++k) {  // ascending: `to` is below `from`
      a_.mov(W::W64, Reg::rax, slot(from + k));
      a_.mov(W::W64, slot(to + k), Reg::rax);
    }
  }

  // --- traps ------------------------------------------------------------------------------------
  TrapSite& trap_here(TrapCode code) {
    TrapSite& t = traps_.emplace_back();
    t.code = code;
    t.instr = instr_;
    return t;
  }
  TrapSite& fault_here(MemoryAccess::Kind kind, uint32_t memory, uint32_t size) {
    TrapSite& t = trap_here(TrapCode::MemoryOutOfBounds);
    t.fault = true;
    t.kind = kind;
    t.memory = memory;
    t.size = size;
    return t;
  }
  // After a call out that returned nonzero: the trap's code is recorded; add this place, leave.
  void propagate_if_trapped() {
    TrapSite& t = trap_here(TrapCode::None);
    t.recorded = true;
    a_.test(W::W32, Reg::rax, Reg::rax);
    a_.jcc(Cond::ne, t.label);
  }

  void stubs() {
    for (TrapSite& t : traps_) {
      a_.bind(t.label);
      if (t.fault) {
        a_.mov(W::W64, state_field(offsetof(ThreadState, fault_address)), Reg::rax);
        a_.mov_imm(W::W64, state_field(offsetof(ThreadState, fault_size)), int32_t(t.size));
        a_.mov_imm(W::W32, state_field(offsetof(ThreadState, fault_memory)), int32_t(t.memory));
        a_.mov_imm(W::W32, state_field(offsetof(ThreadState, fault_kind)), int32_t(t.kind));
        a_.mov_imm(W::W32, state_field(offsetof(ThreadState, has_fault)), 1);
      }
      if (!t.recorded) a_.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_code)), int32_t(t.code));
      a_.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_func)), int32_t(func_index_));
      a_.mov_imm(W::W32, state_field(offsetof(ThreadState, trap_instr)), int32_t(t.instr));
      a_.mov_imm(W::W64, Reg::rcx, reinterpret_cast<uintptr_t>(&inst_));
      a_.mov(W::W64, state_field(offsetof(ThreadState, trap_instance)), Reg::rcx);
      a_.jmp(state_field(offsetof(ThreadState, trap_exit)));
    }
  }

  // --- calls out --------------------------------------------------------------------------------
  void call_out(const void* fn) {
    a_.mov_imm(W::W64, Reg::rax, reinterpret_cast<uintptr_t>(fn));
    a_.call(Reg::rax);
  }
  void load_pointer(Reg r, const void* p) { a_.mov_imm(W::W64, r, reinterpret_cast<uintptr_t>(p)); }

  // A call whose arguments start at slot `base`: compiled callees are entered directly, with their
  // own instance's context; anything else goes through the engine.
  void call(FuncInstance* f, uint32_t base) {
    load_pointer(Reg::rax, static_cast<FuncEntry*>(f));
    call_entry_in_rax(base);
  }
  // The call of the FuncEntry in rax: on the same stacks when it has machine code, so that
  // recursion through any kind of call counts against the same depth and slot stack.
  void call_entry_in_rax(uint32_t base) {
    Label slow, done;
    a_.mov(W::W64, Reg::rcx, Mem{Reg::rax, int32_t(offsetof(FuncEntry, native))});
    a_.test(W::W64, Reg::rcx, Reg::rcx);
    a_.jcc(Cond::e, slow);
    a_.mov(W::W64, kCtx, Mem{Reg::rax, int32_t(offsetof(FuncEntry, context))});
    a_.lea(W::W64, kFp, slot(base));
    a_.call(Reg::rcx);
    a_.lea(W::W64, kFp, Mem{kFp, -int32_t(8 * base)});
    load_pointer(kCtx, inst_.context());
    a_.jmp(done);
    a_.bind(slow);
    a_.mov(W::W64, Reg::rdi, kState);
    a_.mov(W::W64, Reg::rsi, Reg::rax);
    a_.lea(W::W64, Reg::rdx, slot(base));
    call_out(reinterpret_cast<const void*>(calls_.call));
    propagate_if_trapped();
    a_.bind(done);
  }

  // A table, segment or memory.init instruction, done by the engine on the operands from `base`.
  void bulk(const Instr& in, uint32_t base, const void* a, const void* b) {
    a_.mov(W::W64, Reg::rdi, kState);
    a_.mov_imm(W::W64, Reg::rsi, uint64_t(in.op) | uint64_t(in.mem.memory) << 32);
    load_pointer(Reg::rdx, a);
    load_pointer(Reg::rcx, b);
    a_.lea(W::W64, Reg::r8, slot(base));
    call_out(reinterpret_cast<const void*>(calls_.bulk));
    propagate_if_trapped();
  }

  // --- memory -----------------------------------------------------------------------------------
  // The host address of the access at slot `address`, for the instruction emitted right after:
  // it uses rax, rcx and r8 (a store's value waits in rdx). Explicitly checked: rax = the
  // WebAssembly address, compared with the memory's size (a fault leaves through a stub with
  // rax), then the host address. On a Guarded memory: rax = base + address (rcx = base) and the
  // guard pages check; the access is recorded for the fault handler.
  Mem address(const MemArg& m, uint32_t address_slot, uint32_t size, MemoryAccess::Kind kind) {
    a_.mov(W::W32, Reg::rax, slot(address_slot));
    a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(InstanceContext::memory_offset(m.memory))});
    const bool small_offset = m.offset <= 0x7fffffff;
    auto add_large_offset = [&] {
      a_.mov_imm(W::W32, Reg::r8, m.offset);
      a_.alu(Alu::add, W::W64, Reg::rax, Reg::r8);
    };
    if (calls_.guard_pages && inst_.memories[m.memory]->guarded()) {
      a_.mov(W::W64, Reg::rcx, Mem{Reg::rcx, int32_t(offsetof(MemoryView, data))});
      if (!small_offset) add_large_offset();
      a_.alu(Alu::add, W::W64, Reg::rax, Reg::rcx);
      const int32_t disp = small_offset ? int32_t(m.offset) : 0;
      guarded_.push_back({a_.size(), disp, &fault_here(kind, m.memory, size)});
      return Mem{Reg::rax, disp};
    }
    if (m.offset != 0) {
      if (small_offset) a_.alu_imm(Alu::add, W::W64, Reg::rax, int32_t(m.offset));
      else add_large_offset();
    }
    a_.lea(W::W64, Reg::r8, Mem{Reg::rax, int32_t(size)});
    a_.alu(Alu::cmp, W::W64, Reg::r8, Mem{Reg::rcx, int32_t(offsetof(MemoryView, size))});
    a_.jcc(Cond::a, fault_here(kind, m.memory, size).label);
    a_.alu(Alu::add, W::W64, Reg::rax, Mem{Reg::rcx, int32_t(offsetof(MemoryView, data))});
    return Mem{Reg::rax, 0};
  }

  bool load(const Instr& in, uint32_t h0) {
    const uint32_t at = h0 - 1;
    Mem host{Reg::rax, 0};
    auto access = [&](uint32_t size) { host = address(in.mem, at, size, MemoryAccess::Kind::Read); };
    switch (in.op) {
      case Opcode::I32Load:
      case Opcode::F32Load: access(4); a_.mov(W::W32, Reg::rax, host); break;
      case Opcode::I64Load:
      case Opcode::F64Load: access(8); a_.mov(W::W64, Reg::rax, host); break;
      case Opcode::I32Load8S: access(1); a_.load_sx8(W::W32, Reg::rax, host); break;
      case Opcode::I32Load8U:
      case Opcode::I64Load8U: access(1); a_.load_zx8(Reg::rax, host); break;
      case Opcode::I32Load16S: access(2); a_.load_sx16(W::W32, Reg::rax, host); break;
      case Opcode::I32Load16U:
      case Opcode::I64Load16U: access(2); a_.load_zx16(Reg::rax, host); break;
      case Opcode::I64Load8S: access(1); a_.load_sx8(W::W64, Reg::rax, host); break;
      case Opcode::I64Load16S: access(2); a_.load_sx16(W::W64, Reg::rax, host); break;
      case Opcode::I64Load32S: access(4); a_.load_sx32(Reg::rax, host); break;
      case Opcode::I64Load32U: access(4); a_.mov(W::W32, Reg::rax, host); break;
      default: return false;
    }
    a_.mov(W::W64, slot(at), Reg::rax);
    return true;
  }

  bool store(const Instr& in, uint32_t h0) {
    const uint32_t at = h0 - 2, value = h0 - 1;
    Mem host{Reg::rax, 0};
    auto access = [&](uint32_t size) {
      a_.mov(W::W64, Reg::rdx, slot(value));
      host = address(in.mem, at, size, MemoryAccess::Kind::Write);
    };
    switch (in.op) {
      case Opcode::I32Store:
      case Opcode::F32Store:
      case Opcode::I64Store32: access(4); a_.mov(W::W32, host, Reg::rdx); return true;
      case Opcode::I64Store:
      case Opcode::F64Store: access(8); a_.mov(W::W64, host, Reg::rdx); return true;
      case Opcode::I32Store8:
      case Opcode::I64Store8: access(1); a_.store8(host, Reg::rdx); return true;
      case Opcode::I32Store16:
      case Opcode::I64Store16: access(2); a_.store16(host, Reg::rdx); return true;
      default: return false;
    }
  }

  // --- integer arithmetic -----------------------------------------------------------------------
  bool numeric(const Instr& in, uint32_t h0) {
    const uint32_t a = h0 - 2, b = h0 - 1;  // binary operands; the result goes to a
    for (const AluRow& r : kAluRows)
      if (r.op == in.op) {
        a_.mov(r.w, Reg::rax, slot(a));
        a_.alu(r.alu, r.w, Reg::rax, slot(b));
        a_.mov(W::W64, slot(a), Reg::rax);
        return true;
      }
    for (const CompareRow& r : kCompareRows)
      if (r.op == in.op) {
        a_.alu(Alu::xor_, W::W32, Reg::rcx, Reg::rcx);
        a_.mov(r.w, Reg::rax, slot(a));
        a_.alu(Alu::cmp, r.w, Reg::rax, slot(b));
        a_.setcc(r.cond, Reg::rcx);
        a_.mov(W::W64, slot(a), Reg::rcx);
        return true;
      }
    for (const ShiftRow& r : kShiftRows)
      if (r.op == in.op) {  // x86 masks the count to the width, as WebAssembly does
        a_.mov(r.w, Reg::rax, slot(a));
        a_.mov(W::W32, Reg::rcx, slot(b));
        a_.shift_cl(r.shift, r.w, Reg::rax);
        a_.mov(W::W64, slot(a), Reg::rax);
        return true;
      }
    const uint32_t top = h0 - 1;
    switch (in.op) {
      case Opcode::I32Mul:
      case Opcode::I64Mul: {
        const W w = in.op == Opcode::I32Mul ? W::W32 : W::W64;
        a_.mov(w, Reg::rax, slot(a));
        a_.mov(w, Reg::rcx, slot(b));
        a_.imul(w, Reg::rax, Reg::rcx);
        a_.mov(W::W64, slot(a), Reg::rax);
        return true;
      }
      case Opcode::I32DivS: divide(W::W32, true, false, a, b); return true;
      case Opcode::I32DivU: divide(W::W32, false, false, a, b); return true;
      case Opcode::I32RemS: divide(W::W32, true, true, a, b); return true;
      case Opcode::I32RemU: divide(W::W32, false, true, a, b); return true;
      case Opcode::I64DivS: divide(W::W64, true, false, a, b); return true;
      case Opcode::I64DivU: divide(W::W64, false, false, a, b); return true;
      case Opcode::I64RemS: divide(W::W64, true, true, a, b); return true;
      case Opcode::I64RemU: divide(W::W64, false, true, a, b); return true;
      case Opcode::I32Eqz:
      case Opcode::I64Eqz: {
        const W w = in.op == Opcode::I32Eqz ? W::W32 : W::W64;
        a_.alu(Alu::xor_, W::W32, Reg::rcx, Reg::rcx);
        a_.mov(w, Reg::rax, slot(top));
        a_.test(w, Reg::rax, Reg::rax);
        a_.setcc(Cond::e, Reg::rcx);
        a_.mov(W::W64, slot(top), Reg::rcx);
        return true;
      }
      case Opcode::I32Clz:
      case Opcode::I64Clz:
      case Opcode::I32Ctz:
      case Opcode::I64Ctz:
      case Opcode::I32Popcnt:
      case Opcode::I64Popcnt: {
        const bool wide = in.op == Opcode::I64Clz || in.op == Opcode::I64Ctz || in.op == Opcode::I64Popcnt;
        const BitCount op = (in.op == Opcode::I32Clz || in.op == Opcode::I64Clz)   ? BitCount::lzcnt
                            : (in.op == Opcode::I32Ctz || in.op == Opcode::I64Ctz) ? BitCount::tzcnt
                                                                                   : BitCount::popcnt;
        const bool have = op == BitCount::lzcnt ? calls_.has_lzcnt : op == BitCount::tzcnt ? calls_.has_bmi1 : calls_.has_popcnt;
        if (!have) return false;
        const W w = wide ? W::W64 : W::W32;
        a_.mov(w, Reg::rcx, slot(top));
        a_.bit_count(op, w, Reg::rax, Reg::rcx);
        a_.mov(W::W64, slot(top), Reg::rax);
        return true;
      }
      case Opcode::I32WrapI64:
      case Opcode::I64ExtendI32U:
        a_.mov(W::W32, Reg::rax, slot(top));
        a_.mov(W::W64, slot(top), Reg::rax);
        return true;
      case Opcode::I64ExtendI32S:
      case Opcode::I64Extend32S:
        a_.load_sx32(Reg::rax, slot(top));
        a_.mov(W::W64, slot(top), Reg::rax);
        return true;
      case Opcode::I32Extend8S: a_.load_sx8(W::W32, Reg::rax, slot(top)); a_.mov(W::W64, slot(top), Reg::rax); return true;
      case Opcode::I32Extend16S: a_.load_sx16(W::W32, Reg::rax, slot(top)); a_.mov(W::W64, slot(top), Reg::rax); return true;
      case Opcode::I64Extend8S: a_.load_sx8(W::W64, Reg::rax, slot(top)); a_.mov(W::W64, slot(top), Reg::rax); return true;
      case Opcode::I64Extend16S: a_.load_sx16(W::W64, Reg::rax, slot(top)); a_.mov(W::W64, slot(top), Reg::rax); return true;
      // The same bits under another type: the slot already holds them.
      case Opcode::I32ReinterpretF32:
      case Opcode::F32ReinterpretI32:
      case Opcode::I64ReinterpretF64:
      case Opcode::F64ReinterpretI64: return true;
      default: return false;
    }
  }

  // div / rem: division by zero and INT_MIN / -1 trap; INT_MIN rem -1 is 0 (x86 would fault).
  void divide(W w, bool is_signed, bool rem, uint32_t a, uint32_t b) {
    Label compute, done;
    a_.mov(w, Reg::rax, slot(a));
    a_.mov(w, Reg::rcx, slot(b));
    a_.test(w, Reg::rcx, Reg::rcx);
    a_.jcc(Cond::e, trap_here(TrapCode::IntegerDivideByZero).label);
    if (is_signed) {
      a_.alu_imm(Alu::cmp, w, Reg::rcx, -1);
      a_.jcc(Cond::ne, compute);
      if (rem) {
        a_.alu(Alu::xor_, W::W32, Reg::rdx, Reg::rdx);
        a_.jmp(done);
      } else {
        a_.mov_imm(W::W64, Reg::rdx, w == W::W32 ? 0x80000000ull : 0x8000000000000000ull);
        a_.alu(Alu::cmp, w, Reg::rax, Reg::rdx);
        a_.jcc(Cond::e, trap_here(TrapCode::IntegerOverflow).label);
      }
    }
    a_.bind(compute);
    if (is_signed) {
      a_.sign_extend_ax(w);
      a_.unary(Unary::idiv, w, Reg::rcx);
    } else {
      a_.alu(Alu::xor_, W::W32, Reg::rdx, Reg::rdx);
      a_.unary(Unary::div, w, Reg::rcx);
    }
    if (!rem) a_.mov(W::W64, Reg::rdx, Reg::rax);
    a_.bind(done);  // 32-bit division leaves its results zero-extended
    a_.mov(W::W64, slot(a), Reg::rdx);
  }

  // --- control ----------------------------------------------------------------------------------
  // A branch to label `depth` from stack height `h`: the label's values move to the frame's base.
  void branch(uint32_t depth, uint32_t h) {
    const WalkFrame& f = walk_.label(depth);
    const uint32_t keep = f.label_slots();
    if (depth == walk_.depth() - 1) {  // the function's own label: a return
      return_from(h - keep);
      return;
    }
    move_slots(h - keep, f.base, keep);
    a_.jmp(labels_[labels_.size() - 1 - depth].target);
  }
  bool branch_moves(uint32_t depth, uint32_t h) const {
    const WalkFrame& f = walk_.label(depth);
    return h - f.label_slots() != f.base || depth == walk_.depth() - 1;
  }

  // --- fuel -------------------------------------------------------------------------------------
  // In a metered store, every straight-line run starts by taking its instruction count from the
  // store's fuel, at the very places the interpreter's translation charges it (core/vm/
  // translate.cpp, meter_segment: the entry, each loop's start, each else and end), so both
  // engines run out at the same instruction. The count is patched in when the run ends.
  void meter() {
    if (!calls_.metered) return;
    close_segment();
    a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(offsetof(InstanceContext, fuel))});
    a_.mov(W::W64, Reg::rax, Mem{Reg::rcx, 0});
    a_.mov_imm(W::W32, Reg::rdx, 0);
    segment_count_at_ = a_.size() - 4;
    a_.alu(Alu::sub, W::W64, Reg::rax, Reg::rdx);
    a_.jcc(Cond::b, trap_here(TrapCode::OutOfFuel).label);  // the fuel left stays as it was
    a_.mov(W::W64, Mem{Reg::rcx, 0}, Reg::rax);
  }
  void close_segment() {
    if (segment_count_at_ != UINT32_MAX) a_.patch32(segment_count_at_, segment_instrs_);
    segment_count_at_ = UINT32_MAX;
    segment_instrs_ = 0;
  }

  void step(const Instr& in) {
    if (!walk_.dead()) ++segment_instrs_;
    if (!walk_.reached(in)) return;
    const uint32_t h0 = walk_.height();
    switch (in.op) {
      case Opcode::Block:
      case Opcode::Loop:
        walk_.enter(in);
        labels_.emplace_back();
        if (in.op == Opcode::Loop) {
          a_.bind(labels_.back().target);
          meter();
        }
        return;
      case Opcode::If: {
        walk_.enter(in);
        FrameLabels& l = labels_.emplace_back();
        l.has_else = true;
        a_.mov(W::W32, Reg::rax, slot(h0 - 1));
        a_.test(W::W32, Reg::rax, Reg::rax);
        a_.jcc(Cond::e, l.else_);
        return;
      }
      case Opcode::Else: {
        FrameLabels& l = labels_.back();
        if (!walk_.dead()) a_.jmp(l.target);
        a_.bind(l.else_);
        l.has_else = false;
        meter();
        walk_.enter_else();
        return;
      }
      case Opcode::End: {
        const bool function_end = walk_.depth() == 1;
        walk_.leave();
        FrameLabels l = std::move(labels_.back());
        labels_.pop_back();
        if (l.has_else) a_.bind(l.else_);
        if (l.target.at < 0) a_.bind(l.target);  // a loop's was bound at its start
        meter();
        if (function_end) epilogue();
        return;
      }
      default: break;
    }
    // Reads of what the walk is about to pop.
    const ValType popped_type = in.op == Opcode::Select || in.op == Opcode::SelectT ? walk_.operand(1) : ValType::I32;
    walk_.effect(in);
    switch (in.op) {
      case Opcode::Nop:
      case Opcode::Drop: return;
      case Opcode::Unreachable: a_.jmp(trap_here(TrapCode::Unreachable).label); return;
      case Opcode::Br: branch(in.index, h0); return;
      case Opcode::Return: branch(walk_.depth() - 1, h0); return;
      case Opcode::BrIf: {
        const uint32_t h = h0 - 1;
        a_.mov(W::W32, Reg::rax, slot(h));
        a_.test(W::W32, Reg::rax, Reg::rax);
        if (!branch_moves(in.index, h)) {
          a_.jcc(Cond::ne, labels_[labels_.size() - 1 - in.index].target);
        } else {
          Label skip;
          a_.jcc(Cond::e, skip);
          branch(in.index, h);
          a_.bind(skip);
        }
        return;
      }
      case Opcode::BrTable: {
        const uint32_t h = h0 - 1;
        a_.mov(W::W32, Reg::rax, slot(h));
        std::deque<Label> cases(in.labels.size());
        for (uint32_t i = 0; i + 1 < in.labels.size(); ++i) {
          a_.alu_imm(Alu::cmp, W::W32, Reg::rax, int32_t(i));
          a_.jcc(Cond::e, cases[i]);
        }
        a_.jmp(cases.back());  // the default, for every index past the list
        for (uint32_t i = 0; i < in.labels.size(); ++i) {
          a_.bind(cases[i]);
          branch(in.labels[i], h);
        }
        return;
      }
      case Opcode::Select:
      case Opcode::SelectT: {
        if (popped_type == ValType::V128) {  // b moves over a when the condition is 0
          Label keep;
          a_.mov(W::W32, Reg::rax, slot(h0 - 1));
          a_.test(W::W32, Reg::rax, Reg::rax);
          a_.jcc(Cond::ne, keep);
          move_value(h0 - 3, h0 - 5, ValType::V128);
          a_.bind(keep);
          return;
        }
        const uint32_t cond = h0 - 1, b = h0 - 2, a = h0 - 3;
        a_.mov(W::W32, Reg::rax, slot(cond));
        a_.mov(W::W64, Reg::rcx, slot(a));
        a_.mov(W::W64, Reg::rdx, slot(b));
        a_.test(W::W32, Reg::rax, Reg::rax);
        a_.cmov(Cond::e, W::W64, Reg::rcx, Reg::rdx);
        a_.mov(W::W64, slot(a), Reg::rcx);
        return;
      }
      case Opcode::LocalGet:
        move_value(walk_.local_slots()[in.index], h0, walk_.local_types()[in.index]);
        return;
      case Opcode::LocalSet:
      case Opcode::LocalTee: {
        const ValType t = walk_.local_types()[in.index];
        move_value(h0 - walk_slots(t), walk_.local_slots()[in.index], t);
        return;
      }
      case Opcode::GlobalGet:
      case Opcode::GlobalSet: {
        const bool v128 = inst_.globals[in.index]->type.type == ValType::V128;  // two value slots
        a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(inst_.context()->global_offset(in.index))});
        if (in.op == Opcode::GlobalGet) {
          if (v128) {
            a_.movdqu(Xmm::xmm0, Mem{Reg::rcx, 0});
            a_.movdqu(slot(h0), Xmm::xmm0);
          } else {
            a_.mov(W::W64, Reg::rax, Mem{Reg::rcx, 0});
            a_.mov(W::W64, slot(h0), Reg::rax);
          }
        } else {
          if (v128) {
            a_.movdqu(Xmm::xmm0, slot(h0 - 2));
            a_.movdqu(Mem{Reg::rcx, 0}, Xmm::xmm0);
          } else {
            a_.mov(W::W64, Reg::rax, slot(h0 - 1));
            a_.mov(W::W64, Mem{Reg::rcx, 0}, Reg::rax);
          }
        }
        return;
      }
      case Opcode::I32Const:
        a_.mov_imm(W::W32, Reg::rax, uint32_t(in.bits));
        a_.mov(W::W64, slot(h0), Reg::rax);
        return;
      case Opcode::F32Const:
        a_.mov_imm(W::W32, Reg::rax, uint32_t(in.bits));
        a_.mov(W::W64, slot(h0), Reg::rax);
        return;
      case Opcode::I64Const:
      case Opcode::F64Const:
        a_.mov_imm(W::W64, Reg::rax, in.bits);
        a_.mov(W::W64, slot(h0), Reg::rax);
        return;
      case Opcode::Call: {
        FuncInstance* f = inst_.funcs[in.index];
        call(f, h0 - f->param_slots);
        return;
      }
      case Opcode::CallIndirect: {
        const FuncType& ft = inst_.module->types[in.index];
        uint32_t params = 0;
        for (ValType t : ft.params) params += walk_slots(t);
        const uint32_t base = h0 - 1 - params;
        a_.mov(W::W64, Reg::rdi, kState);
        load_pointer(Reg::rsi, inst_.tables[in.index2]);
        a_.mov_imm(W::W64, Reg::rdx, inst_.type_ids[in.index]);
        a_.mov(W::W32, Reg::rcx, slot(h0 - 1));
        call_out(reinterpret_cast<const void*>(calls_.call_indirect));  // rax: the callee's entry, or null
        TrapSite& t = trap_here(TrapCode::None);
        t.recorded = true;
        a_.test(W::W64, Reg::rax, Reg::rax);
        a_.jcc(Cond::e, t.label);
        call_entry_in_rax(base);
        return;
      }
      case Opcode::RefNull:
        a_.mov_imm(W::W64, slot(h0), 0);
        return;
      case Opcode::RefIsNull:
        a_.alu(Alu::xor_, W::W32, Reg::rcx, Reg::rcx);
        a_.mov(W::W64, Reg::rax, slot(h0 - 1));
        a_.test(W::W64, Reg::rax, Reg::rax);
        a_.setcc(Cond::e, Reg::rcx);
        a_.mov(W::W64, slot(h0 - 1), Reg::rcx);
        return;
      case Opcode::RefFunc:
        a_.mov_imm(W::W64, Reg::rax, func_slot(inst_.funcs[in.index]));
        a_.mov(W::W64, slot(h0), Reg::rax);
        return;
      case Opcode::TableGet: bulk(in, h0 - 1, inst_.tables[in.index], nullptr); return;
      case Opcode::TableSet: bulk(in, h0 - 2, inst_.tables[in.index], nullptr); return;
      case Opcode::TableSize: bulk(in, h0, inst_.tables[in.index], nullptr); return;
      case Opcode::TableGrow: bulk(in, h0 - 2, inst_.tables[in.index], nullptr); return;
      case Opcode::TableFill: bulk(in, h0 - 3, inst_.tables[in.index], nullptr); return;
      case Opcode::TableCopy: bulk(in, h0 - 3, inst_.tables[in.index], inst_.tables[in.index2]); return;
      case Opcode::TableInit: bulk(in, h0 - 3, inst_.tables[in.index2], const_cast<ElemInstance*>(&inst_.elems[in.index])); return;
      case Opcode::ElemDrop: bulk(in, h0, const_cast<ElemInstance*>(&inst_.elems[in.index]), nullptr); return;
      case Opcode::MemoryInit:
        bulk(in, h0 - 3, inst_.memories[in.mem.memory], const_cast<DataInstance*>(&inst_.datas[in.index]));
        return;
      case Opcode::DataDrop: bulk(in, h0, const_cast<DataInstance*>(&inst_.datas[in.index]), nullptr); return;
      case Opcode::MemorySize:
        a_.mov(W::W64, Reg::rax, Mem{kCtx, int32_t(InstanceContext::memory_offset(in.mem.memory))});
        a_.mov(W::W64, Reg::rax, Mem{Reg::rax, int32_t(offsetof(MemoryView, size))});
        a_.shift_imm(Shift::shr, W::W64, Reg::rax, 16);
        a_.mov(W::W64, slot(h0), Reg::rax);
        return;
      case Opcode::MemoryGrow:
        load_pointer(Reg::rdi, inst_.memories[in.mem.memory]);
        a_.lea(W::W64, Reg::rsi, slot(h0 - 1));
        call_out(reinterpret_cast<const void*>(calls_.memory_grow));
        return;
      case Opcode::MemoryFill:
        a_.mov(W::W64, Reg::rdi, kState);
        load_pointer(Reg::rsi, inst_.memories[in.mem.memory]);
        a_.mov_imm(W::W64, Reg::rdx, in.mem.memory);
        a_.lea(W::W64, Reg::rcx, slot(h0 - 3));
        call_out(reinterpret_cast<const void*>(calls_.memory_fill));
        propagate_if_trapped();
        return;
      case Opcode::MemoryCopy:
        a_.mov(W::W64, Reg::rdi, kState);
        load_pointer(Reg::rsi, inst_.memories[in.mem.memory]);
        load_pointer(Reg::rdx, inst_.memories[in.mem_src]);
        a_.lea(W::W64, Reg::rcx, slot(h0 - 3));
        a_.mov_imm(W::W64, Reg::r8, uint64_t(in.mem_src) << 32 | in.mem.memory);
        call_out(reinterpret_cast<const void*>(calls_.memory_copy));
        propagate_if_trapped();
        return;
      default: break;
    }
    if (info(in.op).prefix == 0xFD) {  // v128 on SSE4.1, its memory forms through address()
      if (!calls_.has_sse41) return unsupported(in);
      SimdContext simd{a_, kFp, [this](const MemArg& m, uint32_t at, uint32_t size, MemoryAccess::Kind kind) {
                         return address(m, at, size, kind);
                       }};
      if (!emit_simd(simd, in, h0)) unsupported(in);
      return;
    }
    if (info(in.op).imm == ImmKind::MemArg) {
      if (load(in, h0) || store(in, h0)) return;
      return unsupported(in);
    }
    if (numeric(in, h0)) return;
    FloatContext floats{a_, kFp, [this](TrapCode code) -> Label& { return trap_here(code).label; }, calls_.has_sse41};
    if (!emit_float(floats, in.op, h0)) unsupported(in);
  }

  const Instance& inst_;
  const Function& fn_;
  BodyWalk walk_;
  const RuntimeCalls& calls_;
  const uint32_t func_index_;
  Assembler a_;
  std::vector<FrameLabels> labels_;
  std::deque<TrapSite> traps_;  // a deque: jumps hold on to their labels while more are added
  struct Guarded {
    uint32_t pc;
    int32_t disp;
    TrapSite* stub;
  };
  std::vector<Guarded> guarded_;  // accesses whose bounds the guard pages check
  uint32_t frame_size_at_ = 0;
  uint32_t segment_count_at_ = UINT32_MAX;  // the count field of the open run's charge
  uint32_t segment_instrs_ = 0;             // instructions of the open run so far
  uint32_t instr_ = 0;
  std::string why_not_;
  std::string stopped_at_;
};

}  // namespace

CompileResult compile_function(const Instance& instance, const IndexSpaces& spaces, uint32_t func_index,
                               const RuntimeCalls& calls) {
  return Compiler(instance, spaces, func_index, calls).run();
}

}  // namespace mnemo::jit::x64
