/**
 * Reading one API host: authenticated GETs (and the JSON POSTs of the SQL Statement Execution
 * API, `sql-statement.ts`), whole paginated lists, and the failure of a call as a
 * `CallFailure` (the request as the export records it, and what went wrong).
 *
 * The request string is the method and API path (with the query that selects data, never a
 * page token), without the host: `GET /api/2.0/apps`, `GET /api/2.0/workspace-conf?keys=…`.
 * ARM requests carry the full URL, as the ARM documentation writes them.
 *
 * Paginated lists follow `next_page_token` until it is absent or empty; the response must be
 * an object whose items key, when present, holds an array (the APIs omit an empty list, so
 * `{}` is an empty page). A failure on a later page fails the whole list: a partial list would
 * read as complete, so it is not kept, and the message says how far the listing got.
 */

import type { Failure } from "./api-error.js";
import type { Credentials, HeaderOutcome } from "./credentials.js";
import { send, type HttpOptions } from "./http.js";

export interface CallFailure {
  readonly request: string;
  readonly failure: Failure;
}

export type Call<T> = ({ readonly ok: true; readonly value: T }) | ({ readonly ok: false } & CallFailure);

export interface HostClient {
  /** GET `path` (an API path) with `query`; the value is the parsed JSON. */
  get(path: string, query?: Readonly<Record<string, string>>): Promise<Call<unknown>>;
  /** POST `body` as JSON to `path` (no body when undefined); the value is the parsed JSON. */
  post(path: string, body?: unknown): Promise<Call<unknown>>;
}

const MAX_PAGES = 10_000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function requestOf(method: string, path: string, query: Readonly<Record<string, string>> | undefined): string {
  const shown = Object.entries(query ?? {}).filter(([k]) => k !== "page_token");
  return `${method} ${path}${shown.length > 0 ? `?${shown.map(([k, v]) => `${k}=${v}`).join("&")}` : ""}`;
}

/** A client for `base` (`https://host`, or a test server URL with a path prefix). */
export function hostClient(base: string, scope: "account" | "workspace", credentials: Credentials, http: HttpOptions): HostClient {
  const root = base.replace(/\/+$/, "");
  return {
    async get(path, query) {
      const request = requestOf("GET", path, query);
      const auth: HeaderOutcome = await credentials.databricks(root, scope);
      if (!auth.ok) return { ok: false, request: auth.request, failure: auth.failure };
      const qs = new URLSearchParams(query ?? {}).toString();
      const r = await send(http, { method: "GET", url: `${root}${path}${qs ? `?${qs}` : ""}`, headers: { Authorization: auth.authorization, Accept: "application/json" } });
      return r.ok ? { ok: true, value: r.value } : { ok: false, request, failure: r.failure };
    },
    async post(path, body) {
      const request = `POST ${path}`;
      const auth: HeaderOutcome = await credentials.databricks(root, scope);
      if (!auth.ok) return { ok: false, request: auth.request, failure: auth.failure };
      const headers: Record<string, string> = { Authorization: auth.authorization, Accept: "application/json" };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const r = await send(http, { method: "POST", url: `${root}${path}`, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      return r.ok ? { ok: true, value: r.value } : { ok: false, request, failure: r.failure };
    },
  };
}

/** A failure for a response of the wrong shape (the request succeeded, the body is not what the API documents). */
function shapeFailure(request: string, what: string): Call<never> {
  return { ok: false, request, failure: { message: `unexpected response: ${what}` } };
}

/** Every item of a paginated list endpoint (`{"<itemsKey>": [...], "next_page_token": "..."}`). */
export async function listAll(client: HostClient, path: string, itemsKey: string, query: Readonly<Record<string, string>> = {}): Promise<Call<unknown[]>> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = await client.get(path, token === undefined ? query : { ...query, page_token: token });
    if (!r.ok) {
      if (page === 1) return r;
      return { ok: false, request: r.request, failure: { ...r.failure, message: `page ${page}, after ${items.length} item${items.length === 1 ? "" : "s"}: ${r.failure.message}` } };
    }
    const request = requestOf("GET", path, query);
    if (!isObject(r.value)) return shapeFailure(request, `expected an object with \`${itemsKey}\``);
    const list = r.value[itemsKey];
    if (list !== undefined && !Array.isArray(list)) return shapeFailure(request, `\`${itemsKey}\` is not a list`);
    if (list !== undefined) items.push(...(list as unknown[]));
    const next = r.value["next_page_token"];
    if (typeof next !== "string" || next === "") return { ok: true, value: items };
    if (seen.has(next)) return shapeFailure(request, `the server repeated the page token of page ${page}`);
    seen.add(next);
    token = next;
  }
  return shapeFailure(requestOf("GET", path, query), `more than ${MAX_PAGES} pages`);
}

/** A list endpoint that answers a bare JSON array (the provisioning APIs). */
export async function getArray(client: HostClient, path: string): Promise<Call<unknown[]>> {
  const r = await client.get(path);
  if (!r.ok) return r;
  return Array.isArray(r.value) ? { ok: true, value: r.value } : shapeFailure(requestOf("GET", path, undefined), "expected a JSON array");
}

/** An endpoint that answers one JSON object. */
export async function getObject(client: HostClient, path: string, query?: Readonly<Record<string, string>>): Promise<Call<Record<string, unknown>>> {
  const r = await client.get(path, query);
  if (!r.ok) return r;
  return isObject(r.value) ? { ok: true, value: r.value } : shapeFailure(requestOf("GET", path, query), "expected a JSON object");
}
