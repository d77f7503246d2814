// Random exports for the Wasm differential property test, generated from the schema's typed
// view (src/schema): every field optional, enums with odd casing, strings drawn from pools
// the policies care about (addresses and ranges, IPv6, DNS names and patterns, ids that
// waivers name) and from edge cases (empty, huge, unicode, lone surrogates, final sigma),
// numbers at the edges (2^53, -0, 1e21, subnormals; integers beyond 2^53 as float64s, whose
// JSON text the module reads as exact integers, and as bigints: exact integers of any size,
// written by exactJsonText), values of the wrong type, nulls, and
// collection errors on random slots (valid ones, and ones the loader would reject).
import fc from "fast-check";
import { parseSlotPath, slotPathError } from "../../src/export/slots.js";
import { exportRootType } from "../../src/schema/index.js";
import type { ObjectTy, Ty } from "../../src/schema/types.js";

type Draw = fc.GeneratorValue;

const pick = <T>(g: Draw, xs: readonly T[]): T => xs[g(fc.integer, { min: 0, max: xs.length - 1 })]!;
const chance = (g: Draw, percent: number): boolean => g(fc.integer, { min: 0, max: 99 }) < percent;

const IDS = ["3141592653589793", "2718281828459045", "default-policy", "np-restricted", "np-1", "ncc-eastus2", "ncc-1", "pas-1", "ws-1", "", "ID-Upper", "42"];
const NETS = [
  "10.0.0.0/8", "10.1.2.3", "10.0.0.1/8", "172.16.0.0/12", "192.168.0.0/16", "192.168.1.0/24", "203.0.113.0/24", "203.0.113.7", "198.51.100.0/24",
  "0.0.0.0/0", "0.0.0.0", "255.255.255.255", "256.1.1.1", "010.0.0.1", "1.2.3", "1.2.3.4.5", "10.0.0.0/33", "10.0.0.0/08", "::/0", "::", "::1",
  "fc00::/7", "fd12:3456::/48", "2001:db8::/32", "2001:DB8::1", "2001:db8::/129", "::ffff:10.0.0.1", "::ffff:10.0.0.0/104", "1.2.3.4::", "1::2::3",
  "fe80::1%eth0", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:1.2.3.4", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "8000::/1", "not an address", "",
  // Malformed in the ways typos are (they fail what reads them: LANGUAGE.md §5).
  "203.0.113.300", "100.64.0.0/33", " 10.0.0.1", "10.0.0.0/8 ", "10.0.0.0/-1", "not-an-ip",
];
const DOMAINS = [
  "pypi.org", "PyPI.org.", "files.pythonhosted.org", "registry.npmjs.org", "*.databricksapps.com", "app.databricksapps.com", "*.a.databricksapps.com",
  "databricksapps.com", "*.blob.core.windows.net", "acct.blob.core.windows.net", "acct.dfs.core.windows.net", "*.dfs.core.windows.net", "*", "*.com",
  "a..b", "-a.com", "a-.com", "123.456", "*.*.com", "a*.com", "x".repeat(64) + ".com", "example.com", "EXAMPLE.COM", "ex_ample.com", "",
];
const WORDS = [
  "", " ", "true", "false", "null", "0", "ENFORCED", "DRY_RUN", "RESTRICTED_ACCESS", "FULL_ACCESS", "ALLOW", "BLOCK", "blob", "dfs", "BLOB", "Dfs",
  "eastus2", "EastUS2", "westeurope", "premium", "Premium", "ESTABLISHED", "PENDING", "DROP", "DRY_RUN_DENIAL", "apps", "APPS", "dbsql", "ml_serving",
  "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/acct", "/storageAccounts/ACCT", "acct",
  "ΑΣ", "ΟΔΟΣ ΟΔΟΣ", "σΣ.", "İstanbul", "ß", "ﬀ", "ǅ", "Ꭰ", "ꭰ", "ŉ", "ΐ", "a\u0301Σ\u0301", "\u{1F600}", "\ud800", "x\udc00y", "\u0000", "tab\tquote\"back\\slash",
  "line\nbreak", "\u2028", "日本語", "~/tilde/slash",
];

function oddCase(g: Draw, s: string): string {
  switch (g(fc.integer, { min: 0, max: 3 })) {
    case 0:
      return s.toLowerCase();
    case 1:
      return s.toUpperCase();
    case 2:
      return [...s].map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join("");
    default:
      return ` ${s}`;
  }
}

function genString(g: Draw, name: string): string {
  const n = name.toLowerCase();
  const r = g(fc.integer, { min: 0, max: 99 });
  if (r < 3) return "x".repeat(g(fc.integer, { min: 1000, max: 20000 }));
  if (r < 10) return g(fc.string, { unit: pick(g, ["grapheme", "binary", "grapheme-composite"] as const), maxLength: 12 });
  if (/(^|_)id$|^id$|key|_ids$|^name$/.test(n) && r < 70) return pick(g, IDS);
  if (/ip|cidr|range|subnet|address|prefix/.test(n) && r < 80) return pick(g, NETS);
  if (/destination|domain|host|url|fqdn/.test(n) && r < 80) return pick(g, DOMAINS);
  if (r < 30) return pick(g, NETS);
  if (r < 45) return pick(g, DOMAINS);
  if (r < 55) return pick(g, IDS);
  return pick(g, WORDS);
}

function genNumber(g: Draw): number | bigint {
  switch (g(fc.integer, { min: 0, max: 6 })) {
    case 0:
      return g(fc.integer, { min: -5, max: 40 });
    case 1:
      return pick(g, [2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 53 - 1, 2 ** 64, 1e21, 1e21 + 2 ** 20, 123456789012345680000, 1e-7, 0.1, 0.3, -0, 5e-324, 1.7976931348623157e308, 1.5]);
    case 2:
      return g(fc.double, { noNaN: true, noDefaultInfinity: true });
    case 3:
      return g(fc.integer, { min: -(2 ** 31), max: 2 ** 31 });
    case 4:
      return chance(g, 50)
        ? pick(g, [9876543210987655n, 9876543210987656n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 64n, 10n ** 21n + 1n, -(10n ** 30n), 10n ** 400n + 7n])
        : g(fc.bigInt, { min: -(10n ** 24n), max: 10n ** 24n });
    default:
      return g(fc.nat, { max: 100 });
  }
}

function genJson(g: Draw, depth: number): unknown {
  const r = g(fc.integer, { min: 0, max: depth > 1 ? 5 : 7 });
  if (r === 0) return null;
  if (r === 1) return g(fc.boolean);
  if (r === 2) return genNumber(g);
  if (r === 3) return genString(g, "");
  if (r === 4 || r === 6) return Array.from({ length: g(fc.integer, { min: 0, max: 3 }) }, () => genJson(g, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = g(fc.integer, { min: 0, max: 3 }); i > 0; i--) o[pick(g, ["a", "name", "region", "apps", "id", "value", "__proto__", "enabled"])] = genJson(g, depth + 1);
  return o;
}

const MAX_DEPTH = 7;

function genValue(g: Draw, ty: Ty, name: string, depth: number): unknown {
  const r = g(fc.integer, { min: 0, max: 99 });
  if (r < 4) return null;
  if (r < 8) return genJson(g, 2); // the wrong type, now and then
  switch (ty.kind) {
    case "string":
      if (ty.enum && ty.enum.length > 0 && r < 80) {
        const v = pick(g, ty.enum);
        return chance(g, 15) ? oddCase(g, v) : v;
      }
      return genString(g, name);
    case "number":
      return genNumber(g);
    case "bool":
      return chance(g, 90) ? g(fc.boolean) : pick(g, ["true", "false", 1, 0]);
    case "list": {
      if (depth >= MAX_DEPTH) return [];
      const n = g(fc.integer, { min: 0, max: depth <= 2 ? 3 : 2 });
      return Array.from({ length: n }, () => genValue(g, ty.elem, name, depth + 1));
    }
    case "object":
      return depth >= MAX_DEPTH ? {} : genObject(g, ty, depth + 1);
    default:
      return genJson(g, 1);
  }
}

function genObject(g: Draw, ty: ObjectTy, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const keep = depth <= 1 ? 85 : depth <= 3 ? 50 : 30;
  for (const [name, fty] of ty.fields) if (chance(g, keep)) o[name] = genValue(g, fty, name, depth);
  if (ty.rest !== undefined && chance(g, 20)) o[pick(g, ["extra", "Enable", "custom"])] = genValue(g, ty.rest, "extra", depth);
  return o;
}

/** Slot paths of the schema, lists as `[*]` (e.g. `workspaces[*].apps`). */
function slotTemplates(): string[][] {
  const out: string[][] = [];
  const walk = (ty: Ty, path: string[], seen: Set<Ty>) => {
    if (seen.has(ty) || path.length > 8) return;
    if (ty.kind === "list") return walk(ty.elem, [...path, "[*]"], seen);
    if (ty.kind !== "object") return;
    const next = new Set(seen).add(ty);
    for (const [name, f] of ty.fields) {
      const p = [...path, name];
      if (ty.slots?.has(name)) out.push(p);
      walk(f, p, next);
    }
  };
  walk(exportRootType(), [], new Set());
  return out;
}

let templates: string[][] | undefined;

function genSlot(g: Draw): string {
  templates ??= slotTemplates();
  if (chance(g, 8)) return pick(g, ["workspaces.apps", "account", "nope", "workspaces[x]", "", "workspaces[99999999999999999999]", "workspaces[01].apps", "collection.errors"]);
  const t = [...pick(g, templates)];
  if (chance(g, 30)) t.push(pick(g, ["[0]", "[*]", "[1]"]));
  let s = "";
  for (const step of t) {
    if (step === "[*]") s += chance(g, 50) ? "[*]" : `[${g(fc.integer, { min: 0, max: 2 })}]`;
    else s += s === "" ? step : `.${step}`;
  }
  return s;
}

/** A random mutation of a real export: leaves replaced by edge values, keys dropped, list entries dropped or repeated. */
function mutate(g: Draw, v: unknown, name: string, rate: number): unknown {
  if (chance(g, rate)) {
    const r = g(fc.integer, { min: 0, max: 9 });
    if (r === 0) return null;
    if (r <= 5 && typeof v === "string") return chance(g, 30) ? oddCase(g, v) : genString(g, name);
    if (r <= 5 && typeof v === "number") return genNumber(g);
    if (r <= 5 && typeof v === "boolean") return !v;
    if (r === 6) return genJson(g, 2);
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      if (chance(g, rate / 2)) continue;
      out.push(mutate(g, x, name, rate));
      if (chance(g, rate / 2)) out.push(mutate(g, x, name, rate));
    }
    return out;
  }
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!chance(g, rate / 2)) out[k] = mutate(g, x, k, rate);
    return out;
  }
  return v;
}

export interface GeneratedExport {
  readonly document: Record<string, unknown>;
  /** The collection errors as the export loader keeps them. */
  readonly errors: { slot: string; steps: (string | number)[] }[];
}

/**
 * A random export: generated from the schema, or (given real exports) one of them mutated.
 * Real exports reach the paths a policy cares about (policies that exist, lists that are
 * enabled, rules that are established) far more often than values drawn from the schema.
 */
export function genExport(g: Draw, bases: readonly Record<string, unknown>[] = []): GeneratedExport {
  let document: Record<string, unknown>;
  if (bases.length > 0 && chance(g, 70)) {
    const rate = g(fc.integer, { min: 1, max: 12 });
    document = Object.fromEntries(Object.entries(pick(g, bases)).map(([k, v]) => [k, mutate(g, v, k, rate)]));
  } else document = genObject(g, exportRootType(), 0);
  if (chance(g, 35)) {
    const coll = typeof document["collection"] === "object" && document["collection"] !== null && !Array.isArray(document["collection"]) ? (document["collection"] as Record<string, unknown>) : (document["collection"] = {});
    coll["errors"] = Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, () => (chance(g, 90) ? { slot: genSlot(g), http_status: 403 } : pick(g, [42, null, {}, { slot: 7 }])));
  }
  const errors: GeneratedExport["errors"] = [];
  const coll = document["collection"];
  const list = typeof coll === "object" && coll !== null ? (coll as Record<string, unknown>)["errors"] : undefined;
  if (Array.isArray(list)) {
    for (const e of list) {
      if (typeof e !== "object" || e === null || Array.isArray(e)) continue;
      const slot = (e as Record<string, unknown>)["slot"];
      if (typeof slot !== "string") continue;
      const parsed = parseSlotPath(slot);
      if (!parsed.ok || slotPathError(parsed.steps, exportRootType()) !== undefined) continue;
      errors.push({ slot, steps: parsed.steps });
    }
  }
  return { document, errors };
}
