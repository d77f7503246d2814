// envelopeItems (src/export/envelopes.ts) by fixed values: an API list envelope is one array of
// objects beside page tokens; anything else in it, or items that are not all plain objects
// (scalars, nulls or arrays among them), and it is not an envelope.
import { describe, expect, it } from "vitest";
import { envelopeItems } from "../../src/export/envelopes.js";

describe("envelopeItems", () => {
  it("takes the one array of objects, beside page tokens that are strings or null", () => {
    const apps = [{ name: "a" }, { name: "b" }];
    expect(envelopeItems({ apps, next_page_token: "t", prev_page_token: null })).toEqual({ key: "apps", items: apps });
    expect(envelopeItems({ next_page_token: null })).toEqual({ items: [] });
    expect(envelopeItems({ apps: [] })).toEqual({ key: "apps", items: [] });
  });

  it("is no envelope when any item is not a plain object", () => {
    expect(envelopeItems({ apps: [{ name: "a" }, 5] })).toBeUndefined();
    expect(envelopeItems({ apps: [{ name: "a" }, null] })).toBeUndefined();
    expect(envelopeItems({ apps: [[{ name: "a" }]] })).toBeUndefined();
    expect(envelopeItems({ apps: [{ name: "a" }, []] })).toBeUndefined();
  });

  it("is no envelope with two arrays, another key, or a page token that is not a string", () => {
    expect(envelopeItems({ apps: [], more: [] })).toBeUndefined();
    expect(envelopeItems({ apps: [], count: 2 })).toBeUndefined();
    expect(envelopeItems({ apps: [], next_page_token: 3 })).toBeUndefined();
  });
});

describe("unwrapping through the loader", () => {
  it("an array where the schema wants an object is a schema error at its pointer, not an internal one", async () => {
    const { parseExport } = await import("../../src/export/load.js");
    const { exampleDoc } = await import("./helpers.js");
    const doc = exampleDoc("contoso-prod-azure-compliant.json");
    const r = parseExport("x.json", JSON.stringify({ ...doc, account: [{ account_id: "a" }] }));
    expect(r.export).toBeUndefined();
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.pointer.startsWith("/account"))).toBe(true);
    expect(r.problems.map((p) => p.message).join("\n")).not.toMatch(/internal/i);
  });
});
