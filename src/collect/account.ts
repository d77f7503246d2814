/**
 * The account slots, read from the accounts host:
 *
 * | slot | request | response |
 * |---|---|---|
 * | `account.ip_access_enable` | `GET …/settings/types/acct_ip_acl_enable/names/default` | the setting object |
 * | `account.ip_access_lists` | `GET …/ip-access-lists` | `{"ip_access_lists": [...]}` |
 * | `account.network_policies` | `GET …/network-policies` | `{"items": [...], "next_page_token"}` |
 * | `account.network_connectivity_configs` | `GET …/network-connectivity-configs` | `{"items": [...], "next_page_token"}` |
 * | `…network_connectivity_configs[i].private_endpoint_rules` | `GET …/network-connectivity-configs/{id}/private-endpoint-rules` | `{"items": [...], "next_page_token"}` |
 * | `account.private_access_settings` (AWS, GCP) | `GET …/private-access-settings` | a bare array |
 *
 * Lists are stored as their items, objects verbatim; `private_endpoint_rules` is the one key
 * added to an API object (each NCC's rules, from the per-NCC request). A failed slot is left
 * out and recorded.
 */

import { getArray, getObject, listAll, type Call } from "./client.js";
import { accountPath, type CollectContext } from "./context.js";
import type { Cloud } from "./hosts.js";
import { slotError, type SlotError } from "./slot-errors.js";

export interface AccountPart {
  readonly account: Record<string, unknown>;
  readonly errors: readonly SlotError[];
}

export async function collectAccount(ctx: CollectContext, cloud: Cloud | undefined): Promise<AccountPart> {
  const account: Record<string, unknown> = { account_id: ctx.accountId };
  const errors: SlotError[] = [];
  const keep = <T>(slot: string, key: string, r: Call<T>): T | undefined => {
    if (r.ok) account[key] = r.value;
    else errors.push(slotError(slot, r, ctx.secrets));
    return r.ok ? r.value : undefined;
  };

  keep("account.ip_access_enable", "ip_access_enable", await getObject(ctx.accounts, accountPath(ctx, "/settings/types/acct_ip_acl_enable/names/default")));
  keep("account.ip_access_lists", "ip_access_lists", await listAll(ctx.accounts, accountPath(ctx, "/ip-access-lists"), "ip_access_lists"));
  keep("account.network_policies", "network_policies", await listAll(ctx.accounts, accountPath(ctx, "/network-policies"), "items"));

  const nccs = await listAll(ctx.accounts, accountPath(ctx, "/network-connectivity-configs"), "items");
  if (!nccs.ok) errors.push(slotError("account.network_connectivity_configs", nccs, ctx.secrets));
  else {
    const withRules: unknown[] = [];
    for (const [i, ncc] of nccs.value.entries()) {
      const id = (ncc as { network_connectivity_config_id?: unknown } | null)?.network_connectivity_config_id;
      if (typeof id !== "string" || id === "") {
        withRules.push(ncc); // schema validation will say what is wrong with it; there is no id to ask with
        continue;
      }
      const rules = await listAll(ctx.accounts, accountPath(ctx, `/network-connectivity-configs/${encodeURIComponent(id)}/private-endpoint-rules`), "items");
      if (rules.ok) withRules.push({ ...(ncc as object), private_endpoint_rules: rules.value });
      else {
        withRules.push(ncc);
        errors.push(slotError(`account.network_connectivity_configs[${i}].private_endpoint_rules`, rules, ctx.secrets));
      }
    }
    account["network_connectivity_configs"] = withRules;
  }

  // Front-end Private Link settings exist on AWS and GCP only (on Azure it is an ARM fact).
  if (cloud === "aws" || cloud === "gcp") {
    keep("account.private_access_settings", "private_access_settings", await getArray(ctx.accounts, accountPath(ctx, "/private-access-settings")));
  }
  return { account, errors };
}
