/**
 * Role: everything the library asks of one network policy — the `std.databricks` egress and
 * context-based-ingress defs on the policy a workspace is bound to — computed once per policy
 * and export, and shared by every workspace bound to it (`PolicyFacts(undefined)` stands for a
 * policy the account does not have). Each field names the def or requirement it is the value of,
 * under the language's missing-value rules.
 */

import { dnsMatch, dnsMatchAny, normDomain } from "./dns.js";
import { list, type NetworkPolicy } from "./export.js";
import { TLD_WILDCARDS, type Params } from "./params.js";
import { ruleFacts } from "./public.js";

// The names the egress statements of the library check, in normal form.
const SERVING = "*.databricksapps.com";
const PYPI = "pypi.org";
const PYTHON_FILES = "files.pythonhosted.org";
const NPM = "registry.npmjs.org";

/** What the library asks of one network policy (or of none: the workspace's policy is absent). */
export class PolicyFacts {
  /** `effective_policy(ws) is present`. */
  readonly present: boolean;
  /** `egress_restricted`: restriction mode RESTRICTED_ACCESS. */
  readonly restricted: boolean;
  /** `restriction_mode == "FULL_ACCESS"`. */
  readonly full: boolean;
  /** `egress_enforced_for(ws, "apps")`. */
  readonly enforcedForApps: boolean;
  /** APPS-EGR-003: `(enforcement_mode ?? "ENFORCED") != "DRY_RUN"`. */
  readonly notDryRun: boolean;
  /** `egress_allows` for the serving domain, both Python indexes, the npm registry. */
  readonly allowsServing: boolean;
  readonly allowsPython: boolean;
  readonly allowsNode: boolean;
  /** `egress_allows_only(ws, approved_destinations)`. */
  readonly allowOnly: boolean;
  /** `egress_allows_storage(ws, "blob" / "dfs")`. */
  readonly allowsBlob: boolean;
  readonly allowsDfs: boolean;
  /** AZURE_STORAGE destinations for blob or dfs: service, and `/storageaccounts/<account>` (null: never matches). */
  private readonly storSvc: string[] = [];
  private readonly storSuffix: (string | null)[] = [];
  /** `context_ingress(ws) is present`, and `effective_policy(ws).ingress is present`. */
  readonly ctxIngress: boolean;
  readonly ingressInForce: boolean;
  /** APPS-ING-009's three requirements on the public part of the context-based ingress. */
  readonly pubRestricted: boolean;
  readonly noAllIpRule: boolean;
  /** The public allow rules' included ranges cover all IPv4 / IPv6; what they admit is within the limits. */
  readonly rulesCover4: boolean;
  readonly rulesCover6: boolean;
  readonly rulesSmall: boolean;
  /** Every rule's admitted set (included minus excluded) lies within `corporate`. */
  readonly rulesWithinCorporate: boolean;
  /** A public allow rule's included range is malformed (APPS-ING-009's third to sixth requirements fail). */
  readonly rulesIncludedMalformed: boolean;
  /** A public allow rule's included or excluded range is malformed (what reads `rule_admitted` fails). */
  readonly rulesMalformed: boolean;
  /** APPS-EGR-001: an allowed destination covers a whole top-level domain. */
  readonly tldWide: boolean;

  constructor(p: NetworkPolicy | undefined, prm: Params) {
    this.present = p !== undefined;
    const ea = p?.egress?.network_access;
    const rm = ea?.restriction_mode;
    this.restricted = rm === "RESTRICTED_ACCESS";
    this.full = rm === "FULL_ACCESS";
    const pe = ea?.policy_enforcement;
    const mode = pe?.enforcement_mode;
    const drp: unknown = pe?.dry_run_mode_product_filter ?? [];
    this.enforcedForApps =
      (ea != null && (mode ?? "ENFORCED") === "ENFORCED") ||
      (mode === "DRY_RUN" && Array.isArray(drp) && drp.length > 0 && !drp.includes("APPS"));
    this.notDryRun = (mode ?? "ENFORCED") !== "DRY_RUN";

    // Allowed internet destinations: the four names, and allow-only against the approved list.
    let serving = false;
    let pypi = false;
    let files = false;
    let npm = false;
    let only = true;
    let nonString = false;
    let tld = false;
    const allowed = list(ea?.allowed_internet_destinations);
    for (let i = 0; i < allowed.length; i++) {
      const d = allowed[i]?.destination;
      if (d == null) continue;
      if (typeof d !== "string") {
        nonString = true;
        only = false;
        continue;
      }
      const n = normDomain(d);
      if (n === undefined) {
        only = false;
        continue;
      }
      if (TLD_WILDCARDS.has(n)) tld = true;
      if (!serving && dnsMatch(SERVING, n)) serving = true;
      if (!pypi && dnsMatch(PYPI, n)) pypi = true;
      if (!files && dnsMatch(PYTHON_FILES, n)) files = true;
      if (!npm && dnsMatch(NPM, n)) npm = true;
      if (only && !(prm.approvedOk && dnsMatchAny(n, prm.approved))) only = false;
    }
    if (nonString) serving = pypi = files = npm = tld = false;
    this.tldWide = tld;
    let bServing = false;
    let bPypi = false;
    let bFiles = false;
    let bNpm = false;
    nonString = false;
    const blocked = list(ea?.blocked_internet_destinations);
    for (let i = 0; i < blocked.length; i++) {
      const d = blocked[i]?.destination;
      if (d == null) continue;
      if (typeof d !== "string") {
        nonString = true;
        continue;
      }
      const n = normDomain(d);
      if (n === undefined) continue;
      if (dnsMatch(SERVING, n)) bServing = true;
      if (dnsMatch(PYPI, n)) bPypi = true;
      if (dnsMatch(PYTHON_FILES, n)) bFiles = true;
      if (dnsMatch(NPM, n)) bNpm = true;
    }
    if (nonString) bServing = bPypi = bFiles = bNpm = false;
    const full = this.full;
    this.allowsServing = (full || serving) && !bServing;
    this.allowsPython = (full || pypi) && !bPypi && (full || files) && !bFiles;
    this.allowsNode = (full || npm) && !bNpm;
    this.allowOnly = this.restricted && only;

    // Allowed storage destinations.
    let blob = false;
    let dfs = false;
    const stor = list(ea?.allowed_storage_destinations);
    for (let i = 0; i < stor.length; i++) {
      const s = stor[i];
      if (s == null || s.storage_destination_type !== "AZURE_STORAGE") continue;
      const svc = s.azure_storage_service;
      const l = typeof svc === "string" ? svc.toLowerCase() : undefined;
      if (l !== "blob" && l !== "dfs") continue;
      if (l === "blob") blob = true;
      else dfs = true;
      const acct: unknown = s.azure_storage_account ?? "";
      this.storSvc.push(l);
      this.storSuffix.push(typeof acct === "string" ? `/storageaccounts/${acct.toLowerCase()}` : null);
    }
    this.allowsBlob = full || blob;
    this.allowsDfs = full || dfs;

    // Context-based ingress.
    const ci = p?.ingress ?? p?.ingress_dry_run;
    this.ctxIngress = ci != null;
    this.ingressInForce = p?.ingress != null;
    const pub = ci?.public_access;
    this.pubRestricted = pub?.restriction_mode === "RESTRICTED_ACCESS";
    let allIp = false;
    const rules = list(pub?.allow_rules);
    for (let i = 0; i < rules.length; i++) {
      const o = rules[i]?.origin;
      if (o?.all_ip_ranges === true) allIp = true;
    }
    this.noAllIpRule = !allIp;
    const rf = ruleFacts(rules, prm.corpSet, prm.maxPublic4, prm.maxPublic6);
    this.rulesCover4 = rf.cover4;
    this.rulesCover6 = rf.cover6;
    this.rulesSmall = rf.small;
    this.rulesWithinCorporate = rf.withinCorp;
    this.rulesIncludedMalformed = rf.incMalformed;
    this.rulesMalformed = rf.incMalformed || rf.exMalformed;
  }

  /** `egress_allows_storage_account(ws, rid, service)`, `lrid` being `lower(rid)` (null: not a string). */
  allowsStorageAccount(lrid: string | null, service: string): boolean {
    if (this.full) return true;
    if (lrid === null) return false;
    for (let i = 0; i < this.storSvc.length; i++) {
      const suffix = this.storSuffix[i];
      if (this.storSvc[i] === service && suffix != null && lrid.endsWith(suffix)) return true;
    }
    return false;
  }
}
