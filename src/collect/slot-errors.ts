/**
 * `collection.errors` entries: a slot that was not collected, the request that failed, its
 * HTTP status and error code when a response arrived, and the server's message (scrubbed of
 * secrets). A slot is named with the export's slot paths (`account.network_policies`,
 * `workspaces[3].apps`, `account.network_connectivity_configs[0].private_endpoint_rules`).
 *
 * Invariant: a slot with an entry here is absent from the document; nothing stands in for
 * data that was not read.
 */

import type { CallFailure } from "./client.js";
import type { Secrets } from "./redact.js";

export interface SlotError {
  readonly slot: string;
  readonly request?: string;
  readonly http_status?: number;
  readonly error_code?: string;
  readonly message?: string;
}

export function slotError(slot: string, f: CallFailure, secrets: Secrets): SlotError {
  return {
    slot,
    request: secrets.scrub(f.request),
    ...(f.failure.httpStatus !== undefined ? { http_status: f.failure.httpStatus } : {}),
    ...(f.failure.errorCode !== undefined ? { error_code: secrets.scrub(f.failure.errorCode) } : {}),
    message: secrets.scrub(f.failure.message),
  };
}

/** A slot that was not attempted, with the reason (no request was sent). */
export function notAttempted(slot: string, request: string, message: string): SlotError {
  return { slot, request, message };
}

/** One line for stderr: `workspaces[1].apps: GET /api/2.0/apps → 403 PERMISSION_DENIED: message`. */
export function describeSlotError(e: SlotError): string {
  const status = [e.http_status, e.error_code].filter((x) => x !== undefined).join(" ");
  return `${e.slot}: ${e.request ?? "(no request)"}${status ? ` → ${status}` : ""}${e.message ? `: ${e.message}` : ""}`;
}
