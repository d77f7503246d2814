/**
 * The export document from the collected parts, in the order `EXPORT.md` lists the slots:
 * `schema`, `exported_at`, `collection` (`source: "rest"`, the cloud when known, the
 * accounts host, the errors), `account`, `workspaces` (left out when the workspace list
 * could not be read: `collection.errors` then names the slot `workspaces`).
 */

import type { Cloud } from "./hosts.js";
import type { SlotError } from "./slot-errors.js";

export const EXPORT_SCHEMA_TAG = "dbx-network-export/v1";

export interface DocumentParts {
  readonly exportedAt: Date;
  readonly cloud?: Cloud;
  readonly accountsHost: string;
  readonly errors: readonly SlotError[];
  readonly account: Record<string, unknown>;
  readonly workspaces?: readonly Record<string, unknown>[];
}

/** RFC 3339 to the second, UTC. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function buildDocument(p: DocumentParts): Record<string, unknown> {
  return {
    schema: EXPORT_SCHEMA_TAG,
    exported_at: rfc3339(p.exportedAt),
    collection: {
      source: "rest",
      ...(p.cloud !== undefined ? { cloud: p.cloud } : {}),
      accounts_host: p.accountsHost,
      errors: p.errors,
    },
    account: p.account,
    ...(p.workspaces !== undefined ? { workspaces: p.workspaces } : {}),
  };
}
