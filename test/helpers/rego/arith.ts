/**
 * OPA arithmetic (v1/topdown/arithmetic.go): "Arithmetic runs in the narrowest representation
 * that holds the operands exactly: an int in the int32 window (so that a product fits an
 * int64), then a big.Int, then a big.Float."
 * - small: both operands parse as ints (strconv.ParseInt on the text) in the int32 window;
 * - exact: both operands are integers once read as 64-bit big.Floats (builtins.NumberToInt);
 * - float: big.Float arithmetic at 64 bits, result through builtins.FloatToNumber.
 */

import {
  bfAdd,
  bfCmp,
  bfFromInt,
  bfIsZero,
  bfMul,
  bfQuo,
  bfSub,
  bfTrunc,
  floatToNumber,
  numberToInt,
  toBF,
  type BF,
} from "./bigfloat.js";
import { BuiltinError } from "./errors.js";
import { numFromBigInt, smallInt, type Num } from "./number.js";

export type ArithOp = "+" | "-" | "*" | "/" | "%";

function intResult(r: number | bigint): Num {
  if (typeof r === "number" && Number.isSafeInteger(r)) return r;
  return numFromBigInt(BigInt(r));
}

function small(op: ArithOp, x: number, y: number): Num | undefined {
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*": {
      const r = x * y;
      return Number.isSafeInteger(r) ? r : intResult(BigInt(x) * BigInt(y));
    }
    case "/":
      if (y === 0) throw new BuiltinError("divide by zero");
      // "Division is only exact on ints when the divisor divides the dividend" (x != 0 too).
      return x !== 0 && x % y === 0 ? x / y : undefined;
    case "%":
      if (y === 0) throw new BuiltinError("modulo by zero");
      return x % y === 0 ? 0 : x % y; // Go's % truncates like JS's; no -0 for ints
  }
}

function exact(op: ArithOp, x: bigint, y: bigint): Num | undefined {
  switch (op) {
    case "+":
      return numFromBigInt(x + y);
    case "-":
      return numFromBigInt(x - y);
    case "*":
      return numFromBigInt(x * y);
    case "/":
      return undefined;
    case "%":
      if (y === 0n) throw new BuiltinError("modulo by zero");
      return numFromBigInt(x % y);
  }
}

function float(op: ArithOp, x: BF, y: BF): Num {
  switch (op) {
    case "+":
      return floatToNumber(bfAdd(x, y));
    case "-":
      return floatToNumber(bfSub(x, y));
    case "*":
      return floatToNumber(bfMul(x, y));
    case "/":
      if (bfIsZero(y)) throw new BuiltinError("divide by zero");
      return floatToNumber(bfQuo(x, y));
    case "%":
      throw new BuiltinError("modulo on floating-point number");
  }
}

/** arithOp.eval for + - * / %. */
export function arith(op: ArithOp, a: Num, b: Num): Num {
  const x = smallInt(a);
  const y = smallInt(b);
  if (x !== undefined && y !== undefined) {
    const r = small(op, x, y);
    if (r !== undefined) return r;
  }
  if (op !== "/") {
    const xi = numberToInt(a);
    const yi = xi === undefined ? undefined : numberToInt(b);
    if (xi !== undefined && yi !== undefined) {
      const r = exact(op, xi, yi);
      if (r !== undefined) return r;
    }
  }
  return float(op, toBF(a), toBF(b));
}

/** arithUnary abs: int32 window as ints, else `x.Abs(x)` on the 64-bit float. */
export function absNum(a: Num): Num {
  const x = smallInt(a);
  if (x !== undefined) return Math.abs(x);
  const f = toBF(a);
  return floatToNumber({ ...f, neg: false });
}

/**
 * arithUnary floor: int32 window unchanged, else arithFloor as written in arithmetic.go:
 * `i := a.Int(); f := SetInt(i); if !f.Signbit() || a == f { return f }; return f - 1`.
 * (So floor(-0.5) is 0: the truncated integer 0 has no sign bit.)
 */
export function floorNum(a: Num): Num {
  const x = smallInt(a);
  if (x !== undefined) return x;
  const f = toBF(a);
  const i = bfFromInt(bfTrunc(f));
  if (!i.neg || bfCmp(f, i) === 0) return floatToNumber(i);
  return floatToNumber(bfSub(i, bfFromInt(1n)));
}

export { intResult };
