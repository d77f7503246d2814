/**
 * `--warehouse ID`: where a SQL warehouse lives, and which workspaces' denial logs it can read.
 *
 * A SQL warehouse belongs to exactly one workspace and is addressed only through that
 * workspace's host, so the collector finds it: `GET /api/2.0/sql/warehouses/{id}` on each
 * reachable collected workspace, in the export's order, until one answers with the warehouse
 * (databricks-sdk-go `service/sql/impl.go`, `warehousesImpl.Get`). Any other answer (404,
 * 403, …) means "not here"; what each workspace said is kept for the message when no
 * workspace has it.
 *
 * `system.access.outbound_network` is a regional system table: a query sees the events of
 * the workspaces in the region of the workspace it runs in (one metastore per region). So a
 * warehouse covers the workspaces whose accounts-API region (`aws_region`, else `location`)
 * is its workspace's region; when that region is unknown, only its own workspace.
 */

import type { HostClient } from "./client.js";
import type { CollectContext } from "./context.js";
import { unreachable } from "./workspace.js";
import type { WorkspaceSeed } from "./workspaces.js";

export interface LocatedWarehouse {
  readonly id: string;
  /** Index of the workspace that owns it. */
  readonly index: number;
  readonly client: HostClient;
  /** Its workspace's region, lower case; undefined when the accounts API does not say. */
  readonly region?: string;
}

export type WarehouseSearch = { readonly found: true; readonly warehouse: LocatedWarehouse } | { readonly found: false; readonly why: string };

/** The region of a workspace from its accounts-API object (`aws_region` on AWS, `location` on Azure and GCP). */
export function regionOf(accountWorkspace: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const r = accountWorkspace?.["aws_region"] ?? accountWorkspace?.["location"];
  return typeof r === "string" && r.trim() !== "" ? r.replace(/\s+/g, "").toLowerCase() : undefined;
}

/** How a workspace is named in messages: its name, else its id. */
export function workspaceLabel(seed: WorkspaceSeed): string {
  const name = seed.accountWorkspace?.["workspace_name"];
  return typeof name === "string" && name !== "" ? `${name} (${seed.idText})` : seed.idText;
}

/** The workspace that owns warehouse `id`, looked up in the collected workspaces in order. */
export async function locateWarehouse(ctx: CollectContext, seeds: readonly WorkspaceSeed[], id: string): Promise<WarehouseSearch> {
  const asked: string[] = [];
  for (const [index, seed] of seeds.entries()) {
    const url = seed.accountWorkspace ? ctx.workspaceUrl(seed.accountWorkspace) : undefined;
    if (unreachable(seed, url) !== undefined) continue;
    const client = ctx.workspaceClient(url!);
    const r = await client.get(`/api/2.0/sql/warehouses/${encodeURIComponent(id)}`);
    if (r.ok && typeof r.value === "object" && r.value !== null && !Array.isArray(r.value) && (r.value as { id?: unknown }).id === id) {
      const region = regionOf(seed.accountWorkspace);
      return { found: true, warehouse: { id, index, client, ...(region !== undefined ? { region } : {}) } };
    }
    const said = r.ok ? "answered without the warehouse" : [r.failure.httpStatus, r.failure.errorCode].filter((x) => x !== undefined).join(" ") || r.failure.message;
    asked.push(`${workspaceLabel(seed)}: ${said}`);
  }
  const why = asked.length === 0 ? "no collected workspace could be asked (none is running with a known URL)" : `no collected workspace has it (${asked.join("; ")})`;
  return { found: false, why: ctx.secrets.scrub(`--warehouse ${id} was not found: ${why}`) };
}
