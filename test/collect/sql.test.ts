// The SQL pieces on their own: JSON_ARRAY cells typed by the manifest, the statement runner's
// refusals (a truncated result, a chunk link to another host, rows that do not add up, a
// CANCELED statement), the summary row shape, and the fix each failure suggests.
import { describe, expect, it } from "vitest";
import type { Call, HostClient } from "../../src/collect/client.js";
import { BigIntText } from "../../src/collect/json.js";
import { remedy, summaryRow, summaryStatement } from "../../src/collect/outbound-network.js";
import { pollDelay, runStatement } from "../../src/collect/sql-statement.js";
import { cellValue, typedRow, utcTimestamp } from "../../src/collect/sql-values.js";

const col = (name: string, typeName: string) => ({ name, typeName });

describe("JSON_ARRAY cells typed by the manifest", () => {
  it("converts each type from its string form", () => {
    expect(cellValue("57", col("events", "LONG"))).toEqual({ ok: true, value: 57 });
    expect(cellValue("9007199254740993", col("id", "LONG"))).toEqual({ ok: true, value: new BigIntText("9007199254740993") });
    expect(cellValue("3", col("rcode", "INT"))).toEqual({ ok: true, value: 3 });
    expect(cellValue("1.5", col("x", "DOUBLE"))).toEqual({ ok: true, value: 1.5 });
    expect(cellValue("true", col("b", "BOOLEAN"))).toEqual({ ok: true, value: true });
    expect(cellValue('{"domain_name":"pypi.org","rcode":3}', col("dns_event", "STRUCT"))).toEqual({ ok: true, value: { domain_name: "pypi.org", rcode: 3 } });
    expect(cellValue("pypi.org", col("destination", "STRING"))).toEqual({ ok: true, value: "pypi.org" });
    expect(cellValue(null, col("destination", "STRING"))).toEqual({ ok: true, value: null });
  });

  it("writes timestamps as RFC 3339 in UTC, keeping a fraction that is not zero", () => {
    expect(utcTimestamp("2026-11-02T06:10:44.000Z")).toBe("2026-11-02T06:10:44Z");
    expect(utcTimestamp("2026-11-14T10:29:02.512Z")).toBe("2026-11-14T10:29:02.512Z");
    expect(utcTimestamp("2026-11-14 10:29:02.512000")).toBe("2026-11-14T10:29:02.512Z");
    expect(utcTimestamp("2026-11-14T12:29:02+02:00")).toBe("2026-11-14T10:29:02Z");
    expect(utcTimestamp("yesterday")).toBeUndefined();
  });

  it("refuses a cell that is not its column's type, and rows of the wrong width", () => {
    expect(cellValue("57 events", col("events", "LONG"))).toEqual({ ok: false, message: 'column `events` (LONG) holds "57 events"' });
    expect(cellValue(57, col("events", "LONG")).ok).toBe(false);
    expect(cellValue("maybe", col("b", "BOOLEAN")).ok).toBe(false);
    expect(typedRow(["a"], [col("a", "STRING"), col("b", "STRING")])).toEqual({ ok: false, message: "a row has 1 cells for 2 columns" });
  });
});

/** A host client answering from a table of `METHOD path` → responses (served in turn, the last repeating). */
function fakeClient(table: Record<string, unknown[]>): HostClient & { calls: string[] } {
  const calls: string[] = [];
  const served = new Map<string, number>();
  const answer = (key: string): Call<unknown> => {
    calls.push(key);
    const list = table[key];
    if (list === undefined) return { ok: false, request: key, failure: { httpStatus: 404, errorCode: "ENDPOINT_NOT_FOUND", message: key } };
    const n = served.get(key) ?? 0;
    served.set(key, n + 1);
    return { ok: true, value: list[Math.min(n, list.length - 1)] };
  };
  return {
    calls,
    get: async (path, query) => answer(`GET ${path}${query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`),
    post: async (path) => answer(`POST ${path}`),
  };
}

const SCHEMA = { columns: [{ name: "destination", type_name: "STRING" }, { name: "events", type_name: "LONG", position: 1 }] };
const STATEMENT = { warehouseId: "w1", statement: "SELECT 1", parameters: [] };
const OPTS = { sleep: async () => {}, pollBudgetMs: 60_000 };
const ok = (extra: object) => ({ statement_id: "s1", status: { state: "SUCCEEDED" }, manifest: { schema: SCHEMA }, ...extra });

describe("runStatement", () => {
  it("reads chunks by next_chunk_index when there is no internal link", async () => {
    const c = fakeClient({
      "POST /api/2.0/sql/statements/": [ok({ manifest: { schema: SCHEMA, total_row_count: 2 }, result: { data_array: [["a", "1"]], next_chunk_index: 1 } })],
      "GET /api/2.0/sql/statements/s1/result/chunks/1": [{ chunk_index: 1, row_offset: 1, data_array: [["b", "2"]] }],
    });
    const r = await runStatement(c, STATEMENT, OPTS);
    expect(r.ok && r.value.rows).toEqual([{ destination: "a", events: 1 }, { destination: "b", events: 2 }]);
  });

  it("refuses a truncated result, a short result, a chunk link off the host, and chunks that loop", async () => {
    const cases: [object, string][] = [
      [ok({ manifest: { schema: SCHEMA, truncated: true }, result: { data_array: [] } }), "the result was truncated by the server"],
      [ok({ manifest: { schema: SCHEMA, total_row_count: 3 }, result: { data_array: [["a", "1"]] } }), "the result has 1 rows but the manifest announces 3"],
      [ok({ result: { data_array: [], next_chunk_internal_link: "https://evil.example/api/2.0/sql/statements/s1/result/chunks/1" } }), "next_chunk_internal_link is not a path on this host"],
      [ok({ result: { data_array: [], next_chunk_index: 0 } }), "the result chunks do not end"],
    ];
    for (const [response, message] of cases) {
      const c = fakeClient({ "POST /api/2.0/sql/statements/": [response], "GET /api/2.0/sql/statements/s1/result/chunks/0": [{ data_array: [], next_chunk_index: 0 }] });
      const r = await runStatement(c, STATEMENT, OPTS);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.failure.message).toContain(message);
      expect(c.calls.some((k) => k.includes("evil.example"))).toBe(false);
    }
  });

  it("reports CANCELED and a response without a statement id", async () => {
    const canceled = await runStatement(fakeClient({ "POST /api/2.0/sql/statements/": [{ statement_id: "s1", status: { state: "CANCELED" } }] }), STATEMENT, OPTS);
    expect(canceled).toEqual({ ok: false, request: "POST /api/2.0/sql/statements/", failure: { message: "the statement was canceled" } });
    const noId = await runStatement(fakeClient({ "POST /api/2.0/sql/statements/": [{ status: { state: "PENDING" } }] }), STATEMENT, OPTS);
    expect(!noId.ok && noId.failure.message).toBe("unexpected response: no usable statement_id");
  });

  it("waits 1, 2, 4, 8, then 10 s between polls", () => {
    expect([1, 2, 3, 4, 5, 9].map(pollDelay)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe("the outbound_network summary", () => {
  it("shapes a result row as the schema's summary row, nulls left out", () => {
    const row = { workspace_id: "1", access_type: "DROP", network_source_type: "Apps", destination_type: "IP", destination: "198.18.42.7", dns_domain_name: null, dns_rcode: null, storage_hostname: null, storage_rejection_reason: null, storage_path: null, events: 2, first_seen: "2026-11-01T00:00:00Z", last_seen: "2026-11-02T00:00:00Z" };
    expect(summaryRow(row)).toEqual({ workspace_id: "1", access_type: "DROP", network_source_type: "Apps", destination_type: "IP", destination: "198.18.42.7", events: 2, first_seen: "2026-11-01T00:00:00Z", last_seen: "2026-11-02T00:00:00Z" });
    expect(summaryRow({ ...row, workspace_id: new BigIntText("9007199254740993"), storage_hostname: "s3://b", storage_rejection_reason: "storage-bucket-path-denied" })).toMatchObject({ workspace_id: "9007199254740993", storage_event: { hostname: "s3://b", rejection_reason: "storage-bucket-path-denied" } });
  });

  it("computes the window from the export's time", () => {
    const s = summaryStatement("w1", ["1", "2"], new Date("2026-11-28T08:30:00Z"), 30);
    expect(s.parameters).toEqual([
      { name: "workspace_ids", value: "1,2", type: "STRING" },
      { name: "window_start", value: "2026-10-29T08:30:00Z", type: "TIMESTAMP" },
      { name: "window_end", value: "2026-11-28T08:30:00Z", type: "TIMESTAMP" },
    ]);
  });

  it("says how to fix each kind of failure", () => {
    expect(remedy({ errorCode: "BAD_REQUEST", message: "[SCHEMA_NOT_FOUND] The schema `system`.`access` cannot be found." }, "w1")).toContain("databricks system-schemas enable <metastore-id> access");
    expect(remedy({ errorCode: "BAD_REQUEST", message: "[INSUFFICIENT_PERMISSIONS] User does not have SELECT on Table 'system.access.outbound_network'." }, "w1")).toContain("SELECT on system.access.outbound_network");
    expect(remedy({ httpStatus: 404, errorCode: "RESOURCE_DOES_NOT_EXIST", message: "Warehouse w1 does not exist." }, "w1")).toBe("check that SQL warehouse w1 still exists; then export again with --warehouse");
    expect(remedy({ errorCode: "DEADLINE_EXCEEDED", message: "still PENDING" }, "w1")).toContain("start SQL warehouse w1");
    expect(remedy({ errorCode: "BAD_REQUEST", message: "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column `network_source_type` cannot be resolved." }, "w1")).toContain("lacks a column the summary reads");
  });
});
