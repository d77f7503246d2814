// The evaluator's value rules by value (src/eval/value.ts): what is missing, what is an object,
// equality (structural; a null inside a list or object is a value), code-point string order,
// and how values print (`show` one level deep, `text` strings bare). Integers beyond 2^53 are
// test/eval/exact-integers.test.ts.
import { describe, expect, it } from "vitest";
import { AddrSetValue, addNumbers, compareStrings, elements, equal, exactInteger, fromJson, isIntegral, isList, isMissing, isNumber, isObject, MISSING, order, show, text } from "../../src/eval/value.js";
import { EMPTY } from "../../src/net/set.js";

const set = new AddrSetValue(EMPTY);

describe("kinds of values", () => {
  it("missing is MISSING, null or undefined, and JSON null reads as MISSING", () => {
    expect([MISSING, null, undefined, 0, "", false, [], {}].map(isMissing)).toEqual([true, true, true, false, false, false, false, false]);
    expect([null, undefined, 0, "", false].map(fromJson)).toEqual([MISSING, MISSING, 0, "", false]);
    const o = { a: 1 };
    expect(fromJson(o)).toBe(o);
  });

  it("an object is a JSON object: not a list, not null, not an address set", () => {
    expect([{}, [], null, set, "x", 1, MISSING].map(isObject)).toEqual([true, false, false, false, false, false, false]);
    expect([[], {}, "ab"].map(isList)).toEqual([true, false, false]);
    expect(elements([1, 2])).toEqual([1, 2]);
    expect([{ 0: 1, length: 1 }, "ab", MISSING, set].map((v) => elements(v as never))).toEqual([[], [], [], []]);
    expect([1, 1n, "1", true].map(isNumber)).toEqual([true, true, false, false]);
    expect([1, 1.5, 2n ** 60n, -0].map(isIntegral)).toEqual([true, false, true, true]);
  });
});

describe("equality", () => {
  it("is false with a missing operand, structural otherwise, a null inside a value being a value", () => {
    expect(equal(MISSING, MISSING)).toBe(false);
    expect(equal(null, null)).toBe(false);
    expect(equal(1, MISSING)).toBe(false);
    expect(equal([null], [null])).toBe(true);
    expect(equal([null], [0])).toBe(false);
    expect(equal({ a: null }, { a: null })).toBe(true);
    expect(equal([1, [2, "x"]], [1, [2, "x"]])).toBe(true);
    expect(equal([1, 2], [1, 2, 3])).toBe(false);
    expect(equal([1, 2], [2, 1])).toBe(false);
    expect(equal([], {})).toBe(false);
    expect(equal({}, [])).toBe(false);
    expect(equal({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(equal({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(equal({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(equal({ a: undefined }, { b: undefined })).toBe(false);
    expect(equal({ a: 1 }, { a: 2 })).toBe(false);
    expect(equal(set, set)).toBe(false);
    expect(equal(set, {})).toBe(false);
    expect(equal({}, set)).toBe(false);
    expect(equal(1, "1")).toBe(false);
    expect(equal(1, true)).toBe(false);
    expect(equal("a", "a")).toBe(true);
    expect(equal(2n ** 60n, 2 ** 60)).toBe(true);
    expect(equal(2n ** 60n, "1152921504606846976")).toBe(false);
    expect(equal([1], "1")).toBe(false);
    expect(equal({ a: 1 }, "x")).toBe(false);
  });
});

describe("order", () => {
  it("compares strings by code point, not by UTF-16 unit", () => {
    // U+FFFF is one unit 0xFFFF; U+1F600 is the units 0xD83D 0xDE00: UTF-16 puts it first.
    expect(Math.sign(compareStrings("\uffff", "😀"))).toBe(-1);
    expect(Math.sign(compareStrings("😀", "\uffff"))).toBe(1);
    expect(order("\uffff", "😀")).toBe(-1);
    expect(order("😀", "\uffff")).toBe(1);
    expect([compareStrings("", ""), compareStrings("a", "a"), compareStrings("😀", "😀")]).toEqual([0, 0, 0]);
    expect([compareStrings("a", "ab"), compareStrings("ab", "a"), compareStrings("", "a"), compareStrings("a", "")]).toEqual([-1, 1, -1, 1]);
    expect(order("b", "a")).toBe(1);
    expect(order("a", "c")).toBe(-1);
    expect(order("ab", "ab")).toBe(0);
  });

  it("orders numbers, and nothing else", () => {
    expect([order(1, 2), order(2, 1), order(2, 2), order(-0, 0)]).toEqual([-1, 1, 0, 0]);
    expect([order(1, "1"), order("1", 1), order(true, false), order([1], [2]), order(MISSING, MISSING)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("adds and subtracts float64s as float64s, integers exactly", () => {
    expect([addNumbers("+", 1, 2), addNumbers("-", 1, 2), addNumbers("+", 0.5, 0.25), addNumbers("-", 0.5, 0.25)]).toEqual([3, -1, 0.75, 0.25]);
    expect(addNumbers("-", 2n ** 60n, 0.5)).toBe(2 ** 60);
    expect(addNumbers("-", 2 ** 53, 1)).toBe(2 ** 53 - 1);
    expect(addNumbers("+", 2 ** 53, 2 ** 53)).toBe(2n ** 54n);
    expect(exactInteger(5n)).toBe(5);
  });
});

describe("printing", () => {
  it("show: strings quoted, missing as missing, numbers with every digit, lists one level deep", () => {
    expect(show("a")).toBe('"a"');
    expect(show(MISSING)).toBe("missing");
    expect(show(null)).toBe("missing");
    expect(show(true)).toBe("true");
    expect(show(false)).toBe("false");
    expect(show(1.5)).toBe("1.5");
    expect(show(-0)).toBe("0");
    expect(show(1e20)).toBe("100000000000000000000");
    expect(show(-1e20)).toBe("-100000000000000000000");
    expect(show(1e21)).toBe("1e+21");
    expect(show(-1e21)).toBe("-1e+21");
    expect(show(2n ** 70n)).toBe("1180591620717411303424");
    expect(show({ a: 1 })).toBe("{…}");
    expect(show(set)).toBe("{…}");
    expect(show([])).toBe("[]");
    expect(show(["a", 1, null, [2], { b: 1 }, true])).toBe('["a", 1, missing, […], {…}, true]');
  });

  it("text: strings bare, everything else as show prints it", () => {
    expect(text("a")).toBe("a");
    expect(text("")).toBe("");
    expect(text(MISSING)).toBe("missing");
    expect(text(["a"])).toBe('["a"]');
    expect(text(3)).toBe("3");
  });
});
