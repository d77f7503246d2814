// RFC 6901 pointers into an export (src/export/pointers.ts), by fixed values: escaping in the
// order the RFC requires, array indexes as the RFC spells them, own properties only, envelope
// keys put back, and the pointer index of shared and nested containers.
import { describe, expect, it } from "vitest";
import { buildPointerIndex, childAt, escapeToken, pointerOfTokens, pointerTokens, sourcePointer, valueAt, type EnvelopeKeys } from "../../src/export/pointers.js";

describe("tokens", () => {
  it("escapes ~ before / (so `~1` written as a name stays a name)", () => {
    expect(escapeToken("a/b")).toBe("a~1b");
    expect(escapeToken("c~d")).toBe("c~0d");
    expect(escapeToken("~1")).toBe("~01");
    expect(escapeToken("/~")).toBe("~1~0");
    expect(escapeToken(3)).toBe("3");
    expect(escapeToken("")).toBe("");
  });

  it("joins and splits pointers, unescaping ~1 before ~0", () => {
    expect(pointerOfTokens([])).toBe("");
    expect(pointerOfTokens(["workspaces", 0, "a/b", "~1", ""])).toBe("/workspaces/0/a~1b/~01/");
    expect(pointerTokens("")).toEqual([]);
    expect(pointerTokens("/")).toEqual([""]);
    expect(pointerTokens("/workspaces/0/a~1b/~01/")).toEqual(["workspaces", "0", "a/b", "~1", ""]);
    expect(pointerTokens("/~0~1")).toEqual(["~/"]);
  });
});

describe("childAt and valueAt", () => {
  const doc = { a: [10, 20, { b: null, "x/y": "s" }], n: 0 };

  it("reads array indexes written as RFC 6901 spells them, and numbers", () => {
    expect(childAt(doc.a, "1")).toBe(20);
    expect(childAt(doc.a, 1)).toBe(20);
    expect(childAt(doc.a, "0")).toBe(10);
    for (const bad of ["01", "-1", "1.0", " 1", "3", "", "length"]) expect(childAt(doc.a, bad)).toBeUndefined();
    expect(childAt(doc.a, 3)).toBeUndefined();
    expect(childAt(doc.a, -1)).toBeUndefined();
    const eleven = Array.from({ length: 11 }, (_, i) => i * 10);
    expect(childAt(eleven, "10")).toBe(100);
    expect(childAt(eleven, "010")).toBeUndefined();
  });

  it("reads own properties only, and nothing of a scalar", () => {
    expect(childAt(doc, "n")).toBe(0);
    expect(childAt(doc, "toString")).toBeUndefined();
    expect(childAt(doc, "__proto__")).toBeUndefined();
    expect(childAt("abc", "length")).toBeUndefined();
    expect(childAt(null, "a")).toBeUndefined();
  });

  it("follows a path to a value, null included, and stops at the first missing step", () => {
    expect(valueAt(doc, ["a", 2, "b"])).toBeNull();
    expect(valueAt(doc, ["a", "2", "x/y"])).toBe("s");
    expect(valueAt(doc, ["a", 2, "b", "c"])).toBeUndefined();
    expect(valueAt(doc, ["z", "a"])).toBeUndefined();
    expect(valueAt(doc, [])).toBe(doc);
  });
});

describe("pointers in the file as written", () => {
  // `apps` came out of an `{"apps": [...]}` envelope in the file; `clusters` was a plain list.
  const apps = [{ name: "a" }, { name: "b/c" }];
  const clusters = [{ id: 1 }];
  const doc = { workspaces: [{ apps, clusters, "k~": { v: [] } }] };
  const envelopes: EnvelopeKeys = new WeakMap([[apps, "apps"]]);

  it("puts the envelope key back after an unwrapped list", () => {
    expect(sourcePointer(doc, ["workspaces", 0, "apps", 1, "name"], envelopes)).toBe("/workspaces/0/apps/apps/1/name");
    expect(sourcePointer(doc, ["workspaces", 0, "apps"], envelopes)).toBe("/workspaces/0/apps/apps");
    expect(sourcePointer(doc, ["workspaces", 0, "clusters", 0], envelopes)).toBe("/workspaces/0/clusters/0");
    expect(sourcePointer(doc, ["workspaces", 0, "k~", "v"], envelopes)).toBe("/workspaces/0/k~0/v");
    expect(sourcePointer(doc, [], envelopes)).toBe("");
  });

  it("indexes every object and array, with escapes and envelope keys, and nothing else", () => {
    const index = buildPointerIndex(doc, envelopes);
    expect(index.get(doc)).toBe("");
    expect(index.get(doc.workspaces)).toBe("/workspaces");
    expect(index.get(doc.workspaces[0]!)).toBe("/workspaces/0");
    expect(index.get(apps)).toBe("/workspaces/0/apps/apps");
    expect(index.get(apps[1]!)).toBe("/workspaces/0/apps/apps/1");
    expect(index.get(clusters[0]!)).toBe("/workspaces/0/clusters/0");
    expect(index.get(doc.workspaces[0]!["k~"])).toBe("/workspaces/0/k~0");
    expect(index.get(doc.workspaces[0]!["k~"].v)).toBe("/workspaces/0/k~0/v");
    expect(index.has({})).toBe(false);
  });

  it("gives a container reached twice one pointer, and walks any depth without recursion", () => {
    const shared = { s: 1 };
    const two = { a: shared, b: shared };
    const p = buildPointerIndex(two, new WeakMap()).get(shared);
    expect(["/a", "/b"]).toContain(p);
    let deep: unknown[] = [];
    const top = deep;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    expect(buildPointerIndex(top, new WeakMap()).get(deep)).toBe("/0".repeat(100_000));
  });
});
