/**
 * Core builtins: comparison (comparison.go), arithmetic (arithmetic.go), membership
 * (aggregates.go builtinMember/builtinMemberWithKey), types (type.go), aggregates, objects
 * (object.go), arrays (array.go), walk (walk.go), json.marshal (encoding.go), numbers.range
 * (numbers.go).
 */

import { absNum, arith, floorNum, type ArithOp } from "./arith.js";
import { numberToInt } from "./bigfloat.js";
import { toJSONText } from "./convert.js";
import { BuiltinError } from "./errors.js";
import type { Builtin } from "./ir.js";
import { intOf, isNum, numFromBigInt } from "./number.js";
import { arg, arrOp, intOp, numOp, objOp, runes, typeErr } from "./operands.js";
import { compare, equal, ObjectBuilder, RObject, typeName, type Value } from "./value.js";

const fn = (name: string, arity: number, f: (args: readonly Value[]) => Value | undefined): Builtin => ({ name, arity, fn: f });

function arithBuiltin(name: string, op: ArithOp): Builtin {
  return fn(name, 2, (a) => {
    if (op === "-") {
      // builtinMinus also accepts sets, hence its messages.
      const x = arg(a, 0);
      const y = arg(a, 1);
      if (!isNum(x)) throw typeErr(1, x, "number", "set");
      if (!isNum(y)) throw typeErr(2, y, "number");
      return arith(op, x, y);
    }
    return arith(op, numOp(a, 0), numOp(a, 1));
  });
}

/** Array.Get / object Get: arrays take an integer number (strconv.ParseInt on its text). */
export function getKey(v: Value, key: Value): Value | undefined {
  if (Array.isArray(v)) {
    if (!isNum(key)) return undefined;
    const i = intOf(key);
    return i === undefined || i < 0 || i >= v.length ? undefined : (v as readonly Value[])[i];
  }
  if (v instanceof RObject) return v.get(key);
  return undefined;
}

function member(a: readonly Value[]): boolean {
  const x = arg(a, 0);
  const c = arg(a, 1);
  if (Array.isArray(c)) return (c as readonly Value[]).some((e) => equal(x, e));
  if (c instanceof RObject) return c.entries().some(([, v]) => equal(x, v));
  return false;
}

function memberWithKey(a: readonly Value[]): boolean {
  const v = getKey(arg(a, 2), arg(a, 0));
  return v !== undefined && equal(v, arg(a, 1));
}

function count(a: readonly Value[]): Value {
  const v = arg(a, 0);
  if (Array.isArray(v)) return v.length;
  if (v instanceof RObject) return v.size;
  if (typeof v === "string") return runes(v).length;
  throw typeErr(1, v, "array", "object", "set", "string");
}

function extreme(a: readonly Value[], wantMax: boolean): Value | undefined {
  const v = arg(a, 0);
  if (!Array.isArray(v)) throw typeErr(1, v, "set", "array");
  const xs = v as readonly Value[];
  if (xs.length === 0) return undefined;
  if (wantMax) {
    let best: Value = null;
    for (const x of xs) if (compare(best, x) <= 0) best = x;
    return best;
  }
  let best = xs[0] as Value;
  for (const x of xs) if (compare(best, x) >= 0) best = x;
  return best;
}

function objectGet(a: readonly Value[]): Value {
  const o = objOp(a, 0);
  const key = arg(a, 1);
  const dflt = arg(a, 2);
  if (!Array.isArray(key)) {
    const v = o.get(key);
    return v === undefined ? dflt : v;
  }
  const path = key as readonly Value[];
  if (path.length === 0) return o;
  let cur: Value = o;
  for (const k of path) {
    const next = getKey(cur, k);
    if (next === undefined) return dflt;
    cur = next;
  }
  return cur;
}

/** mergeWithOverwrite: keys of both; both objects merge recursively, else b's value. */
export function union(x: RObject, y: RObject): RObject {
  const b = new ObjectBuilder();
  for (const [k, v] of x.entries()) b.set(k, v);
  for (const [k, v] of y.entries()) {
    const prev = b.get(k);
    b.set(k, prev instanceof RObject && v instanceof RObject ? union(prev, v) : v);
  }
  return b.build();
}

function arraySlice(a: readonly Value[]): Value {
  const arr = arrOp(a, 0);
  let start = intOp(a, 1);
  let stop = intOp(a, 2);
  if (stop < 0) stop = 0;
  else if (stop > arr.length) stop = arr.length;
  if (start < 0) start = 0;
  else if (start > stop) start = stop;
  return arr.slice(start, stop);
}

function walk(a: readonly Value[], emit: (v: Value) => boolean): boolean {
  const rec = (path: Value[], v: Value): boolean => {
    if (emit([path.slice(), v])) return true;
    if (Array.isArray(v)) {
      const xs = v as readonly Value[];
      for (let i = 0; i < xs.length; i++) {
        path.push(i);
        const stop = rec(path, xs[i] as Value);
        path.pop();
        if (stop) return true;
      }
    } else if (v instanceof RObject) {
      for (const [k, x] of v.entries()) {
        path.push(k);
        const stop = rec(path, x);
        path.pop();
        if (stop) return true;
      }
    }
    return false;
  };
  return rec([], arg(a, 0));
}

const RANGE_LIMIT = 10_000_000;

/** numbers.range: BigIntOperand on both ends, inclusive, descending when x > y. */
function numbersRange(a: readonly Value[]): Value {
  const ends = [0, 1].map((i) => {
    const v = arg(a, i);
    if (!isNum(v)) throw typeErr(i + 1, v, "integer");
    const b = numberToInt(v);
    if (b === undefined) throw new BuiltinError(`operand ${i + 1} must be integer number but got floating-point number`);
    return b;
  }) as [bigint, bigint];
  const [x, y] = ends;
  const n = (x <= y ? y - x : x - y) + 1n;
  if (n > BigInt(RANGE_LIMIT)) throw new BuiltinError(`numbers.range: range of ${n} numbers exceeds the test interpreter's limit`);
  const out: Value[] = [];
  const step = x <= y ? 1n : -1n;
  for (let i = x; x <= y ? i <= y : i >= y; i += step) out.push(numFromBigInt(i));
  return out;
}

const isType = (name: string, t: string): Builtin => fn(name, 1, (a) => typeName(arg(a, 0)) === t);

export const coreBuiltins: Builtin[] = [
  fn("equal", 2, (a) => equal(arg(a, 0), arg(a, 1))),
  fn("neq", 2, (a) => !equal(arg(a, 0), arg(a, 1))),
  fn("lt", 2, (a) => compare(arg(a, 0), arg(a, 1)) < 0),
  fn("lte", 2, (a) => compare(arg(a, 0), arg(a, 1)) <= 0),
  fn("gt", 2, (a) => compare(arg(a, 0), arg(a, 1)) > 0),
  fn("gte", 2, (a) => compare(arg(a, 0), arg(a, 1)) >= 0),
  arithBuiltin("plus", "+"),
  arithBuiltin("minus", "-"),
  arithBuiltin("mul", "*"),
  arithBuiltin("div", "/"),
  arithBuiltin("rem", "%"),
  fn("abs", 1, (a) => absNum(numOp(a, 0))),
  fn("floor", 1, (a) => floorNum(numOp(a, 0))),
  fn("internal.member_2", 2, member),
  fn("internal.member_3", 3, memberWithKey),
  isType("is_null", "null"),
  isType("is_boolean", "boolean"),
  isType("is_number", "number"),
  isType("is_string", "string"),
  isType("is_array", "array"),
  isType("is_object", "object"),
  fn("is_set", 1, () => false),
  fn("count", 1, count),
  fn("max", 1, (a) => extreme(a, true)),
  fn("min", 1, (a) => extreme(a, false)),
  fn("object.get", 3, objectGet),
  fn("object.union", 2, (a) => {
    const x = objOp(a, 0);
    const y = objOp(a, 1);
    return compare(x, y) === 0 ? x : union(x, y);
  }),
  fn("array.concat", 2, (a) => [...arrOp(a, 0), ...arrOp(a, 1)]),
  fn("array.slice", 3, arraySlice),
  { name: "walk", arity: 1, rel: walk },
  fn("json.marshal", 1, (a) => toJSONText(arg(a, 0))),
  fn("numbers.range", 2, numbersRange),
];
