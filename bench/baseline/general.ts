/**
 * Role: the workspace prerequisites APPS-GEN-001..004 (`policies/databricks/apps/general.perimeter`)
 * for one workspace: Premium tier where apps run, and No Public IP and VNet injection on every
 * Azure workspace with classic compute. Result codes as in `control.ts`.
 */

import type { ControlInfo } from "./control.js";
import { result, UNKNOWN } from "./control.js";
import type { Ctx } from "./context.js";
import type { Ws } from "./workspace.js";
import { APPS, AR, AW } from "./slots.js";

const CLOUD = AW | AR;

export const GENERAL: readonly ControlInfo[] = [
  { id: "APPS-GEN-001", subject: "workspace", row: 10, where: [APPS], requires: [CLOUD] },
  { id: "APPS-GEN-002", subject: "workspace", row: 11, where: [CLOUD, CLOUD], requires: [AR, AR] },
  { id: "APPS-GEN-003", subject: "workspace", row: 12, where: [CLOUD, CLOUD], requires: [AR, AR] },
  { id: "APPS-GEN-004", subject: "workspace", row: 13, where: [AW, CLOUD], requires: [AW, AW] },
];

export function checkGeneral(_c: Ctx, w: Ws, m: number, out: Uint8Array, i: number, n: number): void {
  // APPS-GEN-001: where count(ws.apps) > 0; is_premium(ws).
  {
    const appsGap = (m & APPS) !== 0;
    if (appsGap || w.hasApps) out[10 * n + i] = result(m & CLOUD ? 0 : w.isPremium() ? 0 : 1, appsGap || (m & CLOUD) !== 0);
  }

  // APPS-GEN-004: where (is_aws(ws) or is_gcp(ws)) and not is_serverless_only(ws); the account
  // record is present, and names a network configuration.
  {
    const awGap = (m & AW) !== 0;
    const bothGap = (m & CLOUD) !== 0;
    if ((awGap || w.isAwsOrGcp()) && (bothGap || !w.isServerlessOnly())) {
      out[13 * n + i] = awGap ? UNKNOWN : result(w.aw === undefined ? 1 : w.aw.network_id == null ? 2 : 0, bothGap);
    }
  }

  // APPS-GEN-002 / 003: where is_azure(ws) and not is_serverless_only(ws).
  const cloudGap = (m & CLOUD) !== 0;
  if (!cloudGap && (!w.isAzure() || w.isServerlessOnly())) return;
  if (m & AR) {
    out[11 * n + i] = result(0, true);
    out[12 * n + i] = result(0, true);
    return;
  }
  // The ARM resource is present; then its values (requirement 2 holds when it is missing).
  const absent = w.ar === undefined;
  const p = w.ar?.properties?.parameters;
  // enableNoPublicIp.value == true
  out[11 * n + i] = result(absent ? 1 : p?.enableNoPublicIp?.value === true ? 0 : 2, cloudGap);
  // customVirtualNetworkId, customPublicSubnetName and customPrivateSubnetName values are present
  const injected = p?.customVirtualNetworkId?.value != null && p.customPublicSubnetName?.value != null && p.customPrivateSubnetName?.value != null;
  out[12 * n + i] = result(absent ? 1 : injected ? 0 : 2, cloudGap);
}
