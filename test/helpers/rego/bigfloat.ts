/**
 * Emulation of the parts of Go's math/big.Float that OPA's arithmetic uses
 * (v1/topdown/arithmetic.go, v1/topdown/builtins/builtins.go):
 * - NumberToFloat: `new(big.Float).SetString(text)`, i.e. a 64-bit mantissa, rounded to nearest
 *   even (SetString with precision 0 uses 64; the decimal exponent is applied with one
 *   correctly rounded Mul/Quo, exact here);
 * - Add/Sub/Mul/Quo: the result precision is the larger operand precision, rounded to nearest even;
 * - FloatToNumber: `f.Text('f', -1)` for integers, `f.Text('g', -1)` otherwise, where a negative
 *   precision is the shortest decimal that identifies the value at the float's precision
 *   (math/big/ftoa.go `roundShortest`, reproduced as written, digit loop included).
 */

import { decOf, numFromText, numText, pow10, type Num } from "./number.js";

/** (-1)^neg × m × 2^e, with m = 0n (zero) or exactly `prec` bits long. */
export interface BF {
  readonly neg: boolean;
  readonly m: bigint;
  readonly e: number;
  readonly prec: number;
}

export function bitLen(b: bigint): number {
  if (b === 0n) return 0;
  const h = b.toString(16);
  const top = parseInt(h[0] ?? "0", 16);
  return (h.length - 1) * 4 + (32 - Math.clz32(top));
}

/** Rounds the exact value (-1)^neg × M × 2^E to `prec` bits, nearest even. */
export function roundBF(neg: boolean, M: bigint, E: number, prec: number): BF {
  if (M === 0n) return { neg, m: 0n, e: 0, prec };
  const L = bitLen(M);
  if (L <= prec) return { neg, m: M << BigInt(prec - L), e: E - (prec - L), prec };
  const k = L - prec;
  const kk = BigInt(k);
  let q = M >> kk;
  const r = M - (q << kk);
  const half = 1n << (kk - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) {
    q += 1n;
    if (bitLen(q) > prec) return { neg, m: q >> 1n, e: E + k + 1, prec };
  }
  return { neg, m: q, e: E + k, prec };
}

/** Rounds (-1)^neg × N/D × 2^E (D > 0) to `prec` bits, nearest even (a sticky bit keeps ties exact). */
function roundRat(neg: boolean, N: bigint, D: bigint, E: number, prec: number): BF {
  if (N === 0n) return { neg, m: 0n, e: 0, prec };
  const s = prec + 2 - (bitLen(N) - bitLen(D));
  const num = s >= 0 ? N << BigInt(s) : N;
  const den = s >= 0 ? D : D << BigInt(-s);
  const q = num / den;
  const sticky = num - q * den === 0n ? 0n : 1n;
  return roundBF(neg, (q << 1n) | sticky, E - s - 1, prec);
}

/** builtins.NumberToFloat. */
export function toBF(n: Num): BF {
  const d = decOf(n);
  const neg = d.c === 0n ? numText(n).startsWith("-") : d.neg;
  if (d.e >= 0) return roundBF(neg, d.c * pow10(d.e), 0, 64);
  return roundRat(neg, d.c, pow10(-d.e), 0, 64);
}

export function bfIsZero(x: BF): boolean {
  return x.m === 0n;
}

export function bfIsInt(x: BF): boolean {
  if (x.m === 0n || x.e >= 0) return true;
  if (-x.e >= x.prec) return false;
  return (x.m & ((1n << BigInt(-x.e)) - 1n)) === 0n;
}

/** big.Float.Int: truncation toward zero. */
export function bfTrunc(x: BF): bigint {
  const mag = x.e >= 0 ? x.m << BigInt(x.e) : x.m >> BigInt(-x.e);
  return x.neg ? -mag : mag;
}

/** builtins.NumberToInt: the integer, if the 64-bit float is one. */
export function numberToInt(n: Num): bigint | undefined {
  const f = toBF(n);
  return bfIsInt(f) ? bfTrunc(f) : undefined;
}

/** new(big.Float).SetInt(i): precision max(64, bit length), exact. */
export function bfFromInt(i: bigint): BF {
  const mag = i < 0n ? -i : i;
  return roundBF(i < 0n, mag, 0, Math.max(64, bitLen(mag)));
}

export function bfNeg(x: BF): BF {
  return { ...x, neg: !x.neg };
}

export function bfAdd(a: BF, b: BF): BF {
  const prec = Math.max(a.prec, b.prec);
  if (a.m === 0n && b.m === 0n) return { neg: a.neg && b.neg, m: 0n, e: 0, prec };
  if (a.m === 0n) return roundBF(b.neg, b.m, b.e, prec);
  if (b.m === 0n) return roundBF(a.neg, a.m, a.e, prec);
  const emin = Math.min(a.e, b.e);
  const A = (a.m << BigInt(a.e - emin)) * (a.neg ? -1n : 1n);
  const B = (b.m << BigInt(b.e - emin)) * (b.neg ? -1n : 1n);
  const S = A + B;
  if (S === 0n) return { neg: false, m: 0n, e: 0, prec };
  return roundBF(S < 0n, S < 0n ? -S : S, emin, prec);
}

export function bfSub(a: BF, b: BF): BF {
  return bfAdd(a, bfNeg(b));
}

export function bfMul(a: BF, b: BF): BF {
  const prec = Math.max(a.prec, b.prec);
  return roundBF(a.neg !== b.neg, a.m * b.m, a.e + b.e, prec);
}

export function bfQuo(a: BF, b: BF): BF {
  const prec = Math.max(a.prec, b.prec);
  return roundRat(a.neg !== b.neg, a.m, b.m, a.e - b.e, prec);
}

export function bfCmp(a: BF, b: BF): number {
  const sa = a.m === 0n ? 0 : a.neg ? -1 : 1;
  const sb = b.m === 0n ? 0 : b.neg ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const emin = Math.min(a.e, b.e);
  const A = a.m << BigInt(a.e - emin);
  const B = b.m << BigInt(b.e - emin);
  const c = A < B ? -1 : A > B ? 1 : 0;
  return sa < 0 ? -c : c;
}

/** A multiprecision decimal 0.mant × 10^exp (math/big/decimal.go), trailing zeros trimmed. */
interface Decimal {
  mant: string;
  exp: number;
}

function decimalOf(m: bigint, e: number): Decimal {
  let s: string;
  let exp: number;
  if (e >= 0) {
    s = (m << BigInt(e)).toString();
    exp = s.length;
  } else {
    s = (m * 5n ** BigInt(-e)).toString();
    exp = s.length + e;
  }
  s = s.replace(/0+$/, "");
  if (s === "") exp = 0;
  return { mant: s, exp };
}

function at(d: Decimal, i: number): string {
  return i >= 0 && i < d.mant.length ? (d.mant[i] as string) : "0";
}

function trim(d: Decimal): void {
  d.mant = d.mant.replace(/0+$/, "");
  if (d.mant === "") d.exp = 0;
}

function roundUp(d: Decimal, n: number): void {
  if (n < 0 || n >= d.mant.length) return;
  while (n > 0 && (d.mant[n - 1] as string) >= "9") n--;
  if (n === 0) {
    d.mant = "1";
    d.exp++;
    return;
  }
  const c = String.fromCharCode(d.mant.charCodeAt(n - 1) + 1);
  d.mant = d.mant.slice(0, n - 1) + c;
}

function roundDown(d: Decimal, n: number): void {
  if (n < 0 || n >= d.mant.length) return;
  d.mant = d.mant.slice(0, n);
  trim(d);
}

function shouldRoundUp(d: Decimal, n: number): boolean {
  if (d.mant[n] === "5" && n + 1 === d.mant.length) return n > 0 && (d.mant.charCodeAt(n - 1) - 48) % 2 !== 0;
  return (d.mant[n] as string) >= "5";
}

function round(d: Decimal, n: number): void {
  if (n < 0 || n >= d.mant.length) return;
  if (shouldRoundUp(d, n)) roundUp(d, n);
  else roundDown(d, n);
}

function roundShortest(d: Decimal, x: BF): void {
  if (d.mant.length === 0) return;
  const mant = x.m << 1n;
  const exp = x.e - 1;
  const lower = decimalOf(mant - 1n, exp);
  const upper = decimalOf(mant + 1n, exp);
  const inclusive = (mant & 2n) === 0n;
  for (let i = 0; i < d.mant.length; i++) {
    const l = at(lower, i);
    const u = at(upper, i);
    const m = d.mant[i] as string;
    const okdown = l !== m || (inclusive && i + 1 === lower.mant.length);
    const okup = m !== u && (inclusive || m.charCodeAt(0) + 1 < u.charCodeAt(0) || i + 1 < upper.mant.length);
    if (okdown && okup) return round(d, i + 1);
    if (okdown) return roundDown(d, i + 1);
    if (okup) return roundUp(d, i + 1);
  }
}

function fmtF(prec: number, d: Decimal): string {
  let out = "";
  if (d.exp > 0) {
    const m = Math.min(d.mant.length, d.exp);
    out = d.mant.slice(0, m) + "0".repeat(d.exp - m);
  } else out = "0";
  if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) out += at(d, d.exp + i);
  }
  return out;
}

function fmtE(prec: number, d: Decimal): string {
  let out = d.mant.length > 0 ? (d.mant[0] as string) : "0";
  if (prec > 0) {
    out += ".";
    const m = Math.min(d.mant.length, prec + 1);
    out += d.mant.slice(1, m) + "0".repeat(Math.max(0, prec + 1 - Math.max(m, 1)));
  }
  let exp = d.mant.length > 0 ? d.exp - 1 : 0;
  const sign = exp < 0 ? "-" : "+";
  if (exp < 0) exp = -exp;
  return `${out}e${sign}${exp < 10 ? "0" : ""}${exp}`;
}

/** big.Float.Text(format, -1) for format 'f' or 'g'. */
export function bfText(x: BF, format: "f" | "g"): string {
  const sign = x.neg ? "-" : "";
  const d: Decimal = x.m === 0n ? { mant: "", exp: 0 } : decimalOf(x.m, x.e - 0);
  roundShortest(d, x);
  if (format === "f") return sign + fmtF(Math.max(d.mant.length - d.exp, 0), d);
  const prec = d.mant.length;
  const exp = d.exp - 1;
  if (exp < -4 || exp >= 6) return sign + fmtE(prec - 1, d);
  return sign + fmtF(Math.max(prec - d.exp, 0), d);
}

/** builtins.FloatToNumber. */
export function floatToNumber(x: BF): Num {
  return numFromText(bfText(x, bfIsInt(x) ? "f" : "g"));
}
