// Fixed edges of slot paths (src/export/slots.ts) found by the mutation run (MUTATION.md): the
// character a too-large index is reported at, `collectionErrors` on entries that are not objects
// and on fields of the wrong type, the index-past-the-end warning at exactly the length and for
// one entry, a document whose list is not a list, and `slotPathError` against hand-made schemas
// with what the shipped one lacks: a list of objects with slots beneath a non-slot field, more
// than eight slots to suggest, free-form data, and a recursive type.
import { describe, expect, it } from "vitest";
import type { ObjectTy, Ty } from "../../src/schema/index.js";
import { exportRootType } from "../../src/schema/index.js";
import { collectionErrors, parseSlotPath, slotPathError } from "../../src/export/slots.js";

const root = exportRootType();

function errorsFor(doc: Record<string, unknown>) {
  const r = collectionErrors({ file: "t.json", doc, envelopes: new WeakMap(), root });
  return { errors: r.errors, problems: r.problems.map((p) => `${p.severity} ${p.pointer}: ${p.message}`) };
}

const object = (name: string, fields: Record<string, Ty>, slots: string[] = [], rest?: Ty): ObjectTy => ({
  kind: "object",
  name,
  fields: new Map(Object.entries(fields)),
  slots: new Set(slots),
  ...(rest === undefined ? {} : { rest }),
});

describe("parseSlotPath", () => {
  it("reports a too-large index at the character after its bracket", () => {
    expect(parseSlotPath("ab[99999999999999999999]")).toEqual({ ok: false, message: 'malformed slot path "ab[99999999999999999999]": the list index is too large at character 4' });
    expect(parseSlotPath("workspaces_2[10].a1_b")).toEqual({ ok: true, steps: ["workspaces_2", 10, "a1_b"] });
  });
});

describe("collectionErrors", () => {
  it("skips entries that are not objects, and copies only fields of the right type", () => {
    const doc = {
      workspaces: [],
      collection: {
        errors: [null, 5, "workspaces", ["workspaces"], { slot: "attestations", request: 5, http_status: "403", error_code: 1, message: null }, { slot: "workspaces", http_status: 403.5 }],
      },
    };
    expect(errorsFor(doc)).toEqual({
      errors: [
        { slot: "attestations", steps: ["attestations"] },
        { slot: "workspaces", steps: ["workspaces"] },
      ],
      problems: ["warning /collection/errors/5/slot: `workspaces` is listed as not collected but is present in the export; it is treated as not collected"],
    });
  });

  it("warns about an index at exactly the length, in the singular for one entry", () => {
    const doc = { workspaces: [{ workspace_id: 1 }], collection: { errors: [{ slot: "workspaces[1].apps" }, { slot: "workspaces[0].apps" }, { slot: "workspaces[*].apps" }] } };
    expect(errorsFor(doc).problems).toEqual(["warning /collection/errors/0/slot: `workspaces[1]` is not in the export (`workspaces` has 1 entry)"]);
  });

  it("says nothing about an index into what the document does not hold as a list", () => {
    expect(errorsFor({ workspaces: "abcdef", collection: { errors: [{ slot: "workspaces[2].apps" }] } }).problems).toEqual([]);
    expect(errorsFor({ workspaces: { length: 0 }, collection: { errors: [{ slot: "workspaces[2].apps" }] } }).problems).toEqual([]);
  });

  it("names an unknown field without a suggestion when none is close", () => {
    expect(slotPathError(["workspaces", 0, "zzzzzzzz"], root)).toBe("`workspace` has no field `zzzzzzzz`");
  });

  it("names the eight slots of the shipped schema, without a cut", () => {
    expect(slotPathError(["collection", "source"], root)).toBe(
      "`collection.source` is not a collection slot; slots are, e.g. `account.ip_access_lists`, `account.ip_access_enable`, `account.network_policies`, `account.network_connectivity_configs`, `account.private_access_settings`, `account.registered_endpoints`, `workspaces`, `attestations`",
    );
  });
});

describe("slotPathError against other schemas", () => {
  const str: Ty = { kind: "string" };

  it("suggests slots beneath a list that is not a slot, as `[*]`", () => {
    const item = object("item", { a: str, b: str, c: str }, ["a", "b"]);
    const r = object("root", { items: { kind: "list", elem: item }, other: str });
    expect(slotPathError(["items"], r)).toBe("`items` is not a collection slot; the slots under it are `items[*].a`, `items[*].b`");
    expect(slotPathError(["items", 0, "a"], r)).toBeUndefined();
  });

  it("cuts the suggestions at eight", () => {
    const names = Array.from({ length: 9 }, (_, i) => `s${i}`);
    const r = object("root", { group: object("group", Object.fromEntries(names.map((n) => [n, str])), names), other: str });
    expect(slotPathError(["group"], r)).toBe("`group` is not a collection slot; the slots under it are `group.s0`, `group.s1`, `group.s2`, `group.s3`, `group.s4`, `group.s5`, `group.s6`, `group.s7`, …");
    const eight = object("root", { group: object("group", Object.fromEntries(names.slice(0, 8).map((n) => [n, str])), names.slice(0, 8)) });
    expect(slotPathError(["group"], eight)).toMatch(/`group\.s7`$/);
  });

  it("accepts anything beneath free-form data under a slot, indexes included", () => {
    const r = object("root", { data: object("data", { free: { kind: "any" } }) }, ["data"]);
    expect(slotPathError(["data", "free", 0, "x", "*"], r)).toBeUndefined();
    expect(slotPathError(["data", "free"], r)).toBeUndefined();
  });

  it("stops suggesting past eight levels down a recursive type", () => {
    const fields = new Map<string, Ty>();
    const node: ObjectTy = { kind: "object", name: "node", fields, slots: new Set(["leaf"]) };
    fields.set("leaf", str);
    fields.set("child", node);
    fields.set("children", { kind: "list", elem: node });
    const r = object("root", { tree: node, other: str });
    const why = slotPathError(["other"], r)!;
    // Depth 0 is the root, `tree` is at 1, each `child` one deeper: the node at depth 8 is the
    // last one entered; through `children` (a list, two levels a node) the last is at depth 7.
    const suggested = why.replace(/^.*e\.g\. /, "").replace(/, …$/, "").split(", ");
    expect(suggested.filter((s) => !s.includes("children"))).toEqual(Array.from({ length: 8 }, (_, i) => `\`tree.${"child.".repeat(i)}leaf\``));
    expect(why.endsWith(", …")).toBe(true);
    // Without the list: exactly the eight nodes down to depth 8, and no cut.
    const chainFields = new Map<string, Ty>();
    const chain: ObjectTy = { kind: "object", name: "node", fields: chainFields, slots: new Set(["leaf"]) };
    chainFields.set("leaf", str);
    chainFields.set("child", chain);
    expect(slotPathError(["other"], object("root", { tree: chain, other: str }))).toBe(
      `\`other\` is not a collection slot; slots are, e.g. ${Array.from({ length: 8 }, (_, i) => `\`tree.${"child.".repeat(i)}leaf\``).join(", ")}`,
    );
  });
});
