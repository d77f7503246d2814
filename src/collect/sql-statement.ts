/**
 * One SQL statement through the Databricks SQL Statement Execution API, with its whole result
 * typed by the manifest. Shapes as in databricks-sdk-go `service/sql` (`impl.go`, `model.go`):
 *
 * - `POST /api/2.0/sql/statements/` with `{warehouse_id, statement, parameters: [{name, value,
 *   type}], wait_timeout, on_wait_timeout, format, disposition}` answers a `StatementResponse`
 *   `{statement_id, status: {state, error: {error_code, message}}, manifest, result}`;
 * - while `status.state` is `PENDING` or `RUNNING`, `GET /api/2.0/sql/statements/{id}` answers
 *   the same shape (polled with the injected sleep, within a budget; past it the statement is
 *   cancelled with `POST …/{id}/cancel` and the call fails);
 * - `SUCCEEDED`: `manifest.schema.columns[] {name, position, type_name, type_text}`,
 *   `manifest.total_row_count`, `manifest.truncated`; `result` is the first chunk
 *   `{chunk_index, row_offset, row_count, data_array, next_chunk_index,
 *   next_chunk_internal_link}`; further chunks are read from `next_chunk_internal_link` (a
 *   path on the same host, maybe with a query) or else
 *   `GET /api/2.0/sql/statements/{id}/result/chunks/{next_chunk_index}`;
 * - `FAILED` (`status.error`), `CANCELED`, `CLOSED`: the call fails with the server's code and
 *   message.
 *
 * Parameters are always named markers (`:name`) sent in `parameters`: no value is ever
 * written into the statement text. A result that is truncated, or whose chunks do not add up
 * to `total_row_count`, fails (a partial result would read as complete). Nothing throws.
 */

import type { Call, CallFailure, HostClient } from "./client.js";
import { typedRow, type SqlColumn } from "./sql-values.js";

export const STATEMENTS_PATH = "/api/2.0/sql/statements/";

export interface StatementParameter {
  readonly name: string;
  readonly value: string;
  /** A SQL type (`STRING`, `TIMESTAMP`, `INT`, …); the API reads an absent type as STRING. */
  readonly type: string;
}

export interface Statement {
  readonly warehouseId: string;
  readonly statement: string;
  readonly parameters: readonly StatementParameter[];
}

export interface StatementResult {
  readonly columns: readonly SqlColumn[];
  readonly rows: readonly Record<string, unknown>[];
}

export interface StatementOptions {
  readonly sleep: (ms: number) => Promise<void>;
  /** Total time spent waiting between polls before the statement is cancelled. */
  readonly pollBudgetMs: number;
  readonly log?: (line: string) => void;
}

/** How long the POST waits server-side before answering PENDING/RUNNING (5–50 s, or 0). */
export const WAIT_TIMEOUT = "30s";
export const DEFAULT_POLL_BUDGET_MS = 10 * 60_000;
const MAX_CHUNKS = 10_000;
const POLLING = new Set(["PENDING", "RUNNING"]);

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fail(request: string, message: string, extra: { readonly errorCode?: string; readonly httpStatus?: number } = {}): Call<never> {
  return { ok: false, request, failure: { ...extra, message } };
}

/** Wait before poll `n` (1, 2, …): 1 s, 2 s, 4 s, 8 s, then 10 s. */
export function pollDelay(n: number): number {
  return Math.min(10_000, 1000 * 2 ** Math.min(n - 1, 4));
}

function stateOf(v: unknown): string | undefined {
  const status = isObject(v) ? v["status"] : undefined;
  const state = isObject(status) ? status["state"] : undefined;
  return typeof state === "string" ? state : undefined;
}

function columnsOf(manifest: unknown): SqlColumn[] | undefined {
  const schema = isObject(manifest) ? manifest["schema"] : undefined;
  const cols = isObject(schema) ? schema["columns"] : undefined;
  if (!Array.isArray(cols)) return undefined;
  const out: { name: string; typeName: string; position: number }[] = [];
  for (const [i, c] of cols.entries()) {
    if (!isObject(c) || typeof c["name"] !== "string") return undefined;
    const typeName = typeof c["type_name"] === "string" ? c["type_name"] : "STRING";
    out.push({ name: c["name"], typeName, position: typeof c["position"] === "number" ? c["position"] : i });
  }
  return out.sort((a, b) => a.position - b.position).map(({ name, typeName }) => ({ name, typeName }));
}

/** The GET for the chunk after `chunk`: its internal link (a path on this host) or its index. */
function nextChunk(chunk: Obj, statementId: string): { path: string; query: Record<string, string>; index: string } | { error: string } | undefined {
  const link = chunk["next_chunk_internal_link"];
  const index = chunk["next_chunk_index"];
  if (typeof link === "string" && link !== "") {
    if (!link.startsWith("/") || link.startsWith("//")) return { error: `next_chunk_internal_link is not a path on this host: ${link.slice(0, 80)}` };
    const u = new URL(link, "http://host.invalid");
    if (!u.pathname.startsWith(STATEMENTS_PATH)) return { error: `next_chunk_internal_link is not a statement result path: ${u.pathname.slice(0, 80)}` };
    return { path: u.pathname, query: Object.fromEntries(u.searchParams), index: typeof index === "number" ? String(index) : u.pathname };
  }
  if (typeof index === "number" && Number.isSafeInteger(index) && index >= 0) {
    return { path: `${STATEMENTS_PATH}${encodeURIComponent(statementId)}/result/chunks/${index}`, query: {}, index: String(index) };
  }
  return undefined;
}

/** Polls until the statement leaves PENDING/RUNNING, or cancels it when the budget is spent. */
async function awaitCompletion(client: HostClient, first: Obj, statementId: string, o: StatementOptions): Promise<Call<Obj>> {
  const path = `${STATEMENTS_PATH}${encodeURIComponent(statementId)}`;
  let current = first;
  let waited = 0;
  for (let n = 1; POLLING.has(stateOf(current) ?? ""); n++) {
    if (waited >= o.pollBudgetMs) {
      o.log?.(`statement ${statementId} still ${stateOf(current)} after ${Math.round(waited / 1000)} s: cancelling it`);
      await client.post(`${path}/cancel`);
      return fail(`GET ${path}`, `the statement was still ${stateOf(current)} after ${Math.round(waited / 1000)} s of polling (is the warehouse starting, or queued?); it was cancelled`, { errorCode: "DEADLINE_EXCEEDED" });
    }
    const ms = pollDelay(n);
    o.log?.(`statement ${statementId} is ${stateOf(current)}: polling in ${(ms / 1000).toFixed(1)} s`);
    await o.sleep(ms);
    waited += ms;
    const r = await client.get(path);
    if (!r.ok) return r;
    if (!isObject(r.value) || stateOf(r.value) === undefined) return fail(`GET ${path}`, "unexpected response: no status.state");
    current = r.value;
  }
  return { ok: true, value: current };
}

/** Why a finished statement has no result, as a call failure. */
function notSucceeded(request: string, response: Obj): CallFailure {
  const state = stateOf(response) ?? "unknown";
  const status = response["status"] as Obj;
  const error = isObject(status["error"]) ? status["error"] : undefined;
  const code = typeof error?.["error_code"] === "string" ? error["error_code"] : undefined;
  const message = typeof error?.["message"] === "string" ? error["message"].replace(/\s+/g, " ").trim() : undefined;
  const what = state === "FAILED" ? "the statement failed" : state === "CANCELED" ? "the statement was canceled" : state === "CLOSED" ? "the statement was closed before its result was read" : `the statement ended in state ${state}`;
  return { request, failure: { ...(code !== undefined ? { errorCode: code } : {}), message: message ? `${what}: ${message}` : what } };
}

/** Every row of a SUCCEEDED statement, across chunks. */
async function readRows(client: HostClient, response: Obj, statementId: string, request: string): Promise<Call<StatementResult>> {
  const manifest = response["manifest"];
  const columns = columnsOf(manifest);
  if (columns === undefined) return fail(request, "unexpected response: the result manifest has no schema.columns");
  if (isObject(manifest) && manifest["truncated"] === true) return fail(request, "the result was truncated by the server (row or byte limit); a partial summary would read as complete");
  const rows: Record<string, unknown>[] = [];
  let chunk: Obj = isObject(response["result"]) ? response["result"] : {};
  const seen = new Set<string>();
  for (let n = 1; ; n++) {
    const data = chunk["data_array"];
    if (data !== undefined && !Array.isArray(data)) return fail(request, "unexpected response: result.data_array is not a list");
    for (const cells of (data as unknown[] | undefined) ?? []) {
      const typed = typedRow(cells, columns);
      if (!typed.ok) return fail(request, `unexpected response: ${typed.message}`);
      rows.push(typed.row);
    }
    const next = nextChunk(chunk, statementId);
    if (next === undefined) break;
    if ("error" in next) return fail(request, `unexpected response: ${next.error}`);
    if (seen.has(next.index) || n >= MAX_CHUNKS) return fail(request, `unexpected response: the result chunks do not end (chunk ${next.index} again)`);
    seen.add(next.index);
    const r = await client.get(next.path, next.query);
    if (!r.ok) return { ok: false, request: r.request, failure: { ...r.failure, message: `chunk ${next.index}, after ${rows.length} row${rows.length === 1 ? "" : "s"}: ${r.failure.message}` } };
    if (!isObject(r.value)) return fail(`GET ${next.path}`, "unexpected response: a result chunk is not an object");
    chunk = r.value;
  }
  const total = isObject(manifest) ? manifest["total_row_count"] : undefined;
  if (typeof total === "number" && total !== rows.length) return fail(request, `unexpected response: the result has ${rows.length} rows but the manifest announces ${total}`);
  return { ok: true, value: { columns, rows } };
}

/** Runs `s` on `client`'s host and returns every row, typed; or why not. */
export async function runStatement(client: HostClient, s: Statement, o: StatementOptions): Promise<Call<StatementResult>> {
  const request = `POST ${STATEMENTS_PATH}`;
  const posted = await client.post(STATEMENTS_PATH, {
    warehouse_id: s.warehouseId,
    statement: s.statement,
    parameters: s.parameters.map((p) => ({ name: p.name, value: p.value, type: p.type })),
    wait_timeout: WAIT_TIMEOUT,
    on_wait_timeout: "CONTINUE",
    format: "JSON_ARRAY",
    disposition: "INLINE",
  });
  if (!posted.ok) return posted;
  const first = posted.value;
  if (!isObject(first) || stateOf(first) === undefined) return fail(request, "unexpected response: no status.state");
  const statementId = first["statement_id"];
  if (typeof statementId !== "string" || !/^[A-Za-z0-9_-]+$/.test(statementId)) return fail(request, "unexpected response: no usable statement_id");
  const done = await awaitCompletion(client, first, statementId, o);
  if (!done.ok) return done;
  if (stateOf(done.value) !== "SUCCEEDED") return { ok: false, ...notSucceeded(request, done.value) };
  return readRows(client, done.value, statementId, request);
}
