// Fixed edges of `inexactNumbers` (src/export/inexact.ts) found by the mutation run
// (MUTATION.md): a number whose shown digits differ at the same exponent, the `max` cut, the
// index of a number after strings in a list, a number starting with `0`, and fractions that
// float64 rounds (no warning: only integers beyond 2^53 and out-of-range numbers draw one).
import { describe, expect, it } from "vitest";
import { inexactNumbers } from "../../src/export/inexact.js";

const found = (text: string, max?: number) => inexactNumbers(text, JSON.parse(text) as unknown, max);

describe("inexactNumbers", () => {
  it("warns when the digits float64 shows differ at the same exponent", () => {
    // 17 significant digits written, 17 shown: only the last differs.
    expect(found(`{"a": 1.2345678901234567e22, "b": 1.2345678901234568e22}`)).toEqual([{ pointer: "/a", written: "1.2345678901234567e22", read: "1.2345678901234568e+22" }]);
  });

  it("a number in a member that a later duplicate key replaces is not reported (JSON.parse keeps the last)", () => {
    // Found by the export-loader fuzz target: a duplicated `workspaces` array, the first copy with
    // 1e400 under a key the second does not have, gave a warning whose pointer led nowhere.
    expect(found(`{"a": {"x": 1e400}, "a": {"y": 2e400}}`).map((n) => [n.pointer, n.written])).toEqual([["/a/y", "2e400"]]);
    expect(found(`{"w": [{"p\ufeffq": {"n": 1e400}}], "z": 1, "w": [{"pq": {"n": 3e400}}]}`).map((n) => [n.pointer, n.written])).toEqual([["/w/0/pq/n", "3e400"]]);
    // Keys equal once decoded are duplicates; a value string equal to a key is not one.
    expect(found(`{"k": 1e400, "\u006b": 2e400}`).map((n) => [n.pointer, n.written])).toEqual([["/k", "2e400"]]);
    expect(found(`{"x": 1e400, "y": "x"}`).map((n) => n.pointer)).toEqual(["/x"]);
    // A duplicate elsewhere (another object, or an array entry) drops nothing.
    expect(found(`{"a": {"x": 1e400}, "b": {"a": 1, "x": 2}}`).map((n) => n.pointer)).toEqual(["/a/x"]);
  });

  it("stops at `max`", () => {
    const text = `[1e400, -2e400, 3e400]`;
    expect(found(text, 2).map((n) => n.written)).toEqual(["1e400", "-2e400"]);
    expect(found(text, 3).map((n) => n.written)).toEqual(["1e400", "-2e400", "3e400"]);
    expect(found(text, 0)).toEqual([]);
  });

  it("counts the strings of a list as its entries, and a value string is no key", () => {
    const text = `{"a": ["s", "t\\"]", 1e400], "b": {"k": "v", "n": [1e400]}, "c": "x"}`;
    expect(found(text).map((n) => n.pointer)).toEqual(["/a/2", "/b/n/0"]);
  });

  it("reads a number that starts with 0 whole", () => {
    expect(found(`{"a": 0.5e400, "b": -0.5e400, "c": 0}`)).toEqual([
      { pointer: "/a", written: "0.5e400", read: "Infinity" },
      { pointer: "/b", written: "-0.5e400", read: "-Infinity" },
    ]);
  });

  it("says nothing about a fraction float64 rounds, next to an integer beyond 2^53", () => {
    expect(found(`{"a": 0.10000000000000001, "b": 9876543210987655, "c": 1.5e1}`)).toEqual([]);
  });
});
