// Slot paths of collection.errors: parsing, checking against the schema's slots, and the
// warnings for slot paths that disagree with the document.
import { describe, expect, it } from "vitest";
import { parseSlotPath, slotPathOf } from "../../src/export/load.js";
import { errorsOf, exampleDoc, parseDoc, warningsOf } from "./helpers.js";

const PARTIAL = "contoso-partial-collection-errors.json";

/** The partial example with `collection.errors` replaced by entries for `slots`. */
function withSlots(...slots: unknown[]): Record<string, any> {
  const d = exampleDoc(PARTIAL);
  d["collection"]["errors"] = slots.map((slot) => ({ slot, request: "GET /x", http_status: 403, error_code: "PERMISSION_DENIED" }));
  return d;
}

describe("parseSlotPath", () => {
  it.each([
    ["workspaces", ["workspaces"]],
    ["workspaces[3].apps", ["workspaces", 3, "apps"]],
    ["account.network_policies", ["account", "network_policies"]],
    ["workspaces[0].workspace_conf", ["workspaces", 0, "workspace_conf"]],
    ["workspaces[*].apps", ["workspaces", "*", "apps"]],
    ["workspaces[1].apps[0]", ["workspaces", 1, "apps", 0]],
    ["account.network_connectivity_configs[12].private_endpoint_rules", ["account", "network_connectivity_configs", 12, "private_endpoint_rules"]],
  ])("parses %s", (slot, steps) => {
    expect(parseSlotPath(slot)).toEqual({ ok: true, steps });
    expect(slotPathOf(steps)).toBe(slot);
  });

  it.each([
    ["", /the path is empty/],
    ["workspaces[", /expected a list index \(a number or \*\) followed by \] at character 12/],
    ["workspaces[-1].apps", /expected a list index/],
    ["workspaces[x]", /expected a list index/],
    ["workspaces..apps", /expected a field name at character 12/],
    ["workspaces.", /expected a field name at character 12/],
    [".apps", /expected a field name at character 1/],
    ["workspaces[0]apps", /expected `\.` or `\[` at character 14/],
    ["workspaces [0]", /expected `\.` or `\[` at character 11/],
    ["/workspaces/0/apps", /expected a field name at character 1/],
    ["workspaces[99999999999999999999]", /too large/],
  ])("rejects %j", (slot, why) => {
    const r = parseSlotPath(slot);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });
});

describe("collection error slots", () => {
  it("accepts the schema's slots, wildcards, and places beneath a slot", () => {
    const r = parseDoc(
      withSlots(
        "workspaces[0].apps",
        "account.network_policies",
        "workspaces[1].workspace_conf",
        "workspaces[*].outbound_network_summary",
        "workspaces[1].apps[0]",
        "account.network_connectivity_configs[0].private_endpoint_rules",
        "workspaces[0].azure_resource.tags.env",
      ),
    );
    expect(errorsOf(r)).toEqual([]);
    expect(r.export?.errors.map((e) => e.steps)).toEqual([
      ["workspaces", 0, "apps"],
      ["account", "network_policies"],
      ["workspaces", 1, "workspace_conf"],
      ["workspaces", "*", "outbound_network_summary"],
      ["workspaces", 1, "apps", 0],
      ["account", "network_connectivity_configs", 0, "private_endpoint_rules"],
      ["workspaces", 0, "azure_resource", "tags", "env"],
    ]);
  });

  it("copies request, status, error code and message", () => {
    const d = exampleDoc(PARTIAL);
    const r = parseDoc(d);
    expect(r.export?.errors[1]).toEqual({
      slot: "account.network_policies",
      steps: ["account", "network_policies"],
      request: "GET /api/2.0/accounts/0d5c3a8e-2f6b-4f3e-9a51-1c2b3d4e5f60/network-policies",
      httpStatus: 500,
      errorCode: "INTERNAL_ERROR",
      message: "Internal error, please retry later.",
    });
  });

  it("rejects malformed and unknown slots at /collection/errors/N/slot", () => {
    const r = parseDoc(withSlots("workspaces[0].apps", "workspaces[", "workspaces[0].appz", "account", "workspaces.apps", "collection.source", "account[0]", "workspaces[0].workspace_id.x", "Workspaces[0].apps"));
    expect(r.export).toBeUndefined();
    expect(errorsOf(r)).toEqual([
      { pointer: "/collection/errors/1/slot", message: 'malformed slot path "workspaces[": expected a list index (a number or *) followed by ] at character 12' },
      { pointer: "/collection/errors/2/slot", message: 'unknown slot "workspaces[0].appz": `workspace` has no field `appz`; did you mean `apps`?' },
      {
        pointer: "/collection/errors/3/slot",
        message:
          'unknown slot "account": `account` is not a collection slot; the slots under it are `account.ip_access_lists`, `account.ip_access_enable`, `account.network_policies`, `account.network_connectivity_configs`, `account.private_access_settings`, `account.registered_endpoints`',
      },
      { pointer: "/collection/errors/4/slot", message: 'unknown slot "workspaces.apps": `workspaces` is a list: select its entries, e.g. `workspaces[0].apps` or `workspaces[*].apps`' },
      { pointer: "/collection/errors/5/slot", message: expect.stringMatching(/^unknown slot "collection.source": `collection.source` is not a collection slot; slots are, e.g. `account.ip_access_lists`/) },
      { pointer: "/collection/errors/6/slot", message: 'unknown slot "account[0]": `account` is not a list, so it cannot be indexed' },
      { pointer: "/collection/errors/7/slot", message: 'unknown slot "workspaces[0].workspace_id.x": `workspaces[0].workspace_id` is not an object, so it has no field `x`' },
      { pointer: "/collection/errors/8/slot", message: 'unknown slot "Workspaces[0].apps": `export` has no field `Workspaces`; did you mean `workspaces`?' },
    ]);
  });

  it("leaves slots of the wrong type to schema validation", () => {
    const r = parseDoc(withSlots(7));
    expect(errorsOf(r)).toEqual([{ pointer: "/collection/errors/0/slot", message: "must be string (found integer 7)" }]);
  });

  it("points into a collection.errors envelope as written", () => {
    const d = withSlots("accounts");
    d["collection"]["errors"] = { items: d["collection"]["errors"] };
    expect(errorsOf(parseDoc(d)).map((e) => e.pointer)).toEqual(["/collection/errors/items/0/slot"]);
  });

  it("warns about an index past the end and about a failed slot that is present", () => {
    const r = parseDoc(withSlots("workspaces[5].apps", "workspaces[1].apps", "workspaces[*].apps"));
    expect(r.export).toBeDefined();
    expect(warningsOf(r)).toEqual([
      { pointer: "/collection/errors/0/slot", message: "`workspaces[5]` is not in the export (`workspaces` has 2 entries)" },
      { pointer: "/collection/errors/1/slot", message: "`workspaces[1].apps` is listed as not collected but is present in the export; it is treated as not collected" },
    ]);
    expect(r.export?.errors).toHaveLength(3);
  });
});
