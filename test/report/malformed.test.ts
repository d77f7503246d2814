// Where a condition's malformed network values are in the export (src/report/malformed.ts), by
// value: OPA's path order, RFC 6901 pointers, which reads are searched (export- and
// subject-rooted, `*` over lists only, own fields of objects only), the values found nowhere
// (null pointer, once each, by code point), and the failure message. The evaluator and Wasm
// cases of test/eval/malformed.test.ts go through a few documents; these are the fixed edges of
// the mutation run (MUTATION.md).
import { describe, expect, it } from "vitest";
import type { SlotRead } from "../../src/ir/ir.js";
import { comparePaths, locateMalformed, malformedMessage } from "../../src/report/malformed.js";

const fromExport = (...steps: string[]): SlotRead => ({ root: "export", steps });
const fromSubject = (...steps: string[]): SlotRead => ({ root: "subject", steps });

describe("comparePaths", () => {
  it.each([
    [[0], [1], -1],
    [[1], [0], 1],
    [[2, 0], [2, 1], -1],
    [[10], [9], 1],
    [[0], ["a"], -1],
    [["a"], [0], 1],
    [["a"], ["b"], -1],
    [["b"], ["a"], 1],
    [["B"], ["a"], -31],
    [["é"], ["z"], 111],
    [["a", 1], ["a", 1], 0],
    [["a"], ["a", 0], -1],
    [["a", 0, "x"], ["a"], 2],
    [[], [], 0],
  ] as const)("%j against %j is %d", (a, b, want) => {
    expect(comparePaths(a, b)).toBe(want);
  });
});

describe("locateMalformed", () => {
  const doc = {
    workspaces: [
      { name: "w0", ips: ["10.0.0.0/8", "bad-1"], nested: { "a/b~c": "bad-2", list: [{ x: "bad-1" }] } },
      { name: "w1", ips: ["bad-3", "bad-1"] },
    ],
    account: { policies: { b: "bad-2", a: "bad-2", "10": "bad-2" } },
  };

  it("finds each value beneath the export-rooted reads, in path order, with escaped pointers", () => {
    expect(locateMalformed(doc, ["bad-1", "bad-2", "bad-3"], [fromExport("workspaces", "*")], [])).toEqual([
      { value: "bad-1", pointer: "/workspaces/0/ips/1" },
      { value: "bad-2", pointer: "/workspaces/0/nested/a~1b~0c" },
      { value: "bad-1", pointer: "/workspaces/0/nested/list/0/x" },
      { value: "bad-3", pointer: "/workspaces/1/ips/0" },
      { value: "bad-1", pointer: "/workspaces/1/ips/1" },
    ]);
  });

  it("orders object keys by code point, not by insertion or as numbers", () => {
    expect(locateMalformed(doc, ["bad-2"], [fromExport("account", "policies")], [])).toEqual([
      { value: "bad-2", pointer: "/account/policies/10" },
      { value: "bad-2", pointer: "/account/policies/a" },
      { value: "bad-2", pointer: "/account/policies/b" },
    ]);
  });

  it("starts subject-rooted reads at the subject, and its pointers with the subject's", () => {
    expect(locateMalformed(doc, ["bad-1", "bad-3"], [fromSubject("ips")], ["workspaces", 1])).toEqual([
      { value: "bad-3", pointer: "/workspaces/1/ips/0" },
      { value: "bad-1", pointer: "/workspaces/1/ips/1" },
    ]);
    // A subject that is not there reads nothing: every value is found nowhere.
    expect(locateMalformed(doc, ["bad-1"], [fromSubject("ips")], ["workspaces", 5])).toEqual([{ value: "bad-1", pointer: null }]);
    expect(locateMalformed(doc, ["bad-1"], [fromSubject("ips")], ["workspaces", 0, "name", "x"])).toEqual([{ value: "bad-1", pointer: null }]);
    expect(locateMalformed({ workspaces: null }, ["bad-1"], [fromSubject("ips")], ["workspaces", 0])).toEqual([{ value: "bad-1", pointer: null }]);
    // A string on the way is no subject either, though it can be indexed.
    expect(locateMalformed(doc, ["w"], [fromSubject()], ["workspaces", 0, "name", 0])).toEqual([{ value: "w", pointer: null }]);
    expect(locateMalformed(doc, ["w0"], [fromSubject()], ["workspaces", 0, "name"])).toEqual([{ value: "w0", pointer: "/workspaces/0/name" }]);
  });

  it("starts export-rooted reads at the export whatever the subject", () => {
    expect(locateMalformed(doc, ["bad-2", "bad-3"], [fromExport("account"), fromSubject("ips")], ["workspaces", 1])).toEqual([
      { value: "bad-2", pointer: "/account/policies/10" },
      { value: "bad-2", pointer: "/account/policies/a" },
      { value: "bad-2", pointer: "/account/policies/b" },
      { value: "bad-3", pointer: "/workspaces/1/ips/0" },
    ]);
  });

  it("does not look outside what the condition reads", () => {
    expect(locateMalformed(doc, ["bad-1", "bad-2"], [fromExport("workspaces", "*", "ips")], [])).toEqual([
      { value: "bad-1", pointer: "/workspaces/0/ips/1" },
      { value: "bad-1", pointer: "/workspaces/1/ips/1" },
      { value: "bad-2", pointer: null },
    ]);
    // `*` steps into lists only, a name into objects only, and only into their own fields.
    expect(locateMalformed(doc, ["bad-2"], [fromExport("account", "*")], [])).toEqual([{ value: "bad-2", pointer: null }]);
    expect(locateMalformed(doc, ["bad-1"], [fromExport("workspaces", "0", "ips")], [])).toEqual([{ value: "bad-1", pointer: null }]);
    expect(locateMalformed(doc, ["bad-1"], [fromExport("workspaces", "length")], [])).toEqual([{ value: "bad-1", pointer: null }]);
    expect(locateMalformed({ a: "bad-1" }, ["bad-1"], [fromExport("a", "length")], [])).toEqual([{ value: "bad-1", pointer: null }]);
    expect(locateMalformed({ a: null }, ["bad-1"], [fromExport("a", "x")], [])).toEqual([{ value: "bad-1", pointer: null }]);
    const inherited = Object.create({ x: "bad-1" }) as object;
    expect(locateMalformed({ a: inherited }, ["bad-1"], [fromExport("a", "x")], [])).toEqual([{ value: "bad-1", pointer: null }]);
    expect(locateMalformed({ a: inherited }, ["bad-1"], [fromExport("a")], [])).toEqual([{ value: "bad-1", pointer: null }]);
  });

  it("orders list entries by index as numbers, and steps over nulls", () => {
    const ips = Array.from({ length: 12 }, (_, i) => (i === 2 || i === 10 ? "bad" : i === 5 ? null : `10.0.0.${i}`));
    expect(locateMalformed({ ips }, ["bad"], [fromExport("ips")], [])).toEqual([
      { value: "bad", pointer: "/ips/2" },
      { value: "bad", pointer: "/ips/10" },
    ]);
  });

  it("lists a place reached by two reads once, and a string that is not wanted not at all", () => {
    expect(locateMalformed(doc, ["bad-3"], [fromExport("workspaces"), fromExport("workspaces", "*", "ips")], [])).toEqual([{ value: "bad-3", pointer: "/workspaces/1/ips/0" }]);
    expect(locateMalformed(doc, [], [fromExport("workspaces")], [])).toEqual([]);
  });

  it("lists the values found nowhere once each, by code point, after the found ones", () => {
    expect(locateMalformed({ a: ["x"] }, ["zeta", "x", "Zeta", "zeta", "éa"], [fromExport("a")], [])).toEqual([
      { value: "x", pointer: "/a/0" },
      { value: "Zeta", pointer: null },
      { value: "zeta", pointer: null },
      { value: "éa", pointer: null },
    ]);
    expect(locateMalformed({}, ["b", "a"], [], [])).toEqual([
      { value: "a", pointer: null },
      { value: "b", pointer: null },
    ]);
  });
});

describe("malformedMessage", () => {
  it("names each value, with its place when the export holds it, joined by semicolons", () => {
    expect(
      malformedMessage([
        { value: "bad-1", pointer: "/workspaces/0/ips/1" },
        { value: "1.2.3", pointer: null },
      ]),
    ).toBe("`bad-1` at /workspaces/0/ips/1 is not an address or CIDR range; `1.2.3` is not an address or CIDR range");
    expect(malformedMessage([])).toBe("");
  });
});
