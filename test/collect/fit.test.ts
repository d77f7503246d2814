// `perimeter export` checks what it collected the way `perimeter check` loads it: a slot whose
// response does not fit the export schema (here the Public Preview table
// system.access.outbound_network changed the type of a column: `events` comes back as STRING,
// so the rows carry "57" where the schema says integer) is removed and recorded in
// collection.errors with its JSON pointer; every other slot is kept, and check loads the
// export (the checks reading that slot say unknown) instead of rejecting it whole.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/check.js";
import { runExport } from "../../src/cli/export.js";
import { fitToSchema } from "../../src/collect/fit.js";
import { parseExport } from "../../src/export/load.js";
import { ACCOUNT, captureIo, depsFor, tempFile } from "./harness.js";
import { loadRoutes, SCENARIOS, startServer, type FakeServer } from "./server.js";

const SCENARIO = "azure-account";
const PAT = "dapi0123456789abcdef0123456789abcdef-3";
const WAREHOUSE = "5e6f7a8b9c0d1e2f";
const POST = "POST /ws/3141592653589793/api/2.0/sql/statements/";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The recorded statement result with column `name` retyped as `typeName`. */
function retyped(name: string, typeName: string): unknown {
  const body = JSON.parse(readFileSync(join(SCENARIOS, SCENARIO, "sql.succeeded.json"), "utf8"));
  const column = body.manifest.schema.columns.find((c: { name: string }) => c.name === name);
  expect(column).toBeDefined();
  column.type_name = typeName;
  column.type_text = typeName;
  return body;
}

async function exportWith(sql: unknown) {
  server = await startServer(SCENARIO, { ...loadRoutes(SCENARIO), [POST]: [{ status: 200, json: sql }] }, { acceptedTokens: [PAT] });
  const deps = depsFor(server, { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: PAT });
  const out = tempFile("export.json");
  const io = captureIo();
  const code = await runExport(["-o", out, "--warehouse", WAREHOUSE], io, deps);
  const text = readFileSync(out, "utf8");
  // The server's address differs between runs: written as SERVER, for comparing two of them.
  return { code, io, out, text, doc: JSON.parse(text), same: JSON.parse(text.split(server.url).join("SERVER")) };
}

describe("a collected slot that does not fit the export schema", () => {
  it("is removed and recorded in collection.errors with its JSON pointer; every other slot is kept", async () => {
    const good = await exportWith(retyped("events", "LONG"));
    await server!.close();
    server = undefined;
    const { code, io, out, text, doc, same } = await exportWith(retyped("events", "STRING"));
    expect(code).toBe(1);
    const misfits = doc.collection.errors.filter((e: { message: string }) => e.message.startsWith("the response does not fit"));
    expect(misfits).toEqual([
      { slot: "workspaces[0].outbound_network_summary", message: 'the response does not fit the export schema: /workspaces/0/outbound_network_summary/0/events: must be integer (found string "57") (and 2 more problems in this slot)' },
      { slot: "workspaces[1].outbound_network_summary", message: 'the response does not fit the export schema: /workspaces/1/outbound_network_summary/0/events: must be integer (found string "12")' },
    ]);
    expect(doc.workspaces[0]).not.toHaveProperty("outbound_network_summary");
    expect(doc.workspaces[1]).not.toHaveProperty("outbound_network_summary");
    // Everything else is what the good run collected.
    const strip = (d: any) => ({ ...d, collection: undefined, workspaces: d.workspaces.map((w: any) => ({ ...w, outbound_network_summary: undefined })) });
    expect(strip(same)).toEqual(strip(good.same));
    expect(io.stderr.join("\n")).toContain("workspaces[0].outbound_network_summary: (no request): the response does not fit the export schema: /workspaces/0/outbound_network_summary/0/events");
    // The export loads, and check evaluates it: the controls reading the summary say unknown.
    expect(parseExport(out, text).problems.filter((p) => p.severity === "error")).toEqual([]);
    const checked = async (file: string) => {
      const report = captureIo();
      expect(await checkCommand(["policies", "--input", file, "--engine", "js", "--format", "json", "--now", "2026-11-28"], report)).toBe(1);
      return JSON.parse(report.stdout.join(""));
    };
    const r = await checked(out);
    const egr009 = r.controls.find((c: any) => c.id === "APPS-EGR-009").results.find((x: any) => x.subject.key === "3141592653589793");
    expect(egr009.status).toBe("unknown");
    expect(egr009.unknown.flatMap((u: any) => u.slots)).toContain("workspaces[0].outbound_network_summary");
    // Every control that does not read the summary says what it says on the good export.
    const statuses = (report: any) => report.controls.filter((c: any) => !["APPS-EGR-009", "APPS-EGR-010"].includes(c.id)).map((c: any) => [c.id, c.results.map((x: any) => [x.subject.key, x.status])]);
    expect(statuses(r)).toEqual(statuses(await checked(good.out)));
  });

  it("leaves a document that fits untouched", () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "examples", "exports", "contoso-dev-azure-noncompliant.json"), "utf8"));
    const before = structuredClone(doc);
    expect(fitToSchema(doc)).toEqual({ errors: [], warnings: [] });
    expect(doc).toEqual(before);
  });

  it("takes the deepest slot on the way to the problem, several slots at once, and keeps earlier errors", () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "examples", "exports", "contoso-dev-azure-noncompliant.json"), "utf8"));
    doc.collection.errors = [{ slot: "account.private_access_settings", message: "earlier" }];
    doc.workspaces[0].ip_access_lists[0].enabled = "yes";
    doc.account.network_policies[0].egress.network_access.allowed_internet_destinations = "pypi.org";
    const r = fitToSchema(doc);
    expect(r.warnings).toEqual([]);
    expect(r.errors.map((e) => e.slot).sort()).toEqual(["account.network_policies", "workspaces[0].ip_access_lists"]);
    expect(r.errors.find((e) => e.slot === "workspaces[0].ip_access_lists")!.message).toBe('the response does not fit the export schema: /workspaces/0/ip_access_lists/0/enabled: must be boolean (found string "yes")');
    expect(doc.collection.errors.map((e: { slot: string }) => e.slot)).toEqual(["account.private_access_settings", ...r.errors.map((e) => e.slot)]);
    expect(doc.workspaces[0]).not.toHaveProperty("ip_access_lists");
    expect(doc.workspaces[0]).toHaveProperty("workspace_conf");
    expect(doc.account).not.toHaveProperty("network_policies");
    expect(parseExport("x.json", JSON.stringify(doc)).problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("reports what no slot holds as a warning and leaves it", () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "examples", "exports", "contoso-dev-azure-noncompliant.json"), "utf8"));
    doc.exported_at = 5;
    const r = fitToSchema(doc);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual(["the export does not fit its schema at /exported_at: must be string (found integer 5)"]);
    expect(doc.exported_at).toBe(5);
  });
});
