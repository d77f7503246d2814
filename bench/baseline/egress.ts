/**
 * Role: the egress controls APPS-EGR-001..010 (`policies/databricks/apps/egress.perimeter`) for
 * one workspace, written straight out: each control is a few comparisons on the facts of
 * `workspace.ts`, guarded by the slot bits its conditions read.
 *
 * `checkEgress` writes one result code per control into row `info.row` of the table (see
 * `control.ts`); `m` holds the bits of the workspace's uncollected slots.
 */

import type { ControlInfo } from "./control.js";
import { result, UNKNOWN } from "./control.js";
import type { Ctx } from "./context.js";
import type { Ws } from "./workspace.js";
import { APPS, AR, AW, NCC, NOPT, ONS, PER, POL } from "./slots.js";

/** The workspace's policy: `account.network_policies` and `{s}.network_option`. */
const PN = POL | NOPT;
/** APPS-EGR-005's storage requirements (with and without the denial log). */
const STORAGE = NCC | PER | POL | AW | NOPT | ONS;
const STORAGE_ACCOUNTS = NCC | PER | POL | AW | NOPT;
const RULES = NCC | PER | AW;

export const EGRESS: readonly ControlInfo[] = [
  { id: "APPS-EGR-001", subject: "workspace", row: 0, where: [APPS], requires: [PN, PN, PN] },
  { id: "APPS-EGR-002", subject: "workspace", row: 1, where: [APPS, PN], requires: [PN] },
  { id: "APPS-EGR-003", subject: "workspace", row: 2, where: [APPS, PN], requires: [PN] },
  { id: "APPS-EGR-004", subject: "workspace", row: 3, where: [APPS], requires: [PN, PN | APPS, PN | APPS] },
  { id: "APPS-EGR-005", subject: "workspace", row: 4, where: [AW | AR, APPS], requires: [STORAGE, STORAGE, STORAGE_ACCOUNTS] },
  { id: "APPS-EGR-006", subject: "workspace", row: 5, where: [APPS], requires: [PN] },
  { id: "APPS-EGR-007", subject: "workspace", row: 6, where: [APPS], requires: [AW, NCC | AW, NCC | AW | AR] },
  { id: "APPS-EGR-008", subject: "workspace", row: 7, where: [APPS, AW, RULES], requires: [RULES] },
  { id: "APPS-EGR-009", subject: "workspace", row: 8, where: [APPS], requires: [ONS, ONS] },
  { id: "APPS-EGR-010", subject: "workspace", row: 9, where: [APPS], requires: [ONS, ONS] },
];

/** `lower(a ?? "") == lower(b ?? "")`. */
function sameLower(a: unknown, b: unknown): boolean {
  const x = a ?? "";
  const y = b ?? "";
  return typeof x === "string" && typeof y === "string" && x.toLowerCase() === y.toLowerCase();
}

export function checkEgress(_c: Ctx, w: Ws, m: number, out: Uint8Array, i: number, n: number): void {
  // Every control but APPS-EGR-005 starts with `count(ws.apps) > 0`.
  const appsGap = (m & APPS) !== 0;
  if (!appsGap && !w.hasApps) return; // APPS-EGR-005 needs apps too

  const policyGap = (m & PN) !== 0;
  const p = policyGap ? undefined : w.policy();

  // APPS-EGR-001: effective_policy(ws) is present; egress restricted.
  out[0 * n + i] = p === undefined ? UNKNOWN : result((p.present ? 0 : 1) | (p.restricted ? 0 : 2) | (p.tldWide ? 4 : 0), appsGap);

  // APPS-EGR-002 / 003: where egress_restricted(ws); enforced for "apps" / not in DRY_RUN.
  if (p === undefined) {
    out[1 * n + i] = UNKNOWN;
    out[2 * n + i] = UNKNOWN;
  } else if (p.restricted) {
    out[1 * n + i] = result(p.enforcedForApps ? 0 : 1, appsGap);
    out[2 * n + i] = result(p.notDryRun ? 0 : 1, appsGap);
  }

  // APPS-EGR-004: must allow the serving domain; the Python indexes and npm when apps use them.
  if (p === undefined) out[3 * n + i] = UNKNOWN;
  else {
    let f = p.allowsServing ? 0 : 1;
    if (!appsGap) {
      if (!p.allowsPython && w.usesPython()) f |= 2;
      if (!p.allowsNode && w.usesNode()) f |= 4;
    }
    out[3 * n + i] = result(f, appsGap);
  }

  // APPS-EGR-005: where is_azure(ws); must allow storage blob / dfs when used; every NCC storage account allowed.
  {
    const azureGap = (m & (AW | AR)) !== 0;
    if (azureGap || w.isAzure()) {
      let u = appsGap || azureGap;
      let f = 0;
      if (m & STORAGE) u = true;
      else {
        const q = w.policy();
        if (!q.allowsBlob && w.usesBlob()) f |= 1;
        if (!q.allowsDfs && w.usesDfs()) f |= 2;
      }
      if (m & STORAGE_ACCOUNTS) u = true;
      else if (!w.storageAccountsAllowed()) f |= 4;
      out[4 * n + i] = result(f, u);
    }
  }

  // APPS-EGR-006: allow only approved_destinations.
  out[5 * n + i] = p === undefined ? UNKNOWN : result(p.allowOnly ? 0 : 1, appsGap);

  // APPS-EGR-007: an NCC id is bound; the account has it; it is in the workspace's region.
  {
    let u = appsGap;
    let f = 0;
    if (m & AW) u = true;
    else {
      const id = w.aw?.network_connectivity_config_id;
      if (id == null) f |= 1;
      if (m & NCC) u = true;
      else {
        const ncc = w.ncc();
        if (id != null && !ncc.present) f |= 2;
        if (m & AR) u = true;
        else if (ncc.present && !sameLower(ncc.region, w.region())) f |= 4;
      }
    }
    out[6 * n + i] = result(f, u);
  }

  // APPS-EGR-008: where an NCC id is bound and its rules are not empty; every active rule ESTABLISHED.
  if (m & AW) out[7 * n + i] = UNKNOWN;
  else if (w.aw?.network_connectivity_config_id != null) {
    if (m & RULES) out[7 * n + i] = UNKNOWN;
    else {
      const ncc = w.ncc();
      if (ncc.ruleCount > 0) out[7 * n + i] = result(ncc.broken > 0 ? 1 : 0, appsGap);
    }
  }

  // APPS-EGR-009 / 010: the denied-egress summary is exported; no app DROP / DRY_RUN_DENIAL rows.
  if (m & ONS) {
    out[8 * n + i] = UNKNOWN;
    out[9 * n + i] = UNKNOWN;
  } else {
    const s = w.hasSummary() ? 0 : 1;
    out[8 * n + i] = result(s | (w.appDropCount() > 0 ? 2 : 0), appsGap);
    out[9 * n + i] = result(s | (w.appDryRunCount() > 0 ? 2 : 0), appsGap);
  }
}
