// `perimeter export --warehouse`: the denied-egress summary (`workspaces[].outbound_network_summary`)
// read from system.access.outbound_network through the SQL Statement Execution API, against
// recorded responses (fixtures/azure-account/sql.*.json, warehouse.*.json): answered at once,
// PENDING then SUCCEEDED, two chunks, FAILED, 403, a statement that never finishes, a
// warehouse no workspace has, a region no warehouse covers. Then `perimeter check` on the
// export: APPS-EGR-009/010 fail on Apps denials, pass without, and are unknown without
// --warehouse. Polling and retries use the injected sleep: nothing waits for real.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/check.js";
import { runExport } from "../../src/cli/export.js";
import { SUMMARY_SQL } from "../../src/collect/outbound-network.js";
import { parseExport } from "../../src/export/load.js";
import { ACCOUNT, captureIo, depsFor, loaderProblems, tempFile, type TestDeps } from "./harness.js";
import { loadRoutes, startServer, type FakeServer, type RecordedResponse } from "./server.js";

const SCENARIO = "azure-account";
const PAT = "dapi0123456789abcdef0123456789abcdef-3";
const WAREHOUSE = "5e6f7a8b9c0d1e2f";
const WS0 = "/ws/3141592653589793";
const SID = "01f0c3a2-7b1e-1d2c-9a4f-5e6d7c8b9a01";
const POST = `POST ${WS0}/api/2.0/sql/statements/`;
const POLL = `GET ${WS0}/api/2.0/sql/statements/${SID}`;
const SQL = "POST /api/2.0/sql/statements/";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(args: string[], change: Record<string, RecordedResponse[]> = {}, deps: Partial<TestDeps> = {}) {
  const routes = { ...loadRoutes(SCENARIO), ...change };
  server = await startServer(SCENARIO, routes, { acceptedTokens: [PAT] });
  const d = depsFor(server, { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: PAT }, deps);
  const out = tempFile("export.json");
  const io = captureIo();
  const code = await runExport(["-o", out, ...args], io, d);
  const text = readFileSync(out, "utf8");
  const doc = JSON.parse(text) as any;
  const summaryErrors = doc.collection.errors.filter((e: any) => e.slot.endsWith(".outbound_network_summary"));
  return { code, io, deps: d, out, text, doc, summaryErrors, server };
}

const hits = (s: FakeServer, key: string) => s.requests.filter((r) => r.key === key).length;
const posted = (s: FakeServer) => s.requests.filter((r) => r.key === POST).map((r) => JSON.parse(r.body ?? "{}"));

// The recorded rows, as the export must write them: typed by the manifest, nulls left out.
const PYPI_DROP = { workspace_id: "3141592653589793", access_type: "DROP", network_source_type: "Apps", destination_type: "DNS", destination: "pypi.org", events: 57, first_seen: "2026-11-02T06:10:44Z", last_seen: "2026-11-14T10:29:02.512Z", dns_event: { domain_name: "pypi.org", rcode: 3 } };
const STORAGE_DROP = {
  workspace_id: "3141592653589793",
  access_type: "DROP",
  network_source_type: "General Compute",
  destination_type: "STORAGE",
  destination: "abfss://scratch@contosolake.dfs.core.windows.net",
  events: 3,
  first_seen: "2026-11-15T09:12:00Z",
  last_seen: "2026-11-15T09:12:41Z",
  storage_event: { hostname: "abfss://scratch@contosolake.dfs.core.windows.net", path: "/tmp/export.parquet", rejection_reason: "storage-bucket-path-denied" },
};
const NPM_DRY_RUN = { workspace_id: "3141592653589793", access_type: "DRY_RUN_DENIAL", network_source_type: "Apps", destination_type: "DNS", destination: "registry.npmjs.org", events: 118, first_seen: "2026-11-01T08:00:12Z", last_seen: "2026-11-20T17:42:10Z", dns_event: { domain_name: "registry.npmjs.org", rcode: 3 } };
const IP_DROP = { workspace_id: "2718281828459045", access_type: "DROP", network_source_type: "DBSQL", destination_type: "IP", destination: "198.18.42.7", events: 12, first_seen: "2026-11-10T02:00:01Z", last_seen: "2026-11-20T02:00:03Z" };

describe("outbound_network_summary with --warehouse", () => {
  it("runs one statement for the warehouse's region and splits the rows by workspace (answered at once)", async () => {
    const { doc, summaryErrors, server: s, out, text } = await run(["--warehouse", WAREHOUSE]);
    expect(doc.workspaces[0].outbound_network_summary).toEqual([PYPI_DROP, STORAGE_DROP, NPM_DRY_RUN]);
    expect(doc.workspaces[1].outbound_network_summary).toEqual([IP_DROP]);
    // Located once, in the first workspace; one statement for both eastus2 workspaces.
    expect(hits(s, `GET ${WS0}/api/2.0/sql/warehouses/${WAREHOUSE}`)).toBe(1);
    expect(s.requests.filter((r) => r.key.includes("/sql/statements"))).toHaveLength(1);
    // dbx-sandbox is in westeurope: no warehouse there, so not collected (never an empty summary).
    expect(doc.workspaces[2]).not.toHaveProperty("outbound_network_summary");
    expect(summaryErrors).toEqual([
      {
        slot: "workspaces[2].outbound_network_summary",
        request: SQL,
        message: `not collected: no --warehouse in this workspace's region (westeurope); system.access.outbound_network holds only the events of the region the query runs in, and the warehouses found are ${WAREHOUSE} in dbx-prod-eus2 (3141592653589793), eastus2; pass --warehouse ID of a SQL warehouse of a workspace in westeurope`,
      },
    ]);
    expect(loaderProblems(parseExport(out, text).problems)).toEqual([]);
  });

  it("sends the statement with named parameters only, as JSON_ARRAY inline, over the --since window", async () => {
    const { server: s } = await run(["--warehouse", WAREHOUSE, "--since", "7"]);
    const [body] = posted(s);
    expect(body).toEqual({
      warehouse_id: WAREHOUSE,
      statement: SUMMARY_SQL,
      parameters: [
        { name: "workspace_ids", value: "3141592653589793,2718281828459045", type: "STRING" },
        { name: "window_start", value: "2026-11-21T08:30:00Z", type: "TIMESTAMP" },
        { name: "window_end", value: "2026-11-28T08:30:00Z", type: "TIMESTAMP" },
      ],
      wait_timeout: "30s",
      on_wait_timeout: "CONTINUE",
      format: "JSON_ARRAY",
      disposition: "INLINE",
    });
    // No id or date is ever written into the SQL text.
    expect(body.statement).not.toMatch(/3141592653589793|2718281828459045|2026-/);
    for (const p of ["workspace_ids", "window_start", "window_end"]) expect(body.statement).toContain(`:${p}`);
    expect(body.statement).toMatch(/ORDER BY workspace_id, access_type, network_source_type, destination_type, destination/);
    const [defaults] = posted((await run(["--warehouse", WAREHOUSE])).server);
    expect(defaults.parameters[1].value).toBe("2026-10-29T08:30:00Z"); // 30 days by default
  });

  it("polls a PENDING statement until it SUCCEEDED, with the injected sleep, retrying a 503 on the way", async () => {
    const { doc, deps, server: s } = await run(["--warehouse", WAREHOUSE], {
      [POST]: [{ status: 200, file: "sql.pending.json" }],
      [POLL]: [
        { status: 503, file: "error-503.json" },
        { status: 200, file: "sql.running.json" },
        { status: 200, file: "sql.succeeded.json" },
      ],
    });
    expect(doc.workspaces[0].outbound_network_summary).toEqual([PYPI_DROP, STORAGE_DROP, NPM_DRY_RUN]);
    expect(doc.workspaces[1].outbound_network_summary).toEqual([IP_DROP]);
    expect(hits(s, POLL)).toBe(3);
    // The statement is read last, so its waits end the list: poll 1 waits 1 s, the 503 is retried
    // after the HTTP backoff (1 s × jitter 0.75), poll 2 waits 2 s. Nothing really slept.
    expect(deps.slept.slice(-3)).toEqual([1000, 750, 2000]);
  });

  it("follows the result chunks (next_chunk_internal_link, with its query) and keeps every row", async () => {
    const { doc, server: s } = await run(["--warehouse", WAREHOUSE], {
      [POST]: [{ status: 200, file: "sql.chunked.json" }],
      [`GET ${WS0}/api/2.0/sql/statements/${SID}/result/chunks/1?row_offset=2`]: [{ status: 200, file: "sql.chunk1.json" }],
    });
    expect(hits(s, `GET ${WS0}/api/2.0/sql/statements/${SID}/result/chunks/1?row_offset=2`)).toBe(1);
    // The rows of dbx-prod-eus2 come from both chunks, in the order the server returned them.
    expect(doc.workspaces[0].outbound_network_summary).toEqual([STORAGE_DROP, PYPI_DROP, NPM_DRY_RUN]);
    expect(doc.workspaces[1].outbound_network_summary).toEqual([IP_DROP]);
  });

  it("does not keep a result whose later chunk failed", async () => {
    const { doc, summaryErrors } = await run(["--warehouse", WAREHOUSE], {
      [POST]: [{ status: 200, file: "sql.chunked.json" }],
      [`GET ${WS0}/api/2.0/sql/statements/${SID}/result/chunks/1?row_offset=2`]: [{ status: 404, json: { error_code: "NOT_FOUND", message: "The statement result has expired." } }],
    });
    expect(doc.workspaces[0]).not.toHaveProperty("outbound_network_summary");
    expect(summaryErrors[0]).toMatchObject({ slot: "workspaces[0].outbound_network_summary", request: `GET /api/2.0/sql/statements/${SID}/result/chunks/1?row_offset=2`, http_status: 404, error_code: "NOT_FOUND" });
    expect(summaryErrors[0].message).toMatch(/^chunk 1, after 2 rows: The statement result has expired\.; /);
  });

  it("records a FAILED statement (system schema not enabled) for every workspace it covered, with the fix", async () => {
    const { code, doc, summaryErrors, out, text } = await run(["--warehouse", WAREHOUSE], { [POST]: [{ status: 200, file: "sql.failed.json" }] });
    expect(code).toBe(1);
    expect(doc.workspaces[0]).not.toHaveProperty("outbound_network_summary");
    expect(doc.workspaces[1]).not.toHaveProperty("outbound_network_summary");
    const [e0, e1] = summaryErrors;
    expect(e0).toMatchObject({ slot: "workspaces[0].outbound_network_summary", request: SQL, error_code: "BAD_REQUEST" });
    expect(e0).not.toHaveProperty("http_status"); // the HTTP request succeeded; the statement failed
    expect(e0.message).toMatch(/^the statement failed: \[TABLE_OR_VIEW_NOT_FOUND\] The table or view `system`\.`access`\.`outbound_network` cannot be found\./);
    expect(e0.message).toContain("SQLSTATE: 42P01");
    expect(e0.message).toContain("`databricks system-schemas enable <metastore-id> access`); then export again with --warehouse");
    expect(e1).toMatchObject({ ...e0, slot: "workspaces[1].outbound_network_summary" });
    expect(loaderProblems(parseExport(out, text).problems)).toEqual([]);
  });

  it("records a 403 on the statement (no CAN USE) without retrying it", async () => {
    const { summaryErrors, server: s } = await run(["--warehouse", WAREHOUSE], { [POST]: [{ status: 403, file: "sql.403.json" }] });
    expect(hits(s, POST)).toBe(1);
    expect(summaryErrors.slice(0, 2).map((e: any) => `${e.slot} ${e.request} ${e.http_status} ${e.error_code}`)).toEqual([
      `workspaces[0].outbound_network_summary ${SQL} 403 PERMISSION_DENIED`,
      `workspaces[1].outbound_network_summary ${SQL} 403 PERMISSION_DENIED`,
    ]);
    expect(summaryErrors[0].message).toBe(
      `User does not have permission to use warehouse ${WAREHOUSE}. Ask a warehouse manager for CAN USE.; the principal needs CAN USE on SQL warehouse ${WAREHOUSE}, and USE CATALOG on system, USE SCHEMA on system.access and SELECT on system.access.outbound_network; then export again with --warehouse`,
    );
  });

  it("never writes the token: not in the verbose log, not when a statement error echoes it back", async () => {
    const echo = { status: 200, json: { statement_id: SID, status: { state: "FAILED", error: { error_code: "BAD_REQUEST", message: "[INSUFFICIENT_PERMISSIONS] denied for $AUTHORIZATION" } } }, echoAuthorization: true };
    const { text, io, summaryErrors } = await run(["--warehouse", WAREHOUSE, "--verbose"], { [POST]: [echo] });
    expect(text).not.toContain(PAT);
    expect(io.all()).not.toContain(PAT);
    expect(summaryErrors[0].message).toContain("denied for Bearer ***");
    expect(io.stderr.some((l) => l.includes(`POST http://127.0.0.1:`) && l.includes("/api/2.0/sql/statements/ → 200"))).toBe(true);
  });

  it("cancels a statement still running when the polling budget is spent", async () => {
    const { summaryErrors, deps, server: s } = await run(
      ["--warehouse", WAREHOUSE],
      { [POST]: [{ status: 200, file: "sql.pending.json" }], [POLL]: [{ status: 200, file: "sql.running.json" }], [`POST ${WS0}/api/2.0/sql/statements/${SID}/cancel`]: [{ status: 200, json: {} }] },
      { statementPollBudgetMs: 5000 },
    );
    expect(deps.slept.slice(-3)).toEqual([1000, 2000, 4000]); // 7 s ≥ the 5 s budget: cancel
    expect(hits(s, POLL)).toBe(3);
    expect(hits(s, `POST ${WS0}/api/2.0/sql/statements/${SID}/cancel`)).toBe(1);
    expect(summaryErrors[0]).toMatchObject({ slot: "workspaces[0].outbound_network_summary", request: `GET /api/2.0/sql/statements/${SID}`, error_code: "DEADLINE_EXCEEDED" });
    expect(summaryErrors[0].message).toContain("the statement was still RUNNING after 7 s of polling");
  });

  it("finds a warehouse in a later workspace, and records a warehouse no collected workspace has", async () => {
    const other = "0f1e2d3c4b5a6978";
    const { doc, summaryErrors, server: s } = await run(["--warehouse", other], {
      [`GET ${WS0}/api/2.0/sql/warehouses/${other}`]: [{ status: 404, file: "warehouse-404.json" }],
      [`GET /ws/2718281828459045/api/2.0/sql/warehouses/${other}`]: [{ status: 404, file: "warehouse-404.json" }],
    });
    expect(s.requests.some((r) => r.key.includes("/sql/statements"))).toBe(false);
    expect(doc.workspaces.some((w: any) => "outbound_network_summary" in w)).toBe(false);
    expect(summaryErrors.map((e: any) => e.slot)).toEqual(["workspaces[0].outbound_network_summary", "workspaces[1].outbound_network_summary", "workspaces[2].outbound_network_summary"]);
    expect(summaryErrors[0].message).toBe(
      `not collected: no --warehouse in this workspace's region (eastus2); system.access.outbound_network holds only the events of the region the query runs in, and no --warehouse was found; --warehouse ${other} was not found: no collected workspace has it (dbx-prod-eus2 (3141592653589793): 404 RESOURCE_DOES_NOT_EXIST; dbx-dev (2718281828459045): 404 RESOURCE_DOES_NOT_EXIST); pass --warehouse ID of a SQL warehouse of a workspace in eastus2`,
    );

    // The same warehouse owned by dbx-dev: found there, after dbx-prod-eus2 said 404.
    await server!.close();
    const found = await run(["--warehouse", other], {
      [`GET ${WS0}/api/2.0/sql/warehouses/${other}`]: [{ status: 404, file: "warehouse-404.json" }],
      [`GET /ws/2718281828459045/api/2.0/sql/warehouses/${other}`]: [{ status: 200, json: { id: other, name: "dev-sql", state: "STOPPED" } }],
      ["POST /ws/2718281828459045/api/2.0/sql/statements/"]: [{ status: 200, file: "sql.succeeded.json" }],
    });
    expect(found.doc.workspaces[0].outbound_network_summary).toEqual([PYPI_DROP, STORAGE_DROP, NPM_DRY_RUN]);
    expect(found.doc.workspaces[1].outbound_network_summary).toEqual([IP_DROP]);
  });

  it("warns about a second warehouse in a region that already has one", async () => {
    const second = "1a2b3c4d5e6f7a8b";
    const { io, server: s } = await run(["--warehouse", WAREHOUSE, "--warehouse", second], {
      [`GET ${WS0}/api/2.0/sql/warehouses/${second}`]: [{ status: 200, json: { id: second, name: "bi", state: "RUNNING" } }],
    });
    expect(io.stderr.join("\n")).toContain(`warning: --warehouse ${second} is in the same region as --warehouse ${WAREHOUSE} (eastus2); only ${WAREHOUSE} is used`);
    expect(posted(s).map((b) => b.warehouse_id)).toEqual([WAREHOUSE]);
  });
});

describe("perimeter check on a collected export: APPS-EGR-009/010 from the summary rows", () => {
  async function verdicts(out: string, engine: "js" | "wasm" = "js") {
    const io = captureIo();
    const code = await checkCommand(["policies", "--input", out, ...(engine === "js" ? ["--engine", "js"] : []), "--format", "json", "--now", "2026-11-28"], io);
    expect([0, 1]).toContain(code);
    const report = JSON.parse(io.stdout.join(""));
    const of = (id: string) => report.controls.find((c: any) => c.id === id).results.find((r: any) => r.subject.key === "3141592653589793");
    return { report: io.stdout.join(""), egr009: of("APPS-EGR-009"), egr010: of("APPS-EGR-010") };
  }

  it("fails on an Apps DROP row (and on an Apps DRY_RUN_DENIAL row), from either engine", async () => {
    const { out } = await run(["--warehouse", WAREHOUSE]);
    const { egr009, egr010, report } = await verdicts(out);
    expect(egr009.status).toBe("fail");
    expect(egr009.failures[0].message).toBe('app traffic was denied (DROP) to ["pypi.org"]: app deployments or features are broken');
    expect(egr010.status).toBe("fail");
    expect(egr010.failures[0].message).toContain('["registry.npmjs.org"]');
    expect((await verdicts(out, "wasm")).report).toBe(report);
  });

  it("passes when the summary has no Apps denial", async () => {
    const { out, doc } = await run(["--warehouse", WAREHOUSE], { [POST]: [{ status: 200, file: "sql.no-app-denials.json" }] });
    expect(doc.workspaces[0].outbound_network_summary).toEqual([]);
    const { egr009, egr010 } = await verdicts(out);
    expect(egr009.status).toBe("pass");
    expect(egr010.status).toBe("pass");
  });

  it("says unknown, not fail, without --warehouse (and when the statement failed)", async () => {
    const runs: [string[], Record<string, RecordedResponse[]>][] = [
      [[], {}],
      [["--warehouse", WAREHOUSE], { [POST]: [{ status: 200, file: "sql.failed.json" }] }],
    ];
    for (const [args, change] of runs) {
      const { out } = await run(args, change);
      const { egr009, egr010 } = await verdicts(out);
      for (const r of [egr009, egr010]) {
        expect(r.status).toBe("unknown");
        expect(r.unknown.flatMap((u: any) => u.slots)).toContain("workspaces[0].outbound_network_summary");
      }
      await server!.close();
      server = undefined;
    }
  });
});
