/**
 * Operand checks with OPA's messages (v1/topdown/builtins/builtins.go): "operand N must be T but
 * got U", "operand N must be one of {T1, T2} but got U", "operand N must be integer number but got
 * floating-point number", "operand N must be array of strings but got array containing number".
 */

import { BuiltinError } from "./errors.js";
import { intOf, isNum, type Num } from "./number.js";
import { RObject, typeName, type Value } from "./value.js";

export function typeErr(pos: number, got: Value, ...expected: string[]): BuiltinError {
  const want = expected.length === 1 ? expected[0] : `one of {${expected.join(", ")}}`;
  return new BuiltinError(`operand ${pos} must be ${want} but got ${typeName(got)}`);
}

export function arg(args: readonly Value[], i: number): Value {
  return args[i] as Value;
}

export function strOp(args: readonly Value[], i: number): string {
  const v = arg(args, i);
  if (typeof v !== "string") throw typeErr(i + 1, v, "string");
  return v;
}

export function numOp(args: readonly Value[], i: number): Num {
  const v = arg(args, i);
  if (!isNum(v)) throw typeErr(i + 1, v, "number");
  return v;
}

/** builtins.IntOperand. */
export function intOp(args: readonly Value[], i: number): number {
  const n = numOp(args, i);
  const x = intOf(n);
  if (x === undefined) throw new BuiltinError(`operand ${i + 1} must be integer number but got floating-point number`);
  return x;
}

export function arrOp(args: readonly Value[], i: number): readonly Value[] {
  const v = arg(args, i);
  if (!Array.isArray(v)) throw typeErr(i + 1, v, "array");
  return v as readonly Value[];
}

export function objOp(args: readonly Value[], i: number): RObject {
  const v = arg(args, i);
  if (!(v instanceof RObject)) throw typeErr(i + 1, v, "object");
  return v;
}

/** builtins.StringSliceOperand for an array (sets are outside the subset). */
export function stringsOp(args: readonly Value[], i: number): string[] {
  const v = arg(args, i);
  if (!Array.isArray(v)) throw typeErr(i + 1, v, "array", "set");
  const out: string[] = [];
  for (const x of v as readonly Value[]) {
    if (typeof x !== "string") throw new BuiltinError(`operand ${i + 1} must be array of strings but got array containing ${typeName(x)}`);
    out.push(x);
  }
  return out;
}

/** Code points of a Go string (a JS string's UTF-16 surrogate pairs joined). */
export function runes(s: string): string[] {
  return /[\ud800-\udfff]/.test(s) ? [...s] : s.split("");
}

export function isAscii(s: string): boolean {
  return !/[^\u0000-\u007f]/.test(s);
}
