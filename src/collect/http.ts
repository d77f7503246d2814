/**
 * One HTTP request with retries: the only place the collector touches the network.
 *
 * Retried: HTTP 429 and every 5xx, and requests that got no response for a transient reason
 * (reset, timeout); not retried: other statuses, and hosts that do not resolve or refuse the
 * connection. The wait before each retry is `Retry-After` when the server sends it (capped),
 * otherwise exponential backoff with jitter; both the wait function and the sleep are
 * injected, so tests run without real delays. After the last attempt the failure keeps the
 * status and error code of the last response, for `collection.errors`.
 *
 * Redirects are not followed: a credential must never be sent to another host. A redirect to
 * the login page with `private-link-validation-error` (a workspace reachable only through
 * Private Link) is reported as such. A 2xx body is parsed with lossless JSON (`json.ts`).
 */

import { failureOf, networkFailure, type Failure } from "./api-error.js";
import { parseJson } from "./json.js";

export interface HttpRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type HttpOutcome = { readonly ok: true; readonly status: number; readonly value: unknown } | { readonly ok: false; readonly failure: Failure };

export interface HttpOptions {
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds to wait before attempt `attempt` (2, 3, …), given the server's `Retry-After`. */
  readonly backoff: (attempt: number, retryAfterMs: number | undefined) => number;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  /** Verbose log sink (one line per attempt); the caller scrubs it. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

const MAX_RETRY_AFTER_MS = 60_000;
const PERMANENT_NETWORK_CODES = new Set(["ENOTFOUND", "ECONNREFUSED", "EAI_FAIL", "ERR_INVALID_URL", "DEPTH_ZERO_SELF_SIGNED_CERT", "CERT_HAS_EXPIRED", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"]);

/** Exponential backoff with jitter: about 1 s, 2 s, 4 s … capped at 30 s; `Retry-After` wins. */
export function defaultBackoff(random: () => number = Math.random): HttpOptions["backoff"] {
  return (attempt, retryAfterMs) => {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
    const base = Math.min(30_000, 1000 * 2 ** (attempt - 2));
    return Math.round(base * (0.5 + random() / 2));
  };
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const h = header.trim();
  if (/^\d+(\.\d+)?$/.test(h)) return Math.round(Number(h) * 1000);
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

function privateLinkFailure(status: number, location: string | null): Failure | undefined {
  if (location === null || !location.includes("private-link-validation-error")) return undefined;
  return {
    httpStatus: status,
    errorCode: "PRIVATE_LINK_VALIDATION_ERROR",
    message: "the workspace accepts only Private Link connections and this machine does not reach it through one; run the export from a network that does",
  };
}

type Attempt = { readonly done: HttpOutcome } | { readonly retry: Failure; readonly retryAfterMs?: number };

async function attemptOnce(opts: HttpOptions, req: HttpRequest, label: string): Promise<Attempt> {
  const started = (opts.now ?? Date.now)();
  let res: Response;
  try {
    res = await opts.fetch(req.url, {
      method: req.method,
      headers: req.headers,
      redirect: "manual",
      signal: AbortSignal.timeout(opts.timeoutMs),
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
  } catch (e) {
    const failure = networkFailure(e);
    opts.log?.(`${label} → ${failure.message}`);
    const permanent = failure.errorCode !== undefined && PERMANENT_NETWORK_CODES.has(failure.errorCode);
    return permanent ? { done: { ok: false, failure } } : { retry: failure };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    const failure = { httpStatus: res.status, ...networkFailure(e) };
    opts.log?.(`${label} → ${res.status}, ${failure.message}`);
    return { retry: failure };
  }
  const ms = (opts.now ?? Date.now)() - started;
  opts.log?.(`${label} → ${res.status} (${ms} ms)`);
  if (res.status >= 300 && res.status < 400) {
    const failure = privateLinkFailure(res.status, res.headers.get("location")) ?? { httpStatus: res.status, message: `unexpected redirect (HTTP ${res.status}); redirects are not followed so that credentials stay with the host they are for` };
    return { done: { ok: false, failure } };
  }
  if (!res.ok) {
    const failure = failureOf(res.status, res.statusText, text);
    if (retryable(res.status)) {
      const after = retryAfterMs(res.headers.get("retry-after"), (opts.now ?? Date.now)());
      return after === undefined ? { retry: failure } : { retry: failure, retryAfterMs: after };
    }
    return { done: { ok: false, failure } };
  }
  if (text.trim() === "") return { done: { ok: true, status: res.status, value: {} } };
  const parsed = parseJson(text);
  if (!parsed.ok) return { done: { ok: false, failure: { httpStatus: res.status, message: `the response is not JSON (${res.headers.get("content-type") ?? "no content type"})` } } };
  return { done: { ok: true, status: res.status, value: parsed.value } };
}

/** Sends `req`, retrying transient failures; never throws. */
export async function send(opts: HttpOptions, req: HttpRequest): Promise<HttpOutcome> {
  const label = `${req.method} ${describe(req.url)}`;
  let last: Failure = { message: "not attempted" };
  for (let attempt = 1; attempt <= opts.maxAttempts; attempt++) {
    const r = await attemptOnce(opts, req, label);
    if ("done" in r) return r.done;
    last = r.retry;
    if (attempt === opts.maxAttempts) break;
    const wait = Math.max(0, opts.backoff(attempt + 1, r.retryAfterMs));
    opts.log?.(`${label}: retry ${attempt + 1} of ${opts.maxAttempts} in ${(wait / 1000).toFixed(1)} s`);
    await opts.sleep(wait);
  }
  return { ok: false, failure: last };
}
