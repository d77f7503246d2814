// Schema problems by value (src/export/validate.ts): how a value is described in a message,
// long strings cut, and the detail limit that leaves the problems past it as placeholders for
// capProblems to count. The loader's own cases are in load.test.ts; these are the fixed edges
// of the mutation run (MUTATION.md).
import { describe, expect, it } from "vitest";
import { PAGE_TOKEN_KEYS } from "../../src/export/envelopes.js";
import { describeValue, schemaProblems } from "../../src/export/validate.js";
import { errorsOf, exampleDoc, parseDoc, warningsOf } from "./helpers.js";

const COMPLIANT = "contoso-prod-azure-compliant.json";

describe("describeValue", () => {
  it.each([
    [null, "null"],
    [[], "array"],
    [[1], "array"],
    [{}, "object"],
    ["", 'string ""'],
    ["x".repeat(60), `string "${"x".repeat(60)}"`],
    ["x".repeat(61), `string "${"x".repeat(57)}..."`],
    [3, "integer 3"],
    [-0, "integer 0"],
    [1.5, "number 1.5"],
    [1e21, "integer 1e+21"],
    [true, "boolean true"],
    [false, "boolean false"],
    [undefined, "undefined"],
  ] as const)("%j is %s", (v, text) => {
    expect(describeValue(v)).toBe(text);
  });
});

describe("schemaProblems", () => {
  it("cuts a long string the schema refuses at 60 characters", () => {
    const d = exampleDoc(COMPLIANT);
    d["schema"] = "v".repeat(61);
    d["workspaces"][0].ip_access_lists[0].list_type = "D".repeat(60);
    const r = parseDoc(d);
    expect(errorsOf(r)).toEqual([{ pointer: "/schema", message: `must be "dbx-network-export/v1" (found "${"v".repeat(57)}...")` }]);
    expect(warningsOf(r)).toEqual([{ pointer: "/workspaces/0/ip_access_lists/0/list_type", message: `must be one of "ALLOW", "BLOCK" (found "${"D".repeat(60)}")` }]);
  });

  it("says what an API list envelope must be when an object stands where a list belongs", () => {
    const d = exampleDoc(COMPLIANT);
    d["workspaces"][0].apps = { apps: d["workspaces"][0].apps, more: [] };
    expect(errorsOf(parseDoc(d))).toEqual([
      {
        pointer: "/workspaces/0/apps",
        message: `must be array (found object); an API list envelope is accepted only when it has exactly one array property, of objects, besides page tokens (${[...PAGE_TOKEN_KEYS].join(", ")})`,
      },
    ]);
    expect(PAGE_TOKEN_KEYS.size).toBeGreaterThan(1);
  });

  it("shows the value a format refuses", () => {
    const d = exampleDoc(COMPLIANT);
    d["exported_at"] = "2026-13-45T99:00:00Z";
    const r = parseDoc(d);
    expect(errorsOf(r)).toEqual([{ pointer: "/exported_at", message: 'must be a valid date-time (found "2026-13-45T99:00:00Z")' }]);
  });

  it("gives the first `detail` errors and warnings a message and the rest an empty one", () => {
    const d = exampleDoc(COMPLIANT);
    const list = d["workspaces"][0].ip_access_lists[0];
    d["workspaces"][0].ip_access_lists = [0, 1, 2].map((i) => ({ ...list, list_type: "DENY", enabled: "yes", list_id: `l${i}` }));
    const ctx = { file: "t.json", doc: d, envelopes: new WeakMap(), rejected: new WeakSet<object>() };
    const all = schemaProblems(ctx).map((p) => `${p.severity} ${p.pointer}: ${p.message}`);
    expect(all).toEqual([0, 1, 2].flatMap((i) => [`warning /workspaces/0/ip_access_lists/${i}/list_type: must be one of "ALLOW", "BLOCK" (found "DENY")`, `error /workspaces/0/ip_access_lists/${i}/enabled: must be boolean (found string "yes")`]));
    const two = schemaProblems(ctx, 2).map((p) => `${p.severity} ${p.pointer}: ${p.message}`);
    expect(two).toEqual([
      'warning /workspaces/0/ip_access_lists/0/list_type: must be one of "ALLOW", "BLOCK" (found "DENY")',
      'error /workspaces/0/ip_access_lists/0/enabled: must be boolean (found string "yes")',
      'warning /workspaces/0/ip_access_lists/1/list_type: must be one of "ALLOW", "BLOCK" (found "DENY")',
      'error /workspaces/0/ip_access_lists/1/enabled: must be boolean (found string "yes")',
      "warning /workspaces/0/ip_access_lists/2/list_type: ",
      "error /workspaces/0/ip_access_lists/2/enabled: ",
    ]);
    expect(schemaProblems(ctx, 0).every((p) => p.message === "")).toBe(true);
    // Errors and warnings are counted apart: three warnings and one error, two of each detailed.
    const d2 = exampleDoc(COMPLIANT);
    d2["workspaces"][0].ip_access_lists = [0, 1, 2].map((i) => ({ ...list, list_type: "DENY", list_id: `l${i}`, ...(i === 0 ? { enabled: "yes" } : {}) }));
    expect(schemaProblems({ ...ctx, doc: d2 }, 2).map((p) => `${p.severity} ${p.message === "" ? "-" : "message"}`)).toEqual(["warning message", "error message", "warning message", "warning -"]);
    expect(schemaProblems({ ...ctx, doc: exampleDoc(COMPLIANT) })).toEqual([]);
  });
});
