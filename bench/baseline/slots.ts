/**
 * Role: `collection.errors` as bit masks — which of the slots the library reads were not
 * collected, for the export as a whole and for each workspace.
 *
 * Every condition of the library reads a fixed set of slots (the `ControlInfo` tables of
 * `egress.ts`, `general.ts` and `ingress.ts`, checked against the compiler's read analysis by
 * the test); a slot read is one bit below. A condition
 * that reads an uncollected slot cannot exclude a subject and makes it `unknown` unless another
 * requirement fails. Whether an error covers a read is the evaluator's rule (`conflicts` in
 * `src/eval/run.ts`): the error is at or above the read, or beneath it within the same slot (an
 * error inside a nested slot of its own does not count). Errors are few, so this runs once per
 * export (and once per workspace when there are errors at all).
 */

import { list, type Export } from "./export.js";

// Per-workspace slots (`workspaces[i].<slot>`).
export const APPS = 1 << 0;
export const NOPT = 1 << 1;
export const AW = 1 << 2;
export const AR = 1 << 3;
export const ONS = 1 << 4;
export const IPL = 1 << 5;
export const WCONF = 1 << 6;
// Export-wide slots.
export const POL = 1 << 7;
export const NCC = 1 << 8;
export const PER = 1 << 9;
export const PAS = 1 << 10;
export const ATT = 1 << 11;
// The account's slots (the subject of the account controls).
export const AIE = 1 << 12;
export const AIL = 1 << 13;

/** Each bit's read, as the compiler prints it (`{s}` is the subject). */
export const SLOT_NAMES: readonly (readonly [number, string])[] = [
  [APPS, "{s}.apps"],
  [NOPT, "{s}.network_option"],
  [AW, "{s}.account_workspace"],
  [AR, "{s}.azure_resource"],
  [ONS, "{s}.outbound_network_summary"],
  [IPL, "{s}.ip_access_lists"],
  [WCONF, "{s}.workspace_conf"],
  [POL, "account.network_policies"],
  [NCC, "account.network_connectivity_configs"],
  [PER, "account.network_connectivity_configs.*.private_endpoint_rules"],
  [PAS, "account.private_access_settings"],
  [ATT, "attestations"],
  [AIE, "{s}.ip_access_enable"],
  [AIL, "{s}.ip_access_lists"],
];

type Steps = readonly (string | number)[];

const WS_FIELDS: readonly (readonly [number, string])[] = [
  [APPS, "apps"],
  [NOPT, "network_option"],
  [AW, "account_workspace"],
  [AR, "azure_resource"],
  [ONS, "outbound_network_summary"],
  [IPL, "ip_access_lists"],
  [WCONF, "workspace_conf"],
];

const EXPORT_READS: readonly (readonly [number, Steps])[] = [
  [POL, ["account", "network_policies"]],
  [NCC, ["account", "network_connectivity_configs"]],
  [PER, ["account", "network_connectivity_configs", "*", "private_endpoint_rules"]],
  [PAS, ["account", "private_access_settings"]],
  [ATT, ["attestations"]],
  [AIE, ["account", "ip_access_enable"]],
  [AIL, ["account", "ip_access_lists"]],
];

const WS_SLOTS = new Set(["account_workspace", "azure_resource", "network_option", "workspace_conf", "ip_access_lists", "apps", "outbound_network_summary"]);
const ACCOUNT_SLOTS = new Set(["ip_access_lists", "ip_access_enable", "network_policies", "network_connectivity_configs", "private_access_settings", "registered_endpoints"]);

/** Steps of a slot path: `workspaces[3].apps` → `["workspaces", 3, "apps"]` (`[*]` → `"*"`). */
function parseSlot(slot: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = 0;
  const n = slot.length;
  while (i < n) {
    const c = slot.charCodeAt(i);
    if (c === 46) {
      i++;
      continue;
    }
    if (c === 91) {
      const close = slot.indexOf("]", i);
      const t = slot.slice(i + 1, close < 0 ? n : close);
      out.push(t === "*" ? "*" : Number(t));
      i = close < 0 ? n : close + 1;
      continue;
    }
    let j = i;
    while (j < n && slot.charCodeAt(j) !== 46 && slot.charCodeAt(j) !== 91) j++;
    out.push(slot.slice(i, j));
    i = j;
  }
  return out;
}

/** How many leading steps reach the deepest collection slot of the schema (0: none). */
function slotDepth(s: Steps): number {
  const root = s[0];
  if (root === "attestations") return 1;
  if (root === "workspaces") return s.length >= 3 && WS_SLOTS.has(s[2] as string) ? 3 : 1;
  if (root === "account") {
    if (s[1] === "network_connectivity_configs" && s[3] === "private_endpoint_rules") return 4;
    return ACCOUNT_SLOTS.has(s[1] as string) ? 2 : 0;
  }
  return 0;
}

function samePrefix(a: Steps, b: Steps, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y || (x === "*" && typeof y !== "string") || (y === "*" && typeof x !== "string")) continue;
    return false;
  }
  return true;
}

function conflicts(err: Steps, depth: number, p: Steps, beneath: boolean): boolean {
  if (err.length <= p.length) return samePrefix(err, p, err.length);
  return beneath && p.length >= depth && samePrefix(err, p, p.length);
}

/** The uncollected slots of one export. */
export class Gaps {
  /** Bits of the export-wide and account slots that were not collected. */
  readonly exportMask: number;
  /** Whether the list of workspaces itself was not collected (the `*` result). */
  readonly workspacesList: boolean;
  private readonly errors: readonly { readonly steps: Steps; readonly depth: number }[];

  constructor(doc: Export) {
    const errs = list(doc.collection?.errors);
    const errors: { steps: Steps; depth: number }[] = [];
    for (let i = 0; i < errs.length; i++) {
      const slot = errs[i]?.slot;
      if (typeof slot !== "string") continue;
      const steps = parseSlot(slot);
      errors.push({ steps, depth: slotDepth(steps) });
    }
    this.errors = errors;
    let mask = 0;
    let wsList = false;
    for (const e of errors) {
      for (const [bit, read] of EXPORT_READS) if (conflicts(e.steps, e.depth, read, true)) mask |= bit;
      if (conflicts(e.steps, e.depth, ["workspaces"], false)) wsList = true;
    }
    this.exportMask = mask;
    this.workspacesList = wsList;
  }

  get any(): boolean {
    return this.errors.length > 0;
  }

  /** Bits of the slots of workspace `i` that were not collected, with the export-wide ones. */
  workspace(i: number): number {
    let mask = this.exportMask;
    for (const e of this.errors) {
      if (e.steps[0] !== "workspaces") continue;
      for (const [bit, field] of WS_FIELDS) if (conflicts(e.steps, e.depth, ["workspaces", i, field], true)) mask |= bit;
    }
    return mask;
  }
}
