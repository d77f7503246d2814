/**
 * The slots of one workspace:
 *
 * | slot | host | request |
 * |---|---|---|
 * | `account_workspace` | accounts | from the workspace list (`workspaces.ts`) |
 * | `azure_resource` | ARM | Azure workspaces only (`azure.ts`) |
 * | `network_option` | accounts | `GET …/workspaces/{id}/network` |
 * | `workspace_conf` | workspace | `GET /api/2.0/workspace-conf?keys=…` — the keys the export schema models |
 * | `ip_access_lists` | workspace | `GET /api/2.0/ip-access-lists` → `{"ip_access_lists": [...]}` |
 * | `apps` | workspace | `GET /api/2.0/apps`, every page → `{"apps": [...], "next_page_token"}` |
 *
 * The workspace-host slots need the workspace's URL (from `deployment_name`) and a running
 * workspace; without them they are recorded as not collected with the reason, and no request
 * is sent. Each slot is independent: one failure leaves the others in place.
 * (`outbound_network_summary` is read afterwards, one statement per region:
 * `outbound-network.ts`.)
 */

import { exportRootType, type ObjectTy } from "../schema/index.js";
import { collectAzureResource } from "./azure.js";
import { getObject, listAll, type Call } from "./client.js";
import { accountPath, type CollectContext } from "./context.js";
import type { Cloud } from "./hosts.js";
import { notAttempted, slotError, type SlotError } from "./slot-errors.js";
import type { WorkspaceSeed } from "./workspaces.js";

export interface WorkspacePart {
  readonly entry: Record<string, unknown>;
  readonly errors: readonly SlotError[];
}

let confKeys: string | undefined;

/** The workspace-conf keys the export schema models, comma-separated (one source of truth). */
export function workspaceConfKeys(): string {
  if (confKeys !== undefined) return confKeys;
  const ws = exportRootType().fields.get("workspaces");
  const conf = ws?.kind === "list" && ws.elem.kind === "object" ? ws.elem.fields.get("workspace_conf") : undefined;
  const keys = conf?.kind === "object" ? [...(conf as ObjectTy).fields.keys()] : ["enableIpAccessLists"];
  return (confKeys = keys.join(","));
}

function isAzure(seed: WorkspaceSeed, accountCloud: Cloud | undefined): boolean {
  const cloud = seed.accountWorkspace?.["cloud"];
  return typeof cloud === "string" ? cloud.toLowerCase() === "azure" : accountCloud === "azure";
}

/** Why the workspace host cannot be asked, or undefined when it can. */
export function unreachable(seed: WorkspaceSeed, url: string | undefined): string | undefined {
  if (seed.accountWorkspace === undefined) return "the workspace's accounts-API object was not collected, so its URL is unknown";
  const status = seed.accountWorkspace["workspace_status"];
  if (typeof status === "string" && status !== "RUNNING") return `the workspace is ${status}, not RUNNING`;
  if (url === undefined) return "the workspace URL is unknown (no deployment_name from the accounts API, or an accounts host outside the known Databricks domains)";
  return undefined;
}

export async function collectWorkspace(ctx: CollectContext, seed: WorkspaceSeed, index: number, accountCloud: Cloud | undefined): Promise<WorkspacePart> {
  const at = (slot: string) => `workspaces[${index}].${slot}`;
  const url = seed.accountWorkspace ? ctx.workspaceUrl(seed.accountWorkspace) : undefined;
  const entry: Record<string, unknown> = { workspace_id: seed.id };
  if (url !== undefined) entry["workspace_url"] = url;
  if (seed.accountWorkspace !== undefined) entry["account_workspace"] = seed.accountWorkspace;
  const errors: SlotError[] = [];
  const keep = (slot: string, r: Call<unknown>) => {
    if (r.ok) entry[slot] = r.value;
    else errors.push(slotError(at(slot), r, ctx.secrets));
  };

  if (isAzure(seed, accountCloud)) keep("azure_resource", await collectAzureResource(ctx, seed.accountWorkspace, seed.idText));
  keep("network_option", await getObject(ctx.accounts, accountPath(ctx, `/workspaces/${seed.idText}/network`)));

  const confQuery = { keys: workspaceConfKeys() };
  const why = unreachable(seed, url);
  if (why !== undefined) {
    errors.push(notAttempted(at("workspace_conf"), `GET /api/2.0/workspace-conf?keys=${confQuery.keys}`, why));
    errors.push(notAttempted(at("ip_access_lists"), "GET /api/2.0/ip-access-lists", why));
    errors.push(notAttempted(at("apps"), "GET /api/2.0/apps", why));
    return { entry, errors };
  }
  const ws = ctx.workspaceClient(url!);
  keep("workspace_conf", await getObject(ws, "/api/2.0/workspace-conf", confQuery));
  keep("ip_access_lists", await listAll(ws, "/api/2.0/ip-access-lists", "ip_access_lists"));
  keep("apps", await listAll(ws, "/api/2.0/apps", "apps"));
  return { entry, errors };
}
