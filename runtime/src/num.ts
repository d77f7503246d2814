/**
 * Numbers exactly as JavaScript has them: decimal text to the nearest f64 (what `JSON.parse`
 * gives, ties to even), and f64 to text as `String(n)` (the shortest digits that read back as
 * n, the closest of them when several) and as `n.toFixed(0)` for integers.
 *
 * Fast paths cover the usual numbers (up to 15 significant digits with a small exponent; up
 * to 19-digit integers; integers below 2^53); everything else goes through exact bignum
 * arithmetic: a correction loop around an f64 estimate when parsing (AlgorithmR-style, one
 * ulp at a time), Burger & Dybvig's free-format digit generation when printing.
 */

import { bnAdd, bnCmp, bnCopy, bnDivSmall, bnFree, bnIsZero, bnMulAdd, bnMulPow10, bnNew, bnSetU64, bnShl, bnSub } from "./bignum";
import { alloc, free } from "./heap";
import { sbByte, sbBytes, sbLit, sbU64 } from "./sb";

const POW10: usize = memory.data<f64>([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]);

@inline function pow10(i: i32): f64 {
  return load<f64>(POW10 + (<usize>i << 3));
}

const MAX_DIGITS: i32 = 768;

// Significant digits of the number being parsed (at most MAX_DIGITS + 1).
const digitBuf: usize = memory.data(MAX_DIGITS + 8);

/** The f64 of a valid JSON number's text. */
export function parseNumber(p: usize, len: u32): f64 {
  const end = p + len;
  let neg = false;
  if (p < end && load<u8>(p) == 45) {
    neg = true;
    p++;
  }
  let nd: i32 = 0; // significant digits kept
  let dropped: i32 = 0; // significant digits beyond MAX_DIGITS
  let nonzeroDropped = false;
  let fracDigits: i32 = 0;
  let mant: u64 = 0;
  let seenNonZero = false;
  let inFrac = false;
  let trailingZeros: i32 = 0;
  for (; p < end; p++) {
    const c = <u32>load<u8>(p);
    if (c == 46) {
      inFrac = true;
      continue;
    }
    if (c < 48 || c > 57) break;
    if (inFrac) fracDigits++;
    if (c == 48 && !seenNonZero) continue;
    seenNonZero = true;
    if (nd < MAX_DIGITS) {
      store<u8>(digitBuf + nd, <u8>(c - 48));
      nd++;
      if (nd <= 19) mant = mant * 10 + <u64>(c - 48);
    } else {
      dropped++;
      if (c != 48) nonzeroDropped = true;
    }
    if (c == 48) trailingZeros++;
    else trailingZeros = 0;
  }
  let exp: i64 = 0;
  if (p < end) {
    // e or E
    p++;
    let eneg = false;
    const s = load<u8>(p);
    if (s == 45 || s == 43) {
      eneg = s == 45;
      p++;
    }
    for (; p < end; p++) {
      if (exp < 100000000) exp = exp * 10 + <i64>(load<u8>(p) - 48);
    }
    if (eneg) exp = -exp;
  }
  if (nd == 0) return neg ? -0.0 : 0.0;
  // Value = digits(nd) x 10^e10, with trailing zeros of the kept digits removed.
  let e10: i64 = exp - <i64>fracDigits + <i64>dropped;
  if (dropped == 0 && trailingZeros > 0) {
    const tz = trailingZeros < nd ? trailingZeros : nd - 1;
    nd -= tz;
    e10 += <i64>tz;
    if (nd <= 19) {
      mant = 0;
      for (let i: i32 = 0; i < nd; i++) mant = mant * 10 + <u64>load<u8>(digitBuf + i);
    }
  }
  let r: f64;
  if (<i64>nd + e10 > 310) r = Infinity;
  else if (<i64>nd + e10 < -324) r = 0.0;
  else {
    const e = <i32>e10;
    if (nd <= 15 && e >= -22 && e <= 22) {
      r = e >= 0 ? <f64>mant * pow10(e) : <f64>mant / pow10(-e);
    } else if (nd <= 15 && e > 22 && e <= 22 + 15 - nd) {
      r = <f64>mant * pow10(e - 22) * 1e22;
    } else if (nd <= 19 && e == 0) {
      r = <f64>mant;
    } else {
      if (dropped > 0 && nonzeroDropped) {
        store<u8>(digitBuf + nd, 1);
        nd++;
        e10 -= 1;
      }
      r = slowParse(nd, <i32>e10, mant);
    }
  }
  return neg ? -r : r;
}

/** The significand of a finite f64's bits (with the hidden bit of a normal number). */
@inline function significand(bits: u64): u64 {
  const f = bits & 0xfffffffffffff;
  return ((bits >> 52) & 0x7ff) == 0 ? f : f | (<u64>1 << 52);
}

/** The binary exponent of a finite f64's bits: the value is significand × 2^exponent. */
@inline function exponent(bits: u64): i32 {
  const be = <i32>((bits >> 52) & 0x7ff);
  return be == 0 ? -1074 : be - 1075;
}

/**
 * Is the gap to the next smaller f64 half the gap to the next larger one? (A power of two
 * above the smallest normal exponent.)
 */
@inline function narrowBelow(bits: u64): bool {
  return (bits & 0xfffffffffffff) == 0 && ((bits >> 52) & 0x7ff) > 1;
}

function bnFromDigits(b: usize, nd: i32): void {
  bnSetU64(b, 0);
  let i: i32 = 0;
  while (i < nd) {
    let chunk: u32 = 0;
    let m: u32 = 1;
    for (let j = 0; j < 9 && i < nd; j++, i++) {
      chunk = chunk * 10 + <u32>load<u8>(digitBuf + i);
      m *= 10;
    }
    if (bnIsZero(b)) bnSetU64(b, chunk);
    else bnMulAdd(b, m, chunk);
  }
}

/** Compares M x 10^e10 with c x 2^j exactly. */
function cmpScaled(M: usize, e10: i32, c: u64, j: i32, A: usize, B: usize): i32 {
  bnCopy(A, M);
  bnSetU64(B, c);
  if (e10 >= 0) bnMulPow10(A, e10);
  else bnMulPow10(B, -e10);
  if (j >= 0) bnShl(B, j);
  else bnShl(A, -j);
  return bnCmp(A, B);
}

function slowParse(nd: i32, e10: i32, mant: u64): f64 {
  // An estimate from the first (up to) 19 digits.
  let lead = nd < 19 ? nd : 19;
  let m: u64 = 0;
  for (let i: i32 = 0; i < lead; i++) m = m * 10 + <u64>load<u8>(digitBuf + i);
  const k = e10 + (nd - lead);
  let z: f64 = <f64>m;
  if (k >= -300 && k <= 300) z = z * Math.pow(10, <f64>k);
  else {
    const h = k / 2;
    z = z * Math.pow(10, <f64>h) * Math.pow(10, <f64>(k - h));
  }
  if (!isFinite(z)) z = f64.MAX_VALUE;
  if (z == 0) z = reinterpret<f64>(<u64>1);
  const M = bnNew();
  const A = bnNew();
  const B = bnNew();
  bnFromDigits(M, nd);
  let result: f64 = 0;
  let loops = 0;
  while (loops++ < 100000) {
    const bits = reinterpret<u64>(z);
    const b = significand(bits);
    const e = exponent(bits);
    const up = cmpScaled(M, e10, 2 * b + 1, e - 1, A, B);
    if (up > 0) {
      z = reinterpret<f64>(bits + 1);
      if (!isFinite(z)) {
        result = Infinity;
        break;
      }
      continue;
    }
    if (up == 0) {
      result = (b & 1) != 0 ? reinterpret<f64>(bits + 1) : z;
      break;
    }
    let down: i32;
    if (narrowBelow(bits)) down = cmpScaled(M, e10, 4 * b - 1, e - 2, A, B);
    else down = cmpScaled(M, e10, 2 * b - 1, e - 1, A, B);
    if (down < 0) {
      z = reinterpret<f64>(bits - 1);
      if (z == 0) {
        result = 0;
        break;
      }
      continue;
    }
    if (down == 0 && (b & 1) != 0) result = reinterpret<f64>(bits - 1);
    else result = z;
    break;
  }
  bnFree(B);
  bnFree(A);
  bnFree(M);
  return result;
}

// --- Printing -------------------------------------------------------------------------------

// Shortest digits of the last `shortest` call, and its decimal exponent.
const outDigits: usize = memory.data(32);
let outCount: i32 = 0;
let outExp: i32 = 0;

/** Burger & Dybvig free-format: the shortest digits of a finite positive x (closest; ties to even). */
function shortest(x: f64): void {
  const bits = reinterpret<u64>(x);
  const f = significand(bits);
  const e = exponent(bits);
  const even = (f & 1) == 0;
  const r = bnNew();
  const s = bnNew();
  const mp = bnNew();
  const mm = bnNew();
  const t = bnNew();
  const pow2 = narrowBelow(bits);
  if (e >= 0) {
    bnSetU64(r, f);
    bnShl(r, e + (pow2 ? 2 : 1));
    bnSetU64(s, pow2 ? 4 : 2);
    bnSetU64(mp, 1);
    bnShl(mp, pow2 ? e + 1 : e);
    bnSetU64(mm, 1);
    bnShl(mm, e);
  } else {
    bnSetU64(r, f);
    bnShl(r, pow2 ? 2 : 1);
    bnSetU64(s, 1);
    bnShl(s, pow2 ? -e + 2 : -e + 1);
    bnSetU64(mp, pow2 ? 2 : 1);
    bnSetU64(mm, 1);
  }
  let k = <i32>Math.ceil(Math.log10(x) - 1e-10);
  if (k >= 0) bnMulPow10(s, k);
  else {
    bnMulPow10(r, -k);
    bnMulPow10(mp, -k);
    bnMulPow10(mm, -k);
  }
  // Fix-up: make k the smallest integer with high < 10^k (or <= when the boundary is excluded).
  while (true) {
    bnAdd(t, r, mp);
    const c = bnCmp(t, s);
    if (even ? c >= 0 : c > 0) {
      bnMulAdd(s, 10, 0);
      k++;
    } else break;
  }
  let n: i32 = 0;
  while (true) {
    bnMulAdd(r, 10, 0);
    bnMulAdd(mp, 10, 0);
    bnMulAdd(mm, 10, 0);
    let d: u32 = 0;
    while (bnCmp(r, s) >= 0) {
      bnSub(r, s);
      d++;
    }
    const lc = bnCmp(r, mm);
    const tc1 = even ? lc <= 0 : lc < 0;
    bnAdd(t, r, mp);
    const hc = bnCmp(t, s);
    const tc2 = even ? hc >= 0 : hc > 0;
    if (!tc1 && !tc2) {
      store<u8>(outDigits + n++, <u8>d);
      continue;
    }
    if (tc1 && tc2) {
      bnAdd(t, r, r);
      const c = bnCmp(t, s);
      if (c > 0 || (c == 0 && (d & 1) != 0)) d++;
    } else if (tc2) d++;
    store<u8>(outDigits + n++, <u8>d);
    break;
  }
  outCount = n;
  outExp = k;
  bnFree(t);
  bnFree(mm);
  bnFree(mp);
  bnFree(s);
  bnFree(r);
}

/** Appends `String(x)`. */
export function writeNumber(sb: usize, x: f64): void {
  if (isNaN(x)) {
    sbLit(sb, "NaN");
    return;
  }
  if (x == 0) {
    sbByte(sb, 48);
    return;
  }
  if (x < 0) {
    sbByte(sb, 45);
    x = -x;
  }
  if (!isFinite(x)) {
    sbLit(sb, "Infinity");
    return;
  }
  if (x < 9007199254740992.0 && Math.floor(x) == x) {
    sbU64(sb, <u64>x);
    return;
  }
  shortest(x);
  const kd = outCount;
  const n = outExp;
  if (kd <= n && n <= 21) {
    for (let i = 0; i < kd; i++) sbByte(sb, 48 + <u32>load<u8>(outDigits + i));
    for (let i = kd; i < n; i++) sbByte(sb, 48);
  } else if (0 < n && n <= 21) {
    for (let i = 0; i < n; i++) sbByte(sb, 48 + <u32>load<u8>(outDigits + i));
    sbByte(sb, 46);
    for (let i = n; i < kd; i++) sbByte(sb, 48 + <u32>load<u8>(outDigits + i));
  } else if (-6 < n && n <= 0) {
    sbByte(sb, 48);
    sbByte(sb, 46);
    for (let i = n; i < 0; i++) sbByte(sb, 48);
    for (let i = 0; i < kd; i++) sbByte(sb, 48 + <u32>load<u8>(outDigits + i));
  } else {
    sbByte(sb, 48 + <u32>load<u8>(outDigits));
    if (kd > 1) {
      sbByte(sb, 46);
      for (let i = 1; i < kd; i++) sbByte(sb, 48 + <u32>load<u8>(outDigits + i));
    }
    sbByte(sb, 101);
    const ee = n - 1;
    sbByte(sb, ee > 0 ? 43 : 45);
    sbU64(sb, <u64>(ee > 0 ? ee : -ee));
  }
}

/** Appends a number as a generated message shows it: `toFixed(0)` for integers below 1e21, else `String(x)`. */
export function writeShowNumber(sb: usize, x: f64): void {
  if (isFinite(x) && Math.floor(x) == x && Math.abs(x) < 1e21) {
    if (x < 0) sbByte(sb, 45);
    writeIntegerDigits(sb, x);
    return;
  }
  writeNumber(sb, x);
}

/** Appends the decimal digits of |x|, a finite integer f64, exactly (`BigInt(x)` without its sign); -0 is `0`. */
export function writeIntegerDigits(sb: usize, x: f64): void {
  if (x < 0) x = -x;
  if (x < 9007199254740992.0) {
    sbU64(sb, <u64>x);
    return;
  }
  // Exact: f x 2^e with e > 0.
  const bits = reinterpret<u64>(x);
  const f = (bits & 0xfffffffffffff) | (<u64>1 << 52);
  const e = <i32>((bits >> 52) & 0x7ff) - 1075;
  const b = bnNew();
  bnSetU64(b, f);
  bnShl(b, e);
  // At most 309 digits (f64.MAX_VALUE), in chunks of 9.
  const tmp = alloc(324);
  let n = 0;
  while (!bnIsZero(b)) {
    let chunk = bnDivSmall(b, 1000000000);
    for (let j = 0; j < 9; j++) {
      store<u8>(tmp + n++, <u8>(48 + chunk % 10));
      chunk /= 10;
    }
  }
  while (n > 1 && load<u8>(tmp + n - 1) == 48) n--;
  for (let i = n - 1; i >= 0; i--) sbByte(sb, load<u8>(tmp + i));
  free(tmp);
  bnFree(b);
}

/** Appends a JSON number's text as it was written (used by the dumps). */
export function writeNumberText(sb: usize, p: usize, len: u32): void {
  sbBytes(sb, p, len);
}
