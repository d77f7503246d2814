/**
 * Exact integers beyond 2^53 (src/eval/value.ts is the model): their order, and `+`/`-`.
 *
 * An exact integer is a number with NUM_EXACT: its text holds its decimal digits (as written
 * in the input, canonical digits in place of a fraction or exponent form, or computed here),
 * and its f64 is the nearest. Which numbers are exact is src/export/exact-json.ts's rule:
 * integers beyond 2^53 written as integers, or with a fraction or an exponent below 10^21
 * (`classifyExact`). Comparisons and arithmetic
 * first look at the f64s and come here only when those cannot decide: two different f64s are
 * two different values in the same order (rounding is monotonic), and arithmetic on
 * integers is exact only when an operand is exact or the f64 result leaves the safe integers.
 * So numbers within 2^53 never reach this file.
 *
 * The digits of an f64 integer (an f64 equal to an exact integer's is one, every f64 beyond
 * 2^53 is) come from num.ts `writeIntegerDigits`; the arithmetic is schoolbook on decimal
 * digits, as long as the operands (no bound: exact integers keep every digit written).
 */

import { NUM_EXACT, NUM_OWNS_TEXT } from "../format";
import { alloc, free } from "./heap";
import { parseNumber, writeIntegerDigits } from "./num";
import { sbBuf, sbLen, sbNew } from "./sb";
import { newNum, newNumText, numExact, numValue } from "./value";

/** exact-json.ts MAX_FORM_DIGITS: an exact integer written with a fraction or an exponent is below 10^21. */
const MAX_FORM_DIGITS: i64 = 21;

/**
 * Marks a number whose f64 is beyond 2^53 as exact when its text denotes an integer under
 * exact-json.ts's rule; a fraction or exponent form then gets its canonical digits as text.
 */
export function classifyExact(v: usize): void {
  const p = <usize>load<u32>(v, 16);
  const n = load<u32>(v, 20);
  if (p == 0) return; // a computed f64
  let i: u32 = load<u8>(p) == 45 ? 1 : 0;
  const neg = i == 1;
  // Integer digits, then fraction digits: significant digits from the first non-zero one.
  let first: u32 = 0xffffffff; // offset of the first significant digit
  let lastNonZero: u32 = 0; // offset of the last non-zero digit
  let count: i64 = 0; // digits from `first` to the end of the mantissa
  let fracDigits: i64 = 0;
  let inFrac = false;
  let plain = true;
  for (; i < n; i++) {
    const c = load<u8>(p + i);
    if (c == 46) {
      inFrac = true;
      plain = false;
      continue;
    }
    if (c < 48 || c > 57) break;
    if (inFrac) fracDigits++;
    if (first == 0xffffffff && c != 48) first = i;
    if (first != 0xffffffff) {
      count++;
      if (c != 48) lastNonZero = i;
    }
  }
  let exp: i64 = 0;
  if (i < n) {
    plain = false;
    i++; // e or E
    let eneg = false;
    const s = load<u8>(p + i);
    if (s == 45 || s == 43) {
      eneg = s == 45;
      i++;
    }
    for (; i < n; i++) if (exp < 100000000) exp = exp * 10 + <i64>(load<u8>(p + i) - 48);
    if (eneg) exp = -exp;
  }
  if (plain) {
    store<u32>(v, load<u32>(v, 4) | NUM_EXACT, 4);
    return;
  }
  if (first == 0xffffffff) return;
  // Significant digits D (first..lastNonZero, the '.' skipped) times 10^e.
  let trailing: i64 = 0; // zero digits after lastNonZero in the mantissa
  for (let j = lastNonZero + 1; j < n; j++) {
    const c = load<u8>(p + j);
    if (c == 101 || c == 69) break;
    if (c != 46) trailing++;
  }
  const nd = count - trailing;
  const e = exp - fracDigits + trailing;
  if (e < 0 || nd + e > MAX_FORM_DIGITS) return;
  const len = <u32>(nd + e) + (neg ? 1 : 0);
  const out = alloc(len);
  let k: usize = out;
  if (neg) store<u8>(k++, 45);
  for (let j = first; j <= lastNonZero; j++) {
    const c = load<u8>(p + j);
    if (c != 46) store<u8>(k++, c);
  }
  for (let z: i64 = 0; z < e; z++) store<u8>(k++, 48);
  const flags = load<u32>(v, 4);
  if ((flags & NUM_OWNS_TEXT) != 0) free(p);
  store<u32>(v, <u32>out, 16);
  store<u32>(v, len, 20);
  store<u32>(v, flags | NUM_EXACT | NUM_OWNS_TEXT, 4);
}

// The sign and magnitude digits of the last `digitsOf` call for each operand slot.
let magPtr0: usize = 0;
let magLen0: u32 = 0;
let neg0: bool = false;
let sb0: usize = 0;
let magPtr1: usize = 0;
let magLen1: u32 = 0;
let neg1: bool = false;
let sb1: usize = 0;

/** Loads the sign and magnitude of an exact integer, or of an integer f64, into slot `k`. */
function digitsOf(v: usize, k: i32): void {
  let p: usize;
  let n: u32;
  let neg: bool;
  let sb: usize = 0;
  if (numExact(v)) {
    p = <usize>load<u32>(v, 16);
    n = load<u32>(v, 20);
    neg = load<u8>(p) == 45;
    if (neg) {
      p++;
      n--;
    }
  } else {
    const x = numValue(v);
    sb = sbNew(24);
    writeIntegerDigits(sb, x);
    p = sbBuf(sb);
    n = sbLen(sb);
    neg = x < 0;
  }
  if (k == 0) {
    magPtr0 = p;
    magLen0 = n;
    neg0 = neg;
    sb0 = sb;
  } else {
    magPtr1 = p;
    magLen1 = n;
    neg1 = neg;
    sb1 = sb;
  }
}

function releaseDigits(): void {
  if (sb0 != 0) {
    free(sbBuf(sb0));
    free(sb0);
  }
  if (sb1 != 0) {
    free(sbBuf(sb1));
    free(sb1);
  }
  sb0 = 0;
  sb1 = 0;
}

/** Compares two magnitudes (digits without leading zeros). */
function cmpMagnitude(a: usize, na: u32, b: usize, nb: u32): i32 {
  if (na != nb) return na < nb ? -1 : 1;
  for (let i: u32 = 0; i < na; i++) {
    const x = load<u8>(a + i);
    const y = load<u8>(b + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The exact order of two numbers with equal f64s, one of them exact (value.ts `order` and
 * `jsonEqual`). An infinite f64 that is not exact lies beyond every exact integer.
 */
export function exactOrder(a: usize, b: usize): i32 {
  const x = numValue(a);
  let c: i32;
  if (!isFinite(x) && !(numExact(a) && numExact(b))) c = numExact(a) ? -1 : 1;
  else {
    digitsOf(a, 0);
    digitsOf(b, 1);
    c = cmpMagnitude(magPtr0, magLen0, magPtr1, magLen1);
    releaseDigits();
  }
  // Equal f64s beyond 2^53 have one sign.
  return x < 0 ? -c : c;
}

@inline function isInteger(x: f64): bool {
  return isFinite(x) && Math.floor(x) == x;
}

/** value.ts `addNumbers`: `l + r` or `l - r` of two numbers. */
export function addNumbers(minus: bool, l: usize, r: usize): usize {
  const x = numValue(l);
  const y = numValue(r);
  const el = numExact(l);
  const er = numExact(r);
  if (!el && !er) {
    const s = minus ? x - y : x + y;
    if ((isInteger(s) && Math.abs(s) <= 9007199254740991.0) || !isInteger(x) || !isInteger(y)) return newNum(s);
  } else if (!(el || isInteger(x)) || !(er || isInteger(y))) {
    return newNum(minus ? x - y : x + y);
  }
  digitsOf(l, 0);
  digitsOf(r, 1);
  const v = exactSum(neg0, magPtr0, magLen0, minus ? !neg1 : neg1, magPtr1, magLen1);
  releaseDigits();
  return v;
}

/** (±a) + (±b) of two magnitudes, as a number: an f64 when safe, else an exact integer. */
function exactSum(na: bool, a: usize, la: u32, nb: bool, b: usize, lb: u32): usize {
  const cap = (la > lb ? la : lb) + 2;
  const out = alloc(cap);
  // Digits are written right-aligned in out[1..cap), leaving out[0] for the sign.
  let k = cap;
  let neg = na;
  if (na == nb) {
    let carry: u32 = 0;
    let i = la;
    let j = lb;
    while (i > 0 || j > 0 || carry != 0) {
      let d = carry;
      if (i > 0) d += <u32>load<u8>(a + --i) - 48;
      if (j > 0) d += <u32>load<u8>(b + --j) - 48;
      carry = d >= 10 ? 1 : 0;
      store<u8>(out + --k, <u8>(48 + d - carry * 10));
    }
  } else {
    // Subtract the smaller magnitude from the larger; the sign is the larger's.
    const c = cmpMagnitude(a, la, b, lb);
    if (c == 0) {
      free(out);
      return newNum(0);
    }
    if (c < 0) {
      const t = a;
      a = b;
      b = t;
      const tl = la;
      la = lb;
      lb = tl;
      neg = nb;
    }
    let borrow: i32 = 0;
    let i = la;
    let j = lb;
    while (i > 0) {
      let d = <i32>load<u8>(a + --i) - 48 - borrow;
      if (j > 0) d -= <i32>load<u8>(b + --j) - 48;
      borrow = d < 0 ? 1 : 0;
      store<u8>(out + --k, <u8>(48 + d + borrow * 10));
    }
  }
  while (k < cap - 1 && load<u8>(out + k) == 48) k++;
  const digits = cap - k;
  if (neg) store<u8>(out + --k, 45);
  const p = out + k;
  const n = cap - k;
  // 9007199254740991 has 16 digits: fewer are safe, more are not.
  if (digits < 16 || (digits == 16 && cmpMagnitude(neg ? p + 1 : p, 16, SAFE_MAX, 16) <= 0)) {
    const x = parseNumber(p, n);
    free(out);
    return newNum(x);
  }
  return newNumText(p, n, true);
}

const SAFE_MAX: usize = memory.data<u8>([57, 48, 48, 55, 49, 57, 57, 50, 53, 52, 55, 52, 48, 57, 57, 49]);
