/**
 * Run-time values of the reference evaluator and their operations.
 *
 * A value is JSON data (from the export or a literal) or an address set (the result of
 * `exclude`), or MISSING: an absent key, a JSON `null`, an out-of-range index, a value of
 * the wrong type for an operation. The rules here are the language's definition of
 * equality, ordering and printing, which the Rego and Wasm backends reproduce:
 * - equality is structural; numbers by value; strings by code units;
 * - ordering is numeric for numbers and by code point for strings; other pairs are unordered;
 * - `show` prints for generated messages (strings quoted, missing as `missing`, objects as
 *   `{…}`), `text` prints inside interpolations (strings as they are).
 *
 * Numbers are float64, except integers beyond 2^53, which are exact, as in OPA (whose numbers
 * keep their JSON text): a 16-digit Azure workspace id such as 9876543210987655 has no
 * float64 (it would read as 9876543210987656). Such an integer is a `bigint`, and only such
 * an integer: a `bigint` is never a safe integer (`exactInteger` normalises), so a value has
 * one representation. Where they come from: the export loader reads an integer beyond the
 * safe integers as a `bigint` when it is written as an integer, or with a fraction or an
 * exponent below 10^21 (src/export/exact-json.ts); `+` and `-` of two integers are exact (a
 * `bigint` when the result is beyond 2^53). Literals and params stay below 2^53. What they
 * mean:
 * - `==`, `<`, … compare exactly, across `bigint` and float64 too (9876543210987656 as a
 *   float64 is not 9876543210987655), as OPA compares numbers;
 * - `+`/`-` with a non-integer operand is float64 arithmetic on the nearest float64 of the
 *   integer (OPA's is exact decimal arithmetic: a language debt, docs/language.md 4.14);
 * - `show` prints every digit (a float64 integer prints `toFixed(0)` below 1e21).
 */

import type { AddrSet } from "../net/set.js";

export const MISSING: unique symbol = Symbol("missing");
export type Missing = typeof MISSING;

/** The result of `exclude(a, b)`: an address set that is not a list of ranges. */
export class AddrSetValue {
  constructor(readonly set: AddrSet) {}
}

export type Obj = { readonly [k: string]: unknown };
export type Value = string | number | bigint | boolean | readonly unknown[] | Obj | AddrSetValue | Missing;

export function isMissing(v: unknown): v is Missing {
  return v === MISSING || v === null || v === undefined;
}

/** Normalises raw JSON (null → MISSING). */
export function fromJson(v: unknown): Value {
  return v === null || v === undefined ? MISSING : (v as Value);
}

export function isList(v: unknown): v is readonly unknown[] {
  return Array.isArray(v);
}

export function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof AddrSetValue);
}

/** The elements of a list for iteration; anything else iterates as empty. */
export function elements(v: Value): readonly Value[] {
  return isList(v) ? (v as readonly Value[]) : [];
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function isNumber(v: unknown): v is number | bigint {
  return typeof v === "number" || typeof v === "bigint";
}

/** Is the number an integer (a `bigint`, or a float64 without fraction)? */
export function isIntegral(v: number | bigint): boolean {
  return typeof v === "bigint" || Number.isInteger(v);
}

/** An exact integer as a value: a float64 when it is a safe integer, else the `bigint`. */
export function exactInteger(n: bigint): number | bigint {
  return n <= MAX_SAFE && n >= -MAX_SAFE ? Number(n) : n;
}

/**
 * `a + b` or `a - b` of two numbers: exact when both are integers (a float64 result of two
 * integers is exact while it is a safe integer, so the `bigint` path runs only beyond 2^53),
 * float64 arithmetic otherwise.
 */
export function addNumbers(op: "+" | "-", a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === "number" && typeof b === "number") {
    const s = op === "+" ? a + b : a - b;
    if (Number.isSafeInteger(s) || !Number.isInteger(a) || !Number.isInteger(b)) return s;
  } else if (!isIntegral(a) || !isIntegral(b)) {
    return op === "+" ? Number(a) + Number(b) : Number(a) - Number(b);
  }
  const x = BigInt(a);
  const y = BigInt(b);
  return exactInteger(op === "+" ? x + y : x - y);
}

/** `==`: a missing operand makes it false; otherwise JSON equality (a null inside a list or object is a value). */
export function equal(a: unknown, b: unknown): boolean {
  if (isMissing(a) || isMissing(b)) return false;
  return jsonEqual(a, b);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    // `==` between a bigint and a number compares their exact values.
    return a === b || (typeof a !== typeof b && isNumber(a) && isNumber(b) && a == b);
  }
  if (isList(a) || isList(b)) {
    if (!isList(a) || !isList(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (a instanceof AddrSetValue || b instanceof AddrSetValue) return false;
  const ka = Object.keys(a as Obj);
  const kb = Object.keys(b as Obj);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as Obj)[k], (b as Obj)[k]));
}

/** Code-point order of two strings (UTF-16 comparison differs for astral characters). */
export function compareStrings(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** -1, 0, 1, or undefined when the two values are not ordered. */
export function order(a: Value, b: Value): number | undefined {
  // Relational operators compare a bigint and a number exactly.
  if (isNumber(a) && isNumber(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return Math.sign(compareStrings(a, b));
  return undefined;
}

function showNumber(n: number | bigint): string {
  if (typeof n === "bigint") return n.toString();
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

function showScalar(v: unknown): string {
  if (isMissing(v)) return "missing";
  if (typeof v === "string") return `"${v}"`;
  if (isNumber(v)) return showNumber(v);
  if (typeof v === "boolean") return String(v);
  if (isList(v)) return "[…]";
  return "{…}";
}

/**
 * How a value prints in a generated message. One level deep on purpose: a list shows its
 * elements, a nested list or an object shows as `[…]` / `{…}` (what every backend can print
 * without recursion, and what a message needs).
 */
export function show(v: unknown): string {
  if (isList(v)) return `[${v.map(showScalar).join(", ")}]`;
  return showScalar(v);
}

export function text(v: unknown): string {
  return typeof v === "string" ? v : show(v);
}
