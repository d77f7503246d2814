/**
 * Values in linear memory and the language's value rules (src/eval/value.ts is the model).
 *
 * A value is a pointer to a struct whose first byte is its tag (format.ts); 0 is "missing".
 * Strings are WTF-8 bytes (UTF-8, with lone surrogates from `\uD800`-style escapes encoded
 * as three bytes), so byte order is code-point order and byte equality is code-unit
 * equality. Strings and number texts parsed from an evaluation's input point into the input
 * bytes; a number's f64 is computed on first use, and then whether it is an exact integer
 * beyond 2^53 (NUM_EXACT: written without fraction or exponent; exact.ts has their
 * comparisons and arithmetic). JSON `null` exists only inside lists and
 * objects: taking a value out of a container (`fromJson`) turns it into missing, as the
 * evaluator does.
 */

import { F_WANTED, NUM_EXACT, NUM_HAS_VALUE, OBJ_PARTIAL, T_ADDR, T_ARR, T_BOOL, T_NULL, T_NUM, T_OBJ, T_SET, T_STR } from "../format";
import { alloc } from "./heap";
import { classifyExact, exactOrder } from "./exact";
import { parseNumber } from "./num";

export const NULLV: usize = memory.data(8, 8);
export const TRUEV: usize = memory.data(8, 8);
export const FALSEV: usize = memory.data(8, 8);
export const EMPTY_STR: usize = memory.data(16, 8);
export const EMPTY_ARR: usize = memory.data(16, 8);

export function initValues(): void {
  store<u32>(NULLV, T_NULL);
  store<u32>(TRUEV, T_BOOL);
  store<u32>(TRUEV, 1, 4);
  store<u32>(FALSEV, T_BOOL);
  store<u32>(FALSEV, 0, 4);
  store<u32>(EMPTY_STR, T_STR);
  store<u32>(EMPTY_STR, 0, 4);
  store<u32>(EMPTY_STR, 0, 8);
  store<u32>(EMPTY_ARR, T_ARR);
  store<u32>(EMPTY_ARR, 0, 4);
  store<u32>(EMPTY_ARR, 0, 8);
}

@inline export function tag(v: usize): u32 {
  return <u32>load<u8>(v);
}

@inline export function isMissing(v: usize): bool {
  return v == 0 || load<u8>(v) == T_NULL;
}

/** A value taken out of a container: null becomes missing. */
@inline export function fromJson(v: usize): usize {
  return v == 0 || load<u8>(v) == T_NULL ? 0 : v;
}

@inline export function boolV(b: bool): usize {
  return b ? TRUEV : FALSEV;
}

@inline export function isTrue(v: usize): bool {
  return v != 0 && load<u8>(v) == T_BOOL && load<u32>(v, 4) != 0;
}

// --- strings ---------------------------------------------------------------------------------

export function newStr(ptr: usize, len: u32): usize {
  if (len == 0) return EMPTY_STR;
  const v = alloc(12);
  store<u32>(v, T_STR);
  store<u32>(v, len, 4);
  store<u32>(v, <u32>ptr, 8);
  return v;
}

@inline export function isStr(v: usize): bool {
  return v != 0 && load<u8>(v) == T_STR;
}

@inline export function strLen(v: usize): u32 {
  return load<u32>(v, 4);
}

@inline export function strPtr(v: usize): usize {
  return <usize>load<u32>(v, 8);
}

@inline export function isWanted(v: usize): bool {
  return (load<u32>(v) & F_WANTED) != 0;
}

/** Compares n bytes; the tail is one overlapping word (field names are short: at most a few words). */
export function bytesEqual(a: usize, b: usize, n: u32): bool {
  if (n >= 8) {
    const last = <usize>n - 8;
    let i: usize = 0;
    while (i < last) {
      if (load<u64>(a + i) != load<u64>(b + i)) return false;
      i += 8;
    }
    return load<u64>(a + last) == load<u64>(b + last);
  }
  if (n >= 4) return load<u32>(a) == load<u32>(b) && load<u32>(a + n - 4) == load<u32>(b + n - 4);
  for (let i: u32 = 0; i < n; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

export function strEqual(a: usize, b: usize): bool {
  if (a == b) return true;
  const n = load<u32>(a, 4);
  if (n != load<u32>(b, 4)) return false;
  return bytesEqual(<usize>load<u32>(a, 8), <usize>load<u32>(b, 8), n);
}

/** Code-point order (bytewise on WTF-8). */
export function strCompare(a: usize, b: usize): i32 {
  const na = load<u32>(a, 4);
  const nb = load<u32>(b, 4);
  const pa = <usize>load<u32>(a, 8);
  const pb = <usize>load<u32>(b, 8);
  const n = na < nb ? na : nb;
  for (let i: u32 = 0; i < n; i++) {
    const x = load<u8>(pa + i);
    const y = load<u8>(pb + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return na == nb ? 0 : na < nb ? -1 : 1;
}

// --- numbers ---------------------------------------------------------------------------------

export function newNum(x: f64): usize {
  const v = alloc(24);
  store<u32>(v, T_NUM);
  store<u32>(v, NUM_HAS_VALUE, 4);
  store<f64>(v, x, 8);
  store<u32>(v, 0, 16);
  store<u32>(v, 0, 20);
  return v;
}

/** A number from its JSON text; `eager` computes the f64 now (values that must not change later). */
export function newNumText(ptr: usize, len: u32, eager: bool): usize {
  const v = alloc(24);
  store<u32>(v, T_NUM);
  store<u32>(v, <u32>ptr, 16);
  store<u32>(v, len, 20);
  store<u32>(v, 0, 4);
  if (eager) numValue(v);
  return v;
}

@inline export function isNum(v: usize): bool {
  return v != 0 && load<u8>(v) == T_NUM;
}

export function numValue(v: usize): f64 {
  if ((load<u32>(v, 4) & NUM_HAS_VALUE) != 0) return load<f64>(v, 8);
  const p = <usize>load<u32>(v, 16);
  const n = load<u32>(v, 20);
  const x = parseNumber(p, n);
  store<f64>(v, x, 8);
  store<u32>(v, load<u32>(v, 4) | NUM_HAS_VALUE, 4);
  if (Math.abs(x) >= 9007199254740992.0) classifyExact(v);
  return x;
}

/** Is the number an exact integer beyond 2^53 (its f64 computed)? */
@inline export function numExact(v: usize): bool {
  return (load<u32>(v, 4) & NUM_EXACT) != 0;
}

// --- lists and objects -----------------------------------------------------------------------

export function newArr(n: u32, items: usize): usize {
  if (n == 0) return EMPTY_ARR;
  const v = alloc(12);
  store<u32>(v, T_ARR);
  store<u32>(v, n, 4);
  store<u32>(v, <u32>items, 8);
  return v;
}

@inline export function isArr(v: usize): bool {
  return v != 0 && load<u8>(v) == T_ARR;
}

@inline export function arrLen(v: usize): u32 {
  return load<u32>(v, 4);
}

@inline export function arrAt(v: usize, i: u32): usize {
  return <usize>load<u32>(<usize>load<u32>(v, 8) + (<usize>i << 2));
}

@inline export function isObj(v: usize): bool {
  return v != 0 && load<u8>(v) == T_OBJ;
}

@inline export function objLen(v: usize): u32 {
  return load<u32>(v, 4);
}

@inline export function objKey(v: usize, i: u32): usize {
  return <usize>load<u32>(<usize>load<u32>(v, 8) + (<usize>i << 3));
}

@inline export function objVal(v: usize, i: u32): usize {
  return <usize>load<u32>(<usize>load<u32>(v, 8) + (<usize>i << 3), 4);
}

export function newObj(n: u32, entries: usize): usize {
  const v = alloc(32);
  store<u32>(v, T_OBJ);
  store<u32>(v, n, 4);
  store<u32>(v, <u32>entries, 8);
  store<u32>(v, 0, 12);
  store<u32>(v, 0, 16);
  store<u32>(v, 0, 20);
  store<u32>(v, 0, 24);
  return v;
}

/** The value at an interned key (pointer comparison), or 0. Works on partial objects for wanted keys. */
export function objGet(o: usize, key: usize): usize {
  const n = load<u32>(o, 4);
  const e = <usize>load<u32>(o, 8);
  for (let i: u32 = 0; i < n; i++) {
    if (<usize>load<u32>(e + (<usize>i << 3)) == key) return <usize>load<u32>(e + (<usize>i << 3), 4);
  }
  return 0;
}

/** Does the object have the interned key? */
export function objHas(o: usize, key: usize): bool {
  const n = load<u32>(o, 4);
  const e = <usize>load<u32>(o, 8);
  for (let i: u32 = 0; i < n; i++) if (<usize>load<u32>(e + (<usize>i << 3)) == key) return true;
  return false;
}

/** Index of the key equal (by content) to the string `key`, or -1. */
export function objFind(o: usize, key: usize): i32 {
  const n = load<u32>(o, 4);
  const e = <usize>load<u32>(o, 8);
  for (let i: u32 = 0; i < n; i++) {
    const k = <usize>load<u32>(e + (<usize>i << 3));
    if (k == key || (load<u8>(k) == T_STR && strEqual(k, key))) return <i32>i;
  }
  return -1;
}

// Set by the JSON module: re-parses a partial object's source span completely.
let fullParser: (start: usize, end: usize) => usize = (s: usize, e: usize): usize => 0;

export function setFullParser(f: (start: usize, end: usize) => usize): void {
  fullParser = f;
}

/** The complete object (partial objects are re-parsed from their source once). */
export function objFull(o: usize): usize {
  if ((load<u32>(o, 20) & OBJ_PARTIAL) == 0) return o;
  const cached = <usize>load<u32>(o, 24);
  if (cached != 0) return cached;
  const full = fullParser(<usize>load<u32>(o, 12), <usize>load<u32>(o, 16));
  store<u32>(o, <u32>full, 24);
  return full;
}

// --- equality and order ----------------------------------------------------------------------

/** `==`: false when either side is missing; JSON equality otherwise (address sets are never equal). */
export function equal(a: usize, b: usize): bool {
  if (isMissing(a) || isMissing(b)) return false;
  return jsonEqual(a, b);
}

export function jsonEqual(a: usize, b: usize): bool {
  const ta = tag(a);
  const tb = tag(b);
  if (ta == T_ADDR || tb == T_ADDR) return false;
  if (ta != tb) return false;
  switch (ta) {
    case T_NULL:
      return true;
    case T_BOOL:
      return load<u32>(a, 4) == load<u32>(b, 4);
    case T_NUM:
      // Different f64s are different values (rounding is monotonic); equal ones may hide two
      // exact integers, or an exact integer and an f64.
      if (numValue(a) != numValue(b)) return false;
      return !numExact(a) && !numExact(b) ? true : exactOrder(a, b) == 0;
    case T_STR:
      return strEqual(a, b);
    case T_ARR:
    case T_SET: {
      const n = arrLen(a);
      if (n != arrLen(b)) return false;
      for (let i: u32 = 0; i < n; i++) if (!jsonEqual(arrAt(a, i), arrAt(b, i))) return false;
      return true;
    }
    case T_OBJ: {
      const x = objFull(a);
      const y = objFull(b);
      const n = objLen(x);
      if (n != objLen(y)) return false;
      for (let i: u32 = 0; i < n; i++) {
        const j = objFind(y, objKey(x, i));
        if (j < 0) return false;
        if (!jsonEqual(objVal(x, i), objVal(y, <u32>j))) return false;
      }
      return true;
    }
  }
  return false;
}

/** -1, 0, 1 for ordered pairs (numbers, strings; NaN compares as equal, as `a < b ? -1 : a > b ? 1 : 0` does); 2 when unordered. */
export function order(a: usize, b: usize): i32 {
  if (isNum(a) && isNum(b)) {
    const x = numValue(a);
    const y = numValue(b);
    if (x < y) return -1;
    if (x > y) return 1;
    return x == y && (numExact(a) || numExact(b)) ? exactOrder(a, b) : 0;
  }
  if (isStr(a) && isStr(b)) return strCompare(a, b);
  return 2;
}
