/**
 * `workspaces[].outbound_network_summary`: the denied egress of the last `--since` days,
 * aggregated from the system table `system.access.outbound_network` through a SQL warehouse
 * (`--warehouse`, `sql-statement.ts`).
 *
 * Columns read (docs "Network access events system table reference"): `workspace_id`
 * (string), `access_type` (`DROP`, `DRY_RUN_DENIAL`), `network_source_type` (`DBSQL`,
 * `General Compute`, `MLServing`, `ML Build`, `Apps`), `destination_type` (`DNS`, `IP`,
 * `STORAGE`), `destination`, `dns_event {domain_name, rcode}`, `storage_event {hostname,
 * path, rejection_reason}`, `event_time` (timestamp). One summary row per workspace, access
 * type, source, destination type, destination, DNS answer and storage host/reason, with the
 * number of events and the first and last time seen; `storage_event.path` is kept only when
 * every event of the row has the same path (paths are per file). Rows are ordered by their
 * key, so two runs over the same events write the same export.
 *
 * One statement per region, not per workspace: the table is regional (it holds the events of
 * every workspace of the account in the region of the workspace the query runs in) and a
 * warehouse can only be reached through its own workspace, so a warehouse answers for all the
 * workspaces of its region at once (`warehouse.ts`), in one scan, filtered to the collected
 * workspaces. The workspace ids and the time window are named parameters, never written into
 * the statement. A workspace no warehouse covers is recorded as not collected, never as an
 * empty summary: an empty summary means "no denials", which is a finding.
 */

import type { Failure } from "./api-error.js";
import type { CallFailure } from "./client.js";
import type { CollectContext } from "./context.js";
import { rfc3339 } from "./document.js";
import { integerText } from "./json.js";
import { notAttempted, slotError, type SlotError } from "./slot-errors.js";
import { runStatement, STATEMENTS_PATH, type Statement } from "./sql-statement.js";
import { locateWarehouse, regionOf, workspaceLabel, type LocatedWarehouse } from "./warehouse.js";
import type { WorkspaceSeed } from "./workspaces.js";

export interface OutboundOptions {
  /** `--warehouse` ids in the order given (one per region is enough). */
  readonly warehouses: readonly string[];
  readonly sinceDays: number;
  /** The end of the window (the export's time). */
  readonly exportedAt: Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly pollBudgetMs: number;
}

export interface OutboundPart {
  /** Per workspace index: the summary rows, or undefined when not collected. */
  readonly rows: readonly (readonly Record<string, unknown>[] | undefined)[];
  /** Per workspace index: why the slot was not collected. */
  readonly errors: readonly (readonly SlotError[])[];
  readonly warnings: readonly string[];
}

export const DEFAULT_SINCE_DAYS = 30;
const SLOT = "outbound_network_summary";
const HOW = "pass --warehouse ID (a SQL warehouse in the workspace's region; or DATABRICKS_WAREHOUSE_ID, or warehouse_id in the profile)";

/** The summary statement; `:workspace_ids` is a comma-separated list, the window `[:window_start, :window_end)`. */
export const SUMMARY_SQL = `WITH denials AS (
  SELECT
    workspace_id,
    access_type,
    network_source_type,
    destination_type,
    COALESCE(destination, dns_event.domain_name, storage_event.hostname) AS destination,
    dns_event.domain_name AS dns_domain_name,
    dns_event.rcode AS dns_rcode,
    storage_event.hostname AS storage_hostname,
    storage_event.path AS storage_path,
    storage_event.rejection_reason AS storage_rejection_reason,
    event_time
  FROM system.access.outbound_network
  WHERE array_contains(split(:workspace_ids, ','), workspace_id)
    AND event_time >= :window_start
    AND event_time < :window_end
)
SELECT
  workspace_id, access_type, network_source_type, destination_type, destination,
  dns_domain_name, dns_rcode, storage_hostname, storage_rejection_reason,
  CASE WHEN COUNT(DISTINCT storage_path) = 1 THEN MIN(storage_path) END AS storage_path,
  COUNT(*) AS events,
  MIN(event_time) AS first_seen,
  MAX(event_time) AS last_seen
FROM denials
GROUP BY workspace_id, access_type, network_source_type, destination_type, destination,
  dns_domain_name, dns_rcode, storage_hostname, storage_rejection_reason
ORDER BY workspace_id, access_type, network_source_type, destination_type, destination,
  dns_domain_name, dns_rcode, storage_hostname, storage_rejection_reason`;

const ROW_FIELDS = ["workspace_id", "access_type", "network_source_type", "destination_type", "destination", "events", "first_seen", "last_seen"] as const;
const DETAIL_FIELDS = ["dns_domain_name", "dns_rcode", "storage_hostname", "storage_path", "storage_rejection_reason"] as const;

/** A workspace id cell as decimal text (the table's column is a string; a LONG is accepted too). */
function idText(v: unknown): string | undefined {
  return typeof v === "string" ? v : integerText(v);
}

/** The statement for the workspaces `ids` over the `sinceDays` before `end`. */
export function summaryStatement(warehouseId: string, ids: readonly string[], end: Date, sinceDays: number): Statement {
  const start = new Date(end.getTime() - sinceDays * 86_400_000);
  return {
    warehouseId,
    statement: SUMMARY_SQL,
    parameters: [
      { name: "workspace_ids", value: ids.join(","), type: "STRING" },
      { name: "window_start", value: rfc3339(start), type: "TIMESTAMP" },
      { name: "window_end", value: rfc3339(end), type: "TIMESTAMP" },
    ],
  };
}

/** A result row as the export's summary row: nulls left out, DNS and storage details as objects. */
export function summaryRow(r: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const f of ROW_FIELDS) if (r[f] !== null && r[f] !== undefined) row[f] = f === "workspace_id" ? (idText(r[f]) ?? r[f]) : r[f];
  const pick = (pairs: readonly (readonly [string, string])[]) => {
    const o: Record<string, unknown> = {};
    for (const [from, to] of pairs) if (r[from] !== null && r[from] !== undefined) o[to] = r[from];
    return Object.keys(o).length > 0 ? o : undefined;
  };
  const dns = pick([["dns_domain_name", "domain_name"], ["dns_rcode", "rcode"]]);
  const storage = pick([["storage_hostname", "hostname"], ["storage_path", "path"], ["storage_rejection_reason", "rejection_reason"]]);
  if (dns) row["dns_event"] = dns;
  if (storage) row["storage_event"] = storage;
  return row;
}

/** What to do about a failed statement, from its HTTP status, error code or Spark error class. */
export function remedy(f: Failure, warehouseId: string): string {
  const text = `${f.errorCode ?? ""} ${f.message}`;
  if (/TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND/.test(text)) {
    return "the system schema `access` is probably not enabled in this region's metastore: an account admin enables it (`databricks system-schemas enable <metastore-id> access`); then export again with --warehouse";
  }
  if (/UNRESOLVED_COLUMN|FIELD_NOT_FOUND/.test(text)) {
    return "this region's system.access.outbound_network lacks a column the summary reads (the table is in Public Preview and its columns have changed; network_source_type is recent); export again with --warehouse once the table has it";
  }
  if (f.httpStatus === 403 || /PERMISSION_DENIED|INSUFFICIENT_PERMISSIONS/.test(text)) {
    return `the principal needs CAN USE on SQL warehouse ${warehouseId}, and USE CATALOG on system, USE SCHEMA on system.access and SELECT on system.access.outbound_network; then export again with --warehouse`;
  }
  if (f.httpStatus === 404 || /RESOURCE_DOES_NOT_EXIST|NOT_FOUND/.test(text)) return `check that SQL warehouse ${warehouseId} still exists; then export again with --warehouse`;
  if (f.errorCode === "DEADLINE_EXCEEDED") return `start SQL warehouse ${warehouseId} (or pass a serverless one) and export again with --warehouse`;
  return "export again with --warehouse once the warehouse answers";
}

function failureError(slot: string, f: CallFailure, warehouse: LocatedWarehouse, ctx: CollectContext): SlotError {
  const e = slotError(slot, f, ctx.secrets);
  return { ...e, message: ctx.secrets.scrub(`${e.message ?? ""}; ${remedy(f.failure, warehouse.id)}`) };
}

function regionsText(warehouses: readonly LocatedWarehouse[], seeds: readonly WorkspaceSeed[]): string {
  return warehouses.map((w) => `${w.id} in ${workspaceLabel(seeds[w.index]!)}, ${w.region ?? "region unknown"}`).join("; ");
}

/** Why workspace `seed` is not covered by any located warehouse. */
function uncoveredMessage(seed: WorkspaceSeed, located: readonly LocatedWarehouse[], notFound: readonly string[], seeds: readonly WorkspaceSeed[]): string {
  const region = regionOf(seed.accountWorkspace);
  const missing = notFound.length > 0 ? `; ${notFound.join("; ")}` : "";
  if (located.length === 0 && notFound.length === 0) {
    return `not collected: no SQL warehouse was given, so system.access.outbound_network was not queried; ${HOW}`;
  }
  if (region === undefined) {
    return `not collected: the workspace's region is unknown (its accounts-API object has none, or was not collected), so no --warehouse can be matched to it${missing}`;
  }
  const given = located.length > 0 ? `the warehouses found are ${regionsText(located, seeds)}` : "no --warehouse was found";
  return `not collected: no --warehouse in this workspace's region (${region}); system.access.outbound_network holds only the events of the region the query runs in, and ${given}${missing}; pass --warehouse ID of a SQL warehouse of a workspace in ${region}`;
}

export async function collectOutboundNetwork(ctx: CollectContext, seeds: readonly WorkspaceSeed[], o: OutboundOptions): Promise<OutboundPart> {
  const rows: (Record<string, unknown>[] | undefined)[] = seeds.map(() => undefined);
  const errors: SlotError[][] = seeds.map(() => []);
  const warnings: string[] = [];
  const at = (i: number) => `workspaces[${i}].${SLOT}`;
  if (seeds.length === 0) return { rows, errors, warnings };

  // Which workspace each warehouse belongs to; one warehouse per region.
  const located: LocatedWarehouse[] = [];
  const notFound: string[] = [];
  for (const id of [...new Set(o.warehouses)]) {
    const s = await locateWarehouse(ctx, seeds, id);
    if (!s.found) {
      notFound.push(s.why);
      continue;
    }
    const same = located.find((w) => (w.region ?? `#${w.index}`) === (s.warehouse.region ?? `#${s.warehouse.index}`));
    if (same) warnings.push(`--warehouse ${id} is in the same region as --warehouse ${same.id} (${same.region ?? workspaceLabel(seeds[same.index]!)}); only ${same.id} is used`);
    else located.push(s.warehouse);
  }
  const covers = (w: LocatedWarehouse, i: number) => (w.region !== undefined ? regionOf(seeds[i]!.accountWorkspace) === w.region : w.index === i);
  const groups = located.map((w) => ({ warehouse: w, indices: seeds.map((_, i) => i).filter((i) => covers(w, i)) }));
  const covered = new Set(groups.flatMap((g) => g.indices));
  for (const [i, seed] of seeds.entries()) {
    if (!covered.has(i)) errors[i]!.push(notAttempted(at(i), `POST ${STATEMENTS_PATH}`, ctx.secrets.scrub(uncoveredMessage(seed, located, notFound, seeds))));
  }

  for (const { warehouse, indices } of groups) {
    const ids = indices.map((i) => seeds[i]!.idText);
    ctx.http.log?.(`system.access.outbound_network: warehouse ${warehouse.id} in ${workspaceLabel(seeds[warehouse.index]!)} answers for ${indices.map(at).join(", ")}`);
    const r = await runStatement(warehouse.client, summaryStatement(warehouse.id, ids, o.exportedAt, o.sinceDays), { sleep: o.sleep, pollBudgetMs: o.pollBudgetMs, ...(ctx.http.log ? { log: ctx.http.log } : {}) });
    const missing = r.ok ? [...ROW_FIELDS, ...DETAIL_FIELDS].filter((f) => !r.value.columns.some((c) => c.name === f)) : [];
    const outcome: CallFailure | undefined = !r.ok ? r : missing.length > 0 ? { request: `POST ${STATEMENTS_PATH}`, failure: { message: `unexpected response: the result has no column ${missing.join(", ")}` } } : undefined;
    if (outcome !== undefined) {
      for (const i of indices) errors[i]!.push(failureError(at(i), outcome, warehouse, ctx));
      continue;
    }
    const result = r.ok ? r.value.rows : [];
    for (const i of indices) rows[i] = result.filter((row) => idText(row["workspace_id"]) === seeds[i]!.idText).map(summaryRow);
  }
  return { rows, errors, warnings };
}
