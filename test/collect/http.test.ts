// The HTTP layer: which failures are retried, how long it waits (injected: nothing sleeps),
// what a failure keeps (status, error code, message) in every error shape the collector meets.
import { describe, expect, it } from "vitest";
import { failureOf, networkFailure } from "../../src/collect/api-error.js";
import { defaultBackoff, retryAfterMs, send, type HttpOptions } from "../../src/collect/http.js";

type Reply = Response | Error;

function fakeFetch(replies: Reply[]): { fetch: typeof fetch; calls: RequestInit[] } {
  const calls: RequestInit[] = [];
  let i = 0;
  const f = (async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push(init ?? {});
    const r = replies[Math.min(i++, replies.length - 1)]!;
    if (r instanceof Error) throw r;
    return r.clone();
  }) as typeof fetch;
  return { fetch: f, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

function opts(f: typeof fetch, slept: number[] = [], log?: string[]): HttpOptions {
  return { fetch: f, sleep: async (ms) => void slept.push(ms), backoff: defaultBackoff(() => 0.5), maxAttempts: 4, timeoutMs: 1000, ...(log ? { log: (l: string) => void log.push(l) } : {}) };
}

const GET = { method: "GET" as const, url: "https://accounts.example/api/2.0/x", headers: { Authorization: "Bearer t" } };

describe("send", () => {
  it("retries 429 and 5xx, then returns the value", async () => {
    const slept: number[] = [];
    const { fetch, calls } = fakeFetch([json(429, { error_code: "REQUEST_LIMIT_EXCEEDED" }, { "Retry-After": "3" }), json(502, {}), json(200, { ok: 1 })]);
    expect(await send(opts(fetch, slept), GET)).toEqual({ ok: true, status: 200, value: { ok: 1 } });
    expect(calls).toHaveLength(3);
    expect(slept).toEqual([3000, 1500]);
  });

  it("gives up after the last attempt, keeping the last status and code", async () => {
    const slept: number[] = [];
    const { fetch, calls } = fakeFetch([json(503, { error_code: "TEMPORARILY_UNAVAILABLE", message: "try later" })]);
    expect(await send(opts(fetch, slept), GET)).toEqual({ ok: false, failure: { httpStatus: 503, errorCode: "TEMPORARILY_UNAVAILABLE", message: "try later" } });
    expect(calls).toHaveLength(4);
    expect(slept).toEqual([750, 1500, 3000]);
  });

  it("does not retry other client errors", async () => {
    const { fetch, calls } = fakeFetch([json(403, { error_code: "PERMISSION_DENIED", message: "no" })]);
    expect(await send(opts(fetch), GET)).toMatchObject({ ok: false, failure: { httpStatus: 403, errorCode: "PERMISSION_DENIED" } });
    expect(calls).toHaveLength(1);
  });

  it("retries transient network failures but not unresolvable hosts", async () => {
    const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET", message: "socket hang up" } });
    const a = fakeFetch([reset, json(200, {})]);
    expect(await send(opts(a.fetch), GET)).toMatchObject({ ok: true });
    expect(a.calls).toHaveLength(2);
    const dns = Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND adb-1.azuredatabricks.net" } });
    const b = fakeFetch([dns]);
    expect(await send(opts(b.fetch), GET)).toEqual({ ok: false, failure: { errorCode: "ENOTFOUND", message: "no response: getaddrinfo ENOTFOUND adb-1.azuredatabricks.net" } });
    expect(b.calls).toHaveLength(1);
  });

  it("never follows a redirect, and names the Private Link one", async () => {
    const { fetch, calls } = fakeFetch([new Response(null, { status: 303, headers: { Location: "https://adb-1.azuredatabricks.net/login.html?error=private-link-validation-error" } })]);
    expect(await send(opts(fetch), GET)).toMatchObject({ ok: false, failure: { httpStatus: 303, errorCode: "PRIVATE_LINK_VALIDATION_ERROR" } });
    expect(calls[0]!.redirect).toBe("manual");
    const other = fakeFetch([new Response(null, { status: 302, headers: { Location: "https://elsewhere.example/" } })]);
    expect(await send(opts(other.fetch), GET)).toMatchObject({ ok: false, failure: { httpStatus: 302, message: expect.stringContaining("redirects are not followed") } });
  });

  it("treats an empty body as {} and a non-JSON body as a failure", async () => {
    expect(await send(opts(fakeFetch([new Response("", { status: 200 })]).fetch), GET)).toEqual({ ok: true, status: 200, value: {} });
    const html = new Response("<html>hi</html>", { status: 200, headers: { "Content-Type": "text/html" } });
    expect(await send(opts(fakeFetch([html]).fetch), GET)).toEqual({ ok: false, failure: { httpStatus: 200, message: "the response is not JSON (text/html)" } });
  });

  it("logs each attempt and each wait", async () => {
    const log: string[] = [];
    await send(opts(fakeFetch([json(500, {}), json(200, {})]).fetch, [], log), { ...GET, url: "https://accounts.example/api/2.0/x?keys=a" });
    expect(log[0]).toMatch(/^GET https:\/\/accounts\.example\/api\/2\.0\/x\?keys=a → 500 \(\d+ ms\)$/);
    expect(log[1]).toBe("GET https://accounts.example/api/2.0/x?keys=a: retry 2 of 4 in 0.8 s");
  });
});

describe("backoff", () => {
  it("doubles from 1 s with jitter, caps at 30 s, and lets Retry-After win (capped at 60 s)", () => {
    const b = defaultBackoff(() => 1);
    expect([2, 3, 4, 5, 10].map((n) => b(n, undefined))).toEqual([1000, 2000, 4000, 8000, 30000]);
    expect(defaultBackoff(() => 0)(2, undefined)).toBe(500);
    expect(b(2, 7000)).toBe(7000);
    expect(b(2, 3_600_000)).toBe(60_000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-28T08:00:00Z");
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("Sat, 28 Nov 2026 08:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe("failureOf: every error shape", () => {
  it.each([
    ["Databricks", 403, "Forbidden", { error_code: "PERMISSION_DENIED", message: "nope" }, { errorCode: "PERMISSION_DENIED", message: "nope" }],
    ["API 1.2", 400, "Bad Request", { error: "Workspace is not accessible" }, { errorCode: "BAD_REQUEST", message: "Workspace is not accessible" }],
    ["SCIM", 404, "Not Found", { detail: "User not found", status: "404", schemas: [] }, { errorCode: "SCIM_404", message: "User not found" }],
    ["ARM", 403, "Forbidden", { error: { code: "AuthorizationFailed", message: "no read" } }, { errorCode: "AuthorizationFailed", message: "no read" }],
    ["OAuth", 401, "Unauthorized", { error: "invalid_client", error_description: "Client authentication failed" }, { errorCode: "invalid_client", message: "Client authentication failed" }],
    ["HTML gateway", 502, "Bad Gateway", "<html><body><pre>upstream timed out.</pre></body></html>", { errorCode: "BAD_GATEWAY", message: "upstream timed out." }],
    ["empty", 500, "", "", { message: "HTTP 500" }],
  ])("%s", (_name, status, statusText, body, expected) => {
    const f = failureOf(status as number, statusText as string, typeof body === "string" ? body : JSON.stringify(body));
    expect(f).toEqual({ httpStatus: status, ...(expected as object) });
  });

  it("cuts long messages and puts them on one line", () => {
    const f = failureOf(500, "Internal Server Error", JSON.stringify({ message: `a\n${"x".repeat(1000)}` }));
    expect(f.message.length).toBeLessThanOrEqual(300);
    expect(f.message).not.toContain("\n");
  });

  it("describes a request that got no response", () => {
    expect(networkFailure(Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }))).toEqual({ errorCode: "TIMEOUT", message: "no response: the request timed out" });
  });
});
