// The evaluator's memo tables by value (src/eval/memo.ts): tuple keys compared position by
// position as Map keys are, each result computed once, and "not a name / not addresses"
// remembered as well as a parsed value.
import { describe, expect, it } from "vitest";
import { DomainCache, Memo, SetCache } from "../../src/eval/memo.js";
import type { Value } from "../../src/eval/value.js";
import { EMPTY } from "../../src/net/set.js";

describe("Memo", () => {
  it("finds a value only under the whole tuple it was set with", () => {
    const m = new Memo();
    const o = {};
    expect(m.set(["a", 1, o], "x")).toBe("x");
    expect(m.set(["a", 1, {}], "y")).toBe("y");
    expect(m.set(["a", 2], "z")).toBe("z");
    expect(m.set(["b"], false)).toBe(false);
    expect(m.get(["a", 1, o])).toBe("x");
    expect(m.get(["a", 2])).toBe("z");
    expect(m.get(["b"])).toBe(false);
    expect(m.get(["a", 1, {}])).toBeUndefined();
    expect(m.get(["a", "1", o])).toBeUndefined();
    expect(m.get(["a", 3])).toBeUndefined();
    expect(m.get(["c", 1, o])).toBeUndefined();
    // (The tuples under one first key always have one length: the evaluator's first key is the IR node or def.)
    m.set(["a", 1, o], "x2");
    expect(m.get(["a", 1, o])).toBe("x2");
    expect(m.get(["a", 2])).toBe("z");
  });
});

describe("DomainCache", () => {
  it("parses a name once and remembers one that is not a name", () => {
    const c = new DomainCache();
    const a = c.get("Pypi.ORG.");
    expect(a).toBeDefined();
    expect(c.get("Pypi.ORG.")).toBe(a);
    expect(c.get("pypi.org")).not.toBe(a);
    expect(c.get("not a name")).toBeUndefined();
    expect(c.get("not a name")).toBeUndefined();
  });
});

describe("SetCache", () => {
  it("computes once per operand, a failure included", () => {
    const c = new SetCache();
    const calls: Value[] = [];
    const compute = (v: Value) => {
      calls.push(v);
      return v === "bad" ? undefined : EMPTY;
    };
    const l = ["10.0.0.0/8"];
    expect(c.get(l, compute)).toBe(EMPTY);
    expect(c.get(l, compute)).toBe(EMPTY);
    expect(c.get("bad", compute)).toBeUndefined();
    expect(c.get("bad", compute)).toBeUndefined();
    expect(c.get(["10.0.0.0/8"], compute)).toBe(EMPTY);
    expect(calls).toEqual([l, "bad", ["10.0.0.0/8"]]);
  });
});
