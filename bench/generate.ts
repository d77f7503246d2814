/**
 * Deterministic exports for the benchmarks: a `dbx-network-export/v1` document grown from the
 * bundled compliant Contoso example to a target size by adding workspaces, apps, IP access
 * lists, egress destinations and denial-log rows. A seeded PRNG varies the copies (some
 * lists open to the internet, some workspaces on the unrestricted policy, crashed apps, a
 * collection error) so every report mixes passes, failures and unknowns, as a real account's
 * does. The same size and seed always give the same bytes.
 */

import { readFileSync } from "node:fs";
import { packagePath } from "../src/paths.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** The sizes the issue names, in bytes of compact JSON (as the Databricks APIs return it). */
export const SIZES = { "5KB": 5_000, "100KB": 100_000, "2MB": 2_000_000 } as const;
export type SizeName = keyof typeof SIZES;

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; enough for layout variety. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clone = <T extends Json>(v: T): T => structuredClone(v);
const obj = (v: Json | undefined): Obj => v as Obj;
const arr = (v: Json | undefined): Json[] => v as Json[];

function template(): Obj {
  return JSON.parse(readFileSync(packagePath("examples/exports/contoso-prod-azure-compliant.json"), "utf8")) as Obj;
}

const hex = (rand: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
const uuid = (rand: () => number): string =>
  `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`;

interface Shape {
  readonly workspaces: number;
  readonly appsPerWorkspace: number;
  readonly addressesPerList: number;
  readonly denialsPerWorkspace: number;
  readonly extraDomains: number;
}

/** One copy of a template workspace, renamed and varied. */
function workspace(base: Obj, i: number, shape: Shape, rand: () => number): Obj {
  const w = clone(base);
  const id = 1_000_000_000_000_000 + i * 7_919;
  const name = `dbx-${["prod", "dev", "stage", "analytics", "ml"][i % 5]}-${i}`;
  w.workspace_id = id;
  w.workspace_url = `https://adb-${id}.${i % 20}.azuredatabricks.net`;
  const aw = obj(w.account_workspace);
  aw.workspace_id = id;
  aw.workspace_name = name;
  aw.deployment_name = `adb-${id}.${i % 20}`;
  const res = obj(w.azure_resource);
  if (res !== undefined) {
    res.name = name;
    obj(res.properties).workspaceId = String(id);
    obj(res.properties).workspaceUrl = `adb-${id}.${i % 20}.azuredatabricks.net`;
  }
  obj(w.network_option).workspace_id = id;
  // A fifth of the workspaces stay on the account's default (unrestricted) policy.
  if (rand() < 0.2) obj(w.network_option).network_policy_id = "default-policy";
  if (rand() < 0.15) obj(w.workspace_conf).enableIpAccessLists = "false";
  const lists = arr(w.ip_access_lists);
  for (const l of lists) {
    const list = obj(l);
    list.list_id = uuid(rand);
    const addrs: Json[] = [];
    for (let k = 0; k < shape.addressesPerList; k++) {
      const a = 1 + Math.floor(rand() * 222);
      addrs.push(rand() < 0.8 ? `10.${a}.${Math.floor(rand() * 256)}.0/24` : `203.0.113.${Math.floor(rand() * 64) * 4}/30`);
    }
    if (rand() < 0.1) addrs.push("0.0.0.0/0");
    if (rand() < 0.1) addrs.push(`2001:db8:${hex(rand, 4)}::/48`);
    list.ip_addresses = addrs;
    list.address_count = addrs.length;
  }
  const apps = arr(w.apps);
  const grown: Json[] = [];
  for (let k = 0; k < shape.appsPerWorkspace; k++) {
    const app = obj(clone(apps[k % apps.length]!));
    const appName = `${String(app.name)}-${i}-${k}`;
    app.name = appName;
    app.id = uuid(rand);
    app.url = `https://${appName}-${id}.${i % 20}.azure.databricksapps.com`;
    if (rand() < 0.1) obj(app.app_status).state = "CRASHED";
    grown.push(app);
  }
  w.apps = grown;
  const denials: Json[] = [];
  for (let k = 0; k < shape.denialsPerWorkspace; k++) {
    const dns = rand() < 0.7;
    const host = `svc${Math.floor(rand() * 1000)}.example${k % 7}.com`;
    const row: Obj = {
      workspace_id: String(id),
      access_type: rand() < 0.8 ? "DROP" : "DRY_RUN_DENIAL",
      network_source_type: ["General Compute", "DBSQL", "Apps"][k % 3]!,
      destination_type: dns ? "DNS" : "IP",
      destination: dns ? host : `198.18.${k % 256}.${(i * 7) % 256}`,
      events: 1 + Math.floor(rand() * 50),
      first_seen: "2026-08-03T11:20:15Z",
      last_seen: "2026-08-20T02:00:03Z",
    };
    if (dns) row.dns_event = { domain_name: host, rcode: 3 };
    denials.push(row);
  }
  w.outbound_network_summary = denials;
  return w;
}

function build(shape: Shape, seed: number): Obj {
  const rand = prng(seed);
  const doc = template();
  const bases = arr(doc.workspaces).map(obj);
  doc.workspaces = Array.from({ length: shape.workspaces }, (_, i) => workspace(bases[i % bases.length]!, i, shape, rand));
  const restricted = obj(obj(obj(arr(obj(doc.account).network_policies)[1]).egress).network_access);
  const domains = arr(restricted.allowed_internet_destinations);
  for (let k = 0; k < shape.extraDomains; k++) {
    domains.push({ destination: `api${k}.partner${k % 13}.example.com`, internet_destination_type: "DNS_NAME" });
  }
  // One slot in twenty-five fails to collect, so `unknown` is on the measured path too.
  if (shape.workspaces >= 5) {
    delete obj(arr(doc.workspaces)[shape.workspaces - 1]).ip_access_lists;
    obj(doc.collection).errors = [
      {
        slot: `workspaces[${shape.workspaces - 1}].ip_access_lists`,
        request: "GET /api/2.0/ip-access-lists",
        http_status: 403,
        error_code: "PERMISSION_DENIED",
        message: "Only workspace admins can list IP access lists.",
      },
    ];
  }
  if (shape.workspaces === 1) trimToMinimum(doc);
  return doc;
}

/** The smallest realistic export: one workspace, one app, one rule of each kind. */
function trimToMinimum(doc: Obj): void {
  delete doc.attestations;
  const w = obj(arr(doc.workspaces)[0]);
  const props = obj(obj(w.azure_resource).properties);
  props.privateEndpointConnections = arr(props.privateEndpointConnections).slice(0, 1);
  delete obj(w.azure_resource).tags;
  const ncc = obj(arr(obj(doc.account).network_connectivity_configs)[0]);
  obj(doc.account).network_connectivity_configs = [ncc];
  const target = obj(obj(ncc.egress_config).target_rules);
  target.azure_private_endpoint_rules = arr(target.azure_private_endpoint_rules).slice(0, 1);
  const params = obj(props.parameters);
  for (const k of ["prepareEncryption", "requireInfrastructureEncryption", "storageAccountSkuName"]) delete params[k];
  const app = obj(arr(w.apps)[0]);
  for (const k of ["effective_user_api_scopes", "oauth2_app_client_id", "oauth2_app_integration_id", "description"]) delete app[k];
  app.resources = arr(app.resources).slice(0, 1);
}

/** The shape whose size first reaches `bytes` (searching the workspace count). */
function shapeFor(bytes: number): Shape {
  if (bytes <= 10_000) return { workspaces: 1, appsPerWorkspace: 1, addressesPerList: 3, denialsPerWorkspace: 1, extraDomains: 0 };
  const per = { appsPerWorkspace: 3, addressesPerList: 12, denialsPerWorkspace: 6, extraDomains: 0 };
  let n = 1;
  while (serialize(build({ ...per, workspaces: n, extraDomains: n }, 1)).length < bytes) n = Math.ceil(n * 1.25);
  let lo = Math.max(1, Math.floor(n / 1.25));
  while (lo < n) {
    const mid = (lo + n) >> 1;
    if (serialize(build({ ...per, workspaces: mid, extraDomains: mid }, 1)).length < bytes) lo = mid + 1;
    else n = mid;
  }
  return { ...per, workspaces: n, extraDomains: n };
}

function serialize(doc: Obj): string {
  return JSON.stringify(doc);
}

/** A deterministic export of about `bytes` bytes, as the text of a file. */
export function generateExport(bytes: number, seed = 1): string {
  return serialize(build(shapeFor(bytes), seed));
}
