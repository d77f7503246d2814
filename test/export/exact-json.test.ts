// Exact JSON numbers (src/export/exact-json.ts) by value: `decimalOf`'s normal form (zeros,
// signs, exponents), `exactIntegerDigits` at 2^53 and past 21 digits, `hasUnsafeNumber` on
// every kind of value, and `parseExactJson` with nulls and strings beside the integers it marks.
// Fixed edges of the mutation run (MUTATION.md); inexact.test.ts and the Wasm number tests check
// the same rules through documents.
import { describe, expect, it } from "vitest";
import { decimalOf, exactIntegerDigits, exactJsonText, exactJsonValue, hasUnsafeNumber, parseExactJson } from "../../src/export/exact-json.js";

describe("decimalOf", () => {
  it.each([
    ["0", { neg: false, digits: "", exp: 0 }],
    ["-0", { neg: false, digits: "", exp: 0 }],
    ["-0.000e5", { neg: false, digits: "", exp: 0 }],
    ["1200", { neg: false, digits: "12", exp: 2 }],
    ["-1200.500", { neg: true, digits: "12005", exp: -1 }],
    ["0.00012e9", { neg: false, digits: "12", exp: 4 }],
    ["1.5E-3", { neg: false, digits: "15", exp: -4 }],
    ["10e+2", { neg: false, digits: "1", exp: 3 }],
  ] as const)("%s", (token, want) => {
    expect(decimalOf(token)).toEqual(want);
  });
});

describe("exactIntegerDigits", () => {
  it.each([
    ["9007199254740991", undefined],
    ["9007199254740992", "9007199254740992"],
    ["9007199254740992.0", "9007199254740992"],
    ["-9007199254740992.0", "-9007199254740992"],
    ["9007199254740991.0", undefined],
    ["12345678901234567890123", "12345678901234567890123"],
    ["-12345678901234567890123", "-12345678901234567890123"],
    ["1.2345678901234567890123e22", undefined],
    ["9.99999999999999999999e20", "999999999999999999999"],
    ["9876543210987655.5", undefined],
    ["1e400", undefined],
  ] as const)("%s", (token, want) => {
    expect(exactIntegerDigits(token)).toBe(want);
  });
});

describe("hasUnsafeNumber", () => {
  it("is false for safe numbers, fractions and values of every other kind", () => {
    expect(hasUnsafeNumber({ a: [1, 1.5, -0.25, "9876543210987655", null, true, { b: {} }], c: 9007199254740991 })).toBe(false);
    expect(hasUnsafeNumber(1.5)).toBe(false);
    expect(hasUnsafeNumber({})).toBe(false);
    expect(hasUnsafeNumber(null)).toBe(false);
  });

  it("is true for an integer float64 beyond 2^53 or an infinity, at any depth", () => {
    expect(hasUnsafeNumber({ a: [1, { b: [9007199254740992] }] })).toBe(true);
    expect(hasUnsafeNumber([null, -Infinity])).toBe(true);
    expect(hasUnsafeNumber(1e300)).toBe(true);
  });
});

describe("parseExactJson", () => {
  it("reads the integers it marks beside nulls, booleans, strings and numbers", () => {
    expect(parseExactJson(`{"a": null, "b": [true, null, "x\\"9876543210987655", 9876543210987655, 1.5], "c": 9876543210987655}`)).toEqual({
      a: null,
      b: [true, null, 'x"9876543210987655', 9876543210987655n, 1.5],
      c: 9876543210987655n,
    });
    expect(exactJsonValue(`{"a": 1, "b": "9876543210987655"}`)).toBeUndefined();
  });

  it("reads each written form of an exact integer whole", () => {
    const forms = ["9876543210987655.00", "9.876543210987655e15", "9.876543210987655E+15", "98765432109876550e-1", "0.9876543210987655e16", "-9.876543210987655e15"];
    expect(parseExactJson(`[${forms.join(", ")}, 9876543210987655.25, 1e400]`)).toEqual([...forms.slice(0, 5).map(() => 9876543210987655n), -9876543210987655n, 9876543210987655.25, Infinity]);
  });

  it("writes the bigints back as digits, and text without them as JSON.stringify does", () => {
    expect(exactJsonText({ a: [9876543210987655n, "@x"], b: null })).toBe(`{"a":[9876543210987655,"@x"],"b":null}`);
    expect(exactJsonText({ a: "9876543210987655" })).toBe(`{"a":"9876543210987655"}`);
    expect(exactJsonText([9876543210987655n, -9876543210987656n, 1n << 70n])).toBe(`[9876543210987655,-9876543210987656,1180591620717411303424]`);
  });

  it("leaves alone strings that look like its mark: the mark has a random part", () => {
    const text = `{"a": "@perimeter-exact-:12", "b": "@perimeter-exact-0000000000000000:12", "c": 9876543210987655}`;
    expect(parseExactJson(text)).toEqual({ a: "@perimeter-exact-:12", b: "@perimeter-exact-0000000000000000:12", c: 9876543210987655n });
  });
});
