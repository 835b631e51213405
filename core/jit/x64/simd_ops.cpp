// core/jit/x64/simd_ops.cpp: the v128 instructions on SSE4.1 (see simd_ops.h).
//
// Conventions: a v128 operand at slot s is the 16 bytes at [frame + 8 s]; xmm0 takes the first
// operand, xmm1 the second, xmm2 and xmm3 are temporaries; constants are built in a register
// through rax (no constant pool). A vector is always written to its slots whole, by one 16-byte
// store: a 16-byte load of bytes that smaller stores wrote just before cannot be forwarded from
// them and waits for them to reach the cache (store-forwarding stall, some 10-15 cycles; written
// lane by lane, the simd guest ran 2-3 times slower than in the interpreter). So replace_lane
// and the lane loads insert with pinsr, splats and constants are built in a register, and only
// extract_lane reads a lane's bytes from the slot with a general register (a smaller load
// inside a bigger store forwards).
//
// NaN results: x86's arithmetic returns the first NaN operand made quiet, or its default NaN
// (0xFFC00000 / 0xFFF8000000000000: canonical, sign set) when it creates one; every such result
// is one the spec allows (spec 4.3.3, NaN propagation), as in core/simd/host_x86.h.
#include "core/jit/x64/simd_ops.h"

#include <cstring>

namespace mnemo::jit::x64 {
namespace {

using P = Assembler::Packed;
using PI = Assembler::PackedImm;
using PS = Assembler::PackedShift;
using MM = Assembler::MoveMask;
using LaneW = Assembler::LaneW;

constexpr Xmm x0 = Xmm::xmm0, x1 = Xmm::xmm1, x2 = Xmm::xmm2, x3 = Xmm::xmm3;

// cmpps / cmppd predicates (Intel SDM, CMPPS: imm8 0-7).
enum Pred : uint8_t { kEq = 0, kLt = 1, kLe = 2, kUnord = 3, kNeq = 4, kOrd = 7 };
// roundps / roundpd modes; bit 3 keeps the precision exception quiet.
enum Round : uint8_t { kNearest = 8, kFloor = 9, kCeil = 10, kTrunc = 11 };

// The plain two-operand instructions: xmm0 = a OP b (`swap`: b OP a), complemented with `invert`.
struct BinaryRow {
  Opcode op;
  P p;
  bool swap = false;
  bool invert = false;
};
constexpr BinaryRow kBinary[] = {
    // bitwise
    {Opcode::V128And, P::pand}, {Opcode::V128Or, P::por}, {Opcode::V128Xor, P::pxor},
    {Opcode::V128Andnot, P::pandn, true},  // pandn: ~dst & src, so ~b & a
    // integer arithmetic
    {Opcode::I8x16Add, P::paddb}, {Opcode::I16x8Add, P::paddw}, {Opcode::I32x4Add, P::paddd}, {Opcode::I64x2Add, P::paddq},
    {Opcode::I8x16Sub, P::psubb}, {Opcode::I16x8Sub, P::psubw}, {Opcode::I32x4Sub, P::psubd}, {Opcode::I64x2Sub, P::psubq},
    {Opcode::I8x16AddSatS, P::paddsb}, {Opcode::I8x16AddSatU, P::paddusb}, {Opcode::I8x16SubSatS, P::psubsb},
    {Opcode::I8x16SubSatU, P::psubusb}, {Opcode::I16x8AddSatS, P::paddsw}, {Opcode::I16x8AddSatU, P::paddusw},
    {Opcode::I16x8SubSatS, P::psubsw}, {Opcode::I16x8SubSatU, P::psubusw},
    {Opcode::I16x8Mul, P::pmullw}, {Opcode::I32x4Mul, P::pmulld},
    {Opcode::I8x16MinS, P::pminsb}, {Opcode::I8x16MinU, P::pminub}, {Opcode::I8x16MaxS, P::pmaxsb}, {Opcode::I8x16MaxU, P::pmaxub},
    {Opcode::I16x8MinS, P::pminsw}, {Opcode::I16x8MinU, P::pminuw}, {Opcode::I16x8MaxS, P::pmaxsw}, {Opcode::I16x8MaxU, P::pmaxuw},
    {Opcode::I32x4MinS, P::pminsd}, {Opcode::I32x4MinU, P::pminud}, {Opcode::I32x4MaxS, P::pmaxsd}, {Opcode::I32x4MaxU, P::pmaxud},
    {Opcode::I8x16AvgrU, P::pavgb}, {Opcode::I16x8AvgrU, P::pavgw},
    // pmaddwd: a0 b0 + a1 b1 per 32-bit lane; only 2 (-2^15)^2 overflows, to INT32_MIN, as dot wraps
    {Opcode::I32x4DotI16x8S, P::pmaddwd},
    // narrowing: a's lanes, then b's, saturated from signed values (packus: to unsigned)
    {Opcode::I8x16NarrowI16x8S, P::packsswb}, {Opcode::I8x16NarrowI16x8U, P::packuswb},
    {Opcode::I16x8NarrowI32x4S, P::packssdw}, {Opcode::I16x8NarrowI32x4U, P::packusdw},
    // integer comparisons: eq, ne = not eq, gt_s; lt_s(a, b) = gt_s(b, a); le_s = not gt_s; ge_s = not lt_s
    {Opcode::I8x16Eq, P::pcmpeqb}, {Opcode::I16x8Eq, P::pcmpeqw}, {Opcode::I32x4Eq, P::pcmpeqd}, {Opcode::I64x2Eq, P::pcmpeqq},
    {Opcode::I8x16Ne, P::pcmpeqb, false, true}, {Opcode::I16x8Ne, P::pcmpeqw, false, true},
    {Opcode::I32x4Ne, P::pcmpeqd, false, true}, {Opcode::I64x2Ne, P::pcmpeqq, false, true},
    {Opcode::I8x16GtS, P::pcmpgtb}, {Opcode::I16x8GtS, P::pcmpgtw}, {Opcode::I32x4GtS, P::pcmpgtd},
    {Opcode::I8x16LtS, P::pcmpgtb, true}, {Opcode::I16x8LtS, P::pcmpgtw, true}, {Opcode::I32x4LtS, P::pcmpgtd, true},
    {Opcode::I8x16LeS, P::pcmpgtb, false, true}, {Opcode::I16x8LeS, P::pcmpgtw, false, true},
    {Opcode::I32x4LeS, P::pcmpgtd, false, true},
    {Opcode::I8x16GeS, P::pcmpgtb, true, true}, {Opcode::I16x8GeS, P::pcmpgtw, true, true},
    {Opcode::I32x4GeS, P::pcmpgtd, true, true},
    // float arithmetic (x86 NaNs: see the file comment)
    {Opcode::F32x4Add, P::addps}, {Opcode::F32x4Sub, P::subps}, {Opcode::F32x4Mul, P::mulps}, {Opcode::F32x4Div, P::divps},
    {Opcode::F64x2Add, P::addpd}, {Opcode::F64x2Sub, P::subpd}, {Opcode::F64x2Mul, P::mulpd}, {Opcode::F64x2Div, P::divpd},
    // pmin(a, b) = b < a ? b : a = minps(b, a); pmax(a, b) = a < b ? b : a = maxps(b, a): minps and
    // maxps return their second operand when the comparison is false (NaNs, equal zeros)
    {Opcode::F32x4Pmin, P::minps, true}, {Opcode::F32x4Pmax, P::maxps, true},
    {Opcode::F64x2Pmin, P::minpd, true}, {Opcode::F64x2Pmax, P::maxpd, true},
};

// Unsigned comparisons through unsigned min / max: ge_u(a, b) = (max(a, b) == a), le_u(a, b) =
// (min(a, b) == a); lt_u = not ge_u, gt_u = not le_u.
struct UnsignedCompareRow {
  Opcode op;
  P minmax, eq;
  bool invert;
};
constexpr UnsignedCompareRow kUnsignedCompare[] = {
    {Opcode::I8x16GeU, P::pmaxub, P::pcmpeqb, false}, {Opcode::I8x16LtU, P::pmaxub, P::pcmpeqb, true},
    {Opcode::I8x16LeU, P::pminub, P::pcmpeqb, false}, {Opcode::I8x16GtU, P::pminub, P::pcmpeqb, true},
    {Opcode::I16x8GeU, P::pmaxuw, P::pcmpeqw, false}, {Opcode::I16x8LtU, P::pmaxuw, P::pcmpeqw, true},
    {Opcode::I16x8LeU, P::pminuw, P::pcmpeqw, false}, {Opcode::I16x8GtU, P::pminuw, P::pcmpeqw, true},
    {Opcode::I32x4GeU, P::pmaxud, P::pcmpeqd, false}, {Opcode::I32x4LtU, P::pmaxud, P::pcmpeqd, true},
    {Opcode::I32x4LeU, P::pminud, P::pcmpeqd, false}, {Opcode::I32x4GtU, P::pminud, P::pcmpeqd, true},
};

// Float comparisons: cmpps / cmppd; gt and ge swap the operands of lt and le. Ordered, except
// ne (neq is true on unordered lanes), as WebAssembly's are.
struct FloatCompareRow {
  Opcode op;
  PI p;
  uint8_t pred;
  bool swap;
};
constexpr FloatCompareRow kFloatCompare[] = {
    {Opcode::F32x4Eq, PI::cmpps, kEq, false}, {Opcode::F32x4Ne, PI::cmpps, kNeq, false},
    {Opcode::F32x4Lt, PI::cmpps, kLt, false}, {Opcode::F32x4Gt, PI::cmpps, kLt, true},
    {Opcode::F32x4Le, PI::cmpps, kLe, false}, {Opcode::F32x4Ge, PI::cmpps, kLe, true},
    {Opcode::F64x2Eq, PI::cmppd, kEq, false}, {Opcode::F64x2Ne, PI::cmppd, kNeq, false},
    {Opcode::F64x2Lt, PI::cmppd, kLt, false}, {Opcode::F64x2Gt, PI::cmppd, kLt, true},
    {Opcode::F64x2Le, PI::cmppd, kLe, false}, {Opcode::F64x2Ge, PI::cmppd, kLe, true},
};

// Unary instructions that are one packed instruction on the operand itself.
struct UnaryRow {
  Opcode op;
  P p;
};
constexpr UnaryRow kUnary[] = {
    {Opcode::I8x16Abs, P::pabsb}, {Opcode::I16x8Abs, P::pabsw}, {Opcode::I32x4Abs, P::pabsd},
    {Opcode::F32x4Sqrt, P::sqrtps}, {Opcode::F64x2Sqrt, P::sqrtpd},
    {Opcode::I16x8ExtendLowI8x16S, P::pmovsxbw}, {Opcode::I32x4ExtendLowI16x8S, P::pmovsxwd},
    {Opcode::I64x2ExtendLowI32x4S, P::pmovsxdq}, {Opcode::I16x8ExtendLowI8x16U, P::pmovzxbw},
    {Opcode::I32x4ExtendLowI16x8U, P::pmovzxwd}, {Opcode::I64x2ExtendLowI32x4U, P::pmovzxdq},
    // exact or rounded once, to nearest even (MXCSR's mode, which nothing changes)
    {Opcode::F32x4ConvertI32x4S, P::cvtdq2ps}, {Opcode::F64x2ConvertLowI32x4S, P::cvtdq2pd},
    // NaNs: promote / demote keep the payload's top bits and set the quiet bit, so a canonical NaN
    // stays canonical and any other becomes an arithmetic one; demote zeroes the upper lanes
    {Opcode::F64x2PromoteLowF32x4, P::cvtps2pd}, {Opcode::F32x4DemoteF64x2Zero, P::cvtpd2ps},
};

// The high half's lanes, widened: shifted down 8 bytes, then as the low half (signed); or
// interleaved with zeros (unsigned).
struct ExtendHighRow {
  Opcode op;
  P p;
  bool is_signed;
};
constexpr ExtendHighRow kExtendHigh[] = {
    {Opcode::I16x8ExtendHighI8x16S, P::pmovsxbw, true},   {Opcode::I32x4ExtendHighI16x8S, P::pmovsxwd, true},
    {Opcode::I64x2ExtendHighI32x4S, P::pmovsxdq, true},   {Opcode::I16x8ExtendHighI8x16U, P::punpckhbw, false},
    {Opcode::I32x4ExtendHighI16x8U, P::punpckhwd, false}, {Opcode::I64x2ExtendHighI32x4U, P::punpckhdq, false},
};

class Emitter {
 public:
  explicit Emitter(SimdContext& c) : c_(c), a_(c.a) {}

  Mem slot(uint32_t s, int32_t byte = 0) const { return Mem{c_.frame, int32_t(8 * s) + byte}; }
  void load(Xmm x, uint32_t s) { a_.movdqu(x, slot(s)); }
  void store(uint32_t s, Xmm x) { a_.movdqu(slot(s), x); }
  void copy(Xmm dst, Xmm src) { a_.packed(P::movdqa, dst, src); }
  void zero(Xmm x) { a_.packed(P::pxor, x, x); }
  void ones(Xmm x) { a_.packed(P::pcmpeqd, x, x); }
  void invert(Xmm x, Xmm scratch) {
    ones(scratch);
    a_.packed(P::pxor, x, scratch);
  }
  // The 128-bit constant hi:lo in `x`, through rax.
  void constant(Xmm x, uint64_t lo, uint64_t hi) {
    if (lo == 0 && hi == 0) return zero(x);
    if (lo == ~0ull && hi == ~0ull) return ones(x);
    a_.mov_imm(W::W64, Reg::rax, lo);
    a_.mov_to_xmm(W::W64, x, Reg::rax);  // movq: the upper half zero
    if (hi == lo) {
      a_.packed(P::punpcklqdq, x, x);
    } else if (hi != 0) {
      a_.mov_imm(W::W64, Reg::rax, hi);
      a_.pinsr(Assembler::LaneW::Q, x, Reg::rax, 1);
    }
  }
  void splat64(Xmm x, uint64_t v) { constant(x, v, v); }
  void splat32(Xmm x, uint32_t v) { splat64(x, uint64_t(v) << 32 | v); }
  void splat16(Xmm x, uint16_t v) { splat32(x, uint32_t(v) << 16 | v); }
  void splat8(Xmm x, uint8_t v) { splat16(x, uint16_t(v << 8 | v)); }
  // A scalar result from rax into its slot (an i32 zero-extended, as every i32 slot is).
  void store_rax(uint32_t s) { a_.mov(W::W64, slot(s), Reg::rax); }

  // --- shapes ---------------------------------------------------------------------------------
  // a, b at h0-4 and h0-2 into xmm0 and xmm1 (`swap`: b into xmm0, a into xmm1).
  void load2(uint32_t h0, bool swap = false) {
    load(swap ? x1 : x0, h0 - 4);
    load(swap ? x0 : x1, h0 - 2);
  }
  void binary(const BinaryRow& r, uint32_t h0) {
    load2(h0, r.swap);
    a_.packed(r.p, x0, x1);
    if (r.invert) invert(x0, x1);
    store(h0 - 4, x0);
  }

  // a > b on signed 64-bit lanes without SSE4.2's pcmpgtq: the high halves decide (signed),
  // unless they are equal, when the borrow of b - a (low halves, unsigned) does, which lands in
  // the high half of the 64-bit difference; the verdict is then copied to both halves.
  // xmm0 = a, xmm1 = b; the result in xmm2; xmm3 is spoiled.
  void gt_s64() {
    copy(x2, x1);
    a_.packed(P::psubq, x2, x0);    // b - a
    copy(x3, x0);
    a_.packed(P::pcmpeqd, x3, x1);  // halves equal
    a_.packed(P::pand, x2, x3);
    copy(x3, x0);
    a_.packed(P::pcmpgtd, x3, x1);  // halves greater (signed)
    a_.packed(P::por, x2, x3);
    a_.packed(PI::pshufd, x2, x2, 0xf5);  // lanes 3 3 1 1: the high halves
  }
  // lt_s(a, b) = gt_s(b, a); le_s = not gt_s; ge_s = not lt_s.
  void compare_s64(Opcode op, uint32_t h0) {
    const bool swap = op == Opcode::I64x2LtS || op == Opcode::I64x2GeS;
    const bool inv = op == Opcode::I64x2LeS || op == Opcode::I64x2GeS;
    load2(h0, swap);
    gt_s64();
    if (inv) invert(x2, x3);
    store(h0 - 4, x2);
  }

  // All-ones in the 64-bit lanes of xmm `src` whose sign is set, into `dst`.
  void sign64(Xmm dst, Xmm src) {
    a_.packed(PI::pshufd, dst, src, 0xf5);
    a_.packed_shift(PS::psrad, dst, 31);
  }

  // min / max: minps / maxps are x < y ? x : y (resp. >), so with a NaN or two zeros they return
  // their second operand. Both orders combined give the spec's result for zeros (min: OR gives -0,
  // max: AND gives +0; equal lanes stay). Lanes where either is NaN become the canonical NaN
  // (sign set): the unordered mask m, then ~(m >> (mantissa bits less the quiet bit)) & (r | m).
  void min_max(bool is_min, bool f64, uint32_t h0) {
    const P op = is_min ? (f64 ? P::minpd : P::minps) : (f64 ? P::maxpd : P::maxps);
    load2(h0);
    copy(x2, x0);
    a_.packed(op, x2, x1);  // op(a, b)
    copy(x3, x1);
    a_.packed(op, x3, x0);  // op(b, a)
    a_.packed(is_min ? P::orps : P::andps, x2, x3);
    copy(x3, x0);
    a_.packed(f64 ? PI::cmppd : PI::cmpps, x3, x1, kUnord);
    a_.packed(P::orps, x2, x3);
    a_.packed_shift(f64 ? PS::psrlq : PS::psrld, x3, f64 ? 13 : 10);
    a_.packed(P::andnps, x3, x2);
    store(h0 - 4, x3);
  }

  // Shifts: the count from slot h0-1, modulo the lane width, in xmm1; the vector at h0-3 in xmm0.
  void shift_count(uint32_t h0, uint32_t width, uint32_t add = 0) {
    load(x0, h0 - 3);
    a_.mov(W::W32, Reg::rax, slot(h0 - 1));
    a_.alu_imm(Alu::and_, W::W32, Reg::rax, int32_t(width - 1));
    if (add) a_.alu_imm(Alu::add, W::W32, Reg::rax, int32_t(add));
    a_.mov_to_xmm(W::W32, x1, Reg::rax);
  }
  void shift(P op, uint32_t width, uint32_t h0) {
    shift_count(h0, width);
    a_.packed(op, x0, x1);
    store(h0 - 3, x0);
  }
  // Bytes shift as 16-bit lanes; the bits that crossed from the neighbouring byte are masked off
  // with byte 0 of a word shifted alike (shl: 0xffff << n, shr_u: 0x00ff >> n), broadcast to
  // every byte by pshufb with zero indices.
  void shift_bytes(Opcode op, uint32_t h0) {
    if (op == Opcode::I8x16ShrS) {
      // Each byte doubled into a 16-bit lane (b:b), shifted arithmetically by 8 + n, and packed
      // back: the results are within int8, so packsswb does not saturate.
      shift_count(h0, 8, 8);
      copy(x2, x0);
      a_.packed(P::punpcklbw, x0, x0);
      a_.packed(P::punpckhbw, x2, x2);
      a_.packed(P::psraw, x0, x1);
      a_.packed(P::psraw, x2, x1);
      a_.packed(P::packsswb, x0, x2);
      store(h0 - 3, x0);
      return;
    }
    shift_count(h0, 8);
    const bool left = op == Opcode::I8x16Shl;
    a_.packed(left ? P::psllw : P::psrlw, x0, x1);
    ones(x2);
    if (!left) a_.packed_shift(PS::psrlw, x2, 8);  // 0x00ff: byte 0 of the result is 0xff >> n
    a_.packed(left ? P::psllw : P::psrlw, x2, x1);
    zero(x3);
    a_.packed(P::pshufb, x2, x3);
    a_.packed(P::pand, x0, x2);
    store(h0 - 3, x0);
  }

  // --- memory ---------------------------------------------------------------------------------
  // The lane width of a lane load or store (its access size), and a lane index masked to it.
  static LaneW lane_width(Opcode op) {
    const uint8_t size_log2 = info(op).align;
    return size_log2 == 0 ? LaneW::B : size_log2 == 1 ? LaneW::W : size_log2 == 2 ? LaneW::D : LaneW::Q;
  }
  static uint8_t lane_index(LaneW w, uint8_t lane) { return uint8_t(lane & ((16 >> int(w)) - 1)); }

  Mem access(const Instr& in, uint32_t address_slot, MemoryAccess::Kind kind) {
    return c_.address(in.mem, address_slot, 1u << info(in.op).align, kind);
  }

  bool memory(const Instr& in, uint32_t h0) {
    const uint32_t at = h0 - 1;  // a load's address; its result goes there
    auto read = [&] { return access(in, at, MemoryAccess::Kind::Read); };
    switch (in.op) {
      case Opcode::V128Load: a_.movdqu(x0, read()); break;
      case Opcode::V128Load8x8S: a_.packed(P::pmovsxbw, x0, read()); break;
      case Opcode::V128Load8x8U: a_.packed(P::pmovzxbw, x0, read()); break;
      case Opcode::V128Load16x4S: a_.packed(P::pmovsxwd, x0, read()); break;
      case Opcode::V128Load16x4U: a_.packed(P::pmovzxwd, x0, read()); break;
      case Opcode::V128Load32x2S: a_.packed(P::pmovsxdq, x0, read()); break;
      case Opcode::V128Load32x2U: a_.packed(P::pmovzxdq, x0, read()); break;
      case Opcode::V128Load32Zero: a_.movd(x0, read()); break;
      case Opcode::V128Load64Zero: a_.movq(x0, read()); break;
      case Opcode::V128Load8Splat:
        a_.load_zx8(Reg::rax, read());
        a_.mov_to_xmm(W::W32, x0, Reg::rax);
        zero(x1);
        a_.packed(P::pshufb, x0, x1);
        break;
      case Opcode::V128Load16Splat:
        a_.load_zx16(Reg::rax, read());
        a_.mov_to_xmm(W::W32, x0, Reg::rax);
        a_.packed(PI::pshuflw, x0, x0, 0);
        a_.packed(PI::pshufd, x0, x0, 0);
        break;
      case Opcode::V128Load32Splat:
        a_.movd(x0, read());
        a_.packed(PI::pshufd, x0, x0, 0);
        break;
      case Opcode::V128Load64Splat:
        a_.movq(x0, read());
        a_.packed(P::punpcklqdq, x0, x0);
        break;
      case Opcode::V128Store:
        load(x0, h0 - 2);
        a_.movdqu(access(in, h0 - 3, MemoryAccess::Kind::Write), x0);
        return true;
      // Lanes: the vector at h0-2 waits in xmm0 while the address is computed; pinsr / pextr
      // with the guest's bytes as their memory operand are the access. A loaded vector moves
      // down over the address.
      case Opcode::V128Load8Lane:
      case Opcode::V128Load16Lane:
      case Opcode::V128Load32Lane:
      case Opcode::V128Load64Lane: {
        const LaneW w = lane_width(in.op);
        load(x0, h0 - 2);
        a_.pinsr(w, x0, access(in, h0 - 3, MemoryAccess::Kind::Read), lane_index(w, in.lane));
        store(h0 - 3, x0);
        return true;
      }
      case Opcode::V128Store8Lane:
      case Opcode::V128Store16Lane:
      case Opcode::V128Store32Lane:
      case Opcode::V128Store64Lane: {
        const LaneW w = lane_width(in.op);
        load(x0, h0 - 2);
        a_.pextr(w, access(in, h0 - 3, MemoryAccess::Kind::Write), x0, lane_index(w, in.lane));
        return true;
      }
      default: return false;
    }
    store(at, x0);
    return true;
  }

  // --- lanes ----------------------------------------------------------------------------------
  bool lanes(const Instr& in, uint32_t h0) {
    switch (in.op) {
      case Opcode::V128Const: {  // built in xmm0 and stored whole (see the file comment)
        uint64_t half[2];
        std::memcpy(half, in.v128.bytes.data(), 16);
        constant(x0, half[0], half[1]);
        store(h0, x0);
        return true;
      }
      // Splats: the scalar at h0-1 becomes the vector there.
      case Opcode::I8x16Splat:
        a_.movd(x0, slot(h0 - 1));
        zero(x1);
        a_.packed(P::pshufb, x0, x1);
        store(h0 - 1, x0);
        return true;
      case Opcode::I16x8Splat:
        a_.movd(x0, slot(h0 - 1));
        a_.packed(PI::pshuflw, x0, x0, 0);
        a_.packed(PI::pshufd, x0, x0, 0);
        store(h0 - 1, x0);
        return true;
      case Opcode::I32x4Splat:
      case Opcode::F32x4Splat:
        a_.movd(x0, slot(h0 - 1));
        a_.packed(PI::pshufd, x0, x0, 0);
        store(h0 - 1, x0);
        return true;
      case Opcode::I64x2Splat:
      case Opcode::F64x2Splat:
        a_.movq(x0, slot(h0 - 1));
        a_.packed(P::punpcklqdq, x0, x0);
        store(h0 - 1, x0);
        return true;
      // Extract: the lane's bytes at h0-2 + lane, extended, replace the vector.
      case Opcode::I8x16ExtractLaneS: a_.load_sx8(W::W32, Reg::rax, slot(h0 - 2, in.lane & 15)); break;
      case Opcode::I8x16ExtractLaneU: a_.load_zx8(Reg::rax, slot(h0 - 2, in.lane & 15)); break;
      case Opcode::I16x8ExtractLaneS: a_.load_sx16(W::W32, Reg::rax, slot(h0 - 2, 2 * (in.lane & 7))); break;
      case Opcode::I16x8ExtractLaneU: a_.load_zx16(Reg::rax, slot(h0 - 2, 2 * (in.lane & 7))); break;
      case Opcode::I32x4ExtractLane:
      case Opcode::F32x4ExtractLane: a_.mov(W::W32, Reg::rax, slot(h0 - 2, 4 * (in.lane & 3))); break;
      case Opcode::I64x2ExtractLane:
      case Opcode::F64x2ExtractLane: a_.mov(W::W64, Reg::rax, slot(h0 - 2, 8 * (in.lane & 1))); break;
      // Replace: the scalar at h0-1 into the lane of the vector at h0-3, by pinsr from its slot.
      case Opcode::I8x16ReplaceLane: replace_lane(LaneW::B, in.lane, h0); return true;
      case Opcode::I16x8ReplaceLane: replace_lane(LaneW::W, in.lane, h0); return true;
      case Opcode::I32x4ReplaceLane:
      case Opcode::F32x4ReplaceLane: replace_lane(LaneW::D, in.lane, h0); return true;
      case Opcode::I64x2ReplaceLane:
      case Opcode::F64x2ReplaceLane: replace_lane(LaneW::Q, in.lane, h0); return true;
      // shuffle: pshufb picks a's bytes with one mask (0x80: none) and b's with another.
      case Opcode::I8x16Shuffle: {
        uint8_t from_a[16], from_b[16];
        bool any_a = false, any_b = false;
        for (int i = 0; i < 16; ++i) {
          const uint8_t k = in.v128.bytes[i] & 31;
          from_a[i] = k < 16 ? k : 0x80;
          from_b[i] = k >= 16 ? uint8_t(k - 16) : 0x80;
          any_a |= k < 16;
          any_b |= k >= 16;
        }
        uint64_t ma[2], mb[2];
        std::memcpy(ma, from_a, 16);
        std::memcpy(mb, from_b, 16);
        load2(h0);
        if (any_a) {
          constant(x2, ma[0], ma[1]);
          a_.packed(P::pshufb, x0, x2);
        }
        if (any_b) {
          constant(x2, mb[0], mb[1]);
          a_.packed(P::pshufb, x1, x2);
          if (any_a) a_.packed(P::por, x0, x1);
        }
        store(h0 - 4, any_a ? x0 : x1);
        return true;
      }
      // swizzle: indices past 15 select 0; adding 0x70 with unsigned saturation moves them to
      // 0x80..0xff, which pshufb reads as "zero", and keeps 0..15 in the low nibble.
      case Opcode::I8x16Swizzle:
        load2(h0);
        splat8(x2, 0x70);
        a_.packed(P::paddusb, x1, x2);
        a_.packed(P::pshufb, x0, x1);
        store(h0 - 4, x0);
        return true;
      default: return false;
    }
    store_rax(h0 - 2);  // the extracted lanes
    return true;
  }

  void replace_lane(LaneW w, uint8_t lane, uint32_t h0) {
    load(x0, h0 - 3);
    a_.pinsr(w, x0, slot(h0 - 1), lane_index(w, lane));
    store(h0 - 3, x0);
  }

  // --- everything else ------------------------------------------------------------------------
  bool arithmetic(const Instr& in, uint32_t h0) {
    const Opcode op = in.op;
    for (const BinaryRow& r : kBinary)
      if (r.op == op) {
        binary(r, h0);
        return true;
      }
    for (const UnsignedCompareRow& r : kUnsignedCompare)
      if (r.op == op) {
        load2(h0);
        copy(x2, x0);
        a_.packed(r.minmax, x2, x1);
        a_.packed(r.eq, x0, x2);
        if (r.invert) invert(x0, x1);
        store(h0 - 4, x0);
        return true;
      }
    for (const FloatCompareRow& r : kFloatCompare)
      if (r.op == op) {
        load2(h0, r.swap);
        a_.packed(r.p, x0, x1, r.pred);
        store(h0 - 4, x0);
        return true;
      }
    for (const UnaryRow& r : kUnary)
      if (r.op == op) {
        load(x0, h0 - 2);
        a_.packed(r.p, x0, x0);
        store(h0 - 2, x0);
        return true;
      }
    for (const ExtendHighRow& r : kExtendHigh)
      if (r.op == op) {
        load(x0, h0 - 2);
        if (r.is_signed) {
          a_.packed_shift(PS::psrldq, x0, 8);
          a_.packed(r.p, x0, x0);
        } else {
          zero(x1);
          a_.packed(r.p, x0, x1);
        }
        store(h0 - 2, x0);
        return true;
      }
    const uint32_t v = h0 - 2;  // a unary operand
    switch (op) {
      case Opcode::V128Not:
        load(x0, v);
        invert(x0, x1);
        store(v, x0);
        return true;
      case Opcode::V128Bitselect:  // (a & c) | (b & ~c)
        load(x0, h0 - 6);
        load(x1, h0 - 4);
        load(x2, h0 - 2);
        a_.packed(P::pand, x0, x2);
        a_.packed(P::pandn, x2, x1);
        a_.packed(P::por, x0, x2);
        store(h0 - 6, x0);
        return true;
      case Opcode::V128AnyTrue:
        load(x0, v);
        a_.alu(Alu::xor_, W::W32, Reg::rax, Reg::rax);
        a_.packed(P::ptest, x0, x0);
        a_.setcc(Cond::ne, Reg::rax);
        store_rax(v);
        return true;
      case Opcode::I8x16AllTrue:
      case Opcode::I16x8AllTrue:
      case Opcode::I32x4AllTrue:
      case Opcode::I64x2AllTrue: {  // no lane equal to zero
        const P eq = op == Opcode::I8x16AllTrue ? P::pcmpeqb : op == Opcode::I16x8AllTrue ? P::pcmpeqw
                   : op == Opcode::I32x4AllTrue ? P::pcmpeqd : P::pcmpeqq;
        load(x0, v);
        zero(x1);
        a_.packed(eq, x1, x0);
        a_.alu(Alu::xor_, W::W32, Reg::rax, Reg::rax);
        a_.packed(P::ptest, x1, x1);
        a_.setcc(Cond::e, Reg::rax);
        store_rax(v);
        return true;
      }
      case Opcode::I8x16Bitmask:
        load(x0, v);
        a_.move_mask(MM::pmovmskb, Reg::rax, x0);
        store_rax(v);
        return true;
      case Opcode::I16x8Bitmask:  // packed to bytes with signed saturation, which keeps the signs
        load(x0, v);
        zero(x1);
        a_.packed(P::packsswb, x0, x1);
        a_.move_mask(MM::pmovmskb, Reg::rax, x0);
        store_rax(v);
        return true;
      case Opcode::I32x4Bitmask:
        load(x0, v);
        a_.move_mask(MM::movmskps, Reg::rax, x0);
        store_rax(v);
        return true;
      case Opcode::I64x2Bitmask:
        load(x0, v);
        a_.move_mask(MM::movmskpd, Reg::rax, x0);
        store_rax(v);
        return true;
      case Opcode::I8x16Neg:
      case Opcode::I16x8Neg:
      case Opcode::I32x4Neg:
      case Opcode::I64x2Neg:
        load(x1, v);
        zero(x0);
        a_.packed(op == Opcode::I8x16Neg ? P::psubb : op == Opcode::I16x8Neg ? P::psubw
                  : op == Opcode::I32x4Neg ? P::psubd : P::psubq, x0, x1);
        store(v, x0);
        return true;
      case Opcode::I64x2Abs:  // (a ^ s) - s, s = the lane's sign as a mask
        load(x0, v);
        sign64(x1, x0);
        a_.packed(P::pxor, x0, x1);
        a_.packed(P::psubq, x0, x1);
        store(v, x0);
        return true;
      case Opcode::I8x16Popcnt: {  // each nibble's count from a 16-entry table, by pshufb
        load(x0, v);
        splat8(x1, 0x0f);
        copy(x2, x0);
        a_.packed_shift(PS::psrlw, x2, 4);
        a_.packed(P::pand, x2, x1);  // high nibbles
        a_.packed(P::pand, x0, x1);  // low nibbles
        constant(x3, 0x0302020102010100ull, 0x0403030203020201ull);
        copy(x1, x3);
        a_.packed(P::pshufb, x3, x0);
        a_.packed(P::pshufb, x1, x2);
        a_.packed(P::paddb, x1, x3);
        store(v, x1);
        return true;
      }
      case Opcode::I8x16Shl:
      case Opcode::I8x16ShrS:
      case Opcode::I8x16ShrU: shift_bytes(op, h0); return true;
      case Opcode::I16x8Shl: shift(P::psllw, 16, h0); return true;
      case Opcode::I16x8ShrS: shift(P::psraw, 16, h0); return true;
      case Opcode::I16x8ShrU: shift(P::psrlw, 16, h0); return true;
      case Opcode::I32x4Shl: shift(P::pslld, 32, h0); return true;
      case Opcode::I32x4ShrS: shift(P::psrad, 32, h0); return true;
      case Opcode::I32x4ShrU: shift(P::psrld, 32, h0); return true;
      case Opcode::I64x2Shl: shift(P::psllq, 64, h0); return true;
      case Opcode::I64x2ShrU: shift(P::psrlq, 64, h0); return true;
      case Opcode::I64x2ShrS:  // no psraq before AVX-512: negative lanes shift their complement
        shift_count(h0, 64);
        sign64(x2, x0);
        a_.packed(P::pxor, x0, x2);
        a_.packed(P::psrlq, x0, x1);
        a_.packed(P::pxor, x0, x2);
        store(h0 - 3, x0);
        return true;
      case Opcode::I64x2Mul:  // lo(a) lo(b) + ((hi(a) lo(b) + lo(a) hi(b)) << 32), mod 2^64
        load2(h0);
        copy(x2, x0);
        a_.packed_shift(PS::psrlq, x2, 32);
        a_.packed(P::pmuludq, x2, x1);  // hi(a) lo(b)
        copy(x3, x1);
        a_.packed_shift(PS::psrlq, x3, 32);
        a_.packed(P::pmuludq, x3, x0);  // hi(b) lo(a)
        a_.packed(P::paddq, x2, x3);
        a_.packed_shift(PS::psllq, x2, 32);
        a_.packed(P::pmuludq, x0, x1);
        a_.packed(P::paddq, x0, x2);
        store(h0 - 4, x0);
        return true;
      case Opcode::I64x2LtS:
      case Opcode::I64x2GtS:
      case Opcode::I64x2LeS:
      case Opcode::I64x2GeS: compare_s64(op, h0); return true;
      // pmulhrsw is (a b + 2^14) >> 15 without saturation: only -2^15 * -2^15 overflows, to -2^15,
      // where the saturated result is 2^15 - 1, its complement.
      case Opcode::I16x8Q15mulrSatS:
        load2(h0);
        a_.packed(P::pmulhrsw, x0, x1);
        splat16(x1, 0x8000);
        a_.packed(P::pcmpeqw, x1, x0);
        a_.packed(P::pxor, x0, x1);
        store(h0 - 4, x0);
        return true;
      // Extending multiplications: the widened lanes multiplied exactly.
      case Opcode::I16x8ExtmulLowI8x16S:
      case Opcode::I16x8ExtmulLowI8x16U:
      case Opcode::I16x8ExtmulHighI8x16S: {
        const bool high = op == Opcode::I16x8ExtmulHighI8x16S;
        const P widen = op == Opcode::I16x8ExtmulLowI8x16U ? P::pmovzxbw : P::pmovsxbw;
        load2(h0);
        if (high) {
          a_.packed_shift(PS::psrldq, x0, 8);
          a_.packed_shift(PS::psrldq, x1, 8);
        }
        a_.packed(widen, x0, x0);
        a_.packed(widen, x1, x1);
        a_.packed(P::pmullw, x0, x1);
        store(h0 - 4, x0);
        return true;
      }
      case Opcode::I16x8ExtmulHighI8x16U:
        load2(h0);
        zero(x2);
        a_.packed(P::punpckhbw, x0, x2);
        a_.packed(P::punpckhbw, x1, x2);
        a_.packed(P::pmullw, x0, x1);
        store(h0 - 4, x0);
        return true;
      // 16 x 16 -> 32: the low and high halves of each product (pmullw, pmulhw / pmulhuw),
      // interleaved.
      case Opcode::I32x4ExtmulLowI16x8S:
      case Opcode::I32x4ExtmulHighI16x8S:
      case Opcode::I32x4ExtmulLowI16x8U:
      case Opcode::I32x4ExtmulHighI16x8U: {
        const bool is_signed = op == Opcode::I32x4ExtmulLowI16x8S || op == Opcode::I32x4ExtmulHighI16x8S;
        const bool high = op == Opcode::I32x4ExtmulHighI16x8S || op == Opcode::I32x4ExtmulHighI16x8U;
        load2(h0);
        copy(x2, x0);
        a_.packed(P::pmullw, x2, x1);
        a_.packed(is_signed ? P::pmulhw : P::pmulhuw, x0, x1);
        a_.packed(high ? P::punpckhwd : P::punpcklwd, x2, x0);
        store(h0 - 4, x2);
        return true;
      }
      // 32 x 32 -> 64: pmuldq / pmuludq multiply the even 32-bit lanes; spread the wanted ones there.
      case Opcode::I64x2ExtmulLowI32x4S:
      case Opcode::I64x2ExtmulHighI32x4S:
      case Opcode::I64x2ExtmulLowI32x4U:
      case Opcode::I64x2ExtmulHighI32x4U: {
        const bool is_signed = op == Opcode::I64x2ExtmulLowI32x4S || op == Opcode::I64x2ExtmulHighI32x4S;
        const bool high = op == Opcode::I64x2ExtmulHighI32x4S || op == Opcode::I64x2ExtmulHighI32x4U;
        const uint8_t lanes = high ? 0xfa : 0x50;  // 3 3 2 2 or 1 1 0 0
        load2(h0);
        a_.packed(PI::pshufd, x0, x0, lanes);
        a_.packed(PI::pshufd, x1, x1, lanes);
        a_.packed(is_signed ? P::pmuldq : P::pmuludq, x0, x1);
        store(h0 - 4, x0);
        return true;
      }
      // pmaddubsw multiplies its first operand's unsigned bytes by the second's signed ones and
      // adds pairs (saturating, which sums of two bytes never reach).
      case Opcode::I16x8ExtaddPairwiseI8x16S:
        load(x0, v);
        splat8(x1, 1);
        a_.packed(P::pmaddubsw, x1, x0);
        store(v, x1);
        return true;
      case Opcode::I16x8ExtaddPairwiseI8x16U:
        load(x0, v);
        splat8(x1, 1);
        a_.packed(P::pmaddubsw, x0, x1);
        store(v, x0);
        return true;
      case Opcode::I32x4ExtaddPairwiseI16x8S:
        load(x0, v);
        splat16(x1, 1);
        a_.packed(P::pmaddwd, x0, x1);
        store(v, x0);
        return true;
      // Unsigned halves biased to signed (u - 2^15) for pmaddwd, the pair's 2 * 2^15 added back.
      case Opcode::I32x4ExtaddPairwiseI16x8U:
        load(x0, v);
        splat16(x1, 0x8000);
        a_.packed(P::pxor, x0, x1);
        splat16(x1, 1);
        a_.packed(P::pmaddwd, x0, x1);
        splat32(x1, 0x10000);
        a_.packed(P::paddd, x0, x1);
        store(v, x0);
        return true;
      // Floats: sign bits by masks, rounding by roundps / roundpd.
      case Opcode::F32x4Abs:
      case Opcode::F64x2Abs:
      case Opcode::F32x4Neg:
      case Opcode::F64x2Neg: {
        const bool f64 = op == Opcode::F64x2Abs || op == Opcode::F64x2Neg;
        const bool abs = op == Opcode::F32x4Abs || op == Opcode::F64x2Abs;
        load(x0, v);
        ones(x1);
        if (abs) a_.packed_shift(f64 ? PS::psrlq : PS::psrld, x1, 1);  // all but the sign
        else a_.packed_shift(f64 ? PS::psllq : PS::pslld, x1, f64 ? 63 : 31);  // the sign
        a_.packed(abs ? P::andps : P::xorps, x0, x1);
        store(v, x0);
        return true;
      }
      case Opcode::F32x4Ceil: round(PI::roundps, kCeil, v); return true;
      case Opcode::F32x4Floor: round(PI::roundps, kFloor, v); return true;
      case Opcode::F32x4Trunc: round(PI::roundps, kTrunc, v); return true;
      case Opcode::F32x4Nearest: round(PI::roundps, kNearest, v); return true;
      case Opcode::F64x2Ceil: round(PI::roundpd, kCeil, v); return true;
      case Opcode::F64x2Floor: round(PI::roundpd, kFloor, v); return true;
      case Opcode::F64x2Trunc: round(PI::roundpd, kTrunc, v); return true;
      case Opcode::F64x2Nearest: round(PI::roundpd, kNearest, v); return true;
      case Opcode::F32x4Min: min_max(true, false, h0); return true;
      case Opcode::F32x4Max: min_max(false, false, h0); return true;
      case Opcode::F64x2Min: min_max(true, true, h0); return true;
      case Opcode::F64x2Max: min_max(false, true, h0); return true;
      // Conversions.
      // cvttps2dq gives 0x80000000 for NaN and out-of-range lanes: NaN lanes are zeroed first; the
      // lanes >= 2^31 then flip every bit, to 0x7fffffff.
      case Opcode::I32x4TruncSatF32x4S:
        load(x0, v);
        copy(x1, x0);
        a_.packed(PI::cmpps, x1, x1, kOrd);
        a_.packed(P::andps, x0, x1);
        splat32(x2, 0x4f000000);  // 2^31
        a_.packed(PI::cmpps, x2, x0, kLe);  // 2^31 <= x
        a_.packed(P::cvttps2dq, x0, x0);
        a_.packed(P::pxor, x0, x2);
        store(v, x0);
        return true;
      // max(x, 0) sends NaN (maxps returns its second operand) and negatives to 0. Lanes >= 2^31
      // convert after subtracting 2^31, which comes back by the addition of cvttps2dq's 0x80000000
      // for them; lanes >= 2^32 become all ones.
      case Opcode::I32x4TruncSatF32x4U:
        load(x0, v);
        zero(x1);
        a_.packed(P::maxps, x0, x1);
        splat32(x1, 0x4f000000);  // 2^31
        copy(x2, x0);
        a_.packed(P::subps, x2, x1);
        a_.packed(P::cvttps2dq, x2, x2);
        a_.packed(PI::cmpps, x1, x0, kLe);  // 2^31 <= x
        a_.packed(P::pand, x2, x1);
        copy(x3, x0);
        a_.packed(P::cvttps2dq, x3, x3);
        a_.packed(P::paddd, x3, x2);
        splat32(x1, 0x4f800000);  // 2^32
        a_.packed(PI::cmpps, x1, x0, kLe);  // 2^32 <= x
        a_.packed(P::por, x3, x1);
        store(v, x3);
        return true;
      // NaN lanes zeroed, the rest clamped to INT32_MAX from above; below -2^31 cvttpd2dq gives
      // 0x80000000, the saturated value. The upper two lanes come out zero.
      case Opcode::I32x4TruncSatF64x2SZero:
        load(x0, v);
        copy(x1, x0);
        a_.packed(PI::cmppd, x1, x1, kOrd);
        a_.packed(P::andpd, x0, x1);
        splat64(x1, 0x41dfffffffc00000ull);  // 2147483647.0
        a_.packed(P::minpd, x0, x1);
        a_.packed(P::cvttpd2dq, x0, x0);
        store(v, x0);
        return true;
      // Clamped to [0, 2^32 - 1] (maxpd sends NaN to 0), truncated, and read off the mantissa of
      // x + 2^52: its low 32 bits are the integer.
      case Opcode::I32x4TruncSatF64x2UZero:
        load(x0, v);
        zero(x1);
        a_.packed(P::maxpd, x0, x1);
        splat64(x1, 0x41efffffffe00000ull);  // 4294967295.0
        a_.packed(P::minpd, x0, x1);
        a_.packed(PI::roundpd, x0, x0, kTrunc);
        splat64(x1, 0x4330000000000000ull);  // 2^52
        a_.packed(P::addpd, x0, x1);
        zero(x1);
        a_.packed(PI::shufps, x0, x1, 0x88);  // lanes 0 and 2 of x, then zeros
        store(v, x0);
        return true;
      // The low 16 bits and the high 16 bits of each lane convert exactly on their own (the high
      // part halved, to stay positive, and doubled back); the one addition rounds once.
      case Opcode::F32x4ConvertI32x4U:
        load(x0, v);
        zero(x1);
        a_.packed(PI::pblendw, x1, x0, 0x55);  // the low halves
        copy(x2, x0);
        a_.packed(P::psubd, x2, x1);           // the high halves
        a_.packed_shift(PS::psrld, x2, 1);
        a_.packed(P::cvtdq2ps, x2, x2);
        a_.packed(P::addps, x2, x2);
        a_.packed(P::cvtdq2ps, x1, x1);
        a_.packed(P::addps, x2, x1);
        store(v, x2);
        return true;
      // 2^52 + x as a double has x in its mantissa: built by bits, then 2^52 subtracted, exactly.
      case Opcode::F64x2ConvertLowI32x4U:
        load(x0, v);
        splat32(x1, 0x43300000);
        a_.packed(P::punpckldq, x0, x1);
        splat64(x1, 0x4330000000000000ull);
        a_.packed(P::subpd, x0, x1);
        store(v, x0);
        return true;
      default: return false;
    }
  }

  void round(PI op, uint8_t mode, uint32_t v) {
    load(x0, v);
    a_.packed(op, x0, x0, mode);
    store(v, x0);
  }

 private:
  SimdContext& c_;
  Assembler& a_;
};

}  // namespace

bool emit_simd(SimdContext& c, const Instr& in, uint32_t h0) {
  if (info(in.op).prefix != 0xFD) return false;
  Emitter e(c);
  const ImmKind imm = info(in.op).imm;
  if (imm == ImmKind::MemArg || imm == ImmKind::MemArgLane) return e.memory(in, h0);
  return e.lanes(in, h0) || e.arithmetic(in, h0);
}

}  // namespace mnemo::jit::x64
