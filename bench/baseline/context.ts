/**
 * Role: one export being checked — the lookups the std defs `effective_policy`, `ncc` and
 * `private_access_settings` do (`first x in xs where x.id == id`: first match wins; a map is
 * built only for long lists), the per-policy and per-NCC fact caches, and the account-wide
 * attestation facts (DNS forwarding, legacy regional URLs), computed on first use.
 */

import { dnsMatch, normDomain } from "./dns.js";
import { count, list, type Account, type Export, type Ncc, type NetworkPolicy, type PrivateAccessSettings } from "./export.js";
import { NccFacts } from "./ncc.js";
import type { Params } from "./params.js";
import { PolicyFacts } from "./policy.js";

/** The zones `dns forwarding for private_link_zones` (APPS-ING-007) needs. */
const ZONES = ["*.databricksapps.com", "*.azuredatabricks.net", "*.privatelink.azuredatabricks.net"] as const;

/** First element of `items` whose `field` equals `id` (`first x in items where x.field == id`), as an index. */
function indexOf<T>(items: readonly (T | null)[], field: keyof T, id: unknown, map: Map<unknown, number> | undefined): number {
  if (id == null) return -1;
  if (map !== undefined) return map.get(id) ?? -1;
  for (let i = 0; i < items.length; i++) if (items[i]?.[field] === id) return i;
  return -1;
}

function indexMap<T>(items: readonly (T | null)[], field: keyof T): Map<unknown, number> | undefined {
  if (items.length <= 8) return undefined;
  const m = new Map<unknown, number>();
  for (let i = 0; i < items.length; i++) {
    const id = items[i]?.[field];
    if (id != null && !m.has(id)) m.set(id, i);
  }
  return m;
}

/** One export being checked. */
export class Ctx {
  readonly account: Account | undefined;
  /** `collection.cloud`. */
  readonly cloud: unknown;
  private readonly policies: readonly (NetworkPolicy | null)[];
  private readonly nccs: readonly (Ncc | null)[];
  private readonly pas: readonly (PrivateAccessSettings | null)[];
  private readonly policyIndex: Map<unknown, number> | undefined;
  private readonly nccIndex: Map<unknown, number> | undefined;
  private readonly policyFacts: (PolicyFacts | undefined)[];
  private readonly nccFacts: (NccFacts | undefined)[];
  private noPolicy: PolicyFacts | undefined;
  private noNcc: NccFacts | undefined;
  private attestationsDone = false;
  private dns = false;
  private legacyPresent = false;
  private legacyFalse = false;

  constructor(
    readonly doc: Export,
    readonly params: Params,
  ) {
    const a = doc.account;
    this.account = a == null ? undefined : a;
    this.cloud = doc.collection?.cloud;
    this.policies = list(a?.network_policies);
    this.nccs = list(a?.network_connectivity_configs);
    this.pas = list(a?.private_access_settings);
    this.policyIndex = indexMap(this.policies, "network_policy_id");
    this.nccIndex = indexMap(this.nccs, "network_connectivity_config_id");
    this.policyFacts = new Array<PolicyFacts | undefined>(this.policies.length);
    this.nccFacts = new Array<NccFacts | undefined>(this.nccs.length);
  }

  /** `effective_policy(ws)` for the policy id `effective_policy_id(ws)`. */
  policy(id: unknown): PolicyFacts {
    const i = indexOf(this.policies, "network_policy_id", id, this.policyIndex);
    if (i < 0) return (this.noPolicy ??= new PolicyFacts(undefined, this.params));
    return (this.policyFacts[i] ??= new PolicyFacts(this.policies[i]!, this.params));
  }

  /** `ncc(ws)` for the workspace's NCC id. */
  ncc(id: unknown): NccFacts {
    const i = indexOf(this.nccs, "network_connectivity_config_id", id, this.nccIndex);
    if (i < 0) return (this.noNcc ??= new NccFacts(undefined));
    return (this.nccFacts[i] ??= new NccFacts(this.nccs[i]!));
  }

  /** `private_access_settings(ws)` for the workspace's settings id. */
  privateAccessSettings(id: unknown): PrivateAccessSettings | undefined {
    const i = indexOf(this.pas, "private_access_settings_id", id, undefined);
    return i < 0 ? undefined : this.pas[i]!;
  }

  private attestations(): void {
    if (this.attestationsDone) return;
    this.attestationsDone = true;
    const at = this.doc.attestations;
    const legacy = at?.legacy_regional_urls_in_use;
    this.legacyPresent = legacy != null;
    this.legacyFalse = legacy?.value === false;
    // `dns_forwarded(z)` for each zone: an attestation with a forwarder whose zone, or `*.` + zone, covers z.
    let covered = 0;
    const fwd = list(at?.dns_conditional_forwarding);
    for (let i = 0; i < fwd.length; i++) {
      const a = fwd[i];
      if (a == null || count(a.forwarders) === 0 || typeof a.zone !== "string") continue;
      const z = normDomain(a.zone);
      const sub = normDomain(`*.${a.zone}`);
      for (let k = 0; k < ZONES.length; k++) {
        const zone = ZONES[k]!;
        if ((z !== undefined && dnsMatch(zone, z)) || (sub !== undefined && dnsMatch(zone, sub))) covered |= 1 << k;
      }
    }
    this.dns = covered === (1 << ZONES.length) - 1;
  }

  /** APPS-ING-007: `dns forwarding for private_link_zones`. */
  dnsForwarded(): boolean {
    this.attestations();
    return this.dns;
  }

  /** APPS-ING-008: `attestations.legacy_regional_urls_in_use is present`. */
  legacyIsPresent(): boolean {
    this.attestations();
    return this.legacyPresent;
  }

  /** APPS-ING-008: `attestations.legacy_regional_urls_in_use.value == false`. */
  legacyIsFalse(): boolean {
    this.attestations();
    return this.legacyFalse;
  }
}
