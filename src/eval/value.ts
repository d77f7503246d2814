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
 */

import type { AddrSet } from "../net/set.js";

export const MISSING: unique symbol = Symbol("missing");
export type Missing = typeof MISSING;

/** The result of `exclude(a, b)`: an address set that is not a list of ranges. */
export class AddrSetValue {
  constructor(readonly set: AddrSet) {}
}

export type Obj = { readonly [k: string]: unknown };
export type Value = string | number | boolean | readonly unknown[] | Obj | AddrSetValue | Missing;

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

/** `==`: a missing operand makes it false; otherwise JSON equality (a null inside a list or object is a value). */
export function equal(a: unknown, b: unknown): boolean {
  if (isMissing(a) || isMissing(b)) return false;
  return jsonEqual(a, b);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
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
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return Math.sign(compareStrings(a, b));
  return undefined;
}

function showNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

function showScalar(v: unknown): string {
  if (isMissing(v)) return "missing";
  if (typeof v === "string") return `"${v}"`;
  if (typeof v === "number") return showNumber(v);
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
