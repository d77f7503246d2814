/**
 * Builtins, each following open-policy-agent/opa v1/topdown/<file>.go (cited per case); a
 * builtin error makes the call undefined (OPA's default mode), checked via lastBuiltinErrors.
 */

import { describe, expect, test } from "vitest";
import { engine, ev } from "./run.js";

/** Evaluates an expression `x` in a rule `p := x`. */
const val = (expr: string, input?: unknown): unknown => ev(`p := ${expr}`, "p", input);

/**
 * The builtin error message recorded when `expr` is evaluated (and checks it is undefined).
 * Wrong-typed operands come from input: as literals they are compile-time type errors in OPA.
 */
function builtinError(expr: string, input?: unknown): string | undefined {
  const e = engine(`p := ${expr}`);
  expect(e.evaluate("data.t.p", input)).toBeUndefined();
  return e.lastBuiltinErrors[0]?.message;
}

describe("membership (aggregates.go builtinMember, builtinMemberWithKey)", () => {
  test("x in xs: array values, object values, anything else false", () => {
    expect(val(`[2 in [1, 2], 3 in [1, 2], 1 in {"a": 1}, "a" in {"a": 1}, "a" in "abc", 1 in 1]`)).toEqual([true, false, true, false, false, false]);
    expect(val(`[1 in [1.0], [1] in [[1.0]], {"a": 1} in [{"a": 1}]]`)).toEqual([true, true, true]);
  });
  test("k, v in xs", () => {
    expect(val(`[(0, "a" in ["a"]), (1, "a" in ["a"]), ("k", 1 in {"k": 1}), ("k", 2 in {"k": 1})]`)).toEqual([true, false, true, false]);
  });
});

describe("types (type.go)", () => {
  test("is_* return booleans, never errors", () => {
    expect(val(`[is_object({}), is_object([]), is_array([]), is_string(""), is_number(1.5), is_boolean(false), is_null(null), is_null(0)]`)).toEqual([
      true, false, true, true, true, true, true, false,
    ]);
  });
});

describe("aggregates.go", () => {
  test("count: arrays, objects, strings in runes; other types are errors", () => {
    expect(val(`[count([1, 2]), count({"a": 1}), count("héllo😀"), count("")]`)).toEqual([2, 1, 6, 0]);
    expect(builtinError(`count(input)`, null)).toBe("operand 1 must be one of {array, object, set, string} but got null");
  });
  test("max: the greatest by the total order; empty is undefined", () => {
    expect(val(`max([1, 3, 2])`)).toBe(3);
    expect(val(`max([1, "a", null, [0]])`)).toEqual([0]);
    expect(val(`max([])`)).toBeUndefined();
    expect(builtinError(`max(input)`, "ab")).toBe("operand 1 must be one of {set, array} but got string");
  });
});

describe("arithmetic.go", () => {
  test("+ - * on numbers; + is not string concatenation", () => {
    expect(val(`[1 + 2, 5 - 7, 6 * 7, 0.5 + 0.25]`)).toEqual([3, -2, 42, 0.75]);
    expect(builtinError(`input.a + input.b`, { a: "a", b: "b" })).toBe("operand 1 must be number but got string");
    expect(builtinError(`input.a - input.b`, { a: "a", b: 1 })).toBe("operand 1 must be one of {number, set} but got string");
  });
  test("floor and abs", () => {
    expect(val(`[floor(1.5), floor(-1.5), floor(3), abs(-2), abs(-2.5), abs(2)]`)).toEqual([1, -2, 3, 2, 2.5, 2]);
    // arithFloor: `i := a.Int(); f := SetInt(i); if !f.Signbit() || a.Cmp(f) == 0 { return f }`:
    // the truncated 0 of -0.5 has no sign bit, so floor(-0.5) is 0 in OPA.
    expect(val(`floor(-0.5)`)).toBe(0);
  });
});

describe("object.go", () => {
  test("object.get: a single key with a default; an array key is a path", () => {
    expect(val(`[object.get({"a": 1}, "a", 0), object.get({"a": 1}, "b", 0), object.get({"a": null}, "a", 0)]`)).toEqual([1, 0, null]);
    expect(val(`[object.get({"a": {"b": [7]}}, ["a", "b", 0], 0), object.get({"a": 1}, [], 0), object.get({"a": 1}, ["a", "x"], "d")]`)).toEqual([
      7,
      { a: 1 },
      "d",
    ]);
    expect(builtinError(`object.get(input, "a", 0)`, [])).toBe("operand 1 must be object but got array");
  });
  test("object.union: keys of both, nested objects merged, the second wins otherwise", () => {
    expect(val(`object.union({"a": 1, "n": {"x": 1, "y": 1}}, {"b": 2, "n": {"y": 2}, "a": [3]})`)).toEqual({ a: [3], b: 2, n: { x: 1, y: 2 } });
    expect(builtinError(`object.union({}, input)`, [])).toBe("operand 2 must be object but got array");
  });
});

describe("array.go", () => {
  test("array.concat and array.slice (indexes clamped)", () => {
    expect(val(`array.concat([1], [2, 3])`)).toEqual([1, 2, 3]);
    expect(val(`[array.slice([1, 2, 3], 1, 2), array.slice([1, 2, 3], -5, 10), array.slice([1, 2, 3], 2, 1)]`)).toEqual([[2], [1, 2, 3], []]);
    expect(builtinError(`array.slice([1], 0.5, 1)`)).toBe("operand 2 must be integer number but got floating-point number");
  });
});

describe("walk.go", () => {
  test("walk(x, [path, value]) visits every node, root first, objects by sorted key", () => {
    expect(val(`[path | walk({"b": [1], "a": 2}, [path, _])]`)).toEqual([[], ["a"], ["b"], ["b", 0]]);
    expect(val(`[v | walk([1, [2]], [_, v]); not is_array(v)]`)).toEqual([1, 2]);
  });
});

describe("strings.go", () => {
  test("concat joins an array of strings; other elements are errors", () => {
    expect(val(`[concat(", ", ["a", "b"]), concat("", []), concat("-", ["x"])]`)).toEqual(["a, b", "", "x"]);
    expect(builtinError(`concat("", input)`, ["a", 1])).toBe("operand 2 must be array of strings but got array containing number");
  });
  test("split: no delimiter found gives [s]; an empty delimiter splits runes (strings.Split)", () => {
    expect(val(`[split("a.b..c", "."), split("abc", "x"), split("", "x"), split("aé😀", ""), split("", "")]`)).toEqual([
      ["a", "b", "", "c"],
      ["abc"],
      [""],
      ["a", "é", "😀"],
      [],
    ]);
  });
  test("substring: runes; negative length to the end; start past the end is empty", () => {
    expect(val(`[substring("abcdef", 1, 3), substring("abcdef", 2, -1), substring("abc", 5, 1), substring("abc", 1, 100), substring("h😀llo", 1, 2), substring("", 0, 1)]`)).toEqual([
      "bcd",
      "cdef",
      "",
      "bc",
      "😀l",
      "",
    ]);
    expect(builtinError(`substring("abc", -1, 1)`)).toBe("negative offset");
    expect(builtinError(`substring("abc", 1.5, 1)`)).toBe("operand 2 must be integer number but got floating-point number");
  });
  test("contains, startswith, endswith", () => {
    expect(val(`[contains("abc", "b"), contains("abc", ""), startswith("abc", "ab"), endswith("abc", "bc"), endswith("abc", "x")]`)).toEqual([true, true, true, true, false]);
    expect(builtinError(`contains(input, "a")`, ["a"])).toBe("operand 1 must be string but got array");
  });
  test("lower and upper use unicode.ToLower/ToUpper (simple mappings)", () => {
    expect(val(`[lower("AbÇ"), upper("abç"), lower("İ"), upper("ß"), upper("ﬀ")]`)).toEqual(["abç", "ABÇ", "i", "ß", "ﬀ"]);
  });
  test("format_int: bases 2, 8, 10, 16; floats truncate; the base is compared by its text", () => {
    expect(val(`[format_int(255, 16), format_int(5, 2), format_int(8, 8), format_int(-7.9, 10), format_int(3.99, 2)]`)).toEqual(["ff", "101", "10", "-7", "11"]);
    expect(builtinError(`format_int(1, 3)`)).toBe("operand 2 must be one of {2, 8, 10, 16}");
    expect(builtinError(`format_int(1, 10.0)`)).toBe("operand 2 must be one of {2, 8, 10, 16}");
  });
  test("to_number (casts.go): null 0, booleans 1/0, numeric strings keep their text", () => {
    expect(val(`[to_number(null), to_number(true), to_number("12"), to_number("-1.5"), to_number(7)]`)).toEqual([0, 1, 12, -1.5, 7]);
    expect(engine(`p := to_number("1.50")`).evaluateJSON("data.t.p")).toBe("1.50");
    expect(builtinError(`to_number("Inf")`)).toBe("operand 1 must be valid number string but got string");
    expect(builtinError(`to_number("x1")`)).toBe('strconv.ParseFloat: parsing "x1": invalid syntax');
    expect(builtinError(`to_number(input)`, [])).toBe("operand 1 must be one of {null, boolean, number, string} but got array");
  });
  test("replace replaces every occurrence (strings.NewReplacer)", () => {
    expect(val(`[replace("a/b/c", "/", "~1"), replace("aaa", "aa", "b"), replace("ab", "", "-")]`)).toEqual(["a~1b~1c", "ba", "-a-b-"]);
  });
  test("strings.reverse reverses runes", () => {
    expect(val(`strings.reverse("ab😀c")`)).toBe("c😀ba");
  });
  test("indexof: rune index, -1 when absent, an empty search is an error", () => {
    expect(val(`[indexof("hello", "l"), indexof("hello", "z"), indexof("h😀llo", "l")]`)).toEqual([2, -1, 2]);
    expect(builtinError(`indexof("a", "")`)).toBe("empty search character");
  });
});

describe("regex.go (RE2 semantics)", () => {
  test("regex.match", () => {
    expect(val(`[regex.match("^0*$", "000"), regex.match("^0*$", "010"), regex.match("b", "abc"), regex.match("^(0|[1-9][0-9]{0,2})$", "255")]`)).toEqual([
      true,
      false,
      true,
      true,
    ]);
    // Go's `.` matches \r (JS's does not); `\s` is [\t\n\f\r ] (no \v).
    expect(val(`[regex.match("^a.b$", "a\\rb"), regex.match("\\\\s", "\\u000b")]`)).toEqual([true, false]);
  });
  test("an invalid or unsupported pattern is a builtin error", () => {
    expect(builtinError(`regex.match("(?=a)", "a")`)).toMatch(/^error parsing regexp: invalid or unsupported Perl syntax/);
    expect(builtinError(`regex.match("(a)\\\\1", "aa")`)).toMatch(/^error parsing regexp: invalid escape sequence/);
    expect(builtinError(`regex.match("a{1001}", "a")`)).toMatch(/^error parsing regexp: invalid repeat count/);
  });
  test("regex.find_all_string_submatch_n: groups, n limits, unmatched groups are empty", () => {
    expect(val(`regex.find_all_string_submatch_n("\\\\[([0-9]+|\\\\*)\\\\]", "a[1][*][x]", -1)`)).toEqual([
      ["[1]", "1"],
      ["[*]", "*"],
    ]);
    expect(val(`regex.find_all_string_submatch_n("a(x)?", "aab", 1)`)).toEqual([["a", ""]]);
    // "Empty matches abutting a preceding match are ignored" (regexp.FindAll)
    expect(val(`[m[0] | some m in regex.find_all_string_submatch_n("a*", "baaac", -1)]`)).toEqual(["", "aaa", ""]);
  });
});

describe("encoding.go json.marshal", () => {
  test("Go encoding: keys sorted, HTML-safe escapes, numbers verbatim", () => {
    expect(val(`json.marshal({"b": 1, "a": ["<&>", null, true]})`)).toBe('{"a":["\\u003c\\u0026\\u003e",null,true],"b":1}');
    expect(val(`[json.marshal(1.0), json.marshal(1e3), json.marshal(1.5), json.marshal("\\u2028\\n\\u0001")]`)).toEqual([
      "1.0",
      "1e3",
      "1.5",
      '"\\u2028\\n\\u0001"',
    ]);
    expect(val(`json.marshal(input.x)`, { x: 0.1 })).toBe("0.1");
  });
});

describe("numbers.go numbers.range", () => {
  test("inclusive, descending when the first is larger", () => {
    expect(val(`[numbers.range(1, 3), numbers.range(2, 0), numbers.range(5, 5)]`)).toEqual([[1, 2, 3], [2, 1, 0], [5]]);
    expect(builtinError(`numbers.range(1, 2.5)`)).toBe("operand 2 must be integer number but got floating-point number");
  });
});
