/**
 * Numbers as OPA keeps them: ast.Number is a json.Number, the literal's own text ("Note: Use
 * the original string, do *not* round trip from the big.Float as it can cause precision loss",
 * v1/ast/parser.go parseNumber); comparison is exact (v1/ast/compare.go NumberCompare, big.Rat);
 * arithmetic per v1/topdown/arithmetic.go ("an int in the int32 window ..., then a big.Int, then
 * a big.Float") with builtins.NumberToFloat/FloatToNumber (64-bit big.Float, Text('g'|'f', -1)).
 */

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arith } from "../helpers/rego/arith.js";
import { bfText, roundBF } from "../helpers/rego/bigfloat.js";
import { cmpNum, numFromText, numText, RNum } from "../helpers/rego/number.js";
import { engine, ev } from "./run.js";

const POW2 = Array.from({ length: 129 }, (_, i) => (1n << BigInt(i)).toString());

describe("integer literals up to 2^128 stay exact", () => {
  const src = `pow2 := [${POW2.join(", ")}]\nlast := pow2[128]\nbig := 340282366920938463463374607431768211456 + 0\nsum := pow2[100] + pow2[100]\nlt if pow2[127] < pow2[128]\neq if 340282366920938463463374607431768211457 != 340282366920938463463374607431768211456`;
  test("evaluate() returns integers beyond 2^53 as exact bigints", () => {
    expect(ev(src, "last")).toBe(2n ** 128n);
    expect(ev(src, "pow2")).toEqual(POW2.map((s) => (BigInt(s) <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(s) : BigInt(s))));
    expect(ev(src, "sum")).toBe(2n ** 101n);
    expect(ev(src, "big")).toBe(2n ** 128n);
  });
  test("comparison is exact", () => {
    expect(ev(src, "lt")).toBe(true);
    expect(ev(src, "eq")).toBe(true);
  });
  test("JSON output prints the exact digits", () => {
    expect(engine(src).evaluateJSON("data.t.last")).toBe(POW2[128]);
    expect(engine(src).evaluateJSON("data.t.big")).toBe(POW2[128]);
  });
});

describe("number text", () => {
  test("literals keep their text (json.marshal prints it)", () => {
    expect(ev(`p := [json.marshal(1.0), json.marshal(1e2), json.marshal(-0.50)]`, "p")).toEqual(["1.0", "1e2", "-0.50"]);
  });
  test("1 and 1.0 are equal but only 1 is an array index (Number.Int: strconv.ParseInt)", () => {
    expect(ev(`p if 1 == 1.0`, "p")).toBe(true);
    expect(ev(`p := ["a", "b"][1.0]`, "p")).toBeUndefined();
  });
  test("input numbers are read as the JSON text JSON.stringify gives", () => {
    expect(ev(`p := json.marshal(input)`, "p", { a: 1e21, b: 0.1, c: -0 })).toBe('{"a":1e+21,"b":0.1,"c":0}');
  });
});

describe("arithmetic (arithmetic.go)", () => {
  const op = (o: "+" | "-" | "*" | "/" | "%", a: string, b: string): string => numText(arith(o, numFromText(a), numFromText(b)));
  test("int32 operands: exact ints, products in int64", () => {
    expect(op("*", "2147483647", "2147483647")).toBe("4611686014132420609");
    expect(op("+", "1", "2")).toBe("3");
    expect(op("%", "-7", "2")).toBe("-1");
    expect(op("/", "7", "2")).toBe("3.5");
    expect(op("/", "6", "3")).toBe("2");
  });
  test("integers beyond int32: exact big.Int arithmetic", () => {
    expect(op("+", "18446744073709551616", "1")).toBe("18446744073709551617");
    expect(op("*", "4294967296", "4294967296")).toBe("18446744073709551616");
    expect(op("-", "1e3", "1")).toBe("999"); // 1e3 is an integer once read as a big.Float
  });
  test("floats: 64-bit big.Float, printed with the shortest digits at 64 bits", () => {
    // 0.1 and 0.2 rounded to 64-bit mantissas sum to the 64-bit rounding of 0.3, unlike doubles.
    expect(op("+", "0.1", "0.2")).toBe("0.3");
    expect(op("+", "1.5", "2")).toBe("3.5");
    expect(op("*", "1.5", "2")).toBe("3"); // FloatToNumber: integers use Text('f', -1)
    expect(op("*", "0.1", "0.2")).toBe("0.020000000000000000001");
    expect(op("+", "1e-7", "0")).toBe("1e-07"); // Text('g', -1): %e below 1e-4, two exponent digits
  });
  test("division by zero, modulo on floats, zero quotients (TestDivideNegativeZero)", () => {
    expect(() => op("/", "1", "0")).toThrow("divide by zero");
    expect(() => op("%", "1.5", "1")).toThrow("modulo on floating-point number");
    expect(op("/", "0", "-1")).toBe("-0");
    expect(op("/", "-0", "1")).toBe("-0");
    expect(op("/", "0.0", "-7")).toBe("-0");
  });
});

describe("comparison (NumberCompare, big.Rat)", () => {
  test("exact across representations", () => {
    const c = (a: string, b: string): number => cmpNum(numFromText(a), numFromText(b));
    expect(c("1", "1.0")).toBe(0);
    expect(c("1e2", "100")).toBe(0);
    expect(c("0.1", "0.10000000000000000001")).toBe(-1);
    expect(c("9007199254740993", "9007199254740992")).toBe(1);
    expect(c("-0", "0")).toBe(0);
    expect(c("-1e400", "-1e399")).toBe(-1);
  });
  test("JS doubles compare like their texts", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (a, b) => {
        const x = a === 0 ? 0 : a;
        const y = b === 0 ? 0 : b;
        expect(cmpNum(x, y)).toBe(cmpNum(new RNum(String(x)), new RNum(String(y))));
      }),
    );
  });
});

describe("big.Float formatting (math/big/ftoa.go roundShortest)", () => {
  // At 53 bits the digits identify the float and are as few as JavaScript's (both are shortest
  // round-trip), which checks the digit loop. They may differ in the last digit: among shortest
  // candidates JS picks the nearest, roundShortest the first one its loop allows (it can
  // truncate: -2275420758681199900 prints as ...11998e+18). big.Float has no subnormals.
  test("gives shortest round-trip digits at float64 precision", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
        if (Math.abs(x) < 2.2250738585072014e-308) return;
        const view = new DataView(new ArrayBuffer(8));
        view.setFloat64(0, x);
        const hi = view.getUint32(0);
        const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4)) | (1n << 52n);
        const t = bfText(roundBF(x < 0, mant, ((hi >>> 20) & 0x7ff) - 1075, 53), "g");
        expect(Number(t)).toBe(x);
        const digits = (s: string): string => s.replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
        expect(digits(t).length).toBe(digits(String(x)).length);
      }),
      { numRuns: 20000 },
    );
  });
});
