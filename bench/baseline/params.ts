/**
 * Role: the site parameters of package `databricks.apps` (`policies/databricks/apps/params.perimeter`)
 * in the form the checks use: the corporate ranges parsed, sorted and merged, the approved
 * destination patterns validated and normalised. The defaults are built once per process; an
 * override (as in a `--params` file: `corporate`, `approved_destinations`) once per call.
 */

import { normPatterns } from "./dns.js";
import { NET, parseNet, Ranges } from "./net.js";
import { operandSet, type AddrSet } from "./public.js";

/** The params of package `databricks.apps` (`policies/databricks/apps/params.perimeter`). */
export interface BaselineParams {
  readonly corporate?: readonly string[];
  readonly approved_destinations?: readonly string[];
  readonly max_public_ingress_addresses?: number;
  readonly max_public_ingress_ipv6_block?: string;
}

export const DEFAULT_CORPORATE: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];
export const DEFAULT_APPROVED: readonly string[] = [
  "*.databricksapps.com",
  "pypi.org",
  "files.pythonhosted.org",
  "registry.npmjs.org",
];

/** `tld_wildcards` of `databricks.apps`. */
export const TLD_WILDCARDS: ReadonlySet<string> = new Set(
  ["com", "net", "org", "io", "ai", "app", "dev", "cloud", "co", "info", "biz", "xyz", "us", "uk", "eu", "de"].map((t) => `*.${t}`),
);


export class Params {
  readonly corporate: Ranges;
  /** The valid approved patterns, normalised. */
  readonly approved: readonly string[];
  /** False when an approved entry is not a string (`matches` is then false for every name). */
  readonly approvedOk: boolean;
  /** `corporate` as an address set (undefined when an entry is not an address). */
  readonly corpSet: AddrSet | undefined;
  /** `max_public_ingress_addresses`, and `cidr_size(max_public_ingress_ipv6_block)` (undefined: missing). */
  readonly maxPublic4: number | undefined;
  readonly maxPublic6: bigint | undefined;

  constructor(p: BaselineParams | undefined) {
    const corp = p?.corporate ?? DEFAULT_CORPORATE;
    const appr = p?.approved_destinations ?? DEFAULT_APPROVED;
    this.corporate = new Ranges(corp);
    this.approved = normPatterns(appr);
    this.approvedOk = appr.every((x) => typeof x === "string");
    this.corpSet = operandSet(corp);
    const m4: unknown = p?.max_public_ingress_addresses ?? 16777216;
    this.maxPublic4 = typeof m4 === "number" ? m4 : undefined;
    const b6: unknown = p?.max_public_ingress_ipv6_block ?? "::/32";
    const f = typeof b6 === "string" ? parseNet(b6) : 0;
    this.maxPublic6 = f === 6 ? NET.hi6 - NET.lo6 + 1n : f === 4 ? BigInt(NET.hi - NET.lo + 1) : undefined;
  }
}

export const DEFAULT_PARAMS = new Params(undefined);
