/**
 * `workspaces[i].azure_resource`: the ARM `Microsoft.Databricks/workspaces` resource of an
 * Azure workspace (public network access, No Public IP, VNet injection, front-end Private
 * Link connections, SKU — facts the Databricks APIs do not expose).
 *
 * `GET <management>/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Databricks/
 * workspaces/{name}?api-version=2024-05-01`, where the subscription and resource group come
 * from the accounts API's `azure_workspace_info` and the name is `workspace_name`. The answer
 * is kept only when its `properties.workspaceId` is this workspace's id, so a renamed or
 * reused resource name never puts another workspace's facts in the export.
 */

import type { CallFailure } from "./client.js";
import type { CollectContext } from "./context.js";
import { send } from "./http.js";
import { integerText } from "./json.js";

export const ARM_API_VERSION = "2024-05-01";

export type AzureOutcome = { readonly ok: true; readonly value: Record<string, unknown> } | ({ readonly ok: false } & CallFailure);

function text(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export async function collectAzureResource(ctx: CollectContext, accountWorkspace: Readonly<Record<string, unknown>> | undefined, idText: string): Promise<AzureOutcome> {
  const info = accountWorkspace?.["azure_workspace_info"] as { subscription_id?: unknown; resource_group?: unknown } | undefined;
  const sub = text(info?.subscription_id);
  const rg = text(info?.resource_group);
  const name = text(accountWorkspace?.["workspace_name"]);
  const path = "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Databricks/workspaces/{name}";
  if (sub === undefined || rg === undefined || name === undefined) {
    const why = accountWorkspace === undefined ? "the workspace's accounts-API object was not collected" : "the accounts API gave no azure_workspace_info (subscription_id, resource_group) and workspace_name";
    return { ok: false, request: `GET ${ctx.armEndpoints.management}${path}`, failure: { message: `cannot locate the ARM resource: ${why}` } };
  }
  const url = `${ctx.armEndpoints.management}/subscriptions/${encodeURIComponent(sub)}/resourceGroups/${encodeURIComponent(rg)}/providers/Microsoft.Databricks/workspaces/${encodeURIComponent(name)}?api-version=${ARM_API_VERSION}`;
  const request = `GET ${url}`;
  const auth = await ctx.credentials.arm();
  if (!auth.ok) return "unavailable" in auth ? { ok: false, request, failure: { message: auth.unavailable } } : { ok: false, request: auth.request, failure: auth.failure };
  const r = await send(ctx.http, { method: "GET", url, headers: { Authorization: auth.authorization, Accept: "application/json" } });
  if (!r.ok) return { ok: false, request, failure: r.failure };
  const v = r.value;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return { ok: false, request, failure: { message: "unexpected response: expected a JSON object" } };
  const resource = v as Record<string, unknown>;
  const armId = (resource["properties"] as { workspaceId?: unknown } | undefined)?.workspaceId;
  const armIdText = typeof armId === "string" ? armId : integerText(armId);
  if (armIdText !== idText) {
    return { ok: false, request, failure: { message: `the ARM resource \`${name}\` is workspace ${armIdText ?? "(no properties.workspaceId)"}, not ${idText}; it is not used` } };
  }
  return { ok: true, value: resource };
}
