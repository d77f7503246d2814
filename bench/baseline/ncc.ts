/**
 * Role: everything the library asks of one network connectivity configuration (NCC) and its
 * private endpoint rules (`ncc_private_endpoint_rules`: the Azure and AWS target rules and the
 * exporter's rule list, concatenated), computed once per NCC and export and shared by every
 * workspace bound to it (`NccFacts(undefined)` stands for an NCC the account does not have).
 */

import { list, type Ncc, type PrivateEndpointRule } from "./export.js";

/** What the library asks of one NCC (or of none) and its private endpoint rules. */
export class NccFacts {
  readonly present: boolean;
  readonly region: unknown;
  /** `count(ncc_private_endpoint_rules(ws))`. */
  readonly ruleCount: number;
  /** APPS-EGR-008: active rules in a connection state other than ESTABLISHED (as the message list counts them). */
  readonly broken: number;
  /** `uses_azure_storage`, the rules half: an active rule for blob / dfs. */
  readonly blobRule: boolean;
  readonly dfsRule: boolean;
  /** APPS-EGR-005: active blob/dfs rules with a resource id — `lower(resource_id)` (null: not a string) and service. */
  readonly storLrid: (string | null)[] = [];
  readonly storSvc: string[] = [];

  constructor(n: Ncc | undefined) {
    this.present = n !== undefined;
    this.region = n?.region;
    const tr = n?.egress_config?.target_rules;
    const parts = [list(tr?.azure_private_endpoint_rules), list(tr?.aws_private_endpoint_rules), list(n?.private_endpoint_rules)];
    let count = 0;
    let broken = 0;
    let blob = false;
    let dfs = false;
    for (const rules of parts) {
      count += rules.length;
      for (let i = 0; i < rules.length; i++) {
        const r: PrivateEndpointRule | null | undefined = rules[i];
        if (r == null) continue;
        const active = r.deactivated !== true;
        const cs: unknown = r.connection_state;
        if (active && (cs == null || (typeof cs === "string" && cs !== "ESTABLISHED"))) broken++;
        const gid: unknown = r.group_id ?? "";
        if (!active || typeof gid !== "string") continue;
        const g = gid.toLowerCase();
        if (g !== "blob" && g !== "dfs") continue;
        if (g === "blob") blob = true;
        else dfs = true;
        const rid: unknown = r.resource_id;
        if (rid == null) continue;
        this.storLrid.push(typeof rid === "string" ? rid.toLowerCase() : null);
        this.storSvc.push(g);
      }
    }
    this.ruleCount = count;
    this.broken = broken;
    this.blobRule = blob;
    this.dfsRule = dfs;
  }
}
