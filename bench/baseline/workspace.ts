/**
 * Role: one workspace being checked. A single `Ws` is reset and reused for every workspace of an
 * export (no allocation per workspace), and each fact — a `std.databricks` def on the workspace —
 * is computed on first use, so a workspace without apps costs almost nothing. Policy and NCC
 * facts come from the export's caches (`context.ts`).
 */

import type { Ctx } from "./context.js";
import { dnsMatch, normDomain } from "./dns.js";
import { list, type AccountWorkspace, type AzureResource, type Workspace } from "./export.js";
import { ENTRIES } from "./net.js";
import { allowMalformedFailures, flatEntries, internetSizeFailures } from "./public.js";
import type { NccFacts } from "./ncc.js";
import type { PolicyFacts } from "./policy.js";

const BLOB_HOSTS = "*.blob.core.windows.net";
const DFS_HOSTS = "*.dfs.core.windows.net";

const UNSET = -1;

/** One workspace; `reset` for each, facts on first use. */
export class Ws {
  ws: Workspace = {};
  aw: AccountWorkspace | undefined;
  ar: AzureResource | undefined;
  hasApps = false;
  private pf: PolicyFacts | undefined;
  private nf: NccFacts | undefined;
  private azure = UNSET;
  private serverless = UNSET;
  private uiApi = UNSET;
  private python = UNSET;
  private node = UNSET;
  private rows = UNSET;
  private appDrops = 0;
  private appDryRun = 0;
  private blobRows = UNSET;
  private dfsRows = UNSET;
  private ipl = UNSET;
  private allowEnabled = false;
  private withinCorp = false;
  private sizeFailures = 0;
  private malformed = false;
  private allowMalformed = false;

  constructor(private readonly c: Ctx) {}

  reset(ws: Workspace): void {
    this.ws = ws;
    const aw = ws.account_workspace;
    const ar = ws.azure_resource;
    this.aw = aw == null ? undefined : aw;
    this.ar = ar == null ? undefined : ar;
    this.hasApps = list(ws.apps).length > 0;
    this.pf = undefined;
    this.nf = undefined;
    this.azure = this.serverless = this.uiApi = this.python = this.node = this.rows = this.blobRows = this.dfsRows = this.ipl = UNSET;
  }

  /** The facts of `effective_policy(ws)` (`network_option.network_policy_id ?? "default-policy"`). */
  policy(): PolicyFacts {
    return (this.pf ??= this.c.policy(this.ws.network_option?.network_policy_id ?? "default-policy"));
  }

  /** The facts of `ncc(ws)`. */
  ncc(): NccFacts {
    return (this.nf ??= this.c.ncc(this.aw?.network_connectivity_config_id));
  }

  /** `is_azure(ws)`. */
  isAzure(): boolean {
    if (this.azure === UNSET) this.azure = this.aw?.cloud === "azure" || this.ar !== undefined || this.c.cloud === "azure" ? 1 : 0;
    return this.azure === 1;
  }

  /** `is_aws(ws) or is_gcp(ws)`. */
  isAwsOrGcp(): boolean {
    const cloud = this.aw?.cloud;
    return cloud === "aws" || this.aw?.aws_region != null || this.c.cloud === "aws" || cloud === "gcp" || this.c.cloud === "gcp";
  }

  /** `is_serverless_only(ws)`. */
  isServerlessOnly(): boolean {
    if (this.serverless === UNSET) this.serverless = this.aw?.compute_mode === "SERVERLESS" || this.ar?.properties?.computeMode === "Serverless" ? 1 : 0;
    return this.serverless === 1;
  }

  /** `is_premium(ws)`. */
  isPremium(): boolean {
    const tier = this.aw?.pricing_tier;
    if (tier === "PREMIUM" || tier === "ENTERPRISE") return true;
    const sku: unknown = this.ar?.sku?.name;
    return typeof sku === "string" && sku.toLowerCase() === "premium";
  }

  /** `workspace_region(ws)`. */
  region(): unknown {
    return this.aw?.location ?? this.aw?.aws_region ?? this.ar?.location;
  }

  /** `approved_ui_api_endpoint(ws)`. */
  approvedUiApi(): boolean {
    if (this.uiApi === UNSET) {
      this.uiApi = 0;
      const pecs = list(this.ar?.properties?.privateEndpointConnections);
      for (let i = 0; i < pecs.length; i++) {
        const p = pecs[i]?.properties;
        const g = p?.groupIds;
        if (Array.isArray(g) && g.includes("databricks_ui_api") && p!.privateLinkServiceConnectionState?.status === "Approved") {
          this.uiApi = 1;
          break;
        }
      }
    }
    return this.uiApi === 1;
  }

  /** `private_link_required(ws)`. */
  privateLinkRequired(): boolean {
    if (this.ar?.properties?.publicNetworkAccess === "Disabled" && this.approvedUiApi()) return true;
    const s = this.c.privateAccessSettings(this.aw?.private_access_settings_id);
    return s !== undefined && (s.public_access_enabled ?? false) === false;
  }

  private sources(): void {
    this.python = this.node = 0;
    const apps = list(this.ws.apps);
    for (let i = 0; i < apps.length; i++) {
      const f = apps[i]?.x_source_files;
      if (!Array.isArray(f)) continue;
      if (f.includes("requirements.txt")) this.python = 1;
      if (f.includes("package.json")) this.node = 1;
    }
  }

  /** `any a in ws.apps: uses_python(a)`. */
  usesPython(): boolean {
    if (this.python === UNSET) this.sources();
    return this.python === 1;
  }

  /** `any a in ws.apps: uses_node(a)`. */
  usesNode(): boolean {
    if (this.node === UNSET) this.sources();
    return this.node === 1;
  }

  private summary(): void {
    this.rows = this.ws.outbound_network_summary != null ? 1 : 0;
    let drops = 0;
    let dry = 0;
    const rows = list(this.ws.outbound_network_summary);
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i];
      if (e == null || e.network_source_type !== "Apps" || e.destination == null) continue;
      if (e.access_type === "DROP") drops++;
      else if (e.access_type === "DRY_RUN_DENIAL") dry++;
    }
    this.appDrops = drops;
    this.appDryRun = dry;
  }

  /** `ws.outbound_network_summary is present`. */
  hasSummary(): boolean {
    if (this.rows === UNSET) this.summary();
    return this.rows === 1;
  }

  /** `count([e.destination for e in app_denials(ws, "DROP")])`. */
  appDropCount(): number {
    if (this.rows === UNSET) this.summary();
    return this.appDrops;
  }

  /** `count([e.destination for e in app_denials(ws, "DRY_RUN_DENIAL")])`. */
  appDryRunCount(): number {
    if (this.rows === UNSET) this.summary();
    return this.appDryRun;
  }

  private storageRows(): void {
    this.blobRows = this.dfsRows = 0;
    const rows = list(this.ws.outbound_network_summary);
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i];
      const h: unknown = e?.dns_event?.domain_name ?? e?.storage_event?.hostname ?? e?.destination ?? "";
      if (typeof h !== "string") continue;
      const n = normDomain(h.toLowerCase());
      if (n === undefined) continue;
      if (dnsMatch(n, BLOB_HOSTS)) this.blobRows = 1;
      if (dnsMatch(n, DFS_HOSTS)) this.dfsRows = 1;
    }
  }

  /** `uses_azure_storage(ws, "blob")`. */
  usesBlob(): boolean {
    if (this.ncc().blobRule) return true;
    if (this.blobRows === UNSET) this.storageRows();
    return this.blobRows === 1;
  }

  /** `uses_azure_storage(ws, "dfs")`. */
  usesDfs(): boolean {
    if (this.ncc().dfsRule) return true;
    if (this.dfsRows === UNSET) this.storageRows();
    return this.dfsRows === 1;
  }

  /** APPS-EGR-005 `count(unallowed) == 0`: the NCC's blob/dfs storage is allowed by the policy. */
  storageAccountsAllowed(): boolean {
    const n = this.ncc();
    if (n.storLrid.length === 0) return true;
    const p = this.policy();
    for (let i = 0; i < n.storLrid.length; i++) if (!p.allowsStorageAccount(n.storLrid[i]!, n.storSvc[i]!)) return false;
    return true;
  }

  /** One scan of the workspace's IP access lists for APPS-ING-001/002/003. */
  private lists(): void {
    this.ipl = 1;
    let allowEnabled = false;
    ENTRIES.reset();
    const allow: unknown[] = [];
    const block: unknown[] = [];
    const ls = list(this.ws.ip_access_lists);
    for (let i = 0; i < ls.length; i++) {
      const l = ls[i];
      if (l == null || l.enabled !== true) continue;
      if (l.list_type === "ALLOW") {
        allowEnabled = true;
        ENTRIES.addAll(l.ip_addresses, true);
        allow.push(l.ip_addresses);
      } else if (l.list_type === "BLOCK") {
        ENTRIES.addAll(l.ip_addresses, false);
        block.push(l.ip_addresses);
      }
    }
    this.allowEnabled = allowEnabled;
    this.withinCorp = ENTRIES.withinAfterBlock(this.c.params.corporate);
    this.malformed = ENTRIES.malformed;
    const prm = this.c.params;
    const allowEntries = flatEntries(allow);
    this.allowMalformed = allowMalformedFailures(allowEntries) !== 0;
    this.sizeFailures = internetSizeFailures(allowEntries, flatEntries(block), prm.maxPublic4, prm.maxPublic6);
  }

  /** Whether an enabled ALLOW or BLOCK entry is a malformed string (what `allowed_ranges` reads). */
  hasMalformedEntry(): boolean {
    if (this.ipl === UNSET) this.lists();
    return this.malformed;
  }

  /** Whether an enabled ALLOW entry is a malformed string (what APPS-ING-003's first two read). */
  hasMalformedAllow(): boolean {
    if (this.ipl === UNSET) this.lists();
    return this.allowMalformed;
  }

  /** APPS-ING-003's failed requirements (`public.ts`). */
  internetSize(): number {
    if (this.ipl === UNSET) this.lists();
    return this.sizeFailures;
  }

  /** `count(enabled_lists(ws, "ALLOW")) > 0` (also the second half of `ip_access_lists_enforced`). */
  hasEnabledAllow(): boolean {
    if (this.ipl === UNSET) this.lists();
    return this.allowEnabled;
  }

  /** `ingress_allows_only(ws, corporate)`. */
  allowedWithinCorporate(): boolean {
    if (this.ipl === UNSET) this.lists();
    return this.withinCorp;
  }

}
