/**
 * Role: the workspace prerequisites APPS-GEN-001..003 (`policies/databricks/apps/general.perimeter`)
 * for one workspace: Premium tier where apps run, and No Public IP and VNet injection on every
 * Azure workspace with classic compute. Result codes as in `control.ts`.
 */

import type { ControlInfo } from "./control.js";
import { result } from "./control.js";
import type { Ctx } from "./context.js";
import type { Ws } from "./workspace.js";
import { APPS, AR, AW } from "./slots.js";

const CLOUD = AW | AR;

export const GENERAL: readonly ControlInfo[] = [
  { id: "APPS-GEN-001", subject: "workspace", row: 10, where: [APPS], requires: [CLOUD] },
  { id: "APPS-GEN-002", subject: "workspace", row: 11, where: [CLOUD, CLOUD], requires: [AR] },
  { id: "APPS-GEN-003", subject: "workspace", row: 12, where: [CLOUD, CLOUD], requires: [AR] },
];

export function checkGeneral(_c: Ctx, w: Ws, m: number, out: Uint8Array, i: number, n: number): void {
  // APPS-GEN-001: where count(ws.apps) > 0; is_premium(ws).
  {
    const appsGap = (m & APPS) !== 0;
    if (appsGap || w.hasApps) out[10 * n + i] = result(m & CLOUD ? 0 : w.isPremium() ? 0 : 1, appsGap || (m & CLOUD) !== 0);
  }

  // APPS-GEN-002 / 003: where is_azure(ws) and not is_serverless_only(ws).
  const cloudGap = (m & CLOUD) !== 0;
  if (!cloudGap && (!w.isAzure() || w.isServerlessOnly())) return;
  if (m & AR) {
    out[11 * n + i] = result(0, true);
    out[12 * n + i] = result(0, true);
    return;
  }
  const p = w.ar?.properties?.parameters;
  // enableNoPublicIp.value == true
  out[11 * n + i] = result(p?.enableNoPublicIp?.value === true ? 0 : 1, cloudGap);
  // customVirtualNetworkId, customPublicSubnetName and customPrivateSubnetName values are present
  const injected = p?.customVirtualNetworkId?.value != null && p.customPublicSubnetName?.value != null && p.customPrivateSubnetName?.value != null;
  out[12 * n + i] = result(injected ? 0 : 1, cloudGap);
}
