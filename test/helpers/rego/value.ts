/**
 * Rego values: null, boolean, number (see number.ts), string, array, object.
 * (Sets are outside the supported subset.)
 *
 * Ordering is OPA's total order (v1/ast/compare.go): null < boolean < number < string < array
 * < object; arrays compare element-wise then by length; objects compare their (key, value)
 * pairs in sorted key order, then by length. Strings compare as Go strings, i.e. by UTF-8 bytes,
 * which is code point order. Object keys iterate in sorted order (object.Keys() sorts).
 */

import { cmpNum, decOf, isNum, numText, RNum, type Num } from "./number.js";

export type Value = null | boolean | Num | string | readonly Value[] | RObject;

/** A Rego object; keys are usually strings (JSON), other keys are kept in a side table. */
export class RObject {
  private sorted: (readonly [Value, Value])[] | undefined;
  constructor(
    readonly str: Map<string, Value>,
    readonly other?: Map<string, readonly [Value, Value]>,
  ) {}

  static empty = new RObject(new Map());

  get size(): number {
    return this.str.size + (this.other?.size ?? 0);
  }

  get(key: Value): Value | undefined {
    if (typeof key === "string") return this.str.get(key);
    return this.other?.get(keyId(key))?.[1];
  }

  /** Entries in OPA's iteration order: keys sorted by the total order. */
  entries(): readonly (readonly [Value, Value])[] {
    if (this.sorted === undefined) {
      const out: (readonly [Value, Value])[] = [];
      for (const [k, v] of this.str) out.push([k, v]);
      if (this.other) for (const e of this.other.values()) out.push(e);
      out.sort((a, b) => compare(a[0], b[0]));
      this.sorted = out;
    }
    return this.sorted;
  }
}

export class ObjectBuilder {
  private readonly str = new Map<string, Value>();
  private other: Map<string, readonly [Value, Value]> | undefined;
  /** Sets key to value (replacing). */
  set(key: Value, value: Value): void {
    if (typeof key === "string") this.str.set(key, value);
    else (this.other ??= new Map()).set(keyId(key), [key, value]);
  }
  get(key: Value): Value | undefined {
    if (typeof key === "string") return this.str.get(key);
    return this.other?.get(keyId(key))?.[1];
  }
  build(): RObject {
    return new RObject(this.str, this.other);
  }
}

/** A key identifying a non-string value up to OPA equality (1 and 1.0 are the same key). */
function keyId(v: Value): string {
  if (v === null) return "z";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "string") return "s" + JSON.stringify(v);
  if (isNum(v)) {
    const d = decOf(v);
    return d.c === 0n ? "n0" : `n${d.neg ? "-" : ""}${d.c}e${d.e}`;
  }
  if (Array.isArray(v)) return "a[" + (v as readonly Value[]).map(keyId).join(",") + "]";
  return "o{" + (v as RObject).entries().map(([k, x]) => keyId(k) + ":" + keyId(x)).join(",") + "}";
}

export function isArray(v: Value): v is readonly Value[] {
  return Array.isArray(v);
}

export function isObject(v: Value): v is RObject {
  return v instanceof RObject;
}

/** ast.ValueName: the type name used in OPA's error messages. */
export function typeName(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "string") return "string";
  if (isNum(v)) return "number";
  if (Array.isArray(v)) return "array";
  return "object";
}

function sortOrder(v: Value): number {
  if (v === null) return 0;
  if (typeof v === "boolean") return 1;
  if (typeof v === "string") return 3;
  if (typeof v === "number" || v instanceof RNum) return 2;
  if (Array.isArray(v)) return 7;
  return 8;
}

/** Go string comparison (UTF-8 byte order = code point order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const surrogate = (x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff);
      if (!surrogate) return x < y ? -1 : 1;
      const cx = a.codePointAt(i) as number;
      const cy = b.codePointAt(i) as number;
      return cx < cy ? -1 : cx > cy ? 1 : 0;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** ast.Compare on values. */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  const sa = sortOrder(a);
  const sb = sortOrder(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  switch (sa) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2:
      return cmpNum(a as Num, b as Num);
    case 3:
      return compareStrings(a as string, b as string);
    case 7: {
      const x = a as readonly Value[];
      const y = b as readonly Value[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i] as Value, y[i] as Value);
        if (c !== 0) return c;
      }
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    }
    default: {
      const x = (a as RObject).entries();
      const y = (b as RObject).entries();
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const [ka, va] = x[i] as readonly [Value, Value];
        const [kb, vb] = y[i] as readonly [Value, Value];
        const ck = compare(ka, kb);
        if (ck !== 0) return ck;
        const cv = compare(va, vb);
        if (cv !== 0) return cv;
      }
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    }
  }
}

/** Term.Equal / ValueEqual: structural, numbers by value. */
export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === "string" || typeof b === "string") return false;
  if (typeof a === "number" && typeof b === "number") return false;
  if (a instanceof RObject && b instanceof RObject) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a.str) {
      const w = b.str.get(k);
      if (w === undefined || !equal(v, w)) return false;
    }
    if (a.other) for (const [k, v] of a.other.values()) {
      const w = b.get(k);
      if (w === undefined || !equal(v, w)) return false;
    }
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = a as readonly Value[];
    const y = b as readonly Value[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!equal(x[i] as Value, y[i] as Value)) return false;
    return true;
  }
  if (isNum(a) && isNum(b)) return cmpNum(a, b) === 0;
  return false;
}

/** Elements visited when iterating a collection: arrays by index, objects by sorted key. */
export function isCollection(v: Value): boolean {
  return Array.isArray(v) || v instanceof RObject;
}

export { numText };
