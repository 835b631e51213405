// core/jit/arm64/assembler_simd.cpp: the NEON forms (Arm ARM, A64 "Data Processing -- Scalar
// Floating-Point and Advanced SIMD": three same, integer and floating point, three different
// (the long multiplies), two-register miscellaneous (narrowing and pairwise long among them),
// table lookup, copy, and the lane moves). Whole-register loads and stores are ldr / str with
// Vw::Q (assembler.cpp).
#include "core/jit/arm64/assembler.h"

namespace mnemo::jit::arm64 {
namespace {

uint32_t q_bit(bool q) { return q ? 1u << 30 : 0; }
// Arr is (lane size << 1) | Q.
bool full(Assembler::Arr arr) { return uint8_t(arr) & 1; }
uint32_t lane_size(Assembler::Arr arr) { return uint8_t(arr) >> 1; }
unsigned lanes(Vw w) { return 16u >> unsigned(w); }

// imm5 of the copy forms: the lane size as the lowest set bit, the index above it.
uint32_t imm5(unsigned size, unsigned lane) { return (lane << (size + 1) | 1u << size) & 0x1f; }

}  // namespace

void Assembler::vec3(Vec3 op, Arr arr, VReg dst, VReg a, VReg b) {
  const uint32_t size = lane_size(arr);
  // One 64-bit lane is no vector here; and there is no 64-bit lane multiply, max / min or halving add.
  const bool no_d2 = op == Vec3::mul || op == Vec3::smax || op == Vec3::smin || op == Vec3::umax ||
                     op == Vec3::umin || op == Vec3::urhadd;
  const bool h_or_s_only = op == Vec3::sqrdmulh;
  if (arr == Arr::D1 || (arr == Arr::D2 && no_d2) || (h_or_s_only && (size == 0 || size == 3)))
    fail("vector op: arrangement not encodable");
  emit(uint32_t(op) | q_bit(full(arr)) | size << 22 | uint32_t(b) << 16 | uint32_t(a) << 5 | uint32_t(dst));
}

void Assembler::vec_fp3(VecFp3 op, Fp fp, VReg dst, VReg a, VReg b) {
  emit(uint32_t(op) | (fp == Fp::F64 ? 1u << 22 : 0) | uint32_t(b) << 16 | uint32_t(a) << 5 | uint32_t(dst));
}

void Assembler::vec_fp1(VecFp1 op, Fp fp, VReg dst, VReg src) {
  emit(uint32_t(op) | (fp == Fp::F64 ? 1u << 22 : 0) | uint32_t(src) << 5 | uint32_t(dst));
}

void Assembler::vec_misc(VecMisc op, Arr arr, VReg dst, VReg src) {
  if (arr == Arr::D1 || (op == VecMisc::cnt && lane_size(arr) != 0)) fail("vector op: arrangement not encodable");
  emit(uint32_t(op) | q_bit(full(arr)) | lane_size(arr) << 22 | uint32_t(src) << 5 | uint32_t(dst));
}

void Assembler::xtl(bool is_signed, Vw from, bool high, VReg dst, VReg src) {
  if (from != Vw::B && from != Vw::H && from != Vw::S) fail("xtl: lanes of b, h or s only");
  const uint32_t immh = 1u << unsigned(from);  // the source lane size; immb (the shift) is 0
  emit(0x0f00a400 | q_bit(high) | (is_signed ? 0 : 1u << 29) | immh << 19 | uint32_t(src) << 5 | uint32_t(dst));
}

void Assembler::narrow(VecNarrow op, Vw to, bool high, VReg dst, VReg src) {
  if (to != Vw::B && to != Vw::H && to != Vw::S) fail("narrow: to lanes of b, h or s only");
  emit(uint32_t(op) | q_bit(high) | (uint32_t(to) & 3) << 22 | uint32_t(src) << 5 | uint32_t(dst));
}

// sz (bit 22) set: the wide lanes are f64.
void Assembler::fcvtn(bool high, VReg dst, VReg src) {
  emit(0x0e616800 | q_bit(high) | uint32_t(src) << 5 | uint32_t(dst));
}

void Assembler::fcvtl(bool high, VReg dst, VReg src) {
  emit(0x0e617800 | q_bit(high) | uint32_t(src) << 5 | uint32_t(dst));
}

void Assembler::mull(bool is_signed, Vw from, bool high, VReg dst, VReg a, VReg b) {
  if (from != Vw::B && from != Vw::H && from != Vw::S) fail("mull: lanes of b, h or s only");
  emit(0x0e20c000 | q_bit(high) | (is_signed ? 0 : 1u << 29) | (uint32_t(from) & 3) << 22 | uint32_t(b) << 16 |
       uint32_t(a) << 5 | uint32_t(dst));
}

void Assembler::addlp(bool is_signed, Vw from, VReg dst, VReg src) {
  if (from != Vw::B && from != Vw::H && from != Vw::S) fail("addlp: lanes of b, h or s only");
  emit(0x4e202800 | (is_signed ? 0 : 1u << 29) | (uint32_t(from) & 3) << 22 | uint32_t(src) << 5 | uint32_t(dst));
}

void Assembler::tbl(VReg dst, VReg table, unsigned count, VReg index) {
  if (count < 1 || count > 4) fail("tbl: 1 to 4 table registers");
  emit(0x4e000000 | uint32_t(index) << 16 | ((count - 1) & 3) << 13 | uint32_t(table) << 5 | uint32_t(dst));
}

void Assembler::vec_logic(VecLogic op, bool q, VReg dst, VReg a, VReg b) {
  emit(uint32_t(op) | q_bit(q) | uint32_t(b) << 16 | uint32_t(a) << 5 | uint32_t(dst));
}

void Assembler::vec_mov(VReg dst, VReg src) { vec_logic(VecLogic::orr, true, dst, src, src); }

void Assembler::dup(Arr arr, VReg dst, Reg src) {
  if (arr == Arr::D1) fail("dup: arrangement 1d");
  const uint32_t n = rz(src, "dup");
  emit(0x0e000c00 | q_bit(full(arr)) | imm5(lane_size(arr), 0) << 16 | n << 5 | uint32_t(dst));
}

void Assembler::dup(Arr arr, VReg dst, VReg src, uint8_t lane) {
  const unsigned size = lane_size(arr);
  if (arr == Arr::D1 || lane >= (16u >> size)) fail("dup: lane out of range");
  emit(0x0e000400 | q_bit(full(arr)) | imm5(size, lane) << 16 | uint32_t(src) << 5 | uint32_t(dst));
}

void Assembler::ins(Vw w, VReg dst, uint8_t lane, Reg src) {
  if (w == Vw::Q || lane >= lanes(w)) fail("ins: lane out of range");
  const uint32_t n = rz(src, "ins");
  emit(0x4e001c00 | imm5(unsigned(w), lane) << 16 | n << 5 | uint32_t(dst));
}

void Assembler::ins(Vw w, VReg dst, uint8_t dst_lane, VReg src, uint8_t src_lane) {
  if (w == Vw::Q || dst_lane >= lanes(w) || src_lane >= lanes(w)) fail("ins: lane out of range");
  const uint32_t imm4 = (uint32_t(src_lane) << unsigned(w)) & 0xf;
  emit(0x6e000400 | imm5(unsigned(w), dst_lane) << 16 | imm4 << 11 | uint32_t(src) << 5 | uint32_t(dst));
}

// umov into W for B, H and S lanes, into X (Q = 1) for a D lane.
void Assembler::umov(Vw w, Reg dst, VReg src, uint8_t lane) {
  if (w == Vw::Q || lane >= lanes(w)) fail("umov: lane out of range");
  const uint32_t d = rz(dst, "umov");
  emit(0x0e003c00 | q_bit(w == Vw::D) | imm5(unsigned(w), lane) << 16 | uint32_t(src) << 5 | d);
}

// smov: B and H lanes into W or X, an S lane into X only.
void Assembler::smov(Vw lane_w, W w, Reg dst, VReg src, uint8_t lane) {
  const bool ok = (lane_w == Vw::B || lane_w == Vw::H || (lane_w == Vw::S && w == W::W64)) && lane < lanes(lane_w);
  if (!ok) fail("smov: lane size, width or lane out of range");
  const uint32_t d = rz(dst, "smov");
  emit(0x0e002c00 | q_bit(w == W::W64) | imm5(unsigned(lane_w), lane) << 16 | uint32_t(src) << 5 | d);
}

}  // namespace mnemo::jit::arm64
