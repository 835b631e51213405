// core/vm/interp_loop.h: the dispatch loop (design in core/vm/vm.h), a template instantiated
// once per LoopHooks (core/vm/thread.h): execute<None>, the normal run (core/vm/interp.cpp), and
// execute<Debug> / execute<DebugQuiet>, which add the debugger's stop checks and memory-effect
// records around each op (core/vm/interp_debug.cpp, core/vm/interp_debug_quiet.cpp). Each
// instantiation is one very large function, the slowest code of the project to compile; in files
// of their own they compile side by side. Include this header from those files only.
//
// Section index: helpers -- generic handlers (macros over core/opcodes.def) -- control -- calls
// -- variables -- memory -- tables and references -- SIMD -- fused ops -- exits.
#pragma once

#include <cstring>
#include <iterator>
#include <string>
#include <type_traits>

#include "core/vm/code.h"
#include "core/vm/debug.h"
#include "core/vm/numeric.h"
#include "core/vm/simd_glue.h"
#include "core/vm/thread.h"
#include "core/vm/vm.h"

#if (defined(__GNUC__) || defined(__clang__)) && !defined(__EMSCRIPTEN__) && !defined(MNEMO_VM_NO_COMPUTED_GOTO)
#define MNEMO_VM_COMPUTED_GOTO 1
#else
#define MNEMO_VM_COMPUTED_GOTO 0
#endif

// Under Emscripten the normal loop returns to its caller every kSliceOps instructions, and
// vm::call enters it again at once. V8 runs a Wasm function first as baseline (Liftoff) code and
// swaps in optimized (TurboFan) code only for calls made after, with no on-stack replacement for
// Wasm: a guest call that runs for seconds would otherwise spend all of them in one baseline frame
// of this loop, about ten times slower (measured with bench/). Natively there is nothing to gain.
#if defined(__EMSCRIPTEN__)
#define MNEMO_VM_SLICES 1
#else
#define MNEMO_VM_SLICES 0
#endif

#if defined(__GNUC__) || defined(__clang__)
#define MNEMO_INLINE inline __attribute__((always_inline))
#define MNEMO_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define MNEMO_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define MNEMO_INLINE inline
#define MNEMO_UNLIKELY(x) (x)
#define MNEMO_LIKELY(x) (x)
#endif

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wunused-label"
#endif

namespace mnemo::vm {
namespace loop {

// --- helpers ---------------------------------------------------------------------------------
// A v128 moves between slots as one 16-byte copy. Written as two 8-byte halves, it stalls the next
// op's 16-byte load on store forwarding: with those, the host SIMD path ran the simd benchmark
// slower than the scalar lane loops (which load 4 bytes at a time).
MNEMO_INLINE void move_v128(uint64_t* dst, const uint64_t* src) { std::memcpy(dst, src, 16); }

// A slot as operand type S (i32 / f32 travel as uint32_t, i64 / f64 as uint64_t).
template <SigType S>
MNEMO_INLINE auto narrow(uint64_t slot) {
  if constexpr (S == SigType::I32 || S == SigType::F32)
    return uint32_t(slot);
  else
    return slot;
}

// The operand of type S at slot (or code word) `p`.
template <SigType S>
MNEMO_INLINE auto operand_at(const uint64_t* p) {
  if constexpr (S == SigType::V128) {
    V128 v;
    std::memcpy(v.bytes.data(), p, 16);
    return v;
  } else {
    return narrow<S>(*p);
  }
}

template <SigType S>
MNEMO_INLINE auto pop(uint64_t*& sp) {
  sp -= slot_count(S);
  return operand_at<S>(sp);
}

template <class T>
MNEMO_INLINE void push(uint64_t*& sp, T v) {
  if constexpr (std::is_same_v<T, V128>) {
    std::memcpy(sp, v.bytes.data(), 16);
    sp += 2;
  } else {
    *sp++ = uint64_t(v);
  }
}

template <class Fn, class... A>
MNEMO_INLINE auto call_fn(Fn fn, TrapCode& trap, A... a) {
  if constexpr (std::is_invocable_v<Fn, A&..., TrapCode&>)
    return fn(a..., trap);
  else
    return fn(a...);
}

// Pops the row's operands, calls `fn`, pushes the result. True when `fn` trapped.
template <SigType R, SigType P0, SigType P1, SigType P2, class Fn>
MNEMO_INLINE bool apply(uint64_t*& sp, TrapCode& trap, Fn fn) {
  if constexpr (P2 != SigType::___) {
    auto c = pop<P2>(sp);
    auto b = pop<P1>(sp);
    auto a = pop<P0>(sp);
    push(sp, call_fn(fn, trap, a, b, c));
    return std::is_invocable_v<Fn, decltype(a)&, decltype(b)&, decltype(c)&, TrapCode&> && trap != TrapCode::None;
  } else if constexpr (P1 != SigType::___) {
    auto b = pop<P1>(sp);
    auto a = pop<P0>(sp);
    push(sp, call_fn(fn, trap, a, b));
    return std::is_invocable_v<Fn, decltype(a)&, decltype(b)&, TrapCode&> && trap != TrapCode::None;
  } else {
    auto a = pop<P0>(sp);
    push(sp, call_fn(fn, trap, a));
    return std::is_invocable_v<Fn, decltype(a)&, TrapCode&> && trap != TrapCode::None;
  }
}

// A scalar binary row on operand slots `a` and `b`: calls `fn`, its result into `r` as a slot.
// True when `fn` trapped.
template <SigType P0, SigType P1, class Fn>
MNEMO_INLINE bool binary(uint64_t a_slot, uint64_t b_slot, uint64_t& r, TrapCode& trap, Fn fn) {
  auto a = narrow<P0>(a_slot);
  auto b = narrow<P1>(b_slot);
  r = uint64_t(call_fn(fn, trap, a, b));
  return std::is_invocable_v<Fn, decltype(a)&, decltype(b)&, TrapCode&> && trap != TrapCode::None;
}

// Scalar loads: `size` bytes, sign- or zero-extended to the result type.
template <SigType R, unsigned kSize, bool kSigned>
MNEMO_INLINE uint64_t load_scalar(const uint8_t* p) {
  if constexpr (kSize == 1) {
    uint8_t v;
    std::memcpy(&v, p, 1);
    if constexpr (kSigned) return R == SigType::I32 ? uint32_t(int32_t(int8_t(v))) : uint64_t(int64_t(int8_t(v)));
    return v;
  } else if constexpr (kSize == 2) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    if constexpr (kSigned) return R == SigType::I32 ? uint32_t(int32_t(int16_t(v))) : uint64_t(int64_t(int16_t(v)));
    return v;
  } else if constexpr (kSize == 4) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    if constexpr (kSigned) return uint64_t(int64_t(int32_t(v)));
    return v;
  } else {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
}

// Zeroes a callee's `n` declared locals at `p`. Most functions declare a few: four zero words are
// stored whatever `n` is, then four at a time, so no call to memset is made (a call through the
// PLT, around which the loop also spills the registers it clobbers). In bounds: the call's stack
// check leaves the callee's max_slots free from its parameters on, which is at least its locals
// plus four (CompiledFunc::max_slots), so from `p` at least `n` rounded up to four.
MNEMO_INLINE void zero_locals(uint64_t* p, uint32_t n) {
  uint64_t* const end = p + n;
  do {
    p[0] = 0;
    p[1] = 0;
    p[2] = 0;
    p[3] = 0;
    p += 4;
#if defined(__GNUC__) || defined(__clang__)
    // Without it gcc makes the loop a memset call again (-ftree-loop-distribute-patterns).
    __asm__("" : "+r"(p));
#endif
  } while (p < end);
}

// The op an accumulator twin stands for with the top of the stack in its slot (core/vm/code.h),
// which the debug loops run in its place; any other op stands for itself.
constexpr VmOp kStackOps[] = {
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) VmOp::name,
#include "core/opcodes.def"
#undef OP
#define IOP(name, imms) VmOp::name,
#define IOP_TWIN(name, imms, stack_op) VmOp::stack_op,
#include "core/vm/internal_ops.def"
#undef IOP_TWIN
#undef IOP
#define VMOP(name) VmOp::name,
#define VMOP_TWIN(name, stack_op) VmOp::stack_op,
#include "core/vm/variant_ops.def"
#undef VMOP_TWIN
#undef VMOP
};
static_assert(std::size(kStackOps) == size_t(VmOp::Count_), "a stack op for every op");
MNEMO_INLINE VmOp stack_op(VmOp op) { return kStackOps[size_t(op)]; }

constexpr bool text_signed(std::string_view text) { return text.size() > 2 && text.substr(text.size() - 2) == "_s"; }

}  // namespace loop

template <LoopHooks kHooks>
RunStatus execute(Thread& t, DebugControl* dbg) {
  using namespace loop;
  constexpr bool kDebug = kHooks != LoopHooks::None;
  uint64_t* sp = t.sp;
  uint64_t* fp = t.fp;
  const uint64_t* ip = t.ip;
  const CompiledFunc* cur = t.cur;
  uint32_t depth = t.depth;
  uint64_t acc = t.acc;  // the accumulator (core/vm/code.h)
  Frame* const frames = t.frames();
  const uint32_t max_frames = t.max_frames();
  uint64_t* const stack_end = t.stack_end();
  TrapCode trap_code = TrapCode::None;
  const FuncInstance* callee = nullptr;  // call_indirect / host calls
#if MNEMO_VM_SLICES
  constexpr uint32_t kSliceOps = 1u << 20;
  uint32_t slice_left = kSliceOps;
#define VM_SLICE() \
  if constexpr (!kDebug) { \
    if (MNEMO_UNLIKELY(--slice_left == 0)) goto yielded; \
  }
#else
#define VM_SLICE()
#endif

// A FuelCharge is no step of its own: it shares its instruction with the op after it. In the
// fast lane (DebugControl::lane_end) an op begins inline; otherwise through the checks.
#define VM_HOOK()                                                                                        \
  if constexpr (kDebug) {                                                                                \
    const uint32_t pc_ = uint32_t(ip - cur->code.data());                                                \
    if (op_of_word(*ip) != VmOp::FuelCharge) {                                                           \
      if (MNEMO_LIKELY(dbg->executed < dbg->lane_end)) dbg->open_op(pc_);                               \
      else if (!(kHooks == LoopHooks::Debug ? dbg->begin_op(*cur, pc_, depth)                            \
                                            : dbg->begin_quiet_op(*cur, pc_, depth)))                    \
        goto stopped;                                                                                    \
    }                                                                                                    \
  }
#define VM_TRAP(code)      \
  do {                     \
    trap_code = (code);    \
    goto trapped;          \
  } while (0)
// A memory fault, recorded by the handler that knows the access: its kind, memory index (from the
// instruction's offset word, core/vm/code.h), address and size.
#define VM_TRAP_MEM(kind, memory, address, size)                                         \
  do {                                                                                   \
    t.trap.fault = MemoryAccess{MemoryAccess::Kind::kind, (memory), (address), (size)}; \
    VM_TRAP(TrapCode::MemoryOutOfBounds);                                                \
  } while (0)
#define VM_ACCESS(kind, memory, address, size) \
  if constexpr (kDebug)                         \
  dbg->record_access<kHooks == LoopHooks::Debug>(MemoryAccess{MemoryAccess::Kind::kind, (memory), (address), (size)})
#define IMM_PTR(T, i) reinterpret_cast<T*>(uintptr_t(ip[i]))
// An accumulator twin (core/vm/code.h) has a handler in the normal loop only: the debug loops run
// its stack op in its place (their tables point there), with the top of the stack in its slot.
#define VM_ACC_CASE(name) \
  VM_CASE(name) if constexpr (kDebug) goto invalid_op; else

#if MNEMO_VM_COMPUTED_GOTO
  // The debug loops run an accumulator twin as its stack op (core/vm/code.h), named by a macro
  // that expands before it is pasted.
#define MNEMO_LABEL_OF(op) MNEMO_LABEL_OF_(op)
#define MNEMO_LABEL_OF_(op) &&L_##op
  static const void* const kLabels[] = {
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) &&L_##name,
#include "core/opcodes.def"
#undef OP
#define IOP(name, imms) &&L_##name,
#define IOP_TWIN(name, imms, stack_op) kDebug ? MNEMO_LABEL_OF(stack_op) : &&L_##name,
#include "core/vm/internal_ops.def"
#undef IOP_TWIN
#undef IOP
#define VMOP(name) &&L_##name,
#define VMOP_TWIN(name, stack_op) kDebug ? MNEMO_LABEL_OF(stack_op) : &&L_##name,
#include "core/vm/variant_ops.def"
#undef VMOP_TWIN
#undef VMOP
  };
  static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == size_t(VmOp::Count_), "a label for every op");
#define VM_CASE(name) L_##name:
  // The normal loop jumps to the address in the op word (direct threading, core/vm/code.h); the
  // debug loops, whose handlers are others, look the op's number up in their own table.
#define VM_NEXT()                                                      \
  do {                                                                 \
    VM_HOOK();                                                         \
    VM_SLICE();                                                        \
    if constexpr (kDebug)                                              \
      goto* kLabels[size_t(op_of_word(*ip++))];                        \
    else                                                               \
      goto* handler_of_word(*ip++);                                    \
  } while (0)
  if constexpr (!kDebug) {
    if (MNEMO_UNLIKELY(t.wants_handlers)) {
      t.handlers = kLabels;
      return RunStatus::Finished;
    }
  }
  t.trap = TrapRecord{};
  VM_NEXT();
#else
#define VM_CASE(name) case VmOp::name:
#define VM_NEXT() goto dispatch
  t.trap = TrapRecord{};
dispatch:
  VM_HOOK();
  VM_SLICE();
  switch (kDebug ? stack_op(op_of_word(*ip++)) : op_of_word(*ip++)) {
#endif

  // --- generic handlers ------------------------------------------------------------------------
  // Every row of core/opcodes.def goes through MNEMO_ROW_<feature>(MNEMO_HANDLER_<immediate>):
  // rows without immediates and with a fixed signature call num::Name (scalar) or vsimd::Name
  // (v128); loads, stores and lane ops are generated per immediate kind; the rest are written by
  // hand below (MNEMO_HANDLER_Hand expands to nothing). Without core/simd every v128 row is invalid.
#define MNEMO_NS_Mvp num
#define MNEMO_NS_SignExt num
#define MNEMO_NS_SatConv num
#define MNEMO_NS_Simd vsimd
// The function of row `name` as a callable (num::Name or vsimd::Name).
#define MNEMO_ROW_FN(ns, name) [](auto&... a) -> decltype(ns::name(a...)) { return ns::name(a...); }
#define MNEMO_GENERIC(name, res, p0, p1, p2, ns)                                                        \
  VM_CASE(name) {                                                                                       \
    if (apply<SigType::res, SigType::p0, SigType::p1, SigType::p2>(sp, trap_code, MNEMO_ROW_FN(ns, name))) \
      goto trapped;                                                                                     \
    VM_NEXT();                                                                                          \
  }
#define MNEMO_ROW_Mvp(name, x) x
#define MNEMO_ROW_SignExt(name, x) x
#define MNEMO_ROW_SatConv(name, x) x
#define MNEMO_ROW_BulkMemory(name, x) x
#define MNEMO_ROW_RefTypes(name, x) x
#if MNEMO_VM_SIMD
#define MNEMO_ROW_Simd(name, x) x
#else
#define MNEMO_ROW_Simd(name, x) VM_CASE(name) goto invalid_op;
#endif

#define MNEMO_NONE_I32(name, res, p0, p1, p2, feat) MNEMO_GENERIC(name, res, p0, p1, p2, MNEMO_NS_##feat)
#define MNEMO_NONE_I64 MNEMO_NONE_I32
#define MNEMO_NONE_F32 MNEMO_NONE_I32
#define MNEMO_NONE_F64 MNEMO_NONE_I32
#define MNEMO_NONE_V128 MNEMO_NONE_I32
#define MNEMO_NONE_Spc(name, res, p0, p1, p2, feat)
#define MNEMO_NONE____(name, res, p0, p1, p2, feat)

  // Loads and stores: the access size is 1 << align; stores have no result (res ___).
#define MNEMO_MEM_ADDR(kind, kSize)                                                              \
  const uint64_t ea_ = uint64_t(uint32_t(*--sp)) + offset_of_word(*mw_);                         \
  if (MNEMO_UNLIKELY(ea_ + kSize > m_->size)) VM_TRAP_MEM(kind, memory_of_word(*mw_), ea_, kSize); \
  uint8_t* p_ = m_->data + ea_;                                                                  \
  VM_ACCESS(kind, memory_of_word(*mw_), ea_, kSize);
#define MNEMO_MEMARG_STORE(name, text, res, p0, p1, p2, align)                        \
  {                                                                                   \
    uint64_t v_[2];                                                                   \
    if constexpr (SigType::p1 == SigType::V128) {                                     \
      sp -= 2;                                                                        \
      v_[0] = sp[0];                                                                  \
      v_[1] = sp[1];                                                                  \
    } else {                                                                          \
      v_[0] = *--sp;                                                                  \
    }                                                                                 \
    MNEMO_MEM_ADDR(Write, (uint64_t(1) << align))                                     \
    std::memcpy(p_, v_, uint64_t(1) << align);                                        \
  }
#define MNEMO_MEMARG_SCALAR(name, text, res, p0, p1, p2, align)                       \
  {                                                                                   \
    MNEMO_MEM_ADDR(Read, (uint64_t(1) << align))                                      \
    *sp++ = load_scalar<SigType::res, (1u << align), text_signed(text)>(p_);          \
  }
#define MNEMO_MEMARG____ MNEMO_MEMARG_STORE
#define MNEMO_MEMARG_I32 MNEMO_MEMARG_SCALAR
#define MNEMO_MEMARG_I64 MNEMO_MEMARG_SCALAR
#define MNEMO_MEMARG_F32 MNEMO_MEMARG_SCALAR
#define MNEMO_MEMARG_F64 MNEMO_MEMARG_SCALAR
#define MNEMO_MEMARG_V128(name, text, res, p0, p1, p2, align)                         \
  {                                                                                   \
    MNEMO_MEM_ADDR(Read, (uint64_t(1) << align))                                      \
    push(sp, vsimd::name(p_));                                                        \
  }
#define MNEMO_HANDLER_MemArg(name, text, res, p0, p1, p2, feat, align)                \
  VM_CASE(name) {                                                                     \
    auto* m_ = IMM_PTR(MemoryInstance, 0);                                            \
    const uint64_t* mw_ = ip + 1;                                                     \
    ip += 2;                                                                          \
    MNEMO_MEMARG_##res(name, text, res, p0, p1, p2, align)                            \
    VM_NEXT();                                                                        \
  }
#define MNEMO_LANEMEM____(name, p_, v_, lane_) vsimd::name(p_, v_, lane_);
#define MNEMO_LANEMEM_V128(name, p_, v_, lane_) push(sp, vsimd::name(p_, v_, lane_));
#define MNEMO_HANDLER_MemArgLane(name, text, res, p0, p1, p2, feat, align)            \
  VM_CASE(name) {                                                                     \
    auto* m_ = IMM_PTR(MemoryInstance, 0);                                            \
    const uint64_t* mw_ = ip + 1;                                                     \
    const uint8_t lane_ = uint8_t(ip[2]);                                             \
    ip += 3;                                                                          \
    const V128 v_ = pop<SigType::V128>(sp);                                           \
    MNEMO_MEM_ADDR(MNEMO_LANEKIND_##res, (uint64_t(1) << align))                      \
    MNEMO_LANEMEM_##res(name, p_, v_, lane_)                                          \
    VM_NEXT();                                                                        \
  }
#define MNEMO_LANEKIND____ Write
#define MNEMO_LANEKIND_V128 Read
#define MNEMO_LANE____(name, p1)                                                      \
  const V128 v_ = pop<SigType::V128>(sp);                                             \
  push(sp, vsimd::name(v_, lane_));
#define MNEMO_LANE_SCALAR(name, p1)                                                   \
  const auto s_ = pop<SigType::p1>(sp);                                               \
  const V128 v_ = pop<SigType::V128>(sp);                                             \
  push(sp, vsimd::name(v_, s_, lane_));
#define MNEMO_LANE_I32 MNEMO_LANE_SCALAR
#define MNEMO_LANE_I64 MNEMO_LANE_SCALAR
#define MNEMO_LANE_F32 MNEMO_LANE_SCALAR
#define MNEMO_LANE_F64 MNEMO_LANE_SCALAR
#define MNEMO_HANDLER_Lane(name, text, res, p0, p1, p2, feat, align)                  \
  VM_CASE(name) {                                                                     \
    const uint8_t lane_ = uint8_t(*ip++);                                             \
    MNEMO_LANE_##p1(name, p1)                                                         \
    VM_NEXT();                                                                        \
  }
#define MNEMO_HANDLER_None(name, text, res, p0, p1, p2, feat, align) MNEMO_NONE_##res(name, res, p0, p1, p2, feat)
#define MNEMO_HANDLER_Hand(name, text, res, p0, p1, p2, feat, align)
#define MNEMO_HANDLER_Block MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Label MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_BrTable MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Func MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_CallIndirect MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Local MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Global MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Table MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_TableCopy MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_TableInit MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Elem MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Memory MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_MemoryCopy MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_MemoryInit MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Data MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_Shuffle MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_I32 MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_I64 MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_F32 MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_F64 MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_V128 MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_RefType MNEMO_HANDLER_Hand
#define MNEMO_HANDLER_SelectT MNEMO_HANDLER_Hand

#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_ROW_##feat(name, MNEMO_HANDLER_##imm(name, text, res, p0, p1, p2, feat, align))
#include "core/opcodes.def"
#undef OP

  // --- control ---------------------------------------------------------------------------------
  VM_CASE(Unreachable) VM_TRAP(TrapCode::Unreachable);

  VM_CASE(Jump) {
    ip += int64_t(ip[0]);
    VM_NEXT();
  }
  VM_CASE(FuelCharge) {  // core/vm/translate.cpp: meter_segment. The fuel left stays as it was on a trap.
    uint64_t* fuel = IMM_PTR(uint64_t, 1);
    if (MNEMO_UNLIKELY(*fuel < ip[0])) VM_TRAP(TrapCode::OutOfFuel);
    *fuel -= ip[0];
    ip += 2;
    VM_NEXT();
  }
  VM_CASE(JumpDrop) {
    uint64_t* dst = fp + ip[1];
    const uint64_t keep = ip[2];
    const uint64_t* src = sp - keep;
    for (uint64_t k = 0; k < keep; ++k) dst[k] = src[k];
    sp = dst + keep;
    ip += int64_t(ip[0]);
    VM_NEXT();
  }
  VM_CASE(JumpIf) {
    if (uint32_t(*--sp) != 0)
      ip += int64_t(ip[0]);
    else
      ip += 1;
    VM_NEXT();
  }
  VM_CASE(JumpIfDrop) {
    if (uint32_t(*--sp) != 0) {
      uint64_t* dst = fp + ip[1];
      const uint64_t keep = ip[2];
      const uint64_t* src = sp - keep;
      for (uint64_t k = 0; k < keep; ++k) dst[k] = src[k];
      sp = dst + keep;
      ip += int64_t(ip[0]);
    } else {
      ip += 3;
    }
    VM_NEXT();
  }
  VM_CASE(JumpUnless) {
    if (uint32_t(*--sp) == 0)
      ip += int64_t(ip[0]);
    else
      ip += 1;
    VM_NEXT();
  }
  VM_CASE(JumpTable) {
    const uint64_t count = ip[0];
    uint64_t i = uint32_t(*--sp);
    if (i > count) i = count;
    const uint64_t* e = ip + 1 + 3 * i;
    uint64_t* dst = fp + e[1];
    const uint64_t keep = e[2];
    const uint64_t* src = sp - keep;
    if (dst != src) {
      for (uint64_t k = 0; k < keep; ++k) dst[k] = src[k];
    }
    sp = dst + keep;
    ip = e + int64_t(e[0]);
    VM_NEXT();
  }
  // The results are in place at fp: back to the caller's frame, or out of the loop.
#define VM_RETURN_TO_CALLER()          \
  do {                                 \
    const Frame& fr = frames[--depth]; \
    fp = fr.fp;                        \
    cur = fr.func;                     \
    if (!fr.ret_ip) {                  \
      ip = nullptr;                    \
      goto finished;                   \
    }                                  \
    ip = fr.ret_ip;                    \
    VM_NEXT();                         \
  } while (0)
  VM_CASE(Return) {
    const uint32_t n = cur->result_slots;
    if (n == 1) {  // the common case, without the copy loop
      fp[0] = sp[-1];
      sp = fp + 1;
    } else {
      const uint64_t* src = sp - n;
      for (uint32_t k = 0; k < n; ++k) fp[k] = src[k];
      sp = fp + n;
    }
    VM_RETURN_TO_CALLER();
  }
  VM_ACC_CASE(Return1) {
    fp[0] = sp[-1];
    sp = fp + 1;
    VM_RETURN_TO_CALLER();
  }
  VM_ACC_CASE(ReturnA) {
    fp[0] = acc;
    sp = fp + 1;
    VM_RETURN_TO_CALLER();
  }
#undef VM_RETURN_TO_CALLER

  // --- calls -----------------------------------------------------------------------------------
  // The fast path of a wasm call: entry and frame sizes from the call's own words (core/vm/code.h,
  // kCallFrameWords), none read through the callee's CompiledFunc.
  VM_CASE(Call) {
    const CompiledFunc* c = IMM_PTR(const CompiledFunc, 0);
    const uint64_t* entry = IMM_PTR(const uint64_t, 1);
    const uint64_t frame = ip[2];
    const uint64_t need = ip[3];
    ip += 1 + kCallFrameWords;
    if (MNEMO_UNLIKELY(depth >= max_frames || sp + need > stack_end)) VM_TRAP(TrapCode::CallStackExhausted);
    frames[depth++] = Frame{ip, fp, cur};
    fp = sp - params_of_frame_word(frame);
    const uint32_t locals = locals_of_frame_word(frame);
    zero_locals(sp, locals);
    sp += locals;
    cur = c;
    ip = entry;
    VM_NEXT();
  }
  VM_CASE(CallHost) {
    callee = IMM_PTR(const FuncInstance, 0);
    ip += 1;
    goto do_call;
  }
  VM_CASE(CallIndirect) {
    const auto* table = IMM_PTR(const TableInstance, 0);
    const uint64_t type_id = ip[1];
    ip += 2;
    const uint32_t i = uint32_t(*--sp);
    if (MNEMO_UNLIKELY(i >= table->elems.size())) {
      t.trap.element = i;
      VM_TRAP(TrapCode::UndefinedElement);
    }
    const uint64_t ref = table->elems[i];
    if (MNEMO_UNLIKELY(ref == 0)) {
      t.trap.element = i;
      VM_TRAP(TrapCode::UninitializedElement);
    }
    callee = slot_func(ref);
    if (MNEMO_UNLIKELY(callee->type_id != type_id)) VM_TRAP(TrapCode::IndirectCallMismatch);
    goto do_call;
  }

  // --- variables -------------------------------------------------------------------------------
  VM_CASE(Drop) {
    --sp;
    VM_NEXT();
  }
  VM_CASE(Drop2) {
    sp -= 2;
    VM_NEXT();
  }
  VM_CASE(Select) {
    const uint32_t c = uint32_t(*--sp);
    const uint64_t b = *--sp;
    if (c == 0) sp[-1] = b;
    VM_NEXT();
  }
  VM_ACC_CASE(SelectA) {
    const uint64_t b = *--sp;
    if (uint32_t(acc) == 0) sp[-1] = b;
    VM_NEXT();
  }
  VM_CASE(SelectV128) {
    const uint32_t c = uint32_t(*--sp);
    sp -= 2;
    if (c == 0) move_v128(sp - 2, sp);
    VM_NEXT();
  }
  VM_CASE(LocalGet) {
    *sp++ = fp[ip[0]];
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(LocalSet) {
    fp[ip[0]] = *--sp;
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(LocalTee) {
    fp[ip[0]] = sp[-1];
    ip += 1;
    VM_NEXT();
  }
  // Their accumulator twins (core/vm/code.h): A takes the value from the accumulator, ToA leaves
  // the result there.
  VM_ACC_CASE(LocalGetToA) {
    acc = fp[ip[0]];
    ip += 1;
    VM_NEXT();
  }
  VM_ACC_CASE(LocalSetA) {
    fp[ip[0]] = acc;
    ip += 1;
    VM_NEXT();
  }
  VM_ACC_CASE(LocalTeeA) {
    fp[ip[0]] = acc;
    *sp++ = acc;
    ip += 1;
    VM_NEXT();
  }
  VM_ACC_CASE(LocalTeeToA) {
    acc = *--sp;
    fp[ip[0]] = acc;
    ip += 1;
    VM_NEXT();
  }
  VM_ACC_CASE(LocalTeeAToA) {
    fp[ip[0]] = acc;
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(LocalGetV128) {
    move_v128(sp, fp + ip[0]);
    sp += 2;
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(LocalSetV128) {
    sp -= 2;
    move_v128(fp + ip[0], sp);
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(LocalTeeV128) {
    move_v128(fp + ip[0], sp - 2);
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(GlobalGet) {
    *sp++ = IMM_PTR(GlobalInstance, 0)->value[0];
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(GlobalSet) {
    IMM_PTR(GlobalInstance, 0)->value[0] = *--sp;
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(GlobalGetV128) {
    move_v128(sp, IMM_PTR(GlobalInstance, 0)->value);
    sp += 2;
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(GlobalSetV128) {
    sp -= 2;
    move_v128(IMM_PTR(GlobalInstance, 0)->value, sp);
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(I32Const)
  VM_CASE(F32Const)
  VM_CASE(I64Const)
  VM_CASE(F64Const) {
    *sp++ = ip[0];
    ip += 1;
    VM_NEXT();
  }
#if MNEMO_VM_SIMD
  VM_CASE(V128Const) {
    move_v128(sp, ip);
    sp += 2;
    ip += 2;
    VM_NEXT();
  }
#endif

  // --- memory ----------------------------------------------------------------------------------
  VM_CASE(MemorySize) {
    *sp++ = IMM_PTR(MemoryInstance, 0)->pages();
    ip += 2;
    VM_NEXT();
  }
  VM_CASE(MemoryGrow) {
    MemoryInstance* m = IMM_PTR(MemoryInstance, 0);
    const uint32_t memory = memory_of_word(ip[1]);
    ip += 2;
    const uint64_t old_pages = m->pages();
    const int64_t r = m->grow(uint32_t(sp[-1]));
    sp[-1] = uint32_t(int32_t(r));
    if constexpr (kDebug) dbg->effects.grow = StepEffects::Grow{memory, old_pages, r};
    VM_NEXT();
  }
  VM_CASE(MemoryFill) {
    MemoryInstance* m = IMM_PTR(MemoryInstance, 0);
    const uint32_t memory = memory_of_word(ip[1]);
    ip += 2;
    const uint64_t n = uint32_t(*--sp);
    const uint8_t val = uint8_t(*--sp);
    const uint64_t d = uint32_t(*--sp);
    if (MNEMO_UNLIKELY(d + n > m->size)) VM_TRAP_MEM(Write, memory, d, n);
    VM_ACCESS(Write, memory, d, n);
    if (n) std::memset(m->data + d, val, size_t(n));
    VM_NEXT();
  }
  VM_CASE(MemoryCopy) {
    MemoryInstance* dm = IMM_PTR(MemoryInstance, 0);
    MemoryInstance* smem = IMM_PTR(MemoryInstance, 1);
    const uint32_t dst = dst_memory_of_pair(ip[2]), src = src_memory_of_pair(ip[2]);
    ip += 3;
    const uint64_t n = uint32_t(*--sp);
    const uint64_t s = uint32_t(*--sp);
    const uint64_t d = uint32_t(*--sp);
    if (MNEMO_UNLIKELY(s + n > smem->size)) VM_TRAP_MEM(Read, src, s, n);
    if (MNEMO_UNLIKELY(d + n > dm->size)) VM_TRAP_MEM(Write, dst, d, n);
    VM_ACCESS(Read, src, s, n);
    VM_ACCESS(Write, dst, d, n);
    if (n) std::memmove(dm->data + d, smem->data + s, size_t(n));
    VM_NEXT();
  }
  VM_CASE(MemoryInit) {
    MemoryInstance* m = IMM_PTR(MemoryInstance, 0);
    const DataInstance* data = IMM_PTR(const DataInstance, 1);
    const uint32_t memory = memory_of_word(ip[2]);
    ip += 3;
    const uint64_t n = uint32_t(*--sp);
    const uint64_t s = uint32_t(*--sp);
    const uint64_t d = uint32_t(*--sp);
    if (MNEMO_UNLIKELY(s + n > data->bytes.size())) VM_TRAP(TrapCode::MemoryOutOfBounds);
    if (MNEMO_UNLIKELY(d + n > m->size)) VM_TRAP_MEM(Write, memory, d, n);
    VM_ACCESS(Write, memory, d, n);
    if constexpr (kDebug) dbg->effects.data_segment = cur->source->body[cur->instr_at[dbg->op_pc]].index;
    if (n) std::memcpy(m->data + d, data->bytes.data() + s, size_t(n));
    VM_NEXT();
  }
  VM_CASE(DataDrop) {
    DataInstance* data = IMM_PTR(DataInstance, 0);
    ip += 1;
    std::vector<uint8_t>().swap(data->bytes);
    VM_NEXT();
  }

  // --- tables and references -------------------------------------------------------------------
  VM_CASE(TableGet) {
    const TableInstance* tab = IMM_PTR(const TableInstance, 0);
    ip += 1;
    const uint32_t i = uint32_t(sp[-1]);
    if (MNEMO_UNLIKELY(i >= tab->elems.size())) VM_TRAP(TrapCode::TableOutOfBounds);
    sp[-1] = tab->elems[i];
    VM_NEXT();
  }
  VM_CASE(TableSet) {
    TableInstance* tab = IMM_PTR(TableInstance, 0);
    ip += 1;
    const uint64_t v = *--sp;
    const uint32_t i = uint32_t(*--sp);
    if (MNEMO_UNLIKELY(i >= tab->elems.size())) VM_TRAP(TrapCode::TableOutOfBounds);
    tab->elems[i] = v;
    VM_NEXT();
  }
  VM_CASE(TableSize) {
    *sp++ = IMM_PTR(TableInstance, 0)->elems.size();
    ip += 1;
    VM_NEXT();
  }
  VM_CASE(TableGrow) {
    TableInstance* tab = IMM_PTR(TableInstance, 0);
    ip += 1;
    const uint64_t n = uint32_t(*--sp);
    const uint64_t init = sp[-1];
    sp[-1] = uint32_t(int32_t(tab->grow(n, init)));
    VM_NEXT();
  }
  VM_CASE(TableFill) {
    TableInstance* tab = IMM_PTR(TableInstance, 0);
    ip += 1;
    const uint64_t n = uint32_t(*--sp);
    const uint64_t v = *--sp;
    const uint64_t i = uint32_t(*--sp);
    if (MNEMO_UNLIKELY(i + n > tab->elems.size())) VM_TRAP(TrapCode::TableOutOfBounds);
    for (uint64_t k = 0; k < n; ++k) tab->elems[size_t(i + k)] = v;
    VM_NEXT();
  }
  VM_CASE(TableCopy) {
    TableInstance* dt = IMM_PTR(TableInstance, 0);
    const TableInstance* st = IMM_PTR(const TableInstance, 1);
    ip += 2;
    const uint64_t n = uint32_t(*--sp);
    const uint64_t s = uint32_t(*--sp);
    const uint64_t d = uint32_t(*--sp);
    if (MNEMO_UNLIKELY(s + n > st->elems.size() || d + n > dt->elems.size())) VM_TRAP(TrapCode::TableOutOfBounds);
    if (n) std::memmove(dt->elems.data() + d, st->elems.data() + s, size_t(n) * sizeof(uint64_t));
    VM_NEXT();
  }
  VM_CASE(TableInit) {
    TableInstance* tab = IMM_PTR(TableInstance, 0);
    const ElemInstance* elem = IMM_PTR(const ElemInstance, 1);
    ip += 2;
    const uint64_t n = uint32_t(*--sp);
    const uint64_t s = uint32_t(*--sp);
    const uint64_t d = uint32_t(*--sp);
    if (MNEMO_UNLIKELY(s + n > elem->refs.size() || d + n > tab->elems.size())) VM_TRAP(TrapCode::TableOutOfBounds);
    for (uint64_t k = 0; k < n; ++k) tab->elems[size_t(d + k)] = elem->refs[size_t(s + k)];
    VM_NEXT();
  }
  VM_CASE(ElemDrop) {
    ElemInstance* elem = IMM_PTR(ElemInstance, 0);
    ip += 1;
    std::vector<uint64_t>().swap(elem->refs);
    VM_NEXT();
  }
  VM_CASE(RefNull) {
    *sp++ = 0;
    VM_NEXT();
  }
  VM_CASE(RefIsNull) {
    sp[-1] = sp[-1] == 0 ? 1 : 0;
    VM_NEXT();
  }
  VM_CASE(RefFunc) {
    *sp++ = ip[0];
    ip += 1;
    VM_NEXT();
  }

  // --- SIMD ------------------------------------------------------------------------------------
#if MNEMO_VM_SIMD
  VM_CASE(I8x16Shuffle) {
    V128 lanes;
    std::memcpy(lanes.bytes.data(), ip, 16);
    ip += 2;
    const V128 b = pop<SigType::V128>(sp);
    const V128 a = pop<SigType::V128>(sp);
    push(sp, vsimd::I8x16Shuffle(a, b, lanes));
    VM_NEXT();
  }
#endif

  // --- fused ops -------------------------------------------------------------------------------
  VM_CASE(LocalGet2) {
    sp[0] = fp[ip[0]];
    sp[1] = fp[ip[1]];
    sp += 2;
    ip += 2;
    VM_NEXT();
  }
  VM_CASE(LocalSetGet) {
    fp[ip[0]] = sp[-1];
    sp[-1] = fp[ip[1]];
    ip += 2;
    VM_NEXT();
  }
  VM_ACC_CASE(LocalGet2ToA) {
    *sp++ = fp[ip[0]];
    acc = fp[ip[1]];
    ip += 2;
    VM_NEXT();
  }
  VM_ACC_CASE(LocalSetGetA) {
    fp[ip[0]] = acc;
    *sp++ = fp[ip[1]];
    ip += 2;
    VM_NEXT();
  }
  VM_ACC_CASE(LocalSetGetToA) {
    fp[ip[0]] = *--sp;
    acc = fp[ip[1]];
    ip += 2;
    VM_NEXT();
  }
  VM_ACC_CASE(LocalSetGetAToA) {
    fp[ip[0]] = acc;
    acc = fp[ip[1]];
    ip += 2;
    VM_NEXT();
  }

  VM_CASE(Nop) VM_NEXT();  // debuggable translations only

  // i32.eqz fused with the conditional jump that consumes it.
  VM_CASE(JumpIfI32Eqz) {
    if (uint32_t(*--sp) == 0)
      ip += int64_t(ip[0]);
    else
      ip += 1;
    VM_NEXT();
  }
  VM_CASE(JumpUnlessI32Eqz) {
    if (uint32_t(*--sp) != 0)
      ip += int64_t(ip[0]);
    else
      ip += 1;
    VM_NEXT();
  }
  // The conditional jumps on the accumulator (core/vm/code.h).
#define MNEMO_ACC_JUMP(name, test) \
  VM_ACC_CASE(name) {              \
    if (uint32_t(acc) test 0)      \
      ip += int64_t(ip[0]);        \
    else                           \
      ip += 1;                     \
    VM_NEXT();                     \
  }
  MNEMO_ACC_JUMP(JumpIfA, !=)
  MNEMO_ACC_JUMP(JumpUnlessA, ==)
  MNEMO_ACC_JUMP(JumpIfI32EqzA, ==)
  MNEMO_ACC_JUMP(JumpUnlessI32EqzA, !=)
#undef MNEMO_ACC_JUMP

  // The scalar unary rows' accumulator twins: the operand from the accumulator (A), the result
  // left there (toA), or both.
#define MNEMO_ACC_UNARY_CASE(op, name, p0, ns, operand, result)                                  \
  VM_ACC_CASE(op) {                                                                             \
    const auto a_ = narrow<SigType::p0>(operand);                                               \
    const uint64_t r_ = uint64_t(call_fn(MNEMO_ROW_FN(ns, name), trap_code, a_));               \
    if (std::is_invocable_v<decltype(MNEMO_ROW_FN(ns, name)), decltype(a_)&, TrapCode&> &&      \
        trap_code != TrapCode::None)                                                            \
      goto trapped;                                                                             \
    result = r_;                                                                                \
    VM_NEXT();                                                                                  \
  }
#define MNEMO_ACC_UNARY(name, res, p0, ns)                        \
  MNEMO_ACC_UNARY_CASE(name##_A, name, p0, ns, acc, *sp++)        \
  MNEMO_ACC_UNARY_CASE(name##_toA, name, p0, ns, *--sp, acc)      \
  MNEMO_ACC_UNARY_CASE(name##_A_toA, name, p0, ns, acc, acc)
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_UNARY_ROW(MNEMO_ACC_UNARY, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP
#undef MNEMO_ACC_UNARY
#undef MNEMO_ACC_UNARY_CASE

  // Operand forms (core/vm/code.h): where operands a and b of form F are, given the form's
  // immediates `imm`, how many immediates it has and how it moves sp (the result replaces or
  // follows what it reads).
#define MNEMO_FORM_A_SS(imm) sp[-2]
#define MNEMO_FORM_B_SS(imm) sp[-1]
#define MNEMO_FORM_IMMS_SS 0
#define MNEMO_FORM_SP_SS (-1)
#define MNEMO_FORM_A_LL(imm) fp[(imm)[0]]
#define MNEMO_FORM_B_LL(imm) fp[(imm)[1]]
#define MNEMO_FORM_IMMS_LL 2
#define MNEMO_FORM_SP_LL 1
#define MNEMO_FORM_A_LC(imm) fp[(imm)[0]]
#define MNEMO_FORM_B_LC(imm) (imm)[1]
#define MNEMO_FORM_IMMS_LC 2
#define MNEMO_FORM_SP_LC 1
#define MNEMO_FORM_A_SC(imm) sp[-1]
#define MNEMO_FORM_B_SC(imm) (imm)[0]
#define MNEMO_FORM_IMMS_SC 1
#define MNEMO_FORM_SP_SC 0
#define MNEMO_FORM_A_SL(imm) sp[-1]
#define MNEMO_FORM_B_SL(imm) fp[(imm)[0]]
#define MNEMO_FORM_IMMS_SL 1
#define MNEMO_FORM_SP_SL 0
  // The accumulator's forms (core/vm/code.h): the top operand from the accumulator, not a slot.
#define MNEMO_FORM_A_SA(imm) sp[-1]
#define MNEMO_FORM_B_SA(imm) acc
#define MNEMO_FORM_IMMS_SA 0
#define MNEMO_FORM_SP_SA 0
#define MNEMO_FORM_A_AC(imm) acc
#define MNEMO_FORM_B_AC(imm) (imm)[0]
#define MNEMO_FORM_IMMS_AC 1
#define MNEMO_FORM_SP_AC 1
#define MNEMO_FORM_A_AL(imm) acc
#define MNEMO_FORM_B_AL(imm) fp[(imm)[0]]
#define MNEMO_FORM_IMMS_AL 1
#define MNEMO_FORM_SP_AL 1
  // The case of an op of form F: the accumulator's forms are twins.
#define MNEMO_FORM_CASE_SS VM_CASE
#define MNEMO_FORM_CASE_LL VM_CASE
#define MNEMO_FORM_CASE_LC VM_CASE
#define MNEMO_FORM_CASE_SC VM_CASE
#define MNEMO_FORM_CASE_SL VM_CASE
#define MNEMO_FORM_CASE_SA VM_ACC_CASE
#define MNEMO_FORM_CASE_AC VM_ACC_CASE
#define MNEMO_FORM_CASE_AL VM_ACC_CASE
  // Where a result goes: pushed (S), by a form that moves sp by `sp_move` when it pushes, or left
  // in the accumulator (A) by its twin, which moves sp one slot less.
#define MNEMO_PUT_S(sp_move, v) \
  sp += (sp_move);              \
  sp[-1] = (v);
#define MNEMO_PUT_A(sp_move, v) \
  sp += (sp_move) - 1;          \
  acc = (v);
  // Row `name` of form F on its operands into r_; leaves the handler on a trap.
#define MNEMO_FORM_APPLY(form, name, p0, p1, ns, imm)                                                  \
  uint64_t r_;                                                                                         \
  if (binary<SigType::p0, SigType::p1>(MNEMO_FORM_A_##form(imm), MNEMO_FORM_B_##form(imm), r_, trap_code, \
                                       MNEMO_ROW_FN(ns, name)))                                        \
    goto trapped;

  // The fused forms of the scalar binary rows (SS is the row's own handler, above).
#define MNEMO_OPERAND_BODY(form, name, p0, p1, ns, put) \
  {                                                     \
    MNEMO_FORM_APPLY(form, name, p0, p1, ns, ip)        \
    MNEMO_PUT_##put(MNEMO_FORM_SP_##form, r_)           \
    ip += MNEMO_FORM_IMMS_##form;                       \
    VM_NEXT();                                          \
  }
#define MNEMO_OPERAND_FORM(form, name, p0, p1, ns) \
  MNEMO_FORM_CASE_##form(name##_##form) MNEMO_OPERAND_BODY(form, name, p0, p1, ns, S)
#define MNEMO_OPERAND_FORM_TO_ACC(form, name, p0, p1, ns) \
  VM_ACC_CASE(name##_##form##_toA) MNEMO_OPERAND_BODY(form, name, p0, p1, ns, A)
#define MNEMO_OPERAND_FORMS(name, res, p0, p1, ns)                \
  MNEMO_VM_FORMS(MNEMO_OPERAND_FORM, name, p0, p1, ns)            \
  MNEMO_VM_ACC_FORMS(MNEMO_OPERAND_FORM, name, p0, p1, ns)        \
  MNEMO_VM_EVERY_FORM(MNEMO_OPERAND_FORM_TO_ACC, name, p0, p1, ns)
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_BINARY_ROW(MNEMO_OPERAND_FORMS, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP

  // Fused with a local.tee of the result: the local's slot follows the form's immediates.
#define MNEMO_TEE_BODY(form, name, p0, p1, ns, put) \
  {                                                 \
    MNEMO_FORM_APPLY(form, name, p0, p1, ns, ip)    \
    MNEMO_PUT_##put(MNEMO_FORM_SP_##form, r_)       \
    fp[ip[MNEMO_FORM_IMMS_##form]] = r_;            \
    ip += MNEMO_FORM_IMMS_##form + 1;               \
    VM_NEXT();                                      \
  }
#define MNEMO_TEE_FORM(form, name, p0, p1, ns) \
  MNEMO_FORM_CASE_##form(name##_##form##_Tee) MNEMO_TEE_BODY(form, name, p0, p1, ns, S)
#define MNEMO_TEE_FORM_TO_ACC(form, name, p0, p1, ns) \
  VM_ACC_CASE(name##_##form##_Tee_toA) MNEMO_TEE_BODY(form, name, p0, p1, ns, A)
#define MNEMO_TEE_FORMS(name, res, p0, p1, ns) \
  MNEMO_VM_EVERY_FORM(MNEMO_TEE_FORM, name, p0, p1, ns) MNEMO_VM_EVERY_FORM(MNEMO_TEE_FORM_TO_ACC, name, p0, p1, ns)
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_BINARY_ROW(MNEMO_TEE_FORMS, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP

  // Rows with an i32 result fused with the br_if (jump when non-zero) / if (when zero) after them,
  // in every form; the branch offset follows the form's immediates.
#define MNEMO_JUMP_FORM_CASE(form, name, p0, p1, ns, suffix, test) \
  MNEMO_FORM_CASE_##form(name##_##form##_##suffix) {                \
    MNEMO_FORM_APPLY(form, name, p0, p1, ns, ip)                    \
    sp += MNEMO_FORM_SP_##form - 1;                                 \
    ip += MNEMO_FORM_IMMS_##form;                                   \
    if (uint32_t(r_) test 0)                                        \
      ip += int64_t(ip[0]);                                         \
    else                                                            \
      ip += 1;                                                      \
    VM_NEXT();                                                      \
  }
#define MNEMO_JUMP_FORM(form, name, p0, p1, ns)                 \
  MNEMO_JUMP_FORM_CASE(form, name, p0, p1, ns, If, !=)          \
  MNEMO_JUMP_FORM_CASE(form, name, p0, p1, ns, Unless, ==)
#define MNEMO_JUMP_FORMS(name, res, p0, p1, ns) \
  MNEMO_VM_IF_I32_##res(MNEMO_VM_EVERY_FORM, MNEMO_JUMP_FORM, name, p0, p1, ns)
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_BINARY_ROW(MNEMO_JUMP_FORMS, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP

  // Address forms of the scalar loads (core/vm/code.h): immediates memory, offset, then the
  // address's own; `addr` is the 32-bit address, `sp_move` how the load moves sp.
#define MNEMO_LOAD_AT(name, text, res, align, addr, sp_move, imms, put)                        \
  {                                                                                            \
    constexpr uint64_t kSize = uint64_t(1) << align;                                           \
    auto* m_ = IMM_PTR(MemoryInstance, 0);                                                     \
    const uint64_t ea_ = uint64_t(addr) + offset_of_word(ip[1]);                               \
    if (MNEMO_UNLIKELY(ea_ + kSize > m_->size)) VM_TRAP_MEM(Read, memory_of_word(ip[1]), ea_, kSize); \
    VM_ACCESS(Read, memory_of_word(ip[1]), ea_, kSize);                                        \
    MNEMO_PUT_##put(sp_move, (load_scalar<SigType::res, unsigned(kSize), text_signed(text)>(m_->data + ea_))) \
    ip += 2 + imms;                                                                            \
    VM_NEXT();                                                                                 \
  }
#define MNEMO_LOAD_ADDRESS_OF(form) uint32_t(MNEMO_FORM_A_##form(ip + 2) + MNEMO_FORM_B_##form(ip + 2))
#define MNEMO_LOAD_ADD_FORM(form, name, text, res, align) \
  MNEMO_FORM_CASE_##form(name##_Add##form)                 \
  MNEMO_LOAD_AT(name, text, res, align, MNEMO_LOAD_ADDRESS_OF(form), MNEMO_FORM_SP_##form, MNEMO_FORM_IMMS_##form, S)
#define MNEMO_LOAD_ADD_FORM_TO_ACC(form, name, text, res, align) \
  VM_ACC_CASE(name##_Add##form##_toA)                             \
  MNEMO_LOAD_AT(name, text, res, align, MNEMO_LOAD_ADDRESS_OF(form), MNEMO_FORM_SP_##form, MNEMO_FORM_IMMS_##form, A)
  // A load's accumulator twins: the row's own op (its address popped) and _L with their results
  // left in the accumulator; the address from the accumulator (A), the result pushed or left there;
  // the address forms taking the add's top operand from the accumulator, or leaving the result.
#define MNEMO_LOAD_FORMS(name, text, res, align)                                                 \
  VM_CASE(name##_L) MNEMO_LOAD_AT(name, text, res, align, uint32_t(fp[ip[2]]), 1, 1, S)          \
  MNEMO_VM_EVERY_FORM(MNEMO_LOAD_ADD_FORM, name, text, res, align)                               \
  VM_ACC_CASE(name##_toA) MNEMO_LOAD_AT(name, text, res, align, uint32_t(sp[-1]), 0, 0, A)       \
  VM_ACC_CASE(name##_L_toA) MNEMO_LOAD_AT(name, text, res, align, uint32_t(fp[ip[2]]), 1, 1, A)  \
  VM_ACC_CASE(name##_A) MNEMO_LOAD_AT(name, text, res, align, uint32_t(acc), 1, 0, S)            \
  VM_ACC_CASE(name##_A_toA) MNEMO_LOAD_AT(name, text, res, align, uint32_t(acc), 1, 0, A)        \
  MNEMO_VM_EVERY_FORM(MNEMO_LOAD_ADD_FORM_TO_ACC, name, text, res, align)
  // Operand forms of the scalar stores: a is the address, b the value (its low 1 << align bytes).
#define MNEMO_STORE_FORM(form, name, align)                                                    \
  MNEMO_FORM_CASE_##form(name##_##form) {                                                      \
    constexpr uint64_t kSize = uint64_t(1) << align;                                           \
    auto* m_ = IMM_PTR(MemoryInstance, 0);                                                     \
    const uint64_t ea_ = uint64_t(uint32_t(MNEMO_FORM_A_##form(ip + 2))) + offset_of_word(ip[1]); \
    const uint64_t v_ = MNEMO_FORM_B_##form(ip + 2);                                           \
    if (MNEMO_UNLIKELY(ea_ + kSize > m_->size)) VM_TRAP_MEM(Write, memory_of_word(ip[1]), ea_, kSize); \
    VM_ACCESS(Write, memory_of_word(ip[1]), ea_, kSize);                                       \
    std::memcpy(m_->data + ea_, &v_, kSize);                                                   \
    sp += MNEMO_FORM_SP_##form - 1;                                                            \
    ip += 2 + MNEMO_FORM_IMMS_##form;                                                          \
    VM_NEXT();                                                                                 \
  }
#define MNEMO_STORE_FORMS(name, text, align) \
  MNEMO_VM_FORMS(MNEMO_STORE_FORM, name, align) MNEMO_VM_ACC_FORMS(MNEMO_STORE_FORM, name, align)
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_MEMARG_ROW(MNEMO_LOAD_FORMS, MNEMO_STORE_FORMS, name, text, imm, res, feat, align)
#include "core/opcodes.def"
#undef OP

  // Register forms of the v128 rows (core/vm/code.h): immediates d1 d2 h, then the operands.
#define MNEMO_REGISTER_RESULT(r, words)   \
  std::memcpy(fp + ip[0], (r).bytes.data(), 16); \
  std::memcpy(fp + ip[1], (r).bytes.data(), 16); \
  sp = fp + ip[2];                        \
  ip += (words);                          \
  VM_NEXT();
#if MNEMO_VM_SIMD
#define MNEMO_REGISTER_Op(name, p0, p1)                                                           \
  VM_CASE(name##_R) {                                                                             \
    const V128 r_ = vsimd::name(MNEMO_REGISTER_OPERANDS_##p1(p0, p1));                            \
    MNEMO_REGISTER_RESULT(r_, 4 + (SigType::p1 != SigType::___))                                 \
  }                                                                                               \
  MNEMO_VM_IF_RC_Op_##p1(MNEMO_REGISTER_CONST, name, p0, p1)
#define MNEMO_REGISTER_OPERANDS____(p0, p1) operand_at<SigType::p0>(fp + ip[3])
#define MNEMO_REGISTER_OPERANDS_V128(p0, p1) \
  operand_at<SigType::p0>(fp + ip[3]), operand_at<SigType::p1>(fp + ip[4])
#define MNEMO_REGISTER_OPERANDS_I32 MNEMO_REGISTER_OPERANDS_V128
#define MNEMO_REGISTER_CONST(name, p0, p1)                                                        \
  VM_CASE(name##_RC) {                                                                            \
    const V128 r_ = vsimd::name(operand_at<SigType::p0>(fp + ip[3]), operand_at<SigType::p1>(ip + 4)); \
    MNEMO_REGISTER_RESULT(r_, 4 + slot_count(SigType::p1))                                         \
  }
  // A v128 load: memory, offset, then the address's slot.
#define MNEMO_REGISTER_Load(name, p0, p1)                                                         \
  VM_CASE(name##_R) {                                                                             \
    constexpr uint64_t kSize = uint64_t(1) << kOpcodeInfo[uint16_t(Opcode::name)].align;          \
    auto* m_ = IMM_PTR(MemoryInstance, 3);                                                        \
    const uint64_t ea_ = uint64_t(uint32_t(fp[ip[5]])) + offset_of_word(ip[4]);                   \
    if (MNEMO_UNLIKELY(ea_ + kSize > m_->size)) VM_TRAP_MEM(Read, memory_of_word(ip[4]), ea_, kSize); \
    VM_ACCESS(Read, memory_of_word(ip[4]), ea_, kSize);                                           \
    const V128 r_ = vsimd::name(m_->data + ea_);                                                  \
    MNEMO_REGISTER_RESULT(r_, 6)                                                                  \
  }
#define MNEMO_REGISTER_FORM(name, kind, p0, p1) MNEMO_REGISTER_##kind(name, p0, p1)
#else
#define MNEMO_REGISTER_RC_INVALID(name) VM_CASE(name##_RC) goto invalid_op;
#define MNEMO_REGISTER_FORM(name, kind, p0, p1) \
  VM_CASE(name##_R) goto invalid_op;            \
  MNEMO_VM_IF_RC_##kind##_##p1(MNEMO_REGISTER_RC_INVALID, name)
#endif
#define OP(name, text, prefix, code, imm, align, res, p0, p1, p2, feat) \
  MNEMO_VM_V128_ROW(MNEMO_REGISTER_FORM, name, imm, res, p0, p1, p2, feat)
#include "core/opcodes.def"
#undef OP

  // Ops that never appear in translated code.
  VM_CASE(Block)
  VM_CASE(Loop)
  VM_CASE(If)
  VM_CASE(Else)
  VM_CASE(End)
  VM_CASE(Br)
  VM_CASE(BrIf)
  VM_CASE(BrTable)
  VM_CASE(SelectT)
  VM_CASE(Invalid) goto invalid_op;

#if !MNEMO_VM_COMPUTED_GOTO
    default: goto invalid_op;
  }
#endif

  // --- exits -----------------------------------------------------------------------------------
do_call: {
  if (callee->is_host()) {
    uint64_t* args = sp - callee->param_slots;
    // The thread's registers are current during a host call, so the host may call back into
    // wasm on this thread (vm::call pushes above them and restores them).
    t.sp = sp;
    t.fp = fp;
    t.ip = ip;
    t.cur = cur;
    t.depth = depth;
    const bool returned = call_host(t, *callee, args);
    if constexpr (kDebug) dbg->lane_end = 0;  // the host may have paused, or set a breakpoint or watchpoint
    if (!returned) VM_TRAP(TrapCode::HostTrap);
    sp = args + callee->result_slots;
    VM_NEXT();
  }
  // A wasm callee reached by call_indirect or through CallHost (the Call op has its own path).
  const CompiledFunc* c = interp_code(*callee);
  if (MNEMO_UNLIKELY(!c)) VM_TRAP(TrapCode::MachineCodeOnly);  // see translate.cpp, Call
  if (MNEMO_UNLIKELY(depth >= max_frames || sp + c->max_slots > stack_end)) VM_TRAP(TrapCode::CallStackExhausted);
  frames[depth++] = Frame{ip, fp, cur};
  fp = sp - c->param_slots;
  zero_locals(sp, c->local_slots);
  sp += c->local_slots;
  cur = c;
  ip = c->code.data();
  VM_NEXT();
}

// Every exit writes the loop's registers back to the thread, so a run can resume.
#define VM_SAVE_STATE() (t.sp = sp, t.fp = fp, t.ip = ip, t.cur = cur, t.depth = depth, t.acc = acc)
invalid_op:
  trap_code = TrapCode::Unreachable;
trapped:
  t.trap.code = trap_code;
  t.trap.func = cur;
  t.trap.pc = cur ? uint32_t(ip - 1 - cur->code.data()) : 0;
  VM_SAVE_STATE();
  return RunStatus::Trapped;

finished:
  VM_SAVE_STATE();
  return RunStatus::Finished;

stopped:
  VM_SAVE_STATE();
  return RunStatus::Stopped;

yielded:  // before the instruction at ip (MNEMO_VM_SLICES)
  VM_SAVE_STATE();
  return RunStatus::Yielded;

#undef VM_SAVE_STATE
#undef VM_SLICE
#undef VM_CASE
#undef VM_NEXT
}

}  // namespace mnemo::vm
