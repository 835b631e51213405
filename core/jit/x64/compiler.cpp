// core/jit/x64/compiler.cpp: one pass over a validated body, values in registers where the
// value stack (core/jit/x64/value_stack.h) can keep them (see compiler.h for what is compiled and
// the register convention).
#include "core/jit/x64/compiler.h"

#include <algorithm>
#include <cstddef>
#include <deque>
#include <optional>
#include <type_traits>

#include "core/jit/frame_labels.h"
#include "core/jit/fuel_runs.h"
#include "core/jit/loop_uses.h"
#include "core/jit/memory_bases.h"
#include "core/jit/next_use.h"
#include "core/jit/thread_state.h"
#include "core/jit/trap_sites.h"
#include "core/jit/x64/assembler.h"
#include "core/jit/x64/float_ops.h"
#include "core/jit/x64/simd_ops.h"
#include "core/jit/x64/value_stack.h"
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

// An out-of-line trap (core/jit/trap_sites.h): raised with the fault's address in rax for
// memory faults.
using TrapSite = jit::TrapSite<Label>;
using FrameLabels = jit::FrameLabels<Label>;

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

// Which register a value of type `t` lives in when it is in one.
bool floating(ValType t) { return t == ValType::F32 || t == ValType::F64; }
W width(ValType t) { return t == ValType::I32 || t == ValType::F32 ? W::W32 : W::W64; }
Fp fp_of(ValType t) { return t == ValType::F32 ? Fp::F32 : Fp::F64; }
bool fits_imm32(W w, uint64_t bits) {
  return w == W::W32 || (int64_t(bits) >= INT32_MIN && int64_t(bits) <= INT32_MAX);
}

// The f32/f64 rows compiled in registers: opcode, type, SSE operation.
struct SseRow {
  Opcode op;
  ValType t;
  Sse sse;
};
constexpr SseRow kSseRows[] = {
    {Opcode::F32Add, ValType::F32, Sse::add}, {Opcode::F32Sub, ValType::F32, Sse::sub},
    {Opcode::F32Mul, ValType::F32, Sse::mul}, {Opcode::F32Div, ValType::F32, Sse::div},
    {Opcode::F64Add, ValType::F64, Sse::add}, {Opcode::F64Sub, ValType::F64, Sse::sub},
    {Opcode::F64Mul, ValType::F64, Sse::mul}, {Opcode::F64Div, ValType::F64, Sse::div},
};
// Ordered float comparisons: ucomis of (first, second) operands, swapped for lt / le, true on
// `cond`, which an unordered pair (CF=ZF=PF=1) never satisfies.
struct FloatCompareRow {
  Opcode op;
  ValType t;
  bool swap;
  Cond cond;
};
constexpr FloatCompareRow kFloatCompareRows[] = {
    {Opcode::F32Gt, ValType::F32, false, Cond::a}, {Opcode::F32Ge, ValType::F32, false, Cond::ae},
    {Opcode::F32Lt, ValType::F32, true, Cond::a},  {Opcode::F32Le, ValType::F32, true, Cond::ae},
    {Opcode::F64Gt, ValType::F64, false, Cond::a}, {Opcode::F64Ge, ValType::F64, false, Cond::ae},
    {Opcode::F64Lt, ValType::F64, true, Cond::a},  {Opcode::F64Le, ValType::F64, true, Cond::ae},
};

// Which row of a table (the rows above) an opcode has, if any: an index made at compile time,
// so that finding an instruction's row is one load, not a scan of every row of every table.
template <typename Row, size_t N>
class RowIndex {
 public:
  constexpr explicit RowIndex(const Row (&rows)[N]) : rows_(rows) {
    for (int16_t& k : row_of_) k = -1;
    for (size_t k = 0; k < N; ++k) row_of_[static_cast<uint16_t>(rows[k].op)] = int16_t(k);
  }
  const Row* find(Opcode op) const {
    const int16_t k = row_of_[static_cast<uint16_t>(op)];
    return k < 0 ? nullptr : &rows_[k];
  }

 private:
  const Row (&rows_)[N];
  int16_t row_of_[std::size(kOpcodeInfo)] = {};
};
constexpr RowIndex kAluIndex(kAluRows);
constexpr RowIndex kCompareIndex(kCompareRows);
constexpr RowIndex kShiftIndex(kShiftRows);
constexpr RowIndex kSseIndex(kSseRows);
constexpr RowIndex kFloatCompareIndex(kFloatCompareRows);

class Compiler {
 public:
  Compiler(const Instance& inst, const IndexSpaces& spaces, uint32_t func_index, const RuntimeCalls& calls,
           InstrOffsets offsets, std::vector<uint8_t>* scratch)
      : inst_(inst),
        fn_(*inst.funcs[func_index]->code),
        walk_(*inst.module, spaces, fn_),
        calls_(calls),
        func_index_(func_index),
        offsets_(offsets),
        scratch_(scratch),
        a_(scratch ? std::move(*scratch) : std::vector<uint8_t>{}),
        vs_(a_, kFp, kCtx, walk_.local_types(), walk_.local_slots(), walk_.param_slots() + walk_.declared_local_slots(),
            view_offsets(inst), int32_t(offsetof(MemoryView, data))) {}

  CompileResult run() {
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

 private:
  static std::vector<int32_t> view_offsets(const Instance& inst) {
    std::vector<int32_t> out;
    for (uint32_t m = 0; m < inst.memories.size(); ++m) out.push_back(int32_t(InstanceContext::memory_offset(m)));
    return out;
  }
  CompileResult& refuse(CompileResult& out, std::string why) {
    out.code.clear();
    if (scratch_) a_.give_back_buffer(*scratch_);
    out.why_not = std::move(why);
    return out;
  }
  void unsupported(const Instr& in) {
    if (!why_not_.empty()) return;
    stopped_at_ = std::string(info(in.op).text);
    why_not_ = stopped_at_ + " (instruction " + std::to_string(instr_) + ")";
  }

  // --- frame ------------------------------------------------------------------------------------
  // The host stack and the slot stack are checked before anything runs (the call depth, at the
  // call: a trap there names the call, as the interpreter's does). Declared
  // locals start as constant zeros in the value stack (written to their slots only if they must
  // be); v128 ones are zeroed in their slots.
  void prologue() {
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
  void pin_hot_memory() {
    const int32_t hot = hottest_guarded_memory(inst_, calls_.guard_pages, fn_.body);
    if (hot >= 0) vs_.pin_base(uint32_t(hot), Reg::r15);
  }

  // The results, at slot `results`, go to the frame's base; the frame is left.
  void return_from(uint32_t results) {
    move_label_values(results, 0, walk_.result_slots());
    a_.alu_imm(Alu::add, W::W32, state_field(offsetof(ThreadState, depth_left)), 1);
    a_.alu_imm(Alu::add, W::W64, Reg::rsp, 8);
    a_.ret();
  }

  // A v128 from slots `from` to slots `to`, whole: one 16-byte load and store (the v128
  // instructions read it so; halves written apart could not be forwarded to that load).
  void move_v128(uint32_t from, uint32_t to) {
    a_.movdqu(Xmm::xmm0, slot(from));
    a_.movdqu(slot(to), Xmm::xmm0);
  }

  // A branch's values, at slots [from, from + count), into the slots [to, to + count) in memory,
  // where every merge point wants them. Ascending: `to` is at or below `from`, so a slot is read
  // before anything is written over it. The value stack is left as it was.
  void move_label_values(uint32_t from, uint32_t to, uint32_t count) {
    for (uint32_t k = 0; k < count; ++k) {
      const Loc& l = vs_.at(from + k);
      if (from + k == to + k && l.kind == Loc::Slot) continue;
      vs_.store(to + k, from + k);
    }
  }

  // --- traps ------------------------------------------------------------------------------------
  TrapSite& trap_here(TrapCode code) { return traps_.trap(code, instr_); }
  TrapSite& fault_here(MemoryAccess::Kind kind, uint32_t memory, uint32_t size) {
    return traps_.fault(kind, memory, size, instr_);
  }
  // After a call out that returned nonzero: the trap's code is recorded; add this place, leave.
  void propagate_if_trapped() {
    TrapSite& t = traps_.recorded(instr_);
    a_.test(W::W32, Reg::rax, Reg::rax);
    a_.jcc(Cond::ne, t.label);
  }

  void stubs() {
    for (TrapSite& t : traps_) {
      a_.bind(t.label);
      if (t.fault) {
        if (t.address_past_access) a_.alu_imm(Alu::sub, W::W64, Reg::rax, int32_t(t.size));
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

  // A call into compiled code takes one of the frames left (its callee's return gives it back);
  // none left: "call stack exhausted" at this call, where the interpreter reports it.
  void take_a_frame() {
    a_.alu_imm(Alu::sub, W::W32, state_field(offsetof(ThreadState, depth_left)), 1);
    a_.jcc(Cond::b, trap_here(TrapCode::CallStackExhausted).label);
  }

  // A call whose arguments start at slot `base` (everything already in its slot): compiled callees
  // are entered directly, with their own instance's context; anything else goes through the engine.
  void call(uint32_t func, uint32_t base) {
    if (func >= inst_.module->imported_count(ExternKind::Func)) {
      // Ours: the same context, the callee's code (or its thunk) linked by the engine.
      take_a_frame();
      a_.lea(W::W64, kFp, slot(base));
      direct_calls_.push_back({a_.call_rel32(), func});
      a_.lea(W::W64, kFp, Mem{kFp, -int32_t(8 * base)});
      vs_.reload_pinned_base();
      return;
    }
    load_pointer(Reg::rax, static_cast<FuncEntry*>(inst_.funcs[func]));
    call_entry_in_rax(base);
  }
  // The call of the FuncEntry in rax: on the same stacks when it has machine code, so that
  // recursion through any kind of call counts against the same depth and slot stack.
  void call_entry_in_rax(uint32_t base) {
    Label slow, done;
    a_.mov(W::W64, Reg::rcx, Mem{Reg::rax, int32_t(offsetof(FuncEntry, native))});
    a_.test(W::W64, Reg::rcx, Reg::rcx);
    a_.jcc(Cond::e, slow);
    take_a_frame();
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
    vs_.reload_pinned_base();
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
  // The operand of an access of `size` bytes at the WebAssembly address at slot `at` (in `addr`,
  // zero-extended), for the instruction emitted right after. On a Guarded memory: [base + addr + offset], the base
  // in a register, the bounds left to the guard pages (the access is recorded for the fault
  // handler). Explicitly checked: rax = the address plus the offset and the size, compared with
  // the memory's size (a fault leaves through a stub that takes the size off), then
  // [data + rax - size].
  // `addr` is rsp when the address is the constant at slot `at` (no register holds it).
  Mem address(const MemArg& m, uint32_t at, Reg addr, uint32_t size, MemoryAccess::Kind kind, Pins pins) {
    const uint64_t constant = addr == Reg::rsp ? uint32_t(vs_.at(at).bits) : 0;
    // rax = the address plus `extra` (64 bits: no wrap-around).
    auto address_plus_in_rax = [&](uint64_t extra) {
      if (addr == Reg::rsp) {
        a_.mov_imm(W::W64, Reg::rax, constant + extra);
        return;
      }
      if (addr != Reg::rax) a_.mov(W::W64, Reg::rax, addr);
      if (extra == 0) return;
      if (extra <= 0x7fffffff) {
        a_.alu_imm(Alu::add, W::W64, Reg::rax, int32_t(extra));
      } else {
        a_.mov_imm(W::W64, Reg::rcx, extra);
        a_.alu(Alu::add, W::W64, Reg::rax, Reg::rcx);
      }
    };
    if (bounds_by_guard_pages(inst_, calls_.guard_pages, m.memory)) {
      if (addr != Reg::rsp) pins.gprs |= 1u << uint8_t(addr);
      const Reg base = vs_.base_of(m.memory, pins);
      const uint64_t disp = (addr == Reg::rsp ? constant : 0) + m.offset;
      if (disp <= 0x7fffffff) {
        guarded_.push_back({a_.size(), int32_t(disp), uint8_t(addr), &fault_here(kind, m.memory, size)});
        return Mem{base, int32_t(disp), addr};
      }
      address_plus_in_rax(m.offset);
      guarded_.push_back({a_.size(), 0, uint8_t(Reg::rax), &fault_here(kind, m.memory, size)});
      return Mem{base, 0, Reg::rax};
    }
    // rax = address + offset + size, compared with the memory's size; the stub takes the size
    // back off, and the access reads below rax.
    address_plus_in_rax(uint64_t(m.offset) + size);
    a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(InstanceContext::memory_offset(m.memory))});
    a_.alu(Alu::cmp, W::W64, Reg::rax, Mem{Reg::rcx, int32_t(offsetof(MemoryView, size))});
    TrapSite& stub = fault_here(kind, m.memory, size);
    stub.address_past_access = true;
    a_.jcc(Cond::a, stub.label);
    a_.mov(W::W64, Reg::rcx, Mem{Reg::rcx, int32_t(offsetof(MemoryView, data))});
    return Mem{Reg::rcx, -int32_t(size), Reg::rax};
  }
  // The register holding the address at slot `at`, or rsp for a constant address (folded into
  // the access).
  Reg address_register(uint32_t at, const Pins& pins) {
    if (vs_.at(at).kind == Loc::Const) return Reg::rsp;
    return vs_.to_gpr(at, pins);
  }
  bool load(const Instr& in, uint32_t h0) {
    const uint32_t at = h0 - 1;
    uint32_t size = 0;
    ValType t = ValType::I32;
    switch (in.op) {
      case Opcode::I32Load: size = 4; break;
      case Opcode::F32Load: size = 4; t = ValType::F32; break;
      case Opcode::F64Load: size = 8; t = ValType::F64; break;
      case Opcode::I64Load: size = 8; t = ValType::I64; break;
      case Opcode::I32Load8S:
      case Opcode::I32Load8U: size = 1; break;
      case Opcode::I32Load16S:
      case Opcode::I32Load16U: size = 2; break;
      case Opcode::I64Load8S:
      case Opcode::I64Load8U: size = 1; t = ValType::I64; break;
      case Opcode::I64Load16S:
      case Opcode::I64Load16U: size = 2; t = ValType::I64; break;
      case Opcode::I64Load32S:
      case Opcode::I64Load32U: size = 4; t = ValType::I64; break;
      default: return false;
    }
    const Reg addr = address_register(at, {});
    Pins pins;
    pins.pin(vs_.at(at));
    if (floating(t)) {
      const Xmm d = vs_.take_fpr(pins);
      const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Read, pins);
      a_.movs(fp_of(t), d, host);
      vs_.set_fpr(at, d, t);
      return true;
    }
    // The loaded value may replace the address in its register (a faulting access leaves it).
    const Reg d = addr != Reg::rsp && vs_.sole_owner(at) ? addr : vs_.take_gpr(pins);
    pins.gprs |= 1u << uint8_t(d);
    const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Read, pins);
    switch (in.op) {
      case Opcode::I32Load:
      case Opcode::I64Load32U: a_.mov(W::W32, d, host); break;
      case Opcode::I64Load: a_.mov(W::W64, d, host); break;
      case Opcode::I32Load8S: a_.load_sx8(W::W32, d, host); break;
      case Opcode::I32Load8U:
      case Opcode::I64Load8U: a_.load_zx8(d, host); break;
      case Opcode::I32Load16S: a_.load_sx16(W::W32, d, host); break;
      case Opcode::I32Load16U:
      case Opcode::I64Load16U: a_.load_zx16(d, host); break;
      case Opcode::I64Load8S: a_.load_sx8(W::W64, d, host); break;
      case Opcode::I64Load16S: a_.load_sx16(W::W64, d, host); break;
      case Opcode::I64Load32S: a_.load_sx32(d, host); break;
      default: break;
    }
    vs_.set_gpr(at, d, t);
    return true;
  }

  bool store(const Instr& in, uint32_t h0) {
    const uint32_t at = h0 - 2, value = h0 - 1;
    uint32_t size = 0;
    switch (in.op) {
      case Opcode::I32Store:
      case Opcode::F32Store:
      case Opcode::I64Store32: size = 4; break;
      case Opcode::I64Store:
      case Opcode::F64Store: size = 8; break;
      case Opcode::I32Store8:
      case Opcode::I64Store8: size = 1; break;
      case Opcode::I32Store16:
      case Opcode::I64Store16: size = 2; break;
      default: return false;
    }
    const bool float_store = in.op == Opcode::F32Store || in.op == Opcode::F64Store;
    const Loc v = vs_.at(value);
    Pins pins;
    pins.pin(v);
    const Reg addr = address_register(at, pins);
    pins.pin(vs_.at(at));
    if (float_store && v.kind != Loc::Gpr && v.kind != Loc::Const) {
      const Xmm x = vs_.to_fpr(value, pins);
      pins.pin(vs_.at(value));
      const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Write, pins);
      a_.movs(size == 4 ? Fp::F32 : Fp::F64, host, x);
    } else if (v.kind == Loc::Const && (size != 8 || fits_imm32(W::W64, v.bits))) {
      const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Write, pins);
      if (size == 1) a_.store8_imm(host, uint8_t(v.bits));
      else if (size == 2) a_.store16_imm(host, uint16_t(v.bits));
      else a_.mov_imm(size == 4 ? W::W32 : W::W64, host, int32_t(uint32_t(v.bits)));
    } else {
      const Reg r = vs_.to_gpr(value, pins);
      pins.pin(vs_.at(value));
      const Mem host = address(in.mem, at, addr, size, MemoryAccess::Kind::Write, pins);
      switch (size) {
        case 1: a_.store8(host, r); break;
        case 2: a_.store16(host, r); break;
        case 4: a_.mov(W::W32, host, r); break;
        default: a_.mov(W::W64, host, r); break;
      }
    }
    vs_.set_slot(value, ValType::I32);
    vs_.set_slot(at, ValType::I32);
    return true;
  }

  // --- operands ---------------------------------------------------------------------------------
  // A register holding slot `s`'s value that the instruction may overwrite: its own when nothing
  // else names it, else a copy.
  Reg writable_gpr(uint32_t s, const Pins& pins) { return writable<Reg>(s, pins); }
  Xmm writable_fpr(uint32_t s, const Pins& pins) { return writable<Xmm>(s, pins); }
  template <typename R>
  R writable(uint32_t s, const Pins& pins) {
    constexpr Loc::Kind kKind = std::is_same_v<R, Reg> ? Loc::Gpr : Loc::Fpr;
    if (vs_.at(s).kind == kKind && vs_.sole_owner(s)) return R(vs_.at(s).reg);
    Pins keep = pins;
    keep.pin(vs_.at(s));
    R r;
    if constexpr (kKind == Loc::Gpr) r = vs_.take_gpr(keep);
    else r = vs_.take_fpr(keep);
    vs_.copy_to(r, s);
    return r;
  }
  // When the next instruction sets a local that is in a register, a binary operation on slots a
  // and b can compute straight into that register (the local's old value dies there): in place
  // when a is that register and the local is its only other name (or b is, for a commutative
  // operation: *swapped, the operation then reads a), or after copying a into it when nothing else
  // names it. The local then takes the result without a move (set_local).
  bool into_next_local(uint32_t a, uint32_t b, bool commutative, Reg* d, bool* swapped) {
    if (instr_ + 1 >= fn_.body.size()) return false;
    const Instr& next = fn_.body[instr_ + 1];
    if (next.op != Opcode::LocalSet && next.op != Opcode::LocalTee) return false;
    const uint32_t s = walk_.local_slots()[next.index];
    const Loc local = vs_.at(s);
    if (local.kind != Loc::Gpr) return false;
    const Loc la = vs_.at(a), lb = vs_.at(b);
    auto is_local_reg = [&](const Loc& l) { return l.kind == Loc::Gpr && l.reg == local.reg; };
    const uint32_t n = vs_.uses(local);
    if (is_local_reg(la) && !is_local_reg(lb) && n == 2) {
      *d = Reg(local.reg);
      return true;
    }
    if (commutative && is_local_reg(lb) && !is_local_reg(la) && n == 2) {
      *d = Reg(local.reg);
      *swapped = true;
      return true;
    }
    if (n == 1 && !is_local_reg(la) && !is_local_reg(lb)) {
      vs_.copy_to(Reg(local.reg), a);
      *d = Reg(local.reg);
      return true;
    }
    return false;
  }
  // `dst op= slot b` for the integer ALU: b as an immediate, its register, or its slot in memory.
  // `pins` hold the registers the instruction holds already.
  void alu_with(Alu op, W w, Reg dst, uint32_t b, Pins pins) {
    const Loc l = vs_.at(b);
    pins.gprs |= 1u << uint8_t(dst);
    if (l.kind == Loc::Const && fits_imm32(w, l.bits)) a_.alu_imm(op, w, dst, int32_t(uint32_t(l.bits)));
    else if (l.kind == Loc::Slot) a_.alu(op, w, dst, slot(b));
    else a_.alu(op, w, dst, vs_.to_gpr(b, pins));
  }
  ValType int_type(W w) const { return w == W::W32 ? ValType::I32 : ValType::I64; }
  // The next instruction reads the i32 this one leaves as a condition (br_if, if): leave it in
  // the flags instead.
  bool condition_follows() const {
    if (instr_ + 1 >= fn_.body.size()) return false;
    const Opcode next = fn_.body[instr_ + 1].op;
    return next == Opcode::BrIf || next == Opcode::If;
  }
  // A 0/1 result of condition `c` (in the flags now) at slot `s`, or left in the flags for the
  // br_if / if that follows.
  void condition_result(Cond c, uint32_t s, const Pins& pins) {
    if (condition_follows()) {
      flags_ = c;
      vs_.set_slot(s, ValType::I32);
      return;
    }
    const Reg d = vs_.take_gpr(pins);
    a_.setcc(c, d);
    a_.movzx8(d, d);
    vs_.set_gpr(s, d, ValType::I32);
  }

  // --- integer arithmetic -----------------------------------------------------------------------
  bool numeric(const Instr& in, uint32_t h0) {
    const uint32_t a = h0 - 2, b = h0 - 1;  // binary operands; the result goes to a
    if (const AluRow* row = kAluIndex.find(in.op)) {
      const AluRow& r = *row;
      Pins pins;
      pins.pin(vs_.at(b));
      pins.pin(vs_.at(a));
      const bool commutative = r.alu != Alu::sub;
      bool swapped = false;
      Reg d;
      if (!into_next_local(a, b, commutative, &d, &swapped)) {
        const Loc la = vs_.at(a), lb = vs_.at(b);
        if (r.alu == Alu::add && !(la.kind == Loc::Gpr && vs_.sole_owner(a)) && la.kind == Loc::Gpr &&
            (lb.kind == Loc::Gpr || (lb.kind == Loc::Const && fits_imm32(r.w, lb.bits)))) {
          // a + b into a fresh register in one instruction, a left as it is
          d = vs_.take_gpr(pins);
          if (lb.kind == Loc::Gpr) a_.lea(r.w, d, Mem{Reg(la.reg), 0, Reg(lb.reg)});
          else a_.lea(r.w, d, Mem{Reg(la.reg), int32_t(uint32_t(lb.bits))});
          vs_.set_slot(b, int_type(r.w));
          vs_.set_gpr(a, d, int_type(r.w));
          return true;
        }
        d = writable_gpr(a, pins);
      }
      alu_with(r.alu, r.w, d, swapped ? a : b, pins);
      vs_.set_slot(b, int_type(r.w));
      vs_.set_gpr(a, d, int_type(r.w));
      return true;
    }
    if (const CompareRow* row = kCompareIndex.find(in.op)) {
      const CompareRow& r = *row;
      Pins pins;
      pins.pin(vs_.at(b));
      const Reg x = vs_.to_gpr(a, pins);
      pins.pin(vs_.at(a));
      alu_with(Alu::cmp, r.w, x, b, pins);
      pins.pin(vs_.at(b));
      condition_result(r.cond, a, pins);
      vs_.set_slot(b, ValType::I32);
      return true;
    }
    if (const ShiftRow* row = kShiftIndex.find(in.op)) {  // x86 masks the count to the width, as WebAssembly does
      const ShiftRow& r = *row;
      const Loc count = vs_.at(b);
      Pins pins;
      pins.pin(count);
      pins.pin(vs_.at(a));
      Reg d;
      bool swapped = false;
      if (!into_next_local(a, b, false, &d, &swapped)) d = writable_gpr(a, pins);
      if (count.kind == Loc::Const) {
        a_.shift_imm(r.shift, r.w, d, uint8_t(count.bits & (r.w == W::W32 ? 31 : 63)));
      } else {
        vs_.copy_to(Reg::rcx, b);
        a_.shift_cl(r.shift, r.w, d);
      }
      vs_.set_slot(b, int_type(r.w));
      vs_.set_gpr(a, d, int_type(r.w));
      return true;
    }
    const uint32_t top = h0 - 1;
    switch (in.op) {
      case Opcode::I32Mul:
      case Opcode::I64Mul: {
        const W w = in.op == Opcode::I32Mul ? W::W32 : W::W64;
        Pins pins;
        pins.pin(vs_.at(b));
        pins.pin(vs_.at(a));
        Reg d;
        bool swapped = false;
        if (!into_next_local(a, b, true, &d, &swapped)) d = writable_gpr(a, pins);
        pins.gprs |= 1u << uint8_t(d);
        a_.imul(w, d, vs_.to_gpr(swapped ? a : b, pins));
        vs_.set_slot(b, int_type(w));
        vs_.set_gpr(a, d, int_type(w));
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
        const Reg x = vs_.to_gpr(top);
        a_.test(w, x, x);
        Pins pins;
        pins.pin(vs_.at(top));
        condition_result(Cond::e, top, pins);
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
        const Reg x = vs_.to_gpr(top);
        Pins pins;
        pins.pin(vs_.at(top));
        const Reg d = vs_.take_gpr(pins);
        a_.bit_count(op, w, d, x);
        vs_.set_gpr(top, d, int_type(w));
        return true;
      }
      case Opcode::I64ExtendI32U: {  // an i32 in a general register is zero-extended already
        if (vs_.at(top).kind != Loc::Gpr && vs_.at(top).kind != Loc::Const) vs_.to_gpr(top);
        Loc l = vs_.at(top);
        if (l.kind == Loc::Const) l.bits = uint32_t(l.bits);
        l.type = ValType::I64;
        vs_.set(top, l);
        return true;
      }
      case Opcode::I32WrapI64: {
        const Loc l = vs_.at(top);
        if (l.kind == Loc::Const) {
          vs_.set_const(top, uint32_t(l.bits), ValType::I32);
        } else if (l.kind == Loc::Slot) {  // the slot's low half, zero-extended by the load
          vs_.set_slot(top, ValType::I32);
          vs_.to_gpr(top);
        } else {
          const Reg d = writable_gpr(top, {});
          a_.mov(W::W32, d, d);
          vs_.set_gpr(top, d, ValType::I32);
        }
        return true;
      }
      case Opcode::I32Extend8S:
      case Opcode::I32Extend16S:
      case Opcode::I64Extend8S:
      case Opcode::I64Extend16S:
      case Opcode::I64Extend32S: {
        const bool wide = in.op == Opcode::I64Extend8S || in.op == Opcode::I64Extend16S || in.op == Opcode::I64Extend32S;
        const Reg x = vs_.to_gpr(top);
        Pins pins;
        pins.pin(vs_.at(top));
        const Reg d = vs_.sole_owner(top) ? x : vs_.take_gpr(pins);
        const W w = wide ? W::W64 : W::W32;
        if (in.op == Opcode::I32Extend8S || in.op == Opcode::I64Extend8S) a_.movsx8(w, d, x);
        else if (in.op == Opcode::I32Extend16S || in.op == Opcode::I64Extend16S) a_.movsx16(w, d, x);
        else a_.movsxd(d, x);
        vs_.set_gpr(top, d, int_type(w));
        return true;
      }
      case Opcode::I64ExtendI32S: {
        const Reg x = vs_.to_gpr(top);
        Pins pins;
        pins.pin(vs_.at(top));
        const Reg d = vs_.sole_owner(top) ? x : vs_.take_gpr(pins);
        a_.movsxd(d, x);
        vs_.set_gpr(top, d, ValType::I64);
        return true;
      }
      // The same bits under another type: the location stays.
      case Opcode::I32ReinterpretF32:
      case Opcode::F32ReinterpretI32:
      case Opcode::I64ReinterpretF64:
      case Opcode::F64ReinterpretI64: {
        Loc l = vs_.at(top);
        l.type = in.op == Opcode::I32ReinterpretF32   ? ValType::I32
                 : in.op == Opcode::F32ReinterpretI32 ? ValType::F32
                 : in.op == Opcode::I64ReinterpretF64 ? ValType::I64
                                                      : ValType::F64;
        vs_.set(top, l);
        return true;
      }
      default: return false;
    }
  }

  // div / rem in rax / rdx: division by zero and INT_MIN / -1 trap; INT_MIN rem -1 is 0 (x86 would
  // fault).
  void divide(W w, bool is_signed, bool rem, uint32_t a, uint32_t b) {
    Label compute, done;
    vs_.claim(Reg::rdx);
    vs_.copy_to(Reg::rax, a);
    vs_.copy_to(Reg::rcx, b);
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
    vs_.set_slot(b, int_type(w));
    vs_.set_slot(a, int_type(w));
    const Reg d = vs_.take_gpr();
    a_.mov(W::W64, d, Reg::rdx);
    vs_.set_gpr(a, d, int_type(w));
  }

  // --- floats in registers ------------------------------------------------------------------------
  bool float_in_registers(const Instr& in, uint32_t h0) {
    const uint32_t a = h0 - 2, b = h0 - 1;
    if (const SseRow* row = kSseIndex.find(in.op)) {
      const SseRow& r = *row;
      Pins pins;
      pins.pin(vs_.at(b));
      const Xmm d = writable_fpr(a, pins);
      pins.fprs |= 1u << uint8_t(d);
      if (vs_.at(b).kind == Loc::Slot) a_.sse(r.sse, fp_of(r.t), d, slot(b));
      else a_.sse(r.sse, fp_of(r.t), d, vs_.to_fpr(b, pins));
      vs_.set_slot(b, r.t);
      vs_.set_fpr(a, d, r.t);
      return true;
    }
    if (const FloatCompareRow* row = kFloatCompareIndex.find(in.op)) {
      const FloatCompareRow& r = *row;
      Pins pins;
      const Xmm x = vs_.to_fpr(a, pins);
      pins.pin(vs_.at(a));
      const Xmm y = vs_.to_fpr(b, pins);
      pins.pin(vs_.at(b));
      if (r.swap) a_.ucomis(fp_of(r.t), y, x);
      else a_.ucomis(fp_of(r.t), x, y);
      condition_result(r.cond, a, pins);
      vs_.set_slot(b, ValType::I32);
      return true;
    }
    const uint32_t top = h0 - 1;
    switch (in.op) {
      case Opcode::F32Eq:
      case Opcode::F64Eq:
      case Opcode::F32Ne:
      case Opcode::F64Ne: {  // equal: ZF and not PF (unordered sets both)
        const ValType t = in.op == Opcode::F32Eq || in.op == Opcode::F32Ne ? ValType::F32 : ValType::F64;
        const bool eq = in.op == Opcode::F32Eq || in.op == Opcode::F64Eq;
        Pins pins;
        const Xmm x = vs_.to_fpr(a, pins);
        pins.pin(vs_.at(a));
        const Xmm y = vs_.to_fpr(b, pins);
        pins.pin(vs_.at(b));
        const Reg d = vs_.take_gpr(pins);
        a_.mov_imm(W::W32, d, 0);
        a_.mov_imm(W::W32, Reg::rcx, 0);
        a_.ucomis(fp_of(t), x, y);
        a_.setcc(eq ? Cond::e : Cond::ne, d);
        a_.setcc(eq ? Cond::np : Cond::p, Reg::rcx);
        a_.alu(eq ? Alu::and_ : Alu::or_, W::W32, d, Reg::rcx);
        vs_.set_slot(b, ValType::I32);
        vs_.set_gpr(a, d, ValType::I32);
        return true;
      }
      case Opcode::F32Sqrt:
      case Opcode::F64Sqrt: {
        const ValType t = in.op == Opcode::F32Sqrt ? ValType::F32 : ValType::F64;
        const Xmm d = writable_fpr(top, {});
        a_.sse(Sse::sqrt, fp_of(t), d, d);
        vs_.set_fpr(top, d, t);
        return true;
      }
      case Opcode::F32ConvertI32S:
      case Opcode::F32ConvertI64S:
      case Opcode::F64ConvertI32S:
      case Opcode::F64ConvertI64S: {
        const ValType t = in.op == Opcode::F32ConvertI32S || in.op == Opcode::F32ConvertI64S ? ValType::F32 : ValType::F64;
        const W w = in.op == Opcode::F32ConvertI32S || in.op == Opcode::F64ConvertI32S ? W::W32 : W::W64;
        const Reg x = vs_.to_gpr(top);
        Pins pins;
        pins.pin(vs_.at(top));
        const Xmm d = vs_.take_fpr(pins);
        a_.bitwise(Bitwise::xor_, d, d);  // cvtsi2s writes the low lanes only: no wait for the old ones
        a_.cvt_from_int(fp_of(t), w, d, x);
        vs_.set_fpr(top, d, t);
        return true;
      }
      case Opcode::F64PromoteF32:
      case Opcode::F32DemoteF64: {
        const bool promote = in.op == Opcode::F64PromoteF32;
        const Xmm x = vs_.to_fpr(top);
        Pins pins;
        pins.pin(vs_.at(top));
        const Xmm d = vs_.take_fpr(pins);
        a_.bitwise(Bitwise::xor_, d, d);
        a_.cvt_fp(promote ? Fp::F32 : Fp::F64, d, x);
        vs_.set_fpr(top, d, promote ? ValType::F64 : ValType::F32);
        return true;
      }
      default: return false;
    }
  }

  // --- control ----------------------------------------------------------------------------------
  // The state a branch to frame `l` leaves: taken from this arrival when it is the first.
  const MergeState& target_of(FrameLabels& l) {
    return l.arrival([this] { return vs_.merge_target(); });
  }
  // Whether a branch to label `depth` from height `h` needs no code but the jump.
  bool branch_is_bare(uint32_t depth, uint32_t h) {
    const WalkFrame& f = walk_.label(depth);
    if (depth == walk_.depth() - 1) return false;  // a return
    const uint32_t keep = f.label_slots();
    for (uint32_t k = 0; k < keep; ++k)
      if (h - keep != f.base || vs_.at(f.base + k).kind != Loc::Slot) return false;
    return vs_.already_in(target_of(labels_.at_depth(depth)));
  }
  // A branch to label `depth` from stack height `h`: the label's values into their slots, the
  // locals and memory bases where the label's merge state has them, then the jump. The value
  // stack here is unchanged (a conditional branch falls through with it).
  void branch(uint32_t depth, uint32_t h) {
    const WalkFrame& f = walk_.label(depth);
    const uint32_t keep = f.label_slots();
    if (depth == walk_.depth() - 1) {  // the function's own label: a return
      return_from(h - keep);
      return;
    }
    move_label_values(h - keep, f.base, keep);
    FrameLabels& l = labels_.at_depth(depth);
    vs_.conform(target_of(l));
    a_.jmp(l.target);
  }
  // Jumps to label `depth` when `c` holds (falls through with the value stack as it is).
  void branch_if(Cond c, uint32_t depth, uint32_t h) {
    if (branch_is_bare(depth, h)) {
      a_.jcc(c, labels_.at_depth(depth).target);
      return;
    }
    Label skip;
    a_.jcc(negate(c), skip);
    branch(depth, h);
    a_.bind(skip);
  }
  // Loop headers: the locals a loop uses most, and the memories it reaches, go into registers
  // before it starts; the others leave them.
  void preload_for_loop(uint32_t loop_at, const std::vector<uint32_t>& dead) {
    loop_uses_.count(fn_.body, loop_at, walk_.local_slots(), inst_, calls_.guard_pages, dead);
    // What the loop does not touch goes out of the registers before it starts, so that its body
    // has them, and its back edge does not bring back what the body had to evict.
    const std::vector<uint32_t>& uses = loop_uses_.uses;
    for (uint32_t i = 0; i < uses.size(); ++i)
      if (uses[i] == 0 && walk_.local_types()[i] != ValType::V128) vs_.flush(walk_.local_slots()[i]);
    vs_.keep_only_bases(loop_uses_.memories);
    vs_.preload(loop_uses_.by_use, loop_uses_.memories, 3, 3);
  }

  // --- fuel -------------------------------------------------------------------------------------
  // In a metered store, every straight-line run starts by taking its instruction count from the
  // store's fuel (core/jit/fuel_runs.h): a sub with a 32-bit immediate patched when the run ends.
  void meter() {
    if (!calls_.metered) return;
    close_segment();
    a_.mov(W::W64, Reg::rcx, Mem{kCtx, int32_t(offsetof(InstanceContext, fuel))});
    a_.mov(W::W64, Reg::rax, Mem{Reg::rcx, 0});
    a_.alu_imm32(Alu::sub, W::W64, Reg::rax, 0);
    fuel_.open(a_.size() - 4);
    a_.jcc(Cond::b, trap_here(TrapCode::OutOfFuel).label);  // the fuel left stays as it was
    a_.mov(W::W64, Mem{Reg::rcx, 0}, Reg::rax);
  }
  void close_segment() {
    FuelRuns::Charge charge;
    if (fuel_.close(&charge)) a_.patch32(charge.at, charge.instrs);
  }

  // The results an instruction left from slot `from` up, in their slots, typed from the walk.
  void results_in_slots(uint32_t from) {
    uint32_t s = walk_.height();
    for (size_t k = 0; s > from; ++k) {
      const ValType t = walk_.operand(k);
      s -= walk_slots(t);
      vs_.set_slot(s, t);
      if (t == ValType::V128) vs_.set_slot(s + 1, t);
    }
  }

  // The condition (an i32 at slot s) as flags; `c` holds when it is nonzero. A value in a
  // register goes through rcx, so that what runs before the test may reuse its register.
  Cond condition_in_rcx(uint32_t s, bool* in_flags) {
    if (flags_) {
      *in_flags = true;
      const Cond c = *flags_;
      flags_.reset();
      vs_.set_slot(s, ValType::I32);
      return c;
    }
    *in_flags = false;
    vs_.copy_to(Reg::rcx, s);
    vs_.set_slot(s, ValType::I32);
    return Cond::ne;
  }

  void step(const Instr& in) {
    if (!walk_.dead()) fuel_.count();
    if (!walk_.reached(in)) return;
    const uint32_t h0 = walk_.height();
    switch (in.op) {
      case Opcode::Block: {  // operands below a frame stay in their slots while it runs
        walk_.enter(in);
        labels_.push();
        vs_.flush_operands(h0);
        return;
      }
      case Opcode::Loop: {
        walk_.enter(in);
        vs_.settle_for_loop(h0);
        const std::vector<uint32_t> dead = written_before_read(fn_.body, instr_, walk_.local_types(), walk_.local_slots());
        for (uint32_t s : dead) vs_.set_slot(s, vs_.at(s).type);  // dropped: never read again
        preload_for_loop(instr_, dead);
        FrameLabels& l = labels_.push();
        l.state = vs_.snapshot();
        for (uint32_t s : dead) l.state.locals[s].dead = true;
        l.has_state = true;
        vs_.adopt(l.state);
        a_.bind(l.target);
        meter();
        return;
      }
      case Opcode::If: {
        bool in_flags = false;
        const Cond c = condition_in_rcx(h0 - 1, &in_flags);
        walk_.enter(in);
        FrameLabels& l = labels_.push();
        vs_.flush_operands(h0 - 1);  // stores only: the flags survive
        l.entry = vs_.exact();
        l.has_else = true;
        if (!in_flags) a_.test(W::W32, Reg::rcx, Reg::rcx);
        a_.jcc(negate(c), l.else_);
        return;
      }
      case Opcode::Else: {
        FrameLabels& l = labels_.innermost();
        if (!walk_.dead()) {
          vs_.flush_operands(h0);  // the results, in their slots
          vs_.conform(target_of(l));
          a_.jmp(l.target);
        }
        a_.bind(l.else_);
        l.has_else = false;
        walk_.enter_else();
        vs_.adopt(l.entry);
        results_in_slots(walk_.innermost().base);
        meter();
        return;
      }
      case Opcode::End: {
        const bool fell_through = !walk_.dead();
        if (walk_.depth() == 1) {  // the function's end: its results go to the frame's base
          const uint32_t results = walk_.result_slots();
          walk_.leave();
          labels_.pop();
          meter();
          if (fell_through) return_from(h0 - results);
          return;
        }
        const bool loop = walk_.innermost().kind == Opcode::Loop;
        if (fell_through && !loop) {
          vs_.flush_operands(h0);  // the results, in their slots
          vs_.conform(target_of(labels_.innermost()));
        }
        const WalkFrame f = walk_.leave();
        FrameLabels l = labels_.take_innermost();
        if (l.has_else) {  // an if without else: its false path arrives here in the if's state
          vs_.adopt(l.entry);
          if (vs_.already_in(target_of(l))) {
            a_.bind(l.else_);
          } else {
            if (fell_through) a_.jmp(l.target);
            a_.bind(l.else_);
            vs_.conform(l.state);
          }
        }
        if (l.target.at < 0) a_.bind(l.target);  // a loop's was bound at its start
        // A loop's end is no merge point (its label is its start): what fell through goes on as
        // it is. Anything else starts from the merge state.
        if (!(loop && fell_through)) {
          vs_.adopt(target_of(l));
          results_in_slots(f.base);
        }
        meter();
        return;
      }
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
      case Opcode::BrIf: {
        bool in_flags = false;
        const Cond c = condition_in_rcx(h0 - 1, &in_flags);
        if (!in_flags) a_.test(W::W32, Reg::rcx, Reg::rcx);
        branch_if(c, in.index, h0 - 1);
        return;
      }
      case Opcode::BrTable: {
        const uint32_t h = h0 - 1;
        vs_.copy_to(Reg::rcx, h);
        vs_.set_slot(h, ValType::I32);
        std::deque<Label> cases(in.labels.size());
        for (uint32_t i = 0; i + 1 < in.labels.size(); ++i) {
          a_.alu_imm(Alu::cmp, W::W32, Reg::rcx, int32_t(i));
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
        set_local(s, t, v);
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
      case Opcode::Call: {
        FuncInstance* f = inst_.funcs[in.index];
        vs_.flush_all(h0);
        call(in.index, h0 - f->param_slots);
        results_in_slots(h0 - f->param_slots);
        return;
      }
      case Opcode::CallIndirect: {
        const FuncType& ft = inst_.module->types[in.index];
        uint32_t params = 0;
        for (ValType t : ft.params) params += walk_slots(t);
        const uint32_t base = h0 - 1 - params;
        vs_.flush_all(h0);
        a_.mov(W::W64, Reg::rdi, kState);
        load_pointer(Reg::rsi, inst_.tables[in.index2]);
        a_.mov_imm(W::W64, Reg::rdx, inst_.type_ids[in.index]);
        a_.mov(W::W32, Reg::rcx, slot(h0 - 1));
        call_out(reinterpret_cast<const void*>(calls_.call_indirect));  // rax: the callee's entry, or null
        TrapSite& t = traps_.recorded(instr_);
        a_.test(W::W64, Reg::rax, Reg::rax);
        a_.jcc(Cond::e, t.label);
        call_entry_in_rax(base);
        results_in_slots(base);
        return;
      }
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

  // local.set / tee: the value at slot v becomes local s's. A local already alone in a register
  // keeps it (the value moves in), so that a loop's locals stay where its header put them.
  void set_local(uint32_t s, ValType t, uint32_t v) {
    const Loc now = vs_.at(s);
    const Loc val = vs_.at(v);
    const bool keep_register = now.in_register() && vs_.sole_owner(s) && (now.kind == Loc::Fpr) == floating(t);
    if (keep_register && !(val.in_register() && val.kind == now.kind && val.reg == now.reg)) {
      if (now.kind == Loc::Gpr) vs_.copy_to(Reg(now.reg), v);
      else vs_.copy_to(Xmm(now.reg), v);
      Loc l = now;
      l.synced = false;
      l.type = t;
      vs_.set(s, l);
      return;
    }
    if (val.kind == Loc::Slot) {  // in the operand's slot, not the local's: into a register
      if (floating(t)) vs_.to_fpr(v);
      else vs_.to_gpr(v);
    }
    Loc l = vs_.at(v);
    l.synced = false;
    l.type = t;
    vs_.set(s, l);
  }

  // Everything else, in the slot forms (float_ops, memory.size / grow / fill / copy, tables and
  // segments): the operands go to their slots first; these use scratch registers only, or call
  // out with every value in its slot.
  void in_slots(const Instr& in, uint32_t h0) {
    switch (in.op) {
      case Opcode::MemorySize:
        vs_.flush_operands(h0);
        a_.mov(W::W64, Reg::rax, Mem{kCtx, int32_t(InstanceContext::memory_offset(in.mem.memory))});
        a_.mov(W::W64, Reg::rax, Mem{Reg::rax, int32_t(offsetof(MemoryView, size))});
        a_.shift_imm(Shift::shr, W::W64, Reg::rax, 16);
        a_.mov(W::W64, slot(h0), Reg::rax);
        results_in_slots(vs_.locals_end());
        return;
      case Opcode::Select:
      case Opcode::SelectT: {
        vs_.flush_operands(h0);
        vs_.claim(Reg::rdx);
        if (walk_.operand(0) == ValType::V128) {  // b (at h0 - 3) moves over a (h0 - 5) when the condition is 0
          Label keep;
          a_.mov(W::W32, Reg::rax, slot(h0 - 1));
          a_.test(W::W32, Reg::rax, Reg::rax);
          a_.jcc(Cond::ne, keep);
          move_v128(h0 - 3, h0 - 5);
          a_.bind(keep);
          results_in_slots(vs_.locals_end());
          return;
        }
        const uint32_t cond = h0 - 1, b = h0 - 2, a = h0 - 3;
        a_.mov(W::W32, Reg::rax, slot(cond));
        a_.mov(W::W64, Reg::rcx, slot(a));
        a_.mov(W::W64, Reg::rdx, slot(b));
        a_.test(W::W32, Reg::rax, Reg::rax);
        a_.cmov(Cond::e, W::W64, Reg::rcx, Reg::rdx);
        a_.mov(W::W64, slot(a), Reg::rcx);
        results_in_slots(vs_.locals_end());
        return;
      }
      default: break;
    }
    // The float instructions use scratch registers only; everything else calls out: every value
    // to its slot, memory bases dropped (a grow may move them).
    FloatContext floats{a_, kFp, [this](TrapCode code) -> Label& { return trap_here(code).label; }, calls_.has_sse41};
    switch (in.op) {
      case Opcode::TableGet:
      case Opcode::TableSet:
      case Opcode::TableSize:
      case Opcode::TableGrow:
      case Opcode::TableFill:
      case Opcode::TableCopy:
      case Opcode::TableInit:
      case Opcode::ElemDrop:
      case Opcode::MemoryInit:
      case Opcode::DataDrop:
      case Opcode::MemoryGrow:
      case Opcode::MemoryFill:
      case Opcode::MemoryCopy: vs_.flush_all(h0); break;
      default:
        vs_.flush_operands(h0);
        vs_.claim(Reg::rdx);
        break;
    }
    switch (in.op) {
      case Opcode::TableGet: bulk(in, h0 - 1, inst_.tables[in.index], nullptr); break;
      case Opcode::TableSet: bulk(in, h0 - 2, inst_.tables[in.index], nullptr); break;
      case Opcode::TableSize: bulk(in, h0, inst_.tables[in.index], nullptr); break;
      case Opcode::TableGrow: bulk(in, h0 - 2, inst_.tables[in.index], nullptr); break;
      case Opcode::TableFill: bulk(in, h0 - 3, inst_.tables[in.index], nullptr); break;
      case Opcode::TableCopy: bulk(in, h0 - 3, inst_.tables[in.index], inst_.tables[in.index2]); break;
      case Opcode::TableInit: bulk(in, h0 - 3, inst_.tables[in.index2], const_cast<ElemInstance*>(&inst_.elems[in.index])); break;
      case Opcode::ElemDrop: bulk(in, h0, const_cast<ElemInstance*>(&inst_.elems[in.index]), nullptr); break;
      case Opcode::MemoryInit:
        bulk(in, h0 - 3, inst_.memories[in.mem.memory], const_cast<DataInstance*>(&inst_.datas[in.index]));
        break;
      case Opcode::DataDrop: bulk(in, h0, const_cast<DataInstance*>(&inst_.datas[in.index]), nullptr); break;
      case Opcode::MemoryGrow:
        load_pointer(Reg::rdi, inst_.memories[in.mem.memory]);
        a_.lea(W::W64, Reg::rsi, slot(h0 - 1));
        call_out(reinterpret_cast<const void*>(calls_.memory_grow));
        break;
      case Opcode::MemoryFill:
        a_.mov(W::W64, Reg::rdi, kState);
        load_pointer(Reg::rsi, inst_.memories[in.mem.memory]);
        a_.mov_imm(W::W64, Reg::rdx, in.mem.memory);
        a_.lea(W::W64, Reg::rcx, slot(h0 - 3));
        call_out(reinterpret_cast<const void*>(calls_.memory_fill));
        propagate_if_trapped();
        break;
      case Opcode::MemoryCopy:
        a_.mov(W::W64, Reg::rdi, kState);
        load_pointer(Reg::rsi, inst_.memories[in.mem.memory]);
        load_pointer(Reg::rdx, inst_.memories[in.mem_src]);
        a_.lea(W::W64, Reg::rcx, slot(h0 - 3));
        a_.mov_imm(W::W64, Reg::r8, uint64_t(in.mem_src) << 32 | in.mem.memory);
        call_out(reinterpret_cast<const void*>(calls_.memory_copy));
        propagate_if_trapped();
        break;
      default:
        if (info(in.op).prefix == 0xFD) {  // v128 on SSE4.1; its memory forms through address()
          if (!calls_.has_sse41) return unsupported(in);
          SimdContext simd{a_, kFp, [this](const MemArg& m, uint32_t at, uint32_t size, MemoryAccess::Kind kind) {
                             Pins pins;  // rdx carries a store's value across the address
                             pins.gprs |= 1u << uint8_t(Reg::rdx);
                             const Reg addr = address_register(at, pins);
                             pins.pin(vs_.at(at));
                             return address(m, at, addr, size, kind, pins);
                           }};
          if (!emit_simd(simd, in, h0)) return unsupported(in);
        } else if (!emit_float(floats, in.op, h0)) {
          return unsupported(in);
        }
        break;
    }
    results_in_slots(vs_.locals_end());
  }

  const Instance& inst_;
  const Function& fn_;
  BodyWalk walk_;
  const RuntimeCalls& calls_;
  const uint32_t func_index_;
  const InstrOffsets offsets_;
  std::vector<uint8_t>* const scratch_;  // compile_function's, or null
  Assembler a_;
  ValueStack vs_;
  LabelStack<Label> labels_;
  TrapSites<Label> traps_;
  struct Guarded {
    uint32_t pc;
    int32_t disp;
    uint8_t index;
    TrapSite* stub;
  };
  std::vector<Guarded> guarded_;  // accesses whose bounds the guard pages check
  std::vector<DirectCall> direct_calls_;
  std::optional<Cond> flags_;     // the i32 condition on top is in the flags (a fused comparison)
  uint32_t frame_size_at_ = 0;
  FuelRuns fuel_;
  uint32_t instr_ = 0;
  std::string why_not_;
  std::string stopped_at_;
  LoopUses loop_uses_;  // preload_for_loop's, kept for the next loop
  BodyLookAhead next_use_{fn_.body, walk_.local_slots(), walk_.param_slots() + walk_.declared_local_slots()};  // last: it reads walk_ when made
};

}  // namespace

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
