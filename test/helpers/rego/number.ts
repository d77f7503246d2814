/**
 * Rego numbers as OPA represents them: `ast.Number` is a `json.Number`, i.e. the number's
 * decimal text, kept verbatim from a literal or from input (v1/ast/term.go; the parser
 * "Use[s] the original string, do *not* round trip from the big.Float").
 *
 * Representation here: a JS `number` x stands for OPA's Number(String(x)) (every safe integer
 * and every double from JSON input); anything else (big integers, `1.0`, `1e3`, results of float
 * arithmetic) is an `RNum` holding the exact text.
 *
 * - comparison is exact on the decimal value (v1/ast/compare.go uses big.Rat);
 * - `Int()` is Go's strconv.ParseInt on the text (so "1.0" is not an int: array indexes,
 *   substring offsets, etc. reject it);
 * - float arithmetic is big.Float with 64-bit mantissas (builtins.NumberToFloat), see bigfloat.ts.
 */

export class RNum {
  constructor(readonly text: string) {}
}

export type Num = number | RNum;

/** An exact decimal: (-1)^neg × c × 10^e; zero is c = 0n (sign dropped, as big.Rat does). */
export interface Dec {
  readonly neg: boolean;
  readonly c: bigint;
  readonly e: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function isNum(v: unknown): v is Num {
  return typeof v === "number" || v instanceof RNum;
}

export function numText(n: Num): string {
  return typeof n === "number" ? String(n) : n.text;
}

/** A number from its text: a JS number when the text is that number's canonical form. */
export function numFromText(text: string): Num {
  const n = Number(text);
  if (Number.isFinite(n) && String(n) === text) return n;
  return new RNum(text);
}

export function numFromBigInt(b: bigint): Num {
  return numFromText(b.toString());
}

/** Parses decimal text (JSON-like, also Go ParseFloat's `.5`, `5.`, `+5`) exactly. */
export function parseDec(text: string): Dec | undefined {
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const int = m[2] ?? "";
  const frac = m[3] ?? "";
  if (int === "" && frac === "") return undefined;
  let digits = (int + frac).replace(/^0+/, "");
  let e = (m[4] === undefined ? 0 : Number(m[4])) - frac.length;
  if (digits === "") return { neg: false, c: 0n, e: 0 };
  const trimmed = digits.replace(/0+$/, "");
  e += digits.length - trimmed.length;
  digits = trimmed;
  return { neg: m[1] === "-", c: BigInt(digits), e };
}

export function decOf(n: Num): Dec {
  const d = parseDec(numText(n));
  if (d === undefined) throw new Error(`illegal number text ${numText(n)}`);
  return d;
}

const pow10Cache: bigint[] = [];
export function pow10(k: number): bigint {
  if (k < 64) {
    let v = pow10Cache[k];
    if (v === undefined) pow10Cache[k] = v = 10n ** BigInt(k);
    return v;
  }
  return 10n ** BigInt(k);
}

function cmpMag(x: Dec, y: Dec): number {
  const lx = x.c.toString().length + x.e;
  const ly = y.c.toString().length + y.e;
  if (lx !== ly) return lx < ly ? -1 : 1;
  let a = x.c;
  let b = y.c;
  if (x.e > y.e) a *= pow10(x.e - y.e);
  else if (y.e > x.e) b *= pow10(y.e - x.e);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function cmpDec(x: Dec, y: Dec): number {
  const sx = x.c === 0n ? 0 : x.neg ? -1 : 1;
  const sy = y.c === 0n ? 0 : y.neg ? -1 : 1;
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (sx === 0) return 0;
  const m = cmpMag(x, y);
  return sx < 0 && m !== 0 ? -m : m;
}

/** ast.NumberCompare: exact comparison of the decimal values (big.Rat). */
export function cmpNum(a: Num, b: Num): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  return cmpDec(decOf(a), decOf(b));
}

const INT_TEXT = /^[+-]?\d+$/;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** Number.Int64(): strconv.ParseInt(text, 10, 64). */
export function int64Of(n: Num): bigint | undefined {
  if (typeof n === "number" && Number.isSafeInteger(n)) return BigInt(n);
  const t = numText(n);
  if (!INT_TEXT.test(t)) return undefined;
  const b = BigInt(t);
  return b < I64_MIN || b > I64_MAX ? undefined : b;
}

/** Number.Int() as a JS number (exact for |x| < 2^53; callers only clamp larger values). */
export function intOf(n: Num): number | undefined {
  if (typeof n === "number") return Number.isSafeInteger(n) ? n : mapBig(int64Of(n));
  return mapBig(int64Of(n));
}

function mapBig(b: bigint | undefined): number | undefined {
  return b === undefined ? undefined : Number(b);
}

/** The int32 window of arithmetic.go's smallInt. */
export function smallInt(n: Num): number | undefined {
  if (typeof n === "number") return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : undefined;
  const b = int64Of(n);
  return b !== undefined && b >= -2147483648n && b <= 2147483647n ? Number(b) : undefined;
}

/** Go's encoding/json isValidNumber: the JSON number grammar. */
export function isJsonNumber(text: string): boolean {
  return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text);
}
