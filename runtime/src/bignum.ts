/**
 * Non-negative big integers for exact number conversions (decimal text <-> f64).
 *
 * A bignum is a heap block {len u32, limbs u32[CAP]} (little-endian limbs). CAP limbs cover
 * every value the conversions need: at most 769 significant decimal digits scaled by 10^1100
 * and 2^1126, about 3,700 bits. Operations work in place; callers free their bignums.
 */

import { alloc, free } from "./heap";

const CAP: u32 = 160;

export function bnNew(): usize {
  const p = alloc(4 + (CAP << 2));
  store<u32>(p, 0);
  return p;
}

export function bnFree(p: usize): void {
  free(p);
}

@inline function limb(p: usize, i: u32): u32 {
  return load<u32>(p + 4 + (<usize>i << 2));
}

@inline function setLimb(p: usize, i: u32, v: u32): void {
  store<u32>(p + 4 + (<usize>i << 2), v);
}

@inline export function bnLen(p: usize): u32 {
  return load<u32>(p);
}

function trim(p: usize): void {
  let n = load<u32>(p);
  while (n > 0 && limb(p, n - 1) == 0) n--;
  store<u32>(p, n);
}

export function bnSetU64(p: usize, v: u64): void {
  setLimb(p, 0, <u32>v);
  setLimb(p, 1, <u32>(v >> 32));
  store<u32>(p, 2);
  trim(p);
}

export function bnCopy(dst: usize, src: usize): void {
  const n = load<u32>(src);
  memory.copy(dst, src, 4 + (<usize>n << 2));
}

export function bnIsZero(p: usize): bool {
  return load<u32>(p) == 0;
}

/** p = p * m + a */
export function bnMulAdd(p: usize, m: u32, a: u32): void {
  const n = load<u32>(p);
  let carry: u64 = a;
  for (let i: u32 = 0; i < n; i++) {
    const x = <u64>limb(p, i) * <u64>m + carry;
    setLimb(p, i, <u32>x);
    carry = x >> 32;
  }
  if (carry != 0) {
    setLimb(p, n, <u32>carry);
    store<u32>(p, n + 1);
  }
}

/** p = p * 10^k */
export function bnMulPow10(p: usize, k: i32): void {
  while (k >= 9) {
    bnMulAdd(p, 1000000000, 0);
    k -= 9;
  }
  let m: u32 = 1;
  while (k > 0) {
    m *= 10;
    k--;
  }
  if (m != 1) bnMulAdd(p, m, 0);
}

/** p = p * 2^k */
export function bnShl(p: usize, k: i32): void {
  if (k <= 0) return;
  const n = load<u32>(p);
  if (n == 0) return;
  const words = <u32>(k >> 5);
  const bits = <u32>(k & 31);
  let top = n + words;
  if (bits != 0) {
    setLimb(p, top, 0);
    for (let i = <i32>n - 1; i >= 0; i--) {
      const x = limb(p, <u32>i);
      const j = <u32>i + words;
      setLimb(p, j + 1, limb(p, j + 1) | (x >> (32 - bits)));
      setLimb(p, j, x << bits);
    }
    top++;
  } else {
    for (let i = <i32>n - 1; i >= 0; i--) setLimb(p, <u32>i + words, limb(p, <u32>i));
  }
  for (let i: u32 = 0; i < words; i++) setLimb(p, i, 0);
  store<u32>(p, top);
  trim(p);
}

export function bnCmp(a: usize, b: usize): i32 {
  const na = load<u32>(a);
  const nb = load<u32>(b);
  if (na != nb) return na < nb ? -1 : 1;
  for (let i = <i32>na - 1; i >= 0; i--) {
    const x = limb(a, <u32>i);
    const y = limb(b, <u32>i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/** dst = a + b (dst may be a or b) */
export function bnAdd(dst: usize, a: usize, b: usize): void {
  const na = load<u32>(a);
  const nb = load<u32>(b);
  const n = na > nb ? na : nb;
  let carry: u64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const x = <u64>(i < na ? limb(a, i) : 0) + <u64>(i < nb ? limb(b, i) : 0) + carry;
    setLimb(dst, i, <u32>x);
    carry = x >> 32;
  }
  let len = n;
  if (carry != 0) {
    setLimb(dst, n, <u32>carry);
    len++;
  }
  store<u32>(dst, len);
}

/** a = a - b, requires a >= b */
export function bnSub(a: usize, b: usize): void {
  const na = load<u32>(a);
  const nb = load<u32>(b);
  let borrow: i64 = 0;
  for (let i: u32 = 0; i < na; i++) {
    let x = <i64>limb(a, i) - <i64>(i < nb ? limb(b, i) : 0) - borrow;
    if (x < 0) {
      x += <i64>0x100000000;
      borrow = 1;
    } else borrow = 0;
    setLimb(a, i, <u32>x);
  }
  trim(a);
}

/** p = p / d; returns the remainder. */
export function bnDivSmall(p: usize, d: u32): u32 {
  const n = load<u32>(p);
  let rem: u64 = 0;
  for (let i = <i32>n - 1; i >= 0; i--) {
    const x = (rem << 32) | <u64>limb(p, <u32>i);
    setLimb(p, <u32>i, <u32>(x / <u64>d));
    rem = x % <u64>d;
  }
  trim(p);
  return <u32>rem;
}
