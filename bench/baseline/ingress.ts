/**
 * Role: the ingress controls APPS-ING-001..011 (`policies/databricks/apps/ingress.perimeter`):
 * `checkIngress` for one workspace (IP access lists, front-end Private Link, DNS and legacy-URL
 * attestations, context-based ingress), `checkAccount` for the account (APPS-ING-004/005/011, the
 * account console's IP access lists). Result codes as in `control.ts`.
 */

import type { ControlInfo } from "./control.js";
import { result, UNKNOWN } from "./control.js";
import type { Ctx } from "./context.js";
import type { PolicyFacts } from "./policy.js";
import type { Ws } from "./workspace.js";
import { list, type Account } from "./export.js";
import { ENTRIES } from "./net.js";
import { allowMalformedFailures, flatEntries, internetSizeFailures } from "./public.js";
import { AIE, AIL, APPS, AR, ATT, AW, IPL, NOPT, PAS, POL, WCONF } from "./slots.js";

const PN = POL | NOPT;
const CLOUD = AW | AR;

export const INGRESS: readonly ControlInfo[] = [
  { id: "APPS-ING-001", subject: "workspace", row: 14, where: [APPS], requires: [IPL | WCONF] },
  { id: "APPS-ING-002", subject: "workspace", row: 15, where: [APPS, IPL], requires: [IPL] },
  { id: "APPS-ING-003", subject: "workspace", row: 16, where: [APPS], requires: [IPL, IPL, IPL, IPL, IPL] },
  { id: "APPS-ING-004", subject: "account", row: 0, where: [], requires: [AIE, AIE, AIL] },
  { id: "APPS-ING-005", subject: "account", row: 1, where: [AIL], requires: [AIL] },
  { id: "APPS-ING-011", subject: "account", row: 2, where: [], requires: [AIL, AIL, AIL, AIL, AIL] },
  { id: "APPS-ING-006", subject: "workspace", row: 17, where: [APPS], requires: [CLOUD, PAS | CLOUD] },
  { id: "APPS-ING-007", subject: "workspace", row: 18, where: [CLOUD, APPS, AR], requires: [AR, ATT] },
  { id: "APPS-ING-008", subject: "workspace", row: 19, where: [CLOUD, APPS], requires: [ATT, ATT] },
  { id: "APPS-ING-009", subject: "workspace", row: 20, where: [APPS, PN], requires: [PN, PN, PN, PN, PN, PN] },
  { id: "APPS-ING-010", subject: "workspace", row: 21, where: [APPS, PN], requires: [PN] },
];

export function checkIngress(c: Ctx, w: Ws, m: number, out: Uint8Array, i: number, n: number): void {
  // Every workspace control here requires `count(ws.apps) > 0`.
  const appsGap = (m & APPS) !== 0;
  if (!appsGap && !w.hasApps) return;

  // A malformed enabled entry fails what reads `allowed_ranges(ws)` (APPS-ING-002's requirement),
  // and a malformed ALLOW entry what reads `allow_entries(ws)` with `within` (APPS-ING-003's first
  // two), even where the lists were not collected (LANGUAGE.md §5).
  const bad = w.hasMalformedEntry();
  if (m & IPL) {
    // APPS-ING-001/003 read the lists in their requirements, APPS-ING-002 in its `where` too.
    out[14 * n + i] = UNKNOWN;
    out[15 * n + i] = bad ? result(1, true) : UNKNOWN;
    out[16 * n + i] = w.hasMalformedAllow() ? result(3, true) : UNKNOWN;
  } else {
    // APPS-ING-001: ip access lists enforced.
    out[14 * n + i] = m & WCONF ? UNKNOWN : result(w.ws.workspace_conf?.enableIpAccessLists === "true" && w.hasEnabledAllow() ? 0 : 1, appsGap);
    // APPS-ING-002: where an enabled ALLOW list exists; allow only from corporate.
    if (w.hasEnabledAllow()) out[15 * n + i] = result(w.allowedWithinCorporate() && !bad ? 0 : 1, appsGap);
    // APPS-ING-003: the ALLOW entries before BLOCK cover neither family (a malformed ALLOW entry
    // fails both), the public part of the effective set is within the limits, and every enabled
    // entry is an address or CIDR range.
    out[16 * n + i] = result(w.internetSize(), appsGap);
  }

  // APPS-ING-006: an Azure workspace's ARM resource is exported; private link required.
  {
    const f1 = m & CLOUD ? 0 : w.isAzure() && w.ar === undefined ? 1 : 0;
    const f2 = m & (PAS | CLOUD) ? 0 : w.privateLinkRequired() ? 0 : 2;
    out[17 * n + i] = result(f1 | f2, appsGap || (m & (PAS | CLOUD)) !== 0);
  }

  // APPS-ING-007 / 008: Azure workspaces (007: with an approved databricks_ui_api endpoint).
  const cloudGap = (m & CLOUD) !== 0;
  if (cloudGap || w.isAzure()) {
    const u = appsGap || cloudGap;
    if ((m & AR) !== 0 || w.ar === undefined || w.approvedUiApi()) {
      const f = (m & AR || w.ar !== undefined ? 0 : 1) | (m & ATT || c.dnsForwarded() ? 0 : 2);
      out[18 * n + i] = result(f, u || (m & (AR | ATT)) !== 0);
    }
    if (m & ATT) out[19 * n + i] = UNKNOWN;
    else {
      const present = c.legacyIsPresent();
      out[19 * n + i] = result((present ? 0 : 1) | (!present || c.legacyIsFalse() ? 0 : 2), u);
    }
  }

  // APPS-ING-009 / 010: where the policy has context-based ingress rules.
  if (m & PN) {
    // A malformed range fails what reads it even so: the included ranges (the third to fifth
    // requirements), every rule's admitted set (the fifth, unless the included ranges cover a
    // whole family, and the sixth).
    const p = w.policy();
    out[20 * n + i] = p.ctxIngress ? result(ruleMalformedFailures(p), true) : UNKNOWN;
    out[21 * n + i] = UNKNOWN;
  } else {
    const p = w.policy();
    if (p.ctxIngress) {
      const f = (p.pubRestricted ? 0 : 1) | (p.noAllIpRule ? 0 : 2) | (p.rulesCover4 ? 4 : 0) | (p.rulesCover6 ? 8 : 0) | (p.rulesCover4 || p.rulesCover6 || p.rulesSmall ? 0 : 16) | (p.rulesWithinCorporate ? 0 : 32);
      out[20 * n + i] = result(f | ruleMalformedFailures(p), appsGap);
      out[21 * n + i] = result(p.ingressInForce ? 0 : 1, appsGap);
    }
  }
}

/**
 * APPS-ING-009's requirements a malformed range fails (LANGUAGE.md §5): a malformed included range
 * fails the third to sixth (`included` is read by the third to fifth, `rule_admitted` by the sixth);
 * a malformed excluded range the sixth, and the fifth unless the included ranges cover a family.
 */
function ruleMalformedFailures(p: PolicyFacts): number {
  if (p.rulesIncludedMalformed) return 4 | 8 | 16 | 32;
  if (!p.rulesMalformed) return 0;
  return p.rulesCover4 || p.rulesCover6 ? 32 : 16 | 32;
}

/** `any l in a.ip_access_lists: l.list_type == "ALLOW" and l.enabled`. */
function hasEnabledAllow(a: Account): boolean {
  const ls = list(a.ip_access_lists);
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i];
    if (l != null && l.list_type === "ALLOW" && l.enabled === true) return true;
  }
  return false;
}

/** `account_allowed_ranges(a) within corporate`. */
function accountWithinCorporate(c: Ctx, a: Account): boolean {
  ENTRIES.reset();
  const ls = list(a.ip_access_lists);
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i];
    if (l == null || l.enabled !== true) continue;
    if (l.list_type === "ALLOW") ENTRIES.addAll(l.ip_addresses, true);
    else if (l.list_type === "BLOCK") ENTRIES.addAll(l.ip_addresses, false);
  }
  return ENTRIES.withinAfterBlock(c.params.corporate);
}

/** APPS-ING-004 and APPS-ING-005 for the account `a` (`m`: uncollected slot bits). */
export function checkAccount(c: Ctx, a: Account, m: number, out: Uint8Array): void {
  // APPS-ING-004: the IP access list setting is exported and on; an enabled ALLOW list exists.
  {
    let u = false;
    let f = 0;
    if (m & AIE) u = true;
    else {
      const e = a.ip_access_enable;
      if (e == null) f |= 1;
      else if (e.acct_ip_acl_enable != null && e.acct_ip_acl_enable.value !== true) f |= 2;
    }
    if (m & AIL) u = true;
    else if (!hasEnabledAllow(a)) f |= 4;
    out[0] = result(f, u);
  }
  // APPS-ING-005: where an enabled ALLOW list exists; its ranges (minus BLOCK) within corporate;
  // a malformed enabled entry fails it, collected or not.
  if (m & AIL) {
    accountWithinCorporate(c, a);
    out[1] = ENTRIES.malformed ? result(1, true) : UNKNOWN;
  } else if (hasEnabledAllow(a)) {
    const ok = accountWithinCorporate(c, a);
    out[1] = result(ok && !ENTRIES.malformed ? 0 : 1, false);
  }
  // APPS-ING-011: the account's lists, as APPS-ING-003 judges a workspace's (a malformed ALLOW
  // entry fails the first two requirements, collected or not).
  const allow: unknown[] = [];
  const block: unknown[] = [];
  const ls = list(a.ip_access_lists);
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i];
    if (l == null || l.enabled !== true) continue;
    if (l.list_type === "ALLOW") allow.push(l.ip_addresses);
    else if (l.list_type === "BLOCK") block.push(l.ip_addresses);
  }
  if (m & AIL) out[2] = result(allowMalformedFailures(flatEntries(allow)), true);
  else out[2] = result(internetSizeFailures(flatEntries(allow), flatEntries(block), c.params.maxPublic4, c.params.maxPublic6), false);
}
