/**
 * What a failed response says: the HTTP status, an error code and a message, read from the
 * error shapes the collector meets — Databricks (`{"error_code", "message"}`, the older
 * `{"error": "…"}`, SCIM `{"detail", "status"}`), ARM (`{"error": {"code", "message"}}`) and
 * OAuth token endpoints (`{"error", "error_description"}`); for a body that is not JSON (an
 * HTML gateway page), the code is the status text in upper snake case, as the Go SDK does.
 * Messages are cut to a readable length; they are scrubbed of secrets by the caller.
 */

import { parseJson } from "./json.js";

export interface Failure {
  /** Absent when no response arrived (connection refused, timeout). */
  readonly httpStatus?: number;
  readonly errorCode?: string;
  readonly message: string;
}

const MAX_MESSAGE = 300;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : undefined;
}

function cut(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > MAX_MESSAGE ? `${one.slice(0, MAX_MESSAGE - 1)}…` : one;
}

/** The failure described by an error response. */
export function failureOf(status: number, statusText: string, body: string): Failure {
  const parsed = parseJson(body);
  const v = parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? (parsed.value as Record<string, unknown>) : undefined;
  let code: string | undefined;
  let message: string | undefined;
  if (v !== undefined) {
    const nested = typeof v["error"] === "object" && v["error"] !== null ? (v["error"] as Record<string, unknown>) : undefined;
    if (nested !== undefined) {
      code = str(nested["code"]);
      message = str(nested["message"]);
    } else {
      code = str(v["error_code"]) ?? (str(v["status"]) !== undefined && str(v["detail"]) !== undefined ? `SCIM_${str(v["status"])}` : undefined);
      message = str(v["message"]) ?? str(v["error_description"]) ?? str(v["detail"]);
      // `{"error": "invalid_client"}` (OAuth) is a code; `{"error": "some sentence"}` (API 1.2) a message.
      const legacy = str(v["error"]);
      if (legacy !== undefined) {
        if (code === undefined && /^[a-z_]+$/i.test(legacy)) code = legacy;
        else message ??= legacy;
      }
    }
  } else {
    const pre = /<pre>([\s\S]*?)<\/pre>/i.exec(body);
    if (pre) message = pre[1];
  }
  code ??= statusText.trim() !== "" ? statusText.trim().replace(/[ .]+$/, "").toUpperCase().replace(/[^A-Z0-9]+/g, "_") : undefined;
  const text = cut(message ?? `HTTP ${status}${statusText ? ` ${statusText}` : ""}`);
  return { httpStatus: status, ...(code ? { errorCode: code } : {}), message: text };
}

/** The failure of a request that got no response. */
export function networkFailure(e: unknown): Failure {
  const err = e as { name?: string; code?: unknown; cause?: { code?: unknown; message?: string }; message?: string } | undefined;
  // Only string codes (ECONNRESET, UND_ERR_…): a DOMException's `code` is a number (23 for a timeout).
  const text = (c: unknown): string | undefined => (typeof c === "string" && c !== "" ? c : undefined);
  const code = err?.name === "TimeoutError" ? "TIMEOUT" : (text(err?.cause?.code) ?? text(err?.code));
  const why = err?.name === "TimeoutError" ? "the request timed out" : (err?.cause?.message ?? err?.message ?? String(e));
  return { ...(code ? { errorCode: code } : {}), message: cut(`no response: ${why}`) };
}
