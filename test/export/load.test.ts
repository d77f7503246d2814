// Loading exports: the examples and fixtures load cleanly; pointers name places in the file;
// API list envelopes are unwrapped; malformed documents give problems at the right pointer.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, MAX_PROBLEMS, parseExport } from "../../src/export/load.js";
import { loadExport } from "../../src/io/export-file.js";
import { EXAMPLES, FIXTURES, errorsOf, exampleDoc, exampleFiles, exampleText, fixtureFiles, parseDoc, warningsOf } from "./helpers.js";

const COMPLIANT = "contoso-prod-azure-compliant.json";

describe("the shipped exports", () => {
  it("has the four examples", () => {
    expect(exampleFiles).toEqual([
      "acme-aws-prod.json",
      "contoso-dev-azure-noncompliant.json",
      "contoso-partial-collection-errors.json",
      "contoso-prod-azure-compliant.json",
    ]);
  });

  it.each(exampleFiles)("examples/exports/%s loads without any problem", (name) => {
    const r = loadExport(join(EXAMPLES, name));
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.export?.document["schema"]).toBe("dbx-network-export/v1");
  });

  it.each(fixtureFiles)("test/fixtures/exports/%s loads without errors", (name) => {
    const r = loadExport(join(FIXTURES, name));
    expect(errorsOf(r)).toEqual([]);
    expect(r.export).toBeDefined();
  });

  it("keeps ids consistent inside each example", () => {
    for (const name of exampleFiles) {
      const doc = exampleDoc(name);
      const policies = new Set((doc["account"]["network_policies"] ?? []).map((p: any) => p.network_policy_id));
      const nccs = new Set(doc["account"]["network_connectivity_configs"].map((n: any) => n.network_connectivity_config_id));
      const pas = new Set((doc["account"]["private_access_settings"] ?? []).map((s: any) => s.private_access_settings_id));
      for (const ws of doc["workspaces"]) {
        const aw = ws.account_workspace;
        expect(aw.workspace_id, name).toBe(ws.workspace_id);
        if (ws.network_option) {
          expect(ws.network_option.workspace_id, name).toBe(ws.workspace_id);
          if (doc["account"]["network_policies"]) expect(policies.has(ws.network_option.network_policy_id), name).toBe(true);
        }
        if (aw.network_connectivity_config_id) expect(nccs.has(aw.network_connectivity_config_id), name).toBe(true);
        if (aw.private_access_settings_id) expect(pas.has(aw.private_access_settings_id), name).toBe(true);
        if (ws.azure_resource) expect(ws.azure_resource.properties.workspaceId, name).toBe(String(ws.workspace_id));
        for (const app of ws.apps ?? []) expect(app.url, name).toContain(`-${ws.workspace_id}.`);
      }
    }
  });

  it("records the partial example's collection errors with parsed slots", () => {
    const r = loadExport(join(EXAMPLES, "contoso-partial-collection-errors.json"));
    expect(r.export?.errors).toEqual([
      expect.objectContaining({ slot: "workspaces[0].apps", steps: ["workspaces", 0, "apps"], httpStatus: 403, errorCode: "PERMISSION_DENIED", request: "GET /api/2.0/apps" }),
      expect.objectContaining({ slot: "account.network_policies", steps: ["account", "network_policies"], httpStatus: 500, errorCode: "INTERNAL_ERROR" }),
      expect.objectContaining({ slot: "workspaces[1].workspace_conf", steps: ["workspaces", 1, "workspace_conf"], httpStatus: 403 }),
    ]);
  });
});

describe("pointerOf", () => {
  const r = parseExport("c.json", exampleText(COMPLIANT));
  const loaded = r.export!;
  const doc = loaded.document as Record<string, any>;

  it("names workspaces, apps, IP lists and nested objects", () => {
    expect(loaded.pointerOf(doc)).toBe("");
    expect(loaded.pointerOf(doc["workspaces"])).toBe("/workspaces");
    expect(loaded.pointerOf(doc["workspaces"][1])).toBe("/workspaces/1");
    expect(loaded.pointerOf(doc["workspaces"][0]["apps"][1])).toBe("/workspaces/0/apps/1");
    expect(loaded.pointerOf(doc["workspaces"][1]["ip_access_lists"][0])).toBe("/workspaces/1/ip_access_lists/0");
    expect(loaded.pointerOf(doc["account"]["ip_access_lists"][0])).toBe("/account/ip_access_lists/0");
    expect(loaded.pointerOf(doc["workspaces"][0]["azure_resource"]["properties"]["privateEndpointConnections"][2]["properties"])).toBe(
      "/workspaces/0/azure_resource/properties/privateEndpointConnections/2/properties",
    );
  });

  it("is undefined for objects outside the document", () => {
    expect(loaded.pointerOf({})).toBeUndefined();
    expect(loaded.pointerOf(JSON.parse(JSON.stringify(doc["workspaces"][0])) as object)).toBeUndefined();
  });

  it("escapes ~ and / in keys (RFC 6901)", () => {
    const d = exampleDoc(COMPLIANT);
    d["x_extra"] = { "a/b": { "c~d": [{ e: 1 }] } };
    const l = parseDoc(d).export!;
    const inner = (l.document["x_extra"] as any)["a/b"]["c~d"];
    expect(l.pointerOf(inner)).toBe("/x_extra/a~1b/c~0d");
    expect(l.pointerOf(inner[0])).toBe("/x_extra/a~1b/c~0d/0");
  });
});

describe("API list envelopes", () => {
  /** The compliant example with lists written as the REST APIs return them. */
  function enveloped(): Record<string, any> {
    const d = exampleDoc(COMPLIANT);
    const ws0 = d["workspaces"][0];
    ws0.apps = { apps: ws0.apps, next_page_token: "CiAKGnBhcnRuZXItcG9ydGFs" };
    ws0.ip_access_lists = { ip_access_lists: ws0.ip_access_lists };
    ws0.azure_resource.properties.privateEndpointConnections = { value: ws0.azure_resource.properties.privateEndpointConnections, nextLink: null };
    d["account"]["network_policies"] = { items: d["account"]["network_policies"], next_page_token: "" };
    d["account"]["network_connectivity_configs"] = { items: d["account"]["network_connectivity_configs"] };
    d["workspaces"][1].outbound_network_summary = {}; // an empty list, zero value omitted
    return d;
  }

  it("gives the same document as the bare arrays", () => {
    const bare = parseExport("bare.json", exampleText(COMPLIANT));
    const wrapped = parseDoc(enveloped());
    expect(wrapped.problems).toEqual([]);
    expect(wrapped.export!.document).toEqual(bare.export!.document);
  });

  it("points into the envelope as written", () => {
    const l = parseDoc(enveloped()).export!;
    const doc = l.document as Record<string, any>;
    expect(l.pointerOf(doc["workspaces"][0]["apps"])).toBe("/workspaces/0/apps/apps");
    expect(l.pointerOf(doc["workspaces"][0]["apps"][1])).toBe("/workspaces/0/apps/apps/1");
    expect(l.pointerOf(doc["account"]["network_policies"][1]["egress"])).toBe("/account/network_policies/items/1/egress");
    expect(l.pointerOf(doc["workspaces"][1]["outbound_network_summary"])).toBe("/workspaces/1/outbound_network_summary");
  });

  it("reports problems inside an envelope at their place in the file", () => {
    const d = enveloped();
    d["workspaces"][0].apps.apps[1].name = 5;
    d["account"]["network_policies"].items[1].egress.network_access.restriction_mode = "LOCKDOWN";
    const r = parseDoc(d);
    expect(errorsOf(r)).toEqual([{ pointer: "/workspaces/0/apps/apps/1/name", message: "must be string (found integer 5)" }]);
    expect(warningsOf(r)).toEqual([
      {
        pointer: "/account/network_policies/items/1/egress/network_access/restriction_mode",
        message: 'must be one of "FULL_ACCESS", "RESTRICTED_ACCESS", "RESTRICTION_MODE_UNSPECIFIED" (found "LOCKDOWN")',
      },
    ]);
  });

  it.each([
    ["an extra non-token property", (apps: unknown[]) => ({ apps, total: 2 })],
    ["two arrays", (apps: unknown[]) => ({ apps, more: [] })],
    ["items that are not objects", () => ({ apps: ["sales-dashboard"] })],
    ["a page token that is not a string", (apps: unknown[]) => ({ apps, next_page_token: 7 })],
  ])("rejects an object with %s", (_, wrap) => {
    const d = exampleDoc(COMPLIANT);
    d["workspaces"][0].apps = wrap(d["workspaces"][0].apps);
    const errors = errorsOf(parseDoc(d));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.pointer).toBe("/workspaces/0/apps");
    expect(errors[0]!.message).toMatch(/^must be array \(found object\); an API list envelope is accepted only when/);
  });

  it("leaves lists of scalars alone", () => {
    const d = exampleDoc(COMPLIANT);
    d["workspaces"][0].ip_access_lists[0].ip_addresses = { items: ["10.0.0.0/8"] };
    expect(errorsOf(parseDoc(d))).toEqual([{ pointer: "/workspaces/0/ip_access_lists/0/ip_addresses", message: "must be array (found object)" }]);
  });
});

describe("malformed exports", () => {
  it("reports a truncated file once, with its line and column", () => {
    const text = exampleText(COMPLIANT);
    const cut = text.slice(0, Math.floor(text.length / 2));
    const r = parseExport("cut.json", cut);
    expect(r.export).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    const lines = cut.split("\n");
    expect(p).toMatchObject({ severity: "error", pointer: "", line: lines.length, column: lines.at(-1)!.length + 1 });
    expect(formatProblem(p)).toMatch(new RegExp(`^cut\\.json:${lines.length}:\\d+: .*truncated`));
  });

  it("reports trailing garbage at its position", () => {
    const text = exampleText(COMPLIANT).trimEnd();
    const lines = text.split("\n").length;
    const r = parseExport("tail.json", `${text}\n  }\n`);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: lines + 1, column: 3, message: "unexpected non-whitespace character after JSON" });
  });

  it("positions syntax errors V8 reports without a position", () => {
    const r = parseExport("t.json", '{\n  "schema": tru\n}');
    expect(r.problems.map(formatProblem)).toEqual(["t.json:2:16: unexpected line break"]);
    expect(parseExport("t.json", '{"schema": "x",\n "a": }').problems.map(formatProblem)).toEqual(["t.json:2:7: unexpected character '}'"]);
  });

  it.each([
    ["", "t.json:1:1: the file is empty: expected a JSON object"],
    ["[]", "t.json: /: the export must be a JSON object (found array)"],
    ["null", "t.json: /: the export must be a JSON object (found null)"],
    ['"dbx-network-export/v1"', 't.json: /: the export must be a JSON object (found string "dbx-network-export/v1")'],
    ["{}", "t.json: /: must have required property 'schema'"],
  ])("rejects %j", (text, shown) => {
    expect(parseExport("t.json", text).problems.map(formatProblem)).toEqual([shown]);
  });

  it("rejects a wrong schema tag", () => {
    const d = exampleDoc(COMPLIANT);
    d["schema"] = "dbx-network-export/v2";
    const r = parseDoc(d);
    expect(r.export).toBeUndefined();
    expect(errorsOf(r)).toEqual([{ pointer: "/schema", message: 'must be "dbx-network-export/v1" (found "dbx-network-export/v2")' }]);
  });

  it("rejects a string workspace_id", () => {
    const d = exampleDoc(COMPLIANT);
    d["workspaces"][1].workspace_id = "4718293056172839";
    expect(errorsOf(parseDoc(d))).toEqual([{ pointer: "/workspaces/1/workspace_id", message: 'must be integer (found string "4718293056172839")' }]);
  });

  it("rejects an object where a list belongs", () => {
    const d = exampleDoc(COMPLIANT);
    d["account"]["ip_access_lists"] = d["account"]["ip_access_lists"][0];
    const errors = errorsOf(parseDoc(d));
    expect(errors.map((e) => e.pointer)).toEqual(["/account/ip_access_lists"]);
    expect(errors[0]!.message).toMatch(/^must be array \(found object\)/);
  });

  it("names a missing required property", () => {
    const d = exampleDoc(COMPLIANT);
    delete d["workspaces"][0].workspace_id;
    expect(errorsOf(parseDoc(d))).toEqual([{ pointer: "/workspaces/0", message: "must have required property 'workspace_id'" }]);
  });

  it("reports a wrongly typed enum field once, as an error", () => {
    const d = exampleDoc(COMPLIANT);
    d["workspaces"][0].ip_access_lists[0].list_type = 1;
    d["workspaces"][0].workspace_conf.enableIpAccessLists = true;
    expect(parseDoc(d).problems.map(({ pointer, message, severity }) => ({ pointer, message, severity }))).toEqual([
      { pointer: "/workspaces/0/workspace_conf/enableIpAccessLists", message: "must be string or null (found boolean true)", severity: "error" },
      { pointer: "/workspaces/0/ip_access_lists/0/list_type", message: "must be string (found integer 1)", severity: "error" },
    ]);
  });

  it("lists every error, in document order, and formats them with pointers", () => {
    const d = exampleDoc(COMPLIANT);
    d["exported_at"] = "yesterday";
    d["workspaces"][0].apps[0].compute_status.active_instances = 1.5;
    d["workspaces"][1].network_option.network_policy_id = null;
    expect(parseDoc(d, "x.json").problems.map(formatProblem)).toEqual([
      'x.json: /exported_at: must be a valid date-time (found "yesterday")',
      "x.json: /workspaces/0/apps/0/compute_status/active_instances: must be integer (found number 1.5)",
      "x.json: /workspaces/1/network_option/network_policy_id: must be string (found null)",
    ]);
  });

  it("caps the problems, keeping errors before warnings", () => {
    const d = exampleDoc(COMPLIANT);
    const list = d["workspaces"][0].ip_access_lists[0];
    d["workspaces"][0].ip_access_lists = Array.from({ length: 150 }, (_, i) => ({ ...list, list_type: "DENY", list_id: `w${i}` }));
    d["workspaces"][1].ip_access_lists = Array.from({ length: 150 }, (_, i) => ({ ...list, enabled: "yes", list_id: `e${i}` }));
    const r = parseDoc(d);
    expect(r.problems).toHaveLength(MAX_PROBLEMS);
    expect(r.problems.slice(0, -1).every((p) => p.severity === "error")).toBe(true);
    expect(r.problems.at(-1)).toMatchObject({ pointer: "", severity: "error", message: "too many problems: 51 errors and 150 warnings more not shown" });
  });
});

describe("unknown enum values", () => {
  it("are warnings, and the export still loads", () => {
    const d = exampleDoc(COMPLIANT);
    d["workspaces"][0].ip_access_lists[0].list_type = "DENY";
    d["account"]["network_policies"][1].egress.network_access.policy_enforcement.dry_run_mode_product_filter = ["APPS"];
    const r = parseDoc(d);
    expect(r.export).toBeDefined();
    expect(errorsOf(r)).toEqual([]);
    expect(warningsOf(r)).toEqual([
      {
        pointer: "/account/network_policies/1/egress/network_access/policy_enforcement/dry_run_mode_product_filter/0",
        message: 'must be one of "DBSQL", "ML_SERVING" (found "APPS")',
      },
      { pointer: "/workspaces/0/ip_access_lists/0/list_type", message: 'must be one of "ALLOW", "BLOCK" (found "DENY")' },
    ]);
    expect((r.export!.document as any).workspaces[0].ip_access_lists[0].list_type).toBe("DENY");
  });
});

describe("formatProblem", () => {
  it("shows the pointer, / for the whole document, or line and column", () => {
    expect(formatProblem({ file: "a.json", pointer: "/workspaces/0", message: "m", severity: "error" })).toBe("a.json: /workspaces/0: m");
    expect(formatProblem({ file: "a.json", pointer: "", message: "m", severity: "warning" })).toBe("a.json: /: m");
    expect(formatProblem({ file: "a.json", pointer: "", message: "m", severity: "error", line: 3, column: 7 })).toBe("a.json:3:7: m");
  });
});

describe("loadExport", () => {
  const dir = mkdtempSync(join(tmpdir(), "perimeter-export-"));

  it("reports a missing file or a directory as one error", () => {
    expect(loadExport(join(dir, "missing.json")).problems.map((p) => [p.severity, p.message])).toEqual([
      ["error", "cannot read the file: no such file or directory"],
    ]);
    expect(loadExport(dir).problems.map((p) => p.message)).toEqual(["cannot read the file: it is a directory"]);
  });

  it("reads UTF-8 with a byte-order mark, and UTF-16 (Windows PowerShell redirection)", () => {
    const text = exampleText(COMPLIANT);
    const files = {
      bom8: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]),
      le16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
      be16: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]),
    };
    const bare = parseExport("x", text).export!.document;
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, bytes);
      const r = loadExport(path);
      expect(r.problems, name).toEqual([]);
      expect(r.export?.document, name).toEqual(bare);
    }
  });

  it("warns about bytes that are not UTF-8 and still loads", () => {
    const d = exampleDoc(COMPLIANT);
    d["workspaces"][0].apps[0].description = "Z__rich claims";
    const bytes = Buffer.from(JSON.stringify(d), "utf8");
    const at = bytes.indexOf("Z__rich");
    bytes[at + 1] = 0xfc; // Latin-1 "ü"
    bytes[at + 2] = 0x20;
    const path = join(dir, "latin1.json");
    writeFileSync(path, bytes);
    const r = loadExport(path);
    expect(r.export).toBeDefined();
    expect(r.problems.map((p) => [p.severity, p.pointer, p.message])).toEqual([
      ["warning", "", "the file is not valid UTF-8 text; undecodable bytes were replaced with U+FFFD"],
    ]);
  });
});
